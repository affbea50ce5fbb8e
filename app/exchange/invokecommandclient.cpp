// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "exchange/invokecommandclient.h"

#include "exchange/batchcall.h"
#include "exchange/invokecommandcall.h"
#include "exchange/pagedenumeration.h"
#include "exchange/retryingrequest.h"

#include <QNetworkRequest>
#include <QUuid>
#include <algorithm>

namespace smtpauth {

InvokeCommandClient::InvokeCommandClient(QNetworkAccessManager *network, ExchangeEndpoint endpoint,
                                         AccessTokenSource *tokens, ClientOptions options, QObject *parent)
    : RequestChannel(network, tokens, options.maxInFlight, options.requestTimeout,
                     RetryPolicy::fromOptions(options), parent),
      m_endpoint(std::move(endpoint)), m_options(std::move(options)), m_connectionId(newRequestId())
{
    m_options.maxInFlight = maxInFlight();
    m_options.pageSize = std::clamp(m_options.pageSize, 1, 1000);
}

InvokeCommandClient::~InvokeCommandClient()
{
    // Tear the calls down while the queue still exists, and without granting slots to anyone.
    tearDownCalls();
}

QString InvokeCommandClient::newRequestId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

InvokeCommandCall *InvokeCommandClient::invoke(const CmdletRequest &request)
{
    auto *call = new InvokeCommandCall(this, request);
    call->start();
    return call;
}

PagedEnumeration *InvokeCommandClient::enumerate(const CmdletRequest &request)
{
    auto *enumeration = new PagedEnumeration(this, request);
    enumeration->start();
    return enumeration;
}

BatchCall *InvokeCommandClient::invokeBatch(const QList<CmdletRequest> &requests)
{
    auto *batch = new BatchCall(this, requests);
    batch->start();
    return batch;
}

void InvokeCommandClient::addProtocolHeaders(QNetworkRequest &request, const QString &cmdletName,
                                             const QString &clientRequestId) const
{
    if (!m_endpoint.anchorMailbox.isEmpty())
        request.setRawHeader("X-AnchorMailbox", m_endpoint.anchorMailbox.toUtf8());
    request.setRawHeader("X-ResponseFormat", "json");
    if (!cmdletName.isEmpty())
        request.setRawHeader("X-CmdletName", cmdletName.toUtf8());
    if (!m_options.clientApplication.isEmpty())
        request.setRawHeader("X-ClientApplication", m_options.clientApplication.toUtf8());
    request.setRawHeader("client-request-id", clientRequestId.toLatin1());
    request.setRawHeader("connection-id", m_connectionId.toLatin1());
}

} // namespace smtpauth
