// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "exchange/invokecommandcall.h"

#include "exchange/exchangeurls.h"
#include "exchange/invokecommandclient.h"
#include "exchange/invokecommandresponse.h"
#include "exchange/retryingrequest.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTimer>

namespace smtpauth {

InvokeCommandCall::InvokeCommandCall(InvokeCommandClient *client, CmdletRequest request)
    : QObject(client), m_client(client), m_request(std::move(request))
{
    m_result.clientRequestId = InvokeCommandClient::newRequestId();
}

void InvokeCommandCall::start()
{
    if (m_request.isUnboundedGetByNullIdentity()) {
        m_result.error =
            ExchangeError(ExchangeError::Category::BadRequest,
                          QCoreApplication::translate(
                              "smtpauth::InvokeCommandCall",
                              "Refused to send %1 with a null Identity: it would return every object.")
                              .arg(m_request.cmdletName));
        QTimer::singleShot(0, this, &InvokeCommandCall::finish);
        return;
    }
    RetryingRequest::Spec spec;
    spec.url = ExchangeUrls::invokeCommand(m_client->endpoint(), m_request.select);
    spec.body = QJsonDocument(m_request.toBody()).toJson(QJsonDocument::Compact);
    spec.cmdletName = m_request.cmdletName;
    spec.clientRequestId = m_result.clientRequestId;
    spec.prefer = "odata.maxpagesize=" + QByteArray::number(m_client->options().pageSize);
    spec.idempotent = m_request.idempotent;
    m_post = new RetryingRequest(m_client, spec, this);
    connect(m_post, &RetryingRequest::finished, this, &InvokeCommandCall::onPostFinished);
    m_post->start();
}

void InvokeCommandCall::onPostFinished()
{
    if (m_finished || !m_post)
        return;
    const QString clientRequestId = m_result.clientRequestId;
    if (m_post->transportError().isError()) {
        m_result = CmdletResult();
        m_result.error = m_post->transportError();
    } else {
        m_result =
            InvokeCommandResponse::parse(m_post->httpStatus(), m_post->body(), m_post->diagnosticsHeader());
    }
    m_result.clientRequestId = clientRequestId;
    finish();
}

void InvokeCommandCall::abort()
{
    if (m_finished)
        return;
    if (m_post)
        m_post->abort();
    m_result.objects.clear();
    m_result.error = ExchangeError(ExchangeError::Category::Cancelled,
                                   QCoreApplication::translate("smtpauth::InvokeCommandCall", "Cancelled."));
    finish();
}

void InvokeCommandCall::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished();
}

} // namespace smtpauth
