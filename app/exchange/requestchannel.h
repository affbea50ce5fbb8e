// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "exchange/accesstokensource.h"
#include "exchange/retrypolicy.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <chrono>

class QNetworkAccessManager;
class QNetworkRequest;

namespace smtpauth {

class RetryingRequest;

// What a RetryingRequest needs from the client it belongs to: in-flight slots (at most maxInFlight
// requests of this client on the wire at once, FIFO), the bearer token source of the client's audience,
// the network manager, the protocol's headers, the request deadline and the retry rules.
//
// The Exchange admin API (InvokeCommandClient) and Microsoft Graph (GraphClient) are two channels with
// the same retry, throttling and error rules (exchange-protocol.md §5, graph-protocol.md §1), so both send
// through RetryingRequest instead of two copies of it.
class RequestChannel : public QObject
{
    Q_OBJECT
public:
    RequestChannel(QNetworkAccessManager *network, AccessTokenSource *tokens, int maxInFlight,
                   std::chrono::milliseconds requestTimeout, RetryPolicy retryPolicy,
                   QObject *parent = nullptr);
    ~RequestChannel() override;

    QNetworkAccessManager *network() const { return m_network; }
    AccessTokenSource *tokens() const { return m_tokens.data(); }
    const RetryPolicy &retryPolicy() const { return m_retryPolicy; }
    std::chrono::milliseconds requestTimeout() const { return m_requestTimeout; }
    int maxInFlight() const { return m_maxInFlight; }
    int inFlightCount() const { return m_inFlight; }
    int queuedCount() const { return int(m_waiting.size()); }

    // The headers of this protocol besides Authorization (which RetryingRequest sets), e.g.
    // X-AnchorMailbox for Exchange. `cmdletName` and `clientRequestId` come from the request.
    virtual void addProtocolHeaders(QNetworkRequest &request, const QString &cmdletName,
                                    const QString &clientRequestId) const = 0;

Q_SIGNALS:
    // A request failed in a way that may pass (429, 503, network) and waits `delayMs` before trying
    // again; `reason` names the failure. Lets a window say "the server asked to wait 12 s".
    void retryScheduled(int delayMs, const QString &reason);

protected:
    // Subclasses call this first in their destructor: their calls (children) go while the subclass,
    // its endpoint and options, still exist, and no waiting request is granted a slot on the way.
    void tearDownCalls();

private:
    friend class RetryingRequest;

    void requestSlot(RetryingRequest *request);
    void withdrawSlotRequest(RetryingRequest *request);
    void releaseSlot();

    QNetworkAccessManager *m_network;
    QPointer<AccessTokenSource> m_tokens;
    int m_maxInFlight;
    std::chrono::milliseconds m_requestTimeout;
    RetryPolicy m_retryPolicy;
    int m_inFlight = 0;
    QList<QPointer<RetryingRequest>> m_waiting;
};

} // namespace smtpauth
