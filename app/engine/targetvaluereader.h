// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "exchange/exchangeerror.h"
#include "models/changevalue.h"
#include "models/journalrecords.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QUuid>

namespace smtpauth {

class InvokeCommandClient;

// Reads the server's current SMTP AUTH value of some targets (mailboxes by Guid, and/or the org).
//
// A few mailboxes are read one Get each (through $batch); many are read with one paged enumeration of
// the tenant, which costs about N/1000 requests instead of N/10 and sees one consistent pass.
//
// Values are announced as soon as they are known (valuesReady, per page or per $batch answer) so that a
// caller can act on the first targets while the rest is still being read. Every value carries the
// tick at which the request that produced it was issued (see nextTick()): a caller that stamps its own
// events with the same clock can tell whether a read was sent after, say, a write's answer arrived, and
// therefore reflects that write.
class TargetValueReader : public QObject
{
    Q_OBJECT
public:
    struct Target
    {
        ChangeTargetKind kind = ChangeTargetKind::Mailbox;
        QUuid guid;
        friend bool operator==(const Target &, const Target &) = default;
    };
    struct Value
    {
        bool ok = false;
        ChangeValue value = ChangeValue::Inherit; // when ok
        ExchangeError error; // why not, when !ok (NotFound for a mailbox that no longer exists)
        // No request that produced this value left before this tick: the read saw the server as it was at
        // some moment after it. 0 for a target that was never asked for.
        quint64 issuedTick = 0;
    };

    // Above this many mailboxes a full enumeration is cheaper than per-mailbox Gets.
    static constexpr int kEnumerateThreshold = 200;

    // A process-wide logical clock (one thread uses it; strictly increasing). Taking a tick when an
    // answer arrives and comparing it with Value::issuedTick says which happened first.
    static quint64 nextTick();

    explicit TargetValueReader(InvokeCommandClient *client, QObject *parent = nullptr);
    // Stops what is still being read: the calls belong to the client and would otherwise go on reading
    // (a whole tenant, for an enumeration) for nobody.
    ~TargetValueReader() override;

    void read(const QList<Target> &targets);
    Value valueOf(const Target &target) const;

Q_SIGNALS:
    // These targets' values are final (valueOf). Each target asked for is announced exactly once, and
    // all of them before finished(). Emitted from the event loop, never from inside read(), and after
    // the reader has already asked for its next page, so that the page does not queue behind whatever
    // the receiver sends in reaction.
    void valuesReady(const QList<smtpauth::TargetValueReader::Target> &targets);
    void finished();

private:
    void readOrg();
    void readMailboxesOneByOne();
    void readMailboxesByEnumeration();
    void settle(const Target &target, const Value &value);
    void announceLater();
    void announcePending();
    void partDone();

    InvokeCommandClient *m_client;
    QList<QPointer<QObject>> m_calls; // InvokeCommandCall, BatchCall, PagedEnumeration still running
    QList<QUuid> m_mailboxes;
    bool m_wantOrg = false;
    int m_pendingParts = 0;
    Value m_org;
    QHash<QUuid, Value> m_values;
    QList<Target> m_unannounced;
    bool m_announceScheduled = false;
};

size_t qHash(const TargetValueReader::Target &target, size_t seed = 0);

} // namespace smtpauth

Q_DECLARE_METATYPE(smtpauth::TargetValueReader::Target)
