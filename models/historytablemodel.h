// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/journalrecords.h"

#include <QAbstractTableModel>
#include <QList>

namespace smtpauth {

// The journal's history as a table (product.md flow 7), newest change first.
//
// Read-only and QtCore only: the history view (ui/) puts a sort proxy on top of it, and the same model can
// serve any other front end. Display texts are the product's words ("Enabled", "Applied"); the raw records
// and the labels people type (C12, B3) are available through roles so that nothing above has to parse
// display text back.
class HistoryTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        ChangeColumn,      // C12
        BatchColumn,       // B3
        TimeColumn,        // local time; ISO 8601 UTC in SortRole and the tooltip
        OperatorColumn,    // the batch's operator UPN
        TargetColumn,      // the mailbox address, or "Organization"
        NameColumn,        // the mailbox display name at the time of the change
        BeforeAfterColumn, // "Enabled → Disabled"
        OutcomeColumn,     // the latest state, in words
        MessageColumn,     // the server's message of the latest event
        ReasonColumn,      // the change's own reason, else its batch's
        TicketColumn,      // the change's own ticket, else its batch's
        ColumnCount
    };
    enum Role
    {
        ChangeRecordRole = Qt::UserRole + 1, // smtpauth::ChangeRecord
        BatchRecordRole,                     // smtpauth::BatchRecord
        ChangeLabelRole,                     // QString "C12"
        BatchLabelRole,                      // QString "B3"
        ChangeIdRole,                        // qint64
        BatchIdRole,                         // qint64
        ChangeStateRole,                     // smtpauth::ChangeState
        // A value that sorts correctly for the column: ids as numbers, time as ISO 8601 UTC text,
        // everything else as its display text.
        SortRole,
    };

    explicit HistoryTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Replaces all rows (one model reset). `entries` may come in any order; the model keeps them
    // newest first (by change id, which the journal hands out in creation order).
    void setEntries(QList<HistoryEntry> entries);
    void clear();
    const QList<HistoryEntry> &entries() const { return m_entries; }
    const HistoryEntry &entryAt(int row) const { return m_entries.at(row); }
    // The row of a change, -1 when it is not shown.
    int rowOfChange(qint64 changeId) const;

    // The product's words for an outcome, shared with the history view's outcome filter.
    static QString outcomeText(ChangeState state);
    // "Enabled", "Disabled", "Inherit" for a journal machine word; an unknown word is shown as it is.
    static QString valueText(ChangeTargetKind kind, const QString &machineWord);
    // "Organization" for the org target, else the address as recorded.
    static QString targetText(const ChangeRecord &change);
    // The reason and ticket that apply to a change: its own (a CSV import row), else its batch's.
    static QString effectiveReason(const HistoryEntry &entry);
    static QString effectiveTicket(const HistoryEntry &entry);

private:
    QString displayText(const HistoryEntry &entry, int column) const;
    QVariant sortValue(const HistoryEntry &entry, int column) const;

    QList<HistoryEntry> m_entries;
};

} // namespace smtpauth
