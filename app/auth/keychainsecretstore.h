// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "auth/secretstore.h"

#include <QHash>
#include <QStringList>

namespace QKeychain {
class Job;
}

namespace smtpauth {

// Secrets in the OS keychain through QtKeychain (Secret Service on Linux, Keychain on macOS, Credential
// Manager on Windows), under the service "SmtpAuthConsole" and keys prefixed with the profile name so
// that two profiles never share a token. Insecure fallback (a plain file) is switched off explicitly.
//
// The store remembers which keys it wrote in an index file (key names only, no secret) so that
// deleteAll() can wipe a profile completely on sign-out.
class KeychainSecretStore : public SecretStore
{
    Q_OBJECT
public:
    static QString serviceName() { return QStringLiteral("SmtpAuthConsole"); }

    // `indexFilePath`: an INI file inside the profile's data directory; empty keeps no index.
    KeychainSecretStore(const QString &profileName, const QString &indexFilePath, QObject *parent = nullptr);

    void readSecret(const QString &key, Callback callback) override;
    void writeSecret(const QString &key, const QString &value, Callback callback) override;
    void deleteSecret(const QString &key, Callback callback) override;

    // Deletes every key this profile ever wrote; the callback gets the first failure, if any.
    void deleteAll(Callback callback);
    QStringList indexedKeys() const;

    // The name under which `key` is stored in the keychain.
    QString keychainKey(const QString &key) const;

private:
    void startJob(QKeychain::Job *job, std::function<void(QKeychain::Job *)> onFinished);
    Result failureFrom(QKeychain::Job *job) const;
    void addToIndex(const QString &key);
    void removeFromIndex(const QString &key);

    QString m_profileName;
    QString m_indexFilePath;
    // Keys with a write asked for and not finished yet (a count per key). deleteAll() deletes them too: a
    // new key joins the index only when its write has finished, and a sign-out while a rotated refresh
    // token is being written must not leave that token behind.
    QHash<QString, int> m_writesInFlight;
};

} // namespace smtpauth
