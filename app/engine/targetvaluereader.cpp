// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "engine/targetvaluereader.h"

#include "exchange/batchcall.h"
#include "exchange/casmailboxrequests.h"
#include "exchange/invokecommandcall.h"
#include "exchange/invokecommandclient.h"
#include "exchange/pagedenumeration.h"
#include "models/smtpauthpolicy.h"

#include <QAtomicInteger>
#include <QSet>
#include <memory>

namespace smtpauth {

namespace {
const QLatin1String kSetting("SmtpClientAuthenticationDisabled");

TargetValueReader::Value mailboxValueFrom(const QJsonObject &object)
{
    TargetValueReader::Value value;
    Override current;
    if (!overrideFromWire(object.value(kSetting), &current)) {
        value.error = ExchangeError(
            ExchangeError::Category::Protocol,
            TargetValueReader::tr("The server returned no readable SmtpClientAuthenticationDisabled value."));
        return value;
    }
    value.ok = true;
    value.value = changeValueOf(current);
    return value;
}

TargetValueReader::Target mailboxTarget(const QUuid &guid)
{
    return {ChangeTargetKind::Mailbox, guid};
}
} // namespace

size_t qHash(const TargetValueReader::Target &target, size_t seed)
{
    return qHashMulti(seed, int(target.kind), target.guid);
}

quint64 TargetValueReader::nextTick()
{
    static QAtomicInteger<quint64> clock;
    return clock.fetchAndAddOrdered(1) + 1;
}

TargetValueReader::TargetValueReader(InvokeCommandClient *client, QObject *parent)
    : QObject(parent), m_client(client)
{
}

TargetValueReader::~TargetValueReader()
{
    for (const QPointer<QObject> &call : std::as_const(m_calls)) {
        if (!call)
            continue;
        call->disconnect(this);
        if (auto *single = qobject_cast<InvokeCommandCall *>(call.data()))
            single->abort();
        else if (auto *batch = qobject_cast<BatchCall *>(call.data()))
            batch->abort();
        else if (auto *enumeration = qobject_cast<PagedEnumeration *>(call.data()))
            enumeration->abort();
        call->deleteLater();
    }
}

void TargetValueReader::read(const QList<Target> &targets)
{
    m_values.clear();
    m_mailboxes.clear();
    m_unannounced.clear();
    m_org = {};
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

void TargetValueReader::settle(const Target &target, const Value &value)
{
    if (target.kind == ChangeTargetKind::Org)
        m_org = value;
    else
        m_values.insert(target.guid, value);
    m_unannounced.append(target);
}

void TargetValueReader::announceLater()
{
    if (m_announceScheduled)
        return;
    m_announceScheduled = true;
    // Queued: the enumeration asks for its next page only after pageReceived() returns, and that page
    // should be ahead of whatever the receiver sends in reaction to these values.
    QMetaObject::invokeMethod(this, &TargetValueReader::announcePending, Qt::QueuedConnection);
}

void TargetValueReader::announcePending()
{
    m_announceScheduled = false;
    if (m_unannounced.isEmpty())
        return;
    const QList<Target> ready = std::exchange(m_unannounced, {});
    Q_EMIT valuesReady(ready);
}

void TargetValueReader::readOrg()
{
    const quint64 issued = nextTick();
    InvokeCommandCall *call = m_client->invoke(CasMailboxRequests::getTransportConfig());
    m_calls.append(call);
    connect(call, &InvokeCommandCall::finished, this, [this, call, issued] {
        call->deleteLater();
        Value org;
        org.issuedTick = issued;
        OrgSetting setting;
        if (call->error().isError())
            org.error = call->error();
        else if (call->objects().size() != 1 ||
                 !orgSettingFromWire(call->objects().constFirst().value(kSetting), &setting))
            org.error = ExchangeError(
                ExchangeError::Category::Protocol,
                tr("Get-TransportConfig returned no readable SmtpClientAuthenticationDisabled value."));
        else {
            org.ok = true;
            org.value = changeValueOf(setting);
        }
        settle({ChangeTargetKind::Org, QUuid()}, org);
        partDone();
    });
}

void TargetValueReader::readMailboxesOneByOne()
{
    QList<CmdletRequest> requests;
    requests.reserve(m_mailboxes.size());
    for (const QUuid &guid : std::as_const(m_mailboxes))
        requests.append(CasMailboxRequests::getMailboxSetting(guid.toString(QUuid::WithoutBraces)));
    const quint64 issued = nextTick();
    BatchCall *batch = m_client->invokeBatch(requests);
    m_calls.append(batch);
    connect(batch, &BatchCall::resultReady, this, [this, batch, issued](int i) {
        const CmdletResult &result = batch->resultAt(i);
        Value value;
        if (result.error.isError())
            value.error = result.error;
        else if (result.objects.size() != 1)
            value.error = ExchangeError(ExchangeError::Category::NotFound, tr("The mailbox was not found."));
        else
            value = mailboxValueFrom(result.objects.constFirst());
        value.issuedTick = issued; // a sub-request sent again after a 429 left later still
        settle(mailboxTarget(m_mailboxes.at(i)), value);
        announceLater();
    });
    connect(batch, &BatchCall::finished, this, [this, batch] {
        batch->deleteLater();
        partDone();
    });
}

void TargetValueReader::readMailboxesByEnumeration()
{
    // The first page leaves after this tick; every next page after the previous one was received.
    auto pageIssued = std::make_shared<quint64>(nextTick());
    auto runIssued = std::make_shared<quint64>(*pageIssued);
    PagedEnumeration *enumeration = m_client->enumerate(CasMailboxRequests::getAllMailboxSettings());
    m_calls.append(enumeration);
    enumeration->setRetainObjects(false); // only the wanted Guids are kept, from each page
    const QSet<QUuid> wanted(m_mailboxes.cbegin(), m_mailboxes.cend());
    connect(enumeration, &PagedEnumeration::restarted, this, [pageIssued, runIssued] {
        // A value already announced was a true read of its target and stays; the new run only settles
        // the others (pages are never stitched into one list, but each value stands on its own).
        *pageIssued = nextTick();
        *runIssued = *pageIssued;
    });
    connect(enumeration, &PagedEnumeration::pageReceived, this,
            [this, wanted, pageIssued](const QList<QJsonObject> &objects) {
                for (const QJsonObject &object : objects) {
                    const QUuid guid = QUuid::fromString(object.value(QLatin1String("Guid")).toString());
                    if (!wanted.contains(guid) || m_values.contains(guid))
                        continue;
                    Value value = mailboxValueFrom(object);
                    value.issuedTick = *pageIssued;
                    settle(mailboxTarget(guid), value);
                }
                *pageIssued = nextTick();
                announceLater();
            });
    connect(enumeration, &PagedEnumeration::finished, this, [this, enumeration, pageIssued, runIssued] {
        enumeration->deleteLater();
        for (const QUuid &guid : std::as_const(m_mailboxes)) {
            if (m_values.contains(guid))
                continue;
            Value value;
            if (enumeration->error().isError()) {
                value.error = enumeration->error();
                value.issuedTick = *pageIssued;
            } else if (enumeration->truncated()) {
                value.error = ExchangeError(
                    ExchangeError::Category::Protocol,
                    tr("The server returned only part of the mailboxes; the value is unknown."));
                value.issuedTick = *pageIssued;
            } else {
                // Absent from a complete pass: the whole pass, from its first page, came after the tick.
                value.error =
                    ExchangeError(ExchangeError::Category::NotFound, tr("The mailbox was not found."));
                value.issuedTick = *runIssued;
            }
            settle(mailboxTarget(guid), value);
        }
        partDone();
    });
}

void TargetValueReader::partDone()
{
    if (--m_pendingParts > 0) {
        announceLater();
        return;
    }
    announcePending();
    Q_EMIT finished();
}

} // namespace smtpauth
