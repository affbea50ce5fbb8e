// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/readinessvocabulary.h"
#include "models/smtpauthpolicy.h"

#include <QAbstractProxyModel>
#include <QByteArray>
#include <QPersistentModelIndex>
#include <optional>
#include <vector>

namespace smtpauth {

class MailboxTableModel;

// Search, filters and sorting over a MailboxTableModel: search text (name, address, alias; substring,
// case-insensitive), optional filters on effective state, source, override value, Basic-now verdict and
// deciding layer, and a sort on any column.
//
// Why not QSortFilterProxyModel (benchmark P3, docs/benchmarks.md): it re-sorts every match on each filter
// change, through a virtual lessThan per comparison. Here the order of all rows for the sort column is
// computed once (on the store's precomputed case-folded keys, collator-free) and kept while rows come and go;
// a filter change is then one linear pass over that order, and a search that only grows (another letter
// typed) re-tests only the rows that matched before. Reads the store directly instead of going through
// QVariant data(), because it runs for every row on every keystroke.
//
// Changes that move many rows at once (a filter change, a page of a load when sorted) are announced as
// at most four signals (see applyShown) with the persistent indexes (selection, current row) carried
// over; changes of a single row (an applied or staged override) as that row's insert, remove or data
// change.
class MailboxFilterModel : public QAbstractProxyModel
{
    Q_OBJECT
public:
    explicit MailboxFilterModel(QObject *parent = nullptr);

    void setMailboxModel(MailboxTableModel *model);
    MailboxTableModel *mailboxModel() const { return m_mailboxes; }
    void setSourceModel(QAbstractItemModel *model) override;

    QString searchText() const { return m_searchText; }
    void setSearchText(const QString &text);
    void setEffectiveFilter(std::optional<EffectiveState> state);
    void setSourceFilter(std::optional<StateSource> source);
    void setOverrideFilter(std::optional<Override> value);
    std::optional<EffectiveState> effectiveFilter() const { return m_effective; }
    std::optional<StateSource> sourceFilter() const { return m_source; }
    std::optional<Override> overrideFilter() const { return m_override; }
    // Readiness (readiness.md §1). The deciding layer is the one the "Decided by" column shows: the
    // blocking layer of a blocked row, the first unknown layer of an unknown one.
    void setBasicNowFilter(std::optional<Verdict> verdict);
    void setDecidedByFilter(std::optional<ReadinessLayer> layer);
    std::optional<Verdict> basicNowFilter() const { return m_basicNow; }
    std::optional<ReadinessLayer> decidedByFilter() const { return m_decidedBy; }

    // Row test shared by the view and the CLI, so both answer the same question the same way.
    bool acceptsMailboxRow(int sourceRow) const;

    // -1: the source order.
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    QModelIndex sibling(int row, int column, const QModelIndex &index) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;

private:
    // Which rows a filter change has to look at: the shown ones (m_shown), all (m_order), or a list.
    enum class Scope
    {
        ShownRows,
        AllRows,
        Listed
    };

    bool lessThan(int leftRow, int rightRow) const; // in the current sort, ties in source order
    int compareRows(int leftRow, int rightRow) const;
    bool sortsByKey() const;
    int proxyRowOfSource(int sourceRow) const; // -1 when hidden
    // Recomputes m_order (and positions) for the current sort column over all source rows.
    void rebuildOrder();
    void rebuildPositions(size_t from = 0);
    // Recomputes m_shown from `scope` and announces it as one layout change.
    void refilter(Scope scope);
    std::vector<int> filtered(const std::vector<int> &candidates, Scope scope) const;
    // Makes `shown` (in sort order; m_order/m_position already final) what the proxy shows, with few signals.
    void applyShown(std::vector<int> shown);
    void rebuildAll();

    // A layout change: saves the persistent indexes as source rows before, maps them back after.
    void
    beginLayoutChange(QAbstractItemModel::LayoutChangeHint hint = QAbstractItemModel::NoLayoutChangeHint);
    void endLayoutChange(QAbstractItemModel::LayoutChangeHint hint = QAbstractItemModel::NoLayoutChangeHint);

    void onSourceAboutToBeReset();
    void onSourceReset();
    void onSourceRowsAboutToBeInserted(const QModelIndex &parent, int first, int last);
    void onSourceRowsInserted(const QModelIndex &parent, int first, int last);
    void onSourceStructureAboutToChange();
    void onSourceStructureChanged();
    void onSourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                             const QList<int> &roles);
    void onSourceHeaderDataChanged(Qt::Orientation orientation, int first, int last);

    MailboxTableModel *m_mailboxes = nullptr;
    QList<QMetaObject::Connection> m_connections;

    QString m_searchText;
    QByteArray m_needle;
    std::optional<EffectiveState> m_effective;
    std::optional<StateSource> m_source;
    std::optional<Override> m_override;
    std::optional<Verdict> m_basicNow;
    std::optional<ReadinessLayer> m_decidedBy;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;

    std::vector<int> m_order;      // every source row, in sort order
    std::vector<int> m_position;   // source row -> index in m_order
    std::vector<int> m_shown;      // the accepted source rows, in sort order: proxy row -> source row
    std::vector<quint8> m_isShown; // source row -> 1 when in m_shown

    bool m_shownSorted = true; // false only between the steps of applyShown
    bool m_appendPending = false;
    bool m_layoutChanging = false;
    QModelIndexList m_layoutProxyIndexes;
    QList<QPersistentModelIndex> m_layoutSourceIndexes;
};

} // namespace smtpauth
