// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "auth/appcredential.h"
#include "auth/appregistration.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QUrl>

namespace smtpauth {

// The signed JWT an application proves itself with at the token endpoint (client_assertion,
// exchange-protocol.md §10): header alg PS256 with x5t#S256 (or RS256 with x5t), claims aud = the token
// URL, iss = sub = the client id, a new jti each time, nbf = iat = now, exp = now + lifetime (at most ten
// minutes). Signed with the credential's key through libcrypto.
class ClientAssertionBuilder
{
public:
    static constexpr qint64 kMaxLifetimeSeconds = 600;

    ClientAssertionBuilder(AppCredential credential, AppRegistration::Algorithm algorithm);

    void setLifetimeSeconds(qint64 seconds); // clamped to 1..kMaxLifetimeSeconds; default 5 minutes

    // The compact serialization (header.claims.signature); empty with *error set on failure.
    QByteArray build(const QString &clientId, const QUrl &tokenUrl, const QDateTime &now,
                     AppCredentialError *error) const;

    const AppCredential &credential() const { return m_credential; }

    static QByteArray base64Url(const QByteArray &data);

private:
    AppCredential m_credential;
    AppRegistration::Algorithm m_algorithm;
    qint64 m_lifetimeSeconds = 300;
};

} // namespace smtpauth
