// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// The window's change path against the in-process demo tenant: staging from the selection, the review
// dialog's rules, apply with a conflicting row, cancel (before and while writing), role gating, and start-up
// from the cache.
#include "childlookup.h"
#include "emulator/emulatorserver.h"
#include "engine/consolesession.h"
#include "engine/demotenant.h"
#include "engine/profilelocation.h"
#include "models/mailboxtablemodel.h"
#include "ui/historyview.h"
#include "ui/mainwindow.h"
#include "ui/reviewdialog.h"

#include <QAction>
#include <QHash>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

using namespace smtpauth;

namespace {
struct Console
{
    explicit Console(const QString &dataDir, const QString &user = QStringLiteral("admin"))
        : session(ProfileLocation::forDemo(dataDir), &mailboxes), window(&session, &mailboxes)
    {
        window.setDialogsModal(false);
        session.setDemoUser(user);
    }
    bool startAndLoad()
    {
        QSignalSpy finished(&session, &ConsoleSession::loadFinished);
        session.start();
        return finished.wait(60000) || !finished.isEmpty();
    }
    // Selects the mailboxes at the given rows of the (sorted, filtered) view.
    void select(const QList<int> &rows)
    {
        child<QTableView>(&window, "mailboxTable")->clearSelection();
        for (int row : rows) {
            child<QTableView>(&window, "mailboxTable")
                ->selectionModel()
                ->select(child<QTableView>(&window, "mailboxTable")->model()->index(row, 0),
                         QItemSelectionModel::Select | QItemSelectionModel::Rows);
        }
    }
    QUuid guidAtViewRow(int row) const
    {
        return child<QTableView>(&window, "mailboxTable")
            ->model()
            ->index(row, 0)
            .data(MailboxTableModel::GuidRole)
            .toUuid();
    }
    ReviewDialog *review() const { return window.findChild<ReviewDialog *>(); }

    MailboxTableModel mailboxes;
    ConsoleSession session;
    MainWindow window;
};
} // namespace

