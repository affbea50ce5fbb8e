// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QStringView>
#include <QUuid>
#include <QtGlobal>
#include <vector>

namespace smtpauth {

// Every SMTP address of every mailbox (Get-CASMailbox `EmailAddresses`, the `SMTP:` primary and the
// `smtp:` secondary entries) → the mailbox's Guid: what joins the senders of an imported SMTP AUTH
// clients report to mailboxes when a device sends as an alias (readiness.md §2, "Joining").
//
// Read only when such a report is imported, never with the mailbox list: the list is budgeted at ~250
// bytes a mailbox and most tenants never import a report. So the index keeps no text: one entry is the
// 64-bit hash of the case-folded address (TenantDirectory::foldedHash, the UPN join's hash too) and the
// Guid, 24 bytes, sorted by hash for a binary search. Two different addresses with the same hash would
// join a sender to the wrong mailbox; at 64 bits and a million addresses that is ~10⁻⁷, and such a pair
// is then found as ambiguous (below) and joined to neither, never silently to one of them.
//
// An address held by two mailboxes (Exchange keeps proxy addresses unique, so only a list read while an
// address moved, or a collision) is ambiguous: it joins no mailbox, because crediting one of them with a
// sender's Basic use could be wrong either way; the sender then falls through to the UPN join or is
// listed as unmatched. The same address twice in one mailbox (SMTP: and smtp:) is one entry.
class SmtpAddressIndex
{
public:
    // The address of an `EmailAddresses` entry whose prefix is SMTP:/smtp: (any case: the prefix's case
    // only says primary or not), trimmed; empty for any other kind (X500:, SIP:, SPO:, EUM:, X400:, an
    // entry without a prefix) or an SMTP entry without an address.
    static QStringView smtpAddressOf(QStringView emailAddressesEntry);

    // Adds one `EmailAddresses` entry of `mailbox`; false (and nothing kept) when it is not an SMTP
    // address or the Guid is null. Entries added are not seen by lookups before finish().
    bool addEntry(const QUuid &mailbox, QStringView emailAddressesEntry);
    // Takes over the entries `other` added (a page read on a worker); `other` is left empty.
    void append(SmtpAddressIndex &&other);
    // Sorts, folds the duplicates of one mailbox, marks addresses held by more than one as ambiguous.
    void finish();
    void clear();

    // The mailbox that holds `address` (case-insensitive), or a null Guid: none, or ambiguous.
    QUuid mailboxOf(QStringView address) const;
    bool isAmbiguous(QStringView address) const;

    qsizetype addressCount() const { return qsizetype(m_entries.size()); } // distinct, after finish()
    qsizetype ambiguousCount() const { return m_ambiguous; }               // of those, held by several
    qsizetype memoryUsage() const;

private:
    struct Entry
    {
        quint64 hash = 0;
        QUuid mailbox; // null: ambiguous
    };
    const Entry *find(QStringView address) const;

    std::vector<Entry> m_entries;
    std::vector<Entry> m_pending;
    qsizetype m_ambiguous = 0;
};

} // namespace smtpauth
