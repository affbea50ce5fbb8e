// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "graph/graphcall.h"

#include "exchange/invokecommandclient.h"
#include "exchange/retryingrequest.h"
#include "graph/graphclient.h"

#include <QJsonDocument>
#include <QTimer>

namespace smtpauth {

GraphCall::GraphCall(GraphClient *client, const QUrl &url)
    : QObject(client), m_client(client), m_url(url), m_clientRequestId(InvokeCommandClient::newRequestId())
{
}

GraphCall::~GraphCall() = default;

void GraphCall::start()
{
    RetryingRequest::Spec spec;
    spec.method = RetryingRequest::Method::Get;
    spec.url = m_url;
    spec.clientRequestId = m_clientRequestId;
    m_request = new RetryingRequest(m_client, spec, this);
    connect(m_request, &RetryingRequest::finished, this, &GraphCall::onRequestFinished);
    m_request->start();
}

void GraphCall::abort()
{
    if (m_finished)
        return;
    if (m_request)
        m_request->abort();
    m_finished = true;
    m_error = ExchangeError(ExchangeError::Category::Cancelled, tr("Cancelled."));
    Q_EMIT finished();
}

QByteArray GraphCall::body() const
{
    return m_request ? m_request->body() : QByteArray();
}

void GraphCall::onRequestFinished()
{
    if (m_finished)
        return;
    m_finished = true;
    m_httpStatus = m_request->httpStatus();
    m_error = m_request->error();
    if (!m_error.isError()) {
        if (m_httpStatus >= 200 && m_httpStatus <= 299) {
            QPointer<GraphCall> self(this);
            Q_EMIT bodyReceived(m_request->body());
            if (!self)
                return;
            if (m_parseDeferred) {
                Q_EMIT finished();
                return;
            }
        }
        parseBody();
    }
    Q_EMIT finished();
}

void GraphCall::parseBody()
{
    if (m_parsed || m_error.isError())
        return;
    m_parsed = true;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(m_request->body(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        m_error = ExchangeError::fromUnreadableAnswer(m_httpStatus, m_request->body());
        if (!m_error.isError()) // e.g. 204: an empty answer where Graph promises an object
            m_error = ExchangeError(
                ExchangeError::Category::Protocol,
                tr("Microsoft Graph answered status %1 without a JSON object.").arg(m_httpStatus),
                m_httpStatus);
    } else {
        m_object = document.object();
    }
}

} // namespace smtpauth
