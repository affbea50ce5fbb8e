// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "exchange/requestchannel.h"

#include "exchange/accesstokensource.h"
#include "exchange/retryingrequest.h"

#include <algorithm>

namespace smtpauth {

RequestChannel::RequestChannel(QNetworkAccessManager *network, AccessTokenSource *tokens, int maxInFlight,
                               std::chrono::milliseconds requestTimeout, RetryPolicy retryPolicy,
                               QObject *parent)
    : QObject(parent), m_network(network), m_tokens(tokens), m_maxInFlight(std::max(1, maxInFlight)),
      m_requestTimeout(requestTimeout), m_retryPolicy(std::move(retryPolicy))
{
}

RequestChannel::~RequestChannel() = default;

void RequestChannel::tearDownCalls()
{
    m_waiting.clear();
    const QList<QObject *> calls = children();
    for (QObject *call : calls)
        delete call;
}

void RequestChannel::requestSlot(RetryingRequest *request)
{
    if (m_inFlight < m_maxInFlight && m_waiting.isEmpty()) {
        ++m_inFlight;
        request->onSlotGranted();
        return;
    }
    m_waiting.append(request);
}

void RequestChannel::withdrawSlotRequest(RetryingRequest *request)
{
    m_waiting.removeAll(request);
}

void RequestChannel::releaseSlot()
{
    --m_inFlight;
    while (m_inFlight < m_maxInFlight && !m_waiting.isEmpty()) {
        const QPointer<RetryingRequest> next = m_waiting.takeFirst();
        if (!next)
            continue;
        ++m_inFlight;
        next->onSlotGranted();
    }
}

} // namespace smtpauth
