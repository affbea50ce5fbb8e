#pragma once

#include "cmdletresult.h"
#include "exchangeerror.h"
#include "journalrecords.h"
#include "stagedchange.h"

#include <QList>
#include <QObject>
#include <QPointer>

namespace smtpauth {

class BatchCall;
class ChangeJournal;
class InvokeCommandClient;
class TargetValueReader;

// The write-ahead apply of product.md flow 5 (and undo, org switch, CSV import: same path).
//
//  1. The batch and every change are committed to the journal as `intended` before any request.
//  2. The current value of every target is read live; a target whose value is no longer what the person
//     saw becomes a `conflict` and is not sent (unless forced); one already at the wanted value is a `noop`.
//  3. The rest is recorded `sent`, then written through $batch (≤ 10 per request, the client's in-flight
//     limit and backoff).
//  4. The targets are read again and each change is marked from what the server now says: `applied`,
//     or `failed` with the server's message. A change whose write got no answer and whose re-read failed
//     stays `unknown` (recovery settles it later); nothing is reported applied that the server does not show.
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
    // Possible only until writing starts (a sent write cannot be called back). Every change is then
    // recorded failed with "cancelled before sending" and stays staged in the window. False when too late.
    bool cancel();
    bool canCancel() const { return m_phase == Phase::ReadingBefore; }

Q_SIGNALS:
    void stageChanged(const QString &description);
    void finished(const smtpauth::ChangeApplier::Report &report);

private:
    void onBeforeValuesRead();
    void onWritesFinished();
    void onAfterValuesRead();
    bool record(const QList<ChangeOutcome> &outcomes);
    void finishWithError(const QString &message);
    void finishReport();

    enum class Phase { Idle, ReadingBefore, Writing, ReadingAfter, Done };

    InvokeCommandClient *m_client;
    ChangeJournal *m_journal;
    Phase m_phase = Phase::Idle;
    Request m_request;
    qint64 m_batchId = 0;
    QList<qint64> m_changeIds;
    QList<int> m_sentIndexes; // indexes into m_request.changes that were written, in write order
    QPointer<TargetValueReader> m_reader;
    QPointer<BatchCall> m_writes;
    QList<CmdletResult> m_writeResults;
    bool m_permissionDenied = false;
};

} // namespace smtpauth
