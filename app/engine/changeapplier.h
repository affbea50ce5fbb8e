// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "engine/stagedchange.h"
#include "engine/targetvaluereader.h"
#include "exchange/cmdletresult.h"
#include "exchange/exchangeerror.h"
#include "models/journalrecords.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <functional>
#include <queue>
#include <vector>

namespace smtpauth {

class BatchCall;
class ChangeJournal;
class InvokeCommandClient;

// The write-ahead apply of product.md flow 5 (and undo, org switch, CSV import: same path).
//
//  1. The batch is committed, then every change as `intended`, in request order, in slices of
//     kIntentSlice with the event loop running in between (10,000 changes take a few hundred
//     milliseconds of SQLite and hashing: the first read proceeds meanwhile, and the window does not
//     freeze). A change is decided, and so written, only once its slice is committed; the whole request
//     is checked before the first slice, so a bad row refuses it with nothing journalled. After a crash
//     the batch lists the changes journalled so far; none of the others was sent.
//  2. The current value of every target is read live; a target whose value is no longer what the person
//     saw becomes a `conflict` and is not sent (unless forced); one already at the wanted value is a `noop`.
//  3. The rest is recorded `sent`, then written through $batch (≤ 10 per request, the client's in-flight
//     limit and backoff). Only a bounded window of calls is handed to the client at a time (enough to keep
//     its in-flight slots busy); the other decided changes wait here, so that they can still be cancelled
//     and so that the read-back's pages do not queue behind thousands of writes.
//  4. The targets are read again and each change is marked from what the server now says: `applied`,
//     or `failed` with the server's message. Nothing is reported applied that the server does not show.
//     When the read-back fails, what the write's own answer tells decides: a definite refusal (400, 403,
//     404, 401, 429) is `failed` with the server's words; a write the server acknowledged (200) is
//     `unknown` with a message saying so, and one that got no usable answer is `unknown` as well;
//     recovery (JournalReconciler) settles both by reading the target again.
//
// The steps overlap so that the client's in-flight slots stay busy: targets are decided and written as
// soon as their page of the first read arrives (one journal transaction per page), and the read-back
// starts as soon as the last writes have left. A read-back value only counts for a change when its
// request left after that change's write was answered (TargetValueReader ticks); the few targets whose
// writes were answered later (after a 429's backoff, say) are read once more, one Get each, as their
// answers arrive once that read-back is over, so that only the very last answers' targets are read at the
// end. Every state
// is journalled before anything that depends on it is sent or reported.
//
// Cancel stops what has not left yet: changes not decided and decided changes still waiting here (never
// handed to the client, so certainly never sent) are recorded `failed` "cancelled before sending" in one
// transaction, at once; calls already handed to the client finish and are read back as usual, and the
// report comes when they are settled. A waiting change was already journalled `sent` (one transaction per
// decision slice, not per call), so its trail is intended → sent → failed; should the process die before
// the cancel's transaction, it is `sent` and recovery settles it from the server, which does not show it.
class ChangeApplier : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        BatchRecord batch; // id is assigned by the journal
        QList<StagedChange> changes;
        bool force = false; // send even where the server value differs from what was seen
    };
    struct Report
    {
        qint64 batchId = 0;
        QList<ChangeRecord> changes;   // final records, in request order
        QString error;                 // set when the apply could not even start (journal failure)
        bool permissionDenied = false; // the server refused a write with 403: the account lacks the role
        QList<qint64> cancelledIds; // changes recorded failed because the person cancelled before they left
        int count(ChangeState state) const;
    };

    struct RecordedChange
    {
        QUuid targetGuid;
        ChangeState state = ChangeState::Intended;
        QString serverMessage;
    };

    ChangeApplier(InvokeCommandClient *client, ChangeJournal *journal, QObject *parent = nullptr);

    void start(const Request &request);
    // Possible until the last write has been handed to the client (a write that left cannot be called
    // back). Every change not handed to the client yet is recorded failed with "cancelled before sending"
    // (and stays staged in the window); the writes already out finish and are read back, then finished()
    // reports everything. Emits finished() before returning when nothing had been handed to the client.
    // False when too late (or already cancelled).
    bool cancel();
    bool canCancel() const;

Q_SIGNALS:
    void stageChanged(const QString &description);
    // canCancel() changed (it only ever goes from true to false during one apply).
    void cancelPossibleChanged(bool possible);
    // Changes whose journal state just moved (decided, sent, settled, cancelled), after the journal has
    // recorded it: the review dialog shows each row's progress from this while the apply runs.
    void changesRecorded(const QList<smtpauth::ChangeApplier::RecordedChange> &changes);
    void finished(const smtpauth::ChangeApplier::Report &report);

