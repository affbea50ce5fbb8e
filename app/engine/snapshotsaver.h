// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/mailboxstore.h"
#include "models/smtpauthpolicy.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <optional>

namespace smtpauth {

// Writes the snapshot of a finished load (SnapshotStore) on a worker thread, and adds it to the profile's
// snapshot history (SnapshotHistory, for drift reviews) with its retention applied.
//
// Why: at the end of a load the whole list is written as one transaction of a few BLOBs, 150 ms for
// 100,000 mailboxes and 0.6–0.8 s for 500,000; on the window's thread that froze the window just as the
// list became complete. Here the window's thread only copies the store (MailboxStore::detachedCopy: the
// row records and the open text chunk; the full chunks are shared: a few milliseconds) and the worker
// serialises and writes the copy through its own SQLite connection.
//
// One write at a time: a request made while a write runs waits, and a newer request replaces a waiting
// one (only the latest list is worth caching). Before the file is cleared, replaced or closed, the owner
// calls finishWrites(), which waits for a write in progress and drops a waiting one; the destructor
// does the same, so a complete load is never lost to a quick exit.
class SnapshotSaver : public QObject
{
    Q_OBJECT
public:
    // An empty historyPath keeps no history (the last state only).
    explicit SnapshotSaver(QString path, QString historyPath = QString(), QObject *parent = nullptr);
    ~SnapshotSaver() override;

    QString path() const { return m_path; }
    void save(const MailboxStore &mailboxes, OrgSetting org, const QString &tenantId,
              const QDateTime &savedUtc);
    bool isWriting() const { return m_writer != nullptr; }
    void finishWrites();

Q_SIGNALS:
    void saved(const QDateTime &savedUtc);
    void failed(const QString &error);

private:
    struct Job
    {
        MailboxStore mailboxes;
        OrgSetting org = OrgSetting::Disabled;
        QString tenantId;
        QDateTime savedUtc;
    };
    struct Outcome
    {
        QDateTime savedUtc;
        QString error;
    };
    static Outcome write(const QString &path, const QString &historyPath, const Job &job);
    void startNext();
    void onWritten(QFutureWatcher<Outcome> *writer);
    void report(const Outcome &outcome);

    QString m_path;
    QString m_historyPath;
    std::optional<Job> m_waiting;
    // The write in progress; a watcher per write, so that a write finished by finishWrites() can never
    // be reported a second time by a late signal.
    QFutureWatcher<Outcome> *m_writer = nullptr;
};

} // namespace smtpauth
