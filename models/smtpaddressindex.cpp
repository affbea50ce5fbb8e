// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/smtpaddressindex.h"

#include "models/tenantdirectory.h"

#include <algorithm>

namespace smtpauth {

QStringView SmtpAddressIndex::smtpAddressOf(QStringView emailAddressesEntry)
{
    const QStringView entry = emailAddressesEntry.trimmed();
    constexpr QLatin1String kPrefix("smtp:");
    if (entry.size() <= kPrefix.size() || !entry.startsWith(kPrefix, Qt::CaseInsensitive))
        return {};
    return entry.mid(kPrefix.size()).trimmed();
}

bool SmtpAddressIndex::addEntry(const QUuid &mailbox, QStringView emailAddressesEntry)
{
    const QStringView address = smtpAddressOf(emailAddressesEntry);
    if (mailbox.isNull() || address.isEmpty())
        return false;
    const quint64 hash = TenantDirectory::foldedHash(address);
    if (hash == 0)
        return false;
    m_pending.push_back({hash, mailbox});
    return true;
}

void SmtpAddressIndex::append(SmtpAddressIndex &&other)
{
    if (m_pending.empty()) {
        m_pending = std::move(other.m_pending);
    } else {
        m_pending.insert(m_pending.end(), other.m_pending.begin(), other.m_pending.end());
    }
    other.m_pending = {};
    other.m_entries = {};
    other.m_ambiguous = 0;
}

void SmtpAddressIndex::finish()
{
    if (m_pending.empty())
        return;
    std::vector<Entry> all = std::move(m_pending);
    m_pending = {};
    all.insert(all.end(), m_entries.begin(), m_entries.end());
    std::sort(all.begin(), all.end(), [](const Entry &a, const Entry &b) {
        return a.hash != b.hash ? a.hash < b.hash : TenantDirectory::uuidLess(a.mailbox, b.mailbox);
    });
    std::vector<Entry> kept;
    kept.reserve(all.size());
    m_ambiguous = 0;
    for (const Entry &entry : all) {
        if (!kept.empty() && kept.back().hash == entry.hash) {
            // The same mailbox again (SMTP: and smtp: of one address) is one entry; another mailbox, or an
            // entry already ambiguous from an earlier finish(), makes the address belong to none.
            if (kept.back().mailbox != entry.mailbox && !kept.back().mailbox.isNull()) {
                kept.back().mailbox = QUuid();
                ++m_ambiguous;
            }
            continue;
        }
        kept.push_back(entry);
        if (entry.mailbox.isNull())
            ++m_ambiguous;
    }
    kept.shrink_to_fit();
    m_entries = std::move(kept);
    // find()'s binary search needs the hashes strictly ascending: one entry an address.
    Q_ASSERT(std::adjacent_find(m_entries.begin(), m_entries.end(), [](const Entry &a, const Entry &b) {
                 return a.hash >= b.hash;
             }) == m_entries.end());
}

void SmtpAddressIndex::clear()
{
    m_entries = {};
    m_pending = {};
    m_ambiguous = 0;
}

const SmtpAddressIndex::Entry *SmtpAddressIndex::find(QStringView address) const
{
    const quint64 hash = TenantDirectory::foldedHash(address);
    if (hash == 0)
        return nullptr;
    const auto it = std::lower_bound(m_entries.begin(), m_entries.end(), hash,
                                     [](const Entry &entry, quint64 wanted) { return entry.hash < wanted; });
    return it != m_entries.end() && it->hash == hash ? &*it : nullptr;
}

QUuid SmtpAddressIndex::mailboxOf(QStringView address) const
{
    const Entry *entry = find(address);
    return entry ? entry->mailbox : QUuid();
}

bool SmtpAddressIndex::isAmbiguous(QStringView address) const
{
    const Entry *entry = find(address);
    return entry && entry->mailbox.isNull();
}

qsizetype SmtpAddressIndex::memoryUsage() const
{
    return qsizetype((m_entries.capacity() + m_pending.capacity()) * sizeof(Entry));
}

} // namespace smtpauth
