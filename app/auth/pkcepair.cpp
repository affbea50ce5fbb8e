// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "auth/pkcepair.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <array>

namespace smtpauth {

static constexpr auto Base64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

PkcePair PkcePair::generate()
{
    std::array<quint32, 8> words{}; // 32 bytes
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    const QByteArray raw(reinterpret_cast<const char *>(words.data()), sizeof(words));
    return fromVerifier(raw.toBase64(Base64Url));
}

PkcePair PkcePair::fromVerifier(const QByteArray &verifier)
{
    PkcePair pair;
    pair.m_verifier = verifier;
    pair.m_challenge = challengeFor(verifier);
    return pair;
}

QByteArray PkcePair::challengeFor(const QByteArray &verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256).toBase64(Base64Url);
}

} // namespace smtpauth
