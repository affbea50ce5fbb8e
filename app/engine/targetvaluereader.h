#pragma once

#include "exchangeerror.h"
#include "journalrecords.h"

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
        QString value;        // machine word when ok
        ExchangeError error;  // why not, when !ok (NotFound for a mailbox that no longer exists)
    };

    // Above this many mailboxes a full enumeration is cheaper than per-mailbox Gets.
    static constexpr int kEnumerateThreshold = 200;

    explicit TargetValueReader(InvokeCommandClient *client, QObject *parent = nullptr);

    void read(const QList<Target> &targets);
    Value valueOf(const Target &target) const;

Q_SIGNALS:
    void finished();

private:
    void readOrg();
    void readMailboxesOneByOne();
    void readMailboxesByEnumeration();
    void partDone();

    InvokeCommandClient *m_client;
    QList<QUuid> m_mailboxes;
    bool m_wantOrg = false;
    int m_pendingParts = 0;
    Value m_org;
    QHash<QUuid, Value> m_values;
};

size_t qHash(const TargetValueReader::Target &target, size_t seed = 0);

} // namespace smtpauth
