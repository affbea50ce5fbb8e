// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "auth/tokenresponse.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace smtpauth {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("smtpauth::TokenResponse", text);
}

bool hasErrorCode(const QJsonObject &object, const QString &description, int code)
{
    const QJsonArray codes = object.value(QLatin1String("error_codes")).toArray();
    for (const QJsonValue &value : codes) {
        if (value.toInt() == code)
            return true;
    }
    return description.startsWith(QStringLiteral("AADSTS%1:").arg(code));
}

// Entra answers invalid_grant for more than a dead refresh token: a resource whose permissions were never
// consented (AADSTS65001, suberror consent_required) and a tenant that wants MFA or another interactive
// step for this resource (50076, 50079, suberror basic_action ...). Those leave the sign-in intact, so
// they must not be read as "signed out".
QString refinedError(const QString &error, const QJsonObject &object, const QString &description)
{
    if (error != QLatin1String("invalid_grant"))
        return error;
    const QString suberror = object.value(QLatin1String("suberror")).toString();
    if (suberror == QLatin1String("consent_required") || hasErrorCode(object, description, 65001))
        return QStringLiteral("consent_required");
    static const QStringList interactive = {
        QStringLiteral("basic_action"), QStringLiteral("additional_action"), QStringLiteral("message_only")};
    if (interactive.contains(suberror) || hasErrorCode(object, description, 50076) ||
        hasErrorCode(object, description, 50079))
        return QStringLiteral("interaction_required");
    return error;
}
} // namespace

TokenResponse TokenResponse::parse(int httpStatus, const QByteArray &body, const QDateTime &now)
{
    TokenResponse response;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    const QJsonObject object = document.object();

    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        // Proxies and captive portals answer with HTML; say so instead of "invalid JSON".
        response.m_error = SignInError(
            httpStatus >= 500 ? SignInError::Kind::ServerError : SignInError::Kind::InvalidResponse,
            tr("The token endpoint answered HTTP %1 with something that is not an OAuth response.")
                .arg(httpStatus));
        return response;
    }

    const QString error = object.value(QLatin1String("error")).toString();
    if (!error.isEmpty() || httpStatus >= 400) {
        const QString description = object.value(QLatin1String("error_description")).toString();
        response.m_error = SignInError::fromOAuthError(
            error.isEmpty() ? QStringLiteral("server_error") : refinedError(error, object, description),
            description);
        return response;
    }

    SignInResult &result = response.m_result;
    result.accessToken = object.value(QLatin1String("access_token")).toString();
    result.refreshToken = object.value(QLatin1String("refresh_token")).toString();
    result.idToken = object.value(QLatin1String("id_token")).toString();
    // Entra sends expires_in as a number; some servers send a string.
    const QJsonValue expiresIn = object.value(QLatin1String("expires_in"));
    qint64 seconds = -1;
    if (expiresIn.isDouble())
        seconds = qint64(expiresIn.toDouble());
    else if (expiresIn.isString())
        seconds = expiresIn.toString().toLongLong();
    if (seconds > 0 && seconds < 10LL * 365 * 24 * 3600)
        result.accessTokenExpiresAt = now.toUTC().addSecs(seconds);
    if (!result.idToken.isEmpty())
        result.account = IdTokenClaims::fromJwt(result.idToken.toLatin1());

    if (result.accessToken.isEmpty()) {
        response.m_error = SignInError(SignInError::Kind::InvalidResponse,
                                       tr("The token endpoint answered without an access token."));
    }
    return response;
}

TokenResponse TokenResponse::fromReply(QNetworkReply *reply, const QDateTime &now)
{
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const QByteArray body = reply->readAll();
    if (!status.isValid()) {
        TokenResponse response;
        response.m_error =
            SignInError(SignInError::Kind::Network,
                        tr("Could not reach the token endpoint: %1").arg(reply->errorString()));
        return response;
    }
    return parse(status.toInt(), body, now);
}

} // namespace smtpauth
