// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace smtpauth {

class EmulatorTenant;

// The CSV behind getEmailAppUsageUserDetail (graph-protocol.md §4): UTF-8 with a BOM, CRLF, quoted
// where needed, dates YYYY-MM-DD, one row per user with any activity in the period (mailbox users and
// the usage plan's users without a mailbox). SMTP App reads "Yes" when SMTP AUTH was used in the
// period, like the other app columns (the page leaves the text open; the real report writes "Yes").
class EmulatorEmailAppUsageReport
{
public:
    struct Options
    {
        int periodDays = 30;
        bool concealedNames = false; // UPN and display name become a stable 32-hex pseudonym
        bool columnsMoved = false;   // the same columns in another order (clients match by name)
    };

    static const QStringList &columns();                      // the documented order
    static const QStringList &movedColumns();                 // the order of the columnsMoved knob
    static bool periodDays(const QString &period, int *days); // "D7" -> 7; false for anything else
    static QString pseudonym(const QString &tenantKey, const QString &userPrincipalName);

    static QByteArray build(const EmulatorTenant &tenant, const Options &options);
};

} // namespace smtpauth
