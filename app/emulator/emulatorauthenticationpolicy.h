// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QDateTime>
#include <QString>
#include <QUuid>
#include <array>

namespace smtpauth {

// One Exchange authentication policy (Get-AuthenticationPolicy, exchange-protocol.md §9): which
// protocols still accept Basic authentication for the users it applies to.
struct EmulatorAuthenticationPolicy
{
    // The twelve AllowBasicAuth* switches, in the order Get-AuthenticationPolicy lists them.
    enum Protocol : int
    {
        ActiveSync,
        Autodiscover,
        Imap,
        Mapi,
        OfflineAddressBook,
        OutlookService,
        Pop,
        ReportingWebServices,
        Rpc,
        Smtp,
        WebServices,
        Powershell,
        ProtocolCount
    };
    static constexpr std::array<const char *, ProtocolCount> kPropertyNames{
        "AllowBasicAuthActiveSync", "AllowBasicAuthAutodiscover",         "AllowBasicAuthImap",
        "AllowBasicAuthMapi",       "AllowBasicAuthOfflineAddressBook",   "AllowBasicAuthOutlookService",
        "AllowBasicAuthPop",        "AllowBasicAuthReportingWebServices", "AllowBasicAuthRpc",
        "AllowBasicAuthSmtp",       "AllowBasicAuthWebServices",          "AllowBasicAuthPowershell",
    };
    // The entry the real service lists next to the admin's own policies (it governs legacy Exchange
    // tokens for add-ins, not Basic auth); clients must skip it.
    static constexpr const char *kLegacyExchangeTokens = "LegacyExchangeTokens";

    QString name; // also the Identity
    QString distinguishedName;
    QUuid guid;
    std::array<bool, ProtocolCount> allowBasic{}; // all false: what New-AuthenticationPolicy creates
    QDateTime whenChangedUtc;

    bool isLegacyExchangeTokens() const
    {
        return name.compare(QLatin1String(kLegacyExchangeTokens), Qt::CaseInsensitive) == 0;
    }
    friend bool operator==(const EmulatorAuthenticationPolicy &,
                           const EmulatorAuthenticationPolicy &) = default;
};

} // namespace smtpauth
