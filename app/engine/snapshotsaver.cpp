// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "engine/snapshotsaver.h"

#include "models/snapshothistory.h"
#include "models/snapshotstore.h"
#include "models/tenantstate.h"

#include <QtConcurrent/QtConcurrentRun>

namespace smtpauth {

SnapshotSaver::SnapshotSaver(QString path, QString historyPath, QObject *parent)
    : QObject(parent), m_path(std::move(path)), m_historyPath(std::move(historyPath))
{
}

SnapshotSaver::~SnapshotSaver()
{
    m_waiting.reset();
    if (m_writer) {
        m_writer->disconnect(this);
        m_writer->waitForFinished();
    }
}

void SnapshotSaver::save(const MailboxStore &mailboxes, OrgSetting org, const QString &tenantId,
                         const QDateTime &savedUtc)
{
    m_waiting = Job{mailboxes.detachedCopy(), org, tenantId, savedUtc};
    if (!m_writer)
        startNext();
}

SnapshotSaver::Outcome SnapshotSaver::write(const QString &path, const QString &historyPath, const Job &job)
{
    // A store of its own: its SQLite connection is opened, used and removed on this worker thread.
    SnapshotStore store(path);
    Outcome outcome;
    outcome.savedUtc = job.savedUtc;
    store.save(job.mailboxes, job.org, job.tenantId, job.savedUtc, &outcome.error);
    if (historyPath.isEmpty())
        return outcome;
    SnapshotHistory history(historyPath);
    QString historyError;
    if (!history.append(job.tenantId, job.savedUtc, TenantState::fromStore(job.mailboxes, job.org),
                        &historyError) ||
        history.removeOlderThan(job.tenantId, job.savedUtc.addDays(-SnapshotHistory::kRetentionDays),
                                &historyError) < 0) {
        const QString message = QStringLiteral("the snapshot history was not updated: %1").arg(historyError);
        outcome.error = outcome.error.isEmpty() ? message : outcome.error + QStringLiteral("; ") + message;
    }
    return outcome;
}

void SnapshotSaver::startNext()
{
    if (!m_waiting)
        return;
    Job job = std::move(*m_waiting);
    m_waiting.reset();
    auto *writer = new QFutureWatcher<Outcome>(this);
    m_writer = writer;
    connect(writer, &QFutureWatcherBase::finished, this, [this, writer] { onWritten(writer); });
    writer->setFuture(QtConcurrent::run(&SnapshotSaver::write, m_path, m_historyPath, std::move(job)));
}

void SnapshotSaver::onWritten(QFutureWatcher<Outcome> *writer)
{
    if (writer != m_writer)
        return;
    m_writer = nullptr;
    const Outcome outcome = writer->result();
    writer->deleteLater();
    report(outcome);
    startNext();
}

void SnapshotSaver::finishWrites()
{
    m_waiting.reset();
    if (!m_writer)
        return;
    QFutureWatcher<Outcome> *writer = m_writer;
    m_writer = nullptr;
    writer->waitForFinished();
    const Outcome outcome = writer->result();
    delete writer; // with it any finished() still queued for it
    // Reported now, not from a later turn of the event loop: the caller goes on to touch the file.
    report(outcome);
}

void SnapshotSaver::report(const Outcome &outcome)
{
    if (outcome.error.isEmpty())
        Q_EMIT saved(outcome.savedUtc);
    else
        Q_EMIT failed(outcome.error);
}

} // namespace smtpauth
