// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "exchange/invokecommandclient.h"
#include "models/smtpaddressindex.h"
#include "models/sourcestatus.h"

#include <QObject>
#include <QPointer>
#include <memory>

namespace smtpauth {

class PagedEnumeration;

// Reads every mailbox's SMTP addresses (Get-CASMailbox with $select=Guid,EmailAddresses, all pages) into
// an SmtpAddressIndex, for joining the senders of an imported SMTP AUTH clients report (readiness.md §2).
// Only then: the mailbox list never carries EmailAddresses (its ~250 bytes a mailbox would not hold them).
//
// Pages are reduced to index entries on the enumeration's worker thread (no text is kept); throttling
// and retries are the client's. A read that fails or stops half-way (403, a 5xx after some pages, a list
// cut short by ResultSize) is never taken as complete: its entries are dropped and the status is
// unavailable with the server's words, so the report joins by primary address and UPN only and says
// why. finished() comes exactly once per start(), unless abort() was called.
class MailboxAddressLoader : public QObject
{
    Q_OBJECT
public:
    explicit MailboxAddressLoader(InvokeCommandClient *client, QObject *parent = nullptr);
    ~MailboxAddressLoader() override;

    void start();
    // Stops the read; finished() is not emitted after this.
    void abort();
    bool isRunning() const { return !m_enumeration.isNull() || m_finishPending; }

    // After finished(): the index (empty unless the status is Read) and how it was read.
    std::shared_ptr<const SmtpAddressIndex> index() const { return m_result; }
    const SourceStatus &status() const { return m_status; }
    int mailboxCount() const { return m_mailboxes; }

Q_SIGNALS:
    void progress(const QString &what);
    void finished();

private:
    void onPage(const QVariant &processed);
    void onFinished();

    QPointer<InvokeCommandClient> m_client;
    QPointer<PagedEnumeration> m_enumeration;
    SmtpAddressIndex m_index;
    std::shared_ptr<const SmtpAddressIndex> m_result = std::make_shared<const SmtpAddressIndex>();
    SourceStatus m_status;
    int m_mailboxes = 0;
    int m_unreadable = 0;
    bool m_finishPending = false; // finished() queued for a start without a client
};

} // namespace smtpauth
