// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/readinessview.h"

#include "engine/consolesession.h"
#include "engine/cutoffreadiness.h"
#include "engine/profileruntime.h"
#include "engine/signedinsession.h"
#include "models/mailboxtablemodel.h"
#include "models/readinesstablemodel.h"
#include "report/readinesspdfreport.h"
#include "ui/largetableview.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalBarSeries>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>

namespace smtpauth {

namespace {
constexpr int kPeriods[] = {7, 30, 90, 180};

QString stateText(const QString &state)
{
    if (state == QLatin1String("read"))
        return ReadinessView::tr("read");
    if (state == QLatin1String("unavailable"))
        return ReadinessView::tr("unavailable");
    return ReadinessView::tr("not given");
}

QString sourceText(UsageEvidence::Source source)
{
    switch (source) {
    case UsageEvidence::Source::UsageReport:
        return ReadinessView::tr("Usage report");
    case UsageEvidence::Source::SignInLogs:
        return ReadinessView::tr("Sign-in logs");
    case UsageEvidence::Source::SmtpAuthReport:
        return ReadinessView::tr("SMTP AUTH clients report");
    }
    return QString();
}
} // namespace

ReadinessView::ReadinessView(ConsoleSession *session, MailboxTableModel *mailboxes, QWidget *parent)
    : QWidget(parent), m_session(session), m_readiness(session->readiness()), m_mailboxes(mailboxes),
      m_model(new ReadinessTableModel(mailboxes, this))
{
    setObjectName(QStringLiteral("readinessView"));
    setAcceptDrops(true);
    auto *layout = new QVBoxLayout(this);

    m_headline = new QLabel(this);
    m_headline->setObjectName(QStringLiteral("readinessHeadline"));
    m_headline->setWordWrap(true);
    QFont headlineFont = m_headline->font();
    headlineFont.setPointSizeF(headlineFont.pointSizeF() * 1.3);
    headlineFont.setBold(true);
    m_headline->setFont(headlineFont);
    layout->addWidget(m_headline);

    auto *top = new QHBoxLayout;
    m_chart = new QChart;
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->legend()->hide();
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chartView = new QChartView(m_chart, this);
    m_chartView->setObjectName(QStringLiteral("readinessChart"));
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(250);
    m_chartView->setAccessibleName(tr("Mailboxes per readiness class"));
    m_chartView->setAccessibleDescription(
        tr("A bar per readiness class with its number of mailboxes; the headline and the table say the "
           "same in words."));
    top->addWidget(m_chartView, 3);

    auto *side = new QVBoxLayout;
    m_sources = new QLabel(this);
    m_sources->setObjectName(QStringLiteral("readinessSources"));
    m_sources->setWordWrap(true);
    m_sources->setTextFormat(Qt::RichText);
    m_sources->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    side->addWidget(m_sources, 1);
    auto *readRow = new QFormLayout;
    m_period = new QComboBox(this);
    m_period->setObjectName(QStringLiteral("readinessPeriod"));
    for (int days : kPeriods)
        m_period->addItem(tr("Last %1 days (D%1)").arg(days), days);
    m_period->setCurrentIndex(1);
    m_period->setAccessibleName(tr("Usage period"));
    m_period->setAccessibleDescription(tr("How many days of the usage report Read usage reads."));
    m_signInDays = new QSpinBox(this);
    m_signInDays->setObjectName(QStringLiteral("readinessSignInDays"));
    m_signInDays->setRange(1, 30);
    m_signInDays->setValue(30);
    m_signInDays->setSuffix(tr(" days"));
    m_signInDays->setToolTip(tr("Sign-in logs are kept 30 days (Entra ID P1 or P2)."));
    m_signInDays->setAccessibleName(tr("Sign-ins of the last days"));
    readRow->addRow(tr("Usage period:"), m_period);
    readRow->addRow(tr("Sign-ins of the last:"), m_signInDays);
    side->addLayout(readRow);
    auto *buttons = new QHBoxLayout;
    m_readAgain = new QPushButton(tr("&Read usage"), this);
    m_readAgain->setObjectName(QStringLiteral("readinessReadAgain"));
    m_readAgain->setAccessibleDescription(
        tr("Reads the usage report and the sign-in logs again for the period chosen."));
    auto *importButton = new QPushButton(tr("&Import SMTP AUTH report…"), this);
    importButton->setObjectName(QStringLiteral("readinessImport"));
    importButton->setToolTip(
        tr("The CSV exported from the Exchange admin center: Reports > Mail flow > SMTP AUTH "
           "clients. You can also drop the file here."));
    m_unmatched = new QPushButton(tr("&Unmatched…"), this);
    m_unmatched->setObjectName(QStringLiteral("readinessUnmatched"));
    m_unmatched->setToolTip(tr("Users and senders the sources name that match no mailbox (users without a "
                               "mailbox, senders with another address)."));
    buttons->addWidget(m_readAgain);
    buttons->addWidget(importButton);
    buttons->addWidget(m_unmatched);
    side->addLayout(buttons);
    top->addLayout(side, 2);
    layout->addLayout(top);

    auto *filterRow = new QHBoxLayout;
    m_classChoice = new QComboBox(this);
    m_classChoice->setObjectName(QStringLiteral("readinessClassFilter"));
    m_classChoice->setAccessibleName(tr("Readiness class"));
    m_classChoice->setAccessibleDescription(tr("Shows only the mailboxes of the readiness class chosen."));
    m_classChoice->addItem(tr("All classes"));
    for (ReadinessClass readinessClass : kReadinessClasses)
        m_classChoice->addItem(displayText(readinessClass), QVariant::fromValue(readinessClass));
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("readinessSearch"));
    m_search->setPlaceholderText(tr("Search name or address"));
    m_search->setAccessibleName(tr("Search the readiness list"));
    m_search->setAccessibleDescription(
        tr("Shows only the mailboxes whose name or address contains the text, as you type."));
    m_search->setClearButtonEnabled(true);
    m_shownCount = new QLabel(this);
    m_resetToInherit = new QPushButton(tr("Stage reset to &inherit"), this);
    m_resetToInherit->setObjectName(QStringLiteral("readinessResetToInherit"));
    m_resetToInherit->setToolTip(
        tr("For the selected stale exceptions: stage the override back to inherit, then "
           "review it with a reason."));
    m_exportButton = new QPushButton(tr("&Export"), this);
    m_exportButton->setObjectName(QStringLiteral("readinessExport"));
    m_exportButton->setAccessibleDescription(
        tr("Writes the shown rows as CSV or JSON, or the one-page report as PDF (a menu)."));
    auto *exportMenu = new QMenu(m_exportButton);
    exportMenu->addAction(tr("Shown rows as CSV…"), this, [this] { chooseExport(ExportFormat::Csv); });
    exportMenu->addAction(tr("Shown rows as JSON…"), this, [this] { chooseExport(ExportFormat::Json); });
    exportMenu->addAction(tr("One-page report as PDF…"), this, [this] { chooseExport(ExportFormat::Pdf); });
    m_exportButton->setMenu(exportMenu);
    filterRow->addWidget(m_classChoice);
    filterRow->addWidget(m_search, 1);
    filterRow->addWidget(m_shownCount);
    filterRow->addWidget(m_resetToInherit);
    filterRow->addWidget(m_exportButton);
    layout->addLayout(filterRow);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("readinessTable"));
    m_view->setAccessibleName(tr("Readiness of every mailbox"));
    m_view->setAccessibleDescription(
        tr("One row per mailbox: its readiness class, the evidence of Basic sign-ins and the advice."));
    m_view->setModel(m_model);
    configureLargeTable(m_view, ReadinessTableModel::ClassColumn);
    m_view->setColumnWidth(ReadinessTableModel::ClassColumn, 150);
    m_view->setColumnWidth(ReadinessTableModel::DisplayNameColumn, 200);
    m_view->setColumnWidth(ReadinessTableModel::AddressColumn, 260);
    m_view->setColumnWidth(ReadinessTableModel::DecidedByColumn, 170);
    m_view->setColumnWidth(ReadinessTableModel::ClientAddressesColumn, 220);
    layout->addWidget(m_view, 1);

    connect(m_readiness, &CutoffReadiness::reportChanged, this, &ReadinessView::showReport);
    connect(m_readiness, &CutoffReadiness::readStarted, this, [this] {
        m_readAgain->setEnabled(false);
        Q_EMIT status(tr("Reading the usage evidence…"));
    });
    connect(m_readiness, &CutoffReadiness::progress, this, &ReadinessView::status);
    connect(m_readAgain, &QPushButton::clicked, this,
            [this] { m_readiness->readUsage(m_period->currentData().toInt(), m_signInDays->value()); });
    connect(importButton, &QPushButton::clicked, this, &ReadinessView::chooseImport);
    connect(m_unmatched, &QPushButton::clicked, this, [this] {
        // open(), not exec(): no nested event loop in the product (engineering rules).
        auto *box = new QMessageBox(
            QMessageBox::Information, tr("Matched no mailbox"),
            tr("These entries of the sources match no mailbox. They are not counted in any class."),
            QMessageBox::Close, this);
        box->setObjectName(QStringLiteral("unmatchedBox"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setDetailedText(unmatchedText());
        box->open();
    });
    connect(m_classChoice, &QComboBox::currentIndexChanged, this, [this] {
        const QVariant data = m_classChoice->currentData();
        m_model->setClassFilter(data.isValid() ? std::optional(data.value<ReadinessClass>()) : std::nullopt);
        updateActions();
    });
    connect(m_search, &QLineEdit::textChanged, m_model, &ReadinessTableModel::setSearchText);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ReadinessView::updateActions);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ReadinessView::updateActions);
    connect(m_resetToInherit, &QPushButton::clicked, this, &ReadinessView::stageResetToInherit);
    connect(m_session, &ConsoleSession::permissionsChanged, this, &ReadinessView::updateActions);
    showReport();
}

