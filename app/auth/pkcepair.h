// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QByteArray>
#include <QString>

namespace smtpauth {

// Proof Key for Code Exchange (RFC 7636), method S256. A fresh pair per sign-in attempt binds the
// authorization code to this process: an app that intercepts the loopback redirect cannot redeem it.
class PkcePair
{
public:
    // 32 bytes from the system CSPRNG, base64url without padding (43 characters).
    static PkcePair generate();
    // For the RFC test vector and for servers that check a received verifier.
    static PkcePair fromVerifier(const QByteArray &verifier);
    static QByteArray challengeFor(const QByteArray &verifier);

    QByteArray verifier() const { return m_verifier; } // secret: never log
    QByteArray challenge() const { return m_challenge; }
    static QString method() { return QStringLiteral("S256"); }

private:
    QByteArray m_verifier;
    QByteArray m_challenge;
};

} // namespace smtpauth
