#include "mainwindow.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace smtpauth {

MainWindow::MainWindow(MailboxTableModel *mailboxes, QWidget *parent)
    : QMainWindow(parent), m_mailboxes(mailboxes), m_filter(new MailboxFilterModel(this))
{
    setWindowTitle(tr("SMTP AUTH Console"));
    m_filter->setMailboxModel(m_mailboxes);

    auto *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    auto *refresh = toolbar->addAction(tr("Refresh"));
    refresh->setShortcut(QKeySequence::Refresh);
    connect(refresh, &QAction::triggered, this, &MainWindow::refreshRequested);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);

    m_accountLabel = new QLabel(tr("Not signed in"), central);
    m_accountLabel->setObjectName(QStringLiteral("accountLabel"));
    layout->addWidget(m_accountLabel);

    m_orgBanner = new QLabel(central);
    m_orgBanner->setObjectName(QStringLiteral("orgBanner"));
    m_orgBanner->setWordWrap(true);
    QFont bannerFont = m_orgBanner->font();
    bannerFont.setBold(true);
    m_orgBanner->setFont(bannerFont);
    layout->addWidget(m_orgBanner);

    m_countsLabel = new QLabel(central);
    m_countsLabel->setObjectName(QStringLiteral("countsLabel"));
    layout->addWidget(m_countsLabel);

    auto *filterRow = new QHBoxLayout;
    m_search = new QLineEdit(central);
    m_search->setObjectName(QStringLiteral("searchBox"));
    m_search->setPlaceholderText(tr("Search name or address (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search mailboxes"));
    filterRow->addWidget(m_search, 1);
    auto *focusSearch = new QAction(this);
    focusSearch->setShortcut(QKeySequence::Find);
    connect(focusSearch, &QAction::triggered, m_search, [this] { m_search->setFocus(); m_search->selectAll(); });
    addAction(focusSearch);

    m_effectiveChoice = new QComboBox(central);
    m_effectiveChoice->setObjectName(QStringLiteral("effectiveFilter"));
    m_effectiveChoice->setAccessibleName(tr("Effective state filter"));
    m_effectiveChoice->addItem(tr("Any effective state"));
    m_effectiveChoice->addItem(tr("Effective: Enabled"), QVariant::fromValue(EffectiveState::Enabled));
    m_effectiveChoice->addItem(tr("Effective: Disabled"), QVariant::fromValue(EffectiveState::Disabled));
    filterRow->addWidget(m_effectiveChoice);

    m_sourceChoice = new QComboBox(central);
    m_sourceChoice->setObjectName(QStringLiteral("sourceFilter"));
    m_sourceChoice->setAccessibleName(tr("Source filter"));
    m_sourceChoice->addItem(tr("Any source"));
    m_sourceChoice->addItem(tr("Inherited from org"), QVariant::fromValue(StateSource::Org));
    m_sourceChoice->addItem(tr("Mailbox override"), QVariant::fromValue(StateSource::Mailbox));
    filterRow->addWidget(m_sourceChoice);
    layout->addLayout(filterRow);

    m_view = new QTableView(central);
    m_view->setObjectName(QStringLiteral("mailboxTable"));
    m_view->setAccessibleName(tr("Mailboxes"));
    m_view->setModel(m_filter);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(MailboxTableModel::DisplayNameColumn, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    // Uniform rows let the view skip measuring 100k rows.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(MailboxTableModel::DisplayNameColumn, 260);
    m_view->setColumnWidth(MailboxTableModel::AddressColumn, 300);
    layout->addWidget(m_view, 1);
    setCentralWidget(central);

    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("statusLabel"));
    statusBar()->addWidget(m_statusLabel, 1);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(200);
    m_progress->hide();
    statusBar()->addPermanentWidget(m_progress);

    connect(m_search, &QLineEdit::textChanged, m_filter, &MailboxFilterModel::setSearchText);
    connect(m_effectiveChoice, &QComboBox::currentIndexChanged, this, &MainWindow::applyFilterChoices);
    connect(m_sourceChoice, &QComboBox::currentIndexChanged, this, &MainWindow::applyFilterChoices);
    connect(m_mailboxes, &MailboxTableModel::countsChanged, this, &MainWindow::updateOrgBanner);
    connect(m_mailboxes, &MailboxTableModel::countsChanged, this, &MainWindow::updateCounts);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateCounts);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateCounts);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &MainWindow::updateCounts);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &MainWindow::updateCounts);

    resize(1200, 760);
    updateOrgBanner();
    updateCounts();
}

void MainWindow::applyFilterChoices()
{
    const QVariant effective = m_effectiveChoice->currentData();
    m_filter->setEffectiveFilter(effective.isValid() ? std::optional(effective.value<EffectiveState>())
                                                     : std::nullopt);
    const QVariant source = m_sourceChoice->currentData();
    m_filter->setSourceFilter(source.isValid() ? std::optional(source.value<StateSource>()) : std::nullopt);
    updateCounts();
}

void MainWindow::showAccount(const QString &account, const QString &tenant, const QString &role)
{
    m_accountLabel->setText(tr("Signed in as %1 to %2 — %3").arg(account, tenant, role));
}

void MainWindow::showLoadStarted()
{
    m_loading = true;
    m_progress->show();
    m_statusLabel->setText(tr("Loading mailboxes…"));
}

void MainWindow::showLoadProgress(int mailboxesLoaded)
{
    m_statusLabel->setText(tr("Loading mailboxes… %Ln loaded", nullptr, mailboxesLoaded));
}

void MainWindow::showLoadFinished()
{
    m_loading = false;
    m_progress->hide();
    m_statusLabel->setText(tr("%Ln mailboxes loaded", nullptr, m_mailboxes->rowCount()));
    updateOrgBanner();
}

void MainWindow::showLoadRestarted(const QString &reason)
{
    m_statusLabel->setText(tr("Loading started over: %1").arg(reason));
}

void MainWindow::showProblem(const QString &message)
{
    m_loading = false;
    m_progress->hide();
    m_statusLabel->setText(message);
}

void MainWindow::updateOrgBanner()
{
    if (m_mailboxes->rowCount() == 0 && m_loading) {
        m_orgBanner->setText(tr("Reading the organization setting…"));
        return;
    }
    const EffectiveCounts counts = m_mailboxes->counts();
    const int overrides = counts.enabledByMailbox + counts.disabledByMailbox;
    const QString org = m_mailboxes->orgSetting() == OrgSetting::Enabled ? tr("enabled") : tr("disabled");
    m_orgBanner->setText(tr("SMTP AUTH is %1 for the organization; %Ln mailbox(es) have their own override.",
                            nullptr, overrides)
                             .arg(org));
}

void MainWindow::updateCounts()
{
    const EffectiveCounts counts = m_mailboxes->counts();
    m_countsLabel->setText(tr("Enabled: %1 by org, %2 by override · Disabled: %3 by org, %4 by override · "
                              "Showing %5 of %6")
                               .arg(counts.enabledByOrg)
                               .arg(counts.enabledByMailbox)
                               .arg(counts.disabledByOrg)
                               .arg(counts.disabledByMailbox)
                               .arg(m_filter->rowCount())
                               .arg(counts.total()));
}

} // namespace smtpauth
