// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "graph/graphreportdownload.h"

#include "exchange/invokecommandclient.h"
#include "exchange/retryingrequest.h"
#include "graph/graphclient.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace smtpauth {

GraphReportDownload::GraphReportDownload(GraphClient *client, const QUrl &reportUrl)
    : QObject(client), m_client(client), m_reportUrl(reportUrl)
{
}

GraphReportDownload::~GraphReportDownload()
{
    if (m_download) {
        disconnect(m_download, nullptr, this, nullptr);
        m_download->abort();
        m_download->deleteLater();
    }
}

void GraphReportDownload::start()
{
    requestLink();
}

void GraphReportDownload::abort()
{
    if (m_finished)
        return;
    if (m_linkRequest)
        m_linkRequest->abort();
    if (m_download) {
        disconnect(m_download, nullptr, this, nullptr);
        m_download->abort();
    }
    finish(ExchangeError(ExchangeError::Category::Cancelled, tr("Cancelled.")));
}

void GraphReportDownload::requestLink()
{
    if (!m_client) {
        finish(ExchangeError(ExchangeError::Category::Cancelled, tr("The client was shut down.")));
        return;
    }
    ++m_linksFetched;
    RetryingRequest::Spec spec;
    spec.method = RetryingRequest::Method::Get;
    spec.url = m_reportUrl;
    spec.clientRequestId = InvokeCommandClient::newRequestId();
    if (m_linkRequest)
        m_linkRequest->deleteLater();
    m_linkRequest = new RetryingRequest(m_client, spec, this);
    connect(m_linkRequest, &RetryingRequest::finished, this, &GraphReportDownload::onLinkAnswered);
    m_linkRequest->start();
}

void GraphReportDownload::onLinkAnswered()
{
    if (m_finished)
        return;
    m_httpStatus = m_linkRequest->httpStatus();
    const QUrl link = m_linkRequest->redirectTarget();
    if (m_httpStatus >= 300 && m_httpStatus <= 399 && link.isValid()) {
        download(link);
        return;
    }
    if (m_httpStatus >= 200 && m_httpStatus <= 299) {
        // The documented answer is a redirect; a server that sends the CSV directly is taken at its word.
        m_body = m_linkRequest->body();
        finish(ExchangeError());
        return;
    }
    const ExchangeError error = m_linkRequest->error();
    finish(error.isError()
               ? error
               : ExchangeError(
                     ExchangeError::Category::Protocol,
                     tr("The usage report answered status %1 without a download link.").arg(m_httpStatus),
                     m_httpStatus));
}

void GraphReportDownload::download(const QUrl &link)
{
    if (!m_client) {
        finish(ExchangeError(ExchangeError::Category::Cancelled, tr("The client was shut down.")));
        return;
    }
    const bool graphIsHttps =
        m_client->graphBase().scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0;
    if (!link.userInfo().isEmpty() ||
        (graphIsHttps && link.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) != 0)) {
        finish(ExchangeError(ExchangeError::Category::Protocol,
                             tr("The usage report's download link was refused: it is not a plain HTTPS URL."),
                             m_httpStatus));
        return;
    }
    // No Authorization header: the link is pre-authenticated, and the token is for Graph only.
    QNetworkRequest request(link);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(int(m_client->requestTimeout().count()));
    m_download = m_client->network()->get(request);
    connect(m_download, &QNetworkReply::downloadProgress, this, [this](qint64 received, qint64) {
        if (received > kMaxReportBytes && m_download)
            m_download->abort();
    });
    connect(m_download, &QNetworkReply::finished, this, &GraphReportDownload::onDownloaded);
}

void GraphReportDownload::onDownloaded()
{
    QNetworkReply *reply = m_download;
    if (!reply || m_finished)
        return;
    m_download = nullptr;
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    if (status == 200 && reply->error() == QNetworkReply::NoError) {
        m_body = body;
        finish(ExchangeError());
        return;
    }
    m_httpStatus = status;
    const bool expired = status == 401 || status == 403 || status == 404 || status == 410;
    if (expired && m_linksFetched < 2) {
        // The link lives minutes; a slow start (a retry, a token refresh) can outlast it.
        requestLink();
        return;
    }
    if (status == 0) {
        finish(ExchangeError(ExchangeError::Category::Network,
                             tr("The usage report download failed: %1").arg(reply->errorString())));
        return;
    }
    if (expired) {
        finish(ExchangeError(
            ExchangeError::Category::Protocol,
            tr("The usage report's download link answered %1 twice, also right after a new link "
               "was fetched; try again later.")
                .arg(status),
            status));
        return;
    }
    finish(ExchangeError(ExchangeError::Category::Protocol,
                         tr("The usage report download answered status %1.").arg(status), status));
}

void GraphReportDownload::finish(const ExchangeError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    Q_EMIT finished();
}

} // namespace smtpauth
