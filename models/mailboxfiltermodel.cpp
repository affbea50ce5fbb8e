// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/mailboxfiltermodel.h"

#include "models/mailboxtablemodel.h"
#include "models/naturalorder.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <numeric>

namespace smtpauth {

namespace {

// Above this many rows in one dataChanged (the org switch flips every row), re-filtering everything
// once is cheaper than looking at each row's place.
constexpr int kRowByRowLimit = 256;

// std::merge's result, with k·log(n) comparisons instead of n + k: a page of 1000 rows merged into an
// order of 100k rows costs ~17k string compares instead of ~100k, which is what kept the UI thread busy
// while a tenant loads into a sorted window. Each new row goes after every base row that is not greater
// (as std::merge places equal elements of the first range first).
template <typename Less>
std::vector<int> mergeFew(const std::vector<int> &base, const std::vector<int> &sortedFew, Less less)
{
    std::vector<int> merged;
    merged.reserve(base.size() + sortedFew.size());
    auto from = base.begin();
    for (const int row : sortedFew) {
        const auto to = std::upper_bound(from, base.end(), row, less);
        merged.insert(merged.end(), from, to);
        merged.push_back(row);
        from = to;
    }
    merged.insert(merged.end(), from, base.end());
    return merged;
}

bool isKeyColumn(int column)
{
    return column == MailboxTableModel::DisplayNameColumn || column == MailboxTableModel::AddressColumn ||
           column == MailboxTableModel::OverrideColumn || column == MailboxTableModel::EffectiveColumn ||
           column == MailboxTableModel::SourceColumn || column == MailboxTableModel::BasicNowColumn ||
           column == MailboxTableModel::DecidedByColumn;
}

// The readiness sort keys: the verdict, and the shown layer (none first) then the verdict.
int basicNowKey(PackedVerdict verdict)
{
    return int(verdict.verdict());
}

int decidedByKey(PackedVerdict verdict)
{
    const std::optional<ReadinessLayer> layer = verdict.shownLayer();
    return (layer ? int(*layer) + 1 : 0) * 4 + int(verdict.verdict());
}

} // namespace

MailboxFilterModel::MailboxFilterModel(QObject *parent) : QAbstractProxyModel(parent) {}

void MailboxFilterModel::setMailboxModel(MailboxTableModel *model)
{
    setSourceModel(model);
}

void MailboxFilterModel::setSourceModel(QAbstractItemModel *model)
{
    beginResetModel();
    for (const QMetaObject::Connection &connection : std::as_const(m_connections))
        disconnect(connection);
    m_connections.clear();
    QAbstractProxyModel::setSourceModel(model);
    m_mailboxes = qobject_cast<MailboxTableModel *>(model);
    if (model) {
        m_connections = {
            connect(model, &QObject::destroyed, this,
                    [this] {
                        beginResetModel();
                        m_mailboxes = nullptr;
                        m_order.clear();
                        m_position.clear();
                        m_shown.clear();
                        m_isShown.clear();
                        endResetModel();
                    }),
            connect(model, &QAbstractItemModel::modelAboutToBeReset, this,
                    &MailboxFilterModel::onSourceAboutToBeReset),
            connect(model, &QAbstractItemModel::modelReset, this, &MailboxFilterModel::onSourceReset),
            connect(model, &QAbstractItemModel::rowsAboutToBeInserted, this,
                    &MailboxFilterModel::onSourceRowsAboutToBeInserted),
            connect(model, &QAbstractItemModel::rowsInserted, this,
                    &MailboxFilterModel::onSourceRowsInserted),
            connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this,
                    &MailboxFilterModel::onSourceStructureAboutToChange),
            connect(model, &QAbstractItemModel::rowsRemoved, this,
                    &MailboxFilterModel::onSourceStructureChanged),
            connect(model, &QAbstractItemModel::rowsAboutToBeMoved, this,
                    &MailboxFilterModel::onSourceStructureAboutToChange),
            connect(model, &QAbstractItemModel::rowsMoved, this,
                    &MailboxFilterModel::onSourceStructureChanged),
            connect(model, &QAbstractItemModel::layoutAboutToBeChanged, this,
                    &MailboxFilterModel::onSourceStructureAboutToChange),
            connect(model, &QAbstractItemModel::layoutChanged, this,
                    &MailboxFilterModel::onSourceStructureChanged),
            // Columns are fixed in a MailboxTableModel; anything else changing them is a reset here.
            connect(model, &QAbstractItemModel::columnsAboutToBeInserted, this,
                    &MailboxFilterModel::onSourceAboutToBeReset),
            connect(model, &QAbstractItemModel::columnsInserted, this, &MailboxFilterModel::onSourceReset),
            connect(model, &QAbstractItemModel::columnsAboutToBeRemoved, this,
                    &MailboxFilterModel::onSourceAboutToBeReset),
            connect(model, &QAbstractItemModel::columnsRemoved, this, &MailboxFilterModel::onSourceReset),
            connect(model, &QAbstractItemModel::columnsAboutToBeMoved, this,
                    &MailboxFilterModel::onSourceAboutToBeReset),
            connect(model, &QAbstractItemModel::columnsMoved, this, &MailboxFilterModel::onSourceReset),
            connect(model, &QAbstractItemModel::dataChanged, this, &MailboxFilterModel::onSourceDataChanged),
            connect(model, &QAbstractItemModel::headerDataChanged, this,
                    &MailboxFilterModel::onSourceHeaderDataChanged),
        };
    }
    rebuildAll();
    endResetModel();
}

