#pragma once

#include "mailbox.h"

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace smtpauth {

// Reads a plain Get-CASMailbox page straight into Mailboxes, in one pass over the bytes.
//
// Why: building the QJsonDocument of a 1000-mailbox page and looking the properties up again costs
// about three times what this pass does, and at 0 ms latency that parse is what a full load waits
// for (issue 6, P1). It is an optimisation only, never a second authority: it accepts just the plain
// case, a strictly valid JSON object whose members are "@odata.context", "@odata.nextLink", an empty
// "@adminapi.warnings", sidecar annotations (names with '@') and a "value" list of objects, with the
// properties it reads being strings, booleans or null and each named once. Anything else (an error, warnings such as the ResultSize one, invalid UTF-8, a lone surrogate,
// a repeated name, a number where a string is expected, broken JSON) gives nullopt, and the caller
// parses the page the full way, which then decides. The mapping itself is CasMailboxMapper's, shared.
class CasMailboxPageReader
{
public:
    struct Page
    {
        QList<Mailbox> mailboxes;
        QStringList problems; // why each refused object was skipped, as CasMailboxMapper words it
        int objectCount = 0;
        QString nextLink;     // empty when the page is the last one
    };

    static std::optional<Page> read(QByteArrayView body);
};

} // namespace smtpauth