void ReadinessView::showReport()
{
    const std::shared_ptr<const ReadinessReport> report = m_readiness->report();
    m_readAgain->setEnabled(!m_readiness->isReading());
    m_model->setReport(report, m_readiness->signIns());
    if (!report) {
        m_headline->setText(tr("Readiness appears once the mailboxes are loaded."));
        m_sources->clear();
        updateChart();
        updateActions();
        return;
    }
    m_headline->setText(report->headline());
    QString sources = QStringLiteral("<b>%1</b><br>").arg(tr("Sources"));
    for (const ReadinessReport::SourceLine &line : report->sources()) {
        sources += QStringLiteral("%1: <i>%2</i> — %3<br>")
                       .arg(sourceText(line.source).toHtmlEscaped(), stateText(line.state).toHtmlEscaped(),
                            line.detail.toHtmlEscaped());
    }
    if (m_readiness->graphInteractionRequired())
        sources +=
            tr("Reading usage needs access to the readiness data: use \"Allow access to readiness data\".");
    m_sources->setText(sources);
    updateChart();
    updateActions();
    Q_EMIT status(report->headline());
}

void ReadinessView::updateChart()
{
    // One series and two axes for the life of the tab; a new report changes their values in place.
    if (!m_series) {
        m_series = new QHorizontalBarSeries;
        m_bars = new QBarSet(tr("Mailboxes"));
        m_bars->setColor(QColor(0x2f, 0x6f, 0xb3));
        for (qsizetype i = 0; i < qsizetype(kReadinessClasses.size()); ++i)
            m_bars->append(0);
        m_series->append(m_bars);
        m_series->setBarWidth(0.7);
        m_chart->addSeries(m_series);
        m_classAxis = new QBarCategoryAxis;
        QFont labels = font();
        labels.setPointSizeF(labels.pointSizeF() * 0.9);
        m_classAxis->setLabelsFont(labels);
        m_chart->addAxis(m_classAxis, Qt::AlignLeft);
        m_series->attachAxis(m_classAxis);
        m_countAxis = new QValueAxis;
        m_countAxis->setLabelFormat(QStringLiteral("%d"));
        m_chart->addAxis(m_countAxis, Qt::AlignBottom);
        m_series->attachAxis(m_countAxis);
    }
    const std::shared_ptr<const ReadinessReport> report = m_readiness->report();
    QStringList categories;
    int maximum = 1;
    int bar = 0;
    // Bottom to top in the chart: the first class ends up on top.
    for (auto it = kReadinessClasses.rbegin(); it != kReadinessClasses.rend(); ++it, ++bar) {
        const int count = report ? report->count(*it) : 0;
        m_bars->replace(bar, count);
        // The count in the label: the largest class (usually no use) dwarfs the others' bars.
        categories.append(QStringLiteral("%1 (%2)").arg(displayText(*it)).arg(count));
        maximum = std::max(maximum, count);
    }
    m_classAxis->setCategories(categories);
    m_countAxis->setRange(0, maximum * 1.15);
    m_countAxis->applyNiceNumbers();
}

