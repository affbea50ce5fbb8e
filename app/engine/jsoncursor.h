// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace smtpauth {

// A strict one-pass JSON scanner over a page's UTF-8 bytes: the shared part of the fast page readers
// (PlainPageReader for InvokeCommand pages, SignInPageReader for Graph's sign-in pages). Every method
// answers false for anything that is not plain, valid JSON (invalid UTF-8, a lone surrogate, a
// noncharacter, an exponent or a very long number, nesting deeper than kMaxDepth): the fast readers
// then leave the page to the full QJsonDocument parse, which decides. It is an optimisation only,
// never a second authority.
//
// Inline on purpose: it runs once per byte of a 100k-mailbox list or a million sign-ins.
class JsonCursor
{
public:
    // Deeper than any property the console reads; a page nested further is left to the full parser.
    static constexpr int kMaxDepth = 32;
    // Longer numbers (and any exponent) are left to the full parser, whose range rules then apply.
    static constexpr qsizetype kMaxNumberLength = 15;

    explicit JsonCursor(QByteArrayView bytes) : m_at(bytes.data()), m_end(bytes.data() + bytes.size()) {}

    bool atEnd()
    {
        skipWhitespace();
        return m_at == m_end;
    }
    // The next significant byte, or 0 at the end.
    char peek()
    {
        skipWhitespace();
        return m_at < m_end ? *m_at : '\0';
    }
    bool consume(char expected)
    {
        if (peek() != expected)
            return false;
        ++m_at;
        return true;
    }

    // An object, member by member: `member(key)` is called with the cursor after the member's colon, must
    // read (or skip) the value, and answers false to refuse the page. `key` views the body or `scratch`,
    // so it is only valid until the value's first readString.
    template <typename MemberReader> bool forEachMember(QByteArray &scratch, MemberReader &&member)
    {
        if (!consume('{'))
            return false;
        if (consume('}'))
            return true;
        do {
            QByteArrayView key;
            if (!readString(scratch, &key) || !consume(':') || !member(key))
                return false;
        } while (consume(','));
        return consume('}');
    }

    // An array, element by element: `element()` reads one value and answers false to refuse the page.
    template <typename ElementReader> bool forEachElement(ElementReader &&element)
    {
        if (!consume('['))
            return false;
        if (consume(']'))
            return true;
        do {
            if (!element())
                return false;
        } while (consume(','));
        return consume(']');
    }

    // A string's decoded UTF-8 bytes: a view into the body when it has no escapes, else into `scratch`
    // (valid until the next call). False for anything that is not a plain, valid JSON string.
    bool readString(QByteArray &scratch, QByteArrayView *out)
    {
        if (!consume('"'))
            return false;
        const char *start = m_at;
        while (m_at < m_end) {
            const uchar c = uchar(*m_at);
            if (c == '"') {
                *out = QByteArrayView(start, m_at - start);
                ++m_at;
                return true;
            }
            if (c == '\\')
                break;
            if (c < 0x20)
                return false;
            if (c < 0x80)
                ++m_at;
            else if (!skipUtf8Sequence())
                return false;
        }
        if (m_at == m_end)
            return false;
        scratch.clear();
        scratch.append(start, m_at - start);
        while (m_at < m_end) {
            const uchar c = uchar(*m_at);
            if (c == '"') {
                ++m_at;
                *out = scratch;
                return true;
            }
            if (c < 0x20)
                return false;
            if (c == '\\') {
                if (!appendEscape(scratch))
                    return false;
            } else if (c < 0x80) {
                scratch.append(char(c));
                ++m_at;
            } else {
                const char *sequence = m_at;
                if (!skipUtf8Sequence())
                    return false;
                scratch.append(sequence, m_at - sequence);
            }
        }
        return false;
    }

    // Checks and passes over any JSON value.
    bool skipValue(QByteArray &scratch, int depth)
    {
        switch (peek()) {
        case '"': {
            QByteArrayView ignored;
            return readString(scratch, &ignored);
        }
        case '{':
            if (depth >= kMaxDepth)
                return false;
            ++m_at;
            if (consume('}'))
                return true;
            do {
                QByteArrayView key;
                if (!readString(scratch, &key) || !consume(':') || !skipValue(scratch, depth + 1))
                    return false;
            } while (consume(','));
            return consume('}');
        case '[':
            if (depth >= kMaxDepth)
                return false;
            ++m_at;
            if (consume(']'))
                return true;
            do {
                if (!skipValue(scratch, depth + 1))
                    return false;
            } while (consume(','));
            return consume(']');
        case 't':
            return literal("true");
        case 'f':
            return literal("false");
        case 'n':
            return literal("null");
        default:
            return skipNumber();
        }
    }

    // An integer such as an error code: false for a fraction, an exponent or more digits than
    // kMaxNumberLength (the full parser's case).
    bool readInteger(qint64 *out)
    {
        skipWhitespace();
        const char *start = m_at;
        bool negative = false;
        if (m_at < m_end && *m_at == '-') {
            negative = true;
            ++m_at;
        }
        if (m_at == m_end || *m_at < '0' || *m_at > '9')
            return false;
        qint64 value = 0;
        if (*m_at == '0') {
            ++m_at;
        } else {
            while (m_at < m_end && *m_at >= '0' && *m_at <= '9') {
                if (m_at - start >= kMaxNumberLength)
                    return false;
                value = value * 10 + (*m_at - '0');
                ++m_at;
            }
        }
        if (m_at < m_end && (*m_at == '.' || *m_at == 'e' || *m_at == 'E' || (*m_at >= '0' && *m_at <= '9')))
            return false; // a fraction, an exponent, or a leading zero followed by digits
        *out = negative ? -value : value;
        return true;
    }

