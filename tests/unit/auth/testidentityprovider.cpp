// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "testidentityprovider.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>

namespace {
constexpr auto Base64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
}

TestIdentityProvider::TestIdentityProvider()
{
    m_server.route(QStringLiteral("/<arg>/oauth2/v2.0/authorize"),
                   [this](const QString &, const QHttpServerRequest &request) { return authorize(request); });
    m_server.route(
        QStringLiteral("/<arg>/oauth2/v2.0/token"),
        [this](const QString &tenant, const QHttpServerRequest &request) { return token(tenant, request); });
    m_port = m_server.listen(QHostAddress(QHostAddress::LocalHost), 0);
}

QUrl TestIdentityProvider::authority() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

QByteArray TestIdentityProvider::makeJwt(const QJsonObject &payload)
{
    const QByteArray header = QByteArrayLiteral("{\"alg\":\"none\",\"typ\":\"JWT\"}").toBase64(Base64Url);
    return header + '.' + QJsonDocument(payload).toJson(QJsonDocument::Compact).toBase64(Base64Url) + ".c2ln";
}

QString TestIdentityProvider::issueRefreshToken()
{
    const QString token = QStringLiteral("rt-%1+/=&x").arg(++m_serial); // characters that need form encoding
    m_liveRefreshTokens.append(token);
    return token;
}

QHttpServerResponse TestIdentityProvider::authorize(const QHttpServerRequest &request)
{
    const QUrlQuery query = request.query();
    lastAuthorizeQuery = query;
    const QString redirectUri = query.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded);
    const QString state = query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded);

    if (authorizeMode == AuthorizeMode::ShowPage)
        return QHttpServerResponse(QByteArrayLiteral("text/html"), QByteArrayLiteral("<html>Sign in</html>"));

    QUrl target(redirectUri);
    QUrlQuery answer;
    if (authorizeMode == AuthorizeMode::RedirectElsewhere)
        target = QUrl(QStringLiteral("http://example.invalid/steal"));

    if (authorizeMode == AuthorizeMode::Deny) {
        answer.addQueryItem(QStringLiteral("error"), QStringLiteral("access_denied"));
        answer.addQueryItem(QStringLiteral("error_description"),
                            QStringLiteral("AADSTS65004: User declined to consent to access the app.\r\n"
                                           "Trace ID: 0000 Correlation ID: 1111"));
    } else if (query.queryItemValue(QStringLiteral("response_type")) != QLatin1String("code") ||
               query.queryItemValue(QStringLiteral("client_id")) != clientId() ||
               query.queryItemValue(QStringLiteral("code_challenge_method")) != QLatin1String("S256") ||
               query.queryItemValue(QStringLiteral("code_challenge")).size() != 43) {
        answer.addQueryItem(QStringLiteral("error"), QStringLiteral("invalid_request"));
        answer.addQueryItem(QStringLiteral("error_description"), QStringLiteral("missing PKCE or client"));
    } else {
        const QString code = QStringLiteral("code-%1").arg(++m_serial);
        // ForgetChallenge: as if the code had been issued to someone else's challenge.
        const QString challenge = authorizeMode == AuthorizeMode::ForgetChallenge
                                      ? QStringLiteral("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
                                      : query.queryItemValue(QStringLiteral("code_challenge"));
        m_codes.insert(code, PendingCode{challenge, redirectUri, clientId()});
        answer.addQueryItem(QStringLiteral("code"), code);
    }
    answer.addQueryItem(QStringLiteral("state"),
                        authorizeMode == AuthorizeMode::WrongState ? QStringLiteral("forged-state") : state);
    target.setQuery(answer);

    QHttpServerResponse response(QHttpServerResponder::StatusCode::Found);
    response.setHeader(QByteArrayLiteral("Location"), target.toEncoded());
    return response;
}

QHttpServerResponse TestIdentityProvider::tokenError(const QString &error, const QString &description)
{
    lastTokenError = error + QStringLiteral(": ") + description;
    QJsonObject body{{QStringLiteral("error"), error}, {QStringLiteral("error_description"), description}};
    return QHttpServerResponse(body, QHttpServerResponder::StatusCode::BadRequest);
}

