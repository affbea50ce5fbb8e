#pragma once

#include "exchangeerror.h"

#include <QJsonArray>
#include <QObject>
#include <QPointer>
#include <QUrl>

namespace smtpauth {

class GraphCall;
class GraphClient;

// Every page of a Graph collection (graph-protocol.md §3, §5): GETs the first URL, hands each page's
// `value` on as it arrives (callers aggregate; nothing is kept here, so a group of 100k members costs
// one page of memory), and follows `@odata.nextLink` exactly as given, after checking that it stays on
// the Graph host (the link is followed with the bearer token). finished() once, after the last page or
// the first failure; a failure after some pages says how many arrived.
//
// Pipelined: the next page is asked for as soon as this page's bytes arrive (its link found by
// NextLinkScanner, checked like any link), so the server prepares page N+1 while page N is parsed and
// handed on. The full parse stays the authority: a link it disagrees with drops the early request and
// the parsed link is followed instead. Pages are still handed on one at a time, in order.
class GraphPagedReader : public QObject
{
    Q_OBJECT
public:
    ~GraphPagedReader() override;

    void abort();
    bool isFinished() const { return m_finished; }
    const ExchangeError &error() const { return m_error; }
    int httpStatus() const { return m_httpStatus; }
    int pageCount() const { return m_pages; }
    qsizetype itemCount() const { return m_items; }

Q_SIGNALS:
    void pageReceived(const QJsonArray &values);
    void finished();

private:
    friend class GraphClient;
    GraphPagedReader(GraphClient *client, const QUrl &firstPage);
    void start();
    void request(const QUrl &url);
    void onPage();
    void onBody(const QByteArray &body);
    void dropPrefetch();
    void finish(const ExchangeError &error);

    QPointer<GraphClient> m_client;
    QUrl m_firstPage;
    QPointer<GraphCall> m_call;
    QPointer<GraphCall> m_prefetch; // the next page, asked for before this one was parsed
    QString m_prefetchLink;
    bool m_finished = false;
    int m_pages = 0;
    qsizetype m_items = 0;
    int m_httpStatus = 0;
    ExchangeError m_error;
};

} // namespace smtpauth
