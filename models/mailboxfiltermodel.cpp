#include "mailboxfiltermodel.h"

#include "mailboxtablemodel.h"

namespace smtpauth {

MailboxFilterModel::MailboxFilterModel(QObject *parent) : QSortFilterProxyModel(parent) {}

void MailboxFilterModel::setMailboxModel(MailboxTableModel *model)
{
    m_mailboxes = model;
    setSourceModel(model);
}

void MailboxFilterModel::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_searchText)
        return;
    m_searchText = trimmed;
    m_foldedSearch = MailboxStore::foldForSearch(trimmed);
    invalidateFilter();
}

void MailboxFilterModel::setEffectiveFilter(std::optional<EffectiveState> state)
{
    if (state == m_effective)
        return;
    m_effective = state;
    invalidateFilter();
}

void MailboxFilterModel::setSourceFilter(std::optional<StateSource> source)
{
    if (source == m_source)
        return;
    m_source = source;
    invalidateFilter();
}

void MailboxFilterModel::setOverrideFilter(std::optional<Override> value)
{
    if (value == m_override)
        return;
    m_override = value;
    invalidateFilter();
}

bool MailboxFilterModel::acceptsMailboxRow(int sourceRow) const
{
    if (!m_mailboxes)
        return false;
    const MailboxStore &store = m_mailboxes->store();
    if (m_override && store.smtpAuthOverride(sourceRow) != *m_override)
        return false;
    if (m_effective || m_source) {
        const Effective effective = m_mailboxes->effectiveAt(sourceRow);
        if (m_effective && effective.state != *m_effective)
            return false;
        if (m_source && effective.source != *m_source)
            return false;
    }
    return store.matchesSearch(sourceRow, m_foldedSearch);
}

bool MailboxFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    return !sourceParent.isValid() && acceptsMailboxRow(sourceRow);
}

bool MailboxFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    if (!m_mailboxes)
        return QSortFilterProxyModel::lessThan(left, right);
    const MailboxStore &store = m_mailboxes->store();
    const int a = left.row();
    const int b = right.row();
    switch (left.column()) {
    case MailboxTableModel::DisplayNameColumn:
        return store.displayName(a).compare(store.displayName(b), Qt::CaseInsensitive) < 0;
    case MailboxTableModel::AddressColumn:
        return store.primarySmtpAddress(a).compare(store.primarySmtpAddress(b), Qt::CaseInsensitive) < 0;
    case MailboxTableModel::OverrideColumn:
        return store.smtpAuthOverride(a) < store.smtpAuthOverride(b);
    case MailboxTableModel::EffectiveColumn:
        return m_mailboxes->effectiveAt(a).state < m_mailboxes->effectiveAt(b).state;
    case MailboxTableModel::SourceColumn:
        return m_mailboxes->effectiveAt(a).source < m_mailboxes->effectiveAt(b).source;
    default:
        return a < b;
    }
}

} // namespace smtpauth
