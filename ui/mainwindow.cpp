// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/mainwindow.h"

#include "engine/consolesession.h"
#include "engine/profilelocation.h"
#include "engine/profileruntime.h"
#include "models/changeimport.h"
#include "models/mailboxlistexport.h"
#include "models/tenantdirectory.h"
#include "ui/graphconsentprompt.h"
#include "ui/historyview.h"
#include "ui/largetableview.h"
#include "ui/orgswitchdialog.h"
#include "ui/readinessview.h"
#include "ui/reviewdialog.h"
#include "ui/signinpage.h"
#include "ui/stagedrowdelegate.h"
#include "ui/summarytiles.h"
#include "ui/whypanel.h"

#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QDesktopServices>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QUrl>
#include <QVBoxLayout>

namespace smtpauth {

namespace {
// The README: install, first run, signing in to a real tenant, the window, the CLI.
const QString kDocumentationUrl =
    QStringLiteral("https://github.com/smtpauthconsole/smtpauth-console#readme");
} // namespace

MainWindow::MainWindow(ConsoleSession *session, MailboxTableModel *mailboxes, QWidget *parent)
    : QMainWindow(parent), m_session(session), m_mailboxes(mailboxes), m_filter(new MailboxFilterModel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("SMTP AUTH Console"));
    m_filter->setObjectName(QStringLiteral("mailboxFilterModel"));
    m_filter->setMailboxModel(m_mailboxes);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("tabs"));
    m_tabs->tabBar()->setObjectName(QStringLiteral("tabBar"));
    m_tabs->tabBar()->setAccessibleName(tr("Pages"));
    m_tabs->tabBar()->setAccessibleDescription(
        tr("Mailboxes (Ctrl+1), Readiness (Ctrl+2) and History (Ctrl+3)."));
    auto *page = new QWidget(m_tabs);
    auto *layout = new QVBoxLayout(page);

    auto *header = new QHBoxLayout;
    m_accountLabel = new QLabel(tr("Not signed in"), page);
    m_accountLabel->setObjectName(QStringLiteral("accountLabel"));
    header->addWidget(m_accountLabel, 1);
    m_roleBadge = new QLabel(page);
    m_roleBadge->setObjectName(QStringLiteral("roleBadge"));
    m_roleBadge->setFrameShape(QFrame::StyledPanel);
    m_roleBadge->setMargin(3);
    header->addWidget(m_roleBadge);
    layout->addLayout(header);

    auto *orgRow = new QHBoxLayout;
    m_orgBanner = new QLabel(page);
    m_orgBanner->setObjectName(QStringLiteral("orgBanner"));
    m_orgBanner->setWordWrap(true);
    QFont bannerFont = m_orgBanner->font();
    bannerFont.setBold(true);
    m_orgBanner->setFont(bannerFont);
    orgRow->addWidget(m_orgBanner, 1);
    m_orgChange = new QPushButton(tr("Change…"), page);
    m_orgChange->setObjectName(QStringLiteral("orgChangeButton"));
    m_orgChange->setAccessibleName(tr("Change the organization setting"));
    m_orgChange->setAccessibleDescription(
        tr("Opens the review of switching SMTP AUTH for the whole organization, with how many mailboxes "
           "change effective state."));
    connect(m_orgChange, &QPushButton::clicked, this, &MainWindow::openOrgSwitch);
    orgRow->addWidget(m_orgChange);
    layout->addLayout(orgRow);

    // What holds for every mailbox whatever its switch says (security defaults, the retirement date),
    // and which readiness sources could not be read.
    m_readinessBanner = new QLabel(page);
    m_readinessBanner->setObjectName(QStringLiteral("readinessBanner"));
    m_readinessBanner->setWordWrap(true);
    m_readinessBanner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_readinessBanner);

    m_snapshotLabel = new QLabel(page);
    m_snapshotLabel->setObjectName(QStringLiteral("snapshotLabel"));
    m_snapshotLabel->hide();
    layout->addWidget(m_snapshotLabel);

    m_tiles = new SummaryTiles(m_mailboxes, page);
    m_tiles->setObjectName(QStringLiteral("summaryTiles"));
    connect(m_tiles, &SummaryTiles::tileClicked, this, [this](EffectiveState state, StateSource source) {
        m_effectiveChoice->setCurrentIndex(m_effectiveChoice->findData(QVariant::fromValue(state)));
        m_sourceChoice->setCurrentIndex(m_sourceChoice->findData(QVariant::fromValue(source)));
    });
    layout->addWidget(m_tiles);

    auto *filterRow = new QHBoxLayout;
    m_search = new QLineEdit(page);
    m_search->setObjectName(QStringLiteral("searchBox"));
    m_search->setPlaceholderText(tr("Search name or address (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search mailboxes"));
    m_search->setAccessibleDescription(
        tr("Shows only the mailboxes whose name or address contains the text, as you type (Ctrl+F)."));
    filterRow->addWidget(m_search, 1);

    m_effectiveChoice = new QComboBox(page);
    m_effectiveChoice->setObjectName(QStringLiteral("effectiveFilter"));
    m_effectiveChoice->setAccessibleName(tr("Effective state filter"));
    m_effectiveChoice->setAccessibleDescription(
        tr("Shows only the mailboxes whose effective SMTP AUTH state is the one chosen."));
    m_effectiveChoice->addItem(tr("Any effective state"));
    m_effectiveChoice->addItem(tr("Effective: Enabled"), QVariant::fromValue(EffectiveState::Enabled));
    m_effectiveChoice->addItem(tr("Effective: Disabled"), QVariant::fromValue(EffectiveState::Disabled));
    filterRow->addWidget(m_effectiveChoice);

    m_sourceChoice = new QComboBox(page);
    m_sourceChoice->setObjectName(QStringLiteral("sourceFilter"));
    m_sourceChoice->setAccessibleName(tr("Source filter"));
    m_sourceChoice->setAccessibleDescription(
        tr("Shows only the mailboxes whose state is inherited from the organization, or only those with "
           "their own override."));
    m_sourceChoice->addItem(tr("Any source"));
    m_sourceChoice->addItem(tr("Inherited from org"), QVariant::fromValue(StateSource::Org));
    m_sourceChoice->addItem(tr("Mailbox override"), QVariant::fromValue(StateSource::Mailbox));
    filterRow->addWidget(m_sourceChoice);

    m_overrideChoice = new QComboBox(page);
    m_overrideChoice->setObjectName(QStringLiteral("overrideFilter"));
    m_overrideChoice->setAccessibleName(tr("Override value filter"));
    m_overrideChoice->setAccessibleDescription(
        tr("Shows only the mailboxes whose own setting is inherit, enabled or disabled."));
    m_overrideChoice->addItem(tr("Any override"));
    for (Override value : {Override::Inherit, Override::Enabled, Override::Disabled})
        m_overrideChoice->addItem(tr("Override: %1").arg(displayText(value)), QVariant::fromValue(value));
    filterRow->addWidget(m_overrideChoice);

    m_basicNowChoice = new QComboBox(page);
    m_basicNowChoice->setObjectName(QStringLiteral("basicNowFilter"));
    m_basicNowChoice->setAccessibleName(tr("Basic now filter"));
    m_basicNowChoice->setAccessibleDescription(
        tr("Shows only the mailboxes whose Basic-authentication clients are allowed, blocked or unknown "
           "today, every readiness layer counted."));
    m_basicNowChoice->addItem(tr("Any Basic verdict"));
    for (Verdict verdict : {Verdict::Allowed, Verdict::Blocked, Verdict::Unknown})
        m_basicNowChoice->addItem(tr("Basic now: %1").arg(displayText(verdict)),
                                  QVariant::fromValue(verdict));
    filterRow->addWidget(m_basicNowChoice);

    m_decidedByChoice = new QComboBox(page);
    m_decidedByChoice->setObjectName(QStringLiteral("decidedByFilter"));
    m_decidedByChoice->setAccessibleName(tr("Decided by filter"));
    m_decidedByChoice->setAccessibleDescription(
        tr("Shows only the mailboxes whose Basic verdict is decided by the readiness layer chosen."));
    m_decidedByChoice->addItem(tr("Decided by any layer"));
    for (ReadinessLayer layer : kReadinessLayers)
        m_decidedByChoice->addItem(tr("Decided by: %1").arg(displayText(layer)), QVariant::fromValue(layer));
    filterRow->addWidget(m_decidedByChoice);
    layout->addLayout(filterRow);

    m_countsLabel = new QLabel(page);
    m_countsLabel->setObjectName(QStringLiteral("countsLabel"));
    layout->addWidget(m_countsLabel);

    m_view = new QTableView(page);
    m_view->setObjectName(QStringLiteral("mailboxTable"));
    m_view->setAccessibleName(tr("Mailboxes"));
    m_view->setAccessibleDescription(
        tr("One row per mailbox with its override, effective state and where that comes from, and any "
           "staged change. Select rows, then stage Enable (Ctrl+E), Disable (Ctrl+D) or Reset to inherit "
           "(Ctrl+I); the context menu key offers the same."));
    m_view->setModel(m_filter);
    m_view->setItemDelegate(new StagedRowDelegate(m_view));
    configureLargeTable(m_view, MailboxTableModel::DisplayNameColumn);
    m_view->setColumnWidth(MailboxTableModel::DisplayNameColumn, 240);
    m_view->setColumnWidth(MailboxTableModel::AddressColumn, 300);
    m_view->setColumnWidth(MailboxTableModel::DecidedByColumn, 200);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_why = new WhyPanel(page);
    auto *splitter = new QSplitter(Qt::Horizontal, page);
    splitter->setObjectName(QStringLiteral("mailboxSplitter"));
    splitter->addWidget(m_view);
    splitter->addWidget(m_why);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({900, 420});
    layout->addWidget(splitter, 1);
    m_tabs->addTab(page, tr("&Mailboxes"));
    m_readinessView = new ReadinessView(m_session, m_mailboxes, m_tabs);
    m_tabs->addTab(m_readinessView, tr("&Readiness"));
    connect(m_readinessView, &ReadinessView::reviewRequested, this, &MainWindow::openReview);
    // The readiness reads run beside the mailbox load: their words show only while the tab is in front,
    // so that "5,000 mailboxes loaded" is not replaced by a sign-in read the person is not looking at.
    connect(m_readinessView, &ReadinessView::status, this, [this](const QString &message) {
        if (m_tabs->currentWidget() == m_readinessView)
            setStatus(message);
    });
    m_history = new HistoryView(m_session->journal(), m_tabs);
    m_tabs->addTab(m_history, tr("&History"));
    m_signInPage = new SignInPage(this);
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(m_tabs);
    m_pages->addWidget(m_signInPage);
    setCentralWidget(m_pages);

    m_statusLabel = new QLabel(this);
    m_statusLabel->setObjectName(QStringLiteral("statusLabel"));
    statusBar()->addWidget(m_statusLabel, 1);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0);
    m_progress->setMaximumWidth(200);
    m_progress->hide();
    statusBar()->addPermanentWidget(m_progress);

    buildActions();
    buildMenus();

    connect(m_search, &QLineEdit::textChanged, m_filter, &MailboxFilterModel::setSearchText);
    connect(m_effectiveChoice, &QComboBox::currentIndexChanged, this, &MainWindow::applyFilterChoices);
    connect(m_sourceChoice, &QComboBox::currentIndexChanged, this, &MainWindow::applyFilterChoices);
    connect(m_overrideChoice, &QComboBox::currentIndexChanged, this, &MainWindow::applyFilterChoices);
    connect(m_basicNowChoice, &QComboBox::currentIndexChanged, this, &MainWindow::applyFilterChoices);
    connect(m_decidedByChoice, &QComboBox::currentIndexChanged, this, &MainWindow::applyFilterChoices);
    connect(m_mailboxes, &MailboxTableModel::countsChanged, this, &MainWindow::updateOrgBanner);
    connect(m_mailboxes, &MailboxTableModel::countsChanged, this, &MainWindow::updateCounts);
    connect(m_mailboxes, &MailboxTableModel::stagingChanged, this, &MainWindow::dropStaleOwnReasons);
    connect(m_mailboxes, &MailboxTableModel::stagingChanged, this, &MainWindow::updateActions);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updateActions);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &MainWindow::updateCounts);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &MainWindow::updateCounts);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &MainWindow::updateCounts);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &MainWindow::updateCounts);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updateActions);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::updateWhyPanel);
    connect(m_mailboxes, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &, const QModelIndex &, const QList<int> &) { updateWhyPanel(); });
    connect(m_mailboxes, &QAbstractItemModel::modelReset, this, &MainWindow::updateWhyPanel);
    connect(m_session, &ConsoleSession::directoryRead, this, [this] {
        updateReadinessBanner();
        updateWhyPanel();
    });
    connect(m_session, &ConsoleSession::directoryReadStarted, this, &MainWindow::updateReadinessBanner);
    connect(m_session, &ConsoleSession::explanationUpdated, this, &MainWindow::updateWhyPanel);
    connect(m_session, &ConsoleSession::graphConsentNeeded, this, &MainWindow::offerGraphConsent);
    connect(m_why, &WhyPanel::consentRequested, m_session, &ConsoleSession::allowGraphAccess);
    connect(m_session, &ConsoleSession::graphConsentUrlReady, this, [this](const QUrl &url) {
        setStatus(tr("Allow access in the browser window that opened."));
        if (!QDesktopServices::openUrl(url))
            setStatus(tr("No browser could be opened. Open this address to allow access: %1")
                          .arg(url.toString(QUrl::FullyEncoded)));
    });
    connect(m_session, &ConsoleSession::graphConsentFinished, this,
            [this](bool, const QString &message) { setStatus(message); });
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &where) {
        // popup(), not exec(): no nested event loop in the product (engineering rules).
        auto *menu = new QMenu(this);
        menu->setObjectName(QStringLiteral("mailboxContextMenu"));
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->addActions({m_enable, m_disable, m_inherit});
        menu->addSeparator();
        menu->addActions({m_clearSelected, m_review});
        menu->popup(m_view->viewport()->mapToGlobal(where));
    });

    connect(m_session, &ConsoleSession::accountReady, this, &MainWindow::showAccount);
    connect(m_session, &ConsoleSession::signInRequired, this, &MainWindow::showSignIn);
    connect(m_session, &ConsoleSession::signInFailed, m_signInPage, &SignInPage::showFailure);
    connect(m_session, &ConsoleSession::keychainUnavailable, m_signInPage,
            &SignInPage::showKeychainUnavailable);
    connect(m_session, &ConsoleSession::authorizationUrlReady, this, [this](const QUrl &url) {
        m_signInPage->showWaiting();
        if (!QDesktopServices::openUrl(url)) {
            m_signInPage->showMessage(
                tr("No browser could be opened. Open this address in a browser to sign in:\n%1")
                    .arg(url.toString(QUrl::FullyEncoded)));
        }
    });
    connect(m_signInPage, &SignInPage::signInRequested, m_session, &ConsoleSession::signIn);
    connect(m_signInPage, &SignInPage::cancelRequested, m_session, &ConsoleSession::cancelSignIn);
    connect(m_signInPage, &SignInPage::demoRequested, this, &MainWindow::openDemoTenant);
    connect(m_session, &ConsoleSession::permissionsChanged, this, [this] {
        m_roleBadge->setText(ProfileRuntime::roleText(m_session->role()));
        updateActions();
    });
    connect(m_session, &ConsoleSession::snapshotShown, this, &MainWindow::showSnapshot);
    connect(m_session, &ConsoleSession::loadStarted, this, &MainWindow::showLoadStarted);
    connect(m_session, &ConsoleSession::loadProgress, this, &MainWindow::showLoadProgress);
    connect(m_session, &ConsoleSession::loadRestarted, this, &MainWindow::showLoadRestarted);
    connect(m_session, &ConsoleSession::loadFinished, this, &MainWindow::showLoadFinished);
    connect(m_session, &ConsoleSession::problem, this, &MainWindow::showProblem);
    connect(m_session, &ConsoleSession::applyStarted, this, &MainWindow::updateActions);
    connect(m_session, &ConsoleSession::applyFinished, this, &MainWindow::updateActions);
    connect(m_session, &ConsoleSession::journalChanged, m_history, &HistoryView::refresh);
    connect(m_history, &HistoryView::undoRequested, this, [this](const QString &label) {
        if (!m_session->canEditMailboxes() || m_session->isBusy())
            return;
        m_pendingUndo = label;
        setStatus(tr("Undoing %1…").arg(label));
        m_session->undo(label, QString(), false);
    });
    connect(m_mailboxes, &MailboxTableModel::stagingChanged, this, [this] {
        if (m_statusShowsStaging)
            showStagedCount(QString());
    });
    connect(m_session, &ConsoleSession::applyStarted, this,
            [this](int changes) { setStatus(tr("Applying %n change(s)…", nullptr, changes)); });
    connect(m_session, &ConsoleSession::applyFinished, this, [this](const ChangeApplier::Report &report) {
        if (m_pendingUndo.isEmpty()) {
            setStatus(applySummary(report));
            return;
        }
        if (report.count(ChangeState::Conflict) > 0) {
            showUndoConflicts(report);
            return;
        }
        setStatus(tr("Undo of %1: %2").arg(m_pendingUndo, applySummary(report)));
        m_pendingUndo.clear();
    });
    connect(m_session, &ConsoleSession::throttled, this, [this](int delayMs, const QString &reason) {
        setStatus(tr("The server asked to wait %1 s (%2).").arg(qMax(1, (delayMs + 500) / 1000)).arg(reason));
    });

    resize(1200, 780);
    restoreLayout();
    updateOrgBanner();
    updateReadinessBanner();
    updateCounts();
    updateActions();
}

