// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "exchange/exchangeerror.h"
#include "models/mailbox.h"
#include "models/smtpauthpolicy.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QVariant>

namespace smtpauth {

class InvokeCommandClient;
class InvokeCommandCall;
class PagedEnumeration;

// Reads the org setting, then every mailbox, page by page (product.md flow 2).
//
// Pages are handed on as they arrive so a window can fill while the load runs. Each page is parsed and
// mapped to Mailbox values on a worker thread (PagedEnumeration's page processor) while the next one
// downloads; mailboxesReceived() is emitted on the loader's own thread, in server order. When the server's
// pagination expires the enumeration starts over: restarted() tells the consumer to throw away what
// it has. A list cut short by ResultSize is reported as a failure, never as a complete tenant.
class TenantLoader : public QObject
{
    Q_OBJECT
public:
    explicit TenantLoader(InvokeCommandClient *client, QObject *parent = nullptr);

    void start();
    void abort();

    bool isRunning() const { return m_running; }
    int mailboxCount() const { return m_received; }
    int skippedCount() const { return int(m_skipped.size()); }
    const QStringList &skippedReasons() const { return m_skipped; }
    const ExchangeError &error() const { return m_error; }

Q_SIGNALS:
    void orgSettingLoaded(smtpauth::OrgSetting org);
    void mailboxesReceived(const QList<smtpauth::Mailbox> &mailboxes);
    void restarted(const QString &reason);
    void progress(int mailboxesSoFar);
    // Exactly one of these ends a load.
    void finished();
    void failed(const smtpauth::ExchangeError &error);

private:
    void onOrgFinished();
    void onPage(const QVariant &processed);
    void onEnumerationRestarted(const QString &reason);
    void onEnumerationFinished();
    void fail(const ExchangeError &error);

    InvokeCommandClient *m_client;
    QPointer<InvokeCommandCall> m_orgCall;
    QPointer<PagedEnumeration> m_enumeration;
    ExchangeError m_error;
    QStringList m_skipped;
    int m_received = 0;
    bool m_running = false;
};

} // namespace smtpauth
