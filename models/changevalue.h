// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/journalrecords.h"
#include "models/smtpauthpolicy.h"

#include <QMetaType>
#include <QString>
#include <QStringView>
#include <optional>

namespace smtpauth {

// The value of a change target, before or after a change: a mailbox's own value (Override) or the org
// setting (OrgSetting) in one type, so that a change, its write and its read-back compare values, never
// words. The org has no Inherit: parsing refuses it for the org, and toOrgSetting() asserts it away.
// The words (inherit | enabled | disabled) exist only at the edges: the journal's columns, CSV, the CLI.
enum class ChangeValue : quint8
{
    Inherit,
    Enabled,
    Disabled
};

ChangeValue changeValueOf(Override value);
ChangeValue changeValueOf(OrgSetting value);
Override toOverride(ChangeValue value);
// value must not be Inherit (a value of the org never is: see changeValueFromName()).
OrgSetting toOrgSetting(ChangeValue value);
// Whether a target of this kind can have the value (everything but Inherit for the org).
bool isValueOf(ChangeTargetKind kind, ChangeValue value);

// inherit | enabled | disabled: the words of the journal, CSV and JSON output (smtpauthpolicy.h).
QString machineName(ChangeValue value);
// The word (case-insensitive, surrounding blanks ignored) as a value of a target of this kind; nullopt
// with *error naming the word for anything else, and for "inherit" on the org.
std::optional<ChangeValue> changeValueFromName(ChangeTargetKind kind, QStringView word,
                                               QString *error = nullptr);

} // namespace smtpauth

Q_DECLARE_METATYPE(smtpauth::ChangeValue)
