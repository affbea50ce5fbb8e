// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "emulator/emulatorhttpanswer.h"
#include "emulator/emulatoruser.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QUuid>

namespace smtpauth {

class EmulatorDirectory;
class EmulatorTenant;

// The Microsoft identity platform as a public desktop client sees it: /authorize (code + PKCE S256,
// loopback redirects only) and /token (authorization_code, refresh_token with rotation).
//
// One access token has one audience (graph-protocol.md §1): Exchange Online
// (https://outlook.office365.com/.default or .../Exchange.Manage) or Microsoft Graph
// (https://graph.microsoft.com/<Permission>, .../.default, or a bare permission name, which the real
// service also reads as Graph). The refresh token is multi-resource, as in Entra: the one from the
// Exchange sign-in is redeemed for Graph and rotates like every redemption. Graph tokens need the
// user's consent to the permissions asked for (EmulatorDirectory keeps it per user and client id);
// /authorize with Graph scopes records that consent.
class EmulatorIdentityPlatform
{
public:
    enum class TokenCheck
    {
        Valid,
        Missing,
        Invalid,
        Expired
    };
    enum class Audience
    {
        Exchange,
        Graph
    };

    // Builds the four demo users of the tenant and forgets every code and token issued so far.
    void reset(const EmulatorTenant &tenant, const QString &requiredClientId, int tokenLifetimeSeconds);

    const QList<EmulatorUser> &users() const { return m_users; }
    QUuid tenantId() const { return m_tenantId; }

    // Where consent lives. Without a directory every user has consented to the app's Graph permissions.
    void setDirectory(EmulatorDirectory *directory) { m_directory = directory; }

    // rawQuery is the query string as received (percent-encoded); selfPath is the request path, used to
    // build the links of the user picker page. *consentRecorded is set when the approval recorded
    // consent to Graph permissions (the directory changed).
    EmulatorHttpAnswer authorize(QStringView tenantSegment, const QString &rawQuery, const QString &selfPath,
                                 bool *consentRecorded = nullptr);
    EmulatorHttpAnswer token(QStringView tenantSegment, const QByteArray &contentType,
                             const QByteArray &body);

    // Resolves the Authorization header of an API request; returns the user index or -1. For a valid
    // token *audience receives its audience and *scopes its permissions (Graph: the `scp` names).
    int authenticate(const QByteArray &authorizationHeader, TokenCheck *check, Audience *audience = nullptr,
                     QStringList *scopes = nullptr) const;

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
        Audience audience = Audience::Exchange;
        QStringList scopes;
    };
    // What a token request will get, decided before anything is consumed or rotated.
    struct Issue
    {
        int userIndex = -1;
        QString clientId;
        Audience audience = Audience::Exchange;
        QStringList scopes;   // the access token's permissions
        QString grantedScope; // the answer's "scope"
        bool refreshToken = false;
        bool idToken = false;
        QString refreshScope; // what the new refresh token remembers
    };

    bool acceptsTenantSegment(QStringView segment) const;
    int userIndexForHint(QStringView loginHint) const;
    // resourceScope names the resource (and permissions); flagScopes adds offline_access/openid.
    // Returns false with the error answer in *refusal.
    bool plan(int userIndex, const QString &clientId, const QString &resourceScope, const QString &flagScopes,
              bool alwaysRefresh, Issue *issue, EmulatorHttpAnswer *refusal) const;
    EmulatorHttpAnswer issueTokens(const Issue &issue);
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
    EmulatorDirectory *m_directory = nullptr;
};

} // namespace smtpauth
