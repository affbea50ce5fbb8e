// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "exchange/exchangeerror.h"

#include <QJsonArray>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <functional>
#include <optional>

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
//
// A caller with a one-pass reader for its pages (GraphClient::readAllPages(url, reader)) gets each page from
// its bytes: the reader takes the page's items itself, all or nothing, and pageReceived() is emitted only for
// a page it did not take (then parsed the full way). The envelope rules (the link's host, order, failures)
// are the same either way.
class GraphPagedReader : public QObject
{
    Q_OBJECT
public:
    struct PageSummary
    {
        qsizetype itemCount = 0;
        QString nextLink; // empty on the last page
    };
    // Reads one page from its bytes and takes its items; nullopt when it does not (nothing taken).
    using PageBytesReader = std::function<std::optional<PageSummary>(QByteArrayView body)>;

    ~GraphPagedReader() override;

    void abort();
    bool isFinished() const { return m_finished; }
    const ExchangeError &error() const { return m_error; }
    int httpStatus() const { return m_httpStatus; }
    int pageCount() const { return m_pages; }
    qsizetype itemCount() const { return m_items; }

Q_SIGNALS:
    void pageReceived(const QJsonArray &values);
    // After each page, whichever way it was read.
    void pageDone();
    void finished();

private:
    friend class GraphClient;
    GraphPagedReader(GraphClient *client, const QUrl &firstPage, PageBytesReader bytesReader);
    void start();
    void request(const QUrl &url);
    void onPage();
    void readPage();
    void onBody(const QByteArray &body);
    void dropPrefetch();
    void finish(const ExchangeError &error);
    void followOn(const QString &nextLink);

    QPointer<GraphClient> m_client;
    QUrl m_firstPage;
    QPointer<GraphCall> m_call;
    QPointer<GraphCall> m_prefetch; // the next page, asked for before this one was parsed
    QString m_prefetchLink;
    PageBytesReader m_bytesReader;
    bool m_readQueued = false;
    bool m_finished = false;
    int m_pages = 0;
    qsizetype m_items = 0;
    int m_httpStatus = 0;
    ExchangeError m_error;
};

} // namespace smtpauth
