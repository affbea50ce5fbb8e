// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/csvtextdecoder.h"

#include <QStringDecoder>

namespace smtpauth {

namespace {

enum class Utf16Order
{
    None,
    Little,
    Big
};

// Without a BOM, UTF-16 text of mostly ASCII has a NUL in every other byte: on odd offsets for little
// endian, even for big endian. A real UTF-8 file has no NUL at all.
Utf16Order guessUtf16(const QByteArray &bytes)
{
    const qsizetype sample = std::min<qsizetype>(bytes.size() & ~qsizetype(1), 512);
    if (sample < 4)
        return Utf16Order::None;
    int evenNul = 0;
    int oddNul = 0;
    for (qsizetype i = 0; i < sample; ++i) {
        if (bytes[i] == '\0')
            (i % 2 == 0 ? evenNul : oddNul)++;
    }
    const int pairs = int(sample / 2);
    if (oddNul * 10 >= pairs * 6 && evenNul * 10 < pairs)
        return Utf16Order::Little;
    if (evenNul * 10 >= pairs * 6 && oddNul * 10 < pairs)
        return Utf16Order::Big;
    return Utf16Order::None;
}

// Windows-1252 ("ANSI" for the Western languages) where it differs from ISO 8859-1: 0x80-0x9F are
// letters and punctuation there, not C1 controls. The five bytes Windows leaves undefined stay as they are.
constexpr char16_t kWindows1252High[32] = {0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                           0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
                                           0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                           0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

QString fromWindows1252(QByteArrayView bytes)
{
    QString text = QString::fromLatin1(bytes);
    for (QChar &c : text) {
        if (c.unicode() >= 0x80 && c.unicode() <= 0x9F)
            c = QChar(kWindows1252High[c.unicode() - 0x80]);
    }
    return text;
}

constexpr int kMaxListedLatin1Lines = 20;

// UTF-8 line by line; a line that does not decode is read as Windows Latin-1 (what Windows calls ANSI for
// the Western languages) and named, so a name with an accent is shown, not lost.
void decodeUtf8Lines(QByteArrayView bytes, CsvTextDecoder::Decoded &out)
{
    out.text.reserve(bytes.size());
    qsizetype start = 0;
    int line = 1;
    bool anyLatin1 = false;
    int unlistedLatin1Lines = 0;
    while (start < bytes.size()) {
        // A line ends at LF, CRLF or a lone CR (old Mac exports), as CsvReader counts lines.
        qsizetype end = start;
        while (end < bytes.size() && bytes[end] != '\n' && bytes[end] != '\r')
            ++end;
        if (end < bytes.size())
            end += bytes[end] == '\r' && end + 1 < bytes.size() && bytes[end + 1] == '\n' ? 2 : 1;
        const QByteArrayView chunk = bytes.sliced(start, end - start);
        QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        QString decoded = utf8(chunk);
        if (utf8.hasError()) {
            decoded = fromWindows1252(chunk);
            anyLatin1 = true;
            if (out.warnings.size() < kMaxListedLatin1Lines) {
                out.warnings.append(
                    QStringLiteral("line %1 is not valid UTF-8; it was read as Latin-1").arg(line));
            } else {
                ++unlistedLatin1Lines;
            }
        }
        out.text += decoded;
        start = end;
        ++line;
    }
    if (unlistedLatin1Lines > 0) {
        out.warnings.append(QStringLiteral("%1 more lines are not valid UTF-8; they were read as Latin-1 too")
                                .arg(unlistedLatin1Lines));
    }
    out.encoding = anyLatin1 ? QStringLiteral("UTF-8 (some lines read as Latin-1)") : QStringLiteral("UTF-8");
}

} // namespace

CsvTextDecoder::Decoded CsvTextDecoder::decode(const QByteArray &bytes)
{
    Decoded out;
    QByteArrayView body(bytes);
    Utf16Order order = Utf16Order::None;
    if (body.startsWith("\xFF\xFE")) {
        order = Utf16Order::Little;
        body = body.sliced(2);
    } else if (body.startsWith("\xFE\xFF")) {
        order = Utf16Order::Big;
        body = body.sliced(2);
    } else if (body.startsWith("\xEF\xBB\xBF")) {
        body = body.sliced(3);
    } else {
        order = guessUtf16(bytes);
    }
    if (order == Utf16Order::None) {
        decodeUtf8Lines(body, out);
    } else {
        QStringDecoder utf16(order == Utf16Order::Little ? QStringDecoder::Utf16LE : QStringDecoder::Utf16BE,
                             QStringDecoder::Flag::Stateless);
        out.text = utf16(body);
        out.encoding = order == Utf16Order::Little ? QStringLiteral("UTF-16LE") : QStringLiteral("UTF-16BE");
        if (utf16.hasError())
            out.warnings.append(
                QStringLiteral("the file is not valid UTF-16 throughout; broken characters were replaced"));
        if (body.size() % 2 != 0)
            out.warnings.append(QStringLiteral("the UTF-16 file ends in the middle of a character"));
    }
    const qsizetype lineEnd = out.text.indexOf(QLatin1Char('\n'));
    out.separator = separatorOf(QStringView(out.text).left(lineEnd < 0 ? out.text.size() : lineEnd));
    return out;
}

QChar CsvTextDecoder::separatorOf(QStringView headerLine)
{
    int commas = 0;
    int semicolons = 0;
    bool quoted = false;
    for (const QChar c : headerLine) {
        if (c == QLatin1Char('"'))
            quoted = !quoted;
        else if (!quoted && c == QLatin1Char(','))
            ++commas;
        else if (!quoted && c == QLatin1Char(';'))
            ++semicolons;
    }
    return semicolons > commas ? QLatin1Char(';') : QLatin1Char(',');
}

QString CsvTextDecoder::normalizedHeader(QStringView header)
{
    return header.trimmed().toString().simplified().toCaseFolded();
}

} // namespace smtpauth
