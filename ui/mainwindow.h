// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "engine/changeapplier.h"
#include "engine/consolesession.h"
#include "models/mailboxfiltermodel.h"
#include "models/mailboxtablemodel.h"

#include <QElapsedTimer>
#include <QMainWindow>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QMenu;
class QStackedWidget;
class QTabWidget;
class QTableView;

namespace smtpauth {

class HistoryView;
class ReadinessView;
class SignInPage;
class SummaryTiles;
class WhyPanel;

// The console's main window: who is signed in and with which role, the org setting, counts, and the
// searchable mailbox table where changes are staged, reviewed and applied. It presents and asks; the
// ConsoleSession does the work (the same engine as the CLI).
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(ConsoleSession *session, MailboxTableModel *mailboxes, QWidget *parent = nullptr);

    // Tests and tools/screenshottool.cpp reach the widgets through findChild on their object names.
    bool isShowingSignIn() const;
    // Replaced by tests to drive the dialogs without a nested event loop of their own.
    void setDialogsModal(bool modal) { m_modalDialogs = modal; }
    bool ticketRequired() const;
    // Stages the changes of an import file (as `smtpauth-cli apply` reads it) for review: all of them, or
    // none and a box with the file's problems. Each row keeps its own reason and ticket into the review
    // and the journal, until that mailbox is staged again by hand. The File menu's dialog ends here.
    bool importChanges(const QString &path);
    // Writes the mailboxes the table shows (CSV, or JSON for a .json path).
    bool exportShownMailboxes(const QString &path, QString *problem) const;
    // The About box's words: version, licence, the Qt and QtKeychain versions, the documentation.
    static QString aboutText();

public Q_SLOTS:
    void showAccount(const QString &account, const QString &tenant, const QString &role);
    void showSnapshot(const QDateTime &savedUtc);
    void showLoadStarted();
    void showLoadProgress(int mailboxesLoaded);
    void showLoadFinished();
    void showLoadRestarted(const QString &reason);
    void showProblem(const QString &message);
    void openReview();
    void openOrgSwitch();
    void signOut(bool deleteCachedData);
    void switchToProfile(const QString &name);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildActions();
    void updateOrgBanner();
    void updateCounts();
    void updateActions();
    void dropStaleOwnReasons();
    void applyFilterChoices();
    void stageSelection(Override value);
    QList<QUuid> selectedGuids() const;
    void restoreLayout();
    void buildMenus();
    void rebuildProfileMenu();
    void askForNewProfile();
    void askToSignOut();
    void showAbout();
    void openDemoTenant();
    void setStatus(const QString &text);
    void showStagedCount(const QString &prefix);
    static QString applySummary(const ChangeApplier::Report &report);
    void chooseChangesToImport();
    void exportCurrentTab();
    void showSignIn(const QString &reason);
    void showUndoConflicts(const ChangeApplier::Report &report);
    void updateWhyPanel();
    void updateReadinessBanner();
    void offerGraphConsent(const QString &reason);

    ConsoleSession *m_session;
    MailboxTableModel *m_mailboxes;
    MailboxFilterModel *m_filter;
    QTabWidget *m_tabs = nullptr;
    QStackedWidget *m_pages = nullptr;
    SignInPage *m_signInPage = nullptr;
    HistoryView *m_history = nullptr;
    ReadinessView *m_readinessView = nullptr;
    // The imported rows' own reasons and tickets, and the value each was imported with: a mailbox staged
    // to something else since (or unstaged, or applied) loses its imported reason.
    QHash<QUuid, ConsoleSession::OwnReason> m_ownReasons;
    QHash<QUuid, Override> m_ownReasonValues;
    QString m_pendingUndo; // the label of the undo being applied, to offer "overwrite" on conflicts
    QMenu *m_profileMenu = nullptr;
    QAction *m_signOut = nullptr;
    QLabel *m_accountLabel = nullptr;
    QLabel *m_roleBadge = nullptr;
    QLabel *m_orgBanner = nullptr;
    QPushButton *m_orgChange = nullptr;
    QLabel *m_snapshotLabel = nullptr;
    SummaryTiles *m_tiles = nullptr;
    QLabel *m_countsLabel = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_effectiveChoice = nullptr;
    QComboBox *m_sourceChoice = nullptr;
    QComboBox *m_overrideChoice = nullptr;
    QComboBox *m_basicNowChoice = nullptr;
    QComboBox *m_decidedByChoice = nullptr;
    QLabel *m_readinessBanner = nullptr;
    WhyPanel *m_why = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_statusLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QAction *m_enable = nullptr;
    QAction *m_disable = nullptr;
    QAction *m_inherit = nullptr;
    QAction *m_clearSelected = nullptr;
    QAction *m_clearAll = nullptr;
    QAction *m_review = nullptr;
    QAction *m_refresh = nullptr;
    QAction *m_importChanges = nullptr;
    QAction *m_export = nullptr;
    QAction *m_showWhy = nullptr;
    QElapsedTimer m_loadClock;
    bool m_loading = false;
    bool m_modalDialogs = true;
    bool m_statusShowsStaging = false;
    bool m_signedIn = false;
};

} // namespace smtpauth
