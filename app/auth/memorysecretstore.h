// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "auth/secretstore.h"

#include <QHash>

namespace smtpauth {

// Secrets for the lifetime of the process only: "sign in for this session" and tests.
class MemorySecretStore : public SecretStore
{
    Q_OBJECT
public:
    using SecretStore::SecretStore;

    void readSecret(const QString &key, Callback callback) override;
    void writeSecret(const QString &key, const QString &value, Callback callback) override;
    void deleteSecret(const QString &key, Callback callback) override;

    // Synchronous peeks for tests and diagnostics.
    bool contains(const QString &key) const { return m_secrets.contains(key); }
    QString peek(const QString &key) const { return m_secrets.value(key); }
    int writeCount() const { return m_writeCount; }

    // Makes every following call fail with `kind` (None restores normal behaviour); lets tests show
    // how callers react to a locked keychain.
    void simulateFailure(ErrorKind kind, const QString &message = QString());

private:
    void deliver(Callback callback, Result result);

    QHash<QString, QString> m_secrets;
    ErrorKind m_failure = ErrorKind::None;
    QString m_failureMessage;
    int m_writeCount = 0;
};

} // namespace smtpauth
