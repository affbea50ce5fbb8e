// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QJsonValue>
#include <QString>

namespace smtpauth {

// One property of an InvokeCommand object as it was on the wire: absent, null, a boolean, a string, or
// anything else (kept as parsed). The fast one-pass page readers and the full QJsonDocument parse both
// fill it, so one mapping decides what a property means whichever reader saw it.
struct WireValue
{
    enum class Kind
    {
        Absent,
        Null,
        Bool,
        String,
        Other
    };
    Kind kind = Kind::Absent;
    bool boolean = false;
    QString string;   // when String
    QJsonValue other; // when Other (a number, object or array), as parsed

    static WireValue fromJson(const QJsonValue &value);
    // What QJsonValue::toString() gives: the text of a string, else an empty string.
    QString text() const { return kind == Kind::String ? string : QString(); }
    QJsonValue toJson() const;
};

} // namespace smtpauth
