// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/historyview.h"

#include "models/changejournal.h"
#include "models/historytablemodel.h"
#include "models/journalexport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

namespace smtpauth {

namespace {

Q_LOGGING_CATEGORY(lcHistoryView, "smtpauth.ui")

// Typing in a filter box re-queries the journal; a short pause keeps a 100k-change journal from being read
// once per keystroke.
constexpr int filterDelayMs = 250;

const char *const dateTimeFormat = "yyyy-MM-dd HH:mm";

QString localTimeText(const QDateTime &utc)
{
    return utc.isValid() ? utc.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) : QString();
}

QString batchKindText(BatchKind kind)
{
    switch (kind) {
    case BatchKind::Apply:
        return HistoryView::tr("Apply");
    case BatchKind::Undo:
        return HistoryView::tr("Undo");
    case BatchKind::Import:
        return HistoryView::tr("CSV import");
    case BatchKind::Org:
        return HistoryView::tr("Org setting");
    }
    return machineName(kind);
}

} // namespace

HistoryView::HistoryView(ChangeJournal *journal, QWidget *parent)
    : QWidget(parent), m_journal(journal), m_model(new HistoryTableModel(this)),
      m_proxy(new QSortFilterProxyModel(this)), m_filterDelay(new QTimer(this))
{
    setObjectName(QStringLiteral("historyView"));
    setAccessibleName(tr("Change history"));

    m_proxy->setObjectName(QStringLiteral("historySortModel"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(HistoryTableModel::SortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setSortLocaleAware(true);

    m_filterDelay->setSingleShot(true);
    m_filterDelay->setInterval(filterDelayMs);
    connect(m_filterDelay, &QTimer::timeout, this, &HistoryView::refresh);

    new QVBoxLayout(this);
    buildFilterRow();
    buildTable();
    buildButtonRow();
    refresh();
}

HistoryView::~HistoryView() = default;

void HistoryView::buildFilterRow()
{
    auto *row = new QHBoxLayout;
    auto *outer = qobject_cast<QVBoxLayout *>(layout());

    const QDateTime startOfToday(QDate::currentDate(), QTime(0, 0));

    m_sinceCheck = new QCheckBox(tr("&Since"), this);
    m_sinceCheck->setObjectName(QStringLiteral("historySinceCheck"));
    m_sinceCheck->setAccessibleName(tr("Limit to changes since"));
    m_sinceCheck->setToolTip(tr("Unchecked: any time"));
    m_sinceCheck->setAccessibleDescription(
        tr("Checked: only changes from the time beside it; unchecked: any time."));
    m_sinceEdit = new QDateTimeEdit(startOfToday.addDays(-30), this);
    m_sinceEdit->setObjectName(QStringLiteral("historySinceEdit"));
    m_sinceEdit->setAccessibleName(tr("Changes since (local time)"));
    m_sinceEdit->setAccessibleDescription(
        tr("The earliest time of the changes shown, when Since is checked."));
    m_sinceEdit->setDisplayFormat(QString::fromLatin1(dateTimeFormat));
    m_sinceEdit->setCalendarPopup(true);
    m_sinceEdit->setEnabled(false);

    m_untilCheck = new QCheckBox(tr("&Until"), this);
    m_untilCheck->setObjectName(QStringLiteral("historyUntilCheck"));
    m_untilCheck->setAccessibleName(tr("Limit to changes until"));
    m_untilCheck->setToolTip(tr("Unchecked: any time"));
    m_untilCheck->setAccessibleDescription(
        tr("Checked: only changes up to the time beside it; unchecked: any time."));
    m_untilEdit = new QDateTimeEdit(startOfToday.addDays(1).addSecs(-60), this);
    m_untilEdit->setObjectName(QStringLiteral("historyUntilEdit"));
    m_untilEdit->setAccessibleName(tr("Changes until (local time, inclusive)"));
    m_untilEdit->setAccessibleDescription(tr("The latest time of the changes shown, when Until is checked."));
    m_untilEdit->setDisplayFormat(QString::fromLatin1(dateTimeFormat));
    m_untilEdit->setCalendarPopup(true);
    m_untilEdit->setEnabled(false);

    auto *mailboxLabel = new QLabel(tr("&Mailbox:"), this);
    m_mailboxEdit = new QLineEdit(this);
    m_mailboxEdit->setObjectName(QStringLiteral("historyMailboxEdit"));
    m_mailboxEdit->setAccessibleName(tr("Mailbox filter"));
    m_mailboxEdit->setAccessibleDescription(
        tr("Shows only the changes of mailboxes whose name or address contains the text."));
    m_mailboxEdit->setPlaceholderText(tr("Exact address or GUID"));
    m_mailboxEdit->setClearButtonEnabled(true);
    m_mailboxEdit->setMinimumWidth(m_mailboxEdit->fontMetrics().averageCharWidth() * 24);
    mailboxLabel->setBuddy(m_mailboxEdit);

    auto *operatorLabel = new QLabel(tr("&Operator:"), this);
    m_operatorEdit = new QLineEdit(this);
    m_operatorEdit->setObjectName(QStringLiteral("historyOperatorEdit"));
    m_operatorEdit->setAccessibleName(tr("Operator filter"));
    m_operatorEdit->setAccessibleDescription(
        tr("Shows only the changes made by accounts containing the text."));
    m_operatorEdit->setPlaceholderText(tr("Exact sign-in name"));
    m_operatorEdit->setClearButtonEnabled(true);
    m_operatorEdit->setMinimumWidth(m_operatorEdit->fontMetrics().averageCharWidth() * 20);
    operatorLabel->setBuddy(m_operatorEdit);

    auto *outcomeLabel = new QLabel(tr("O&utcome:"), this);
    m_outcomeCombo = new QComboBox(this);
    m_outcomeCombo->setObjectName(QStringLiteral("historyOutcomeCombo"));
    m_outcomeCombo->setAccessibleName(tr("Outcome filter"));
    m_outcomeCombo->setAccessibleDescription(tr("Shows only the changes with the outcome chosen."));
    // The longest outcome words would otherwise make the combo eat the row.
    m_outcomeCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_outcomeCombo->setMinimumContentsLength(14);
    m_outcomeCombo->addItem(tr("Any outcome"));
    for (ChangeState state :
         {ChangeState::Applied, ChangeState::Failed, ChangeState::Conflict, ChangeState::NoOp,
          ChangeState::Unknown, ChangeState::Sent, ChangeState::Intended})
        m_outcomeCombo->addItem(HistoryTableModel::outcomeText(state), QVariant::fromValue(state));
    outcomeLabel->setBuddy(m_outcomeCombo);

    m_clearFiltersButton = new QPushButton(tr("Clear filters"), this);
    m_clearFiltersButton->setObjectName(QStringLiteral("historyClearFiltersButton"));
    m_clearFiltersButton->setAccessibleName(tr("Clear all history filters"));
    m_clearFiltersButton->setAccessibleDescription(tr("Shows every change again."));

    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("historyCountLabel"));
    m_countLabel->setAccessibleName(tr("Number of changes shown"));

    // Two rows, so the tab still fits a laptop screen beside the mailbox list.
    row->addWidget(mailboxLabel);
    row->addWidget(m_mailboxEdit, 3);
    row->addWidget(operatorLabel);
    row->addWidget(m_operatorEdit, 2);
    row->addWidget(outcomeLabel);
    row->addWidget(m_outcomeCombo, 1);
    auto *timeRow = new QHBoxLayout;
    timeRow->addWidget(m_sinceCheck);
    timeRow->addWidget(m_sinceEdit);
    timeRow->addWidget(m_untilCheck);
    timeRow->addWidget(m_untilEdit);
    timeRow->addWidget(m_clearFiltersButton);
    timeRow->addStretch(1);
    timeRow->addWidget(m_countLabel);
    outer->addLayout(row);
    outer->addLayout(timeRow);

    // Choices take effect at once; typed text and date spinning wait for a pause.
    connect(m_sinceCheck, &QCheckBox::toggled, m_sinceEdit, &QWidget::setEnabled);
    connect(m_untilCheck, &QCheckBox::toggled, m_untilEdit, &QWidget::setEnabled);
    connect(m_sinceCheck, &QCheckBox::toggled, this, &HistoryView::refresh);
    connect(m_untilCheck, &QCheckBox::toggled, this, &HistoryView::refresh);
    connect(m_outcomeCombo, &QComboBox::currentIndexChanged, this, &HistoryView::refresh);
    connect(m_sinceEdit, &QDateTimeEdit::dateTimeChanged, this, &HistoryView::scheduleRefresh);
    connect(m_untilEdit, &QDateTimeEdit::dateTimeChanged, this, &HistoryView::scheduleRefresh);
    connect(m_mailboxEdit, &QLineEdit::textChanged, this, &HistoryView::scheduleRefresh);
    connect(m_operatorEdit, &QLineEdit::textChanged, this, &HistoryView::scheduleRefresh);
    connect(m_mailboxEdit, &QLineEdit::returnPressed, this, &HistoryView::refresh);
    connect(m_operatorEdit, &QLineEdit::returnPressed, this, &HistoryView::refresh);
    connect(m_clearFiltersButton, &QPushButton::clicked, this, &HistoryView::clearFilters);
}

void HistoryView::buildTable()
{
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("historyTable"));
    m_table->setAccessibleName(tr("Change history"));
    m_table->setAccessibleDescription(tr("One row per change, newest first. Select a row to see its trail."));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(HistoryTableModel::ChangeColumn, Qt::DescendingOrder);
    // One row height for every row: a journal of 100k changes must scroll without measuring each row.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionsMovable(true);
    // Column widths come from the first rows only (a 100k journal must not be measured) and are capped,
    // so a long server message cannot push the outcome off screen.
    m_table->horizontalHeader()->setResizeContentsPrecision(100);
    m_table->horizontalHeader()->setMaximumSectionSize(m_table->fontMetrics().averageCharWidth() * 40);

    m_details = new QPlainTextEdit(this);
    m_details->setObjectName(QStringLiteral("historyDetails"));
    m_details->setAccessibleName(tr("Trail of the selected change"));
    m_details->setAccessibleDescription(
        tr("Read-only: who changed what, when, why, and every step the change went through."));
    m_details->setReadOnly(true);
    // Plain text on purpose: names and server messages are other people's input and must not render HTML.
    m_details->setLineWrapMode(QPlainTextEdit::WidgetWidth);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("historySplitter"));
    splitter->setAccessibleName(tr("History table and details"));
    splitter->addWidget(m_table);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 4);
    splitter->setStretchFactor(1, 1);
    qobject_cast<QVBoxLayout *>(layout())->addWidget(splitter, 1);

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &HistoryView::updateSelectionDependents);
}

