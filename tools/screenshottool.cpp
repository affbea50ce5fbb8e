// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// Renders the README's pictures from the real window on the demo tenant: the main window (filtered, with
// staged changes), the review dialog and the History tab. Run by ./dev.sh screenshots.
#include "engine/consolesession.h"
#include "engine/cutoffreadiness.h"
#include "engine/profilelocation.h"
#include "models/mailboxtablemodel.h"
#include "ui/historyview.h"
#include "ui/mainwindow.h"
#include "ui/readinessview.h"
#include "ui/reviewdialog.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QEventLoop>
#include <QLineEdit>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <cstdio>

using namespace smtpauth;

namespace {
// A tool, not product code: waiting for one signal with a bounded local loop is fine here.
template <typename Sender, typename Signal> bool waitFor(Sender *sender, Signal signal, int timeoutMs)
{
    QEventLoop loop;
    bool fired = false;
    QObject::connect(sender, signal, &loop, [&] {
        fired = true;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return fired;
}

void settle()
{
    QEventLoop loop;
    QTimer::singleShot(400, &loop, &QEventLoop::quit);
    loop.exec();
}

bool save(QWidget *widget, const QString &path)
{
    const bool ok = widget->grab().save(path);
    std::fprintf(stderr, "%s %s\n", ok ? "wrote" : "FAILED to write", qPrintable(path));
    return ok;
}

// The window's parts by object name, as the tests find them: the widgets have no getters for tools.
template <typename T> T *part(const QObject *root, const char *objectName)
{
    T *found = root->findChild<T *>(QString::fromLatin1(objectName));
    if (!found)
        qFatal("no part named %s of the expected type", objectName);
    return found;
}

void selectViewRows(MainWindow &window, const QList<int> &rows)
{
    auto *table = part<QTableView>(&window, "mailboxTable");
    table->clearSelection();
    for (int row : rows)
        table->selectionModel()->select(table->model()->index(row, 0),
                                        QItemSelectionModel::Select | QItemSelectionModel::Rows);
}
} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("SmtpAuthConsoleScreenshots"));
    const QString outputDir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("docs/screenshots");
    QDir().mkpath(outputDir);
    QTemporaryDir dataDir;

    MailboxTableModel mailboxes;
    ConsoleSession session(ProfileLocation::forDemo(dataDir.path()), &mailboxes);
    MainWindow window(&session, &mailboxes);
    window.setDialogsModal(false);
    window.resize(1440, 860);
    window.show();
    session.start();
    if (!waitFor(&session, &ConsoleSession::loadFinished, 60000)) {
        std::fprintf(stderr, "the demo tenant did not load\n");
        return 1;
    }

    auto *filter = part<MailboxFilterModel>(&window, "mailboxFilterModel");
    auto *search = part<QLineEdit>(&window, "searchBox");
    auto *tabs = part<QTabWidget>(&window, "tabs");
    auto *table = part<QTableView>(&window, "mailboxTable");

    // Some history first: two exceptions granted with a ticket, one of them undone.
    filter->setOverrideFilter(Override::Inherit);
    selectViewRows(window, {0, 1});
    part<QAction>(&window, "enableAction")->trigger();
    session.applyStaged(QStringLiteral("Scanners on floor 3 cannot send (ticket 4711)"),
                        QStringLiteral("4711"));
    waitFor(&session, &ConsoleSession::applyFinished, 30000);
    filter->setOverrideFilter(std::nullopt);

    // The helpdesk view: a search, and three staged changes in bold.
    search->setText(QStringLiteral("an"));
    selectViewRows(window, {1, 2, 4});
    part<QAction>(&window, "disableAction")->trigger();
    selectViewRows(window, {6});
    part<QAction>(&window, "inheritAction")->trigger();
    settle();
    bool ok = save(&window, outputDir + QStringLiteral("/main-window.png"));

    window.openReview();
    auto *review = window.findChild<ReviewDialog *>();
    if (review) {
        part<QLineEdit>(review, "reasonEdit")
            ->setText(QStringLiteral("December cutoff: close stale exceptions"));
        part<QLineEdit>(review, "ticketEdit")->setText(QStringLiteral("CHG-2026-118"));
        settle();
        ok = save(review, outputDir + QStringLiteral("/review-dialog.png")) && ok;
        review->close();
    }

    tabs->setCurrentWidget(part<HistoryView>(&window, "historyView"));
    settle();
    ok = save(&window, outputDir + QStringLiteral("/history.png")) && ok;

    // The Why panel: a scanner with its own exception that Conditional Access still blocks for Basic.
    tabs->setCurrentIndex(0);
    search->clear();
    if (session.isReadingDirectory())
        waitFor(&session, &ConsoleSession::directoryRead, 30000);
    QAbstractItemModel *view = table->model();
    for (int row = 0; row < view->rowCount(); ++row) {
        const QModelIndex index = view->index(row, 0);
        if (index.data(MailboxTableModel::OverrideRole).value<Override>() == Override::Enabled &&
            index.data(MailboxTableModel::DecidedByRole).value<ReadinessLayer>() ==
                ReadinessLayer::ConditionalAccess) {
            table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                                QItemSelectionModel::Rows);
            table->scrollTo(index);
            break;
        }
    }
    settle();
    ok = save(&window, outputDir + QStringLiteral("/why-panel.png")) && ok;

    // The Readiness tab once the usage evidence is in: who breaks at the cutoff, sorted by urgency.
    CutoffReadiness *readiness = session.readiness();
    for (int waits = 0; readiness->isReading() && waits < 10; ++waits)
        waitFor(readiness, &CutoffReadiness::reportChanged, 30000);
    tabs->setCurrentWidget(part<ReadinessView>(&window, "readinessView"));
    settle();
    ok = save(&window, outputDir + QStringLiteral("/readiness-tab.png")) && ok;
    return ok ? 0 : 1;
}
