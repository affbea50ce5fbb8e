// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "exchange/accesstokensource.h"
#include "exchange/clientoptions.h"
#include "exchange/cmdletrequest.h"
#include "exchange/exchangeendpoint.h"
#include "exchange/requestchannel.h"
#include "exchange/retrypolicy.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

class QNetworkAccessManager;

namespace smtpauth {

class BatchCall;
class InvokeCommandCall;
class PagedEnumeration;

// Client of the Exchange Online Admin API InvokeCommand endpoint (exchange-protocol.md §2–§5) for one
// tenant. Works unchanged against the real service and the loopback emulator.
//
// Every call object it returns is a child of the client and emits finished() exactly once
// (asynchronously, or synchronously from abort()); delete it with deleteLater() when done.
// At most options().maxInFlight HTTP requests are in flight at once across all calls (FIFO queue).
class InvokeCommandClient : public RequestChannel
{
    Q_OBJECT
public:
    static constexpr int kMaxBatchSize = 10; // sub-requests per $batch HTTP request

    InvokeCommandClient(QNetworkAccessManager *network, ExchangeEndpoint endpoint, AccessTokenSource *tokens,
                        ClientOptions options = {}, QObject *parent = nullptr);
    ~InvokeCommandClient() override;

    // One InvokeCommand POST (first page only; see CmdletResult::nextLink).
    InvokeCommandCall *invoke(const CmdletRequest &request);
    // All pages, following each nextLink immediately; restarts on expired pagination.
    PagedEnumeration *enumerate(const CmdletRequest &request);
    // Many cmdlets through $batch (≤ 10 per HTTP request); results in input order.
    BatchCall *invokeBatch(const QList<CmdletRequest> &requests);

    const ExchangeEndpoint &endpoint() const { return m_endpoint; }
    const ClientOptions &options() const { return m_options; }
    // connection-id header: one GUID per client instance.
    QString connectionId() const { return m_connectionId; }

    static QString newRequestId();

    // exchange-protocol.md §2: anchor mailbox, response format, cmdlet name, client and request ids.
    void addProtocolHeaders(QNetworkRequest &request, const QString &cmdletName,
                            const QString &clientRequestId) const override;

private:
    ExchangeEndpoint m_endpoint;
    ClientOptions m_options;
    QString m_connectionId;
};

} // namespace smtpauth
