// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace smtpauth {

// CSV as Microsoft's report downloads write it: UTF-8, CRLF line ends, a field quoted only when it
// has to be (a separator, a quote, a line break, or spaces at either end), quotes doubled inside.
class EmulatorCsv
{
public:
    static constexpr char kBom[] = "\xEF\xBB\xBF";

    static void appendField(QByteArray &out, const QString &field)
    {
        const QByteArray utf8 = field.toUtf8();
        const bool quote = utf8.contains(',') || utf8.contains('"') || utf8.contains('\r') ||
                           utf8.contains('\n') ||
                           (!utf8.isEmpty() && (utf8.front() == ' ' || utf8.back() == ' '));
        if (!quote) {
            out += utf8;
            return;
        }
        out += '"';
        for (const char c : utf8) {
            if (c == '"')
                out += '"';
            out += c;
        }
        out += '"';
    }

    static void appendRow(QByteArray &out, const QStringList &fields)
    {
        for (qsizetype i = 0; i < fields.size(); ++i) {
            if (i > 0)
                out += ',';
            appendField(out, fields.at(i));
        }
        out += "\r\n";
    }
};

} // namespace smtpauth
