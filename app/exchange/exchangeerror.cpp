// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "exchange/exchangeerror.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace smtpauth {

namespace {

// The only 400 that the enumeration treats differently (restart from the first page).
constexpr QLatin1String kPaginationExpiredMarker("pagination request");

// Longest plain-text body we pass on to people; anything longer is a page, not a message.
constexpr qsizetype kMaxPlainTextMessage = 1000;

// The context lupdate files ExchangeError's member functions under, so their strings can be translated.
QString tr(const char *text)
{
    return QCoreApplication::translate("smtpauth::ExchangeError", text);
}

ExchangeError::Category categoryForStatus(int status)
{
    using C = ExchangeError::Category;
    switch (status) {
    case 400:
        return C::BadRequest;
    case 401:
        return C::Unauthorized;
    case 403:
        return C::Forbidden;
    case 404:
        return C::NotFound;
    case 429:
        return C::Throttled;
    default:
        break;
    }
    if (status >= 500 && status <= 599)
        return C::ServerUnavailable;
    if (status >= 400 && status <= 499)
        return C::BadRequest;
    // 1xx/3xx (redirects are never followed with a bearer token) or nonsense.
    return C::Protocol;
}

QString plainSentence(int status)
{
    switch (status) {
    case 401:
        return QCoreApplication::translate("smtpauth::ExchangeError",
                                           "The access token was rejected (HTTP 401).");
    case 403:
        return QCoreApplication::translate("smtpauth::ExchangeError", "Access denied (HTTP 403).");
    case 404:
        return QCoreApplication::translate("smtpauth::ExchangeError", "The object was not found (HTTP 404).");
    case 429:
        return QCoreApplication::translate("smtpauth::ExchangeError", "Too many requests (HTTP 429).");
    default:
        break;
    }
    if (status >= 500 && status <= 599)
        return tr("The service is temporarily unavailable (HTTP %1).").arg(status);
    if (status >= 300 && status <= 399)
        return tr("The server answered with a redirect (HTTP %1), which is not followed.").arg(status);
    return tr("The server answered HTTP %1.").arg(status);
}

// Bodies are sometimes NUL bytes or whitespace only (seen on 403).
QByteArray meaningfulBytes(const QByteArray &body)
{
    QByteArray text = body;
    text.replace('\0', QByteArray());
    return text.trimmed();
}

bool looksLikeMarkup(const QByteArray &text)
{
    return text.startsWith('<');
}

// "Service Error" out of <title>Service Error</title>, short and on one line; empty when there is none.
QString htmlTitle(const QByteArray &page)
{
    static const QRegularExpression title(QStringLiteral("<title[^>]*>([^<]*)</title>"),
                                          QRegularExpression::CaseInsensitiveOption);
    // Only the head of a page is worth searching; pages can be large.
    const QRegularExpressionMatch match = title.match(QString::fromUtf8(page.left(4096)));
    QString text = match.hasMatch() ? match.captured(1).simplified() : QString();
    if (text.size() > 120)
        text = text.left(119) + QChar(0x2026);
    return text;
}

// Why a 403 said nothing: people should learn the server really gave no reason, not that we lost it.
QString silentBodyRemark(const QByteArray &body)
{
    if (body.isEmpty())
        return tr("the server gave no reason (empty body)");
    if (body.count('\0') == body.size())
        return tr("the server gave no reason (a body of %1 NUL bytes)").arg(body.size());
    return QString();
}

} // namespace

ExchangeError::ExchangeError(Category category, QString message, int httpStatus, QString errorCode)
    : m_category(category), m_httpStatus(httpStatus), m_errorCode(std::move(errorCode)),
      m_message(std::move(message))
{
}

QString ExchangeError::messageFromErrorObject(const QJsonObject &errorObject)
{
    const QJsonArray details = errorObject.value(QLatin1String("details")).toArray();
    if (!details.isEmpty()) {
        // "Ex6F9304|Microsoft.Exchange...ManagementObjectNotFoundException|The operation couldn't..."
        const QString detail = details.first().toObject().value(QLatin1String("message")).toString();
        const QString lastSegment = detail.section(QLatin1Char('|'), -1).trimmed();
        if (!lastSegment.isEmpty())
            return lastSegment;
    }
    const QString internal = errorObject.value(QLatin1String("innererror"))
                                 .toObject()
                                 .value(QLatin1String("internalexception"))
                                 .toObject()
                                 .value(QLatin1String("message"))
                                 .toString()
                                 .trimmed();
    if (!internal.isEmpty())
        return internal;
    return errorObject.value(QLatin1String("message")).toString().trimmed();
}

