// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/journalrecords.h"

#include <QString>
#include <QUuid>

namespace smtpauth {

// One change as the person staged it: the target, the value they saw, and the value they want.
// Values are the journal's machine words (inherit | enabled | disabled; the org has no inherit).
struct StagedChange
{
    ChangeTargetKind targetKind = ChangeTargetKind::Mailbox;
    QUuid targetGuid; // null for the org
    QString targetAddress;
    QString targetDisplayName;
    QString expectedBefore;
    QString after;
    // Per-change reason and ticket (a CSV import row has its own); empty: the batch's.
    QString reason;
    QString ticket;
};

} // namespace smtpauth