// --- filter --------------------------------------------------------------------------------------

void MailboxFilterModel::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_searchText)
        return;
    QByteArray needle = MailboxStore::searchNeedle(trimmed);
    // Another letter typed: only what matched before can match now.
    const Scope scope = needle.contains(m_needle) ? Scope::ShownRows : Scope::AllRows;
    m_searchText = trimmed;
    m_needle = std::move(needle);
    refilter(scope);
}

void MailboxFilterModel::setEffectiveFilter(std::optional<EffectiveState> state)
{
    if (state == m_effective)
        return;
    const Scope scope = m_effective ? Scope::AllRows : Scope::ShownRows;
    m_effective = state;
    refilter(scope);
}

void MailboxFilterModel::setSourceFilter(std::optional<StateSource> source)
{
    if (source == m_source)
        return;
    const Scope scope = m_source ? Scope::AllRows : Scope::ShownRows;
    m_source = source;
    refilter(scope);
}

void MailboxFilterModel::setOverrideFilter(std::optional<Override> value)
{
    if (value == m_override)
        return;
    const Scope scope = m_override ? Scope::AllRows : Scope::ShownRows;
    m_override = value;
    refilter(scope);
}

void MailboxFilterModel::setBasicNowFilter(std::optional<Verdict> verdict)
{
    if (verdict == m_basicNow)
        return;
    const Scope scope = m_basicNow ? Scope::AllRows : Scope::ShownRows;
    m_basicNow = verdict;
    refilter(scope);
}

void MailboxFilterModel::setDecidedByFilter(std::optional<ReadinessLayer> layer)
{
    if (layer == m_decidedBy)
        return;
    const Scope scope = m_decidedBy ? Scope::AllRows : Scope::ShownRows;
    m_decidedBy = layer;
    refilter(scope);
}

bool MailboxFilterModel::acceptsMailboxRow(int sourceRow) const
{
    if (!m_mailboxes)
        return false;
    const MailboxStore &store = m_mailboxes->store();
    const Override value = store.smtpAuthOverride(sourceRow);
    if (m_override && value != *m_override)
        return false;
    if (m_effective || m_source) {
        const Effective effective = resolveEffective(value, m_mailboxes->orgSetting());
        if (m_effective && effective.state != *m_effective)
            return false;
        if (m_source && effective.source != *m_source)
            return false;
    }
    if (m_basicNow || m_decidedBy) {
        const PackedVerdict verdict = m_mailboxes->basicNowAt(sourceRow);
        if (m_basicNow && verdict.verdict() != *m_basicNow)
            return false;
        if (m_decidedBy && verdict.shownLayer() != m_decidedBy)
            return false;
    }
    return store.matchesNeedle(sourceRow, m_needle);
}