void MainWindow::updateWhyPanel()
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    const int row = current.isValid()
                        ? m_mailboxes->store().rowOfGuid(current.data(MailboxTableModel::GuidRole).toUuid())
                        : -1;
    if (row < 0) {
        m_why->showMailbox({}, {}, std::nullopt);
        return;
    }
    const MailboxStore &store = m_mailboxes->store();
    m_why->showMailbox(store.displayName(row).toString(), store.primarySmtpAddress(row).toString(),
                       m_mailboxes->explain(row));
    m_session->completeExplanation(store.guid(row));
}

void MainWindow::updateReadinessBanner()
{
    QStringList lines = m_session->tenantWideNotices();
    const QStringList problems = m_session->directoryProblems();
    if (m_session->isReadingDirectory())
        lines.append(tr("Reading authentication policies, users, security defaults and Conditional Access…"));
    else if (!problems.isEmpty())
        lines.append(
            tr("Not read, so those layers show as unknown: %1").arg(problems.join(QStringLiteral("; "))));
    m_readinessBanner->setText(lines.join(QLatin1Char('\n')));
    m_readinessBanner->setVisible(!lines.isEmpty());
    const std::shared_ptr<const TenantDirectory> directory = m_session->directory();
    m_why->setConsentOffered(m_session->graphConsentMissing());
    m_why->setSourceNote(directory && directory->usersStatus().readUtc.isValid()
                             ? tr("Read %1.")
                                   .arg(QLocale().toString(directory->usersStatus().readUtc.toLocalTime(),
                                                           QLocale::ShortFormat))
                             : QString());
}

