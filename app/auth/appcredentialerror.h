// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QString>

namespace smtpauth {

// Why the certificate and private key of an app registration cannot be used, each cause named so that
// the command line and the window can say what to fix (exchange-protocol.md §10).
class AppCredentialError
{
public:
    enum class Kind
    {
        None,
        FileUnreadable,             // missing file, no permission to read it
        KeyFileTooOpen,             // group or others may read the key file
        NoCertificate,              // no PEM certificate in the certificate file
        NoPrivateKey,               // no PEM private key in the key file (or the certificate file)
        PassphraseRequired,         // the key is encrypted and no passphrase was given
        WrongPassphrase,            // the passphrase does not decrypt the key
        UnsupportedKey,             // not an RSA key (PS256 and RS256 sign with RSA)
        CertificateNotYetValid,     // notBefore is in the future
        CertificateExpired,         // notAfter has passed
        KeyDoesNotMatchCertificate, // the key is not the certificate's
        SigningFailed,              // libcrypto refused to sign
    };

    AppCredentialError() = default;
    AppCredentialError(Kind kind, const QString &message) : m_kind(kind), m_message(message) {}

    bool isError() const { return m_kind != Kind::None; }
    Kind kind() const { return m_kind; }
    QString message() const { return m_message; }

private:
    Kind m_kind = Kind::None;
    QString m_message;
};

} // namespace smtpauth
