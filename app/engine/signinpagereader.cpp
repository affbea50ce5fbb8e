// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "engine/signinpagereader.h"

#include "engine/jsoncursor.h"

#include <QByteArray>
#include <QLatin1StringView>
#include <QUuid>
#include <limits>

namespace smtpauth {

namespace {

using Record = SignInAggregate::Record;

// A string or null; null reads as an empty text, as QJsonValue::toString() gives it.
bool readText(JsonCursor &cursor, QByteArray &scratch, QString *out)
{
    if (cursor.peek() == 'n')
        return cursor.literal("null");
    QByteArrayView text;
    if (!cursor.readString(scratch, &text))
        return false;
    *out = QString::fromUtf8(text);
    return true;
}

// Marks `bit` in `seen`; false when it was there already (a name given twice is the full parser's case).
bool firstTime(unsigned *seen, unsigned bit)
{
    if (*seen & bit)
        return false;
    *seen |= bit;
    return true;
}

// status {errorCode, failureReason, ...}, or null (then the record is a failure with no code).
bool readStatus(JsonCursor &cursor, QByteArray &scratch, Record *record)
{
    if (cursor.peek() == 'n')
        return cursor.literal("null");
    unsigned seen = 0;
    return cursor.forEachMember(scratch, [&](QByteArrayView key) {
        if (key == "errorCode") {
            if (!firstTime(&seen, 1))
                return false;
            if (cursor.peek() == 'n') {
                // Present but not a number: not a success, and no code to show (as toInt(-1) and toInt()).
                if (!cursor.literal("null"))
                    return false;
                record->success = false;
                record->errorCode = 0;
                return true;
            }
            qint64 code = 0;
            if (!cursor.readInteger(&code) || code < std::numeric_limits<qint32>::min() ||
                code > std::numeric_limits<qint32>::max())
                return false;
            record->success = code == 0;
            record->errorCode = qint32(code);
            return true;
        }
        if (key == "failureReason")
            return firstTime(&seen, 2) && readText(cursor, scratch, &record->failureReason);
        return cursor.skipValue(scratch, 3);
    });
}

bool readRecord(JsonCursor &cursor, QByteArray &scratch, Record *record)
{
    unsigned seen = 0;
    return cursor.forEachMember(scratch, [&](QByteArrayView key) {
        if (key == "userId") {
            QString id;
            if (!firstTime(&seen, 1) || !readText(cursor, scratch, &id))
                return false;
            record->userId = QUuid::fromString(id);
            return true;
        }
        if (key == "userPrincipalName")
            return firstTime(&seen, 2) && readText(cursor, scratch, &record->userPrincipalName);
        if (key == "createdDateTime") {
            if (!firstTime(&seen, 4))
                return false;
            if (cursor.peek() == 'n')
                return cursor.literal("null");
            QByteArrayView text;
            if (!cursor.readString(scratch, &text))
                return false;
            record->createdMs = SignInAggregate::graphTimeMs(text);
            return true;
        }
        if (key == "ipAddress")
            return firstTime(&seen, 8) && readText(cursor, scratch, &record->ipAddress);
        if (key == "status")
            return firstTime(&seen, 16) && readStatus(cursor, scratch, record);
        return cursor.skipValue(scratch, 2);
    });
}

} // namespace

std::optional<SignInPageReader::Page> SignInPageReader::read(QByteArrayView body)
{
    JsonCursor cursor(body);
    QByteArray scratch;
    Page page;
    unsigned seen = 0;
    const bool plain = cursor.forEachMember(scratch, [&](QByteArrayView key) {
        if (key == "@odata.context")
            return firstTime(&seen, 1) && cursor.skipValue(scratch, 1);
        if (key == "@odata.nextLink")
            return firstTime(&seen, 2) && readText(cursor, scratch, &page.nextLink);
        if (key == "value") {
            if (!firstTime(&seen, 4))
                return false;
            page.records.reserve(1000);
            return cursor.forEachElement([&] {
                Record record;
                if (!readRecord(cursor, scratch, &record))
                    return false;
                page.records.push_back(std::move(record));
                return true;
            });
        }
        // An annotation such as "@odata.count": nothing the full parse reads either. An "error", or
        // anything else, is the full parser's case.
        return key.contains('@') && cursor.skipValue(scratch, 1);
    });
    if (!plain || !cursor.atEnd() || !(seen & 4))
        return std::nullopt;
    return page;
}

} // namespace smtpauth