void MainWindow::offerGraphConsent(const QString &reason)
{
    auto *prompt = new GraphConsentPrompt(reason, this);
    prompt->setAttribute(Qt::WA_DeleteOnClose);
    prompt->setModal(m_modalDialogs);
    connect(prompt->allowButton(), &QPushButton::clicked, m_session, &ConsoleSession::allowGraphAccess);
    prompt->show();
}

void MainWindow::buildActions()
{
    auto *toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    // Words beside the icons: a helpdesk technician should not have to decode pictograms.
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    // SVG icons (ui/icons, compiled in): drawn at the screen's scale, so they stay sharp on high-DPI
    // screens; their mid-tone colours read on light and dark palettes alike.
    auto makeAction = [this, toolbar](const QString &text, const QKeySequence &shortcut, const QString &name,
                                      const QString &iconName) {
        auto *action = new QAction(QIcon(QStringLiteral(":/actions/%1.svg").arg(iconName)), text, this);
        action->setObjectName(name);
        action->setShortcut(shortcut);
        action->setToolTip(shortcut.isEmpty() ? text
                                              : QStringLiteral("%1 (%2)").arg(
                                                    text, shortcut.toString(QKeySequence::NativeText)));
        toolbar->addAction(action);
        addAction(action);
        return action;
    };
    m_enable = makeAction(tr("&Enable"), QKeySequence(Qt::CTRL | Qt::Key_E), QStringLiteral("enableAction"),
                          QStringLiteral("enable"));
    connect(m_enable, &QAction::triggered, this, [this] { stageSelection(Override::Enabled); });
    m_disable = makeAction(tr("&Disable"), QKeySequence(Qt::CTRL | Qt::Key_D),
                           QStringLiteral("disableAction"), QStringLiteral("disable"));
    connect(m_disable, &QAction::triggered, this, [this] { stageSelection(Override::Disabled); });
    m_inherit = makeAction(tr("Reset to &inherit"), QKeySequence(Qt::CTRL | Qt::Key_I),
                           QStringLiteral("inheritAction"), QStringLiteral("inherit"));
    connect(m_inherit, &QAction::triggered, this, [this] { stageSelection(Override::Inherit); });
    toolbar->addSeparator();
    m_clearSelected = makeAction(tr("&Unstage"), QKeySequence(Qt::CTRL | Qt::Key_U),
                                 QStringLiteral("unstageAction"), QStringLiteral("unstage"));
    connect(m_clearSelected, &QAction::triggered, this, [this] { m_mailboxes->unstage(selectedGuids()); });
    m_clearAll = makeAction(tr("Unstage all"), QKeySequence(), QStringLiteral("unstageAllAction"),
                            QStringLiteral("unstage-all"));
    connect(m_clearAll, &QAction::triggered, m_mailboxes, &MailboxTableModel::clearStaged);
    m_review = makeAction(tr("&Review and apply…"), QKeySequence(Qt::CTRL | Qt::Key_Return),
                          QStringLiteral("reviewAction"), QStringLiteral("review"));
    connect(m_review, &QAction::triggered, this, &MainWindow::openReview);
    toolbar->addSeparator();
    m_refresh = makeAction(tr("Re&fresh"), QKeySequence::Refresh, QStringLiteral("refreshAction"),
                           QStringLiteral("refresh"));
    connect(m_refresh, &QAction::triggered, m_session, &ConsoleSession::refresh);
    auto *focusSearch = new QAction(this);
    focusSearch->setShortcut(QKeySequence::Find);
    connect(focusSearch, &QAction::triggered, this, [this] {
        m_tabs->setCurrentIndex(0);
        m_search->setFocus();
        m_search->selectAll();
    });
    addAction(focusSearch);
}

