// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "auth/keychainsecretstore.h"

#include "auth/authlogging.h"

#include <QCoreApplication>
#include <QPointer>
#include <QSettings>
#include <QSharedPointer>
#include <deque>
#include <qt6keychain/keychain.h>

namespace smtpauth {

namespace {
const QString IndexGroupKey = QStringLiteral("keychain/keys");

// One keychain job at a time in this process, in the order they were asked for. The Secret Service
// answers concurrent jobs in any order, so a read started while an earlier write of the same key was
// still out could return the value from before it: with refresh tokens that rotate on every use, that is
// a dead token and a lost sign-in (a second session of the profile, say, right after a refresh). The
// queue spans stores: the next session's store must wait for the write of the one closed before it.
struct KeychainQueue
{
    std::deque<QPointer<QKeychain::Job>> waiting;
    bool running = false;

    void enqueue(QKeychain::Job *job)
    {
        waiting.push_back(job);
        startNext();
    }
    void startNext()
    {
        while (!running && !waiting.empty()) {
            QPointer<QKeychain::Job> next = waiting.front();
            waiting.pop_front();
            if (!next)
                continue;
            running = true;
            QObject::connect(next, &QKeychain::Job::finished, next, [this] {
                running = false;
                // Queued: the job is still finishing (and deletes itself) when this runs.
                QMetaObject::invokeMethod(
                    QCoreApplication::instance(), [this] { startNext(); }, Qt::QueuedConnection);
            });
            next->start(); // QtKeychain finishes asynchronously, so callbacks never run inside our call
        }
    }
};

KeychainQueue &keychainQueue()
{
    static KeychainQueue queue;
    return queue;
}
} // namespace

KeychainSecretStore::KeychainSecretStore(const QString &profileName, const QString &indexFilePath,
                                         QObject *parent)
    : SecretStore(parent), m_profileName(profileName), m_indexFilePath(indexFilePath)
{
}

QString KeychainSecretStore::keychainKey(const QString &key) const
{
    return m_profileName + QLatin1Char('/') + key;
}

void KeychainSecretStore::startJob(QKeychain::Job *job, std::function<void(QKeychain::Job *)> onFinished)
{
    // Jobs have no parent and delete themselves when done: libsecret calls back into a job after the
    // store may be gone (a window closed mid-sign-in), and a job deleted with its parent would crash then.
    job->setAutoDelete(true);
    // Never: a refresh token in a file is exactly what the product promises not to do.
    job->setInsecureFallback(false);
    connect(job, &QKeychain::Job::finished, this,
            [onFinished = std::move(onFinished)](QKeychain::Job *finished) { onFinished(finished); });
    keychainQueue().enqueue(job);
}

SecretStore::Result KeychainSecretStore::failureFrom(QKeychain::Job *job) const
{
    const QString detail = job->errorString();
    switch (job->error()) {
    case QKeychain::NoError:
        return {};
    case QKeychain::EntryNotFound:
        return {ErrorKind::NotFound, QString(), tr("Nothing is stored in the keychain for this profile.")};
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        break;
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        // libsecret reports "no D-Bus session" and "Secret Service not provided" as generic errors.
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS") ||
            detail.contains(QLatin1String("dbus"), Qt::CaseInsensitive) ||
            detail.contains(QLatin1String("secret"), Qt::CaseInsensitive) ||
            detail.contains(QLatin1String("locked"), Qt::CaseInsensitive)) {
            break;
        }
        return {ErrorKind::Other, QString(), tr("The keychain reported an error: %1").arg(detail)};
    }

    QString cause;
    if (job->error() == QKeychain::AccessDeniedByUser)
        cause = tr("access to the keychain was refused");
    else if (job->error() == QKeychain::AccessDenied)
        cause = tr("the keychain is locked or refused access");
    else if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        cause = tr("there is no D-Bus session (DBUS_SESSION_BUS_ADDRESS is not set)");
    else
        cause = tr("no Secret Service provider (such as GNOME Keyring or KWallet) is running");
    return {ErrorKind::NoKeychain, QString(),
            tr("No usable keychain: %1 (%2). Start and unlock a keychain, or sign in for this session only.")
                .arg(cause, detail)};
}

