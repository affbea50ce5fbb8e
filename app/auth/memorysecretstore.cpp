// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "auth/memorysecretstore.h"

#include <QMetaObject>

namespace smtpauth {

void MemorySecretStore::simulateFailure(ErrorKind kind, const QString &message)
{
    m_failure = kind;
    m_failureMessage = message;
}

void MemorySecretStore::deliver(Callback callback, Result result)
{
    if (m_failure != ErrorKind::None) {
        result = Result{m_failure, QString(), m_failureMessage};
    }
    // Queued so that callers see the same ordering as with the real keychain.
    QMetaObject::invokeMethod(
        this,
        [callback = std::move(callback), result]() {
            if (callback)
                callback(result);
        },
        Qt::QueuedConnection);
}

void MemorySecretStore::readSecret(const QString &key, Callback callback)
{
    if (m_failure == ErrorKind::None && !m_secrets.contains(key)) {
        deliver(std::move(callback),
                Result{ErrorKind::NotFound, QString(), tr("No secret is stored under \"%1\".").arg(key)});
        return;
    }
    deliver(std::move(callback), Result{ErrorKind::None, m_secrets.value(key), QString()});
}

void MemorySecretStore::writeSecret(const QString &key, const QString &value, Callback callback)
{
    if (m_failure == ErrorKind::None) {
        m_secrets.insert(key, value);
        ++m_writeCount;
    }
    deliver(std::move(callback), Result{});
}

void MemorySecretStore::deleteSecret(const QString &key, Callback callback)
{
    if (m_failure == ErrorKind::None)
        m_secrets.remove(key);
    deliver(std::move(callback), Result{});
}

} // namespace smtpauth