QString ExchangeError::reasonFromDiagnostics(const QByteArray &diagnosticsHeader)
{
    static const QRegularExpression reason(QStringLiteral("reason=\"([^\"]*)\""));
    const QRegularExpressionMatch match = reason.match(QString::fromUtf8(diagnosticsHeader));
    return match.hasMatch() ? match.captured(1).trimmed() : QString();
}

ExchangeError ExchangeError::fromHttpResponse(int httpStatus, const QByteArray &body,
                                              const QByteArray &diagnosticsHeader)
{
    if (httpStatus >= 200 && httpStatus <= 299)
        return {};

    Category category = categoryForStatus(httpStatus);
    QString message;
    QString code;
    QString envelopeMessage;
    QString exceptionType;

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error == QJsonParseError::NoError && document.isObject()) {
        const QJsonObject errorObject = document.object().value(QLatin1String("error")).toObject();
        code = errorObject.value(QLatin1String("code")).toString();
        const QString detail = errorObject.value(QLatin1String("details"))
                                   .toArray()
                                   .at(0)
                                   .toObject()
                                   .value(QLatin1String("message"))
                                   .toString();
        if (detail.count(QLatin1Char('|')) >= 2)
            exceptionType = detail.section(QLatin1Char('|'), 1, 1).trimmed();
        envelopeMessage = errorObject.value(QLatin1String("message")).toString();
        message = messageFromErrorObject(errorObject);
    } else {
        // e.g. the concurrency throttle: "You have reached the maximum number of concurrent requests..."
        const QByteArray text = meaningfulBytes(body);
        if (!text.isEmpty() && !looksLikeMarkup(text) && text.size() <= kMaxPlainTextMessage)
            message = QString::fromUtf8(text);
    }
    if (message.isEmpty())
        message = reasonFromDiagnostics(diagnosticsHeader);
    if (message.isEmpty()) {
        message = plainSentence(httpStatus);
        // §5: a 403 body may be empty or NUL bytes.
        // "Access denied (HTTP 403)." becomes "Access denied (HTTP 403); the server gave no reason (...)."
        const QString remark = httpStatus == 403 ? silentBodyRemark(body) : QString();
        if (!remark.isEmpty() && message.endsWith(QLatin1Char('.')))
            message = message.chopped(1) + QStringLiteral("; ") + remark + QLatin1Char('.');
    }

    if (httpStatus == 400 && (envelopeMessage.contains(kPaginationExpiredMarker, Qt::CaseInsensitive) ||
                              message.contains(kPaginationExpiredMarker, Qt::CaseInsensitive))) {
        category = Category::PaginationExpired;
    }
    ExchangeError error(category, message, httpStatus, code);
    error.m_exceptionType = exceptionType;
    return error;
}

ExchangeError ExchangeError::interactionRequired(const QString &message)
{
    ExchangeError error(Category::Unauthorized, message);
    error.m_cause = Cause::InteractionRequired;
    return error;
}

bool ExchangeError::isObjectNotFound() const
{
    return m_category == Category::NotFound ||
           m_exceptionType.endsWith(QLatin1String("ManagementObjectNotFoundException"), Qt::CaseInsensitive);
}

ExchangeError ExchangeError::fromUnreadableAnswer(int httpStatus, const QByteArray &body,
                                                  const QByteArray &contentType)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error == QJsonParseError::NoError && document.isObject())
        return {};

    ExchangeError error;
    error.m_category = Category::Protocol;
    error.m_httpStatus = httpStatus;
    const QByteArray text = meaningfulBytes(body);
    if (contentType.contains("html") || looksLikeMarkup(text)) {
        error.m_cause = Cause::HtmlPage;
        const QString title = htmlTitle(body);
        error.m_message =
            (title.isEmpty()
                 ? tr("The server answered with an HTML page instead of JSON (status %1).").arg(httpStatus)
                 : tr("The server answered with an HTML page (\u201c%2\u201d) instead of JSON (status %1).")
                       .arg(httpStatus)
                       .arg(title)) +
            QLatin1Char(' ') +
            tr("Something between this computer and Exchange Online (a proxy, firewall or sign-in page) "
               "may have answered in its place.");
        return error;
    }
    error.m_cause = Cause::MalformedJson;
    if (text.isEmpty()) {
        error.m_message =
            tr("The server's answer is not valid JSON (status %1): it is empty.").arg(httpStatus);
    } else if (parseError.error == QJsonParseError::NoError) {
        error.m_message =
            tr("The server's answer is not valid JSON (status %1): it is not a JSON object.").arg(httpStatus);
    } else {
        error.m_message = tr("The server's answer is not valid JSON (status %1): %2 at byte %3 of %4.")
                              .arg(httpStatus)
                              .arg(parseError.errorString())
                              .arg(parseError.offset)
                              .arg(body.size());
    }
    return error;
}

