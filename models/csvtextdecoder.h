// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QByteArray>
#include <QChar>
#include <QString>
#include <QStringList>

namespace smtpauth {

// Turns the bytes of a CSV file that came from somewhere else (a Microsoft report download, the Exchange
// admin center's export, a spreadsheet that re-saved it) into text and finds its separator.
//
// Encodings: UTF-8 with or without BOM; UTF-16 LE/BE with BOM, or without BOM when the NUL bytes say so
// (Excel's "Unicode text"). Bytes that are not UTF-8 are read as Windows Latin-1 and said so per line,
// never dropped. Separator: ',' or ';' (a spreadsheet with a European locale), whichever the header line
// has more of outside quotes.
class CsvTextDecoder
{
public:
    struct Decoded
    {
        QString text; // without the BOM
        QChar separator = QLatin1Char(',');
        QString encoding;     // "UTF-8", "UTF-16LE", "UTF-16BE"; with " (not valid UTF-8 on some lines)"
        QStringList warnings; // for people: "line 7 is not valid UTF-8; read as Latin-1"
    };
    static Decoded decode(const QByteArray &bytes);
    static QChar separatorOf(QStringView headerLine);
    // A header as it is compared: trimmed, case-folded, inner runs of spaces as one.
    static QString normalizedHeader(QStringView header);
};

} // namespace smtpauth
