// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QString>

namespace smtpauth {

// An application that signs in by itself with a certificate (client credentials, exchange-protocol.md
// §10), as a profile remembers it: where the certificate and key are, never the key or its passphrase
// (the passphrase of an encrypted key lives in the keychain).
struct AppRegistration
{
    enum class Algorithm
    {
        PS256, // RSA-PSS with SHA-256, header x5t#S256 (what the identity platform documents today)
        RS256, // RSA PKCS#1 v1.5 with SHA-256, header x5t (older tenants' documentation)
    };

    QString clientId;
    QString certificatePath; // absolute
    QString keyPath;         // absolute; empty: the key is in the certificate file
    Algorithm algorithm = Algorithm::PS256;
    QString certificateThumbprint; // SHA-1, upper-case hex, as the Entra portal shows it
    bool keyEncrypted = false;     // the passphrase is then read from the keychain

    bool isSet() const { return !clientId.isEmpty() && !certificatePath.isEmpty(); }
    QString effectiveKeyPath() const { return keyPath.isEmpty() ? certificatePath : keyPath; }
    // Who the journal names as the operator of an app-only change: the application, by client id and
    // certificate, never a person.
    QString operatorName() const { return QStringLiteral("app:%1/%2").arg(clientId, certificateThumbprint); }

    static QString algorithmName(Algorithm algorithm)
    {
        return algorithm == Algorithm::RS256 ? QStringLiteral("RS256") : QStringLiteral("PS256");
    }
    // "PS256" | "RS256" (case-insensitive); false for anything else.
    static bool algorithmFromName(const QString &name, Algorithm *algorithm)
    {
        if (name.compare(QLatin1String("PS256"), Qt::CaseInsensitive) == 0) {
            *algorithm = Algorithm::PS256;
            return true;
        }
        if (name.compare(QLatin1String("RS256"), Qt::CaseInsensitive) == 0) {
            *algorithm = Algorithm::RS256;
            return true;
        }
        return false;
    }

    friend bool operator==(const AppRegistration &, const AppRegistration &) = default;
};

} // namespace smtpauth
