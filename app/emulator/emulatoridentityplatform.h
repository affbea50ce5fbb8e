#pragma once

#include "emulatorhttpanswer.h"
#include "emulatoruser.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QUuid>

namespace smtpauth {

class EmulatorTenant;

// The Microsoft identity platform as a public desktop client sees it: /authorize (code + PKCE S256,
// loopback redirects only) and /token (authorization_code, refresh_token with rotation).
class EmulatorIdentityPlatform
{
public:
    enum class TokenCheck { Valid, Missing, Invalid, Expired };

    // Builds the four demo users of the tenant and forgets every code and token issued so far.
    void reset(const EmulatorTenant &tenant, const QString &requiredClientId, int tokenLifetimeSeconds);

    const QList<EmulatorUser> &users() const { return m_users; }
    QUuid tenantId() const { return m_tenantId; }

    // rawQuery is the query string as received (percent-encoded); selfPath is the request path, used to
    // build the links of the user picker page.
    EmulatorHttpAnswer authorize(QStringView tenantSegment, const QString &rawQuery, const QString &selfPath);
    EmulatorHttpAnswer token(QStringView tenantSegment, const QByteArray &contentType, const QByteArray &body);

    // Resolves the Authorization header of an API request; returns the user index or -1.
    int authenticate(const QByteArray &authorizationHeader, TokenCheck *check) const;

    void expireAccessTokens();
    void revokeRefreshTokens();
    int accessTokenLifetimeSeconds() const { return m_tokenLifetimeSeconds; }

private:
    struct CodeGrant
    {
        int userIndex = -1;
        QString clientId;
        QString redirectUri;
        QString codeChallenge;
        QString scope;
        qint64 expiresAtMs = 0;
    };
    struct RefreshGrant
    {
        int userIndex = -1;
        QString clientId;
        QString scope;
    };
    struct AccessGrant
    {
        int userIndex = -1;
        qint64 expiresAtMs = 0;
    };

    bool acceptsTenantSegment(QStringView segment) const;
    int userIndexForHint(QStringView loginHint) const;
    EmulatorHttpAnswer issueTokens(int userIndex, const QString &clientId, const QString &scope);
    QByteArray makeIdToken(const EmulatorUser &user, const QString &clientId) const;

    QUuid m_tenantId;
    QString m_domain;
    QString m_requiredClientId;
    int m_tokenLifetimeSeconds = 3600;
    QByteArray m_signingKey;
    QList<EmulatorUser> m_users;
    QHash<QString, CodeGrant> m_codes;
    QSet<QString> m_redeemedCodes;
    QHash<QString, RefreshGrant> m_refreshTokens;
    QSet<QString> m_retiredRefreshTokens;
    QHash<QByteArray, AccessGrant> m_accessTokens;
};

} // namespace smtpauth
