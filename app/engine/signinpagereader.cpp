#include "signinpagereader.h"

#include "jsoncursor.h"

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
    if (!cursor.consume('{'))
        return false;
    if (cursor.consume('}'))
        return true;
    unsigned seen = 0;
    do {
        QByteArrayView key;
        if (!cursor.readString(scratch, &key) || !cursor.consume(':'))
            return false;
        if (key == "errorCode") {
            if (!firstTime(&seen, 1))
                return false;
            if (cursor.peek() == 'n') {
                // Present but not a number: not a success, and no code to show (as toInt(-1) and toInt()).
                if (!cursor.literal("null"))
                    return false;
                record->success = false;
                record->errorCode = 0;
            } else {
                qint64 code = 0;
                if (!cursor.readInteger(&code) || code < std::numeric_limits<qint32>::min() ||
                    code > std::numeric_limits<qint32>::max())
                    return false;
                record->success = code == 0;
                record->errorCode = qint32(code);
            }
        } else if (key == "failureReason") {
            if (!firstTime(&seen, 2) || !readText(cursor, scratch, &record->failureReason))
                return false;
        } else if (!cursor.skipValue(scratch, 3)) {
            return false;
        }
    } while (cursor.consume(','));
    return cursor.consume('}');
}

bool readRecord(JsonCursor &cursor, QByteArray &scratch, Record *record)
{
    if (!cursor.consume('{'))
        return false;
    if (cursor.consume('}'))
        return true;
    unsigned seen = 0;
    do {
        QByteArrayView key;
        if (!cursor.readString(scratch, &key) || !cursor.consume(':'))
            return false;
        if (key == "userId") {
            QString id;
            if (!firstTime(&seen, 1) || !readText(cursor, scratch, &id))
                return false;
            record->userId = QUuid::fromString(id);
        } else if (key == "userPrincipalName") {
            if (!firstTime(&seen, 2) || !readText(cursor, scratch, &record->userPrincipalName))
                return false;
        } else if (key == "createdDateTime") {
            if (!firstTime(&seen, 4))
                return false;
            if (cursor.peek() == 'n') {
                if (!cursor.literal("null"))
                    return false;
            } else {
                QByteArrayView text;
                if (!cursor.readString(scratch, &text))
                    return false;
                record->createdMs = SignInAggregate::graphTimeMs(text);
            }
        } else if (key == "ipAddress") {
            if (!firstTime(&seen, 8) || !readText(cursor, scratch, &record->ipAddress))
                return false;
        } else if (key == "status") {
            if (!firstTime(&seen, 16) || !readStatus(cursor, scratch, record))
                return false;
        } else if (!cursor.skipValue(scratch, 2)) {
            return false;
        }
    } while (cursor.consume(','));
    return cursor.consume('}');
}

} // namespace

std::optional<SignInPageReader::Page> SignInPageReader::read(QByteArrayView body)
{
    JsonCursor cursor(body);
    QByteArray scratch;
    Page page;
    unsigned seen = 0;
    if (!cursor.consume('{') || cursor.peek() != '"')
        return std::nullopt;
    do {
        QByteArrayView key;
        if (!cursor.readString(scratch, &key) || !cursor.consume(':'))
            return std::nullopt;
        if (key == "@odata.context") {
            if (!firstTime(&seen, 1) || !cursor.skipValue(scratch, 1))
                return std::nullopt;
        } else if (key == "@odata.nextLink") {
            if (!firstTime(&seen, 2) || !readText(cursor, scratch, &page.nextLink))
                return std::nullopt;
        } else if (key == "value") {
            if (!firstTime(&seen, 4) || !cursor.consume('['))
                return std::nullopt;
            if (!cursor.consume(']')) {
                page.records.reserve(1000);
                do {
                    Record record;
                    if (!readRecord(cursor, scratch, &record))
                        return std::nullopt;
                    page.records.push_back(std::move(record));
                } while (cursor.consume(','));
                if (!cursor.consume(']'))
                    return std::nullopt;
            }
        } else if (key.contains('@')) {
            // An annotation such as "@odata.count": nothing the full parse reads either.
            if (!cursor.skipValue(scratch, 1))
                return std::nullopt;
        } else {
            return std::nullopt; // an "error", or anything else: the full parser's case
        }
    } while (cursor.consume(','));
    if (!cursor.consume('}') || !cursor.atEnd() || !(seen & 4))
        return std::nullopt;
    return page;
}

} // namespace smtpauth
