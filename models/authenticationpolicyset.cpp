// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/authenticationpolicyset.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QRegularExpression>

namespace smtpauth {

namespace {

QString stringOf(const QJsonObject &object, QLatin1String key)
{
    const QJsonValue value = object.value(key);
    return value.isString() ? value.toString().trimmed() : QString();
}

// The raw text of a value that was not what the rules expect, for a detail ("'yes'", "1", "null").
QString describeValue(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Undefined:
        return QStringLiteral("missing");
    case QJsonValue::String:
        return QLatin1Char('\'') + value.toString() + QLatin1Char('\'');
    case QJsonValue::Double:
        return QString::number(value.toDouble());
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        break;
    }
    return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
}

// Exchange's REST answers carry dates as ISO 8601 ("2026-03-02T10:15:00Z", with or without fractions
// or an offset) or, from older serialisers, as "/Date(1767225600000)/". Anything else: not known.
QDateTime parseExchangeDate(const QJsonValue &value)
{
    if (!value.isString())
        return {};
    const QString text = value.toString().trimmed();
    static const QRegularExpression msDate(QStringLiteral("^/Date\\((-?\\d+)([+-]\\d{4})?\\)/$"));
    if (const QRegularExpressionMatch match = msDate.match(text); match.hasMatch())
        return QDateTime::fromMSecsSinceEpoch(match.captured(1).toLongLong(), Qt::UTC);
    QDateTime parsed = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!parsed.isValid())
        parsed = QDateTime::fromString(text, Qt::ISODate);
    if (!parsed.isValid())
        return {};
    // WhenChanged without an offset is the server's local time; it is only shown as "changed on", so
    // reading it as UTC is the lesser evil next to dropping it.
    if (parsed.timeSpec() == Qt::LocalTime)
        parsed.setTimeSpec(Qt::UTC);
    return parsed.toUTC();
}

bool sameText(QStringView a, QStringView b)
{
    return !a.isEmpty() && a.compare(b, Qt::CaseInsensitive) == 0;
}

} // namespace

QString AuthenticationPolicy::label() const
{
    if (!name.isEmpty())
        return name;
    if (!identity.isEmpty())
        return identity;
    const QString cn = AuthenticationPolicySet::firstCommonName(distinguishedName);
    if (!cn.isEmpty())
        return cn;
    return guid.isNull() ? QString() : guid.toString(QUuid::WithoutBraces);
}

AuthenticationPolicySet AuthenticationPolicySet::fromExchangeObjects(const QList<QJsonObject> &objects)
{
    AuthenticationPolicySet set;
    for (const QJsonObject &object : objects) {
        AuthenticationPolicy policy;
        policy.name = stringOf(object, QLatin1String("Name"));
        policy.identity = stringOf(object, QLatin1String("Identity"));
        policy.distinguishedName = stringOf(object, QLatin1String("DistinguishedName"));
        policy.guid = QUuid::fromString(stringOf(object, QLatin1String("Guid")));
        if (sameText(policy.identity, u"LegacyExchangeTokens") ||
            sameText(policy.name, u"LegacyExchangeTokens"))
            continue;
        const QJsonValue smtp = object.value(QLatin1String("AllowBasicAuthSmtp"));
        if (smtp.isBool())
            policy.allowBasicAuthSmtp = smtp.toBool();
        else
            policy.allowBasicAuthSmtpText = describeValue(smtp);
        policy.whenChangedUtc = parseExchangeDate(object.value(QLatin1String("WhenChangedUTC")));
        if (!policy.whenChangedUtc.isValid())
            policy.whenChangedUtc = parseExchangeDate(object.value(QLatin1String("WhenChanged")));
        set.m_policies.append(policy);
    }
    return set;
}

QString AuthenticationPolicySet::firstCommonName(QStringView distinguishedName)
{
    const QStringView text = distinguishedName.trimmed();
    if (!text.startsWith(u"CN=", Qt::CaseInsensitive))
        return {};
    QString value;
    for (qsizetype i = 3; i < text.size(); ++i) {
        const QChar ch = text.at(i);
        if (ch == QLatin1Char('\\') && i + 1 < text.size()) { // RFC 4514 escape: "\," is a comma in the name
            value += text.at(++i);
            continue;
        }
        if (ch == QLatin1Char(','))
            break;
        value += ch;
    }
    return value.trimmed();
}

int AuthenticationPolicySet::resolve(QStringView reference) const
{
    const QStringView wanted = reference.trimmed();
    if (wanted.isEmpty())
        return -1;
    const QUuid asGuid = QUuid::fromString(wanted);
    for (int i = 0; i < size(); ++i) {
        const AuthenticationPolicy &policy = m_policies.at(i);
        if (sameText(policy.name, wanted) || sameText(policy.identity, wanted) ||
            sameText(policy.distinguishedName, wanted) || (!asGuid.isNull() && policy.guid == asGuid))
            return i;
    }
    const QString cn = firstCommonName(wanted);
    if (cn.isEmpty())
        return -1;
    for (int i = 0; i < size(); ++i) {
        const AuthenticationPolicy &policy = m_policies.at(i);
        if (sameText(policy.name, cn) || sameText(policy.identity, cn))
            return i;
    }
    return -1;
}

} // namespace smtpauth
