// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "exchange/batchcall.h"

#include "exchange/exchangelogging.h"
#include "exchange/exchangeurls.h"
#include "exchange/invokecommandclient.h"
#include "exchange/invokecommandresponse.h"
#include "exchange/retryingrequest.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QTimer>
#include <algorithm>

namespace smtpauth {

namespace {

QByteArray headerValue(const QJsonObject &headers, QLatin1String name)
{
    for (auto it = headers.constBegin(); it != headers.constEnd(); ++it) {
        if (it.key().compare(name, Qt::CaseInsensitive) == 0) {
            const QJsonValue value = it.value();
            if (value.isDouble())
                return QByteArray::number(qint64(value.toDouble()));
            return value.toString().toUtf8();
        }
    }
    return {};
}

QString idOf(const QJsonValue &id)
{
    return id.isDouble() ? QString::number(qint64(id.toDouble())) : id.toString();
}

} // namespace

BatchCall::BatchCall(InvokeCommandClient *client, QList<CmdletRequest> requests)
    : QObject(client), m_client(client), m_requests(std::move(requests))
{
    m_results.resize(m_requests.size());
    m_retries.fill(0, m_requests.size());
    m_done.fill(false, m_requests.size());
    m_remaining = int(m_requests.size());
    for (CmdletResult &result : m_results)
        result.clientRequestId = InvokeCommandClient::newRequestId();
}

int BatchCall::failedCount() const
{
    return int(
        std::count_if(m_results.cbegin(), m_results.cend(), [](const CmdletResult &r) { return !r.ok(); }));
}

void BatchCall::start()
{
    QList<int> toSend;
    QList<int> refused;
    for (int i = 0; i < m_requests.size(); ++i)
        (m_requests.at(i).isUnboundedGetByNullIdentity() ? refused : toSend).append(i);
    if (!refused.isEmpty() || toSend.isEmpty()) {
        // Emitted after the caller had a chance to connect.
        QTimer::singleShot(0, this, [this, refused] {
            for (int index : refused) {
                CmdletResult result;
                result.clientRequestId = m_results.at(index).clientRequestId;
                result.error = ExchangeError(
                    ExchangeError::Category::BadRequest,
                    tr("Refused to send %1 with a null Identity.").arg(m_requests.at(index).cmdletName));
                complete(index, result);
            }
            finishIfDone();
        });
    }
    if (!toSend.isEmpty())
        send(toSend);
}

QJsonObject BatchCall::subRequest(int index, const QString &idInBatch) const
{
    const CmdletRequest &request = m_requests.at(index);
    const ExchangeEndpoint &endpoint = m_client->endpoint();
    // What every sub-request shares is built once per call: a 10,000-change apply sends 10,000 of them.
    if (m_sharedHeaders.isEmpty()) {
        m_sharedHeaders.insert(QStringLiteral("Content-Type"), QStringLiteral("application/json"));
        m_sharedHeaders.insert(QStringLiteral("Accept"), QStringLiteral("application/json"));
        if (!endpoint.anchorMailbox.isEmpty())
            m_sharedHeaders.insert(QStringLiteral("X-AnchorMailbox"), endpoint.anchorMailbox);
        m_sharedHeaders.insert(QStringLiteral("Prefer"),
                               QStringLiteral("odata.maxpagesize=%1").arg(m_client->options().pageSize));
        m_sharedHeaders.insert(QStringLiteral("X-ResponseFormat"), QStringLiteral("json"));
        if (!m_client->options().clientApplication.isEmpty())
            m_sharedHeaders.insert(QStringLiteral("X-ClientApplication"),
                                   m_client->options().clientApplication);
        m_sharedHeaders.insert(QStringLiteral("connection-id"), m_client->connectionId());
    }
    QJsonObject headers = m_sharedHeaders;
    headers.insert(QStringLiteral("X-CmdletName"), request.cmdletName);
    headers.insert(QStringLiteral("client-request-id"), m_results.at(index).clientRequestId);

    auto url = m_invokeUrls.constFind(request.select);
    if (url == m_invokeUrls.constEnd())
        url = m_invokeUrls.insert(
            request.select,
            ExchangeUrls::invokeCommand(endpoint, request.select).toString(QUrl::FullyEncoded));

    QJsonObject sub;
    sub.insert(QStringLiteral("id"), idInBatch);
    sub.insert(QStringLiteral("method"), QStringLiteral("POST"));
    sub.insert(QStringLiteral("url"), *url);
    sub.insert(QStringLiteral("headers"), headers);
    sub.insert(QStringLiteral("body"), request.toBody());
    return sub;
}

void BatchCall::send(const QList<int> &indices)
{
    for (qsizetype first = 0; first < indices.size(); first += InvokeCommandClient::kMaxBatchSize) {
        const QList<int> chunk = indices.mid(first, InvokeCommandClient::kMaxBatchSize);
        QJsonArray subRequests;
        bool idempotent = true;
        for (qsizetype k = 0; k < chunk.size(); ++k) {
            subRequests.append(subRequest(chunk.at(k), QString::number(k + 1)));
            idempotent = idempotent && m_requests.at(chunk.at(k)).idempotent;
        }
        QJsonObject body;
        body.insert(QStringLiteral("requests"), subRequests);

        RetryingRequest::Spec spec;
        spec.url = ExchangeUrls::batch(m_client->endpoint());
        spec.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        spec.clientRequestId = InvokeCommandClient::newRequestId();
        spec.prefer = "odata.continue-on-error";
        spec.idempotent = idempotent;
        auto *post = new RetryingRequest(m_client, spec, this);
        m_inFlight.insert(post, chunk);
        ++m_batchRequestsSent;
        connect(post, &RetryingRequest::finished, this, &BatchCall::onBatchFinished);
        post->start();
    }
}

void BatchCall::failChunk(const QList<int> &chunk, int httpStatus, const ExchangeError &error)
{
    for (int index : chunk) {
        CmdletResult result;
        result.clientRequestId = m_results.at(index).clientRequestId;
        result.httpStatus = httpStatus;
        result.error = error;
        complete(index, result);
    }
    finishIfDone();
}

void BatchCall::onBatchFinished()
{
    auto *post = qobject_cast<RetryingRequest *>(sender());
    if (m_finished || !post || !m_inFlight.contains(post))
        return;
    const QList<int> chunk = m_inFlight.take(post);
    post->deleteLater();

    if (post->error().isError()) {
        failChunk(chunk, post->httpStatus(), post->error());
        return;
    }

    QHash<QString, QJsonObject> responsesById;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(post->body(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        // Only answers above RetryingRequest::kFullJsonCheckBytes get here unparsed: name the cause (where
        // the JSON breaks) for every request of the chunk, as for a small answer.
        failChunk(chunk, post->httpStatus(),
                  ExchangeError::fromUnreadableAnswer(post->httpStatus(), post->body()));
        return;
    }
    const QJsonArray responses = document.object().value(QLatin1String("responses")).toArray();
    for (const QJsonValue &response : responses) {
        const QJsonObject object = response.toObject();
        responsesById.insert(idOf(object.value(QLatin1String("id"))), object);
    }

    const RetryPolicy &policy = m_client->retryPolicy();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<int> again;
    std::chrono::milliseconds delay{0};
    for (qsizetype k = 0; k < chunk.size(); ++k) {
        const int index = chunk.at(k);
        const auto found = responsesById.constFind(QString::number(k + 1));
        CmdletResult result;
        if (found == responsesById.constEnd()) {
            result.httpStatus = post->httpStatus();
            result.error =
                ExchangeError(ExchangeError::Category::Protocol,
                              tr("The batch answer has no response for this request."), post->httpStatus());
        } else {
            const QJsonObject headers = found->value(QLatin1String("headers")).toObject();
            const int status = found->value(QLatin1String("status")).toInt();
            result =
                InvokeCommandResponse::parseValue(status, found->value(QLatin1String("body")),
                                                  headerValue(headers, QLatin1String("x-ms-diagnostics")));
            if (policy.shouldRetry(result.error, m_retries.at(index), m_requests.at(index).idempotent)) {
                delay = std::max(
                    delay, policy.delayBeforeRetry(m_retries.at(index),
                                                   headerValue(headers, QLatin1String("Retry-After")), now));
                ++m_retries[index];
                again.append(index);
                continue;
            }
        }
        result.clientRequestId = m_results.at(index).clientRequestId;
        complete(index, result);
    }
    if (!again.isEmpty()) {
        qCInfo(lcExchange).noquote() << again.size() << "batched requests will be sent again in"
                                     << delay.count() << "ms";
        QTimer::singleShot(delay, this, [this, again] {
            if (!m_finished)
                send(again);
        });
    }
    finishIfDone();
}

void BatchCall::complete(int index, const CmdletResult &result)
{
    if (m_done.at(index))
        return;
    m_done[index] = true;
    m_results[index] = result;
    --m_remaining;
    Q_EMIT resultReady(index);
}

void BatchCall::finishIfDone()
{
    if (m_finished || m_remaining > 0)
        return;
    m_finished = true;
    Q_EMIT finished();
}

void BatchCall::abort()
{
    if (m_finished)
        return;
    const QList<RetryingRequest *> posts = m_inFlight.keys();
    m_inFlight.clear();
    for (RetryingRequest *post : posts) {
        post->abort();
        post->deleteLater();
    }
    for (int index = 0; index < m_requests.size(); ++index) {
        if (m_done.at(index))
            continue;
        CmdletResult result;
        result.clientRequestId = m_results.at(index).clientRequestId;
        result.error = ExchangeError(ExchangeError::Category::Cancelled, tr("Cancelled."));
        complete(index, result);
    }
    finishIfDone();
}

} // namespace smtpauth