void HistoryView::buildButtonRow()
{
    auto *row = new QHBoxLayout;

    m_refreshButton = new QPushButton(tr("&Refresh"), this);
    m_refreshButton->setObjectName(QStringLiteral("historyRefreshButton"));
    m_refreshButton->setAccessibleName(tr("Reload the history from the journal"));
    m_refreshButton->setAccessibleDescription(tr("Reads the journal again with the current filters."));

    m_exportCsvButton = new QPushButton(tr("Export &CSV…"), this);
    m_exportCsvButton->setObjectName(QStringLiteral("historyExportCsvButton"));
    m_exportCsvButton->setAccessibleName(tr("Export the shown changes as CSV"));
    m_exportCsvButton->setAccessibleDescription(
        tr("Asks for a file and writes the changes shown, for auditors."));

    m_exportJsonButton = new QPushButton(tr("Export &JSON…"), this);
    m_exportJsonButton->setObjectName(QStringLiteral("historyExportJsonButton"));
    m_exportJsonButton->setAccessibleName(tr("Export the shown changes as JSON"));
    m_exportJsonButton->setAccessibleDescription(
        tr("Asks for a file and writes the changes shown, for auditors."));

    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("historyStatusLabel"));
    m_statusLabel->setAccessibleName(tr("History status"));
    m_statusLabel->setTextFormat(Qt::PlainText);
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_undoChangeButton = new QPushButton(tr("Undo &change"), this);
    m_undoChangeButton->setObjectName(QStringLiteral("historyUndoChangeButton"));
    m_undoChangeButton->setAccessibleName(tr("Undo the selected change"));
    m_undoChangeButton->setToolTip(tr("Restore the value before the selected applied change"));

    m_undoBatchButton = new QPushButton(tr("Undo &batch"), this);
    m_undoBatchButton->setObjectName(QStringLiteral("historyUndoBatchButton"));
    m_undoBatchButton->setAccessibleName(tr("Undo the batch of the selected change"));
    m_undoBatchButton->setToolTip(
        tr("Restore the values before every change of the selected change's batch"));

    row->addWidget(m_refreshButton);
    row->addWidget(m_exportCsvButton);
    row->addWidget(m_exportJsonButton);
    row->addWidget(m_statusLabel, 1);
    row->addWidget(m_undoChangeButton);
    row->addWidget(m_undoBatchButton);
    qobject_cast<QVBoxLayout *>(layout())->addLayout(row);

    connect(m_refreshButton, &QPushButton::clicked, this, &HistoryView::refresh);
    connect(m_exportCsvButton, &QPushButton::clicked, this, [this] { chooseExportFile(Format::Csv); });
    connect(m_exportJsonButton, &QPushButton::clicked, this, [this] { chooseExportFile(Format::Json); });
    connect(m_undoChangeButton, &QPushButton::clicked, this, &HistoryView::requestUndoOfChange);
    connect(m_undoBatchButton, &QPushButton::clicked, this, &HistoryView::requestUndoOfBatch);
}

