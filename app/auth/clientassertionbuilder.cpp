// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "auth/clientassertionbuilder.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

namespace smtpauth {

ClientAssertionBuilder::ClientAssertionBuilder(AppCredential credential, AppRegistration::Algorithm algorithm)
    : m_credential(std::move(credential)), m_algorithm(algorithm)
{
}

void ClientAssertionBuilder::setLifetimeSeconds(qint64 seconds)
{
    m_lifetimeSeconds = qBound<qint64>(1, seconds, kMaxLifetimeSeconds);
}

QByteArray ClientAssertionBuilder::base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray ClientAssertionBuilder::build(const QString &clientId, const QUrl &tokenUrl, const QDateTime &now,
                                         AppCredentialError *error) const
{
    const bool pss = m_algorithm == AppRegistration::Algorithm::PS256;
    QJsonObject header{{QStringLiteral("alg"), AppRegistration::algorithmName(m_algorithm)},
                       {QStringLiteral("typ"), QStringLiteral("JWT")}};
    if (pss)
        header.insert(QStringLiteral("x5t#S256"),
                      QString::fromLatin1(base64Url(m_credential.sha256Thumbprint())));
    else
        header.insert(QStringLiteral("x5t"), QString::fromLatin1(base64Url(m_credential.sha1Thumbprint())));

    const qint64 issuedAt = now.toSecsSinceEpoch();
    const QJsonObject claims{
        {QStringLiteral("aud"), tokenUrl.toString(QUrl::FullyEncoded)},
        {QStringLiteral("iss"), clientId},
        {QStringLiteral("sub"), clientId},
        // A new one for every assertion: the identity platform refuses a jti it has seen.
        {QStringLiteral("jti"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
        {QStringLiteral("nbf"), issuedAt},
        {QStringLiteral("iat"), issuedAt},
        {QStringLiteral("exp"), issuedAt + m_lifetimeSeconds},
    };
    const QByteArray signingInput = base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' +
                                    base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    const QByteArray signature = m_credential.sign(
        signingInput, pss ? AppCredential::Padding::Pss : AppCredential::Padding::Pkcs1v15, error);
    if (signature.isEmpty())
        return {};
    return signingInput + '.' + base64Url(signature);
}

} // namespace smtpauth
