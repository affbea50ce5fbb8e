// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/mailbox.h"

#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace smtpauth {

// Reads a plain Get-CASMailbox page straight into Mailboxes, in one pass over the bytes
// (PlainPageReader says which pages are plain; any other gives nullopt and the full parse decides).
// The mapping itself is CasMailboxMapper's, shared with the full parse.
class CasMailboxPageReader
{
public:
    struct Page
    {
        QList<Mailbox> mailboxes;
        QStringList problems; // why each refused object was skipped, as CasMailboxMapper words it
        int objectCount = 0;
        QString nextLink; // empty when the page is the last one
    };

    static std::optional<Page> read(QByteArrayView body);
};

} // namespace smtpauth
