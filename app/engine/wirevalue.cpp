// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "engine/wirevalue.h"

namespace smtpauth {

WireValue WireValue::fromJson(const QJsonValue &value)
{
    WireValue out;
    switch (value.type()) {
    case QJsonValue::Undefined:
        break;
    case QJsonValue::Null:
        out.kind = Kind::Null;
        break;
    case QJsonValue::Bool:
        out.kind = Kind::Bool;
        out.boolean = value.toBool();
        break;
    case QJsonValue::String:
        out.kind = Kind::String;
        out.string = value.toString();
        break;
    default:
        out.kind = Kind::Other;
        out.other = value;
        break;
    }
    return out;
}

QJsonValue WireValue::toJson() const
{
    switch (kind) {
    case Kind::Absent:
        return QJsonValue(QJsonValue::Undefined);
    case Kind::Null:
        return QJsonValue();
    case Kind::Bool:
        return QJsonValue(boolean);
    case Kind::String:
        return QJsonValue(string);
    case Kind::Other:
        return other;
    }
    return QJsonValue(QJsonValue::Undefined);
}

} // namespace smtpauth