std::vector<int> MailboxFilterModel::filtered(const std::vector<int> &candidates, Scope scope) const
{
    if (!m_mailboxes)
        return candidates; // another model: nothing to filter on
    const MailboxStore &store = m_mailboxes->store();
    // The state filters depend on the override value alone (the org setting is one for all rows):
    // decide them once per value instead of once per row.
    std::array<bool, 3> valueAccepted{};
    for (Override value : {Override::Inherit, Override::Enabled, Override::Disabled}) {
        const Effective effective = resolveEffective(value, m_mailboxes->orgSetting());
        valueAccepted[size_t(value)] = (!m_override || value == *m_override) &&
                                       (!m_effective || effective.state == *m_effective) &&
                                       (!m_source || effective.source == *m_source);
    }
    const bool allValues = valueAccepted[0] && valueAccepted[1] && valueAccepted[2];
    const bool byReadiness = m_basicNow || m_decidedBy;
    if (allValues && !byReadiness && m_needle.isEmpty())
        return candidates;
    // The readiness filters depend on the override value and the row's Basic-layers byte alone: decide
    // them once per (value, byte) pair, so a row costs one table look-up as for the state filters.
    std::vector<quint8> readinessAccepted;
    if (byReadiness) {
        readinessAccepted.assign(3 * 256, 0);
        for (Override value : {Override::Inherit, Override::Enabled, Override::Disabled}) {
            if (!valueAccepted[size_t(value)])
                continue;
            const EffectiveState state = resolveEffective(value, m_mailboxes->orgSetting()).state;
            for (int bits = 0; bits < 256; ++bits) {
                const PackedVerdict verdict =
                    ReadinessEvaluator::withSetting(state, PackedVerdict::fromBits(quint8(bits)));
                readinessAccepted[size_t(value) * 256 + size_t(bits)] =
                    (!m_basicNow || verdict.verdict() == *m_basicNow) &&
                    (!m_decidedBy || verdict.shownLayer() == m_decidedBy);
            }
        }
    }
    const QByteArrayView needle(m_needle);
    auto accepts = [&](int row) {
        const size_t value = size_t(store.smtpAuthOverride(row));
        const bool byValue = byReadiness
                                 ? readinessAccepted[value * 256 + m_mailboxes->basicLayersBits(row)] != 0
                                 : valueAccepted[value];
        return byValue && store.matchesNeedle(row, needle);
    };
    std::vector<int> accepted;
    const size_t rows = m_isShown.size();
    if (scope != Scope::Listed && candidates.size() * 8 >= rows) {
        // Candidates come in sort order, which is random order in memory: for many of them, test the
        // rows in storage order (sequential reads of records and keys) and keep the sort order from a
        // byte map, which is a few times faster than chasing each row.
        std::vector<quint8> match(rows, 0);
        size_t matched = 0;
        for (size_t row = 0; row < rows; ++row) {
            if ((scope == Scope::AllRows || m_isShown[row]) && accepts(int(row))) {
                match[row] = 1;
                ++matched;
            }
        }
        accepted.reserve(matched);
        for (const int row : candidates) {
            if (match[size_t(row)])
                accepted.push_back(row);
        }
        return accepted;
    }
    for (const int row : candidates) {
        if (accepts(row))
            accepted.push_back(row);
    }
    return accepted;
}

void MailboxFilterModel::refilter(Scope scope)
{
    applyShown(filtered(scope == Scope::ShownRows ? m_shown : m_order, scope));
}

void MailboxFilterModel::applyShown(std::vector<int> shown)
{
    if (shown == m_shown)
        return;
    // An empty side is a plain insert or remove of everything.
    if (m_shown.empty() || shown.empty()) {
        const bool inserting = m_shown.empty();
        const int last = int(inserting ? shown.size() : m_shown.size()) - 1;
        if (inserting)
            beginInsertRows({}, 0, last);
        else
            beginRemoveRows({}, 0, last);
        for (const int row : m_shown)
            m_isShown[size_t(row)] = 0;
        m_shown = std::move(shown);
        for (const int row : m_shown)
            m_isShown[size_t(row)] = 1;
        if (inserting)
            endInsertRows();
        else
            endRemoveRows();
        return;
    }
    // Rows leave and arrive all over a sorted view. One signal per contiguous run (what a
    // QSortFilterProxyModel sends) costs a view a pass over its rows each, thousands of times for a
    // keystroke. Instead: one layout change that moves the leaving rows to the end, one removal of
    // that tail, one insertion of the arriving rows at the end, one layout change into place. Views and
    // selection models handle each of these in one go, and a selection keeps exactly its shown rows
    // (a single layout change that also changed the row count would drop a select-all).
    std::vector<quint8> inNew(m_isShown.size(), 0);
    for (const int row : shown)
        inNew[size_t(row)] = 1;
    std::vector<int> kept;
    std::vector<int> added;
    kept.reserve(shown.size());
    for (const int row : shown)
        (m_isShown[size_t(row)] ? kept : added).push_back(row);
    if (kept.size() < m_shown.size()) {
        std::vector<int> staged = kept;
        staged.reserve(m_shown.size());
        for (const int row : m_shown) {
            if (!inNew[size_t(row)])
                staged.push_back(row);
        }
        if (staged != m_shown) {
            beginLayoutChange();
            m_shown = std::move(staged);
            m_shownSorted = false;
            endLayoutChange();
        }
        beginRemoveRows({}, int(kept.size()), int(m_shown.size()) - 1);
        for (size_t i = kept.size(); i < m_shown.size(); ++i)
            m_isShown[size_t(m_shown[i])] = 0;
        m_shown.resize(kept.size());
        m_shownSorted = true; // `kept` is in the new order
        endRemoveRows();
    }
    if (!added.empty()) {
        beginInsertRows({}, int(m_shown.size()), int(m_shown.size() + added.size()) - 1);
        m_shown.insert(m_shown.end(), added.begin(), added.end());
        for (const int row : added)
            m_isShown[size_t(row)] = 1;
        m_shownSorted = false;
        endInsertRows();
    }
    if (m_shown != shown) {
        beginLayoutChange();
        m_shown = std::move(shown);
        m_shownSorted = true;
        endLayoutChange();
    }
    m_shownSorted = true;
}

