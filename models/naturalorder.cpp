// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/naturalorder.h"

#include <QtEndian>
#include <algorithm>
#include <cstring>

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// A digit compared with anything that is not a digit stands for every digit: digits are contiguous in
// ASCII, so any other byte is below all of them or above all of them.
int byteOrder(char left, char right)
{
    const auto asUnsigned = [](char c) {
        return isDigit(c) ? 0x30u : unsigned(static_cast<unsigned char>(c));
    };
    const unsigned a = asUnsigned(left);
    const unsigned b = asUnsigned(right);
    return a < b ? -1 : (a > b ? 1 : 0);
}

qsizetype digitRunEnd(QByteArrayView text, qsizetype from)
{
    while (from < text.size() && isDigit(text[from]))
        ++from;
    return from;
}

} // namespace

namespace smtpauth::NaturalOrder {

int compare(QByteArrayView left, QByteArrayView right)
{
    // Most pairs differ before any number does: find the first difference at memcmp speed, and fall back
    // to reading numbers only from the start of the digit run that difference is in.
    const qsizetype common = std::min(left.size(), right.size());
    qsizetype at = std::mismatch(left.begin(), left.begin() + common, right.begin()).first - left.begin();
    const bool digitAtDifference =
        (at < left.size() && isDigit(left[at])) || (at < right.size() && isDigit(right[at]));
    if (!digitAtDifference) {
        if (at == common)
            return left.size() < right.size() ? -1 : (left.size() > right.size() ? 1 : 0);
        return byteOrder(left[at], right[at]);
    }
    while (at > 0 && isDigit(left[at - 1]))
        --at;
    qsizetype i = at;
    qsizetype j = at;
    while (i < left.size() && j < right.size()) {
        if (isDigit(left[i]) && isDigit(right[j])) {
            while (i < left.size() && left[i] == '0')
                ++i;
            while (j < right.size() && right[j] == '0')
                ++j;
            const qsizetype leftEnd = digitRunEnd(left, i);
            const qsizetype rightEnd = digitRunEnd(right, j);
            if (leftEnd - i != rightEnd - j)
                return leftEnd - i < rightEnd - j ? -1 : 1; // fewer significant digits: the smaller number
            if (const int digits = std::memcmp(left.data() + i, right.data() + j, size_t(leftEnd - i));
                digits != 0)
                return digits < 0 ? -1 : 1;
            i = leftEnd;
            j = rightEnd;
            continue;
        }
        if (const int order = byteOrder(left[i], right[j]); order != 0)
            return order;
        ++i;
        ++j;
    }
    const qsizetype leftRest = left.size() - i;
    const qsizetype rightRest = right.size() - j;
    return leftRest < rightRest ? -1 : (leftRest > rightRest ? 1 : 0);
}

quint64 prefixKey(QByteArrayView key)
{
    unsigned char bytes[8] = {};
    for (qsizetype i = 0; i < std::min<qsizetype>(key.size(), 8); ++i) {
        if (isDigit(key[i])) {
            bytes[i] = '0';
            break;
        }
        bytes[i] = static_cast<unsigned char>(key[i]);
    }
    return qFromBigEndian<quint64>(bytes);
}

} // namespace smtpauth::NaturalOrder
