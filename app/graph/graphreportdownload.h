// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "exchange/exchangeerror.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkReply;

namespace smtpauth {

class GraphClient;
class RetryingRequest;

// One Graph usage report (graph-protocol.md §4): the report URL answers 302 with a short-lived,
// pre-authenticated download URL, which is fetched at once WITHOUT the Authorization header (the bearer
// token never goes to the storage host). A download link that answers 401/403/404/410 has expired (it
// lives a few minutes): a new one is asked for once. finished() exactly once; body() is the CSV bytes.
class GraphReportDownload : public QObject
{
    Q_OBJECT
public:
    // A usage report of 200k users is ~40 MB; anything far beyond is not a usage report.
    static constexpr qint64 kMaxReportBytes = 512LL * 1024 * 1024;

    ~GraphReportDownload() override;

    void abort();
    bool isFinished() const { return m_finished; }
    const ExchangeError &error() const { return m_error; }
    int httpStatus() const { return m_httpStatus; } // of the report URL, or of the download when it failed
    const QByteArray &body() const { return m_body; }
    int linksFetched() const { return m_linksFetched; }

Q_SIGNALS:
    void finished();

private:
    friend class GraphClient;
    GraphReportDownload(GraphClient *client, const QUrl &reportUrl);
    void start();
    void requestLink();
    void onLinkAnswered();
    void download(const QUrl &link);
    void onDownloaded();
    void finish(const ExchangeError &error);

    QPointer<GraphClient> m_client;
    QUrl m_reportUrl;
    RetryingRequest *m_linkRequest = nullptr;
    QPointer<QNetworkReply> m_download;
    int m_linksFetched = 0;
    int m_httpStatus = 0;
    bool m_finished = false;
    ExchangeError m_error;
    QByteArray m_body;
};

} // namespace smtpauth