// --- order ---------------------------------------------------------------------------------------

bool MailboxFilterModel::sortsByKey() const
{
    return m_mailboxes && isKeyColumn(m_sortColumn);
}

int MailboxFilterModel::compareRows(int leftRow, int rightRow) const
{
    const MailboxStore &store = m_mailboxes->store();
    switch (m_sortColumn) {
    case MailboxTableModel::DisplayNameColumn:
        return NaturalOrder::compare(store.foldedDisplayName(leftRow), store.foldedDisplayName(rightRow));
    case MailboxTableModel::AddressColumn:
        return NaturalOrder::compare(store.foldedAddress(leftRow), store.foldedAddress(rightRow));
    case MailboxTableModel::OverrideColumn:
        return int(store.smtpAuthOverride(leftRow)) - int(store.smtpAuthOverride(rightRow));
    case MailboxTableModel::EffectiveColumn:
        return int(m_mailboxes->effectiveAt(leftRow).state) - int(m_mailboxes->effectiveAt(rightRow).state);
    case MailboxTableModel::SourceColumn:
        return int(m_mailboxes->effectiveAt(leftRow).source) - int(m_mailboxes->effectiveAt(rightRow).source);
    case MailboxTableModel::BasicNowColumn:
        return basicNowKey(m_mailboxes->basicNowAt(leftRow)) - basicNowKey(m_mailboxes->basicNowAt(rightRow));
    case MailboxTableModel::DecidedByColumn:
        return decidedByKey(m_mailboxes->basicNowAt(leftRow)) -
               decidedByKey(m_mailboxes->basicNowAt(rightRow));
    default:
        return 0;
    }
}

bool MailboxFilterModel::lessThan(int leftRow, int rightRow) const
{
    const int order = compareRows(leftRow, rightRow);
    if (order == 0)
        return leftRow < rightRow; // stable: equal keys keep the source order, in both directions
    return m_sortOrder == Qt::AscendingOrder ? order < 0 : order > 0;
}

void MailboxFilterModel::rebuildOrder()
{
    const int count = sourceModel() ? sourceModel()->rowCount() : 0;
    m_order.resize(size_t(count));
    std::iota(m_order.begin(), m_order.end(), 0);
    if (sortsByKey()) {
        if (m_sortColumn == MailboxTableModel::DisplayNameColumn ||
            m_sortColumn == MailboxTableModel::AddressColumn) {
            const MailboxStore &store = m_mailboxes->store();
            const bool byName = m_sortColumn == MailboxTableModel::DisplayNameColumn;
            std::vector<std::pair<quint64, int>> keyed(static_cast<size_t>(count));
            for (int row = 0; row < count; ++row)
                keyed[size_t(row)] = {
                    NaturalOrder::prefixKey(byName ? store.foldedDisplayName(row) : store.foldedAddress(row)),
                    row};
            const bool ascending = m_sortOrder == Qt::AscendingOrder;
            std::sort(keyed.begin(), keyed.end(), [&](const auto &a, const auto &b) {
                if (a.first != b.first)
                    return ascending ? a.first < b.first : a.first > b.first;
                return lessThan(a.second, b.second);
            });
            for (int i = 0; i < count; ++i)
                m_order[size_t(i)] = keyed[size_t(i)].second;
        } else {
            std::sort(m_order.begin(), m_order.end(), [this](int a, int b) { return lessThan(a, b); });
        }
    }
    // Columns without a key (staged, last change) keep the source order.
    m_position.resize(size_t(count));
    rebuildPositions();
}

