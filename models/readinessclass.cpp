// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/readinessclass.h"

#include <QCoreApplication>

namespace smtpauth {

namespace {

struct ClassRule
{
    ReadinessClass result;
    bool (*holds)(const ReadinessFacts &);
};

// readiness.md §3, row by row; the order is the rule (first match wins).
constexpr std::array<ClassRule, kReadinessClassCount> kRules{{
    {ReadinessClass::Unknown, [](const ReadinessFacts &f) { return !f.anyUsageSourceRead; }},
    {ReadinessClass::BreaksAtCutoff,
     [](const ReadinessFacts &f) { return f.basicUse && f.basicNow != Verdict::Blocked; }},
    {ReadinessClass::BlockedNow,
     [](const ReadinessFacts &f) {
         return (f.basicAttempt && f.basicNow == Verdict::Blocked) ||
                (f.smtpAuthUse && !f.basicAttempt && f.basicVsOAuthToldApart && f.oauth == Verdict::Blocked);
     }},
    {ReadinessClass::OAuthOnly,
     [](const ReadinessFacts &f) {
         return f.smtpAuthUse && !f.basicAttempt && f.basicVsOAuthToldApart && f.oauth == Verdict::Allowed;
     }},
    {ReadinessClass::UnclearAuth,
     [](const ReadinessFacts &f) { return f.smtpAuthUse && !f.basicAttempt && !f.basicVsOAuthToldApart; }},
    {ReadinessClass::StaleException,
     [](const ReadinessFacts &f) { return f.smtpAuthOverride == Override::Enabled && !f.smtpAuthUse; }},
    {ReadinessClass::NoUse, [](const ReadinessFacts &) { return true; }},
}};

struct ClassWords
{
    ReadinessClass value;
    const char *machine;
    const char *display;
    const char *advice;
};

constexpr std::array<ClassWords, kReadinessClassCount> kWords{{
    {ReadinessClass::Unknown, "unknown", QT_TRANSLATE_NOOP("ReadinessClass", "Unknown"),
     QT_TRANSLATE_NOOP(
         "ReadinessClass",
         "No usage source could be read: allow the readiness permissions, or import the SMTP AUTH "
         "clients report from the Exchange admin center.")},
    {ReadinessClass::BreaksAtCutoff, "breaks-at-cutoff",
     QT_TRANSLATE_NOOP("ReadinessClass", "Breaks at cutoff"),
     QT_TRANSLATE_NOOP(
         "ReadinessClass",
         "Move the device or app to OAuth, High Volume Email, or a connector or relay before the "
         "cutoff.")},
    {ReadinessClass::BlockedNow, "blocked-now", QT_TRANSLATE_NOOP("ReadinessClass", "Blocked now"),
     QT_TRANSLATE_NOOP("ReadinessClass", "Already failing: see the layer that decides it.")},
    {ReadinessClass::OAuthOnly, "oauth-only", QT_TRANSLATE_NOOP("ReadinessClass", "OAuth only"),
     QT_TRANSLATE_NOOP("ReadinessClass", "Nothing to do.")},
    {ReadinessClass::UnclearAuth, "unclear-auth",
     QT_TRANSLATE_NOOP("ReadinessClass", "Unclear authentication"),
     QT_TRANSLATE_NOOP("ReadinessClass",
                       "Import the SMTP AUTH clients report, or read sign-ins for the whole usage period.")},
    {ReadinessClass::StaleException, "stale-exception",
     QT_TRANSLATE_NOOP("ReadinessClass", "Stale exception"),
     QT_TRANSLATE_NOOP("ReadinessClass", "Reset to inherit (through the review, with a reason).")},
    {ReadinessClass::NoUse, "no-use", QT_TRANSLATE_NOOP("ReadinessClass", "No use"),
     QT_TRANSLATE_NOOP("ReadinessClass", "Nothing to do.")},
}};

const ClassWords &wordsOf(ReadinessClass value)
{
    return kWords[size_t(value)];
}

} // namespace

ReadinessClass ReadinessClassifier::classify(const ReadinessFacts &facts)
{
    for (const ClassRule &rule : kRules) {
        if (rule.holds(facts))
            return rule.result;
    }
    return ReadinessClass::NoUse; // unreachable: the last rule always holds
}

QString machineName(ReadinessClass readinessClass)
{
    return QString::fromLatin1(wordsOf(readinessClass).machine);
}

bool readinessClassFromName(QStringView name, ReadinessClass *out)
{
    for (const ClassWords &words : kWords) {
        if (name.compare(QLatin1String(words.machine), Qt::CaseInsensitive) == 0) {
            *out = words.value;
            return true;
        }
    }
    return false;
}

QString displayText(ReadinessClass readinessClass)
{
    return QCoreApplication::translate("ReadinessClass", wordsOf(readinessClass).display);
}

QString adviceText(ReadinessClass readinessClass)
{
    return QCoreApplication::translate("ReadinessClass", wordsOf(readinessClass).advice);
}

} // namespace smtpauth