QHttpServerResponse TestIdentityProvider::issueTokens()
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QJsonObject claims{{QStringLiteral("tid"), tenantId()},
                       {QStringLiteral("preferred_username"), QStringLiteral("admin@contoso.example")},
                       {QStringLiteral("name"), QStringLiteral("Ada Admin")},
                       {QStringLiteral("oid"), QStringLiteral("oid-1")},
                       {QStringLiteral("exp"), now + 3600}};
    if (!roleIds.isEmpty())
        claims.insert(QStringLiteral("wids"), QJsonArray::fromStringList(roleIds));
    QJsonObject body{{QStringLiteral("token_type"), QStringLiteral("Bearer")},
                     {QStringLiteral("access_token"), QStringLiteral("at-%1").arg(++m_serial)},
                     {QStringLiteral("expires_in"), accessTokenLifetime},
                     {QStringLiteral("refresh_token"), issueRefreshToken()},
                     {QStringLiteral("id_token"), QString::fromLatin1(makeJwt(claims))}};
    return QHttpServerResponse(body);
}

QHttpServerResponse TestIdentityProvider::token(const QString &tenant, const QHttpServerRequest &request)
{
    if (request.method() != QHttpServerRequest::Method::Post)
        return QHttpServerResponse(QHttpServerResponder::StatusCode::MethodNotAllowed);
    tokenRequestTenants.append(tenant);
    // Form bodies encode spaces as '+'; QUrlQuery does not decode that by itself.
    QByteArray body = request.body();
    body.replace('+', ' ');
    const QUrlQuery form(QString::fromUtf8(body));
    lastTokenForm = form;
    auto field = [&form](const char *name) {
        return form.queryItemValue(QString::fromLatin1(name), QUrl::FullyDecoded);
    };
    if (field("client_id") != clientId())
        return tokenError(QStringLiteral("invalid_client"), QStringLiteral("AADSTS700016: unknown client"));

    const QString grant = field("grant_type");
    if (grant == QLatin1String("authorization_code")) {
        ++authorizationCodeRequests;
        const QString code = field("code");
        if (!m_codes.contains(code))
            return tokenError(QStringLiteral("invalid_grant"),
                              QStringLiteral("AADSTS70008: unknown or used code"));
        const PendingCode pending = m_codes.take(code);
        const QByteArray verifier = field("code_verifier").toLatin1();
        const QString expected = QString::fromLatin1(
            QCryptographicHash::hash(verifier, QCryptographicHash::Sha256).toBase64(Base64Url));
        if (verifier.isEmpty() || expected != pending.challenge)
            return tokenError(QStringLiteral("invalid_grant"),
                              QStringLiteral("AADSTS501481: The Code_Verifier does not match the "
                                             "code_challenge supplied in the authorization request."));
        if (field("redirect_uri") != pending.redirectUri)
            return tokenError(QStringLiteral("invalid_grant"),
                              QStringLiteral("AADSTS50148: redirect_uri mismatch: ") + field("redirect_uri"));
        return issueTokens();
    }
    if (grant == QLatin1String("refresh_token")) {
        ++refreshRequests;
        refreshScopes.append(field("scope"));
        const QString presented = field("refresh_token");
        if (!graphConsented && field("scope").contains(QLatin1String("graph.microsoft.com")) &&
            m_liveRefreshTokens.contains(presented)) {
            QJsonObject error{
                {QStringLiteral("error"), QStringLiteral("invalid_grant")},
                {QStringLiteral("error_description"),
                 QStringLiteral("AADSTS65001: The user or administrator has not consented to use the "
                                "application with ID 'test-client-id' named 'Test'.\r\nTrace ID: t")},
                {QStringLiteral("error_codes"), QJsonArray{65001}},
                {QStringLiteral("suberror"), QStringLiteral("consent_required")}};
            return QHttpServerResponse(error, QHttpServerResponder::StatusCode::BadRequest);
        }
        // Rotation: a refresh token works once.
        if (!m_liveRefreshTokens.removeOne(presented))
            return tokenError(
                QStringLiteral("invalid_grant"),
                QStringLiteral(
                    "AADSTS700082: The refresh token has expired due to inactivity.\r\nTrace ID: abc"));
        return issueTokens();
    }
    return tokenError(QStringLiteral("unsupported_grant_type"), grant);
}