void MailboxFilterModel::rebuildPositions(size_t from)
{
    for (size_t i = from; i < m_order.size(); ++i)
        m_position[size_t(m_order[i])] = int(i);
}

void MailboxFilterModel::rebuildAll()
{
    rebuildOrder();
    m_isShown.assign(m_order.size(), 0);
    m_shown = filtered(m_order, Scope::AllRows);
    for (const int row : m_shown)
        m_isShown[size_t(row)] = 1;
}

void MailboxFilterModel::sort(int column, Qt::SortOrder order)
{
    if (column == m_sortColumn && order == m_sortOrder)
        return;
    beginLayoutChange(QAbstractItemModel::VerticalSortHint);
    m_sortColumn = column;
    m_sortOrder = order;
    rebuildOrder();
    // The same rows stay shown; only their order changes.
    std::vector<int> shown;
    shown.reserve(m_shown.size());
    for (const int row : m_order) {
        if (m_isShown[size_t(row)])
            shown.push_back(row);
    }
    m_shown = std::move(shown);
    endLayoutChange(QAbstractItemModel::VerticalSortHint);
}

// --- mapping -------------------------------------------------------------------------------------

int MailboxFilterModel::proxyRowOfSource(int sourceRow) const
{
    if (sourceRow < 0 || size_t(sourceRow) >= m_isShown.size() || !m_isShown[size_t(sourceRow)])
        return -1;
    if (!m_shownSorted) { // only between the steps of applyShown
        const auto found = std::find(m_shown.begin(), m_shown.end(), sourceRow);
        return found == m_shown.end() ? -1 : int(found - m_shown.begin());
    }
    const int position = m_position[size_t(sourceRow)];
    const auto found =
        std::lower_bound(m_shown.begin(), m_shown.end(), position,
                         [this](int row, int wanted) { return m_position[size_t(row)] < wanted; });
    return found != m_shown.end() && *found == sourceRow ? int(found - m_shown.begin()) : -1;
}

QModelIndex MailboxFilterModel::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || column < 0 || row >= rowCount() || column >= columnCount())
        return {};
    return createIndex(row, column);
}

QModelIndex MailboxFilterModel::parent(const QModelIndex &) const
{
    return {};
}

QModelIndex MailboxFilterModel::sibling(int row, int column, const QModelIndex &) const
{
    return index(row, column);
}

int MailboxFilterModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_shown.size());
}

int MailboxFilterModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !sourceModel() ? 0 : sourceModel()->columnCount();
}

bool MailboxFilterModel::hasChildren(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_shown.empty();
}

QVariant MailboxFilterModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (!sourceModel())
        return {};
    if (orientation == Qt::Horizontal)
        return sourceModel()->headerData(section, orientation, role);
    if (section < 0 || size_t(section) >= m_shown.size())
        return {};
    return sourceModel()->headerData(m_shown[size_t(section)], orientation, role);
}

QModelIndex MailboxFilterModel::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!proxyIndex.isValid() || !sourceModel() || proxyIndex.model() != this ||
        size_t(proxyIndex.row()) >= m_shown.size())
        return {};
    return sourceModel()->index(m_shown[size_t(proxyIndex.row())], proxyIndex.column());
}

QModelIndex MailboxFilterModel::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!sourceIndex.isValid() || sourceIndex.model() != sourceModel() || sourceIndex.parent().isValid())
        return {};
    const int row = proxyRowOfSource(sourceIndex.row());
    return row < 0 ? QModelIndex() : createIndex(row, sourceIndex.column());
}

// --- layout changes ------------------------------------------------------------------------------

void MailboxFilterModel::beginLayoutChange(QAbstractItemModel::LayoutChangeHint hint)
{
    Q_EMIT layoutAboutToBeChanged({}, hint);
    m_layoutChanging = true;
    m_layoutProxyIndexes = persistentIndexList();
    m_layoutSourceIndexes.clear();
    m_layoutSourceIndexes.reserve(m_layoutProxyIndexes.size());
    for (const QModelIndex &index : std::as_const(m_layoutProxyIndexes))
        m_layoutSourceIndexes.append(mapToSource(index));
}

