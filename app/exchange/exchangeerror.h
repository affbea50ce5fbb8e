// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QMetaType>
#include <QString>

namespace smtpauth {

// Why an Exchange request failed, in terms the engine can act on (retry, sign in again, tell the user).
// A default-constructed ExchangeError means "no error".
class ExchangeError
{
public:
    enum class Category : quint8
    {
        None,
        Network,           // connection refused/reset/dropped, DNS, ...
        Timeout,           // no complete answer within the request timeout
        Unauthorized,      // 401, or no token could be obtained
        Forbidden,         // 403: missing RBAC role or cmdlet not allowed
        NotFound,          // 404
        BadRequest,        // 400: cmdlet/parameter errors (most failures)
        Throttled,         // 429
        ServerUnavailable, // 5xx
        PaginationExpired, // 400 "Expired or Invalid pagination request"
        Protocol,          // malformed or unexpected response (not JSON, wrong shape, foreign nextLink)
        InsecureTransport, // plain http to a non-loopback host, TLS failure
        Cancelled,         // aborted by the caller
    };

    // Within a category, what exactly was wrong with the answer, where the category alone would name
    // the wrong cause (a cut-off body is a Network failure, but the server was reached).
    enum class Cause : quint8
    {
        Unspecified,
        TruncatedAnswer,     // Network: the connection closed before Content-Length bytes arrived
        HtmlPage,            // Protocol: an HTML page where JSON belongs
        MalformedJson,       // Protocol: a body that does not parse as a JSON object
        OversizedAnswer,     // Protocol: larger than the client accepts, refused unread
        InteractionRequired, // Unauthorized: no token for this audience until the person consents (or
                             // completes another step) in the browser; the sign-in itself is intact
    };

    ExchangeError() = default;
    ExchangeError(Category category, QString message, int httpStatus = 0, QString errorCode = {});

    // A 2xx answer that is not the JSON object the protocol promises (§3): an HTML page (something in
    // front of Exchange answered: proxy, gateway, sign-in page) or malformed JSON. Category Protocol,
    // never retried; the server may or may not have run the command, so a write must be read back.
    // None when `body` is a JSON object.
    static ExchangeError fromUnreadableAnswer(int httpStatus, const QByteArray &body,
                                              const QByteArray &contentType = {});
    // The connection closed after `receivedBytes` of an answer announced as `announcedBytes` (< 0:
    // unknown). Category Network (retried like a dropped connection: a Set is idempotent), cause named.
    static ExchangeError truncatedAnswer(int httpStatus, qint64 receivedBytes, qint64 announcedBytes);
    // The answer is (announced or found to be) larger than `limitBytes`; it was refused, not buffered.
    static ExchangeError oversizedAnswer(int httpStatus, qint64 bytes, qint64 limitBytes, bool announced);
    // No token could be had for the request's audience without the person (AccessTokenSource::Result
    // with interactionRequired): Unauthorized, cause InteractionRequired, the identity platform's words.
    static ExchangeError interactionRequired(const QString &message);

    // Classifies an HTTP answer (any status) and picks the human message in the documented order:
    // details[0].message (last '|' segment), innererror.internalexception.message, error.message;
    // for a 403 without a usable body the x-ms-diagnostics reason; for a plain-text body its text.
    // A 2xx status yields None.
    static ExchangeError fromHttpResponse(int httpStatus, const QByteArray &body,
                                          const QByteArray &diagnosticsHeader = {});

    // The documented message order applied to an `error` object alone; empty when it has none.
    static QString messageFromErrorObject(const QJsonObject &errorObject);
    // `reason="..."` out of an x-ms-diagnostics header; empty when absent.
    static QString reasonFromDiagnostics(const QByteArray &diagnosticsHeader);

    bool isError() const { return m_category != Category::None; }
    Category category() const { return m_category; }
    Cause cause() const { return m_cause; }
    int httpStatus() const { return m_httpStatus; }
    QString errorCode() const { return m_errorCode; }
    // The .NET exception a cmdlet error names (the middle of details[0].message, e.g.
    // "Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException"); empty when none.
    QString exceptionType() const { return m_exceptionType; }
    // 404, or a cmdlet's ManagementObjectNotFound (which Exchange answers with 400).
    bool isObjectNotFound() const;
    // The server's (or transport's) own words, as specific as they get.
    QString message() const { return m_message; }
    // A sentence for the UI/CLI that names the cause plainly and includes message() when it adds detail.
    QString userMessage() const;
    // True for the failures that may go away by themselves: network, timeout, 429, 503, 504.
    // 401 is handled separately (token refresh, once); 400 and 403 never.
    bool isRetryable() const;

    static QString categoryName(Category category);

    friend bool operator==(const ExchangeError &, const ExchangeError &) = default;

private:
    Category m_category = Category::None;
    Cause m_cause = Cause::Unspecified;
    int m_httpStatus = 0;
    QString m_errorCode;
    QString m_message;
    QString m_exceptionType;
};

} // namespace smtpauth

Q_DECLARE_METATYPE(smtpauth::ExchangeError)