HistoryFilter HistoryView::filter() const
{
    HistoryFilter filter;
    if (m_sinceCheck->isChecked()) {
        QDateTime since = m_sinceEdit->dateTime();
        since.setTime(QTime(since.time().hour(), since.time().minute()));
        filter.since = since.toUTC();
    }
    if (m_untilCheck->isChecked()) {
        // The edit shows minutes; "until 10:05" means up to the end of that minute.
        QDateTime until = m_untilEdit->dateTime();
        until.setTime(QTime(until.time().hour(), until.time().minute(), 59, 999));
        filter.until = until.toUTC();
    }
    filter.mailbox = m_mailboxEdit->text().trimmed();
    filter.operatorUpn = m_operatorEdit->text().trimmed();
    const QVariant outcome = m_outcomeCombo->currentData();
    if (outcome.isValid())
        filter.outcome = outcome.value<ChangeState>();
    return filter;
}

void HistoryView::scheduleRefresh()
{
    m_filterDelay->start();
}

void HistoryView::refresh()
{
    m_filterDelay->stop();

    QList<qint64> selectedIds;
    for (const HistoryEntry &entry : selectedEntries())
        selectedIds.append(entry.change.id);
    const qint64 currentId = m_table->currentIndex().isValid()
                                 ? m_table->currentIndex().data(HistoryTableModel::ChangeIdRole).toLongLong()
                                 : 0;

    if (!m_journal || !m_journal->isOpen()) {
        m_model->clear();
        showStatus(tr("The journal is not open: no history to show."));
        m_journalUnavailableShown = true;
    } else {
        m_model->setEntries(m_journal->history(filter()));
        if (m_journalUnavailableShown)
            showStatus(QString());
        m_journalUnavailableShown = false;
    }

    // A refresh after an apply must not lose the row the user was looking at.
    QItemSelection restored;
    for (qint64 id : std::as_const(selectedIds)) {
        const int sourceRow = m_model->rowOfChange(id);
        if (sourceRow < 0)
            continue;
        const QModelIndex proxyIndex = m_proxy->mapFromSource(m_model->index(sourceRow, 0));
        restored.select(proxyIndex, proxyIndex.siblingAtColumn(HistoryTableModel::ColumnCount - 1));
    }
    QItemSelectionModel *selection = m_table->selectionModel();
    {
        const QSignalBlocker quiet(selection);
        if (currentId != 0 && m_model->rowOfChange(currentId) >= 0)
            selection->setCurrentIndex(
                m_proxy->mapFromSource(m_model->index(m_model->rowOfChange(currentId), 0)),
                QItemSelectionModel::NoUpdate);
        selection->select(restored, QItemSelectionModel::ClearAndSelect);
    }

    m_countLabel->setText(tr("Changes shown: %n", nullptr, m_model->rowCount()));
    // Size the columns once, when there is something to measure; later refreshes keep the user's widths.
    if (!m_columnsSized && m_model->rowCount() > 0) {
        m_table->resizeColumnsToContents();
        m_columnsSized = true;
    }
    m_exportCsvButton->setEnabled(m_model->rowCount() > 0);
    m_exportJsonButton->setEnabled(m_model->rowCount() > 0);
    updateSelectionDependents();
}

