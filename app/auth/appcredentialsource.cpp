// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "auth/appcredentialsource.h"

#include "auth/secretstore.h"

namespace smtpauth {

AppCredentialSource::AppCredentialSource(const AppRegistration &registration, SecretStore *secrets,
                                         const QString &passphraseKey, QObject *parent)
    : QObject(parent), m_registration(registration), m_secrets(secrets), m_passphraseKey(passphraseKey)
{
}

QByteArray AppCredentialSource::passphraseFromEnvironment()
{
    return qgetenv(kPassphraseVariable);
}

void AppCredentialSource::withBuilder(const QDateTime &now, Done done)
{
    if (m_builder) {
        deliver(done, m_builder->credential().checkValidityAt(now));
        return;
    }
    const bool encrypted =
        m_registration.keyEncrypted || AppCredential::keyIsEncrypted(m_registration.effectiveKeyPath());
    QByteArray passphrase = passphraseFromEnvironment();
    if (!encrypted || !passphrase.isEmpty() || !m_secrets) {
        loadWith(std::move(passphrase), now, done);
        return;
    }
    QPointer<AppCredentialSource> self(this);
    m_secrets->readSecret(m_passphraseKey, [this, self, now, done](const SecretStore::Result &stored) {
        if (!self)
            return;
        if (!stored.ok() && stored.error != SecretStore::ErrorKind::NotFound) {
            done(nullptr,
                 AppCredentialError(
                     AppCredentialError::Kind::PassphraseRequired,
                     tr("Cannot read the key's passphrase from the keychain: %1").arg(stored.errorMessage)));
            return;
        }
        QByteArray passphrase = stored.value.toUtf8();
        loadWith(std::move(passphrase), now,
                 [done](const ClientAssertionBuilder *builder, const AppCredentialError &error) {
                     done(builder, error);
                 });
    });
}

void AppCredentialSource::loadWith(QByteArray passphrase, const QDateTime &now, const Done &done)
{
    AppCredentialError error;
    AppCredential credential =
        AppCredential::load(m_registration.certificatePath, m_registration.keyPath, passphrase, now, &error);
    passphrase.fill('\0');
    if (!error.isError() && !m_registration.certificateThumbprint.isEmpty() &&
        credential.sha1ThumbprintHex() != m_registration.certificateThumbprint) {
        // The file was replaced since sign-in: the application would present another certificate than
        // the one the profile (and its journal entries) name.
        error = AppCredentialError(
            AppCredentialError::Kind::NoCertificate,
            tr("%1 now holds certificate %2, not %3 that this profile signed in with; sign in again: "
               "smtpauth-cli signin --app ...")
                .arg(m_registration.certificatePath, credential.sha1ThumbprintHex(),
                     m_registration.certificateThumbprint));
    }
    if (!error.isError())
        m_builder.emplace(std::move(credential), m_registration.algorithm);
    deliver(done, error);
}

void AppCredentialSource::deliver(const Done &done, const AppCredentialError &error)
{
    QMetaObject::invokeMethod(
        this, [this, done, error]() { done(error.isError() || !m_builder ? nullptr : &*m_builder, error); },
        Qt::QueuedConnection);
}

} // namespace smtpauth