private:
    // Where one change of the request stands. Writing: journalled `sent`, waiting for the window or handed
    // to the client.
    enum class Step : quint8
    {
        Undecided,
        DecidedWithoutWrite,
        Writing,
        Answered,
        Settled
    };
    struct Progress
    {
        Step step = Step::Undecided;
        CmdletResult write;         // the write's own answer, once Answered
        quint64 answeredTick = 0;   // TargetValueReader::nextTick() when the answer arrived
        bool lateReadAsked = false; // read once more, by a read that left after the answer
    };

    static constexpr int kIntentSlice = 100;
    void writeIntentSlice();
    bool writeIntents(qsizetype upTo); // commits `intended` for the changes before upTo
    void onBeforeValues(const QList<TargetValueReader::Target> &targets);
    void decideSome();
    void onBeforeReadFinished();
    void onAllDecided();
    void dispatchWrites();
    void updateCancelPossible();
    void onWriteAnswered(BatchCall *call, int indexInCall);
    void onWriteCallFinished(BatchCall *call);
    void scheduleProgressCheck();
    void checkProgress();
    TargetValueReader *startReadBack(const QList<int> &indexes);
    void onReadBackValues(TargetValueReader *reader, const QList<TargetValueReader::Target> &targets);
    void onReadBackFinished(TargetValueReader *reader);
    ChangeOutcome outcomeAfterWrite(int index, const TargetValueReader::Value &now);
    QList<int> indexesOf(const QList<TargetValueReader::Target> &targets) const;
    QList<int> writtenButUnsettled() const;
    // The answered changes no read has been asked for since their answer; marks them asked.
    QList<int> takeAnswersNotReadSince();
    bool record(const QList<ChangeOutcome> &outcomes);
    void stopEverything();
    void finishWithError(const QString &message);
    void finishReport();

    enum class Phase
    {
        Idle,
        ReadingBefore,
        Writing,
        ReadingAfter,
        Done
    };

    InvokeCommandClient *m_client;
    ChangeJournal *m_journal;
    Phase m_phase = Phase::Idle;
    Request m_request;
    qint64 m_batchId = 0;
    QList<qint64> m_changeIds;
    QHash<qint64, int> m_indexOfChangeId; // -> index into m_request.changes
    QList<Progress> m_progress;
    QHash<TargetValueReader::Target, QList<int>> m_indexesByTarget; // -> indexes into m_request.changes
    QPointer<TargetValueReader> m_before;
    QList<QPointer<TargetValueReader>> m_readBacks;
    QPointer<TargetValueReader> m_earlyReadBack; // the enumeration started beside the last writes
    QHash<BatchCall *, QList<int>>
        m_writeCalls;           // each $batch call handed to the client -> its change indexes
    QList<int> m_waitingToSend; // journalled `sent`, not handed to the client yet, in decision order
    static constexpr int kDecisionSlice = 250;      // targets decided and journalled per event-loop turn
    static constexpr int kMaxWriteCallsPerSlot = 4; // write calls handed to the client, per in-flight slot
    static constexpr int kStageEvery = 1000; // a "Writing" stage per this many more writes, not per slice
    QList<int> m_toDecide;          // announced by the first read, not decided yet, in announcement order
    QList<ChangeRecord> m_intended; // every change of the request as its `intended` record
    qsizetype m_intendedCount = 0;  // the changes before this index are committed `intended`
    // Announced by the first read before their slice of `intended` was committed; smallest index on top,
    // because slices are committed in request order (thousands can wait when the read is ahead).
    std::priority_queue<int, std::vector<int>, std::greater<int>> m_awaitingIntent;
    bool m_beforeReadFinished = false;
    int m_writesAnnounced = 0;
    bool m_allDecided = false;
    bool m_earlyReadBackStarted = false;
    bool m_finalReadBackStarted = false;
    bool m_readBackAnnounced = false;
    bool m_progressCheckScheduled = false;
    int m_writesSent = 0;   // journalled `sent` (handed to the client or waiting for the window)
    int m_writesHanded = 0; // handed to the client
    int m_writesAnswered = 0;
    bool m_permissionDenied = false;
    bool m_cancelled = false;
    bool m_cancelPossible = false; // last value announced by cancelPossibleChanged
    QList<qint64> m_cancelledIds;
};

} // namespace smtpauth
