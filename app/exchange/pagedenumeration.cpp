#include "pagedenumeration.h"

#include "exchangelogging.h"
#include "exchangeurls.h"
#include "invokecommandclient.h"
#include "invokecommandresponse.h"
#include "retryingpost.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTimer>

namespace smtpauth {

PagedEnumeration::PagedEnumeration(InvokeCommandClient *client, CmdletRequest request)
    : QObject(client)
    , m_client(client)
    , m_request(std::move(request))
    , m_nextLinks(client->endpoint())
{
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
    if (m_post)
        m_post->deleteLater();
    RetryingPost::Spec spec;
    spec.url = url;
    spec.body = QJsonDocument(m_request.toBody()).toJson(QJsonDocument::Compact);
    spec.cmdletName = m_request.cmdletName;
    spec.clientRequestId = m_clientRequestId;
    spec.prefer = "odata.maxpagesize=" + QByteArray::number(m_client->options().pageSize);
    spec.idempotent = m_request.idempotent;
    m_post = new RetryingPost(m_client, spec, this);
    connect(m_post, &RetryingPost::finished, this, &PagedEnumeration::onPageFinished);
    m_post->start();
}

void PagedEnumeration::onPageFinished()
{
    if (m_finished || !m_post || sender() != m_post)
        return;
    m_lastHttpStatus = m_post->httpStatus();
    if (m_post->transportError().isError()) {
        finishWith(m_post->transportError());
        return;
    }
    const CmdletResult page = InvokeCommandResponse::parse(m_post->httpStatus(), m_post->body(),
                                                           m_post->diagnosticsHeader());
    if (page.error.isError()) {
        const bool expired = page.error.category() == ExchangeError::Category::PaginationExpired;
        if (expired && m_pageCount > 0 && m_restarts < m_client->options().maxPaginationRestarts) {
            ++m_restarts;
            const QString reason = tr("The server's page link expired after %n page(s); reading again from the first page.",
                                      nullptr, m_pageCount);
            qCInfo(lcExchange).noquote() << "restarting enumeration of" << m_request.cmdletName << "after"
                                         << m_pageCount << "pages: pagination expired";
            Q_EMIT restarted(reason);
            if (m_finished) // aborted from a slot
                return;
            startRun();
            return;
        }
        finishWith(page.error);
        return;
    }

    ++m_pageCount;
    m_objectCount += int(page.objects.size());
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
    Q_EMIT progress(m_objectCount);
    if (m_finished)
        return;

    if (page.nextLink.isEmpty()) {
        finishWith({});
        return;
    }
    QUrl next;
    if (const ExchangeError refusal = m_nextLinks.validate(page.nextLink, &next); refusal.isError()) {
        qCWarning(lcExchange).noquote() << "refused nextLink to host" << QUrl(page.nextLink).host() << ":"
                                        << refusal.message();
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
    if (m_post)
        m_post->abort();
    finishWith(ExchangeError(ExchangeError::Category::Cancelled, tr("Cancelled.")));
}

void PagedEnumeration::finishWith(const ExchangeError &error)
{
    if (m_finished)
        return;
    m_error = error;
    m_finished = true;
    Q_EMIT finished();
}

} // namespace smtpauth
