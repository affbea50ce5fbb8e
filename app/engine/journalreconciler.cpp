// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "engine/journalreconciler.h"

#include "engine/targetvaluereader.h"
#include "models/changejournal.h"
#include "models/journalhistoryfilter.h"

namespace smtpauth {

JournalReconciler::JournalReconciler(InvokeCommandClient *client, ChangeJournal *journal, QObject *parent)
    : QObject(parent), m_client(client), m_journal(journal)
{
}

void JournalReconciler::start()
{
    m_pending = m_journal->unfinishedChanges();
    // `unknown` (no answer and no successful re-read) is settled the same way.
    HistoryFilter unknownOnly;
    unknownOnly.outcome = ChangeState::Unknown;
    for (const HistoryEntry &entry : m_journal->history(unknownOnly))
        m_pending.append(entry.change);
    m_settled.clear();
    m_error.clear();
    if (m_pending.isEmpty()) {
        QMetaObject::invokeMethod(this, &JournalReconciler::finished, Qt::QueuedConnection);
        return;
    }
    QList<TargetValueReader::Target> targets;
    for (const ChangeRecord &change : std::as_const(m_pending))
        targets.append({change.targetKind, change.targetGuid});
    m_reader = new TargetValueReader(m_client, this);
    connect(m_reader, &TargetValueReader::finished, this, &JournalReconciler::onValuesRead);
    m_reader->read(targets);
}

void JournalReconciler::onValuesRead()
{
    m_reader->deleteLater();
    QList<ChangeOutcome> outcomes;
    QList<qint64> settledIds;
    for (const ChangeRecord &change : std::as_const(m_pending)) {
        const TargetValueReader::Value now = m_reader->valueOf({change.targetKind, change.targetGuid});
        if (!now.ok && now.error.category() == ExchangeError::Category::NotFound) {
            // A definite answer, unlike a timeout: the target is gone, so it cannot show the after value.
            outcomes.append(
                {change.id,
                 ChangeState::Failed,
                 tr("Not applied: interrupted before the server confirmed, and the target no longer "
                    "exists: %1")
                     .arg(now.error.userMessage()),
                 {}});
            settledIds.append(change.id);
            continue;
        }
        if (!now.ok)
            continue; // still unknown: try again next time rather than guess
        const QString shown = machineName(now.value);
        // The journal keeps its values as words; the one it recorded is parsed back to compare values.
        if (changeValueFromName(change.targetKind, change.after) == now.value) {
            // An `unknown` change may be a write the server acknowledged but nobody could read back: the
            // read now confirms it. Anything else was cut off by a crash or a lost answer.
            outcomes.append({change.id, ChangeState::Applied,
                             change.state == ChangeState::Unknown
                                 ? tr("Confirmed on recovery: the server shows %1.").arg(shown)
                                 : tr("Recovered after an interruption: the server shows %1.").arg(shown),
                             change.clientRequestId});
        } else {
            outcomes.append({change.id,
                             ChangeState::Failed,
                             tr("Not applied: interrupted before the server confirmed; the server shows %1. "
                                "Apply it again if it is still wanted.")
                                 .arg(shown),
                             {}});
        }
        settledIds.append(change.id);
    }
    if (!outcomes.isEmpty() && !m_journal->recordOutcomes(outcomes, &m_error)) {
        Q_EMIT finished();
        return;
    }
    for (qint64 id : std::as_const(settledIds)) {
        if (auto change = m_journal->change(id))
            m_settled.append(*change);
    }
    const int unsettled = int(m_pending.size() - settledIds.size());
    if (unsettled > 0)
        m_error = tr("%n interrupted change(s) could not be checked against the server and stay unsettled.",
                     nullptr, unsettled);
    Q_EMIT finished();
}

} // namespace smtpauth
