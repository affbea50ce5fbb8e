// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "exchange/exchangeerror.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <QUrl>

class QNetworkReply;

namespace smtpauth {

class RequestChannel;

// One logical request (a POST to the Exchange admin API, a GET from Microsoft Graph) with everything
// the protocols ask around it: waits for an in-flight slot of its channel, attaches a fresh token and
// the protocol's headers, enforces the request timeout, refreshes the token once on 401, and retries
// transient failures with backoff (the in-flight slot is given back while waiting). Internal building
// block of the call objects of both clients.
class RetryingRequest : public QObject
{
    Q_OBJECT
public:
    enum class Method
    {
        Post,
        Get
    };
    struct Spec
    {
        Method method = Method::Post;
        QUrl url;
        QByteArray body;         // POST only
        QString cmdletName;      // X-CmdletName; empty for $batch
        QString clientRequestId; // the same on every retry
        QByteArray prefer;       // Prefer header value
        bool idempotent = true;
    };

    // Largest answer accepted. The biggest legitimate answers are a 1000-mailbox page (a few hundred
    // KB with $select, ~5 MB with every Get-CASMailbox property and its sidecars) and a 5000-record
    // Search-UnifiedAuditLog page (~15 MB of AuditData strings); 32 MiB leaves twice that as margin.
    // Anything larger is refused, unread, instead of being buffered without limit: one runaway answer
    // must not take the console's memory (QNetworkReply would otherwise keep all of it).
    static constexpr qint64 kMaxAnswerBytes = 32LL * 1024 * 1024;
    // Success bodies up to this size are parsed here to prove they are JSON, so that every caller
    // ($batch included) gets a named cause. Larger ones (pages) are only sniffed here and parsed in
    // full once, by InvokeCommandResponse or BatchCall, which name the cause as well: parsing a page
    // twice would double the CPU cost of a large tenant load.
    static constexpr qint64 kFullJsonCheckBytes = 64 * 1024;

    RetryingRequest(RequestChannel *channel, Spec spec, QObject *parent);
    ~RetryingRequest() override;

    void start();
    // Stops everything without emitting finished(); error() becomes Cancelled.
    void abort();

    bool isFinished() const { return m_state == State::Finished; }
    const Spec &spec() const { return m_spec; }
    // Of the last attempt. httpStatus is 0 when no HTTP answer arrived (see transportError()).
    int httpStatus() const { return m_httpStatus; }
    const QByteArray &body() const { return m_body; }
    const QByteArray &diagnosticsHeader() const { return m_diagnostics; }
    // The Location of a 3xx answer, resolved against the request URL; empty for any other answer.
    // Never followed here (the bearer token would go with it): a caller that expects one decides.
    const QUrl &redirectTarget() const { return m_redirectTarget; }
    const ExchangeError &transportError() const { return m_transportError; }
    // transportError() if set, else the classification of the HTTP answer (None for 2xx).
    ExchangeError error() const;
    int attempts() const { return m_attempts; }

Q_SIGNALS:
    void finished();

private:
    friend class RequestChannel;
    enum class State
    {
        Idle,
        WaitingForSlot,
        FetchingToken,
        Sending,
        BackingOff,
        Finished
    };

    void onSlotGranted();
    const char *methodName() const { return m_spec.method == Method::Post ? "POST" : "GET"; }
    void send(const QString &accessToken);
    void onReplyFinished();
    void onMetaDataChanged();
    void onDownloadProgress(qint64 received, qint64 total);
    ExchangeError answerFailure(QNetworkReply *reply) const;
    void onDeadline();
    void waitForSlot();
    void giveBackSlot();
    void finishNow();
    void failSoon(const ExchangeError &error);
    void dropReply();

    QPointer<RequestChannel> m_client;
    Spec m_spec;
    State m_state = State::Idle;
    bool m_holdsSlot = false;
    bool m_tokenRefreshedAfter401 = false;
    bool m_timedOut = false;
    qint64 m_oversizedBytes = -1; // >= 0: the answer was refused for its size (this many bytes)
    bool m_oversizeAnnounced = false;
    qint64 m_bytesReceived = 0;
    int m_retries = 0;
    int m_attempts = 0;
    quint64 m_generation = 0; // outdated token callbacks compare against this and do nothing
    QString m_accessToken;    // of the attempt in flight, for reportRejected; never logged
    QNetworkReply *m_reply = nullptr;
    QTimer m_deadline;
    QTimer m_backoff;
    QElapsedTimer m_attemptClock;

    int m_httpStatus = 0;
    QByteArray m_body;
    QByteArray m_diagnostics;
    QUrl m_redirectTarget;
    QByteArray m_retryAfter;
    ExchangeError m_transportError;
};

} // namespace smtpauth
