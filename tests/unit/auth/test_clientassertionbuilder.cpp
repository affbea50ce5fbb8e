// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// AppCredential and ClientAssertionBuilder with real libcrypto: keys and certificates are made at run time,
// the assertion's signature is verified with the certificate's public key.
#include "auth/appcredential.h"
#include "auth/clientassertionbuilder.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

using namespace smtpauth;

namespace {

EVP_PKEY *newRsaKey()
{
    return EVP_RSA_gen(2048);
}

// A self-signed certificate of `key`, valid from now + notBeforeOffset to now + notAfterOffset seconds.
X509 *newCertificate(EVP_PKEY *key, long notBeforeOffset, long notAfterOffset)
{
    X509 *certificate = X509_new();
    ASN1_INTEGER_set(X509_get_serialNumber(certificate), 1);
    X509_gmtime_adj(X509_getm_notBefore(certificate), notBeforeOffset);
    X509_gmtime_adj(X509_getm_notAfter(certificate), notAfterOffset);
    X509_set_pubkey(certificate, key);
    X509_NAME *name = X509_get_subject_name(certificate);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char *>("test app"),
                               -1, -1, 0);
    X509_set_issuer_name(certificate, name);
    X509_sign(certificate, key, EVP_sha256());
    return certificate;
}

QByteArray certificatePem(X509 *certificate)
{
    BIO *bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, certificate);
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    QByteArray pem(data, int(size));
    BIO_free(bio);
    return pem;
}

QByteArray keyPem(EVP_PKEY *key, const char *passphrase = nullptr)
{
    BIO *bio = BIO_new(BIO_s_mem());
    if (passphrase)
        PEM_write_bio_PrivateKey(bio, key, EVP_aes_256_cbc(), nullptr, 0, nullptr,
                                 const_cast<char *>(passphrase));
    else
        PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    QByteArray pem(data, int(size));
    BIO_free(bio);
    return pem;
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &contents,
                  QFile::Permissions permissions = QFile::ReadOwner | QFile::WriteOwner)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(contents);
    file.close();
    file.setPermissions(permissions);
    return path;
}

QByteArray fromBase64Url(const QByteArray &text)
{
    return QByteArray::fromBase64(text, QByteArray::Base64UrlEncoding);
}

bool verifySignature(X509 *certificate, const QByteArray &signingInput, const QByteArray &signature, bool pss)
{
    EVP_PKEY *publicKey = X509_get0_pubkey(certificate);
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    EVP_PKEY_CTX *keyContext = nullptr;
    bool ok = EVP_DigestVerifyInit(context, &keyContext, EVP_sha256(), nullptr, publicKey) == 1;
    if (ok && pss)
        ok = EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PSS_PADDING) == 1 &&
             EVP_PKEY_CTX_set_rsa_pss_saltlen(keyContext, RSA_PSS_SALTLEN_DIGEST) == 1;
    ok = ok && EVP_DigestVerify(context, reinterpret_cast<const unsigned char *>(signature.constData()),
                                size_t(signature.size()),
                                reinterpret_cast<const unsigned char *>(signingInput.constData()),
                                size_t(signingInput.size())) == 1;
    EVP_MD_CTX_free(context);
    return ok;
}

} // namespace