QList<HistoryEntry> HistoryView::shownEntries() const
{
    QList<HistoryEntry> entries;
    entries.reserve(m_proxy->rowCount());
    for (int row = 0; row < m_proxy->rowCount(); ++row)
        entries.append(m_model->entryAt(m_proxy->mapToSource(m_proxy->index(row, 0)).row()));
    return entries;
}

QList<HistoryEntry> HistoryView::selectedEntries() const
{
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QList<HistoryEntry> entries;
    entries.reserve(rows.size());
    for (const QModelIndex &index : std::as_const(rows))
        entries.append(m_model->entryAt(m_proxy->mapToSource(index).row()));
    return entries;
}

std::optional<HistoryEntry> HistoryView::singleSelectedApplied() const
{
    const QList<HistoryEntry> selected = selectedEntries();
    if (selected.size() != 1 || selected.first().change.state != ChangeState::Applied)
        return std::nullopt;
    return selected.first();
}

void HistoryView::setUndoAllowed(bool allowed)
{
    m_undoAllowed = allowed;
    m_undoChangeButton->setVisible(allowed);
    m_undoBatchButton->setVisible(allowed);
    updateSelectionDependents();
}

void HistoryView::updateSelectionDependents()
{
    const QList<HistoryEntry> selected = selectedEntries();
    // Only an applied change has a "before" the server actually left; undoing a failed or no-op change
    // would write a value nobody asked for.
    const bool canUndo = m_undoAllowed && singleSelectedApplied().has_value();
    m_undoChangeButton->setEnabled(canUndo);
    m_undoBatchButton->setEnabled(canUndo);
    if (canUndo) {
        const HistoryEntry &entry = selected.first();
        m_undoChangeButton->setText(tr("Undo &change %1").arg(changeLabel(entry.change.id)));
        m_undoBatchButton->setText(tr("Undo &batch %1").arg(batchLabel(entry.change.batchId)));
    } else {
        m_undoChangeButton->setText(tr("Undo &change"));
        m_undoBatchButton->setText(tr("Undo &batch"));
    }
    updateDetails(selected);
}

