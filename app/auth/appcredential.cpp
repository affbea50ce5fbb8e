// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "auth/appcredential.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <cstring>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#ifndef Q_OS_WIN
#include <sys/stat.h>
#endif

namespace smtpauth {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("smtpauth::AppCredential", text);
}

struct BioDeleter
{
    void operator()(BIO *bio) const { BIO_free(bio); }
};
struct X509Deleter
{
    void operator()(X509 *certificate) const { X509_free(certificate); }
};
struct MdContextDeleter
{
    void operator()(EVP_MD_CTX *context) const { EVP_MD_CTX_free(context); }
};
using BioPointer = std::unique_ptr<BIO, BioDeleter>;
using X509Pointer = std::unique_ptr<X509, X509Deleter>;

struct PassphraseRequest
{
    const QByteArray *passphrase = nullptr;
    bool asked = false;
};

// libcrypto asks for the passphrase only when the key is encrypted; no passphrase means "fail", never
// a prompt on the terminal (OpenSSL's default callback would read /dev/tty).
int passphraseCallback(char *buffer, int size, int, void *userData)
{
    auto *request = static_cast<PassphraseRequest *>(userData);
    request->asked = true;
    if (!request->passphrase || request->passphrase->isEmpty() || request->passphrase->size() > size)
        return 0;
    std::memcpy(buffer, request->passphrase->constData(), size_t(request->passphrase->size()));
    return int(request->passphrase->size());
}

bool readFile(const QString &path, QByteArray *contents, AppCredentialError *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = AppCredentialError(AppCredentialError::Kind::FileUnreadable,
                                    tr("Cannot read %1: %2").arg(path, file.errorString()));
        return false;
    }
    *contents = file.readAll();
    return true;
}

QDateTime fromAsn1Time(const ASN1_TIME *time)
{
    struct tm parts = {};
    if (!time || ASN1_TIME_to_tm(time, &parts) != 1)
        return {};
    return QDateTime(QDate(parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday),
                     QTime(parts.tm_hour, parts.tm_min, parts.tm_sec), Qt::UTC);
}

} // namespace

QString AppCredential::keyFilePermissionProblem(const QString &keyPath)
{
#ifdef Q_OS_WIN
    // The equivalent check on Windows reads the file's DACL (GetNamedSecurityInfoW) and refuses an ACE
    // that grants read access to anyone but the owner, SYSTEM and Administrators (what `icacls FILE
    // /inheritance:r /grant:r %USERNAME%:R` leaves). Not implemented: the console is built and tested
    // on Linux; Windows builds accept the file as it is.
    Q_UNUSED(keyPath)
    return {};
#else
    struct stat status = {};
    if (::stat(QFile::encodeName(keyPath).constData(), &status) != 0)
        return {}; // reading it reports the problem
    if ((status.st_mode & (S_IRWXG | S_IRWXO)) == 0)
        return {};
    return tr("The private key file %1 can be read by other users (mode %2). Allow only its owner: "
              "chmod 600 %1")
        .arg(keyPath)
        .arg(QString::number(status.st_mode & 0777, 8).rightJustified(4, QLatin1Char('0')));
#endif
}

bool AppCredential::keyIsEncrypted(const QString &keyPath)
{
    QFile file(keyPath);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray contents = file.readAll();
    return contents.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") ||
           contents.contains("Proc-Type: 4,ENCRYPTED");
}

