// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QByteArray>
#include <QHash>
#include <QHttpServer>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

// A minimal Microsoft-identity-platform look-alike for the sign-in tests: authorize (approves at once
// with a 302 to the redirect URI, like the demo tenant with a login_hint) and token (authorization_code
// with its own PKCE S256 check, refresh_token with rotation). Listens on 127.0.0.1, port chosen by the OS.
class TestIdentityProvider
{
public:
    enum class AuthorizeMode
    {
        Approve,
        Deny,
        WrongState,
        ShowPage,
        RedirectElsewhere,
        ForgetChallenge
    };

    TestIdentityProvider();

    QUrl authority() const;
    QString clientId() const { return QStringLiteral("test-client-id"); }
    QString tenantId() const { return QStringLiteral("11111111-2222-3333-4444-555555555555"); }

    AuthorizeMode authorizeMode = AuthorizeMode::Approve;
    qint64 accessTokenLifetime = 3600;
    QStringList roleIds;
    // false: a refresh asking for Microsoft Graph scopes is refused with AADSTS65001 (never consented),
    // and the presented refresh token stays valid, as Entra does.
    bool graphConsented = true;

    // What the server saw.
    QUrlQuery lastAuthorizeQuery;
    QUrlQuery lastTokenForm;
    QStringList tokenRequestTenants;
    int authorizationCodeRequests = 0;
    int refreshRequests = 0;
    QStringList refreshScopes; // the scope of every refresh, in order
    QString lastTokenError;    // why the last token request was refused, for test diagnostics

    // Issues a refresh token directly (as if signed in before), for refresh tests.
    QString issueRefreshToken();
    bool isValidRefreshToken(const QString &token) const { return m_liveRefreshTokens.contains(token); }
    void revokeAllRefreshTokens() { m_liveRefreshTokens.clear(); }

    static QByteArray makeJwt(const QJsonObject &payload);

private:
    QHttpServerResponse authorize(const QHttpServerRequest &request);
    QHttpServerResponse token(const QString &tenant, const QHttpServerRequest &request);
    QHttpServerResponse tokenError(const QString &error, const QString &description);
    QHttpServerResponse issueTokens();

    struct PendingCode
    {
        QString challenge;
        QString redirectUri;
        QString clientId;
    };

    QHttpServer m_server;
    quint16 m_port = 0;
    int m_serial = 0;
    QHash<QString, PendingCode> m_codes;
    QStringList m_liveRefreshTokens;
};
