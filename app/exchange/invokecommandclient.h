#pragma once

#include "accesstokensource.h"
#include "clientoptions.h"
#include "cmdletrequest.h"
#include "exchangeendpoint.h"
#include "retrypolicy.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

class QNetworkAccessManager;

namespace smtpauth {

class BatchCall;
class InvokeCommandCall;
class PagedEnumeration;
class RetryingPost;

// Client of the Exchange Online Admin API InvokeCommand endpoint (exchange-protocol.md §2–§5) for one
// tenant. Works unchanged against the real service and the loopback emulator.
//
// Every call object it returns is a child of the client and emits finished() exactly once
// (asynchronously, or synchronously from abort()); delete it with deleteLater() when done.
// At most options().maxInFlight HTTP requests are in flight at once across all calls (FIFO queue).
class InvokeCommandClient : public QObject
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
    const RetryPolicy &retryPolicy() const { return m_retryPolicy; }
    // connection-id header: one GUID per client instance.
    QString connectionId() const { return m_connectionId; }
    int inFlightCount() const { return m_inFlight; }
    int queuedCount() const { return int(m_waiting.size()); }

    static QString newRequestId();

Q_SIGNALS:
    // A request failed in a way that may pass (429, 503, network) and waits `delayMs` before trying
    // again; `reason` names the failure. Lets a window say "the server asked to wait 12 s".
    void retryScheduled(int delayMs, const QString &reason);

private:
    friend class RetryingPost;

    void requestSlot(RetryingPost *post);
    void withdrawSlotRequest(RetryingPost *post);
    void releaseSlot();

    QNetworkAccessManager *m_network;
    ExchangeEndpoint m_endpoint;
    QPointer<AccessTokenSource> m_tokens;
    ClientOptions m_options;
    RetryPolicy m_retryPolicy;
    QString m_connectionId;
    int m_inFlight = 0;
    QList<QPointer<RetryingPost>> m_waiting;
};

} // namespace smtpauth
