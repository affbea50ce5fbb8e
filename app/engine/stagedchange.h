// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/changevalue.h"
#include "models/journalrecords.h"

#include <QString>
#include <QUuid>

namespace smtpauth {

// One change as the person staged it: the target, the value they saw, and the value they want.
// The org's values are never Inherit (the journal refuses such a change before anything is sent).
struct StagedChange
{
    ChangeTargetKind targetKind = ChangeTargetKind::Mailbox;
    QUuid targetGuid; // null for the org
    QString targetAddress;
    QString targetDisplayName;
    ChangeValue expectedBefore = ChangeValue::Inherit;
    ChangeValue after = ChangeValue::Inherit;
    // Per-change reason and ticket (a CSV import row has its own); empty: the batch's.
    QString reason;
    QString ticket;
};

} // namespace smtpauth
