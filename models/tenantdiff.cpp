// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/tenantdiff.h"

namespace smtpauth {

TenantDiff TenantDiff::between(const TenantState &earlier, const TenantState &later)
{
    Q_ASSERT(earlier.isSorted() && later.isSorted());
    TenantDiff diff;
    diff.m_orgBefore = earlier.org;
    diff.m_orgAfter = later.org;
    const auto effective = [](Override value, OrgSetting org) { return resolveEffective(value, org).state; };

    // One merge over both guid-sorted lists.
    qsizetype i = 0;
    qsizetype j = 0;
    const qsizetype n = earlier.mailboxes.size();
    const qsizetype m = later.mailboxes.size();
    while (i < n || j < m) {
        const TenantState::Mailbox *before = i < n ? &earlier.mailboxes[i] : nullptr;
        const TenantState::Mailbox *after = j < m ? &later.mailboxes[j] : nullptr;
        MailboxChange change;
        if (before && (!after || before->guid < after->guid)) {
            change.kind = Kind::Removed;
            after = nullptr;
            ++i;
        } else if (after && (!before || after->guid < before->guid)) {
            change.kind = Kind::Added;
            before = nullptr;
            ++j;
        } else {
            ++i;
            ++j;
        }
        if (before) {
            change.valueBefore = before->value;
            change.effectiveBefore = effective(before->value, earlier.org);
        }
        if (after) {
            change.valueAfter = after->value;
            change.effectiveAfter = effective(after->value, later.org);
        }
        if (change.kind == Kind::Changed && !change.valueChanged() && !change.effectiveChanged())
            continue;
        const TenantState::Mailbox *named = after ? after : before;
        change.guid = named->guid;
        change.address = named->address;
        change.displayName = named->displayName;
        diff.m_mailboxes.append(std::move(change));
    }
    return diff;
}

int TenantDiff::ownChangeCount() const
{
    int count = 0;
    for (const MailboxChange &change : m_mailboxes)
        count += change.onlyThroughOrg() ? 0 : 1;
    return count;
}

} // namespace smtpauth