class TestClientAssertionBuilder : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    EVP_PKEY *m_key = nullptr;
    X509 *m_certificate = nullptr;
    QString m_combined; // certificate and key in one file, mode 600

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_key = newRsaKey();
        QVERIFY(m_key);
        m_certificate = newCertificate(m_key, -3600, 3600 * 24);
        QVERIFY(m_certificate);
        m_combined =
            writeFile(m_dir, QStringLiteral("app.pem"), certificatePem(m_certificate) + keyPem(m_key));
        QVERIFY(!m_combined.isEmpty());
    }

    void cleanupTestCase()
    {
        X509_free(m_certificate);
        EVP_PKEY_free(m_key);
    }

    void assertionIsSignedAndCarriesTheClaims_data()
    {
        QTest::addColumn<bool>("pss");
        QTest::newRow("PS256") << true;
        QTest::newRow("RS256") << false;
    }

    void assertionIsSignedAndCarriesTheClaims()
    {
        QFETCH(bool, pss);
        AppCredentialError error;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const AppCredential credential = AppCredential::load(m_combined, QString(), {}, now, &error);
        QVERIFY2(!error.isError(), qPrintable(error.message()));
        const ClientAssertionBuilder builder(credential, pss ? AppRegistration::Algorithm::PS256
                                                             : AppRegistration::Algorithm::RS256);
        const QUrl tokenUrl(QStringLiteral("https://login.microsoftonline.com/tenant-id/oauth2/v2.0/token"));
        const QString clientId = QStringLiteral("11111111-2222-3333-4444-555555555555");
        const QByteArray assertion = builder.build(clientId, tokenUrl, now, &error);
        QVERIFY2(!assertion.isEmpty(), qPrintable(error.message()));

        const QList<QByteArray> parts = assertion.split('.');
        QCOMPARE(parts.size(), 3);
        QVERIFY(
            verifySignature(m_certificate, parts.at(0) + '.' + parts.at(1), fromBase64Url(parts.at(2)), pss));
        // The other padding must not verify: the signature really is the one asked for.
        QVERIFY(!verifySignature(m_certificate, parts.at(0) + '.' + parts.at(1), fromBase64Url(parts.at(2)),
                                 !pss));

        const QJsonObject header = QJsonDocument::fromJson(fromBase64Url(parts.at(0))).object();
        QCOMPARE(header.value(QStringLiteral("typ")).toString(), QStringLiteral("JWT"));
        unsigned char der[64 * 1024];
        unsigned char *out = der;
        const int derSize = i2d_X509(m_certificate, &out);
        const QByteArray certificateDer(reinterpret_cast<const char *>(der), derSize);
        if (pss) {
            QCOMPARE(header.value(QStringLiteral("alg")).toString(), QStringLiteral("PS256"));
            QCOMPARE(fromBase64Url(header.value(QStringLiteral("x5t#S256")).toString().toLatin1()),
                     QCryptographicHash::hash(certificateDer, QCryptographicHash::Sha256));
            QVERIFY(!header.contains(QStringLiteral("x5t")));
        } else {
            QCOMPARE(header.value(QStringLiteral("alg")).toString(), QStringLiteral("RS256"));
            QCOMPARE(fromBase64Url(header.value(QStringLiteral("x5t")).toString().toLatin1()),
                     QCryptographicHash::hash(certificateDer, QCryptographicHash::Sha1));
        }

        const QJsonObject claims = QJsonDocument::fromJson(fromBase64Url(parts.at(1))).object();
        QCOMPARE(claims.value(QStringLiteral("aud")).toString(), tokenUrl.toString());
        QCOMPARE(claims.value(QStringLiteral("iss")).toString(), clientId);
        QCOMPARE(claims.value(QStringLiteral("sub")).toString(), clientId);
        const qint64 nbf = qint64(claims.value(QStringLiteral("nbf")).toDouble());
        const qint64 exp = qint64(claims.value(QStringLiteral("exp")).toDouble());
        QCOMPARE(nbf, now.toSecsSinceEpoch());
        QCOMPARE(qint64(claims.value(QStringLiteral("iat")).toDouble()), nbf);
        QVERIFY(exp > nbf);
        QVERIFY(exp - nbf <= 600);

        const QByteArray second = builder.build(clientId, tokenUrl, now, &error);
        const QJsonObject secondClaims =
            QJsonDocument::fromJson(fromBase64Url(second.split('.').at(1))).object();
        QVERIFY(!claims.value(QStringLiteral("jti")).toString().isEmpty());
        QVERIFY(claims.value(QStringLiteral("jti")) != secondClaims.value(QStringLiteral("jti")));
    }

    void keyFileReadableByOthersIsRefused()
    {
        const QString path =
            writeFile(m_dir, QStringLiteral("open.pem"), certificatePem(m_certificate) + keyPem(m_key),
                      QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
        AppCredentialError error;
        QVERIFY(AppCredential::load(path, QString(), {}, QDateTime::currentDateTimeUtc(), &error).isNull());
        QCOMPARE(error.kind(), AppCredentialError::Kind::KeyFileTooOpen);
        QVERIFY2(error.message().contains(QStringLiteral("chmod 600 ") + path), qPrintable(error.message()));
    }

    void separateEncryptedKeyNeedsItsPassphrase()
    {
        const QString certificate =
            writeFile(m_dir, QStringLiteral("cert.pem"), certificatePem(m_certificate),
                      QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
        const QString key = writeFile(m_dir, QStringLiteral("key.pem"), keyPem(m_key, "correct horse"));
        QVERIFY(AppCredential::keyIsEncrypted(key));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        AppCredentialError error;
        QVERIFY(AppCredential::load(certificate, key, {}, now, &error).isNull());
        QCOMPARE(error.kind(), AppCredentialError::Kind::PassphraseRequired);
        QVERIFY(AppCredential::load(certificate, key, "wrong", now, &error).isNull());
        QCOMPARE(error.kind(), AppCredentialError::Kind::WrongPassphrase);
        QVERIFY(!AppCredential::load(certificate, key, "correct horse", now, &error).isNull());
        QVERIFY2(!error.isError(), qPrintable(error.message()));
    }

    void certificateOutsideItsValidityIsNamed_data()
    {
        QTest::addColumn<long>("notBefore");
        QTest::addColumn<long>("notAfter");
        QTest::addColumn<AppCredentialError::Kind>("kind");
        QTest::newRow("expired") << -7200L << -3600L << AppCredentialError::Kind::CertificateExpired;
        QTest::newRow("not yet valid") << 3600L << 7200L << AppCredentialError::Kind::CertificateNotYetValid;
    }

    void certificateOutsideItsValidityIsNamed()
    {
        QFETCH(long, notBefore);
        QFETCH(long, notAfter);
        QFETCH(AppCredentialError::Kind, kind);
        X509 *certificate = newCertificate(m_key, notBefore, notAfter);
        const QString path = writeFile(m_dir, QStringLiteral("dated-%1.pem").arg(notBefore),
                                       certificatePem(certificate) + keyPem(m_key));
        X509_free(certificate);
        AppCredentialError error;
        QVERIFY(AppCredential::load(path, QString(), {}, QDateTime::currentDateTimeUtc(), &error).isNull());
        QCOMPARE(error.kind(), kind);
    }

    void keyOfAnotherCertificateIsRefused()
    {
        EVP_PKEY *other = newRsaKey();
        const QString path =
            writeFile(m_dir, QStringLiteral("mismatch.pem"), certificatePem(m_certificate) + keyPem(other));
        EVP_PKEY_free(other);
        AppCredentialError error;
        QVERIFY(AppCredential::load(path, QString(), {}, QDateTime::currentDateTimeUtc(), &error).isNull());
        QCOMPARE(error.kind(), AppCredentialError::Kind::KeyDoesNotMatchCertificate);
    }
};

Q_DECLARE_METATYPE(smtpauth::AppCredentialError::Kind)

QTEST_GUILESS_MAIN(TestClientAssertionBuilder)
#include "test_clientassertionbuilder.moc"