void HistoryView::updateDetails(const QList<HistoryEntry> &selected)
{
    if (selected.isEmpty()) {
        m_details->setPlainText(tr("Select a change to see its full trail."));
        return;
    }
    if (selected.size() > 1) {
        m_details->setPlainText(
            tr("Changes selected: %n. Select one to see its trail.", nullptr, int(selected.size())));
        return;
    }
    const HistoryEntry &entry = selected.first();
    const ChangeRecord &change = entry.change;
    const BatchRecord &batch = entry.batch;

    QStringList lines;
    lines << tr("%1 in batch %2 (%3) by %4")
                 .arg(changeLabel(change.id), batchLabel(change.batchId), batchKindText(batch.kind),
                      batch.operatorUpn);
    if (change.targetKind == ChangeTargetKind::Org) {
        lines << tr("Target: the organization");
    } else {
        lines << tr("Target: %1 (%2)").arg(change.targetAddress, change.targetDisplayName);
        lines << tr("Mailbox GUID: %1").arg(change.targetGuid.toString(QUuid::WithoutBraces));
    }
    lines << tr("Change: %1 → %2")
                 .arg(HistoryTableModel::valueText(change.targetKind, change.before),
                      HistoryTableModel::valueText(change.targetKind, change.after));
    lines << tr("Reason: %1").arg(HistoryTableModel::effectiveReason(entry));
    const QString ticket = HistoryTableModel::effectiveTicket(entry);
    if (!ticket.isEmpty())
        lines << tr("Ticket: %1").arg(ticket);
    if (batch.undoOfChange != 0)
        lines << tr("Undoes change %1").arg(changeLabel(batch.undoOfChange));
    else if (batch.undoOfBatch != 0)
        lines << tr("Undoes batch %1").arg(batchLabel(batch.undoOfBatch));
    lines << QString() << tr("Trail (local time):");

    const QList<ChangeEvent> events = m_journal ? m_journal->eventsOf(change.id) : QList<ChangeEvent>();
    if (events.isEmpty())
        lines << tr("  (no events recorded)");
    for (const ChangeEvent &event : events) {
        QString line = QStringLiteral("  ") + localTimeText(event.timeUtc) + QStringLiteral("  ") +
                       HistoryTableModel::outcomeText(event.state);
        if (!event.serverMessage.isEmpty())
            line += QStringLiteral(": ") + event.serverMessage;
        if (!event.clientRequestId.isEmpty())
            line += QStringLiteral("  ") + tr("[request %1]").arg(event.clientRequestId);
        lines << line;
    }
    m_details->setPlainText(lines.join(QLatin1Char('\n')));
}

