// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/smtpauthpolicy.h"

#include <QString>
#include <QUuid>

namespace smtpauth {

// One mailbox as the console knows it: the identifiers a write needs (Guid, never the ambiguous name),
// the words people search for, and its SMTP AUTH override. The effective value is never stored: it is
// derived from the override and the org setting every time, so it cannot go stale when the org flips.
struct Mailbox
{
    QUuid guid;
    QUuid externalDirectoryObjectId;
    QString displayName;
    QString primarySmtpAddress;
    QString alias; // Exchange's Name/Identity: what helpdesk staff often type
    Override smtpAuthOverride = Override::Inherit;

    friend bool operator==(const Mailbox &, const Mailbox &) = default;
};

} // namespace smtpauth

Q_DECLARE_METATYPE(smtpauth::Mailbox)
