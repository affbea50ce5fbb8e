#include "changeapplier.h"

#include "batchcall.h"
#include "casmailboxrequests.h"
#include "changejournal.h"
#include "enginelogging.h"
#include "invokecommandclient.h"
#include "targetvaluereader.h"

namespace smtpauth {

namespace {
TargetValueReader::Target targetOf(const StagedChange &change)
{
    return {change.targetKind, change.targetGuid};
}

CmdletRequest writeRequestFor(const StagedChange &change)
{
    if (change.targetKind == ChangeTargetKind::Org) {
        OrgSetting value = OrgSetting::Disabled;
        orgSettingFromName(change.after, &value);
        return CasMailboxRequests::setTransportConfig(value);
    }
    Override value = Override::Inherit;
    overrideFromName(change.after, &value);
    return CasMailboxRequests::setMailbox(change.targetGuid.toString(QUuid::WithoutBraces), value);
}
} // namespace

int ChangeApplier::Report::count(ChangeState state) const
{
    return int(std::count_if(changes.cbegin(), changes.cend(),
                             [state](const ChangeRecord &change) { return change.state == state; }));
}

ChangeApplier::ChangeApplier(InvokeCommandClient *client, ChangeJournal *journal, QObject *parent)
    : QObject(parent), m_client(client), m_journal(journal)
{
}

void ChangeApplier::start(const Request &request)
{
    m_request = request;
    QString error;
    m_batchId = m_journal->beginBatch(request.batch, &error);
    if (m_batchId <= 0) {
        finishWithError(tr("The journal could not record the batch: %1").arg(error));
        return;
    }
    QList<ChangeRecord> intended;
    intended.reserve(request.changes.size());
    for (const StagedChange &staged : request.changes) {
        ChangeRecord change;
        change.batchId = m_batchId;
        change.targetKind = staged.targetKind;
        change.targetGuid = staged.targetGuid;
        change.targetAddress = staged.targetAddress;
        change.targetDisplayName = staged.targetDisplayName;
        change.before = staged.expectedBefore;
        change.after = staged.after;
        change.reason = staged.reason;
        change.ticket = staged.ticket;
        change.state = ChangeState::Intended;
        intended.append(change);
    }
    m_changeIds = m_journal->addIntendedChanges(m_batchId, intended, &error);
    if (m_changeIds.size() != intended.size()) {
        finishWithError(tr("The journal could not record the changes: %1").arg(error));
        return;
    }

    Q_EMIT stageChanged(tr("Reading the current values of %n target(s)…", nullptr, int(request.changes.size())));
    QList<TargetValueReader::Target> targets;
    targets.reserve(request.changes.size());
    for (const StagedChange &staged : request.changes)
        targets.append(targetOf(staged));
    m_phase = Phase::ReadingBefore;
    m_reader = new TargetValueReader(m_client, this);
    connect(m_reader, &TargetValueReader::finished, this, &ChangeApplier::onBeforeValuesRead);
    m_reader->read(targets);
}

bool ChangeApplier::cancel()
{
    if (m_phase != Phase::ReadingBefore)
        return false;
    m_reader->disconnect(this);
    m_reader->deleteLater();
    QList<ChangeOutcome> outcomes;
    for (qint64 id : std::as_const(m_changeIds))
        outcomes.append({id, ChangeState::Failed, tr("Cancelled before sending; nothing was changed."), {}});
    if (record(outcomes))
        finishReport();
    return true;
}

void ChangeApplier::onBeforeValuesRead()
{
    m_reader->deleteLater();
    QList<ChangeOutcome> outcomes;
    QList<CmdletRequest> writes;
    for (int i = 0; i < m_request.changes.size(); ++i) {
        const StagedChange &staged = m_request.changes.at(i);
        const TargetValueReader::Value current = m_reader->valueOf(targetOf(staged));
        const qint64 id = m_changeIds.at(i);
        if (!current.ok) {
            outcomes.append({id, ChangeState::Failed,
                             tr("Not sent: the current value could not be read: %1").arg(current.error.userMessage()), {}});
        } else if (current.value == staged.after) {
            outcomes.append({id, ChangeState::NoOp, tr("Already %1 on the server; nothing to change.").arg(current.value), {}});
        } else if (current.value != staged.expectedBefore && !m_request.force) {
            outcomes.append({id, ChangeState::Conflict,
                             tr("Not sent: the server value is now %1, not %2 as seen when the change was staged.")
                                 .arg(current.value, staged.expectedBefore),
                             {}});
        } else {
            outcomes.append({id, ChangeState::Sent, {}, {}});
            m_sentIndexes.append(i);
            writes.append(writeRequestFor(staged));
        }
    }
    if (!record(outcomes))
        return;
    if (writes.isEmpty()) {
        finishReport();
        return;
    }
    m_phase = Phase::Writing;
    Q_EMIT stageChanged(tr("Writing %n change(s)…", nullptr, int(writes.size())));
    m_writes = m_client->invokeBatch(writes);
    connect(m_writes, &BatchCall::finished, this, &ChangeApplier::onWritesFinished);
}

void ChangeApplier::onWritesFinished()
{
    m_writes->deleteLater();
    m_writeResults = m_writes->results(); // the call object is gone once the re-read finishes
    QList<TargetValueReader::Target> targets;
    for (int index : std::as_const(m_sentIndexes))
        targets.append(targetOf(m_request.changes.at(index)));
    m_phase = Phase::ReadingAfter;
    Q_EMIT stageChanged(tr("Checking what the server now says…"));
    m_reader = new TargetValueReader(m_client, this);
    connect(m_reader, &TargetValueReader::finished, this, &ChangeApplier::onAfterValuesRead);
    m_reader->read(targets);
}

void ChangeApplier::onAfterValuesRead()
{
    m_reader->deleteLater();
    QList<ChangeOutcome> outcomes;
    for (int n = 0; n < m_sentIndexes.size(); ++n) {
        const int index = m_sentIndexes.at(n);
        const StagedChange &staged = m_request.changes.at(index);
        const qint64 id = m_changeIds.at(index);
        const QString requestId = m_writeResults.at(n).clientRequestId;
        const TargetValueReader::Value now = m_reader->valueOf(targetOf(staged));
        const ExchangeError writeError = m_writeResults.at(n).error;
        m_permissionDenied = m_permissionDenied || writeError.category() == ExchangeError::Category::Forbidden;
        if (now.ok && now.value == staged.after) {
            // The server shows the wanted value: applied, whatever the write's own answer was.
            outcomes.append({id, ChangeState::Applied, writeError.isError() ? writeError.userMessage() : QString(), requestId});
        } else if (now.ok) {
            outcomes.append({id, ChangeState::Failed,
                             writeError.isError() ? writeError.userMessage()
                                                  : tr("The server accepted the change but now shows %1.").arg(now.value),
                             requestId});
        } else {
            // Neither the write nor the re-read tells what happened: say so, recovery settles it.
            outcomes.append({id, ChangeState::Unknown,
                             tr("The outcome is unknown: %1").arg(writeError.isError() ? writeError.userMessage()
                                                                                       : now.error.userMessage()),
                             requestId});
        }
    }
    if (!record(outcomes))
        return;
    finishReport();
}

bool ChangeApplier::record(const QList<ChangeOutcome> &outcomes)
{
    QString error;
    if (!m_journal->recordOutcomes(outcomes, &error)) {
        finishWithError(tr("The journal could not record the outcome: %1").arg(error));
        return false;
    }
    return true;
}

void ChangeApplier::finishWithError(const QString &message)
{
    m_phase = Phase::Done;
    qCWarning(lcEngine).noquote() << message;
    Report report;
    report.batchId = m_batchId;
    report.error = message;
    Q_EMIT finished(report);
}

void ChangeApplier::finishReport()
{
    m_phase = Phase::Done;
    Report report;
    report.batchId = m_batchId;
    report.changes = m_journal->changesOfBatch(m_batchId);
    report.permissionDenied = m_permissionDenied;
    Q_EMIT finished(report);
}

} // namespace smtpauth
