// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "engine/wirevalue.h"

#include <QByteArrayView>
#include <QString>
#include <optional>

namespace smtpauth {

// Reads a plain InvokeCommand page in one pass over its bytes, handing each object's properties to a
// sink: the shared part of the fast page readers (Get-CASMailbox, Get-User).
//
// Why: building the QJsonDocument of a 1000-object page and looking the properties up again costs about
// three times this pass (benchmarks P1, and P7 for Get-User: docs/benchmarks.md). It is an optimisation only,
// never a second authority: it accepts just the plain case, a strictly valid JSON object whose members are
// "@odata.context", "@odata.nextLink", an empty "@adminapi.warnings", sidecar annotations (names with
// '@') and a "value" list of objects, with the properties the sink reads being strings, booleans or null
// and each named once. Anything else (an error, warnings such as the ResultSize one, invalid UTF-8, a lone
// surrogate, a repeated name, a number where a string is expected, broken JSON) gives nullopt, and the
// caller parses the page the full way, which then decides.
class PlainPageReader
{
public:
    class ObjectSink
    {
    public:
        virtual ~ObjectSink() = default;
        virtual void startObject() = 0;
        // Where to put the property `utf8Name` of the current object, or nullptr to pass over it.
        virtual WireValue *field(QByteArrayView utf8Name) = 0;
        virtual void finishObject() = 0;
    };
    struct Envelope
    {
        int objectCount = 0;
        QString nextLink; // empty when the page is the last one
    };

    static std::optional<Envelope> read(QByteArrayView body, ObjectSink &sink);

    // The page of one cmdlet: `Sink` is built on the page and fills it; `Page` has objectCount and nextLink.
    template <typename Page, typename Sink> static std::optional<Page> readPage(QByteArrayView body)
    {
        Page page;
        Sink sink(&page);
        const std::optional<Envelope> envelope = read(body, sink);
        if (!envelope)
            return std::nullopt;
        page.objectCount = envelope->objectCount;
        page.nextLink = envelope->nextLink;
        return page;
    }
};

} // namespace smtpauth
