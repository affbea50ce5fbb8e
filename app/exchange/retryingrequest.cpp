// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "exchange/retryingrequest.h"

#include "exchange/accesstokensource.h"
#include "exchange/exchangelogging.h"
#include "exchange/requestchannel.h"
#include "exchange/transportpolicy.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslError>

namespace smtpauth {

namespace {
// Errors that mean the connection failed, as opposed to an HTTP status the server chose.
bool isTransportFailure(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
        return true;
    default:
        return false;
    }
}
} // namespace

RetryingRequest::RetryingRequest(RequestChannel *channel, Spec spec, QObject *parent)
    : QObject(parent), m_client(channel), m_spec(std::move(spec))
{
    m_deadline.setSingleShot(true);
    m_backoff.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &RetryingRequest::onDeadline);
    connect(&m_backoff, &QTimer::timeout, this, &RetryingRequest::waitForSlot);
}

RetryingRequest::~RetryingRequest()
{
    dropReply();
    if (m_client && m_state == State::WaitingForSlot)
        m_client->withdrawSlotRequest(this);
    giveBackSlot();
}

void RetryingRequest::start()
{
    if (m_state != State::Idle)
        return;
    if (const ExchangeError refusal = TransportPolicy::check(m_spec.url); refusal.isError()) {
        qCWarning(lcExchange).noquote()
            << "refusing to send to" << m_spec.url.host() << ":" << refusal.message();
        failSoon(refusal);
        return;
    }
    waitForSlot();
}

void RetryingRequest::abort()
{
    if (m_state == State::Finished)
        return;
    ++m_generation;
    m_deadline.stop();
    m_backoff.stop();
    dropReply();
    if (m_client && m_state == State::WaitingForSlot)
        m_client->withdrawSlotRequest(this);
    giveBackSlot();
    m_httpStatus = 0;
    m_body.clear();
    m_transportError = ExchangeError(ExchangeError::Category::Cancelled, tr("Cancelled."));
    m_state = State::Finished;
}

ExchangeError RetryingRequest::error() const
{
    if (m_transportError.isError())
        return m_transportError;
    return ExchangeError::fromHttpResponse(m_httpStatus, m_body, m_diagnostics);
}

void RetryingRequest::waitForSlot()
{
    if (!m_client) {
        failSoon(ExchangeError(ExchangeError::Category::Cancelled, tr("The client was shut down.")));
        return;
    }
    m_state = State::WaitingForSlot;
    m_client->requestSlot(this); // may call onSlotGranted() right away
}

void RetryingRequest::onSlotGranted()
{
    m_holdsSlot = true;
    m_state = State::FetchingToken;
    AccessTokenSource *tokens = m_client ? m_client->tokens() : nullptr;
    if (!tokens) {
        giveBackSlot();
        failSoon(ExchangeError(ExchangeError::Category::Unauthorized, tr("Not signed in.")));
        return;
    }
    const quint64 generation = ++m_generation;
    QPointer<RetryingRequest> self(this);
    tokens->fetchAccessToken([self, generation](const AccessTokenSource::Result &result) {
        if (!self || self->m_generation != generation || self->m_state != State::FetchingToken)
            return;
        if (!result.ok) {
            self->giveBackSlot();
            self->m_httpStatus = 0;
            // A sign-in that is over means "sign in again"; an unreachable token endpoint does not; an
            // audience not consented yet means "allow access" (and the sign-in stays).
            const QString message =
                result.errorMessage.isEmpty() ? tr("Not signed in.") : result.errorMessage;
            if (result.interactionRequired)
                self->m_transportError = ExchangeError::interactionRequired(message);
            else
                self->m_transportError =
                    ExchangeError(result.transient ? ExchangeError::Category::Network
                                                   : ExchangeError::Category::Unauthorized,
                                  message);
            self->finishNow();
            return;
        }
        self->send(result.accessToken);
    });
}

