// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QMetaType>
#include <QString>

namespace smtpauth {

// Why a sign-in or a token refresh failed, typed for callers (the CLI maps everything to exit code 3,
// the window offers "sign in again" for InvalidGrant) and with a message a person can act on.
class SignInError
{
public:
    enum class Kind
    {
        None,
        AccessDenied,        // the user or an admin declined (error=access_denied)
        ConsentRequired,     // the app needs admin consent in this tenant
        InteractionRequired, // MFA / conditional access wants the browser
        InvalidClient,       // client id unknown or not a public client
        InvalidRequest,      // the authority rejected our request (wrong tenant, redirect, scope ...)
        InvalidGrant,        // code or refresh token expired/revoked: sign in again
        StateMismatch,       // the redirect did not belong to this attempt (possible CSRF)
        InvalidResponse,     // the server answered something that is not OAuth
        Timeout,
        Cancelled,
        ListenerFailed, // could not listen on the loopback interface
        Network,
        ServerError,
        SecretStore, // the keychain refused to keep or give the refresh token
    };

    SignInError() = default;
    SignInError(Kind kind, const QString &message, const QString &oauthError = QString());

    // Maps an OAuth 2 error word and its description (RFC 6749 §4.1.2.1 / §5.2) to a kind and a
    // plain message. Entra descriptions ("AADSTS70008: ... Trace ID: ...") are cut to their first
    // sentence line and kept, because the AADSTS code is what support needs.
    static SignInError fromOAuthError(const QString &error, const QString &description);

    bool isError() const { return m_kind != Kind::None; }
    Kind kind() const { return m_kind; }
    QString message() const { return m_message; }
    QString oauthError() const { return m_oauthError; } // e.g. "invalid_grant", empty if none

private:
    Kind m_kind = Kind::None;
    QString m_message;
    QString m_oauthError;
};

} // namespace smtpauth

Q_DECLARE_METATYPE(smtpauth::SignInError)
