#include "plainpagereader.h"

#include "jsoncursor.h"

#include <QByteArray>

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
    if (!cursor.consume('{'))
        return false;
    sink.startObject();
    if (!cursor.consume('}')) {
        do {
            QByteArrayView key;
            if (!cursor.readString(scratch, &key))
                return false;
            Value *field = sink.field(key);
            if (!cursor.consume(':'))
                return false;
            if (!field) {
                if (!cursor.skipValue(scratch, 2))
                    return false;
            } else if (field->kind != Value::Kind::Absent || !readWireValue(cursor, scratch, field)) {
                return false; // named twice, or not a string/boolean/null
            }
        } while (cursor.consume(','));
        if (!cursor.consume('}'))
            return false;
    }
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
    if (!cursor.consume('{') || cursor.peek() != '"')
        return std::nullopt;
    do {
        QByteArrayView key;
        if (!cursor.readString(scratch, &key))
            return std::nullopt;
        if (key == "@odata.context") {
            if (sawContext || !cursor.consume(':') || !cursor.skipValue(scratch, 1))
                return std::nullopt;
            sawContext = true;
        } else if (key == "@odata.nextLink") {
            if (sawNextLink || !cursor.consume(':'))
                return std::nullopt;
            sawNextLink = true;
            if (cursor.peek() == 'n') {
                if (!cursor.literal("null"))
                    return std::nullopt;
            } else {
                QByteArrayView link;
                if (!cursor.readString(scratch, &link))
                    return std::nullopt;
                page.nextLink = QString::fromUtf8(link);
            }
        } else if (key == "value") {
            if (sawValue || !cursor.consume(':') || !cursor.consume('['))
                return std::nullopt;
            sawValue = true;
            if (!cursor.consume(']')) {
                do {
                    if (!readObject(cursor, scratch, sink))
                        return std::nullopt;
                    ++page.objectCount;
                } while (cursor.consume(','));
                if (!cursor.consume(']'))
                    return std::nullopt;
            }
        } else if (key == "@adminapi.warnings") {
            // Always there, and almost always empty; a warning (ResultSize, say) is the full parser's case.
            if (sawWarnings || !cursor.consume(':') || !cursor.consume('[') || !cursor.consume(']'))
                return std::nullopt;
            sawWarnings = true;
        } else if (key.contains('@')) {
            // A sidecar annotation such as "adminapi.warnings@odata.type": nothing the full parse reads.
            if (!cursor.consume(':') || !cursor.skipValue(scratch, 1))
                return std::nullopt;
        } else {
            return std::nullopt; // an "error", or anything else: the full parser's case
        }
    } while (cursor.consume(','));
    if (!cursor.consume('}') || !cursor.atEnd() || !sawValue)
        return std::nullopt;
    return page;
}

} // namespace smtpauth
