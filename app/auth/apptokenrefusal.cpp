// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "auth/apptokenrefusal.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

namespace smtpauth {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("smtpauth::AppTokenRefusal", text);
}

// The first line of an Entra description, without the trace and correlation ids.
QString firstLine(QString description)
{
    description.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    description = description.section(QLatin1Char('\n'), 0, 0);
    if (const qsizetype trace = description.indexOf(QLatin1String(" Trace ID:")); trace >= 0)
        description.truncate(trace);
    description = description.trimmed();
    constexpr qsizetype MaxLength = 400; // a hostile server must not flood the terminal
    if (description.size() > MaxLength)
        description = description.left(MaxLength) + QChar(0x2026);
    return description;
}

bool hasCode(const QJsonObject &answer, const QString &description, int code)
{
    for (const QJsonValue &value : answer.value(QLatin1String("error_codes")).toArray()) {
        if (value.toInt() == code)
            return true;
    }
    return description.startsWith(QStringLiteral("AADSTS%1:").arg(code));
}

} // namespace

QDateTime AppTokenRefusal::serverTime(const QByteArray &dateHeader)
{
    const QString text = QString::fromLatin1(dateHeader).trimmed();
    if (text.isEmpty())
        return {};
    // "Sun, 06 Nov 1994 08:49:37 GMT" (the only form servers send today).
    QDateTime time = QLocale::c().toDateTime(text, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!time.isValid())
        return {};
    time.setTimeSpec(Qt::UTC);
    return time;
}

QString AppTokenRefusal::explain(const SignInError &error, const QByteArray &body,
                                 const QByteArray &dateHeader, const QDateTime &now)
{
    const QJsonObject answer = QJsonDocument::fromJson(body).object();
    const QString description = answer.value(QLatin1String("error_description")).toString();
    const QString reason = description.isEmpty() ? error.message() : firstLine(description);

    const QDateTime server = serverTime(dateHeader);
    const qint64 skew = server.isValid() ? server.secsTo(now.toUTC()) : 0;
    if (qAbs(skew) > kAllowedClockSkewSeconds) {
        return tr("This computer's clock is %1 minutes %2 the identity platform's, and a client assertion is "
                  "only accepted within 5 minutes of its time. Set the clock right (NTP) and try again. "
                  "The identity platform said: %3")
            .arg(qAbs(skew) / 60)
            .arg(skew > 0 ? tr("ahead of") : tr("behind"), reason);
    }
    // AADSTS700024: "Client assertion is not within its valid time range" (nbf/exp against its clock).
    if (hasCode(answer, description, 700024) || description.contains(QLatin1String("valid time range")))
        return tr("The identity platform refused the assertion's time (nbf/exp): this computer's clock is "
                  "probably more than 5 minutes off. Set the clock right (NTP) and try again. %1")
            .arg(reason);
    if (error.kind() == SignInError::Kind::Network || error.kind() == SignInError::Kind::InvalidResponse)
        return error.message();
    return tr("The identity platform refused the application's sign-in: %1").arg(reason);
}

} // namespace smtpauth
