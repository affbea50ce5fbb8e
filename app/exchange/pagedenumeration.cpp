// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "exchange/pagedenumeration.h"

#include "exchange/exchangelogging.h"
#include "exchange/exchangeurls.h"
#include "exchange/invokecommandclient.h"
#include "exchange/invokecommandresponse.h"
#include "exchange/nextlinkscanner.h"
#include "exchange/retryingrequest.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace smtpauth {

PagedEnumeration::PagedEnumeration(InvokeCommandClient *client, CmdletRequest request)
    : QObject(client), m_client(client), m_request(std::move(request)), m_nextLinks(client->endpoint())
{
}

PagedEnumeration::~PagedEnumeration()
{
    // Pages still on the worker finish there and are dropped with their watchers.
    dropPendingPages();
}

void PagedEnumeration::start()
{
    if (m_request.isUnboundedGetByNullIdentity()) {
        const ExchangeError refusal(ExchangeError::Category::BadRequest,
                                    tr("Refused to send %1 with a null Identity.").arg(m_request.cmdletName));
        QTimer::singleShot(0, this, [this, refusal] { finishWith(refusal); });
        return;
    }
    startRun();
}

void PagedEnumeration::startRun()
{
    // Nothing of an earlier run may arrive after this point: its request and its pages go.
    stopRequest();
    dropPendingPages();
    m_objects.clear();
    m_objectCount = 0;
    m_warnings.clear();
    m_truncated = false;
    m_pageCount = 0;
    m_clientRequestId = InvokeCommandClient::newRequestId();
    requestPage(ExchangeUrls::invokeCommand(m_client->endpoint(), m_request.select));
}

void PagedEnumeration::requestPage(const QUrl &url)
{
    stopRequest();
    RetryingRequest::Spec spec;
    spec.url = url;
    spec.body = QJsonDocument(m_request.toBody()).toJson(QJsonDocument::Compact);
    spec.cmdletName = m_request.cmdletName;
    spec.clientRequestId = m_clientRequestId;
    spec.prefer = "odata.maxpagesize=" + QByteArray::number(m_client->options().pageSize);
    spec.idempotent = m_request.idempotent;
    m_post = new RetryingRequest(m_client, spec, this);
    connect(m_post, &RetryingRequest::finished, this, &PagedEnumeration::onPageFinished);
    m_post->start();
}

void PagedEnumeration::stopRequest()
{
    if (!m_post)
        return;
    RetryingRequest *post = m_post;
    m_post = nullptr;
    post->disconnect(this);
    post->abort();
    post->deleteLater();
}

void PagedEnumeration::dropPendingPages()
{
    m_pending.clear();
}

PagedEnumeration::ParsedPage PagedEnumeration::parseAndProcess(int httpStatus, const QByteArray &body,
                                                               const QByteArray &diagnostics,
                                                               const PageProcessor &processor,
                                                               const FastPageReader &fastReader,
                                                               bool keepObjects)
{
    ParsedPage page;
    if (fastReader && processor && !keepObjects && httpStatus >= 200 && httpStatus <= 299) {
        if (std::optional<FastPage> fast = fastReader(body)) {
            page.result.httpStatus = httpStatus;
            page.result.nextLink = fast->nextLink;
            page.objectCount = fast->objectCount;
            page.processed = std::move(fast->processed);
            return page;
        }
    }
    // Objects that only go through the processor and are then dropped keep their sidecar keys: the
    // processor reads named properties, and stripping would copy every object once more.
    const auto annotations = processor && !keepObjects ? InvokeCommandResponse::Annotations::Keep
                                                       : InvokeCommandResponse::Annotations::Strip;
    page.result = InvokeCommandResponse::parse(httpStatus, body, diagnostics, annotations);
    page.objectCount = int(page.result.objects.size());
    if (page.result.ok() && processor) {
        page.processed = processor(page.result.objects);
        // Freeing 1000 parsed objects is work too: here, not on the thread that shows the window.
        if (!keepObjects)
            page.result.objects.clear();
    }
    return page;
}

