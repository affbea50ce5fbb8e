#pragma once

#include "cmdletresult.h"
#include "exchangeerror.h"
#include "journalrecords.h"
#include "stagedchange.h"
#include "targetvaluereader.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>

namespace smtpauth {

class BatchCall;
class ChangeJournal;
class InvokeCommandClient;

// The write-ahead apply of product.md flow 5 (and undo, org switch, CSV import: same path).
//
//  1. The batch and every change are committed to the journal as `intended` before any request.
//  2. The current value of every target is read live; a target whose value is no longer what the person
//     saw becomes a `conflict` and is not sent (unless forced); one already at the wanted value is a `noop`.
//  3. The rest is recorded `sent`, then written through $batch (≤ 10 per request, the client's in-flight
//     limit and backoff).
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
// writes were answered later are read once more, one Get each, when every write is answered. Every state
// is journalled before anything that depends on it is sent or reported.
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
        QList<ChangeRecord> changes; // final records, in request order
        QString error;               // set when the apply could not even start (journal failure)
        bool permissionDenied = false; // the server refused a write with 403: the account lacks the role
        int count(ChangeState state) const;
    };

    ChangeApplier(InvokeCommandClient *client, ChangeJournal *journal, QObject *parent = nullptr);

    void start(const Request &request);
    // Possible only until the first change is decided (a sent write cannot be called back). Every change
    // is then recorded failed with "cancelled before sending" and stays staged in the window. False when
    // too late.
    bool cancel();
    bool canCancel() const { return m_phase == Phase::ReadingBefore && !m_decidedAny; }

Q_SIGNALS:
    void stageChanged(const QString &description);
    void finished(const smtpauth::ChangeApplier::Report &report);

private:
    // Where one change of the request stands.
    enum class Step : quint8 { Undecided, DecidedWithoutWrite, Writing, Answered, Settled };
    struct Progress
    {
        Step step = Step::Undecided;
        CmdletResult write;      // the write's own answer, once Answered
        quint64 answeredTick = 0; // TargetValueReader::nextTick() when the answer arrived
    };

    void onBeforeValues(const QList<TargetValueReader::Target> &targets);
    void decideSome();
    void onBeforeReadFinished();
    void onAllDecided();
    void onWriteAnswered(BatchCall *call, int indexInCall);
    void onWriteCallFinished(BatchCall *call);
    void scheduleProgressCheck();
    void checkProgress();
    void startReadBack(const QList<int> &indexes);
    void onReadBackValues(TargetValueReader *reader, const QList<TargetValueReader::Target> &targets);
    void onReadBackFinished(TargetValueReader *reader);
    ChangeOutcome outcomeAfterWrite(int index, const TargetValueReader::Value &now);
    QList<int> indexesOf(const QList<TargetValueReader::Target> &targets) const;
    QList<int> writtenButUnsettled() const;
    bool record(const QList<ChangeOutcome> &outcomes);
    void stopEverything();
    void finishWithError(const QString &message);
    void finishReport();

    enum class Phase { Idle, ReadingBefore, Writing, ReadingAfter, Done };

    InvokeCommandClient *m_client;
    ChangeJournal *m_journal;
    Phase m_phase = Phase::Idle;
    Request m_request;
    qint64 m_batchId = 0;
    QList<qint64> m_changeIds;
    QList<Progress> m_progress;
    QHash<TargetValueReader::Target, QList<int>> m_indexesByTarget; // -> indexes into m_request.changes
    QPointer<TargetValueReader> m_before;
    QList<QPointer<TargetValueReader>> m_readBacks;
    QHash<BatchCall *, QList<int>> m_writeCalls; // each $batch call -> the change indexes it carries
    static constexpr int kDecisionSlice = 250; // targets decided, journalled and sent per event-loop turn
    static constexpr int kStageEvery = 1000;   // a "Writing" stage per this many more writes, not per slice
    QList<int> m_toDecide; // announced by the first read, not decided yet, in announcement order
    bool m_beforeReadFinished = false;
    int m_writesAnnounced = 0;
    bool m_decidedAny = false;
    bool m_allDecided = false;
    bool m_earlyReadBackStarted = false;
    bool m_finalReadBackStarted = false;
    bool m_readBackAnnounced = false;
    bool m_progressCheckScheduled = false;
    int m_writesSent = 0;
    int m_writesAnswered = 0;
    bool m_permissionDenied = false;
};

} // namespace smtpauth