void MailboxFilterModel::endLayoutChange(QAbstractItemModel::LayoutChangeHint hint)
{
    if (!m_layoutChanging)
        return;
    m_layoutChanging = false;
    QModelIndexList to;
    to.reserve(m_layoutSourceIndexes.size());
    std::vector<int> proxyRowOf; // when m_shown is not in sort order, a binary search cannot find rows
    if (!m_shownSorted && !m_layoutSourceIndexes.isEmpty()) {
        proxyRowOf.assign(m_isShown.size(), -1);
        for (size_t i = 0; i < m_shown.size(); ++i)
            proxyRowOf[size_t(m_shown[i])] = int(i);
    }
    for (const QPersistentModelIndex &source : std::as_const(m_layoutSourceIndexes)) {
        if (proxyRowOf.empty() || !source.isValid() || size_t(source.row()) >= proxyRowOf.size()) {
            to.append(mapFromSource(source));
            continue;
        }
        const int row = proxyRowOf[size_t(source.row())];
        to.append(row < 0 ? QModelIndex() : createIndex(row, source.column()));
    }
    changePersistentIndexList(m_layoutProxyIndexes, to);
    m_layoutProxyIndexes.clear();
    m_layoutSourceIndexes.clear();
    Q_EMIT layoutChanged({}, hint);
}

// --- source changes ------------------------------------------------------------------------------

void MailboxFilterModel::onSourceAboutToBeReset()
{
    beginResetModel();
}

void MailboxFilterModel::onSourceReset()
{
    rebuildAll();
    endResetModel();
}

void MailboxFilterModel::onSourceRowsAboutToBeInserted(const QModelIndex &parent, int first, int)
{
    if (parent.isValid())
        return;
    // Loads append; anything else is handled as a change of the whole layout.
    m_appendPending = size_t(first) == m_order.size();
    if (!m_appendPending)
        beginLayoutChange();
}

void MailboxFilterModel::onSourceRowsInserted(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    if (!m_appendPending) {
        rebuildAll();
        endLayoutChange();
        return;
    }
    m_appendPending = false;
    std::vector<int> fresh(size_t(last - first + 1));
    std::iota(fresh.begin(), fresh.end(), first);
    m_position.resize(size_t(last) + 1);
    m_isShown.resize(size_t(last) + 1, 0);
    const std::vector<int> accepted = filtered(fresh, Scope::Listed);

    if (!sortsByKey()) {
        // Source order: new rows go to the end, as one insert.
        m_order.insert(m_order.end(), fresh.begin(), fresh.end());
        rebuildPositions(size_t(first));
        if (accepted.empty())
            return;
        beginInsertRows({}, int(m_shown.size()), int(m_shown.size() + accepted.size()) - 1);
        m_shown.insert(m_shown.end(), accepted.begin(), accepted.end());
        for (const int row : accepted)
            m_isShown[size_t(row)] = 1;
        endInsertRows();
        return;
    }

    // Sorted: the page is sorted on its own and merged in, one pass over the order (no full re-sort).
    const auto less = [this](int a, int b) { return lessThan(a, b); };
    std::sort(fresh.begin(), fresh.end(), less);
    std::vector<int> order = mergeFew(m_order, fresh, less);
    if (accepted.empty()) {
        m_order = std::move(order);
        rebuildPositions();
        return;
    }
    m_order = std::move(order);
    rebuildPositions();
    std::vector<int> acceptedSorted = accepted;
    std::sort(acceptedSorted.begin(), acceptedSorted.end(), less);
    applyShown(mergeFew(m_shown, acceptedSorted, less));
}

void MailboxFilterModel::onSourceStructureAboutToChange()
{
    beginLayoutChange();
}

void MailboxFilterModel::onSourceStructureChanged()
{
    rebuildAll();
    endLayoutChange();
}

