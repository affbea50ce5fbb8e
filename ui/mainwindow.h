#pragma once

#include "mailboxfiltermodel.h"
#include "mailboxtablemodel.h"

#include <QMainWindow>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QTableView;

namespace smtpauth {

// The console's main window: who is signed in, the org setting, counts, and the searchable mailbox
// table. It only presents; loading and signing in are driven from outside through the slots below.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(MailboxTableModel *mailboxes, QWidget *parent = nullptr);

    MailboxFilterModel *filterModel() const { return m_filter; }
    QTableView *mailboxView() const { return m_view; }
    QLineEdit *searchBox() const { return m_search; }

public Q_SLOTS:
    void showAccount(const QString &account, const QString &tenant, const QString &role);
    void showLoadStarted();
    void showLoadProgress(int mailboxesLoaded);
    void showLoadFinished();
    void showLoadRestarted(const QString &reason);
    void showProblem(const QString &message);

Q_SIGNALS:
    void refreshRequested();

private:
    void updateOrgBanner();
    void updateCounts();
    void applyFilterChoices();

    MailboxTableModel *m_mailboxes;
    MailboxFilterModel *m_filter;
    QLabel *m_accountLabel = nullptr;
    QLabel *m_orgBanner = nullptr;
    QLabel *m_countsLabel = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_effectiveChoice = nullptr;
    QComboBox *m_sourceChoice = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_statusLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    bool m_loading = false;
};

} // namespace smtpauth
