// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/smtpauthpolicy.h"
#include "models/tenantstate.h"

#include <QList>
#include <QString>
#include <QUuid>
#include <optional>

namespace smtpauth {

// What moved between two tenant states: the org switch, and every mailbox whose own override or whose
// effective state changed, or that appeared or went away. Pure and linear in the tenant's size (both
// states are sorted by guid), so two 100k snapshots compare in milliseconds (benchmark P10,
// docs/benchmarks.md).
class TenantDiff
{
public:
    enum class Kind : quint8
    {
        Changed, // in both states; its override changed, or its effective state did (through the org)
        Added,   // only in the later state
        Removed  // only in the earlier state
    };

    struct MailboxChange
    {
        Kind kind = Kind::Changed;
        QUuid guid;
        QString address;     // the later state's (the earlier one's for a removed mailbox)
        QString displayName; // likewise
        std::optional<Override> valueBefore, valueAfter;               // nullopt where absent
        std::optional<EffectiveState> effectiveBefore, effectiveAfter; // nullopt where absent
        bool valueChanged() const { return valueBefore != valueAfter; }
        bool effectiveChanged() const { return effectiveBefore != effectiveAfter; }
        // Its effective state moved only because the org switch did (its override is the same, Inherit).
        bool onlyThroughOrg() const { return kind == Kind::Changed && !valueChanged(); }
        friend bool operator==(const MailboxChange &, const MailboxChange &) = default;
    };

    static TenantDiff between(const TenantState &earlier, const TenantState &later);

    OrgSetting orgBefore() const { return m_orgBefore; }
    OrgSetting orgAfter() const { return m_orgAfter; }
    bool orgChanged() const { return m_orgBefore != m_orgAfter; }
    // In guid order. A mailbox that is in both states with the same override and effective state (a
    // rename only) is not a change.
    const QList<MailboxChange> &mailboxes() const { return m_mailboxes; }
    // Mailboxes whose own override changed, or that came or went (not the ones moved by the org alone).
    int ownChangeCount() const;
    bool isEmpty() const { return !orgChanged() && m_mailboxes.isEmpty(); }

private:
    OrgSetting m_orgBefore = OrgSetting::Disabled;
    OrgSetting m_orgAfter = OrgSetting::Disabled;
    QList<MailboxChange> m_mailboxes;
};

} // namespace smtpauth