bool MainWindow::ticketRequired() const
{
    return QSettings().value(QStringLiteral("changes/requireTicket"), false).toBool();
}

QList<QUuid> MainWindow::selectedGuids() const
{
    QList<QUuid> guids;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    guids.reserve(rows.size());
    for (const QModelIndex &index : rows)
        guids.append(index.data(MailboxTableModel::GuidRole).toUuid());
    return guids;
}

void MainWindow::stageSelection(Override value)
{
    if (!m_session->canEditMailboxes())
        return;
    const QList<QUuid> guids = selectedGuids();
    if (guids.isEmpty())
        return;
    // Staged by hand: the person's own decision now, recorded with the review's reason, not the file's.
    for (const QUuid &guid : guids) {
        m_ownReasons.remove(guid);
        m_ownReasonValues.remove(guid);
    }
    const int staged = m_mailboxes->stage(guids, value);
    const int unchanged = int(guids.size()) - staged;
    showStagedCount(unchanged > 0
                        ? tr("%n mailbox(es) already %1.", nullptr, unchanged).arg(displayText(value))
                        : QString());
}

void MainWindow::setStatus(const QString &text)
{
    m_statusShowsStaging = false;
    m_statusLabel->setText(text);
}

// The status bar tells the current truth: once it speaks of the staged changes it follows their
// count (unstage, apply, undo) until something else is said.
void MainWindow::showStagedCount(const QString &prefix)
{
    const int staged = m_mailboxes->stagedCount();
    const QString count = staged > 0 ? tr("%n change(s) staged.", nullptr, staged) : tr("Nothing staged.");
    setStatus(prefix.isEmpty() ? count : prefix + QLatin1Char(' ') + count);
    m_statusShowsStaging = true;
}