void ReadinessView::updateActions()
{
    int staleSelected = 0;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows()) {
        if (index.data(ReadinessTableModel::ClassRole).value<ReadinessClass>() ==
            ReadinessClass::StaleException)
            ++staleSelected;
    }
    m_resetToInherit->setEnabled(staleSelected > 0 && m_session->canEditMailboxes());
    const std::shared_ptr<const ReadinessReport> report = m_model->report();
    m_shownCount->setText(report ? tr("%1 of %2").arg(m_model->rowCount()).arg(report->rows().size())
                                 : QString());
    m_exportButton->setEnabled(report != nullptr);
    qsizetype unmatched = 0;
    if (report) {
        for (const ReadinessReport::SourceLine &line : report->sources())
            unmatched += report->unmatched(line.source).count;
    }
    m_unmatched->setEnabled(unmatched > 0);
    m_unmatched->setText(unmatched > 0 ? tr("&Unmatched (%1)…").arg(unmatched) : tr("&Unmatched…"));
}

QString ReadinessView::unmatchedText() const
{
    const std::shared_ptr<const ReadinessReport> report = m_model->report();
    QString text;
    if (!report)
        return text;
    for (const ReadinessReport::SourceLine &line : report->sources()) {
        const ReadinessReport::Unmatched &unmatched = report->unmatched(line.source);
        if (unmatched.count == 0)
            continue;
        text += tr("%1 (%2):").arg(sourceText(line.source)).arg(unmatched.count) + QLatin1Char('\n');
        for (const QString &identifier : unmatched.identifiers)
            text += QStringLiteral("  ") + identifier + QLatin1Char('\n');
    }
    return text;
}