void MailboxFilterModel::onSourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                                             const QList<int> &roles)
{
    if (!topLeft.isValid() || topLeft.parent().isValid() || size_t(bottomRight.row()) >= m_order.size())
        return;
    const int first = topLeft.row();
    const int last = bottomRight.row();
    const int left = topLeft.column();
    const int right = bottomRight.column();
    auto forward = [&](int firstProxy, int lastProxy) {
        if (firstProxy <= lastProxy)
            Q_EMIT dataChanged(index(firstProxy, left), index(lastProxy, right), roles);
    };

    // Which columns can move a row in or out of the filter, or within the sort.
    bool keysTouched = false;
    for (int column = left; column <= right && !keysTouched; ++column)
        keysTouched = isKeyColumn(column);
    if (!keysTouched || !m_mailboxes) {
        if (last - first >= kRowByRowLimit) {
            forward(0, rowCount() - 1);
            return;
        }
        int firstProxy = rowCount();
        int lastProxy = -1;
        for (int row = first; row <= last; ++row) {
            const int proxyRow = proxyRowOfSource(row);
            if (proxyRow >= 0) {
                firstProxy = qMin(firstProxy, proxyRow);
                lastProxy = qMax(lastProxy, proxyRow);
            }
        }
        forward(firstProxy, lastProxy);
        return;
    }

    const bool sortTouched = sortsByKey() && m_sortColumn >= left && m_sortColumn <= right;
    // Several rows with new sort keys at once cannot be placed one by one (their neighbours move too).
    if (last - first >= kRowByRowLimit || (sortTouched && last > first)) {
        if (sortTouched) {
            // The shown rows keep their mapping until applyShown moves them: m_shown is re-sorted
            // against the new order inside a layout change first.
            beginLayoutChange();
            rebuildOrder();
            std::vector<int> resorted;
            resorted.reserve(m_shown.size());
            for (const int row : m_order) {
                if (m_isShown[size_t(row)])
                    resorted.push_back(row);
            }
            m_shown = std::move(resorted);
            endLayoutChange();
        }
        applyShown(filtered(m_order, Scope::AllRows));
        forward(0, rowCount() - 1);
        return;
    }

    for (int row = first; row <= last; ++row) {
        const bool wasShown = m_isShown[size_t(row)];
        const bool accepted = acceptsMailboxRow(row);
        const size_t position = size_t(m_position[size_t(row)]);
        const bool inOrder =
            !sortTouched || ((position == 0 || lessThan(m_order[position - 1], row)) &&
                             (position + 1 == m_order.size() || lessThan(row, m_order[position + 1])));
        if (wasShown && accepted && inOrder) {
            const int proxyRow = proxyRowOfSource(row);
            forward(proxyRow, proxyRow);
            continue;
        }
        const auto reorder = [&] {
            if (inOrder)
                return;
            m_order.erase(m_order.begin() + qsizetype(position));
            const auto at = std::upper_bound(m_order.begin(), m_order.end(), row,
                                             [this](int a, int b) { return lessThan(a, b); });
            const size_t target = size_t(at - m_order.begin());
            m_order.insert(at, row);
            rebuildPositions(qMin(position, target));
        };
        const auto insertionPoint = [&] {
            return int(std::lower_bound(m_shown.begin(), m_shown.end(), m_position[size_t(row)],
                                        [this](int shownRow, int wanted) {
                                            return m_position[size_t(shownRow)] < wanted;
                                        }) -
                       m_shown.begin());
        };
        if (wasShown && !accepted) {
            const int proxyRow = proxyRowOfSource(row);
            beginRemoveRows({}, proxyRow, proxyRow);
            m_shown.erase(m_shown.begin() + proxyRow);
            m_isShown[size_t(row)] = 0;
            endRemoveRows();
            reorder();
        } else if (!wasShown && accepted) {
            reorder();
            const int proxyRow = insertionPoint();
            beginInsertRows({}, proxyRow, proxyRow);
            m_shown.insert(m_shown.begin() + proxyRow, row);
            m_isShown[size_t(row)] = 1;
            endInsertRows();
        } else if (!wasShown) {
            reorder();
        } else {
            // Shown before and after, at another place.
            beginLayoutChange();
            m_shown.erase(m_shown.begin() + proxyRowOfSource(row));
            reorder();
            m_shown.insert(m_shown.begin() + insertionPoint(), row);
            endLayoutChange();
            const int proxyRow = proxyRowOfSource(row);
            forward(proxyRow, proxyRow);
        }
    }
}

void MailboxFilterModel::onSourceHeaderDataChanged(Qt::Orientation orientation, int first, int last)
{
    if (orientation == Qt::Horizontal)
        Q_EMIT headerDataChanged(orientation, first, last);
    else if (!m_shown.empty())
        Q_EMIT headerDataChanged(orientation, 0, rowCount() - 1);
}

} // namespace smtpauth