QString MainWindow::applySummary(const ChangeApplier::Report &report)
{
    if (!report.error.isEmpty())
        return tr("Nothing was applied: %1").arg(report.error);
    QStringList parts{tr("%n change(s) applied.", nullptr, report.count(ChangeState::Applied))};
    if (const int noOp = report.count(ChangeState::NoOp))
        parts.append(tr("%n already so.", nullptr, noOp));
    if (const int conflicts = report.count(ChangeState::Conflict))
        parts.append(tr("%n in conflict.", nullptr, conflicts));
    if (const int failed = report.count(ChangeState::Failed) + report.count(ChangeState::Unknown))
        parts.append(tr("%n failed (see History).", nullptr, failed));
    return parts.join(QLatin1Char(' '));
}

void MainWindow::openReview()
{
    if (!m_session->canEditMailboxes() || m_mailboxes->stagedCount() == 0 || m_session->isBusy())
        return;
    auto *dialog = new ReviewDialog(m_session, m_mailboxes, ticketRequired(), m_ownReasons, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setModal(m_modalDialogs);
    dialog->show();
}

void MainWindow::openOrgSwitch()
{
    if (!m_session->canEditOrgSetting() || m_session->isBusy())
        return;
    const OrgSetting current = m_mailboxes->orgSetting();
    const OrgSetting target = current == OrgSetting::Enabled ? OrgSetting::Disabled : OrgSetting::Enabled;
    auto *dialog = new OrgSwitchDialog(m_session, current, m_session->mailboxesFlippedBy(target),
                                       ticketRequired(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setModal(m_modalDialogs);
    dialog->show();
}

void MainWindow::applyFilterChoices()
{
    const QVariant effective = m_effectiveChoice->currentData();
    m_filter->setEffectiveFilter(effective.isValid() ? std::optional(effective.value<EffectiveState>())
                                                     : std::nullopt);
    const QVariant source = m_sourceChoice->currentData();
    m_filter->setSourceFilter(source.isValid() ? std::optional(source.value<StateSource>()) : std::nullopt);
    const QVariant value = m_overrideChoice->currentData();
    m_filter->setOverrideFilter(value.isValid() ? std::optional(value.value<Override>()) : std::nullopt);
    const QVariant basicNow = m_basicNowChoice->currentData();
    m_filter->setBasicNowFilter(basicNow.isValid() ? std::optional(basicNow.value<Verdict>()) : std::nullopt);
    const QVariant decidedBy = m_decidedByChoice->currentData();
    m_filter->setDecidedByFilter(decidedBy.isValid() ? std::optional(decidedBy.value<ReadinessLayer>())
                                                     : std::nullopt);
    updateCounts();
}

void MainWindow::buildMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    m_importChanges = file->addAction(tr("&Import changes from CSV…"));
    m_importChanges->setObjectName(QStringLiteral("importChangesAction"));
    m_importChanges->setStatusTip(
        tr("Stage the changes of a CSV file (columns %1) for review.").arg(ChangeImport::headerExample()));
    connect(m_importChanges, &QAction::triggered, this, &MainWindow::chooseChangesToImport);
    QAction *importReport = file->addAction(tr("Import SMTP AUTH &clients report…"));
    importReport->setObjectName(QStringLiteral("importSmtpAuthReportAction"));
    connect(importReport, &QAction::triggered, this, [this] {
        m_tabs->setCurrentWidget(m_readinessView);
        m_readinessView->chooseImport();
    });
    file->addSeparator();
    // What Export writes follows the tab in front: the mailbox list, the readiness list or the history.
    m_export = file->addAction(tr("&Export…"));
    m_export->setObjectName(QStringLiteral("exportAction"));
    m_export->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    connect(m_export, &QAction::triggered, this, &MainWindow::exportCurrentTab);
    QAction *pdf = file->addAction(tr("Export readiness report as &PDF…"));
    pdf->setObjectName(QStringLiteral("exportReadinessPdfAction"));
    connect(pdf, &QAction::triggered, this, [this] {
        m_tabs->setCurrentWidget(m_readinessView);
        m_readinessView->chooseExport(ReadinessView::ExportFormat::Pdf);
    });
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"));
    quit->setObjectName(QStringLiteral("quitAction"));
    // QKeySequence::Quit is Ctrl+Q on Linux and macOS; Windows has no standard key for it.
    quit->setShortcuts(QKeySequence::keyBindings(QKeySequence::Quit).isEmpty()
                           ? QList<QKeySequence>{QKeySequence(Qt::CTRL | Qt::Key_Q)}
                           : QKeySequence::keyBindings(QKeySequence::Quit));
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    const QList<QPair<QWidget *, QString>> pages = {{m_tabs->widget(0), tr("&Mailboxes")},
                                                    {m_readinessView, tr("&Readiness")},
                                                    {m_history, tr("&History")}};
    for (int i = 0; i < pages.size(); ++i) {
        QAction *show = view->addAction(pages.at(i).second);
        show->setObjectName(QStringLiteral("showPage%1Action").arg(i + 1));
        show->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
        QWidget *page = pages.at(i).first;
        connect(show, &QAction::triggered, this, [this, page] { m_tabs->setCurrentWidget(page); });
    }
    view->addSeparator();
    m_showWhy = view->addAction(tr("&Why panel"));
    m_showWhy->setObjectName(QStringLiteral("showWhyPanelAction"));
    m_showWhy->setCheckable(true);
    m_showWhy->setChecked(true);
    connect(m_showWhy, &QAction::toggled, m_why, &QWidget::setVisible);
    QAction *toolbar = findChild<QToolBar *>(QStringLiteral("mainToolbar"))->toggleViewAction();
    toolbar->setText(tr("&Toolbar"));
    toolbar->setObjectName(QStringLiteral("showToolbarAction"));
    view->addAction(toolbar);
    view->addSeparator();
    view->addAction(m_refresh);

    m_profileMenu = menuBar()->addMenu(tr("&Profile"));
    m_profileMenu->setObjectName(QStringLiteral("profileMenu"));
    connect(m_profileMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildProfileMenu);
    rebuildProfileMenu();

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    QAction *documentation = help->addAction(tr("&Documentation"));
    documentation->setObjectName(QStringLiteral("documentationAction"));
    documentation->setShortcut(QKeySequence::HelpContents);
    connect(documentation, &QAction::triggered, this, [this] {
        if (!QDesktopServices::openUrl(QUrl(kDocumentationUrl)))
            setStatus(tr("No browser could be opened. The documentation is at %1").arg(kDocumentationUrl));
    });
    QAction *about = help->addAction(tr("&About SMTP AUTH Console"));
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
}

QString MainWindow::aboutText()
{
    return tr("<h3>SMTP AUTH Console %1</h3>"
              "<p>Decide, mailbox by mailbox, who may still use SMTP AUTH in Exchange Online.</p>"
              "<p>Licensed under the <a href=\"https://www.apache.org/licenses/LICENSE-2.0\">Apache License, "
              "Version 2.0</a> (SPDX: Apache-2.0).</p>"
              "<p>Built with Qt %2, running on Qt %3; QtKeychain %4.</p>"
              "<p><a href=\"%5\">Documentation</a></p>")
        .arg(QStringLiteral(SMTPAUTH_VERSION), QStringLiteral(QT_VERSION_STR),
             QString::fromLatin1(qVersion()), QStringLiteral(SMTPAUTH_QTKEYCHAIN_VERSION), kDocumentationUrl);
}

void MainWindow::showAbout()
{
    auto *box = new QMessageBox(QMessageBox::Information, tr("About SMTP AUTH Console"), aboutText(),
                                QMessageBox::Close, this);
    box->setObjectName(QStringLiteral("aboutBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setTextFormat(Qt::RichText);
    box->setTextInteractionFlags(Qt::TextBrowserInteraction);
    box->setIconPixmap(windowIcon().pixmap(64, 64));
    box->open();
}

void MainWindow::chooseChangesToImport()
{
    if (!m_importChanges->isEnabled())
        return;
    auto *dialog = new QFileDialog(this, tr("Import changes from CSV"), QString(),
                                   tr("CSV files (*.csv);;All files (*)"));
    dialog->setObjectName(QStringLiteral("importChangesDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptOpen);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        if (!path.isEmpty())
            importChanges(path);
    });
    dialog->open();
}

bool MainWindow::importChanges(const QString &path)
{
    QFile file(path);
    const QString name = QFileInfo(path).fileName();
    ChangeImportResult result;
    if (!file.open(QIODevice::ReadOnly)) {
        ImportProblem problem;
        problem.message = tr("Cannot read %1: %2").arg(name, file.errorString());
        result.problems.append(problem);
    } else {
        result = ChangeImport::parse(file.readAll(), ChangeImport::resolverOver(m_mailboxes->store()));
    }
    if (!result.ok()) {
        QStringList problems = result.describeProblems();
        if (problems.isEmpty())
            problems.append(tr("The file has no changes."));
        auto *box =
            new QMessageBox(QMessageBox::Warning, tr("Import changes from CSV"),
                            tr("Nothing was staged: %n problem(s) in %1. A file is staged whole or not "
                               "at all.",
                               nullptr, int(problems.size()))
                                .arg(name),
                            QMessageBox::Close, this);
        box->setObjectName(QStringLiteral("importProblemsBox"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setInformativeText(problems.mid(0, 5).join(QLatin1Char('\n')));
        box->setDetailedText(problems.join(QLatin1Char('\n')));
        box->open();
        return false;
    }
    int staged = 0;
    for (Override value : {Override::Inherit, Override::Enabled, Override::Disabled}) {
        QList<QUuid> guids;
        for (const ImportedChange &change : std::as_const(result.changes)) {
            if (change.to == value)
                guids.append(change.mailbox.guid);
        }
        if (!guids.isEmpty())
            staged += m_mailboxes->stage(guids, value);
    }
    // Each row's reason and ticket go with its change into the review and the journal, as with
    // `smtpauth-cli apply FILE.csv`. A row that is already so was not staged and has nothing to carry.
    for (const ImportedChange &change : std::as_const(result.changes)) {
        if (m_mailboxes->stagedValue(change.mailbox.guid) != change.to)
            continue;
        m_ownReasons.insert(change.mailbox.guid, {change.reason.trimmed(), change.ticket.trimmed()});
        m_ownReasonValues.insert(change.mailbox.guid, change.to);
    }
    m_tabs->setCurrentIndex(0);
    showStagedCount(tr("%n change(s) read from %1, each with its own reason.", nullptr, staged).arg(name));
    return true;
}

void MainWindow::exportCurrentTab()
{
    if (m_tabs->currentWidget() == m_readinessView) {
        m_readinessView->chooseExport(ReadinessView::ExportFormat::Csv);
        return;
    }
    if (m_tabs->currentWidget() == m_history) {
        m_history->chooseExportFile(HistoryView::Format::Csv);
        return;
    }
    auto *dialog = new QFileDialog(this, tr("Export the mailbox list"));
    dialog->setObjectName(QStringLiteral("exportMailboxesDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setFileMode(QFileDialog::AnyFile);
    dialog->setNameFilters({tr("CSV files (*.csv)"), tr("JSON files (*.json)")});
    dialog->setDefaultSuffix(QStringLiteral("csv"));
    dialog->selectFile(QStringLiteral("mailboxes.csv"));
    connect(dialog, &QFileDialog::filterSelected, dialog, [dialog](const QString &filter) {
        dialog->setDefaultSuffix(filter.contains(QLatin1String("json")) ? QStringLiteral("json")
                                                                        : QStringLiteral("csv"));
    });
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        if (path.isEmpty())
            return;
        QString problem;
        if (exportShownMailboxes(path, &problem)) {
            setStatus(tr("%n mailbox(es) exported to %1.", nullptr, m_filter->rowCount())
                          .arg(QFileInfo(path).fileName()));
        } else {
            setStatus(problem);
        }
    });
    dialog->open();
}

bool MainWindow::exportShownMailboxes(const QString &path, QString *problem) const
{
    QList<int> rows;
    rows.reserve(m_filter->rowCount());
    for (int i = 0; i < m_filter->rowCount(); ++i)
        rows.append(m_filter->mapToSource(m_filter->index(i, 0)).row());
    const MailboxListExport document(m_mailboxes->store(), m_mailboxes->orgSetting(), rows,
                                     m_mailboxes->basicNowOf(rows));
    const QByteArray bytes =
        path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive) ? document.toJson() : document.toCsv();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        *problem = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void MainWindow::rebuildProfileMenu()
{
    m_profileMenu->clear();
    auto *switchTo = m_profileMenu->addMenu(tr("&Switch to"));
    const QString current = m_session->profile().isDemo() ? QString() : m_session->profile().name();
    for (const QString &name : m_session->knownProfiles()) {
        QAction *action = switchTo->addAction(name);
        action->setCheckable(true);
        action->setChecked(name == current);
        connect(action, &QAction::triggered, this, [this, name] { switchToProfile(name); });
    }
    switchTo->setEnabled(!switchTo->isEmpty());
    QAction *create = m_profileMenu->addAction(tr("&New profile…"));
    create->setObjectName(QStringLiteral("newProfileAction"));
    connect(create, &QAction::triggered, this, &MainWindow::askForNewProfile);
    m_profileMenu->addSeparator();
    m_signOut = m_profileMenu->addAction(tr("Sign &out…"));
    m_signOut->setObjectName(QStringLiteral("signOutAction"));
    m_signOut->setEnabled(!m_session->profile().isDemo() && !isShowingSignIn());
    connect(m_signOut, &QAction::triggered, this, &MainWindow::askToSignOut);
}

// The dialogs below are opened with open(), never exec(): no nested event loop in the product
// (engineering rules). Each has an object name, so tests find it with findChild and answer it.
void MainWindow::askForNewProfile()
{
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(QStringLiteral("newProfileDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("New profile"));
    dialog->setLabelText(tr("Name (letters, digits, '.', '_' and '-'), e.g. the tenant:"));
    dialog->setInputMode(QInputDialog::TextInput);
    connect(dialog, &QInputDialog::textValueSelected, this, [this](const QString &text) {
        const QString name = text.trimmed();
        if (name.isEmpty())
            return;
        if (!ProfileLocation::isValidName(name)) {
            auto *box =
                new QMessageBox(QMessageBox::Warning, tr("New profile"),
                                tr("'%1' is not a valid profile name.").arg(name), QMessageBox::Ok, this);
            box->setObjectName(QStringLiteral("invalidProfileNameBox"));
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
            return;
        }
        switchToProfile(name);
    });
    dialog->open();
}

void MainWindow::askToSignOut()
{
    auto *box = new QMessageBox(
        QMessageBox::Question, tr("Sign out"),
        tr("Sign out of profile '%1'? The sign-in is removed from the keychain. The change journal "
           "is kept.")
            .arg(m_session->profile().name()),
        QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("signOutBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *keep = box->addButton(tr("Sign out, keep the cached list"), QMessageBox::AcceptRole);
    keep->setObjectName(QStringLiteral("signOutKeepButton"));
    QPushButton *wipe =
        box->addButton(tr("Sign out and delete the cached list"), QMessageBox::DestructiveRole);
    wipe->setObjectName(QStringLiteral("signOutWipeButton"));
    connect(keep, &QPushButton::clicked, this, [this] { signOut(false); });
    connect(wipe, &QPushButton::clicked, this, [this] { signOut(true); });
    box->open();
}

void MainWindow::showUndoConflicts(const ChangeApplier::Report &report)
{
    // Someone changed these targets since the change being undone: show what the server has now and
    // let the person decide; nothing was overwritten.
    QStringList lines;
    for (const ChangeRecord &change : report.changes) {
        if (change.state == ChangeState::Conflict)
            lines.append(QStringLiteral("• %1: %2")
                             .arg(change.targetAddress.isEmpty() ? tr("organization") : change.targetAddress,
                                  change.serverMessage));
    }
    const QString label = std::exchange(m_pendingUndo, QString());
    auto *box = new QMessageBox(
        QMessageBox::Warning, tr("Undo conflict"),
        tr("These targets were changed elsewhere after %1, so the undo did not touch them:\n\n%2\n\n"
           "Overwrite them with the values from before %1?")
            .arg(label, lines.join(QLatin1Char('\n'))),
        QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("undoConflictBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *overwrite = box->addButton(tr("Overwrite"), QMessageBox::DestructiveRole);
    overwrite->setObjectName(QStringLiteral("overwriteButton"));
    box->addButton(tr("Leave them"), QMessageBox::RejectRole);
    box->setModal(m_modalDialogs);
    connect(overwrite, &QPushButton::clicked, this, [this, label] {
        m_pendingUndo = label;
        m_session->undo(label, tr("Undo of %1 (overwriting changes made elsewhere)").arg(label), true);
    });
    box->show();
}

bool MainWindow::isShowingSignIn() const
{
    return m_pages->currentWidget() == m_signInPage;
}

void MainWindow::signOut(bool deleteCachedData)
{
    m_session->signOut(deleteCachedData);
}

void MainWindow::switchToProfile(const QString &name)
{
    if (m_session->isBusy())
        return;
    m_accountLabel->setText(tr("Not signed in"));
    m_roleBadge->clear();
    m_snapshotLabel->hide();
    setWindowTitle(tr("SMTP AUTH Console — %1").arg(name));
    m_session->openProfile(ProfileLocation::forProfile(name, m_session->profile().baseDirectory()));
}

void MainWindow::openDemoTenant()
{
    if (m_session->isBusy())
        return;
    // What `--demo` does in main.cpp: the demo profile (its own data directory beside the real
    // profiles), whose runtime starts the embedded tenant and signs in as its administrator.
    m_accountLabel->setText(tr("Not signed in"));
    m_roleBadge->clear();
    m_snapshotLabel->hide();
    setWindowTitle(tr("SMTP AUTH Console — demo tenant"));
    setStatus(tr("Starting the demo tenant…"));
    m_session->openProfile(ProfileLocation::forDemo(m_session->profile().baseDirectory()));
}

void MainWindow::showSignIn(const QString &reason)
{
    m_signedIn = false;
    if (auto remembered = m_session->rememberedConnection())
        m_signInPage->prefill(*remembered);
    m_signInPage->showReason(reason);
    m_pages->setCurrentWidget(m_signInPage);
    m_progress->hide();
    setStatus(reason);
    updateActions();
}

void MainWindow::showAccount(const QString &account, const QString &tenant, const QString &role)
{
    m_signedIn = true;
    m_pages->setCurrentWidget(m_tabs);
    m_accountLabel->setText(tr("Signed in as %1 to tenant %2").arg(account, tenant));
    m_roleBadge->setText(role);
    m_roleBadge->setAccessibleName(tr("Role: %1").arg(role));
    updateActions();
}

void MainWindow::showSnapshot(const QDateTime &savedUtc)
{
    const qint64 minutes = savedUtc.secsTo(QDateTime::currentDateTimeUtc()) / 60;
    const QString age = minutes < 1 ? tr("less than a minute") : tr("%n minute(s)", nullptr, int(minutes));
    m_snapshotLabel->setText(tr("Showing the list saved %1 ago (%2) while it is read again.")
                                 .arg(age, QLocale().toString(savedUtc.toLocalTime(), QLocale::ShortFormat)));
    m_snapshotLabel->show();
}

void MainWindow::showLoadStarted()
{
    m_loading = true;
    m_loadClock.start();
    m_progress->show();
    setStatus(tr("Loading mailboxes…"));
    updateActions();
}

void MainWindow::showLoadProgress(int mailboxesLoaded)
{
    const double seconds = qMax(0.001, m_loadClock.elapsed() / 1000.0);
    setStatus(tr("Loading mailboxes… %1 read (%2 per second)")
                  .arg(QLocale().toString(mailboxesLoaded))
                  .arg(QLocale().toString(qRound(mailboxesLoaded / seconds))));
}

void MainWindow::showLoadFinished()
{
    m_loading = false;
    m_progress->hide();
    m_snapshotLabel->hide();
    setStatus(tr("%Ln mailbox(es) loaded.", nullptr, m_mailboxes->rowCount()));
    updateOrgBanner();
    updateActions();
}

void MainWindow::showLoadRestarted(const QString &reason)
{
    setStatus(tr("Loading started over: %1").arg(reason));
}

void MainWindow::showProblem(const QString &message)
{
    m_loading = false;
    m_progress->hide();
    setStatus(message);
    updateActions();
}

void MainWindow::updateOrgBanner()
{
    if (m_mailboxes->rowCount() == 0) {
        m_orgBanner->setText(m_loading ? tr("Reading the organization setting…") : QString());
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
    m_countsLabel->setText(tr("Showing %1 of %Ln mailbox(es)", nullptr, m_mailboxes->rowCount())
                               .arg(QLocale().toString(m_filter->rowCount())));
}

void MainWindow::updateActions()
{
    const bool canEdit = m_session->canEditMailboxes();
    const bool hasSelection = m_view->selectionModel()->hasSelection();
    const bool busy = m_session->isBusy();
    for (QAction *action : {m_enable, m_disable, m_inherit}) {
        action->setVisible(canEdit);
        action->setEnabled(canEdit && hasSelection && !busy);
    }
    m_clearSelected->setVisible(canEdit);
    m_clearSelected->setEnabled(canEdit && hasSelection);
    m_clearAll->setVisible(canEdit);
    m_clearAll->setEnabled(canEdit && m_mailboxes->stagedCount() > 0);
    m_review->setVisible(canEdit);
    m_review->setEnabled(canEdit && m_mailboxes->stagedCount() > 0 && !busy);
    m_review->setText(m_mailboxes->stagedCount() > 0
                          ? tr("&Review and apply %1…").arg(m_mailboxes->stagedCount())
                          : tr("&Review and apply…"));
    m_orgChange->setVisible(m_session->canEditOrgSetting());
    m_history->setUndoAllowed(canEdit && !busy);
    m_orgChange->setEnabled(m_mailboxes->rowCount() > 0 && !m_loading && !busy);

    // Staging acts on the mailbox table's selection: elsewhere these actions do not apply (their
    // shortcuts would act on a table the person cannot see). Review applies wherever changes are staged.
    const bool onMailboxes = m_tabs->currentIndex() == 0;
    for (QAction *action : {m_enable, m_disable, m_inherit, m_clearSelected, m_clearAll})
        action->setEnabled(action->isEnabled() && onMailboxes);
    const bool signedIn = m_signedIn && !isShowingSignIn();
    // Nothing to read again before anyone is signed in.
    m_refresh->setVisible(signedIn);
    m_refresh->setEnabled(signedIn && !m_loading);
    m_importChanges->setEnabled(canEdit && signedIn && m_mailboxes->rowCount() > 0 && !m_loading && !busy);
    m_export->setEnabled(signedIn);
    m_showWhy->setEnabled(onMailboxes);
}

void MainWindow::dropStaleOwnReasons()
{
    for (auto it = m_ownReasonValues.begin(); it != m_ownReasonValues.end();) {
        if (m_mailboxes->stagedValue(it.key()) == it.value()) {
            ++it;
            continue;
        }
        m_ownReasons.remove(it.key());
        it = m_ownReasonValues.erase(it);
    }
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_view->horizontalHeader()->restoreState(
        settings.value(QStringLiteral("window/mailboxColumns")).toByteArray());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/mailboxColumns"), m_view->horizontalHeader()->saveState());
    QMainWindow::closeEvent(event);
}

} // namespace smtpauth
