// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/journalhistoryfilter.h"
#include "models/journalrecords.h"

#include <QList>
#include <QString>
#include <QWidget>
#include <optional>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTimer;

namespace smtpauth {

class ChangeJournal;
class HistoryTableModel;

// The History tab (product.md flow 7): the journal with filters, its export for auditors, and the
// entry point of undo (flow 6).
//
// It only reads the journal. Undo is a request (undoRequested) that the window hands to the engine, which
// owns the write path and the conflict dialog; the view has no business rule of its own beyond "only an
// applied change can be undone". The journal is not watched: call refresh() after every apply or undo.
class HistoryView : public QWidget
{
    Q_OBJECT
public:
    enum class Format
    {
        Csv,
        Json
    };

    // `journal` is borrowed, read-only, and must outlive the view; it may be null or closed (the view is
    // then empty and says why).
    explicit HistoryView(ChangeJournal *journal, QWidget *parent = nullptr);
    ~HistoryView() override;

    // Re-reads the journal with the current filter, keeping the selected changes selected.
    void refresh();

    // The filter the controls describe (times in UTC; an unchecked bound is invalid = unbounded).
    HistoryFilter filter() const;

    // The entries as shown: filtered and in the table's current sort order.
    QList<HistoryEntry> shownEntries() const;
    // The entries of the selected rows, in the table's order.
    QList<HistoryEntry> selectedEntries() const;

    // Writes the shown entries (JournalExport's CSV or JSON) atomically: either the whole file or none.
    bool exportTo(const QString &path, Format format, QString *error = nullptr) const;

    // Read-only accounts: the undo buttons stay disabled whatever is selected.
    void setUndoAllowed(bool allowed);

    // The export buttons' file dialog (opened with open()); the File menu's Export uses it too.
    void chooseExportFile(Format format);

Q_SIGNALS:
    // "C12" (undo one change) or "B3" (undo a batch): the labels the CLI's `undo` accepts.
    void undoRequested(const QString &label);
    // After a successful export through the buttons.
    void exported(const QString &path);

private:
    void buildFilterRow();
    void buildTable();
    void buildButtonRow();
    void scheduleRefresh();
    void updateSelectionDependents();
    void updateDetails(const QList<HistoryEntry> &selected);
    void exportChosenFile(const QString &path, Format format);
    void requestUndoOfChange();
    void requestUndoOfBatch();
    void clearFilters();
    void showStatus(const QString &text);
    std::optional<HistoryEntry> singleSelectedApplied() const;

    ChangeJournal *m_journal = nullptr;
    HistoryTableModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTimer *m_filterDelay = nullptr;
    bool m_undoAllowed = true;
    bool m_journalUnavailableShown = false;
    bool m_columnsSized = false;
    QString m_lastExportDirectory;

    QCheckBox *m_sinceCheck = nullptr;
    QDateTimeEdit *m_sinceEdit = nullptr;
    QCheckBox *m_untilCheck = nullptr;
    QDateTimeEdit *m_untilEdit = nullptr;
    QLineEdit *m_mailboxEdit = nullptr;
    QLineEdit *m_operatorEdit = nullptr;
    QComboBox *m_outcomeCombo = nullptr;
    QPushButton *m_clearFiltersButton = nullptr;
    QLabel *m_countLabel = nullptr;
    QTableView *m_table = nullptr;
    QPlainTextEdit *m_details = nullptr;
    QPushButton *m_refreshButton = nullptr;
    QPushButton *m_exportCsvButton = nullptr;
    QPushButton *m_exportJsonButton = nullptr;
    QPushButton *m_undoChangeButton = nullptr;
    QPushButton *m_undoBatchButton = nullptr;
    QLabel *m_statusLabel = nullptr;
};

} // namespace smtpauth
