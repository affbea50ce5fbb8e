// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/tenantstate.h"

#include "models/mailboxstore.h"

#include <algorithm>

namespace smtpauth {

TenantState TenantState::fromStore(const MailboxStore &store, OrgSetting org)
{
    TenantState state;
    state.org = org;
    state.mailboxes.reserve(store.size());
    for (int row = 0; row < store.size(); ++row) {
        state.mailboxes.append(Mailbox{store.guid(row), store.smtpAuthOverride(row),
                                       store.primarySmtpAddress(row).toString(),
                                       store.displayName(row).toString()});
    }
    std::sort(state.mailboxes.begin(), state.mailboxes.end(),
              [](const Mailbox &a, const Mailbox &b) { return a.guid < b.guid; });
    // The store keeps one row per guid (upsert), so the sorted list has no repeats.
    Q_ASSERT(state.isSorted());
    return state;
}

const TenantState::Mailbox *TenantState::find(const QUuid &guid) const
{
    const auto at = std::lower_bound(mailboxes.cbegin(), mailboxes.cend(), guid,
                                     [](const Mailbox &m, const QUuid &g) { return m.guid < g; });
    return at != mailboxes.cend() && at->guid == guid ? &*at : nullptr;
}

bool TenantState::isSorted() const
{
    return std::adjacent_find(mailboxes.cbegin(), mailboxes.cend(), [](const Mailbox &a, const Mailbox &b) {
               return !(a.guid < b.guid);
           }) == mailboxes.cend();
}

} // namespace smtpauth
