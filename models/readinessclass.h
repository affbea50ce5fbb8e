// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/readinessvocabulary.h"
#include "models/smtpauthpolicy.h"

#include <QMetaType>
#include <QString>
#include <QStringView>
#include <array>

namespace smtpauth {

// The readiness classes of readiness.md §3: what the cutoff does to one mailbox, judged from the usage
// evidence and the verdicts. The machine names are a contract (`smtpauth-cli readiness`, exports).
enum class ReadinessClass : quint8
{
    Unknown,
    BreaksAtCutoff,
    BlockedNow,
    OAuthOnly,
    UnclearAuth,
    StaleException,
    NoUse,
};
inline constexpr int kReadinessClassCount = 7;
// In the order of readiness.md §3 (and of the counts object of §4).
inline constexpr std::array<ReadinessClass, kReadinessClassCount> kReadinessClasses{
    ReadinessClass::Unknown,   ReadinessClass::BreaksAtCutoff, ReadinessClass::BlockedNow,
    ReadinessClass::OAuthOnly, ReadinessClass::UnclearAuth,    ReadinessClass::StaleException,
    ReadinessClass::NoUse};

// What is known about one mailbox when it is classified.
struct ReadinessFacts
{
    bool anyUsageSourceRead = false; // tenant-wide: at least one source of readiness.md §2 was read
    bool basicUse = false;           // a successful Basic sign-in, or Basic rows in the SMTP AUTH report
    bool basicAttempt = false;       // any Basic sign-in, or Basic rows
    bool smtpAuthUse = false;        // SMTP App used, any SMTP AUTH report row, or any Basic sign-in
    bool basicVsOAuthToldApart = false;
    Verdict basicNow = Verdict::Unknown;
    Verdict oauth = Verdict::Unknown;
    Override smtpAuthOverride = Override::Inherit;
};

// readiness.md §3 as a table: the first rule whose condition holds decides.
class ReadinessClassifier
{
public:
    static ReadinessClass classify(const ReadinessFacts &facts);
};

QString machineName(ReadinessClass readinessClass); // unknown | breaks-at-cutoff | blocked-now | ...
bool readinessClassFromName(QStringView name, ReadinessClass *out);
QString displayText(ReadinessClass readinessClass); // "Breaks at cutoff", ...
// What the console suggests for the class (readiness.md §3, last column), in words for people.
QString adviceText(ReadinessClass readinessClass);

} // namespace smtpauth

Q_DECLARE_METATYPE(smtpauth::ReadinessClass)
