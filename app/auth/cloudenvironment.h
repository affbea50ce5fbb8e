// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QString>
#include <QStringView>
#include <QUrl>
#include <optional>

namespace smtpauth {

// Where a tenant lives: which identity authority signs it in, which Exchange Online host serves its
// admin API and which Microsoft Graph host serves its directory (graph-protocol.md §1). Sovereign
// clouds are separate deployments with their own hosts and their own token audiences, so the URLs and
// the scopes come from this one table.
class CloudEnvironment
{
public:
    enum class Kind
    {
        Global,
        GccHigh,
        DoD,
        China,
        Custom
    };

    // The published clouds. Custom is built with custom() below.
    static CloudEnvironment global();
    static CloudEnvironment gccHigh();
    static CloudEnvironment dod();
    static CloudEnvironment china();
    // Explicit URLs, e.g. the embedded demo tenant on http://127.0.0.1:PORT for all three. It stands in
    // for the worldwide service, so its scopes ask for the worldwide audiences. An empty graphBase means
    // the API base also serves Graph (the demo tenant does).
    static CloudEnvironment custom(const QUrl &authority, const QUrl &apiBase, const QUrl &graphBase = {});

    // The command-line words global|gcchigh|dod|china (case-insensitive); anything else: nullopt.
    static std::optional<CloudEnvironment> fromName(QStringView name);
    static CloudEnvironment fromKind(Kind kind); // Custom gives empty URLs

    Kind kind() const { return m_kind; }
    // global | gcchigh | dod | china | custom (what fromName accepts back, plus "custom")
    QString name() const;
    QUrl authority() const { return m_authority; }
    QUrl apiBase() const { return m_apiBase; }
    QUrl graphBase() const { return m_graphBase; }

    // {authority}/{tenant}/oauth2/v2.0/authorize and .../token. `tenant` is a GUID, a domain, or
    // "organizations" for a first sign-in where the tenant is not known yet.
    QUrl authorizeUrl(const QString &tenant) const;
    QUrl tokenUrl(const QString &tenant) const;

    // "{apiBase}/.default offline_access openid profile". The token audience must be the API host the
    // requests go to: https://outlook.office365.com in the worldwide cloud (and GCC), but
    // https://outlook.office365.us / outlook-dod.office365.us / outlook.office365.cn in the sovereign
    // clouds, whose tokens for the worldwide resource are not accepted there.
    QString scope() const;

    // The Graph audience of this cloud (https://graph.microsoft.com worldwide, .us in GCC High, ...).
    QString graphResource() const;
    // "<graph resource>/<permission> ... offline_access": the delegated Graph permissions asked for,
    // e.g. Policy.Read.All. offline_access keeps the refresh token usable for both resources.
    QString graphScope(const QStringList &permissions) const;
    friend bool operator==(const CloudEnvironment &, const CloudEnvironment &) = default;

private:
    CloudEnvironment(Kind kind, const QUrl &authority, const QUrl &apiBase, const QUrl &graphBase);
    QUrl endpointUrl(const QString &tenant, QStringView leaf) const;

    Kind m_kind = Kind::Global;
    QUrl m_authority;
    QUrl m_apiBase;
    QUrl m_graphBase;
};

} // namespace smtpauth
