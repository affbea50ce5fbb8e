// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/readinessreport.h"

#include <QAbstractTableModel>
#include <QByteArray>
#include <QPointer>
#include <memory>
#include <optional>
#include <vector>

namespace smtpauth {

class MailboxTableModel;
class SignInAggregate;

// The Readiness tab's table: one row per mailbox of a ReadinessReport, with its class, state, verdict,
// the evidence and the advice. Built for 100k rows like the mailbox table: the order of every row for
// the sort column is computed once on precomputed keys (the store's folded names, numbers), a class
// filter or a search is one linear pass over that order with no allocation per row, and a search that
// only grows re-tests only the rows that matched before. Filtering and sorting happen here (no proxy):
// the report does not change while it is shown; a new one replaces it as a whole.
class ReadinessTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        ClassColumn,
        DisplayNameColumn,
        AddressColumn,
        EffectiveColumn,
        BasicNowColumn,
        DecidedByColumn,
        BasicSignInsColumn,
        BasicFailuresColumn,
        LastBasicSignInColumn,
        ClientAddressesColumn,
        SmtpAppUsedColumn,
        ReportProtocolsColumn,
        AdviceColumn,
        ColumnCount
    };
    enum Role
    {
        GuidRole = Qt::UserRole + 1, // QUuid
        ClassRole,                   // smtpauth::ReadinessClass
        MailboxRowRole,              // int, row in the MailboxStore
    };

    // `mailboxes` owns the store the report's rows point into; a reset of it drops the report at once
    // (the rows would point at other mailboxes) until the next one is set.
    explicit ReadinessTableModel(MailboxTableModel *mailboxes, QObject *parent = nullptr);

    void setReport(std::shared_ptr<const ReadinessReport> report, const SignInAggregate *signIns);
    std::shared_ptr<const ReadinessReport> report() const { return m_report; }

    void setClassFilter(std::optional<ReadinessClass> readinessClass);
    std::optional<ReadinessClass> classFilter() const { return m_classFilter; }
    void setSearchText(const QString &text);
    QString searchText() const { return m_searchText; }
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // The mailbox rows shown, in the order shown (for exports of what is on screen).
    const std::vector<int> &shownMailboxRows() const { return m_shown; }
    QList<int> shownMailboxRowList() const;
    int mailboxRowAt(int row) const { return m_shown[size_t(row)]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void dropReport();
    void rebuildOrder();
    void refilter(bool onlyShown);
    bool accepts(int mailboxRow) const;
    int compare(int left, int right) const;

    QPointer<MailboxTableModel> m_mailboxes;
    std::shared_ptr<const ReadinessReport> m_report;
    const SignInAggregate *m_signIns = nullptr;
    std::optional<ReadinessClass> m_classFilter;
    QString m_searchText;
    QByteArray m_needle;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    std::vector<int> m_order; // every mailbox row in the current sort
    std::vector<int> m_shown; // the accepted ones, in that order
};

} // namespace smtpauth