void PagedEnumeration::onPageFinished()
{
    auto *post = qobject_cast<RetryingRequest *>(sender());
    if (m_finished || !post || post != m_post)
        return;
    m_post = nullptr;
    post->deleteLater();

    auto page = std::make_unique<PendingPage>();
    page->httpStatus = post->httpStatus();
    if (post->transportError().isError()) {
        page->transportError = post->transportError();
        page->parsed = true;
    } else {
        const QByteArray body = post->body();
        const bool success = page->httpStatus >= 200 && page->httpStatus <= 299;
        // Follow the link now (it expires, and the download overlaps the parse), unless the worker is
        // already behind: then the link is followed when this page is handed on, as without pipelining.
        if (success && m_pending.size() < size_t(kMaxPagesAhead)) {
            if (const std::optional<QString> link = NextLinkScanner::findTopLevel(body)) {
                QUrl next;
                if (!m_nextLinks.validate(*link, &next).isError()) {
                    page->nextRequested = true;
                    page->requestedLink = *link;
                    requestPage(next);
                }
            }
        }
        page->watcher = std::make_unique<QFutureWatcher<ParsedPage>>();
        connect(page->watcher.get(), &QFutureWatcherBase::finished, this, &PagedEnumeration::onPageParsed);
        page->watcher->setFuture(QtConcurrent::run(&PagedEnumeration::parseAndProcess, page->httpStatus, body,
                                                   post->diagnosticsHeader(), m_processor, m_fastReader,
                                                   m_retainObjects));
    }
    m_pending.push_back(std::move(page));
    handOnReadyPages();
}

void PagedEnumeration::onPageParsed()
{
    auto *watcher = static_cast<QFutureWatcher<ParsedPage> *>(sender());
    for (const std::unique_ptr<PendingPage> &page : m_pending) {
        if (page->watcher.get() == watcher) {
            page->page = watcher->result();
            page->parsed = true;
            break;
        }
    }
    handOnReadyPages();
}

void PagedEnumeration::handOnReadyPages()
{
    if (m_handingOn)
        return;
    m_handingOn = true;
    while (!m_finished && !m_pending.empty() && m_pending.front()->parsed) {
        const std::unique_ptr<PendingPage> page = std::move(m_pending.front());
        m_pending.pop_front();
        handOn(*page);
    }
    m_handingOn = false;
}

void PagedEnumeration::handOn(PendingPage &pending)
{
    m_lastHttpStatus = pending.httpStatus;
    if (pending.transportError.isError()) {
        finishWith(pending.transportError);
        return;
    }
    const CmdletResult &page = pending.page.result;
    if (page.error.isError()) {
        const bool expired = page.error.category() == ExchangeError::Category::PaginationExpired;
        if (expired && m_pageCount > 0 && m_restarts < m_client->options().maxPaginationRestarts) {
            ++m_restarts;
            const QString reason =
                tr("The server's page link expired after %n page(s); reading again from the first page.",
                   nullptr, m_pageCount);
            qCInfo(lcExchange).noquote() << "restarting enumeration of" << m_request.cmdletName << "after"
                                         << m_pageCount << "pages: pagination expired";
            stopRequest(); // never stitch: nothing asked for during the expired run is used
            dropPendingPages();
            Q_EMIT restarted(reason);
            if (m_finished) // aborted from a slot
                return;
            startRun();
            return;
        }
        finishWith(page.error);
        return;
    }
    if (pending.nextRequested && page.nextLink != pending.requestedLink) {
        // Only a malformed or ambiguous body (a repeated key, say) can make the scan and the parser
        // disagree; which page comes next is then unknowable.
        qCWarning(lcExchange).noquote() << "nextLink of" << m_request.cmdletName << "page" << m_pageCount + 1
                                        << "read differently by the scan and the parser";
        finishWith(ExchangeError(ExchangeError::Category::Protocol,
                                 tr("The answer's '@odata.nextLink' could not be read unambiguously.")));
        return;
    }

    ++m_pageCount;
    m_objectCount += pending.page.objectCount;
    if (m_retainObjects)
        m_objects.append(page.objects);
    for (const QString &warning : page.warnings) {
        if (!m_warnings.contains(warning))
            m_warnings.append(warning);
    }
    m_truncated = m_truncated || page.truncated;

    Q_EMIT pageReceived(page.objects);
    if (m_finished)
        return;
    Q_EMIT pageProcessed(pending.page.processed);
    if (m_finished)
        return;
    Q_EMIT progress(m_objectCount);
    if (m_finished || pending.nextRequested)
        return;

    if (page.nextLink.isEmpty()) {
        finishWith({});
        return;
    }
    QUrl next;
    if (const ExchangeError refusal = m_nextLinks.validate(page.nextLink, &next); refusal.isError()) {
        qCWarning(lcExchange).noquote()
            << "refused nextLink to host" << QUrl(page.nextLink).host() << ":" << refusal.message();
        finishWith(refusal);
        return;
    }
    // Immediately: the link expires.
    requestPage(next);
}

void PagedEnumeration::abort()
{
    if (m_finished)
        return;
    finishWith(ExchangeError(ExchangeError::Category::Cancelled, tr("Cancelled.")));
}

void PagedEnumeration::finishWith(const ExchangeError &error)
{
    if (m_finished)
        return;
    m_error = error;
    m_finished = true;
    stopRequest();
    dropPendingPages();
    Q_EMIT finished();
}

} // namespace smtpauth