    bool literal(QByteArrayView word)
    {
        if (m_end - m_at < word.size() || QByteArrayView(m_at, word.size()) != word)
            return false;
        m_at += word.size();
        return true;
    }

private:
    static bool isNonCharacter(char32_t cp)
    {
        return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
    }

    static void appendUtf8(QByteArray &out, char32_t cp)
    {
        if (cp < 0x80) {
            out.append(char(cp));
        } else if (cp < 0x800) {
            out.append(char(0xC0 | (cp >> 6)));
            out.append(char(0x80 | (cp & 0x3F)));
        } else if (cp < 0x10000) {
            out.append(char(0xE0 | (cp >> 12)));
            out.append(char(0x80 | ((cp >> 6) & 0x3F)));
            out.append(char(0x80 | (cp & 0x3F)));
        } else {
            out.append(char(0xF0 | (cp >> 18)));
            out.append(char(0x80 | ((cp >> 12) & 0x3F)));
            out.append(char(0x80 | ((cp >> 6) & 0x3F)));
            out.append(char(0x80 | (cp & 0x3F)));
        }
    }

    void skipWhitespace()
    {
        while (m_at < m_end && (*m_at == ' ' || *m_at == '\n' || *m_at == '\r' || *m_at == '\t'))
            ++m_at;
    }

    static bool continuation(uchar c) { return (c & 0xC0) == 0x80; }

    // One well-formed UTF-8 sequence of two to four bytes (no overlong form, no surrogate, nothing above
    // U+10FFFF, no noncharacter).
    bool skipUtf8Sequence()
    {
        const uchar lead = uchar(*m_at);
        int length = 0;
        char32_t cp = 0;
        uchar low = 0x80, high = 0xBF; // allowed range of the second byte
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
            cp = lead & 0x1F;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            cp = lead & 0x0F;
            if (lead == 0xE0)
                low = 0xA0;
            if (lead == 0xED)
                high = 0x9F;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            cp = lead & 0x07;
            if (lead == 0xF0)
                low = 0x90;
            if (lead == 0xF4)
                high = 0x8F;
        } else {
            return false;
        }
        if (m_end - m_at < length)
            return false;
        const uchar second = uchar(m_at[1]);
        if (second < low || second > high)
            return false;
        for (int i = 1; i < length; ++i) {
            const uchar c = uchar(m_at[i]);
            if (!continuation(c))
                return false;
            cp = (cp << 6) | (c & 0x3F);
        }
        if (isNonCharacter(cp))
            return false;
        m_at += length;
        return true;
    }

    bool hex4(char32_t *out)
    {
        if (m_end - m_at < 4)
            return false;
        char32_t value = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = m_at[i];
            value <<= 4;
            if (c >= '0' && c <= '9')
                value |= char32_t(c - '0');
            else if (c >= 'a' && c <= 'f')
                value |= char32_t(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                value |= char32_t(c - 'A' + 10);
            else
                return false;
        }
        m_at += 4;
        *out = value;
        return true;
    }

    // At a backslash: appends what the escape stands for.
    bool appendEscape(QByteArray &out)
    {
        ++m_at;
        if (m_at == m_end)
            return false;
        const char kind = *m_at++;
        switch (kind) {
        case '"':
        case '\\':
        case '/':
            out.append(kind);
            return true;
        case 'b':
            out.append('\b');
            return true;
        case 'f':
            out.append('\f');
            return true;
        case 'n':
            out.append('\n');
            return true;
        case 'r':
            out.append('\r');
            return true;
        case 't':
            out.append('\t');
            return true;
        case 'u': {
            char32_t cp = 0;
            if (!hex4(&cp))
                return false;
            if (cp >= 0xDC00 && cp <= 0xDFFF)
                return false; // a low surrogate without its high one
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                char32_t low = 0;
                if (!literal("\\u") || !hex4(&low) || low < 0xDC00 || low > 0xDFFF)
                    return false;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            }
            if (cp == 0 || isNonCharacter(cp))
                return false;
            appendUtf8(out, cp);
            return true;
        }
        default:
            return false;
        }
    }

    bool skipNumber()
    {
        const char *start = m_at;
        if (m_at < m_end && *m_at == '-')
            ++m_at;
        if (m_at == m_end)
            return false;
        if (*m_at == '0') {
            ++m_at;
        } else if (*m_at >= '1' && *m_at <= '9') {
            while (m_at < m_end && *m_at >= '0' && *m_at <= '9')
                ++m_at;
        } else {
            return false;
        }
        if (m_at < m_end && *m_at == '.') {
            ++m_at;
            const char *digits = m_at;
            while (m_at < m_end && *m_at >= '0' && *m_at <= '9')
                ++m_at;
            if (m_at == digits)
                return false;
        }
        if (m_at < m_end && (*m_at == 'e' || *m_at == 'E'))
            return false;
        return m_at - start <= kMaxNumberLength;
    }

    const char *m_at;
    const char *m_end;
};

} // namespace smtpauth
