#include "invokecommandclient.h"

#include "batchcall.h"
#include "invokecommandcall.h"
#include "pagedenumeration.h"
#include "retryingpost.h"

#include <QUuid>

#include <algorithm>

namespace smtpauth {

InvokeCommandClient::InvokeCommandClient(QNetworkAccessManager *network, ExchangeEndpoint endpoint,
                                         AccessTokenSource *tokens, ClientOptions options, QObject *parent)
    : QObject(parent)
    , m_network(network)
    , m_endpoint(std::move(endpoint))
    , m_tokens(tokens)
    , m_options(std::move(options))
    , m_connectionId(newRequestId())
{
    m_options.maxInFlight = std::max(1, m_options.maxInFlight);
    m_options.pageSize = std::clamp(m_options.pageSize, 1, 1000);
    m_retryPolicy.maxRetries = std::max(0, m_options.maxRetries);
    m_retryPolicy.backoffBase = m_options.backoffBase;
    m_retryPolicy.backoffCap = m_options.backoffCap;
    m_retryPolicy.retryAfterCap = m_options.retryAfterCap;
    m_retryPolicy.jitter = m_options.jitter;
}

InvokeCommandClient::~InvokeCommandClient()
{
    // Tear the calls down while the queue still exists, and without granting slots to anyone.
    m_waiting.clear();
    const QList<QObject *> calls = children();
    for (QObject *call : calls)
        delete call;
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

void InvokeCommandClient::requestSlot(RetryingPost *post)
{
    if (m_inFlight < m_options.maxInFlight && m_waiting.isEmpty()) {
        ++m_inFlight;
        post->onSlotGranted();
        return;
    }
    m_waiting.append(post);
}

void InvokeCommandClient::withdrawSlotRequest(RetryingPost *post)
{
    m_waiting.removeAll(post);
}

void InvokeCommandClient::releaseSlot()
{
    --m_inFlight;
    while (m_inFlight < m_options.maxInFlight && !m_waiting.isEmpty()) {
        const QPointer<RetryingPost> next = m_waiting.takeFirst();
        if (!next)
            continue;
        ++m_inFlight;
        next->onSlotGranted();
    }
}

} // namespace smtpauth