void HistoryView::requestUndoOfChange()
{
    if (const auto entry = singleSelectedApplied(); entry && m_undoAllowed)
        Q_EMIT undoRequested(changeLabel(entry->change.id));
}

void HistoryView::requestUndoOfBatch()
{
    if (const auto entry = singleSelectedApplied(); entry && m_undoAllowed)
        Q_EMIT undoRequested(batchLabel(entry->change.batchId));
}

void HistoryView::clearFilters()
{
    {
        // One refresh for the whole reset, not one per control.
        const QSignalBlocker a(m_sinceCheck), b(m_untilCheck), c(m_mailboxEdit), d(m_operatorEdit),
            e(m_outcomeCombo);
        m_sinceCheck->setChecked(false);
        m_untilCheck->setChecked(false);
        m_mailboxEdit->clear();
        m_operatorEdit->clear();
        m_outcomeCombo->setCurrentIndex(0);
    }
    m_sinceEdit->setEnabled(false);
    m_untilEdit->setEnabled(false);
    refresh();
}

bool HistoryView::exportTo(const QString &path, Format format, QString *error) const
{
    const QList<HistoryEntry> entries = shownEntries();
    const QByteArray bytes =
        format == Format::Csv ? JournalExport::toCsv(entries) : JournalExport::toJson(entries);
    QSaveFile file(path);
    auto fail = [&](const QString &message) {
        qCWarning(lcHistoryView) << "history export failed:" << message;
        if (error)
            *error = message;
        return false;
    };
    if (!file.open(QIODevice::WriteOnly))
        return fail(tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    if (file.write(bytes) != bytes.size())
        return fail(tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    if (!file.commit())
        return fail(tr("Cannot save %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    return true;
}

void HistoryView::chooseExportFile(Format format)
{
    const bool csv = format == Format::Csv;
    auto *dialog = new QFileDialog(this, csv ? tr("Export history as CSV") : tr("Export history as JSON"));
    dialog->setObjectName(QStringLiteral("historyExportDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setFileMode(QFileDialog::AnyFile);
    dialog->setNameFilter(csv ? tr("CSV files (*.csv)") : tr("JSON files (*.json)"));
    dialog->setDefaultSuffix(csv ? QStringLiteral("csv") : QStringLiteral("json"));
    const QString directory = m_lastExportDirectory.isEmpty() ? QDir::homePath() : m_lastExportDirectory;
    dialog->setDirectory(directory);
    dialog->selectFile(QStringLiteral("smtpauth-history-") +
                       QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmm")) +
                       (csv ? QStringLiteral(".csv") : QStringLiteral(".json")));
    connect(dialog, &QFileDialog::fileSelected, this,
            [this, format](const QString &path) { exportChosenFile(path, format); });
    // open(), not exec(): no nested event loop in the product (engineering rules).
    dialog->open();
}

void HistoryView::exportChosenFile(const QString &path, Format format)
{
    if (path.isEmpty())
        return;
    m_lastExportDirectory = QFileInfo(path).absolutePath();
    QString error;
    if (!exportTo(path, format, &error)) {
        showStatus(error);
        return;
    }
    showStatus(
        tr("Exported to %1 (changes: %n)", nullptr, m_proxy->rowCount()).arg(QDir::toNativeSeparators(path)));
    Q_EMIT exported(path);
}

void HistoryView::showStatus(const QString &text)
{
    m_statusLabel->setText(text);
}

} // namespace smtpauth