void KeychainSecretStore::readSecret(const QString &key, Callback callback)
{
    auto *job = new QKeychain::ReadPasswordJob(serviceName());
    job->setKey(keychainKey(key));
    startJob(job, [this, callback = std::move(callback)](QKeychain::Job *finished) {
        if (finished->error() != QKeychain::NoError) {
            const Result failure = failureFrom(finished);
            qCDebug(lcAuth) << "keychain read failed:" << failure.errorMessage;
            callback(failure);
            return;
        }
        auto *readJob = static_cast<QKeychain::ReadPasswordJob *>(finished);
        callback(Result{ErrorKind::None, readJob->textData(), QString()});
    });
}

void KeychainSecretStore::writeSecret(const QString &key, const QString &value, Callback callback)
{
    auto *job = new QKeychain::WritePasswordJob(serviceName());
    job->setKey(keychainKey(key));
    job->setTextData(value);
    ++m_writesInFlight[key];
    startJob(job, [this, key, callback = std::move(callback)](QKeychain::Job *finished) {
        if (--m_writesInFlight[key] == 0)
            m_writesInFlight.remove(key);
        if (finished->error() != QKeychain::NoError) {
            const Result failure = failureFrom(finished);
            qCWarning(lcAuth) << "keychain write failed:" << failure.errorMessage;
            callback(failure);
            return;
        }
        addToIndex(key);
        callback(Result{});
    });
}

void KeychainSecretStore::deleteSecret(const QString &key, Callback callback)
{
    auto *job = new QKeychain::DeletePasswordJob(serviceName());
    job->setKey(keychainKey(key));
    startJob(job, [this, key, callback = std::move(callback)](QKeychain::Job *finished) {
        const QKeychain::Error error = finished->error();
        if (error != QKeychain::NoError && error != QKeychain::EntryNotFound) {
            const Result failure = failureFrom(finished);
            if (failure.error != ErrorKind::NotFound) {
                qCWarning(lcAuth) << "keychain delete failed:" << failure.errorMessage;
                callback(failure);
                return;
            }
        }
        removeFromIndex(key);
        callback(Result{});
    });
}

void KeychainSecretStore::deleteAll(Callback callback)
{
    // The keys the index lists, and those still being written: the deletes queue behind those writes
    // (one keychain job at a time, in order), so nothing written before the sign-out survives it.
    QStringList keys = indexedKeys();
    for (auto it = m_writesInFlight.cbegin(); it != m_writesInFlight.cend(); ++it) {
        if (!keys.contains(it.key()))
            keys.append(it.key());
    }
    if (keys.isEmpty()) {
        QMetaObject::invokeMethod(
            this, [callback]() { callback(Result{}); }, Qt::QueuedConnection);
        return;
    }
    struct Progress
    {
        qsizetype pending = 0;
        Result firstFailure;
    };
    auto progress = QSharedPointer<Progress>::create();
    progress->pending = keys.size();
    for (const QString &key : keys) {
        deleteSecret(key, [progress, callback](const Result &result) {
            if (!result.ok() && progress->firstFailure.ok())
                progress->firstFailure = result;
            if (--progress->pending == 0)
                callback(progress->firstFailure);
        });
    }
}

QStringList KeychainSecretStore::indexedKeys() const
{
    if (m_indexFilePath.isEmpty())
        return {};
    QSettings index(m_indexFilePath, QSettings::IniFormat);
    return index.value(IndexGroupKey).toStringList();
}

void KeychainSecretStore::addToIndex(const QString &key)
{
    if (m_indexFilePath.isEmpty())
        return;
    QSettings index(m_indexFilePath, QSettings::IniFormat);
    QStringList keys = index.value(IndexGroupKey).toStringList();
    if (!keys.contains(key)) {
        keys.append(key);
        index.setValue(IndexGroupKey, keys);
    }
}

void KeychainSecretStore::removeFromIndex(const QString &key)
{
    if (m_indexFilePath.isEmpty())
        return;
    QSettings index(m_indexFilePath, QSettings::IniFormat);
    QStringList keys = index.value(IndexGroupKey).toStringList();
    if (keys.removeAll(key) > 0) {
        if (keys.isEmpty())
            index.remove(IndexGroupKey);
        else
            index.setValue(IndexGroupKey, keys);
    }
}

} // namespace smtpauth
