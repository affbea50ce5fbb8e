// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/smtpauthpolicy.h"

#include <QList>
#include <QString>
#include <QUuid>

namespace smtpauth {

class MailboxStore;

// What a snapshot remembers of a tenant: the org switch and, per mailbox, its own override with the
// names it had then (so a mailbox removed since can still be named). Only what a drift review compares:
// the effective state follows from the override and the org switch.
struct TenantState
{
    struct Mailbox
    {
        QUuid guid;
        Override value = Override::Inherit;
        QString address;
        QString displayName;
        friend bool operator==(const Mailbox &, const Mailbox &) = default;
    };

    OrgSetting org = OrgSetting::Disabled;
    QList<Mailbox> mailboxes; // sorted by guid, each guid once (TenantState::fromStore, SnapshotHistory)

    static TenantState fromStore(const MailboxStore &store, OrgSetting org);
    // The mailbox with this guid, or nullptr (binary search: mailboxes are sorted).
    const Mailbox *find(const QUuid &guid) const;
    bool isSorted() const;
    friend bool operator==(const TenantState &, const TenantState &) = default;
};

} // namespace smtpauth
