// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "graph/graphclient.h"

#include "graph/graphcall.h"
#include "graph/graphpagedreader.h"
#include "graph/graphreportdownload.h"

#include <QNetworkRequest>
#include <algorithm>

namespace smtpauth {

namespace {

int effectivePort(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return url.port(scheme == QLatin1String("https") ? 443 : scheme == QLatin1String("http") ? 80 : -1);
}
} // namespace

GraphClient::GraphClient(QNetworkAccessManager *network, const QUrl &graphBase, AccessTokenSource *tokens,
                         ClientOptions options, QObject *parent)
    : RequestChannel(network, tokens, options.maxInFlight, options.requestTimeout,
                     RetryPolicy::fromOptions(options), parent),
      m_graphBase(graphBase)
{
}

GraphClient::~GraphClient()
{
    tearDownCalls();
}

QUrl GraphClient::v1Url(const QString &pathAndQuery) const
{
    QString base = m_graphBase.toString(QUrl::StripTrailingSlash | QUrl::FullyEncoded);
    return QUrl(base + QStringLiteral("/v1.0/") + pathAndQuery, QUrl::StrictMode);
}

GraphCall *GraphClient::get(const QUrl &url)
{
    auto *call = new GraphCall(this, url);
    call->start();
    return call;
}

GraphPagedReader *GraphClient::readAllPages(const QUrl &firstPage,
                                            GraphPagedReader::PageBytesReader bytesReader)
{
    auto *reader = new GraphPagedReader(this, firstPage, std::move(bytesReader));
    reader->start();
    return reader;
}

GraphReportDownload *GraphClient::downloadReport(const QUrl &reportUrl)
{
    auto *download = new GraphReportDownload(this, reportUrl);
    download->start();
    return download;
}

QString GraphClient::refusalOfLink(const QUrl &link) const
{
    if (!link.isValid())
        return tr("it is not a valid URL");
    if (link.isRelative() || link.host().isEmpty())
        return tr("it is not an absolute URL");
    if (link.host().compare(m_graphBase.host(), Qt::CaseInsensitive) != 0)
        return tr("it points to another host (%1)").arg(link.host());
    if (link.scheme().compare(m_graphBase.scheme(), Qt::CaseInsensitive) != 0)
        return tr("its scheme differs from Microsoft Graph's (%1)").arg(link.scheme());
    if (effectivePort(link) != effectivePort(m_graphBase))
        return tr("it points to another port");
    if (!link.userInfo().isEmpty())
        return tr("it carries user credentials");
    return {};
}

void GraphClient::addProtocolHeaders(QNetworkRequest &request, const QString &,
                                     const QString &clientRequestId) const
{
    // graph-protocol.md §1: client-request-id for support (the same on retries).
    request.setRawHeader("client-request-id", clientRequestId.toLatin1());
}

} // namespace smtpauth