void ReadinessView::stageResetToInherit()
{
    QList<QUuid> guids;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows()) {
        // Only stale exceptions: a device that still sends keeps its exception (readiness.md §3).
        if (index.data(ReadinessTableModel::ClassRole).value<ReadinessClass>() ==
            ReadinessClass::StaleException)
            guids.append(index.data(ReadinessTableModel::GuidRole).toUuid());
    }
    if (guids.isEmpty() || !m_session->canEditMailboxes())
        return;
    const int staged = m_mailboxes->stage(guids, Override::Inherit);
    Q_EMIT status(tr("%n stale exception(s) staged to inherit; review them with a reason.", nullptr, staged));
    if (staged > 0)
        Q_EMIT reviewRequested();
}

bool ReadinessView::importSmtpAuthReport(const QString &path, QString *problem)
{
    if (!m_readiness->importSmtpAuthReport(path, problem))
        return false;
    QString message = tr("Imported %1.").arg(QFileInfo(path).fileName());
    const QStringList warnings = m_readiness->smtpAuthReportWarnings();
    if (!warnings.isEmpty())
        message +=
            QLatin1Char(' ') +
            tr("%n problem(s) in the file: %1", nullptr, int(warnings.size())).arg(warnings.constFirst());
    Q_EMIT status(message);
    return true;
}

