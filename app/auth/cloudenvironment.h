#pragma once

#include <QString>
#include <QStringView>
#include <QUrl>

#include <optional>

namespace smtpauth {

// Where a tenant lives: which identity authority signs it in and which Exchange Online host serves its
// admin API. Sovereign clouds are separate deployments with their own hosts and their own token
// audiences, so both URLs and the scope come from this one table.
class CloudEnvironment
{
public:
    enum class Kind { Global, GccHigh, DoD, China, Custom };

    // The published clouds. Custom is built with custom() below.
    static CloudEnvironment global();
    static CloudEnvironment gccHigh();
    static CloudEnvironment dod();
    static CloudEnvironment china();
    // Explicit URLs, e.g. the embedded demo tenant on http://127.0.0.1:PORT for both. It stands in for
    // the worldwide service, so its scope asks for the worldwide audience.
    static CloudEnvironment custom(const QUrl &authority, const QUrl &apiBase);

    // The command-line words global|gcchigh|dod|china (case-insensitive); anything else: nullopt.
    static std::optional<CloudEnvironment> fromName(QStringView name);
    static CloudEnvironment fromKind(Kind kind); // Custom gives empty URLs

    Kind kind() const { return m_kind; }
    // global | gcchigh | dod | china | custom (what fromName accepts back, plus "custom")
    QString name() const;
    QUrl authority() const { return m_authority; }
    QUrl apiBase() const { return m_apiBase; }

    // {authority}/{tenant}/oauth2/v2.0/authorize and .../token. `tenant` is a GUID, a domain, or
    // "organizations" for a first sign-in where the tenant is not known yet.
    QUrl authorizeUrl(const QString &tenant) const;
    QUrl tokenUrl(const QString &tenant) const;

    // "{apiBase}/.default offline_access openid profile". The token audience must be the API host the
    // requests go to: https://outlook.office365.com in the worldwide cloud (and GCC), but
    // https://outlook.office365.us / outlook-dod.office365.us / outlook.office365.cn in the sovereign
    // clouds, whose tokens for the worldwide resource are not accepted there.
    QString scope() const;

    friend bool operator==(const CloudEnvironment &, const CloudEnvironment &) = default;

private:
    CloudEnvironment(Kind kind, const QUrl &authority, const QUrl &apiBase);
    QUrl endpointUrl(const QString &tenant, QStringView leaf) const;

    Kind m_kind = Kind::Global;
    QUrl m_authority;
    QUrl m_apiBase;
};

} // namespace smtpauth
