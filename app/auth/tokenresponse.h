// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "auth/signinerror.h"
#include "auth/signinresult.h"

#include <QByteArray>
#include <QDateTime>
#include <QMetaType>
#include <QNetworkReply>

namespace smtpauth {

// Reads the answer of the token endpoint (RFC 6749 §5.1 / §5.2) for both the code exchange and the
// refresh grant, so both paths agree on what success and failure look like.
class TokenResponse
{
public:
    // `now` is when the request was answered; expires_in counts from there.
    static TokenResponse parse(int httpStatus, const QByteArray &body, const QDateTime &now);
    // Finished QNetworkReply: network errors without an OAuth body become Kind::Network.
    static TokenResponse fromReply(QNetworkReply *reply, const QDateTime &now);

    bool ok() const { return !m_error.isError(); }
    const SignInError &error() const { return m_error; }
    const SignInResult &result() const { return m_result; }

private:
    SignInError m_error;
    SignInResult m_result;
};

} // namespace smtpauth

Q_DECLARE_METATYPE(smtpauth::TokenResponse)
