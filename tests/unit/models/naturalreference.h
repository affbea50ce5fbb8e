// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QList>
#include <QString>
#include <variant>
#include <vector>

// The natural order written the slow, obvious way, as the tests' second reading of NaturalOrder: a text
// becomes a list of units, each character one unit and each run of ASCII digits one number; numbers
// compare by value, characters by code point, and a number against a character as if it were '0'.
namespace naturalreference {

struct Number
{
    QString significant; // without leading zeros
};
using Unit = std::variant<char32_t, Number>;

inline std::vector<Unit> unitsOf(const QString &text)
{
    std::vector<Unit> units;
    const QList<uint> codePoints = text.toUcs4();
    for (qsizetype i = 0; i < codePoints.size();) {
        if (codePoints[i] >= '0' && codePoints[i] <= '9') {
            QString digits;
            while (i < codePoints.size() && codePoints[i] >= '0' && codePoints[i] <= '9')
                digits.append(QChar(char16_t(codePoints[i++])));
            while (digits.startsWith(QLatin1Char('0')))
                digits.remove(0, 1);
            units.push_back(Number{digits});
        } else {
            units.push_back(char32_t(codePoints[i++]));
        }
    }
    return units;
}

inline int compareUnits(const Unit &a, const Unit &b)
{
    const auto asCodePoint = [](const Unit &unit) -> char32_t {
        return std::holds_alternative<char32_t>(unit) ? std::get<char32_t>(unit) : char32_t('0');
    };
    if (std::holds_alternative<Number>(a) && std::holds_alternative<Number>(b)) {
        const QString &x = std::get<Number>(a).significant;
        const QString &y = std::get<Number>(b).significant;
        if (x.size() != y.size())
            return x.size() < y.size() ? -1 : 1;
        return x.compare(y) < 0 ? -1 : (x.compare(y) > 0 ? 1 : 0);
    }
    const char32_t x = asCodePoint(a);
    const char32_t y = asCodePoint(b);
    return x < y ? -1 : (x > y ? 1 : 0);
}

// Case-folds first, as the store's keys are folded.
inline int compare(const QString &left, const QString &right)
{
    const std::vector<Unit> a = unitsOf(left.toCaseFolded());
    const std::vector<Unit> b = unitsOf(right.toCaseFolded());
    for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
        if (const int order = compareUnits(a[i], b[i]); order != 0)
            return order;
    }
    return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

} // namespace naturalreference
