// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "exchange/invokecommandresponse.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace smtpauth {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("smtpauth::InvokeCommandResponse", text);
}

CmdletResult protocolFailure(int httpStatus, const QString &message)
{
    CmdletResult result;
    result.httpStatus = httpStatus;
    result.error = ExchangeError(ExchangeError::Category::Protocol, message, httpStatus);
    return result;
}

QStringList warningsOf(const QJsonObject &envelope)
{
    QStringList warnings;
    const QJsonArray array = envelope.value(QLatin1String("@adminapi.warnings")).toArray();
    for (const QJsonValue &warning : array) {
        if (warning.isString())
            warnings.append(warning.toString());
    }
    return warnings;
}

} // namespace

bool InvokeCommandResponse::isTruncationWarning(const QString &warning)
{
    return warning.contains(QLatin1String("There are more results available than are currently displayed"),
                            Qt::CaseInsensitive);
}

bool InvokeCommandResponse::isNoChangeWarning(const QString &warning)
{
    static const QRegularExpression noChange(QStringLiteral("no settings of '.*' have been modified"),
                                             QRegularExpression::CaseInsensitiveOption |
                                                 QRegularExpression::DotMatchesEverythingOption);
    return noChange.match(warning).hasMatch();
}

QJsonObject InvokeCommandResponse::withoutAnnotations(const QJsonObject &object)
{
    QJsonObject clean = object;
    for (auto it = clean.begin(); it != clean.end();) {
        if (it.key().contains(QLatin1Char('@')))
            it = clean.erase(it);
        else
            ++it;
    }
    return clean;
}

CmdletResult InvokeCommandResponse::parse(int httpStatus, const QByteArray &body,
                                          const QByteArray &diagnosticsHeader, Annotations annotations)
{
    const bool success = httpStatus >= 200 && httpStatus <= 299;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    const bool isJsonObject = parseError.error == QJsonParseError::NoError && document.isObject();

    if (!success) {
        CmdletResult result;
        result.httpStatus = httpStatus;
        result.error = ExchangeError::fromHttpResponse(httpStatus, body, diagnosticsHeader);
        if (isJsonObject)
            result.warnings = warningsOf(document.object());
        return result;
    }
    if (httpStatus == 204 && body.trimmed().isEmpty()) {
        CmdletResult result;
        result.httpStatus = httpStatus;
        return result;
    }
    if (!isJsonObject) {
        // An HTML page or malformed JSON with a success status: named precisely, and never "applied".
        CmdletResult result;
        result.httpStatus = httpStatus;
        result.error = ExchangeError::fromUnreadableAnswer(httpStatus, body);
        return result;
    }
    return parseSuccessObject(httpStatus, document.object(), annotations);
}

CmdletResult InvokeCommandResponse::parseValue(int httpStatus, const QJsonValue &body,
                                               const QByteArray &diagnosticsHeader)
{
    if (body.isObject()) {
        const QJsonObject envelope = body.toObject();
        if (httpStatus >= 200 && httpStatus <= 299)
            return parseSuccessObject(httpStatus, envelope);
        return parse(httpStatus, QJsonDocument(envelope).toJson(QJsonDocument::Compact), diagnosticsHeader);
    }
    if (body.isString())
        return parse(httpStatus, body.toString().toUtf8(), diagnosticsHeader);
    return parse(httpStatus, QByteArray(), diagnosticsHeader);
}

CmdletResult InvokeCommandResponse::parseSuccessObject(int httpStatus, const QJsonObject &envelope,
                                                       Annotations annotations)
{
    CmdletResult result;
    result.httpStatus = httpStatus;

    const QJsonObject errorObject = envelope.value(QLatin1String("error")).toObject();
    if (!errorObject.isEmpty()) {
        const QString message = ExchangeError::messageFromErrorObject(errorObject);
        result = protocolFailure(httpStatus, message.isEmpty()
                                                 ? tr("The server reported an error with a success status.")
                                                 : message);
        result.warnings = warningsOf(envelope);
        return result;
    }

    const auto value = envelope.constFind(QLatin1String("value"));
    if (value == envelope.constEnd()) {
        // A Set may answer with just the envelope; anything without one is not an InvokeCommand answer.
        if (!envelope.contains(QLatin1String("@odata.context")) &&
            !envelope.contains(QLatin1String("@adminapi.warnings")))
            return protocolFailure(httpStatus, tr("The answer has no 'value' list."));
    } else if (!value->isArray()) {
        return protocolFailure(httpStatus, tr("The answer's 'value' is not a list."));
    } else {
        const QJsonArray array = value->toArray();
        result.objects.reserve(array.size());
        for (const QJsonValue &item : array) {
            if (!item.isObject())
                return protocolFailure(httpStatus,
                                       tr("The answer's 'value' holds something that is not an object."));
            result.objects.append(annotations == Annotations::Strip ? withoutAnnotations(item.toObject())
                                                                    : item.toObject());
        }
    }

    const auto nextLink = envelope.constFind(QLatin1String("@odata.nextLink"));
    if (nextLink != envelope.constEnd() && !nextLink->isNull()) {
        if (!nextLink->isString())
            return protocolFailure(httpStatus, tr("The answer's '@odata.nextLink' is not a URL."));
        result.nextLink = nextLink->toString();
    }

    result.warnings = warningsOf(envelope);
    for (const QString &warning : std::as_const(result.warnings)) {
        result.truncated = result.truncated || isTruncationWarning(warning);
        result.noChange = result.noChange || isNoChangeWarning(warning);
    }
    return result;
}

} // namespace smtpauth
