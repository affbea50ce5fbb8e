// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "exchange/clientoptions.h"
#include "exchange/requestchannel.h"
#include "graph/graphpagedreader.h"

#include <QString>
#include <QUrl>

class QNetworkAccessManager;

namespace smtpauth {

class AccessTokenSource;
class GraphCall;
class GraphReportDownload;

// Client of Microsoft Graph for the readiness layers (graph-protocol.md §1–§3): GET requests with the
// Graph access token (never the Exchange one: each client has the token source of its own audience),
// paging by @odata.nextLink, Graph's error shape, and the same throttling and retry rules as Exchange
// (RetryingRequest: 429 with or without Retry-After, 503/504, one token refresh on 401).
//
// Every call object it returns is a child of the client and emits finished() exactly once; delete it
// with deleteLater() when done.
class GraphClient : public RequestChannel
{
    Q_OBJECT
public:
    // Graph allows more parallel requests than InvokeCommand; a few are enough for the directory.
    static constexpr int kDefaultMaxInFlight = 4;

    GraphClient(QNetworkAccessManager *network, const QUrl &graphBase, AccessTokenSource *tokens,
                ClientOptions options = {}, QObject *parent = nullptr);
    ~GraphClient() override;

    const QUrl &graphBase() const { return m_graphBase; }
    // {graphBase}/v1.0/<pathAndQuery>; pathAndQuery is already encoded ("policies/x?$select=id").
    QUrl v1Url(const QString &pathAndQuery) const;

    GraphCall *get(const QUrl &url);
    // All pages from `firstPage` on, following each @odata.nextLink as given (same host only).
    // `bytesReader` (optional) reads pages in one pass from their bytes (GraphPagedReader).
    GraphPagedReader *readAllPages(const QUrl &firstPage, GraphPagedReader::PageBytesReader bytesReader = {});
    // A usage report (graph-protocol.md §4): the 302, then the download without the bearer token.
    GraphReportDownload *downloadReport(const QUrl &reportUrl);

    // Whether `link` may be followed with the Graph token: absolute, this client's scheme, host and port,
    // no user info. Empty when it may; else why not.
    QString refusalOfLink(const QUrl &link) const;

    void addProtocolHeaders(QNetworkRequest &request, const QString &cmdletName,
                            const QString &clientRequestId) const override;

private:
    QUrl m_graphBase;
};

} // namespace smtpauth
