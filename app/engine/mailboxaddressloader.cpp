// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "engine/mailboxaddressloader.h"

#include "engine/enginelogging.h"
#include "exchange/casmailboxrequests.h"
#include "exchange/invokecommandclient.h"
#include "exchange/pagedenumeration.h"

#include <QJsonArray>
#include <QLocale>
#include <QVariant>
#include <utility>

namespace smtpauth {

namespace {

// One page reduced to index entries, on the enumeration's worker thread.
struct AddressPage
{
    SmtpAddressIndex entries;
    int mailboxes = 0;
    int unreadable = 0; // objects without a Guid or without a list of strings as EmailAddresses
};

QVariant addressPageOf(const QList<QJsonObject> &objects)
{
    AddressPage page;
    page.mailboxes = int(objects.size());
    for (const QJsonObject &object : objects) {
        const QUuid guid(object.value(QLatin1String("Guid")).toString());
        const QJsonValue addresses = object.value(QLatin1String("EmailAddresses"));
        // Keys with '@' (the EmailAddresses@odata.type sidecar) are never read (exchange-protocol.md §3).
        if (guid.isNull() || !addresses.isArray()) {
            ++page.unreadable;
            continue;
        }
        for (const QJsonValue &entry : addresses.toArray()) {
            if (entry.isString())
                page.entries.addEntry(guid, entry.toString());
        }
    }
    return QVariant::fromValue(page);
}

QString number(int value)
{
    return QLocale().toString(value);
}

} // namespace

MailboxAddressLoader::MailboxAddressLoader(InvokeCommandClient *client, QObject *parent)
    : QObject(parent), m_client(client)
{
}

MailboxAddressLoader::~MailboxAddressLoader()
{
    abort();
}

void MailboxAddressLoader::start()
{
    abort();
    m_index.clear();
    m_result = std::make_shared<const SmtpAddressIndex>();
    m_mailboxes = 0;
    m_unreadable = 0;
    m_status = {};
    if (!m_client) {
        m_status = SourceStatus::unavailable(tr("not signed in to Exchange Online"),
                                             QDateTime::currentDateTimeUtc());
        // Later, as a read would: the caller connects to finished() after start().
        m_finishPending = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                if (std::exchange(m_finishPending, false))
                    Q_EMIT finished();
            },
            Qt::QueuedConnection);
        return;
    }
    Q_EMIT progress(tr("Reading the mailboxes' addresses…"));
    m_enumeration = m_client->enumerate(CasMailboxRequests::getAllMailboxAddresses());
    m_enumeration->setRetainObjects(false);
    // No fast page reader: the one-pass reader takes strings, booleans and null only, and EmailAddresses
    // is a list, so every page is parsed the full way (on the worker all the same).
    m_enumeration->setPageProcessor(&addressPageOf);
    connect(m_enumeration, &PagedEnumeration::pageProcessed, this, &MailboxAddressLoader::onPage);
    connect(m_enumeration, &PagedEnumeration::restarted, this, [this](const QString &reason) {
        // Pages are never stitched across runs (exchange-protocol.md §4).
        qCInfo(lcEngine) << "mailbox address enumeration restarted:" << reason;
        m_index.clear();
        m_mailboxes = 0;
        m_unreadable = 0;
    });
    connect(m_enumeration, &PagedEnumeration::finished, this, &MailboxAddressLoader::onFinished);
}

void MailboxAddressLoader::abort()
{
    m_finishPending = false;
    if (!m_enumeration)
        return;
    PagedEnumeration *enumeration = m_enumeration;
    m_enumeration = nullptr;
    // Disconnected first: abort() emits finished() synchronously.
    enumeration->disconnect(this);
    enumeration->abort();
    enumeration->deleteLater();
}

void MailboxAddressLoader::onPage(const QVariant &processed)
{
    AddressPage page = processed.value<AddressPage>();
    m_mailboxes += page.mailboxes;
    m_unreadable += page.unreadable;
    m_index.append(std::move(page.entries));
    Q_EMIT progress(tr("Reading the mailboxes' addresses: %1").arg(number(m_mailboxes)));
}

void MailboxAddressLoader::onFinished()
{
    PagedEnumeration *enumeration = m_enumeration;
    m_enumeration = nullptr;
    enumeration->deleteLater();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const ExchangeError &error = enumeration->error();
    if (error.isError() || enumeration->truncated()) {
        // Half a list of addresses would leave the other half's senders unmatched without saying so.
        QString why =
            error.isError()
                ? QStringLiteral("Get-CASMailbox EmailAddresses: ") +
                      (error.httpStatus() > 0 ? tr("HTTP %1: ").arg(error.httpStatus()) : QString()) +
                      error.userMessage()
                : tr("Get-CASMailbox EmailAddresses: the server returned only part of the mailboxes (its "
                     "ResultSize warning)");
        if (m_mailboxes > 0)
            why += QLatin1Char(' ') +
                   tr("(stopped after %1 mailboxes; a partial read is not used)").arg(number(m_mailboxes));
        m_index.clear();
        m_status = SourceStatus::unavailable(why, now);
        qCInfo(lcEngine) << "mailbox addresses not read:" << why;
    } else {
        m_index.finish();
        m_result = std::make_shared<const SmtpAddressIndex>(std::move(m_index));
        m_index = SmtpAddressIndex();
        m_status = SourceStatus::read(now);
        if (m_unreadable > 0)
            qCInfo(lcEngine) << m_unreadable << "mailboxes without a readable Guid or EmailAddresses";
    }
    Q_EMIT finished();
}

} // namespace smtpauth
