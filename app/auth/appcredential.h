// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "auth/appcredentialerror.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <memory>

struct evp_pkey_st;

namespace smtpauth {

// The certificate and RSA private key of an app registration, loaded from PEM files with libcrypto.
// The key stays in this object (and the file); it is never written, copied out or logged. Copies share
// the one key.
class AppCredential
{
public:
    // Reads the certificate from `certificatePath` and the key from `keyPath` (empty: the same file).
    // `passphrase` decrypts an encrypted key (empty: none given; an encrypted key then fails with
    // PassphraseRequired). Refuses a key file that others may read, a certificate outside its validity at
    // `now`, and a key that is not the certificate's.
    static AppCredential load(const QString &certificatePath, const QString &keyPath,
                              const QByteArray &passphrase, const QDateTime &now, AppCredentialError *error);
    // Whether the key in the file is encrypted (the PEM says so), so that the passphrase is asked first.
    static bool keyIsEncrypted(const QString &keyPath);
    // The message for a key file that group or others may read, empty when its permissions are fine.
    static QString keyFilePermissionProblem(const QString &keyPath);

    bool isNull() const { return !m_key; }
    QByteArray certificateDer() const { return m_certificateDer; }
    QByteArray sha1Thumbprint() const;   // raw digest of the DER (header x5t)
    QByteArray sha256Thumbprint() const; // raw digest of the DER (header x5t#S256)
    QString sha1ThumbprintHex() const;   // upper-case hex, as the Entra portal shows it
    QDateTime notBefore() const { return m_notBefore; }
    QDateTime notAfter() const { return m_notAfter; }
    // Same check as load(), for a credential kept across token renewals.
    AppCredentialError checkValidityAt(const QDateTime &now) const;

    enum class Padding
    {
        Pss,      // RSASSA-PSS, MGF1 SHA-256, salt of the digest's length (PS256)
        Pkcs1v15, // RSASSA-PKCS1-v1_5 (RS256)
    };
    // SHA-256 signature of `data` with the private key. Empty on failure (with *error set).
    QByteArray sign(const QByteArray &data, Padding padding, AppCredentialError *error) const;

private:
    std::shared_ptr<evp_pkey_st> m_key;
    QByteArray m_certificateDer;
    QDateTime m_notBefore;
    QDateTime m_notAfter;
};

} // namespace smtpauth
