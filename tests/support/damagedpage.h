// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QByteArray>
#include <QRandomGenerator>

// Random damage to a page of JSON, for the tests that hold a fast reader to the full parse: one to three
// edits (bytes deleted, replaced, inserted, or the end cut off), with the bytes a damaged JSON body is
// made of (structure, escapes, digits, the letters of true/false/null, and bytes that are not UTF-8).
inline QByteArray damagedPage(const QByteArray &original, QRandomGenerator &random)
{
    static const char alphabet[] =
        "{}[]\",:\\/u0123456789abcdefEe.-+ \ntfnrl@\x7f\x80\xbf\xc3\xe2\xed\xf0\xff";
    QByteArray body = original;
    const int edits = 1 + int(random.bounded(3));
    for (int e = 0; e < edits && !body.isEmpty(); ++e) {
        const qsizetype at = random.bounded(int(body.size()));
        const char c = alphabet[random.bounded(int(sizeof alphabet - 1))];
        switch (random.bounded(4)) {
        case 0:
            body.remove(at, 1 + random.bounded(3));
            break;
        case 1:
            body[at] = c;
            break;
        case 2:
            body.insert(at, c);
            break;
        default:
            body.truncate(at);
            break;
        }
    }
    return body;
}
