// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "exchange/nextlinkscanner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <cstring>

namespace smtpauth {

namespace {

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Index of the closing quote of the string that opens at `open`, or -1 when it never closes.
// Strings are most of a page's bytes, so they are skipped with memchr: a quote closes the string
// unless an odd number of backslashes precedes it.
qsizetype endOfString(const char *data, qsizetype size, qsizetype open)
{
    qsizetype from = open + 1;
    while (from < size) {
        const void *quote = std::memchr(data + from, '"', size_t(size - from));
        if (!quote)
            return -1;
        const qsizetype at = static_cast<const char *>(quote) - data;
        qsizetype backslashes = 0;
        while (at - backslashes - 1 > open && data[at - backslashes - 1] == '\\')
            ++backslashes;
        if (backslashes % 2 == 0)
            return at;
        from = at + 1;
    }
    return -1;
}

// The text of a string token (quotes included). Escapes are rare in keys and links, and decoding them
// exactly like the real parser does is what keeps the two answers equal.
std::optional<QString> decodeString(QByteArrayView token)
{
    if (!token.contains('\\'))
        return QString::fromUtf8(token.sliced(1, token.size() - 2));
    QJsonParseError error;
    const QJsonDocument wrapped = QJsonDocument::fromJson("[" + token.toByteArray() + "]", &error);
    if (error.error != QJsonParseError::NoError || !wrapped.array().at(0).isString())
        return std::nullopt;
    return wrapped.array().at(0).toString();
}

} // namespace

std::optional<QString> NextLinkScanner::findTopLevel(const QByteArray &json)
{
    static const QByteArrayView kKey = "\"@odata.nextLink\"";
    const char *data = json.constData();
    const qsizetype size = json.size();

    qsizetype at = 0;
    while (at < size && isJsonSpace(data[at]))
        ++at;
    if (at >= size || data[at] != '{')
        return std::nullopt;

    std::optional<QString> found;
    int depth = 0;
    bool expectKey = false; // at depth 1, the next string is a member name
    bool lastKeyIsNextLink = false;
    bool valueIsNextLink = false; // at depth 1, the value being read belongs to "@odata.nextLink"
    for (; at < size; ++at) {
        const char c = data[at];
        switch (c) {
        case '"': {
            const qsizetype close = endOfString(data, size, at);
            if (close < 0)
                return std::nullopt;
            const QByteArrayView token(data + at, close - at + 1);
            if (depth == 1 && expectKey) {
                lastKeyIsNextLink =
                    token == kKey ||
                    (token.contains('\\') && decodeString(token) == QStringLiteral("@odata.nextLink"));
                expectKey = false;
            } else if (depth == 1 && valueIsNextLink) {
                found = decodeString(token);
                valueIsNextLink = false;
            }
            at = close;
            break;
        }
        case ':':
            if (depth == 1)
                valueIsNextLink = lastKeyIsNextLink;
            break;
        case ',':
            if (depth == 1) {
                expectKey = true;
                valueIsNextLink = false;
            }
            break;
        case '{':
        case '[':
            if (depth == 1 && valueIsNextLink) {
                found.reset(); // an object or list where a URL belongs
                valueIsNextLink = false;
            }
            ++depth;
            if (depth == 1)
                expectKey = true;
            break;
        case '}':
        case ']':
            --depth;
            if (depth == 0)
                return found;
            if (depth < 0)
                return std::nullopt;
            break;
        default:
            if (depth == 1 && valueIsNextLink && !isJsonSpace(c)) {
                found.reset(); // null, a number or a literal: no usable link
                valueIsNextLink = false;
            }
            break;
        }
    }
    return std::nullopt; // the object never closed: not JSON
}

} // namespace smtpauth
