#include "exchangeerror.h"

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
        return QCoreApplication::translate("smtpauth::ExchangeError", "The access token was rejected (HTTP 401).");
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

} // namespace

ExchangeError::ExchangeError(Category category, QString message, int httpStatus, QString errorCode)
    : m_category(category)
    , m_httpStatus(httpStatus)
    , m_errorCode(std::move(errorCode))
    , m_message(std::move(message))
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

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error == QJsonParseError::NoError && document.isObject()) {
        const QJsonObject errorObject = document.object().value(QLatin1String("error")).toObject();
        code = errorObject.value(QLatin1String("code")).toString();
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
    if (message.isEmpty())
        message = plainSentence(httpStatus);

    if (httpStatus == 400
        && (envelopeMessage.contains(kPaginationExpiredMarker, Qt::CaseInsensitive)
            || message.contains(kPaginationExpiredMarker, Qt::CaseInsensitive))) {
        category = Category::PaginationExpired;
    }
    return ExchangeError(category, message, httpStatus, code);
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
    default:
        return false;
    }
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
        return withDetail(tr("Could not reach Exchange Online."));
    case Category::Timeout:
        return tr("Exchange Online did not answer in time.");
    case Category::Unauthorized:
        return withDetail(tr("The sign-in is no longer accepted; sign in again."));
    case Category::Forbidden:
        return withDetail(tr("Permission denied: the signed-in account lacks the Exchange role needed for this."));
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