void ReadinessView::showProblemBox(const QString &title, const QString &problem)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, problem, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("readinessProblemBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

// The file dialogs are opened with open(), never exec(): no nested event loop in the product.
void ReadinessView::chooseImport()
{
    auto *dialog = new QFileDialog(this, tr("Import the SMTP AUTH clients report"), QString(),
                                   tr("CSV files (*.csv);;All files (*)"));
    dialog->setObjectName(QStringLiteral("readinessImportDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptOpen);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        if (path.isEmpty())
            return;
        QString problem;
        if (!importSmtpAuthReport(path, &problem))
            showProblemBox(tr("Import the SMTP AUTH clients report"), problem);
    });
    dialog->open();
}

bool ReadinessView::exportShown(const QString &path, ExportFormat format, QString *problem) const
{
    const std::shared_ptr<const ReadinessReport> report = m_model->report();
    if (!report) {
        *problem = tr("There is no readiness list to export yet.");
        return false;
    }
    if (format == ExportFormat::Pdf) {
        // The management report covers the whole tenant, whatever the table shows.
        const SignedInSession *signedIn = m_session->runtime() ? m_session->runtime()->session() : nullptr;
        const QString upn = signedIn ? signedIn->account().userPrincipalName : QString();
        return ReadinessPdfReport(*report, m_mailboxes->store(), upn.mid(upn.indexOf(QLatin1Char('@')) + 1))
            .write(path, problem);
    }
    const QList<int> rows = m_model->shownMailboxRowList();
    const QByteArray bytes =
        format == ExportFormat::Csv
            ? report->toCsv(m_mailboxes->store(), rows, m_readiness->signIns())
            : QJsonDocument(report->toJson(m_mailboxes->store(), rows)).toJson(QJsonDocument::Indented);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        *problem = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void ReadinessView::chooseExport(ExportFormat format)
{
    const QString suggested = format == ExportFormat::Csv    ? QStringLiteral("readiness.csv")
                              : format == ExportFormat::Json ? QStringLiteral("readiness.json")
                                                             : QStringLiteral("readiness.pdf");
    const QString filter = format == ExportFormat::Csv    ? tr("CSV files (*.csv)")
                           : format == ExportFormat::Json ? tr("JSON files (*.json)")
                                                          : tr("PDF files (*.pdf)");
    auto *dialog = new QFileDialog(this, tr("Export the readiness list"), QString(), filter);
    dialog->setObjectName(QStringLiteral("readinessExportDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setFileMode(QFileDialog::AnyFile);
    dialog->selectFile(suggested);
    connect(dialog, &QFileDialog::fileSelected, this, [this, format](const QString &path) {
        if (path.isEmpty())
            return;
        QString problem;
        if (!exportShown(path, format, &problem)) {
            showProblemBox(tr("Export the readiness list"), problem);
            return;
        }
        Q_EMIT status(format == ExportFormat::Pdf
                          ? tr("The readiness report was written to %1.").arg(QFileInfo(path).fileName())
                          : tr("%n mailbox(es) exported to %1.", nullptr, m_model->rowCount())
                                .arg(QFileInfo(path).fileName()));
    });
    dialog->open();
}

void ReadinessView::dragEnterEvent(QDragEnterEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.constFirst().isLocalFile())
        event->acceptProposedAction();
}

void ReadinessView::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() != 1 || !urls.constFirst().isLocalFile())
        return;
    event->acceptProposedAction();
    QString problem;
    if (!importSmtpAuthReport(urls.constFirst().toLocalFile(), &problem))
        Q_EMIT status(problem);
}

} // namespace smtpauth