void RetryingRequest::send(const QString &accessToken)
{
    const RequestChannel &client = *m_client;

    QNetworkRequest request(m_spec.url);
    // A redirect would carry the bearer token to wherever it points: never follow one.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (m_spec.method == Method::Post)
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("Authorization", "Bearer " + accessToken.toUtf8());
    if (!m_spec.prefer.isEmpty())
        request.setRawHeader("Prefer", m_spec.prefer);
    client.addProtocolHeaders(request, m_spec.cmdletName, m_spec.clientRequestId);

    m_accessToken = accessToken;
    m_timedOut = false;
    m_oversizedBytes = -1;
    m_oversizeAnnounced = false;
    m_bytesReceived = 0;
    ++m_attempts;
    m_state = State::Sending;
    m_attemptClock.start();
    m_reply = m_spec.method == Method::Post ? client.network()->post(request, m_spec.body)
                                            : client.network()->get(request);
    m_reply->setParent(this);
    connect(m_reply, &QNetworkReply::finished, this, &RetryingRequest::onReplyFinished);
    connect(m_reply, &QNetworkReply::metaDataChanged, this, &RetryingRequest::onMetaDataChanged);
    connect(m_reply, &QNetworkReply::downloadProgress, this, &RetryingRequest::onDownloadProgress);
    // Deliberately no ignoreSslErrors(): the handshake fails and the reply finishes with an error.
    connect(m_reply, &QNetworkReply::sslErrors, this, [this](const QList<QSslError> &errors) {
        for (const QSslError &error : errors)
            qCWarning(lcExchange).noquote()
                << "TLS error from" << m_spec.url.host() << ":" << error.errorString();
    });
    m_deadline.start(client.requestTimeout());
}

void RetryingRequest::onDeadline()
{
    if (m_state != State::Sending || !m_reply)
        return;
    m_timedOut = true;
    m_reply->abort(); // finishes the reply, which lands in onReplyFinished
}

void RetryingRequest::onMetaDataChanged()
{
    if (!m_reply || sender() != m_reply || m_oversizedBytes >= 0)
        return;
    // Refuse on the announcement, before a single byte of the body is buffered.
    bool known = false;
    const qint64 announced = m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&known);
    if (known && announced > kMaxAnswerBytes) {
        m_oversizedBytes = announced;
        m_oversizeAnnounced = true;
        m_reply->abort(); // lands in onReplyFinished
    }
}

void RetryingRequest::onDownloadProgress(qint64 received, qint64 total)
{
    Q_UNUSED(total)
    if (!m_reply || sender() != m_reply || m_oversizedBytes >= 0)
        return;
    m_bytesReceived = received;
    // Without a (truthful) Content-Length the size is only known while it arrives.
    if (received > kMaxAnswerBytes) {
        m_oversizedBytes = received;
        m_reply->abort();
    }
}

// What went wrong with an answer that did arrive, or None: cut off, too large, or not JSON.
ExchangeError RetryingRequest::answerFailure(QNetworkReply *reply) const
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (m_oversizedBytes >= 0)
        return ExchangeError::oversizedAnswer(status, m_oversizedBytes, kMaxAnswerBytes, m_oversizeAnnounced);
    bool known = false;
    const qint64 announced = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&known);
    const QByteArray encoding = reply->rawHeader("Content-Encoding").trimmed().toLower();
    // Only an identity body can be compared with Content-Length (a decompressed one is longer).
    const bool comparable = known && (encoding.isEmpty() || encoding == "identity");
    const qint64 received = qMax<qint64>(m_body.size(), m_bytesReceived);
    if (status != 0 && (isTransportFailure(reply->error()) || (comparable && received < announced)))
        return ExchangeError::truncatedAnswer(status, received, comparable ? announced : -1);
    if (status < 200 || status > 299 || reply->error() != QNetworkReply::NoError)
        return {};
    if (status == 204 && m_body.trimmed().isEmpty())
        return {};
    const QByteArray contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray().toLower();
    const QByteArray head = m_body.left(64).trimmed();
    const bool sniffedAsObject = head.startsWith('{') && !contentType.contains("html");
    if (m_body.size() <= kFullJsonCheckBytes || !sniffedAsObject)
        return ExchangeError::fromUnreadableAnswer(status, m_body, contentType);
    return {};
}

