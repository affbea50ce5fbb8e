// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "emulator/emulatorfault.h"

#include "emulator/emulatorhttpanswer.h"

#include <QJsonValue>
#include <QRegularExpression>

namespace smtpauth {

namespace {

struct BodyName
{
    EmulatorFault::Body body;
    const char *name;
};

constexpr BodyName kBodyNames[] = {
    {EmulatorFault::Body::Normal, "normal"}, {EmulatorFault::Body::MalformedJson, "malformed-json"},
    {EmulatorFault::Body::Html, "html"},     {EmulatorFault::Body::Empty, "empty"},
    {EmulatorFault::Body::NulBytes, "nul"},  {EmulatorFault::Body::Huge, "huge"},
};

// Sizes a script may ask for: enough for "tens of MB", not enough to take the test machine down.
constexpr qint64 kMaxBodyBytes = 512LL * 1024 * 1024;

void replaceHeader(EmulatorHttpAnswer *answer, const QByteArray &name, const QByteArray &value)
{
    for (auto it = answer->headers.begin(); it != answer->headers.end();) {
        if (it->first.compare(name, Qt::CaseInsensitive) == 0)
            it = answer->headers.erase(it);
        else
            ++it;
    }
    answer->addHeader(name, value);
}

QByteArray htmlPage(int status)
{
    // What a gateway or proxy in front of the service sends, status and all.
    const QByteArray code = QByteArray::number(status);
    return "<!DOCTYPE html>\r\n<html><head><title>Service Error</title></head>\r\n<body><h1>Service "
           "Error</h1>"
           "<p>The service encountered an error while processing your request (" +
           code +
           ").</p>"
           "<p>Please try again later.</p></body></html>\r\n";
}

// The OData stream broke off mid-answer and the server appended its error object to what it had
// already written: complete as far as HTTP goes, but no longer JSON (the opening object never closes).
QByteArray brokenStream(const QByteArray &answer)
{
    QByteArray prefix = answer.left(answer.size() / 2);
    if (prefix.isEmpty())
        prefix = "{\"value\":[";
    return prefix + "{\"error\":{\"code\":\"InternalServerError\",\"message\":\"An error occurred while "
                    "writing the response stream.\"}}";
}

// The real answer with one extra annotation whose value pads the body to `total` bytes. Still valid
// JSON, and a client that ignores '@' keys (exchange-protocol.md §3) would read the same objects.
QByteArray padded(const QByteArray &answer, qint64 total)
{
    QByteArray object = answer.trimmed();
    if (!object.startsWith('{') || !object.endsWith('}'))
        object = "{\"value\":[]}";
    const QByteArray key = "\"@emulator.padding\":\"";
    const QByteArray separator = object.size() > 2 ? "," : "";
    const qint64 fixed = object.size() + separator.size() + key.size() + 1; // + closing quote
    const qint64 padding = qMax<qint64>(0, total - fixed);
    QByteArray body;
    body.reserve(fixed + padding);
    body.append(object.left(object.size() - 1));
    body.append(separator);
    body.append(key);
    body.append(QByteArray(padding, 'x'));
    body.append("\"}");
    return body;
}

} // namespace

bool EmulatorFault::bodyFromName(const QString &name, Body *body)
{
    for (const BodyName &entry : kBodyNames) {
        if (name == QLatin1String(entry.name)) {
            *body = entry.body;
            return true;
        }
    }
    return false;
}

QString EmulatorFault::bodyName(Body body)
{
    for (const BodyName &entry : kBodyNames) {
        if (entry.body == body)
            return QLatin1String(entry.name);
    }
    return QString();
}

bool EmulatorFault::fromJson(const QJsonObject &step, EmulatorFault *fault, QString *error)
{
    const auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    EmulatorFault parsed;
    parsed.status = step.value(QStringLiteral("status")).toInt(200);
    if (parsed.status < 100 || parsed.status > 599)
        return fail(QStringLiteral("status must be an HTTP status (100..599)"));
    parsed.retryAfterSeconds = step.value(QStringLiteral("retryAfter")).toInt(-1);
    parsed.drop = step.value(QStringLiteral("drop")).toBool();
    parsed.truncateBody = step.value(QStringLiteral("truncateBody")).toBool();
    const QJsonValue body = step.value(QStringLiteral("body"));
    if (!body.isUndefined() && !body.isNull() && !bodyFromName(body.toString(), &parsed.body))
        return fail(QStringLiteral("body must be one of normal, malformed-json, html, empty, nul, huge"));
    const double bytes = step.value(QStringLiteral("bodyBytes")).toDouble(0);
    if (bytes < 0 || bytes > double(kMaxBodyBytes))
        return fail(QStringLiteral("bodyBytes must be between 0 and %1").arg(kMaxBodyBytes));
    parsed.bodyBytes = qint64(bytes);
    parsed.delayMs = step.value(QStringLiteral("delayMs")).toInt(0);
    if (parsed.delayMs < 0 || parsed.delayMs > 15 * 60 * 1000)
        return fail(QStringLiteral("delayMs must be between 0 and 900000 (the service's own 15 minutes)"));
    const QJsonValue hold = step.value(QStringLiteral("hold"));
    if (!hold.isUndefined() && !hold.isBool())
        return fail(QStringLiteral("hold must be true or false"));
    parsed.hold = hold.toBool();
    const QJsonValue target = step.value(QStringLiteral("target"));
    if (!target.isUndefined() && !target.isNull()) {
        static const QRegularExpression cmdlet(QStringLiteral("^[A-Za-z]+-[A-Za-z0-9]+$"));
        parsed.target = target.toString().trimmed();
        const bool valid =
            target.isString() && (parsed.targetsGraph() ||
                                  (parsed.target.startsWith(QLatin1Char('/')) && parsed.target.size() > 1) ||
                                  cmdlet.match(parsed.target).hasMatch());
        if (!valid)
            return fail(
                QStringLiteral("target must be \"graph\", a path prefix starting with '/', or a cmdlet name "
                               "such as Get-User"));
    }
    *fault = parsed;
    return true;
}

bool EmulatorFault::matches(bool graph, QStringView path, const QStringList &cmdlets) const
{
    if (target.isEmpty())
        return !graph;
    if (targetsGraph())
        return graph;
    if (target.startsWith(QLatin1Char('/')))
        return path.startsWith(target, Qt::CaseInsensitive);
    return !graph && cmdlets.contains(target, Qt::CaseInsensitive);
}

void EmulatorFault::spoil(EmulatorHttpAnswer *answer) const
{
    switch (body) {
    case Body::Normal:
        return;
    case Body::MalformedJson:
        answer->body = brokenStream(answer->body);
        replaceHeader(answer, "Content-Type",
                      "application/json;odata.metadata=minimal;odata.streaming=true;charset=utf-8");
        return;
    case Body::Html:
        answer->body = htmlPage(answer->status);
        replaceHeader(answer, "Content-Type", "text/html; charset=utf-8");
        return;
    case Body::Empty:
        answer->body.clear();
        return;
    case Body::NulBytes:
        answer->body = QByteArray(bodyBytes > 0 ? bodyBytes : kDefaultNulBytes, '\0');
        return;
    case Body::Huge:
        answer->body = padded(answer->body, bodyBytes > 0 ? bodyBytes : kDefaultHugeBytes);
        replaceHeader(answer, "Content-Type",
                      "application/json;odata.metadata=minimal;odata.streaming=true;charset=utf-8");
        return;
    }
}

} // namespace smtpauth
