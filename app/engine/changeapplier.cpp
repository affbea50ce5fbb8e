// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "engine/changeapplier.h"

#include "engine/enginelogging.h"
#include "exchange/batchcall.h"
#include "exchange/casmailboxrequests.h"
#include "exchange/invokecommandclient.h"
#include "models/changejournal.h"

#include <algorithm>

namespace smtpauth {

namespace {
TargetValueReader::Target targetOf(const StagedChange &change)
{
    return {change.targetKind, change.targetGuid};
}

CmdletRequest writeRequestFor(const StagedChange &change)
{
    if (change.targetKind == ChangeTargetKind::Org)
        return CasMailboxRequests::setTransportConfig(toOrgSetting(change.after));
    return CasMailboxRequests::setMailbox(change.targetGuid.toString(QUuid::WithoutBraces),
                                          toOverride(change.after));
}

// The server answered the write and said no: the cmdlet did not run (or, for a missing token, the
// request never left). Anything else (no answer, a cut answer, 5xx, a timeout) may have been executed.
bool isDefiniteRefusal(const ExchangeError &error)
{
    switch (error.category()) {
    case ExchangeError::Category::Unauthorized:
    case ExchangeError::Category::Forbidden:
    case ExchangeError::Category::NotFound:
    case ExchangeError::Category::BadRequest:
    case ExchangeError::Category::Throttled:
        return true;
    case ExchangeError::Category::None:
    case ExchangeError::Category::Network:
    case ExchangeError::Category::Timeout:
    case ExchangeError::Category::ServerUnavailable:
    case ExchangeError::Category::PaginationExpired:
    case ExchangeError::Category::Protocol:
    case ExchangeError::Category::InsecureTransport:
    case ExchangeError::Category::Cancelled:
        return false;
    }
    return false;
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
    m_progress.fill(Progress(), request.changes.size());
    QList<TargetValueReader::Target> targets;
    targets.reserve(request.changes.size());
    for (int i = 0; i < request.changes.size(); ++i) {
        const TargetValueReader::Target target = targetOf(request.changes.at(i));
        targets.append(target);
        m_indexesByTarget[target].append(i);
    }
    // The first read leaves before the write-ahead below and goes on while `intended` is committed slice
    // by slice: a read cannot change anything, and a change is decided (let alone written) only once its
    // own slice is committed.
    m_phase = Phase::ReadingBefore;
    m_before = new TargetValueReader(m_client, this);
    connect(m_before, &TargetValueReader::valuesReady, this, &ChangeApplier::onBeforeValues);
    connect(m_before, &TargetValueReader::finished, this, &ChangeApplier::onBeforeReadFinished);
    m_before->read(targets);
    // A request going into backoff frees its slot without answering: the next write may take it.
    connect(m_client, &InvokeCommandClient::retryScheduled, this, &ChangeApplier::scheduleProgressCheck);
    updateCancelPossible();

    QString error;
    m_batchId = m_journal->beginBatch(request.batch, &error);
    if (m_batchId <= 0) {
        finishWithError(tr("The journal could not record the batch: %1").arg(error));
        return;
    }
    m_intended.reserve(request.changes.size());
    for (const StagedChange &staged : request.changes) {
        ChangeRecord change;
        change.batchId = m_batchId;
        change.targetKind = staged.targetKind;
        change.targetGuid = staged.targetGuid;
        change.targetAddress = staged.targetAddress;
        change.targetDisplayName = staged.targetDisplayName;
        change.before = machineName(staged.expectedBefore); // the journal keeps words
        change.after = machineName(staged.after);
        change.reason = staged.reason;
        change.ticket = staged.ticket;
        change.state = ChangeState::Intended;
        m_intended.append(change);
    }
    // A bad row refuses the whole request before anything is journalled as intended.
    if (!ChangeJournal::checkIntendedChanges(m_intended, &error)) {
        finishWithError(tr("The journal could not record the changes: %1").arg(error));
        return;
    }
    m_changeIds.reserve(m_intended.size());
    m_indexOfChangeId.reserve(m_intended.size());
    Q_EMIT stageChanged(
        tr("Reading the current values of %n target(s)…", nullptr, int(request.changes.size())));
    if (m_phase == Phase::Done)
        return; // cancelled from the stage's receiver
    writeIntentSlice();
}

void ChangeApplier::writeIntentSlice()
{
    if (m_phase == Phase::Done || m_intendedCount >= m_intended.size())
        return;
    if (!writeIntents(qMin<qsizetype>(m_intendedCount + kIntentSlice, m_intended.size())))
        return;
    if (m_intendedCount < m_intended.size())
        QMetaObject::invokeMethod(this, &ChangeApplier::writeIntentSlice, Qt::QueuedConnection);
    // What the first read announced before its `intended` was committed can be decided now.
    QList<int> ready;
    while (!m_awaitingIntent.empty() && m_awaitingIntent.top() < m_intendedCount) {
        ready.append(m_awaitingIntent.top());
        m_awaitingIntent.pop();
    }
    if (!ready.isEmpty()) {
        const bool idle = m_toDecide.isEmpty();
        m_toDecide.append(ready);
        if (idle)
            decideSome();
    } else if (m_toDecide.isEmpty() && m_beforeReadFinished) {
        onAllDecided();
    }
}

bool ChangeApplier::writeIntents(qsizetype upTo)
{
    const QList<ChangeRecord> slice = m_intended.mid(m_intendedCount, upTo - m_intendedCount);
    QString error;
    const QList<qint64> ids = m_journal->addIntendedChanges(m_batchId, slice, &error);
    if (ids.size() != slice.size()) {
        finishWithError(tr("The journal could not record the changes: %1").arg(error));
        return false;
    }
    for (qsizetype k = 0; k < ids.size(); ++k) {
        m_changeIds.append(ids.at(k));
        m_indexOfChangeId.insert(ids.at(k), int(m_intendedCount + k));
    }
    m_intendedCount = upTo;
    return true;
}

bool ChangeApplier::canCancel() const
{
    if (m_phase == Phase::Idle || m_phase == Phase::Done || m_cancelled)
        return false;
    // Once every change is decided and the last write was handed to the client, nothing is left that
    // certainly has not been sent.
    return !(m_allDecided && m_waitingToSend.isEmpty());
}

void ChangeApplier::updateCancelPossible()
{
    const bool possible = canCancel();
    if (possible == m_cancelPossible)
        return;
    m_cancelPossible = possible;
    Q_EMIT cancelPossibleChanged(possible);
}

bool ChangeApplier::cancel()
{
    if (!canCancel())
        return false;
    // Every change is journalled before its cancellation is: the rest of `intended` in one go.
    if (m_intendedCount < m_intended.size() && !writeIntents(m_intended.size()))
        return true; // finished() reported the journal failure
    m_cancelled = true;
    // The first read is no longer needed: nothing more is decided.
    m_toDecide.clear();
    m_awaitingIntent = {};
    if (m_before) {
        m_before->disconnect(this);
        m_before->deleteLater();
    }
    m_before = nullptr;
    QList<int> notSent = m_waitingToSend;
    m_waitingToSend.clear();
    for (int i = 0; i < m_progress.size(); ++i) {
        if (m_progress.at(i).step == Step::Undecided)
            notSent.append(i);
    }
    std::sort(notSent.begin(), notSent.end());
    QList<ChangeOutcome> outcomes;
    outcomes.reserve(notSent.size());
    for (int i : std::as_const(notSent)) {
        m_progress[i].step = Step::Settled;
        m_cancelledIds.append(m_changeIds.at(i));
        outcomes.append({m_changeIds.at(i),
                         ChangeState::Failed,
                         tr("Cancelled before sending; nothing was changed."),
                         {}});
    }
    m_allDecided = true;
    updateCancelPossible();
    // Recorded before anything is reported: a change journalled `sent` that never left says so now.
    if (!outcomes.isEmpty() && !record(outcomes))
        return true;
    if (m_writesHanded == 0) {
        finishReport();
        return true;
    }
    Q_EMIT stageChanged(
        tr("Cancelled: %n change(s) not sent; finishing the %1 already sent…", nullptr, int(notSent.size()))
            .arg(m_writesHanded));
    scheduleProgressCheck();
    return true;
}

QList<int> ChangeApplier::indexesOf(const QList<TargetValueReader::Target> &targets) const
{
    QList<int> indexes;
    for (const TargetValueReader::Target &target : targets)
        indexes.append(m_indexesByTarget.value(target));
    return indexes;
}

void ChangeApplier::onBeforeValues(const QList<TargetValueReader::Target> &targets)
{
    if (m_phase == Phase::Done || !m_before)
        return;
    const bool idle = m_toDecide.isEmpty();
    m_toDecide.append(indexesOf(targets));
    if (idle)
        decideSome();
}

void ChangeApplier::decideSome()
{
    if (m_phase == Phase::Done || !m_before)
        return;
    // A slice at a time, with the event loop in between: the journal transaction and the request bodies
    // of a slice take a few milliseconds, less than a round trip, so the answers that arrive meanwhile
    // are handled (and their slots given to the next requests) without waiting for a whole page.
    const QList<int> slice = m_toDecide.mid(0, kDecisionSlice);
    m_toDecide.remove(0, slice.size());
    QList<ChangeOutcome> outcomes;
    QList<int> writeIndexes;
    for (int i : slice) {
        if (m_progress.at(i).step != Step::Undecided)
            continue;
        if (i >= m_intendedCount) {
            m_awaitingIntent.push(i); // decided once its slice of `intended` is committed
            continue;
        }
        const StagedChange &staged = m_request.changes.at(i);
        const TargetValueReader::Value current = m_before->valueOf(targetOf(staged));
        const qint64 id = m_changeIds.at(i);
        m_progress[i].step = Step::DecidedWithoutWrite;
        if (!current.ok) {
            outcomes.append(
                {id,
                 ChangeState::Failed,
                 tr("Not sent: the current value could not be read: %1").arg(current.error.userMessage()),
                 {}});
        } else if (current.value == staged.after) {
            outcomes.append(
                {id,
                 ChangeState::NoOp,
                 tr("Already %1 on the server; nothing to change.").arg(machineName(current.value)),
                 {}});
        } else if (current.value != staged.expectedBefore && !m_request.force) {
            outcomes.append(
                {id,
                 ChangeState::Conflict,
                 tr("Not sent: the server value is now %1, not %2 as seen when the change was staged.")
                     .arg(machineName(current.value), machineName(staged.expectedBefore)),
                 {}});
        } else {
            outcomes.append({id, ChangeState::Sent, {}, {}});
            m_progress[i].step = Step::Writing;
            writeIndexes.append(i);
        }
    }
    if (!outcomes.isEmpty()) {
        // One transaction for the slice: `sent` is durable before any of its writes leaves.
        if (!record(outcomes))
            return;
    }
    if (!writeIndexes.isEmpty()) {
        m_phase = Phase::Writing;
        m_writesSent += int(writeIndexes.size());
        m_waitingToSend.append(writeIndexes);
        dispatchWrites();
        // After the hand-over: a receiver may cancel from here, and must find this slice's changes waiting.
        if (m_writesSent - m_writesAnnounced >= kStageEvery || m_writesAnnounced == 0) {
            m_writesAnnounced = m_writesSent;
            Q_EMIT stageChanged(tr("Writing %n change(s)…", nullptr, m_writesSent));
        }
        if (m_phase == Phase::Done || !m_before)
            return; // cancelled (or failed) from the stage's receiver
    }
    if (!m_toDecide.isEmpty())
        QMetaObject::invokeMethod(this, &ChangeApplier::decideSome, Qt::QueuedConnection);
    else if (m_beforeReadFinished)
        onAllDecided();
}

void ChangeApplier::onBeforeReadFinished()
{
    if (m_phase == Phase::Done || !m_before)
        return;
    m_beforeReadFinished = true;
    if (m_toDecide.isEmpty())
        onAllDecided();
}

void ChangeApplier::onAllDecided()
{
    // Called again by the last slice of `intended` when the first read finished earlier.
    if (m_allDecided || m_intendedCount < m_intended.size() || !m_awaitingIntent.empty())
        return;
    m_before->deleteLater();
    // The reader announces every target before it finishes; this only guards against a reader that
    // did not, so that no change is left without an outcome.
    QList<ChangeOutcome> outcomes;
    for (int i = 0; i < m_progress.size(); ++i) {
        if (m_progress.at(i).step != Step::Undecided)
            continue;
        m_progress[i].step = Step::DecidedWithoutWrite;
        outcomes.append({m_changeIds.at(i),
                         ChangeState::Failed,
                         tr("Not sent: the current value could not be read."),
                         {}});
    }
    if (!outcomes.isEmpty() && !record(outcomes))
        return;
    m_allDecided = true;
    updateCancelPossible();
    if (m_writesSent == 0) {
        finishReport();
        return;
    }
    if (m_writesAnnounced != m_writesSent) {
        m_writesAnnounced = m_writesSent;
        Q_EMIT stageChanged(tr("Writing %n change(s)…", nullptr, m_writesSent));
    }
    scheduleProgressCheck();
}

void ChangeApplier::dispatchWrites()
{
    // Enough calls to keep every in-flight slot busy while the next round waits in the client's queue; the
    // rest waits here, where it can still be cancelled and does not hold up the reads. A call backing off
    // after a 429 holds no slot, so only what is in flight or queued counts (else a few backoffs would
    // leave slots idle); the cap on calls handed over bounds what a cancel cannot stop when many back off.
    const int slots = qMax(1, m_client->options().maxInFlight);
    while (!m_waitingToSend.isEmpty() && m_writeCalls.size() < kMaxWriteCallsPerSlot * slots &&
           m_client->inFlightCount() + m_client->queuedCount() < 2 * slots) {
        const QList<int> indexes = m_waitingToSend.mid(0, InvokeCommandClient::kMaxBatchSize);
        m_waitingToSend.remove(0, indexes.size());
        QList<CmdletRequest> writes;
        writes.reserve(indexes.size());
        for (int i : indexes)
            writes.append(writeRequestFor(m_request.changes.at(i)));
        m_writesHanded += int(indexes.size());
        BatchCall *call = m_client->invokeBatch(writes);
        m_writeCalls.insert(call, indexes);
        connect(call, &BatchCall::resultReady, this,
                [this, call](int index) { onWriteAnswered(call, index); });
        connect(call, &BatchCall::finished, this, [this, call] { onWriteCallFinished(call); });
    }
    updateCancelPossible();
}

void ChangeApplier::onWriteAnswered(BatchCall *call, int indexInCall)
{
    const int i = m_writeCalls.value(call).value(indexInCall, -1);
    if (i < 0 || m_progress.at(i).step != Step::Writing)
        return;
    Progress &progress = m_progress[i];
    progress.write = call->resultAt(indexInCall);
    progress.answeredTick = TargetValueReader::nextTick();
    progress.step = Step::Answered;
    ++m_writesAnswered;
    Q_ASSERT(m_writesAnswered <= m_writesHanded); // each handed write is answered at most once
    if (progress.write.error.category() == ExchangeError::Category::Forbidden)
        m_permissionDenied = true;
    scheduleProgressCheck();
}

void ChangeApplier::onWriteCallFinished(BatchCall *call)
{
    m_writeCalls.remove(call);
    call->deleteLater();
    if (m_phase != Phase::Done)
        dispatchWrites();
    scheduleProgressCheck();
}

void ChangeApplier::scheduleProgressCheck()
{
    // Queued, so that all answers of one $batch are stamped before a read-back can leave.
    if (m_progressCheckScheduled)
        return;
    m_progressCheckScheduled = true;
    QMetaObject::invokeMethod(this, &ChangeApplier::checkProgress, Qt::QueuedConnection);
}

QList<int> ChangeApplier::writtenButUnsettled() const
{
    QList<int> indexes;
    for (int i = 0; i < m_progress.size(); ++i) {
        const Step step = m_progress.at(i).step;
        if (step == Step::Writing || step == Step::Answered)
            indexes.append(i);
    }
    return indexes;
}

QList<int> ChangeApplier::takeAnswersNotReadSince()
{
    QList<int> indexes;
    for (int i = 0; i < m_progress.size(); ++i) {
        Progress &progress = m_progress[i];
        if (progress.step == Step::Answered && !progress.lateReadAsked) {
            progress.lateReadAsked = true;
            indexes.append(i);
        }
    }
    return indexes;
}

void ChangeApplier::checkProgress()
{
    m_progressCheckScheduled = false;
    if (m_phase == Phase::Done)
        return;
    dispatchWrites(); // a slot may have been freed by an answer or by a request going into backoff
    if (!m_allDecided)
        return;
    const bool allAnswered = m_waitingToSend.isEmpty() && m_writesAnswered == m_writesHanded;
    const bool readBackRunning =
        std::any_of(m_readBacks.cbegin(), m_readBacks.cend(),
                    [](const QPointer<TargetValueReader> &reader) { return !reader.isNull(); });
    // Many targets are read back with one enumeration of the tenant, whose pages leave one after the
    // other: start it as soon as no write is waiting for a slot any more, so that it runs beside the last
    // writes (and their backoffs) instead of after them. A few targets are read one Get each, which only
    // counts once their writes are answered: those wait for the answers.
    if (!allAnswered && !m_earlyReadBackStarted && m_waitingToSend.isEmpty() &&
        m_writesHanded > TargetValueReader::kEnumerateThreshold && m_client->queuedCount() == 0) {
        m_earlyReadBackStarted = true;
        m_earlyReadBack = startReadBack(writtenButUnsettled());
        return;
    }
    // Once that enumeration is over, what it could not settle (answered after its page had left, e.g.
    // after a 429's backoff) is read as the answers come, one Get each: a read that leaves after the
    // answer settles the change. So only the last answers' targets are left for the very end, one round
    // instead of several, and only those few reads can still add a backoff of their own to the apply.
    const bool earlyReadBackOver = m_earlyReadBackStarted && !m_readBacks.contains(m_earlyReadBack);
    if (earlyReadBackOver && !m_finalReadBackStarted) {
        const QList<int> late = takeAnswersNotReadSince();
        if (!late.isEmpty()) {
            startReadBack(late);
            return;
        }
    }
    if (!allAnswered || readBackRunning)
        return;
    const QList<int> unsettled = writtenButUnsettled();
    if (unsettled.isEmpty()) {
        finishReport();
        return;
    }
    if (!m_finalReadBackStarted) {
        // Every answer is in, so whatever this read sees already includes every write.
        Q_ASSERT(std::all_of(unsettled.cbegin(), unsettled.cend(),
                             [this](int i) { return m_progress.at(i).step == Step::Answered; }));
        m_finalReadBackStarted = true;
        startReadBack(unsettled);
        return;
    }
    // The final read-back settles every target it was given; this only guards against a reader that did not.
    QList<ChangeOutcome> outcomes;
    for (int i : unsettled) {
        TargetValueReader::Value none;
        none.error = ExchangeError(ExchangeError::Category::Protocol, tr("The value was not read back."));
        outcomes.append(outcomeAfterWrite(i, none));
        m_progress[i].step = Step::Settled;
    }
    if (record(outcomes))
        finishReport();
}

TargetValueReader *ChangeApplier::startReadBack(const QList<int> &indexes)
{
    if (!m_readBackAnnounced) {
        m_readBackAnnounced = true;
        m_phase = Phase::ReadingAfter;
        Q_EMIT stageChanged(tr("Checking what the server now says…"));
    }
    QList<TargetValueReader::Target> targets;
    targets.reserve(indexes.size());
    for (int i : indexes)
        targets.append(targetOf(m_request.changes.at(i)));
    auto *reader = new TargetValueReader(m_client, this);
    m_readBacks.append(reader);
    connect(
        reader, &TargetValueReader::valuesReady, this,
        [this, reader](const QList<TargetValueReader::Target> &ready) { onReadBackValues(reader, ready); });
    connect(reader, &TargetValueReader::finished, this, [this, reader] { onReadBackFinished(reader); });
    reader->read(targets);
    return reader;
}

void ChangeApplier::onReadBackValues(TargetValueReader *reader,
                                     const QList<TargetValueReader::Target> &targets)
{
    if (m_phase == Phase::Done)
        return;
    QList<ChangeOutcome> outcomes;
    for (int i : indexesOf(targets)) {
        const Progress &progress = m_progress.at(i);
        if (progress.step != Step::Answered)
            continue; // not written, already settled, or its answer is still out: a later read settles it
        const TargetValueReader::Value now = reader->valueOf(targetOf(m_request.changes.at(i)));
        if (now.issuedTick <= progress.answeredTick)
            continue; // this read left before the write was answered, so it may not show the write
        outcomes.append(outcomeAfterWrite(i, now));
        m_progress[i].step = Step::Settled;
    }
    if (!outcomes.isEmpty())
        record(outcomes);
}

void ChangeApplier::onReadBackFinished(TargetValueReader *reader)
{
    m_readBacks.removeAll(reader);
    reader->deleteLater();
    if (m_phase == Phase::Done)
        return;
    scheduleProgressCheck();
}

ChangeOutcome ChangeApplier::outcomeAfterWrite(int index, const TargetValueReader::Value &now)
{
    // Only an answered write is settled: its answer is the second witness beside the value read.
    Q_ASSERT(m_progress.at(index).step == Step::Answered);
    const StagedChange &staged = m_request.changes.at(index);
    const qint64 id = m_changeIds.at(index);
    const CmdletResult &write = m_progress.at(index).write;
    const ExchangeError &writeError = write.error;
    const QString requestId = write.clientRequestId;
    if (now.ok && now.value == staged.after) {
        // The server shows the wanted value: applied, whatever the write's own answer was.
        return {id, ChangeState::Applied, writeError.isError() ? writeError.userMessage() : QString(),
                requestId};
    }
    if (now.ok) {
        return {id, ChangeState::Failed,
                writeError.isError()
                    ? writeError.userMessage()
                    : tr("The server accepted the change but now shows %1.").arg(machineName(now.value)),
                requestId};
    }
    if (writeError.isError() && isDefiniteRefusal(writeError)) {
        // The server said no to the write itself: it did not run, whatever the failed read-back hides.
        return {id, ChangeState::Failed, writeError.userMessage(), requestId};
    }
    if (!writeError.isError()) {
        // Acknowledged (200) but not confirmed: the server's word that it ran, not yet its value.
        // Recovery confirms it by reading the target.
        return {
            id, ChangeState::Unknown,
            tr("The server acknowledged the change, but reading it back failed: %1 It is confirmed by the "
               "next recovery.")
                .arg(now.error.userMessage()),
            requestId};
    }
    // Neither the write nor the read-back tells what happened: say so, recovery settles it.
    return {id, ChangeState::Unknown, tr("The outcome is unknown: %1").arg(writeError.userMessage()),
            requestId};
}

bool ChangeApplier::record(const QList<ChangeOutcome> &outcomes)
{
    QString error;
    if (!m_journal->recordOutcomes(outcomes, &error)) {
        finishWithError(tr("The journal could not record the outcome: %1").arg(error));
        return false;
    }
    QList<RecordedChange> recorded;
    recorded.reserve(outcomes.size());
    for (const ChangeOutcome &outcome : outcomes) {
        const int index = m_indexOfChangeId.value(outcome.changeId, -1);
        Q_ASSERT(index >= 0); // every outcome recorded here is of a change this apply journalled
        if (index >= 0)
            recorded.append({m_request.changes.at(index).targetGuid, outcome.state, outcome.serverMessage});
    }
    if (!recorded.isEmpty())
        Q_EMIT changesRecorded(recorded);
    return true;
}

void ChangeApplier::stopEverything()
{
    auto stopReader = [this](TargetValueReader *reader) {
        if (!reader)
            return;
        reader->disconnect(this);
        reader->deleteLater();
    };
    m_toDecide.clear();
    m_awaitingIntent = {};
    m_waitingToSend.clear();
    stopReader(m_before);
    for (const QPointer<TargetValueReader> &reader : std::as_const(m_readBacks))
        stopReader(reader);
    m_readBacks.clear();
    // Writes already handed to the client are left to finish on their own (a sent write cannot be called
    // back); their changes stay `sent` in the journal and recovery settles them.
    for (auto it = m_writeCalls.cbegin(); it != m_writeCalls.cend(); ++it) {
        it.key()->disconnect(this);
        connect(it.key(), &BatchCall::finished, it.key(), &QObject::deleteLater);
    }
    m_writeCalls.clear();
}

void ChangeApplier::finishWithError(const QString &message)
{
    stopEverything();
    m_phase = Phase::Done;
    updateCancelPossible();
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
    report.cancelledIds = m_cancelledIds;
    updateCancelPossible();
    Q_EMIT finished(report);
}

} // namespace smtpauth