AppCredential AppCredential::load(const QString &certificatePath, const QString &keyPath,
                                  const QByteArray &passphrase, const QDateTime &now,
                                  AppCredentialError *error)
{
    *error = AppCredentialError();
    const QString keyFile = keyPath.isEmpty() ? certificatePath : keyPath;
    QByteArray certificatePem;
    if (!readFile(certificatePath, &certificatePem, error))
        return {};
    if (const QString problem = keyFilePermissionProblem(keyFile); !problem.isEmpty()) {
        *error = AppCredentialError(AppCredentialError::Kind::KeyFileTooOpen, problem);
        return {};
    }
    QByteArray keyPem;
    if (keyPath.isEmpty())
        keyPem = certificatePem;
    else if (!readFile(keyFile, &keyPem, error))
        return {};

    BioPointer certificateBio(BIO_new_mem_buf(certificatePem.constData(), int(certificatePem.size())));
    X509Pointer certificate(PEM_read_bio_X509(certificateBio.get(), nullptr, nullptr, nullptr));
    if (!certificate) {
        ERR_clear_error();
        *error = AppCredentialError(
            AppCredentialError::Kind::NoCertificate,
            tr("%1 holds no PEM certificate (-----BEGIN CERTIFICATE-----).").arg(certificatePath));
        return {};
    }

    PassphraseRequest request{&passphrase, false};
    BioPointer keyBio(BIO_new_mem_buf(keyPem.constData(), int(keyPem.size())));
    EVP_PKEY *rawKey = PEM_read_bio_PrivateKey(keyBio.get(), nullptr, passphraseCallback, &request);
    // The PEM text of the key is not needed any more; do not leave it lying around in freed memory.
    keyPem.fill('\0');
    if (!rawKey) {
        ERR_clear_error();
        if (request.asked && passphrase.isEmpty())
            *error = AppCredentialError(
                AppCredentialError::Kind::PassphraseRequired,
                tr("The private key in %1 is encrypted; its passphrase is needed.").arg(keyFile));
        else if (request.asked)
            *error =
                AppCredentialError(AppCredentialError::Kind::WrongPassphrase,
                                   tr("The passphrase does not decrypt the private key in %1.").arg(keyFile));
        else
            *error = AppCredentialError(
                AppCredentialError::Kind::NoPrivateKey,
                tr("%1 holds no PEM private key; give the key file with --key FILE.pem.").arg(keyFile));
        return {};
    }
    std::shared_ptr<evp_pkey_st> key(rawKey, EVP_PKEY_free);
    if (EVP_PKEY_get_base_id(rawKey) != EVP_PKEY_RSA) {
        *error = AppCredentialError(
            AppCredentialError::Kind::UnsupportedKey,
            tr("The private key in %1 is not an RSA key; PS256 and RS256 need one.").arg(keyFile));
        return {};
    }
    if (X509_check_private_key(certificate.get(), rawKey) != 1) {
        ERR_clear_error();
        *error = AppCredentialError(AppCredentialError::Kind::KeyDoesNotMatchCertificate,
                                    tr("The private key in %1 does not belong to the certificate in %2.")
                                        .arg(keyFile, certificatePath));
        return {};
    }

    AppCredential credential;
    const int derSize = i2d_X509(certificate.get(), nullptr);
    credential.m_certificateDer.resize(derSize);
    auto *out = reinterpret_cast<unsigned char *>(credential.m_certificateDer.data());
    i2d_X509(certificate.get(), &out);
    credential.m_notBefore = fromAsn1Time(X509_get0_notBefore(certificate.get()));
    credential.m_notAfter = fromAsn1Time(X509_get0_notAfter(certificate.get()));
    credential.m_key = std::move(key);
    *error = credential.checkValidityAt(now);
    if (error->isError())
        return {};
    return credential;
}

AppCredentialError AppCredential::checkValidityAt(const QDateTime &now) const
{
    const QString format = QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'");
    if (m_notBefore.isValid() && now < m_notBefore)
        return AppCredentialError(
            AppCredentialError::Kind::CertificateNotYetValid,
            tr("The certificate is not valid before %1 (now: %2). Check this computer's "
               "clock, or wait.")
                .arg(m_notBefore.toString(format), now.toUTC().toString(format)));
    if (m_notAfter.isValid() && now > m_notAfter)
        return AppCredentialError(AppCredentialError::Kind::CertificateExpired,
                                  tr("The certificate expired on %1. Upload a new certificate to the app "
                                     "registration and sign in with it: smtpauth-cli signin --app ...")
                                      .arg(m_notAfter.toString(format)));
    return {};
}

QByteArray AppCredential::sha1Thumbprint() const
{
    return QCryptographicHash::hash(m_certificateDer, QCryptographicHash::Sha1);
}

QByteArray AppCredential::sha256Thumbprint() const
{
    return QCryptographicHash::hash(m_certificateDer, QCryptographicHash::Sha256);
}

QString AppCredential::sha1ThumbprintHex() const
{
    return QString::fromLatin1(sha1Thumbprint().toHex()).toUpper();
}

QByteArray AppCredential::sign(const QByteArray &data, Padding padding, AppCredentialError *error) const
{
    const auto fail = [error]() {
        ERR_clear_error();
        *error = AppCredentialError(AppCredentialError::Kind::SigningFailed,
                                    tr("libcrypto could not sign the client assertion."));
        return QByteArray();
    };
    if (!m_key)
        return fail();
    std::unique_ptr<EVP_MD_CTX, MdContextDeleter> context(EVP_MD_CTX_new());
    EVP_PKEY_CTX *keyContext = nullptr; // owned by the digest context
    if (!context || EVP_DigestSignInit(context.get(), &keyContext, EVP_sha256(), nullptr, m_key.get()) != 1)
        return fail();
    if (padding == Padding::Pss) {
        // RFC 7518 §3.5: MGF1 with the same hash, salt as long as the hash output.
        if (EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PSS_PADDING) != 1 ||
            EVP_PKEY_CTX_set_rsa_mgf1_md(keyContext, EVP_sha256()) != 1 ||
            EVP_PKEY_CTX_set_rsa_pss_saltlen(keyContext, RSA_PSS_SALTLEN_DIGEST) != 1)
            return fail();
    } else if (EVP_PKEY_CTX_set_rsa_padding(keyContext, RSA_PKCS1_PADDING) != 1) {
        return fail();
    }
    const auto *input = reinterpret_cast<const unsigned char *>(data.constData());
    size_t size = 0;
    if (EVP_DigestSign(context.get(), nullptr, &size, input, size_t(data.size())) != 1)
        return fail();
    QByteArray signature(qsizetype(size), Qt::Uninitialized);
    if (EVP_DigestSign(context.get(), reinterpret_cast<unsigned char *>(signature.data()), &size, input,
                       size_t(data.size())) != 1)
        return fail();
    signature.resize(qsizetype(size));
    *error = AppCredentialError();
    return signature;
}

} // namespace smtpauth
