// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "auth/signinerror.h"

#include <QCoreApplication>

namespace smtpauth {

SignInError::SignInError(Kind kind, const QString &message, const QString &oauthError)
    : m_kind(kind), m_message(message), m_oauthError(oauthError)
{
}

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("smtpauth::SignInError", text);
}

// Entra appends "\r\nTrace ID: ...\r\nCorrelation ID: ...\r\nTimestamp: ..." to every description;
// only the first line means something to a person.
QString firstMeaningfulLine(const QString &description)
{
    QString text = description;
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    const qsizetype newline = text.indexOf(QLatin1Char('\n'));
    if (newline >= 0)
        text.truncate(newline);
    const qsizetype trace = text.indexOf(QLatin1String(" Trace ID:"));
    if (trace >= 0)
        text.truncate(trace);
    text = text.trimmed();
    constexpr qsizetype MaxLength = 400; // a hostile server must not flood the UI
    if (text.size() > MaxLength)
        text = text.left(MaxLength) + QChar(0x2026);
    return text;
}

} // namespace

SignInError SignInError::fromOAuthError(const QString &error, const QString &description)
{
    Kind kind = Kind::ServerError;
    QString summary;
    if (error == QLatin1String("access_denied")) {
        kind = Kind::AccessDenied;
        summary = tr("Sign-in was declined.");
    } else if (error == QLatin1String("consent_required")) {
        kind = Kind::ConsentRequired;
        summary = tr("An administrator of this tenant must first grant consent to the application.");
    } else if (error == QLatin1String("interaction_required") || error == QLatin1String("login_required")) {
        kind = Kind::InteractionRequired;
        summary =
            tr("The tenant requires an interactive sign-in (for example MFA); sign in with the browser.");
    } else if (error == QLatin1String("invalid_client") || error == QLatin1String("unauthorized_client")) {
        kind = Kind::InvalidClient;
        summary = tr("The client id is not accepted by the identity platform (unknown application, or not "
                     "registered as a public client).");
    } else if (error == QLatin1String("invalid_grant")) {
        kind = Kind::InvalidGrant;
        summary = tr("The sign-in has expired or was revoked; sign in again.");
    } else if (error == QLatin1String("invalid_request") || error == QLatin1String("invalid_scope") ||
               error == QLatin1String("unsupported_response_type")) {
        kind = Kind::InvalidRequest;
        summary = tr("The identity platform rejected the sign-in request.");
    } else if (error == QLatin1String("temporarily_unavailable") || error == QLatin1String("server_error")) {
        kind = Kind::ServerError;
        summary = tr("The identity platform is temporarily unavailable; try again later.");
    } else {
        summary = tr("Sign-in failed.");
    }
    const QString detail = firstMeaningfulLine(description);
    QString message = summary;
    if (!detail.isEmpty())
        message += QLatin1Char(' ') + detail;
    else if (!error.isEmpty())
        message += QStringLiteral(" (") + error.left(100) + QLatin1Char(')');
    return SignInError(kind, message, error.left(100));
}

} // namespace smtpauth
