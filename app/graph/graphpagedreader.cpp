// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "graph/graphpagedreader.h"

#include "exchange/nextlinkscanner.h"
#include "graph/graphcall.h"
#include "graph/graphclient.h"

namespace smtpauth {

GraphPagedReader::GraphPagedReader(GraphClient *client, const QUrl &firstPage, PageBytesReader bytesReader)
    : QObject(client), m_client(client), m_firstPage(firstPage), m_bytesReader(std::move(bytesReader))
{
}

GraphPagedReader::~GraphPagedReader()
{
    dropPrefetch();
}

void GraphPagedReader::start()
{
    request(m_firstPage);
}

void GraphPagedReader::request(const QUrl &url)
{
    m_call = m_client->get(url);
    m_call->setParseDeferred(true);
    connect(m_call, &GraphCall::bodyReceived, this, &GraphPagedReader::onBody);
    connect(m_call, &GraphCall::finished, this, &GraphPagedReader::onPage);
}

void GraphPagedReader::onBody(const QByteArray &body)
{
    if (m_finished || m_prefetch || !m_client || sender() != m_call.data())
        return;
    const std::optional<QString> link = NextLinkScanner::findTopLevel(body);
    if (!link || link->isEmpty())
        return;
    const QUrl next(*link, QUrl::StrictMode);
    if (!m_client->refusalOfLink(next).isEmpty())
        return; // refused after the parse, with the reason
    m_prefetchLink = *link;
    m_prefetch = m_client->get(next);
    m_prefetch->setParseDeferred(true);
    connect(m_prefetch, &GraphCall::bodyReceived, this, &GraphPagedReader::onBody);
    connect(m_prefetch, &GraphCall::finished, this, &GraphPagedReader::onPage);
}

void GraphPagedReader::dropPrefetch()
{
    if (!m_prefetch)
        return;
    GraphCall *call = m_prefetch;
    m_prefetch = nullptr;
    m_prefetchLink.clear();
    disconnect(call, nullptr, this, nullptr);
    call->abort();
    call->deleteLater();
}

void GraphPagedReader::abort()
{
    if (m_finished)
        return;
    if (m_call) {
        disconnect(m_call, nullptr, this, nullptr);
        m_call->abort();
        m_call->deleteLater();
    }
    dropPrefetch();
    finish(ExchangeError(ExchangeError::Category::Cancelled, tr("Cancelled.")));
}

void GraphPagedReader::onPage()
{
    GraphCall *call = m_call;
    if (!call || m_finished || !call->isFinished())
        return;
    if (sender() && sender() != call)
        return; // the early request of the next page, finished before this page was handed on
    if (m_prefetch && !m_readQueued) {
        // The early request of the next page waits for its token, which comes from the event loop:
        // read this page after that, so the server prepares the next page while this one is read.
        m_readQueued = true;
        QMetaObject::invokeMethod(this, &GraphPagedReader::readPage, Qt::QueuedConnection);
        return;
    }
    readPage();
}

void GraphPagedReader::readPage()
{
    m_readQueued = false;
    GraphCall *call = m_call;
    if (!call || m_finished || !call->isFinished())
        return;
    call->deleteLater();
    m_call = nullptr;
    m_httpStatus = call->httpStatus();
    if (call->hasUnparsedBody()) {
        if (const std::optional<PageSummary> read =
                m_bytesReader ? m_bytesReader(call->body()) : std::nullopt) {
            ++m_pages;
            m_items += read->itemCount;
            QPointer<GraphPagedReader> self(this);
            Q_EMIT pageDone();
            if (!self || m_finished)
                return;
            followOn(read->nextLink);
            return;
        }
        call->parseBody(); // no one-pass reader, or not its plain case: the full parse decides
    }
    if (call->error().isError()) {
        ExchangeError error = call->error();
        if (m_pages > 0) {
            // Say that the list is incomplete, never hand half of it on as all of it.
            error = ExchangeError(
                error.category(),
                tr("%1 (after %n page(s) had arrived; the list is incomplete)", nullptr, m_pages)
                    .arg(error.message()),
                error.httpStatus(), error.errorCode());
        }
        finish(error);
        return;
    }
    const QJsonObject &page = call->object();
    const QJsonValue values = page.value(QLatin1String("value"));
    if (!values.isArray()) {
        finish(ExchangeError(ExchangeError::Category::Protocol,
                             tr("Microsoft Graph's answer has no 'value' list (page %1).").arg(m_pages + 1),
                             m_httpStatus));
        return;
    }
    ++m_pages;
    const QJsonArray array = values.toArray();
    m_items += array.size();
    const QString nextLink = page.value(QLatin1String("@odata.nextLink")).toString();
    QPointer<GraphPagedReader> self(this);
    Q_EMIT pageReceived(array);
    if (!self || m_finished)
        return;
    Q_EMIT pageDone();
    if (!self || m_finished)
        return;
    followOn(nextLink);
}

// After a page was handed on: the next one, already on its way or asked for now.
void GraphPagedReader::followOn(const QString &nextLink)
{
    if (m_prefetch && m_prefetchLink == nextLink) {
        // Already on its way (asked for when this page's bytes arrived).
        m_call = m_prefetch;
        m_prefetch = nullptr;
        m_prefetchLink.clear();
        if (m_call->isFinished()) // cannot happen before the event loop runs; handled all the same
            QMetaObject::invokeMethod(this, &GraphPagedReader::onPage, Qt::QueuedConnection);
        return;
    }
    dropPrefetch(); // the parse disagrees with the scan: the parse decides
    if (nextLink.isEmpty()) {
        finish({});
        return;
    }
    const QUrl next(nextLink, QUrl::StrictMode);
    if (const QString refusal = m_client->refusalOfLink(next); !refusal.isEmpty()) {
        finish(ExchangeError(ExchangeError::Category::Protocol,
                             tr("Refused Microsoft Graph's next-page link: %1.").arg(refusal), m_httpStatus));
        return;
    }
    request(next);
}

void GraphPagedReader::finish(const ExchangeError &error)
{
    if (m_finished)
        return;
    dropPrefetch();
    m_finished = true;
    m_error = error;
    Q_EMIT finished();
}

} // namespace smtpauth