void RetryingRequest::onReplyFinished()
{
    QNetworkReply *reply = m_reply;
    if (!reply || sender() != reply)
        return;
    m_reply = nullptr;
    m_deadline.stop();
    reply->deleteLater();
    giveBackSlot();

    m_httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    m_body = reply->readAll();
    m_diagnostics = reply->rawHeader("x-ms-diagnostics");
    const QUrl location = reply->header(QNetworkRequest::LocationHeader).toUrl();
    m_redirectTarget = m_httpStatus >= 300 && m_httpStatus <= 399 && location.isValid()
                           ? m_spec.url.resolved(location)
                           : QUrl();
    m_retryAfter = reply->rawHeader("Retry-After");
    m_transportError = {};
    const ExchangeError answerError = m_timedOut ? ExchangeError() : answerFailure(reply);
    if (m_timedOut) {
        m_httpStatus = 0;
        m_transportError =
            ExchangeError(ExchangeError::Category::Timeout,
                          tr("No answer within %1 seconds.")
                              .arg(m_client ? m_client->requestTimeout().count() / 1000.0 : 0.0));
    } else if (answerError.isError()) {
        // A cut-off or oversized answer is no answer (status 0, the half body is never parsed as the
        // server's word); an unreadable 2xx keeps its status, since the server did answer.
        const bool noUsableAnswer = answerError.category() != ExchangeError::Category::Protocol ||
                                    answerError.cause() == ExchangeError::Cause::OversizedAnswer;
        if (noUsableAnswer) {
            m_httpStatus = 0;
            m_body.clear();
        }
        m_transportError = answerError;
    } else if (m_httpStatus == 0 || isTransportFailure(reply->error())) {
        // A status line followed by a connection cut mid-body is a network failure too (and retried
        // like one), not a malformed answer: the half body must never be parsed as the server's word.
        const bool tlsFailure = reply->error() == QNetworkReply::SslHandshakeFailedError;
        m_httpStatus = 0;
        m_transportError = ExchangeError(tlsFailure ? ExchangeError::Category::InsecureTransport
                                                    : ExchangeError::Category::Network,
                                         reply->errorString());
    }

    const QString rejectedToken = std::exchange(m_accessToken, QString());
    const ExchangeError outcome = error();
    // Successes at debug level (a full read is ~100 of them); every failure is worth a line.
    if (outcome.isError()) {
        qCInfo(lcExchange).noquote() << methodName() << m_spec.url.path() << "status" << m_httpStatus << "in"
                                     << m_attemptClock.elapsed() << "ms client-request-id"
                                     << m_spec.clientRequestId
                                     << ExchangeError::categoryName(outcome.category());
    } else {
        qCDebug(lcExchange).noquote()
            << methodName() << m_spec.url.path() << "status" << m_httpStatus << "in"
            << m_attemptClock.elapsed() << "ms client-request-id" << m_spec.clientRequestId;
    }

    if (!m_client) {
        finishNow();
        return;
    }
    if (m_httpStatus == 401 && !m_tokenRefreshedAfter401 && m_client->tokens()) {
        // A token can be revoked or expire early: get a new one once, then believe the server.
        m_tokenRefreshedAfter401 = true;
        m_client->tokens()->reportRejected(rejectedToken);
        waitForSlot();
        return;
    }
    const RetryPolicy &policy = m_client->retryPolicy();
    if (policy.shouldRetry(outcome, m_retries, m_spec.idempotent)) {
        const auto delay = policy.delayBeforeRetry(m_retries, m_retryAfter, QDateTime::currentDateTimeUtc());
        ++m_retries;
        qCInfo(lcExchange).noquote() << "retry" << m_retries << "of" << m_spec.url.path() << "in"
                                     << delay.count() << "ms, client-request-id" << m_spec.clientRequestId;
        m_state = State::BackingOff;
        m_backoff.start(delay);
        // People should see why nothing moves: "the server asked to wait 12 s".
        Q_EMIT m_client->retryScheduled(int(delay.count()), outcome.userMessage());
        return;
    }
    finishNow();
}

void RetryingRequest::giveBackSlot()
{
    if (!m_holdsSlot)
        return;
    m_holdsSlot = false;
    if (m_client)
        m_client->releaseSlot();
}

void RetryingRequest::dropReply()
{
    if (!m_reply)
        return;
    QNetworkReply *reply = std::exchange(m_reply, nullptr);
    disconnect(reply, nullptr, this, nullptr);
    reply->abort();
    reply->deleteLater();
}

void RetryingRequest::finishNow()
{
    m_state = State::Finished;
    Q_EMIT finished();
}

void RetryingRequest::failSoon(const ExchangeError &error)
{
    m_httpStatus = 0;
    m_transportError = error;
    m_state = State::Finished;
    // Callers connect to finished() after start() returns.
    QTimer::singleShot(0, this, [this] { Q_EMIT finished(); });
}

} // namespace smtpauth
