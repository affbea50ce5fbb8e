#include "targetvaluereader.h"

#include "batchcall.h"
#include "casmailboxrequests.h"
#include "invokecommandcall.h"
#include "invokecommandclient.h"
#include "pagedenumeration.h"
#include "smtpauthpolicy.h"

#include <QSet>

namespace smtpauth {

namespace {
const QLatin1String kSetting("SmtpClientAuthenticationDisabled");

TargetValueReader::Value mailboxValueFrom(const QJsonObject &object)
{
    TargetValueReader::Value value;
    Override current;
    if (!overrideFromWire(object.value(kSetting), &current)) {
        value.error = ExchangeError(ExchangeError::Category::Protocol,
                                    TargetValueReader::tr("The server returned no readable SmtpClientAuthenticationDisabled value."));
        return value;
    }
    value.ok = true;
    value.value = machineName(current);
    return value;
}
} // namespace

size_t qHash(const TargetValueReader::Target &target, size_t seed)
{
    return qHashMulti(seed, int(target.kind), target.guid);
}

TargetValueReader::TargetValueReader(InvokeCommandClient *client, QObject *parent) : QObject(parent), m_client(client)
{
}

void TargetValueReader::read(const QList<Target> &targets)
{
    m_values.clear();
    m_mailboxes.clear();
    m_wantOrg = false;
    QSet<QUuid> seen;
    for (const Target &target : targets) {
        if (target.kind == ChangeTargetKind::Org)
            m_wantOrg = true;
        else if (!seen.contains(target.guid)) {
            seen.insert(target.guid);
            m_mailboxes.append(target.guid);
        }
    }
    m_pendingParts = (m_wantOrg ? 1 : 0) + (m_mailboxes.isEmpty() ? 0 : 1);
    if (m_pendingParts == 0) {
        QMetaObject::invokeMethod(this, &TargetValueReader::finished, Qt::QueuedConnection);
        return;
    }
    if (m_wantOrg)
        readOrg();
    if (m_mailboxes.size() > kEnumerateThreshold)
        readMailboxesByEnumeration();
    else if (!m_mailboxes.isEmpty())
        readMailboxesOneByOne();
}

TargetValueReader::Value TargetValueReader::valueOf(const Target &target) const
{
    if (target.kind == ChangeTargetKind::Org)
        return m_org;
    return m_values.value(target.guid);
}

void TargetValueReader::readOrg()
{
    InvokeCommandCall *call = m_client->invoke(CasMailboxRequests::getTransportConfig());
    connect(call, &InvokeCommandCall::finished, this, [this, call] {
        call->deleteLater();
        m_org = {};
        OrgSetting org;
        if (call->error().isError())
            m_org.error = call->error();
        else if (call->objects().size() != 1 || !orgSettingFromWire(call->objects().constFirst().value(kSetting), &org))
            m_org.error = ExchangeError(ExchangeError::Category::Protocol,
                                        tr("Get-TransportConfig returned no readable SmtpClientAuthenticationDisabled value."));
        else {
            m_org.ok = true;
            m_org.value = machineName(org);
        }
        partDone();
    });
}

void TargetValueReader::readMailboxesOneByOne()
{
    QList<CmdletRequest> requests;
    requests.reserve(m_mailboxes.size());
    for (const QUuid &guid : std::as_const(m_mailboxes))
        requests.append(CasMailboxRequests::getMailbox(guid.toString(QUuid::WithoutBraces)));
    BatchCall *batch = m_client->invokeBatch(requests);
    connect(batch, &BatchCall::finished, this, [this, batch] {
        batch->deleteLater();
        for (int i = 0; i < batch->size(); ++i) {
            const CmdletResult &result = batch->resultAt(i);
            Value value;
            if (result.error.isError())
                value.error = result.error;
            else if (result.objects.size() != 1)
                value.error = ExchangeError(ExchangeError::Category::NotFound, tr("The mailbox was not found."));
            else
                value = mailboxValueFrom(result.objects.constFirst());
            m_values.insert(m_mailboxes.at(i), value);
        }
        partDone();
    });
}

void TargetValueReader::readMailboxesByEnumeration()
{
    PagedEnumeration *enumeration = m_client->enumerate(CasMailboxRequests::getAllMailboxes());
    enumeration->setRetainObjects(false); // only the wanted Guids are kept, from each page
    const QSet<QUuid> wanted(m_mailboxes.cbegin(), m_mailboxes.cend());
    connect(enumeration, &PagedEnumeration::restarted, this, [this] { m_values.clear(); });
    connect(enumeration, &PagedEnumeration::pageReceived, this, [this, wanted](const QList<QJsonObject> &objects) {
        for (const QJsonObject &object : objects) {
            const QUuid guid = QUuid::fromString(object.value(QLatin1String("Guid")).toString());
            if (wanted.contains(guid))
                m_values.insert(guid, mailboxValueFrom(object));
        }
    });
    connect(enumeration, &PagedEnumeration::finished, this, [this, enumeration] {
        enumeration->deleteLater();
        const bool failed = enumeration->error().isError() || enumeration->truncated();
        for (const QUuid &guid : std::as_const(m_mailboxes)) {
            if (m_values.contains(guid) && !failed)
                continue;
            Value value;
            if (enumeration->error().isError())
                value.error = enumeration->error();
            else if (enumeration->truncated())
                value.error = ExchangeError(ExchangeError::Category::Protocol,
                                            tr("The server returned only part of the mailboxes; the value is unknown."));
            else
                value.error = ExchangeError(ExchangeError::Category::NotFound, tr("The mailbox was not found."));
            m_values.insert(guid, value);
        }
        partDone();
    });
}

void TargetValueReader::partDone()
{
    if (--m_pendingParts == 0)
        Q_EMIT finished();
}

} // namespace smtpauth
