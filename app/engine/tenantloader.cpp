// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "engine/tenantloader.h"

#include "engine/casmailboxmapper.h"
#include "engine/casmailboxpagereader.h"
#include "engine/enginelogging.h"
#include "exchange/casmailboxrequests.h"
#include "exchange/invokecommandcall.h"
#include "exchange/invokecommandclient.h"
#include "exchange/pagedenumeration.h"

namespace smtpauth {

namespace {

// One page turned into mailboxes, on the enumeration's worker thread.
struct MappedPage
{
    QList<Mailbox> mailboxes;
    QStringList problems; // why each refused object was skipped
};

QVariant mapPage(const QList<QJsonObject> &objects)
{
    MappedPage page;
    page.mailboxes.reserve(objects.size());
    for (const QJsonObject &object : objects) {
        QString problem;
        if (auto mailbox = CasMailboxMapper::fromObject(object, &problem))
            page.mailboxes.append(std::move(*mailbox));
        else
            page.problems.append(problem);
    }
    return QVariant::fromValue(page);
}

// The same result as mapPage() over the fully parsed page, read in one pass when the page is plain.
std::optional<PagedEnumeration::FastPage> readPlainPage(const QByteArray &body)
{
    std::optional<CasMailboxPageReader::Page> read = CasMailboxPageReader::read(body);
    if (!read)
        return std::nullopt;
    MappedPage page;
    page.mailboxes = std::move(read->mailboxes);
    page.problems = std::move(read->problems);
    return PagedEnumeration::FastPage{QVariant::fromValue(page), read->objectCount, read->nextLink};
}

} // namespace

TenantLoader::TenantLoader(InvokeCommandClient *client, QObject *parent) : QObject(parent), m_client(client)
{
}

void TenantLoader::start()
{
    abort();
    m_running = true;
    m_error = {};
    m_skipped.clear();
    m_received = 0;
    m_orgCall = m_client->invoke(CasMailboxRequests::getTransportConfig());
    connect(m_orgCall, &InvokeCommandCall::finished, this, &TenantLoader::onOrgFinished);
}

void TenantLoader::abort()
{
    // Disconnect first: aborting emits finished() synchronously, which must not end this load twice.
    if (m_orgCall) {
        m_orgCall->disconnect(this);
        m_orgCall->abort();
        m_orgCall->deleteLater();
    }
    if (m_enumeration) {
        m_enumeration->disconnect(this);
        m_enumeration->abort();
        m_enumeration->deleteLater();
    }
    m_running = false;
}

void TenantLoader::onOrgFinished()
{
    InvokeCommandCall *call = m_orgCall;
    m_orgCall = nullptr;
    call->deleteLater();
    if (!call->result().ok()) {
        fail(call->error());
        return;
    }
    OrgSetting org;
    if (call->objects().size() != 1 ||
        !orgSettingFromWire(
            call->objects().constFirst().value(QLatin1String("SmtpClientAuthenticationDisabled")), &org)) {
        fail(ExchangeError(ExchangeError::Category::Protocol,
                           tr("Get-TransportConfig did not return one object with a true/false "
                              "SmtpClientAuthenticationDisabled.")));
        return;
    }
    Q_EMIT orgSettingLoaded(org);

    m_enumeration = m_client->enumerate(CasMailboxRequests::getAllMailboxes());
    m_enumeration->setRetainObjects(false); // every page goes to mailboxesReceived()
    // Parsing and mapping 1000 objects takes milliseconds: not on the thread that runs the window.
    m_enumeration->setPageProcessor(&mapPage);
    m_enumeration->setFastPageReader(&readPlainPage);
    connect(m_enumeration, &PagedEnumeration::pageProcessed, this, &TenantLoader::onPage);
    connect(m_enumeration, &PagedEnumeration::restarted, this, &TenantLoader::onEnumerationRestarted);
    connect(m_enumeration, &PagedEnumeration::finished, this, &TenantLoader::onEnumerationFinished);
}

void TenantLoader::onPage(const QVariant &processed)
{
    const MappedPage page = processed.value<MappedPage>();
    m_skipped.append(page.problems);
    m_received += int(page.mailboxes.size());
    Q_EMIT mailboxesReceived(page.mailboxes);
    Q_EMIT progress(m_received);
}

void TenantLoader::onEnumerationRestarted(const QString &reason)
{
    qCInfo(lcEngine) << "mailbox enumeration restarted:" << reason;
    m_received = 0;
    m_skipped.clear();
    Q_EMIT restarted(reason);
}

void TenantLoader::onEnumerationFinished()
{
    PagedEnumeration *enumeration = m_enumeration;
    m_enumeration = nullptr;
    enumeration->deleteLater();
    if (enumeration->error().isError()) {
        fail(enumeration->error());
        return;
    }
    if (enumeration->truncated()) {
        fail(ExchangeError(ExchangeError::Category::Protocol,
                           tr("The server returned only part of the mailboxes (ResultSize limit); "
                              "the list is incomplete and is not shown as complete.")));
        return;
    }
    m_running = false;
    Q_EMIT finished();
}

void TenantLoader::fail(const ExchangeError &error)
{
    m_running = false;
    m_error = error;
    Q_EMIT failed(error);
}

} // namespace smtpauth
