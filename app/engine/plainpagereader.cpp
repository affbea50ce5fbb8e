// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "engine/plainpagereader.h"

#include "engine/jsoncursor.h"

#include <QByteArray>
#include <utility>

namespace smtpauth {

namespace {

using Value = WireValue;
using Cursor = JsonCursor;

// A property the console reads: a string, a boolean or null; anything else is left to the full parser.
bool readWireValue(Cursor &cursor, QByteArray &scratch, Value *value)
{
    switch (cursor.peek()) {
    case '"': {
        QByteArrayView text;
        if (!cursor.readString(scratch, &text))
            return false;
        value->kind = Value::Kind::String;
        value->string = QString::fromUtf8(text);
        return true;
    }
    case 't':
        value->kind = Value::Kind::Bool;
        value->boolean = true;
        return cursor.literal("true");
    case 'f':
        value->kind = Value::Kind::Bool;
        value->boolean = false;
        return cursor.literal("false");
    case 'n':
        value->kind = Value::Kind::Null;
        return cursor.literal("null");
    default:
        return false;
    }
}

// One element of "value": every property the sink asks for is read (a string, a boolean or null, each
// named once); the others are checked and passed over.
bool readObject(Cursor &cursor, QByteArray &scratch, PlainPageReader::ObjectSink &sink)
{
    if (cursor.peek() != '{')
        return false;
    sink.startObject();
    const bool plain = cursor.forEachMember(scratch, [&](QByteArrayView key) {
        Value *field = sink.field(key);
        if (!field)
            return cursor.skipValue(scratch, 2);
        // Named twice, or not a string/boolean/null: the full parser's case.
        return field->kind == Value::Kind::Absent && readWireValue(cursor, scratch, field);
    });
    if (!plain)
        return false;
    sink.finishObject();
    return true;
}

} // namespace

std::optional<PlainPageReader::Envelope> PlainPageReader::read(QByteArrayView body, ObjectSink &sink)
{
    Cursor cursor(body);
    QByteArray scratch;
    Envelope page;
    bool sawContext = false;
    bool sawNextLink = false;
    bool sawValue = false;
    bool sawWarnings = false;
    // Each envelope property at most once: a repeated one is the full parser's case.
    const auto firstTime = [](bool *seen) { return !std::exchange(*seen, true); };
    const bool plain = cursor.forEachMember(scratch, [&](QByteArrayView key) {
        if (key == "@odata.context")
            return firstTime(&sawContext) && cursor.skipValue(scratch, 1);
        if (key == "@odata.nextLink") {
            if (!firstTime(&sawNextLink))
                return false;
            if (cursor.peek() == 'n')
                return cursor.literal("null");
            QByteArrayView link;
            if (!cursor.readString(scratch, &link))
                return false;
            page.nextLink = QString::fromUtf8(link);
            return true;
        }
        if (key == "value") {
            return firstTime(&sawValue) && cursor.forEachElement([&] {
                if (!readObject(cursor, scratch, sink))
                    return false;
                ++page.objectCount;
                return true;
            });
        }
        if (key == "@adminapi.warnings") {
            // Always there, and almost always empty; a warning (ResultSize, say) is the full parser's case.
            return firstTime(&sawWarnings) && cursor.consume('[') && cursor.consume(']');
        }
        // A sidecar annotation such as "adminapi.warnings@odata.type": nothing the full parse reads. An
        // "error", or anything else, is the full parser's case.
        return key.contains('@') && cursor.skipValue(scratch, 1);
    });
    if (!plain || !cursor.atEnd() || !sawValue)
        return std::nullopt;
    return page;
}

} // namespace smtpauth
