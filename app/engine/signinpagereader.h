// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/signinaggregate.h"

#include <QByteArrayView>
#include <QString>
#include <optional>
#include <vector>

namespace smtpauth {

// Reads a page of Graph's sign-in logs (graph-protocol.md §5) in one pass over its bytes, keeping of
// each record only what SignInAggregate reads.
//
// Why: a busy tenant has a million Basic sign-ins a month, 1,000 per page of about 550 kB; building the
// QJsonDocument of each page and looking the fields up again costs several times this pass (benchmark
// P8, docs/benchmarks.md). It is an optimisation only, never a second authority: it accepts just the plain
// case, a strictly valid JSON object whose members are "@odata.context", "@odata.nextLink", annotations
// (names with '@') and a "value" list of objects, in which userId, userPrincipalName, createdDateTime and
// ipAddress are strings or null, status is an object or null whose errorCode is a whole number (or null) and
// failureReason a string or null, each named once. Anything else (an error, a number where a string is
// expected, a repeated name, invalid UTF-8, broken JSON) gives nullopt, and the caller parses the page
// the full way (SignInAggregate::Record::fromJson), which then decides. Both give the same records.
class SignInPageReader
{
public:
    struct Page
    {
        std::vector<SignInAggregate::Record> records;
        QString nextLink; // empty on the last page
    };

    static std::optional<Page> read(QByteArrayView body);
};

} // namespace smtpauth
