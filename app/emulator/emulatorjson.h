// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QByteArray>
#include <QStringView>

namespace smtpauth {

// Hand-written JSON output for the hot path: a 1000-row page is built straight into one QByteArray
// instead of going through QJsonObject/QJsonDocument per row.
class EmulatorJson
{
public:
    static void appendString(QByteArray &out, QStringView text);
    static void appendString(QByteArray &out, const QByteArray &utf8);
    static void appendKey(QByteArray &out, const char *key) // key is a trusted ASCII literal
    {
        out += '"';
        out += key;
        out += "\":";
    }
    static QByteArray quoted(QStringView text)
    {
        QByteArray out;
        appendString(out, text);
        return out;
    }
};

} // namespace smtpauth