ExchangeError ExchangeError::truncatedAnswer(int httpStatus, qint64 receivedBytes, qint64 announcedBytes)
{
    ExchangeError error;
    error.m_category = Category::Network;
    error.m_cause = Cause::TruncatedAnswer;
    error.m_httpStatus = httpStatus;
    error.m_message = announcedBytes >= 0 ? tr("The server's answer was cut off after %1 of %2 bytes (status "
                                               "%3): the connection closed before "
                                               "the answer was complete.")
                                                .arg(receivedBytes)
                                                .arg(announcedBytes)
                                                .arg(httpStatus)
                                          : tr("The server's answer was cut off after %1 bytes (status %2): "
                                               "the connection closed before the "
                                               "answer was complete.")
                                                .arg(receivedBytes)
                                                .arg(httpStatus);
    return error;
}

ExchangeError ExchangeError::oversizedAnswer(int httpStatus, qint64 bytes, qint64 limitBytes, bool announced)
{
    ExchangeError error;
    error.m_category = Category::Protocol;
    error.m_cause = Cause::OversizedAnswer;
    error.m_httpStatus = httpStatus;
    const QString size =
        announced ? tr("%1 bytes announced").arg(bytes) : tr("more than %1 bytes received").arg(bytes);
    error.m_message =
        tr("The server's answer is too large: %1, above the limit of %2 MiB (status %3). It was "
           "refused unread so that memory use stays bounded.")
            .arg(size)
            .arg(limitBytes / (1024 * 1024))
            .arg(httpStatus);
    return error;
}

bool ExchangeError::isRetryable() const
{
    switch (m_category) {
    case Category::Network:
    case Category::Timeout:
    case Category::Throttled:
        return true;
    case Category::ServerUnavailable:
        // Only the documented transient ones; a 500 is a bug that repeating will not fix.
        return m_httpStatus == 503 || m_httpStatus == 504;
    case Category::None:
    case Category::Unauthorized:
    case Category::Forbidden:
    case Category::NotFound:
    case Category::BadRequest:
    case Category::PaginationExpired:
    case Category::Protocol:
    case Category::InsecureTransport:
    case Category::Cancelled:
        return false;
    }
    return false;
}

QString ExchangeError::userMessage() const
{
    const auto withDetail = [this](const QString &sentence) {
        return m_message.isEmpty() ? sentence : sentence + QLatin1Char(' ') + m_message;
    };
    switch (m_category) {
    case Category::None:
        return {};
    case Category::Network:
        // A cut-off answer did reach us: "Could not reach" would send people hunting for a network problem.
        if (m_cause == Cause::TruncatedAnswer)
            return m_message;
        return withDetail(tr("Could not reach Exchange Online."));
    case Category::Timeout:
        return tr("Exchange Online did not answer in time.");
    case Category::Unauthorized:
        return withDetail(tr("The sign-in is no longer accepted; sign in again."));
    case Category::Forbidden:
        return withDetail(
            tr("Permission denied: the signed-in account lacks the Exchange role needed for this."));
    case Category::NotFound:
        return withDetail(tr("Not found."));
    case Category::BadRequest:
        return withDetail(tr("Exchange rejected the command."));
    case Category::Throttled:
        return withDetail(tr("Exchange Online is throttling requests; wait a few minutes and try again."));
    case Category::ServerUnavailable:
        return withDetail(tr("Exchange Online is temporarily unavailable."));
    case Category::PaginationExpired:
        return tr("The list expired while it was being read; it must be read again from the start.");
    case Category::Protocol:
        return withDetail(tr("Unexpected answer from Exchange Online."));
    case Category::InsecureTransport:
        return withDetail(tr("Refused an insecure connection."));
    case Category::Cancelled:
        return tr("Cancelled.");
    }
    return m_message;
}

QString ExchangeError::categoryName(Category category)
{
    switch (category) {
    case Category::None:
        return QStringLiteral("none");
    case Category::Network:
        return QStringLiteral("network");
    case Category::Timeout:
        return QStringLiteral("timeout");
    case Category::Unauthorized:
        return QStringLiteral("unauthorized");
    case Category::Forbidden:
        return QStringLiteral("forbidden");
    case Category::NotFound:
        return QStringLiteral("not-found");
    case Category::BadRequest:
        return QStringLiteral("bad-request");
    case Category::Throttled:
        return QStringLiteral("throttled");
    case Category::ServerUnavailable:
        return QStringLiteral("server-unavailable");
    case Category::PaginationExpired:
        return QStringLiteral("pagination-expired");
    case Category::Protocol:
        return QStringLiteral("protocol");
    case Category::InsecureTransport:
        return QStringLiteral("insecure-transport");
    case Category::Cancelled:
        return QStringLiteral("cancelled");
    }
    return QString();
}

} // namespace smtpauth
