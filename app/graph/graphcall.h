// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "exchange/exchangeerror.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrl>

namespace smtpauth {

class GraphClient;
class RetryingRequest;

// One Graph GET (with its retries). Created by GraphClient::get(). On success object() is the answer's
// JSON object; on failure error() says why in the server's words (Graph's {"error":{"code","message"}}).
class GraphCall : public QObject
{
    Q_OBJECT
public:
    ~GraphCall() override;

    void abort();
    const QUrl &url() const { return m_url; }
    bool isFinished() const { return m_finished; }
    const ExchangeError &error() const { return m_error; }
    int httpStatus() const { return m_httpStatus; }
    const QJsonObject &object() const { return m_object; }
    // A 2xx answer's bytes (empty before it arrives).
    QByteArray body() const;

    // For a paged reader that reads pages from their bytes in one pass: a 2xx answer is then kept
    // unparsed (object() stays empty) until parseBody(), which the reader calls when its one-pass read
    // does not take the page. Set before the event loop runs.
    void setParseDeferred(bool deferred) { m_parseDeferred = deferred; }
    bool hasUnparsedBody() const { return m_finished && m_parseDeferred && !m_parsed && !m_error.isError(); }
    // The full parse of a deferred 2xx answer: object(), or error() saying why it cannot be read.
    void parseBody();
    QString clientRequestId() const { return m_clientRequestId; }

Q_SIGNALS:
    // A 2xx answer's bytes, right before they are parsed (a paged reader scans them for the next link
    // so that the next page is on its way while this one is parsed and handed on).
    void bodyReceived(const QByteArray &body);
    void finished();

private:
    friend class GraphClient;
    GraphCall(GraphClient *client, const QUrl &url);
    void start();
    void onRequestFinished();

    QPointer<GraphClient> m_client;
    QUrl m_url;
    QString m_clientRequestId;
    RetryingRequest *m_request = nullptr;
    bool m_finished = false;
    bool m_parseDeferred = false;
    bool m_parsed = false;
    int m_httpStatus = 0;
    ExchangeError m_error;
    QJsonObject m_object;
};

} // namespace smtpauth