class TestChangeFlow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void stageReviewApplyWithAConflict()
    {
        QTemporaryDir dataDir;
        Console console(dataDir.path());
        QVERIFY(console.startAndLoad());
        // Three inheriting mailboxes (the demo's org is disabled: they are disabled by org).
        child<MailboxFilterModel>(&console.window, "mailboxFilterModel")
            ->setOverrideFilter(Override::Inherit);
        const QList<QUuid> guids{console.guidAtViewRow(0), console.guidAtViewRow(1),
                                 console.guidAtViewRow(2)};
        console.select({0, 1, 2});
        QVERIFY(child<QAction>(&console.window, "enableAction")->isEnabled());
        child<QAction>(&console.window, "enableAction")->trigger();
        QCOMPARE(console.mailboxes.stagedCount(), 3);
        QVERIFY(child<QAction>(&console.window, "reviewAction")->isEnabled());

        // Another admin changes one of them before this one applies.
        const QString otherAdmins = guids.at(1).toString(QUuid::WithoutBraces);
        QVERIFY(console.session.demoTenant()->server()->setMailboxOverride(otherAdmins, Override::Disabled));

        child<QAction>(&console.window, "reviewAction")->trigger();
        ReviewDialog *dialog = console.review();
        QVERIFY(dialog);
        QCOMPARE(child<QTableWidget>(dialog, "reviewTable")->rowCount(), 3);
        QVERIFY(child<QTableWidget>(dialog, "reviewTable")
                    ->item(0, ReviewDialog::ChangeColumn)
                    ->text()
                    .contains(QStringLiteral("Inherit → Enabled")));
        QVERIFY(child<QTableWidget>(dialog, "reviewTable")
                    ->item(0, ReviewDialog::EffectiveColumn)
                    ->text()
                    .contains(QStringLiteral("Disabled → Enabled")));
        // No reason, no apply.
        QVERIFY(!child<QPushButton>(dialog, "applyButton")->isEnabled());
        QTest::keyClicks(child<QLineEdit>(dialog, "reasonEdit"), QStringLiteral("Ticket 4711: scanners"));
        QVERIFY(child<QPushButton>(dialog, "applyButton")->isEnabled());

        QSignalSpy finished(&console.session, &ConsoleSession::applyFinished);
        QTest::mouseClick(child<QPushButton>(dialog, "applyButton"), Qt::LeftButton);
        QVERIFY(finished.wait(30000));
        // Finished: Cancel has become Close.
        QCOMPARE(child<QPushButton>(dialog, "cancelButton")->text(), QStringLiteral("Close"));
        QCOMPARE(child<QTableWidget>(dialog, "reviewTable")->item(0, ReviewDialog::OutcomeColumn)->text(),
                 QStringLiteral("applied"));
        QCOMPARE(child<QTableWidget>(dialog, "reviewTable")->item(1, ReviewDialog::OutcomeColumn)->text(),
                 QStringLiteral("conflict"));
        QVERIFY(child<QTableWidget>(dialog, "reviewTable")
                    ->item(1, ReviewDialog::MessageColumn)
                    ->text()
                    .contains(QStringLiteral("disabled")));
        QVERIFY(child<QLabel>(dialog, "reviewStatus")->text().contains(QStringLiteral("stay staged")));

        // The conflicting change stays staged; the applied ones left the staging and show their new value.
        QCOMPARE(console.mailboxes.stagedGuids(), QList<QUuid>{guids.at(1)});
        // The status bar tells what happened, not the staged count from before the apply.
        const QString status = child<QLabel>(&console.window, "statusLabel")->text();
        QVERIFY2(status.contains(QStringLiteral("applied")) &&
                     status.contains(QStringLiteral("in conflict")) &&
                     !status.contains(QStringLiteral("3 change")),
                 qPrintable(status));
        const MailboxStore &store = console.mailboxes.store();
        QCOMPARE(store.smtpAuthOverride(store.rowOfGuid(guids.at(0))), Override::Enabled);
        const auto truth = console.session.demoTenant()->server()->mailboxes();
        const auto serverValue = [&truth](const QUuid &guid) {
            for (const EmulatorMailbox &m : truth) {
                if (m.guid == guid)
                    return m.smtpClientAuthentication;
            }
            return Override::Inherit;
        };
        QCOMPARE(serverValue(guids.at(0)), Override::Enabled);
        QCOMPARE(serverValue(guids.at(1)), Override::Disabled); // not overwritten
        QCOMPARE(serverValue(guids.at(2)), Override::Enabled);
        // The last-change column names who did it.
        QVERIFY(console.mailboxes.index(store.rowOfGuid(guids.at(0)), MailboxTableModel::LastChangeColumn)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("admin@")));
    }

    void undoFromHistoryWithAConflict()
    {
        QTemporaryDir dataDir;
        Console console(dataDir.path());
        QVERIFY(console.startAndLoad());
        child<MailboxFilterModel>(&console.window, "mailboxFilterModel")
            ->setOverrideFilter(Override::Inherit);
        const QUuid guid = console.guidAtViewRow(0);
        const QString guidText = guid.toString(QUuid::WithoutBraces);
        console.select({0});
        child<QAction>(&console.window, "enableAction")->trigger();
        child<QAction>(&console.window, "reviewAction")->trigger();
        ReviewDialog *dialog = console.review();
        QVERIFY(dialog);
        child<QLineEdit>(dialog, "reasonEdit")->setText(QStringLiteral("scanner"));
        QSignalSpy finished(&console.session, &ConsoleSession::applyFinished);
        QTest::mouseClick(child<QPushButton>(dialog, "applyButton"), Qt::LeftButton);
        QVERIFY(finished.wait(30000));
        dialog->close();

        // The History tab shows it; another admin then changes the mailbox again.
        HistoryView *history = child<HistoryView>(&console.window, "historyView");
        QTableView *table = history->findChild<QTableView *>(QStringLiteral("historyTable"));
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 1, 30000);
        QVERIFY(console.session.demoTenant()->server()->setMailboxOverride(guidText, Override::Disabled));
        table->selectRow(0);
        auto *undoChange = history->findChild<QPushButton *>(QStringLiteral("historyUndoChangeButton"));
        QVERIFY(undoChange->isEnabled());
        QTest::mouseClick(undoChange, Qt::LeftButton);
        QVERIFY(finished.wait(30000));

        // Nothing overwritten; the conflict dialog shows what the server has now.
        auto *box = console.window.findChild<QMessageBox *>(QStringLiteral("undoConflictBox"));
        QVERIFY(box);
        QVERIFY2(box->text().contains(QStringLiteral("disabled")), qPrintable(box->text()));
        const auto serverValue = [&console, &guid] {
            for (const EmulatorMailbox &m : console.session.demoTenant()->server()->mailboxes()) {
                if (m.guid == guid)
                    return m.smtpClientAuthentication;
            }
            return Override::Enabled;
        };
        QCOMPARE(serverValue(), Override::Disabled);

        // The person decides to overwrite: the mailbox goes back to inherit.
        QTest::mouseClick(box->findChild<QPushButton *>(QStringLiteral("overwriteButton")), Qt::LeftButton);
        QVERIFY(finished.wait(30000));
        QCOMPARE(serverValue(), Override::Inherit);
        // The apply, the conflicting undo, the forced undo.
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 3, 30000);
    }

    void cancelBeforeSendingKeepsEverythingStaged()
    {
        QTemporaryDir dataDir;
        Console console(dataDir.path());
        QVERIFY(console.startAndLoad());
        child<MailboxFilterModel>(&console.window, "mailboxFilterModel")
            ->setOverrideFilter(Override::Inherit);
        const QUuid guid = console.guidAtViewRow(0);
        console.select({0});
        child<QAction>(&console.window, "disableAction")->trigger();
        QCOMPARE(console.mailboxes.stagedCount(), 1);
        // Slow the server down so the cancel lands while the current values are being read.
        console.session.demoTenant()->server()->setLatencyMs(500);
        child<QAction>(&console.window, "reviewAction")->trigger();
        ReviewDialog *dialog = console.review();
        QVERIFY(dialog);
        child<QLineEdit>(dialog, "reasonEdit")->setText(QStringLiteral("try"));
        QSignalSpy finished(&console.session, &ConsoleSession::applyFinished);
        QTest::mouseClick(child<QPushButton>(dialog, "applyButton"), Qt::LeftButton);
        QTest::mouseClick(child<QPushButton>(dialog, "cancelButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QVERIFY(child<QLabel>(dialog, "reviewStatus")->text().contains(QStringLiteral("stay staged")));
        QCOMPARE(console.mailboxes.stagedGuids(), QList<QUuid>{guid});
        for (const EmulatorMailbox &m : console.session.demoTenant()->server()->mailboxes()) {
            if (m.guid == guid)
                QCOMPARE(m.smtpClientAuthentication, Override::Inherit);
        }
    }

    // Cancel while the writes are going out (product.md flow 5): what was sent finishes and is shown applied;
    // what was still waiting is not sent, stays staged, and each of its rows and the summary say so.
    void cancelWhileWritingKeepsTheUnsentChangesStaged()
    {
        constexpr int kStaged = 1000;
        QTemporaryDir dataDir;
        Console console(dataDir.path());
        QVERIFY(console.startAndLoad());
        child<MailboxFilterModel>(&console.window, "mailboxFilterModel")
            ->setOverrideFilter(Override::Inherit);
        QList<int> rows;
        for (int row = 0; row < kStaged; ++row)
            rows.append(row);
        console.select(rows);
        child<QAction>(&console.window, "disableAction")->trigger();
        QCOMPARE(console.mailboxes.stagedCount(), kStaged);
        const QList<QUuid> staged = console.mailboxes.stagedGuids(); // the review dialog's row order
        EmulatorServer *server = console.session.demoTenant()->server();
        // Slow enough that the 100 write calls take a while; the applier keeps only a few of them out.
        server->setLatencyMs(50);
        server->resetStats();
        child<QAction>(&console.window, "reviewAction")->trigger();
        ReviewDialog *dialog = console.review();
        QVERIFY(dialog);
        QCOMPARE(child<QTableWidget>(dialog, "reviewTable")->rowCount(), kStaged);
        child<QLineEdit>(dialog, "reasonEdit")->setText(QStringLiteral("cancel midway"));
        QSignalSpy finished(&console.session, &ConsoleSession::applyFinished);
        QSignalSpy stages(&console.session, &ConsoleSession::applyStage);
        QTest::mouseClick(child<QPushButton>(dialog, "applyButton"), Qt::LeftButton);
        QVERIFY(child<QPushButton>(dialog, "cancelButton")->isEnabled());
        // Cancel once every change is decided (the first read is over: the stage names them all) and
        // writes are landing, while most still wait to be sent.
        const auto allDecided = [&stages] {
            for (const QList<QVariant> &stage : std::as_const(stages)) {
                if (stage.constFirst().toString().startsWith(
                        QStringLiteral("Writing %1 change").arg(kStaged)))
                    return true;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(allDecided(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(server->stats().cmdletCounts.value(QStringLiteral("Set-CASMailbox")) >= 10,
                                 30000);
        QVERIFY(finished.isEmpty());
        // Per-row progress while it runs: every row already shows what the journal says of it.
        int rowsSent = 0;
        for (int row = 0; row < kStaged; ++row) {
            const QString outcome =
                child<QTableWidget>(dialog, "reviewTable")->item(row, ReviewDialog::OutcomeColumn)->text();
            QVERIFY2(outcome != QStringLiteral("sending…"), qPrintable(QString::number(row)));
            rowsSent += outcome == machineName(ChangeState::Sent) ? 1 : 0;
        }
        QVERIFY(rowsSent > 0);
        QVERIFY(child<QPushButton>(dialog, "cancelButton")->isEnabled());
        QTest::mouseClick(child<QPushButton>(dialog, "cancelButton"), Qt::LeftButton);
        QVERIFY(dialog->isVisible()); // cancel stops the apply; it does not close the dialog
        if (finished.isEmpty()) {
            // The writes already out are finishing: nothing more to cancel, so the button waits.
            QVERIFY(!child<QPushButton>(dialog, "cancelButton")->isEnabled());
            QVERIFY(finished.wait(30000));
        }
        QCOMPARE(finished.count(), 1);
        // Finished: Cancel has become Close.
        QCOMPARE(child<QPushButton>(dialog, "cancelButton")->text(), QStringLiteral("Close"));
        QVERIFY(child<QPushButton>(dialog, "cancelButton")->isEnabled()); // now Close
        const QString status = child<QLabel>(dialog, "reviewStatus")->text();
        QVERIFY2(status.contains(QStringLiteral("cancelled before sending")), qPrintable(status));
        QVERIFY2(status.contains(QStringLiteral("stay staged")), qPrintable(status));

        QHash<QUuid, Override> serverValues;
        for (const EmulatorMailbox &m : server->mailboxes())
            serverValues.insert(m.guid, m.smtpClientAuthentication);
        QList<QUuid> cancelled;
        int applied = 0;
        for (int row = 0; row < kStaged; ++row) {
            const QString outcome =
                child<QTableWidget>(dialog, "reviewTable")->item(row, ReviewDialog::OutcomeColumn)->text();
            const QString message =
                child<QTableWidget>(dialog, "reviewTable")->item(row, ReviewDialog::MessageColumn)->text();
            const QUuid guid = staged.at(row);
            if (outcome == QStringLiteral("applied")) {
                ++applied;
                QCOMPARE(serverValues.value(guid), Override::Disabled);
            } else {
                QCOMPARE(outcome, QStringLiteral("cancelled, still staged"));
                QVERIFY2(message.contains(QStringLiteral("Cancelled before sending")), qPrintable(message));
                QCOMPARE(serverValues.value(guid), Override::Inherit); // never sent
                cancelled.append(guid);
            }
        }
        QVERIFY2(applied >= 10 && !cancelled.isEmpty(),
                 qPrintable(QStringLiteral("%1 applied").arg(applied)));
        QVERIFY2(status.contains(QStringLiteral("%1 applied").arg(applied)), qPrintable(status));
        QCOMPARE(server->stats().cmdletCounts.value(QStringLiteral("Set-CASMailbox")), applied);
        // Exactly the unsent changes stay staged; the applied ones left the staging with their new value.
        QList<QUuid> stillStaged = console.mailboxes.stagedGuids();
        std::sort(stillStaged.begin(), stillStaged.end());
        std::sort(cancelled.begin(), cancelled.end());
        QCOMPARE(stillStaged, cancelled);
    }

    void rolesDecideWhatIsShown_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<bool>("canEditMailboxes");
        QTest::addColumn<bool>("canEditOrg");
        QTest::addColumn<QString>("badge");
        QTest::newRow("admin") << QStringLiteral("admin") << true << true << QStringLiteral("Administrator");
        QTest::newRow("recipients") << QStringLiteral("recipients") << true << false
                                    << QStringLiteral("Recipient administrator");
        QTest::newRow("helpdesk") << QStringLiteral("helpdesk") << false << false
                                  << QStringLiteral("Helpdesk (read-only)");
        QTest::newRow("reader") << QStringLiteral("reader") << false << false << QStringLiteral("Read-only");
    }
    void rolesDecideWhatIsShown()
    {
        QFETCH(QString, user);
        QFETCH(bool, canEditMailboxes);
        QFETCH(bool, canEditOrg);
        QFETCH(QString, badge);
        QTemporaryDir dataDir;
        Console console(dataDir.path(), user);
        QVERIFY(console.startAndLoad());
        QCOMPARE(console.window.findChild<QLabel *>(QStringLiteral("roleBadge"))->text(), badge);
        QCOMPARE(child<QAction>(&console.window, "enableAction")->isVisible(), canEditMailboxes);
        QCOMPARE(child<QAction>(&console.window, "reviewAction")->isVisible(), canEditMailboxes);
        QCOMPARE(child<QPushButton>(&console.window, "orgChangeButton")->isVisibleTo(&console.window),
                 canEditOrg);
        // Even triggered by a shortcut, a read-only account stages nothing.
        console.select({0});
        child<QAction>(&console.window, "enableAction")->trigger();
        QCOMPARE(console.mailboxes.stagedCount() > 0, canEditMailboxes);
    }

    void startsFromTheCachedList()
    {
        QTemporaryDir dataDir;
        {
            Console first(dataDir.path());
            QVERIFY(first.startAndLoad());
        }
        Console second(dataDir.path());
        QSignalSpy snapshot(&second.session, &ConsoleSession::snapshotShown);
        QSignalSpy finished(&second.session, &ConsoleSession::loadFinished);
        second.session.start();
        // The cached list is there before any page of the fresh load has arrived.
        QTRY_COMPARE_WITH_TIMEOUT(snapshot.count(), 1, 30000);
        QCOMPARE(second.mailboxes.rowCount(), 5000);
        QVERIFY(finished.isEmpty());
        QVERIFY(
            second.window.findChild<QLabel *>(QStringLiteral("snapshotLabel"))->isVisibleTo(&second.window));
        QVERIFY(finished.wait(60000));
        QCOMPARE(second.mailboxes.rowCount(), 5000);
    }
};

QTEST_MAIN(TestChangeFlow)
#include "test_changeflow.moc"
