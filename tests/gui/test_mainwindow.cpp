// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "childlookup.h"
#include "demowindow.h"
#include "engine/consolesession.h"
#include "engine/profilelocation.h"
#include "models/mailboxtablemodel.h"
#include "ui/mainwindow.h"
#include "ui/stagedrowdelegate.h"

#include <QAction>
#include <QComboBox>
#include <QDialog>
#include <QFile>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStyleOptionViewItem>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace smtpauth;

class TestMainWindow : public QObject
{
    Q_OBJECT
private:
    QString labelText(MainWindow &window, const char *name)
    {
        auto *label = window.findChild<QLabel *>(QString::fromLatin1(name));
        return label ? label->text() : QString();
    }

private Q_SLOTS:
    void demoTenantLoadsSearchesAndFilters()
    {
        QTemporaryDir dataDir;
        QVERIFY(dataDir.isValid());
        MailboxTableModel mailboxes;
        ConsoleSession session(ProfileLocation::forDemo(dataDir.path()), &mailboxes);
        MainWindow window(&session, &mailboxes);
        QSignalSpy finished(&session, &ConsoleSession::loadFinished);
        QSignalSpy problems(&session, &ConsoleSession::problem);
        window.show();
        session.start();
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1 || problems.count() > 0, 60000);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.value(0).value(0).toString()));

        QCOMPARE(mailboxes.rowCount(), 5000);
        QVERIFY(labelText(window, "accountLabel").contains(QStringLiteral("admin@contoso.onmicrosoft.com")));
        QCOMPARE(labelText(window, "roleBadge"), QStringLiteral("Administrator"));
        QVERIFY(labelText(window, "orgBanner").contains(QStringLiteral("disabled for the organization")));
        QVERIFY2(labelText(window, "statusLabel").contains(QLocale().toString(5000)),
                 qPrintable(labelText(window, "statusLabel")));

        // Search answers on each keystroke and the shown count follows.
        const QString address = mailboxes.store().primarySmtpAddress(1234).toString();
        QTest::keyClicks(child<QLineEdit>(&window, "searchBox"), address.toUpper());
        QCOMPARE(child<MailboxFilterModel>(&window, "mailboxFilterModel")->rowCount(), 1);
        QCOMPARE(child<QTableView>(&window, "mailboxTable")
                     ->model()
                     ->index(0, MailboxTableModel::AddressColumn)
                     .data()
                     .toString(),
                 address);
        QVERIFY2(labelText(window, "countsLabel")
                     .contains(QStringLiteral("Showing 1 of %1").arg(QLocale().toString(5000))),
                 qPrintable(labelText(window, "countsLabel")));
        child<QLineEdit>(&window, "searchBox")->clear();
        QCOMPARE(child<MailboxFilterModel>(&window, "mailboxFilterModel")->rowCount(), 5000);

        // Effective + source filters agree with the model's own counts.
        auto *effective = window.findChild<QComboBox *>(QStringLiteral("effectiveFilter"));
        auto *source = window.findChild<QComboBox *>(QStringLiteral("sourceFilter"));
        QVERIFY(effective && source);
        effective->setCurrentIndex(effective->findData(QVariant::fromValue(EffectiveState::Enabled)));
        QCOMPARE(child<MailboxFilterModel>(&window, "mailboxFilterModel")->rowCount(),
                 mailboxes.counts().enabledByOrg + mailboxes.counts().enabledByMailbox);
        source->setCurrentIndex(source->findData(QVariant::fromValue(StateSource::Mailbox)));
        QCOMPARE(child<MailboxFilterModel>(&window, "mailboxFilterModel")->rowCount(),
                 mailboxes.counts().enabledByMailbox);
        QVERIFY(mailboxes.counts().enabledByMailbox > 0);
    }

    // The menus a desktop user expects: File, View, Profile, Help; actions that do not apply
    // to the tab in front are disabled there; About names the version, the licence and the libraries.
    void menusAboutImportExportAndTheOrgSwitch()
    {
        DemoWindow demo;
        QVERIFY(demo.dataDir.isValid());
        QVERIFY(demo.showAndLoad());
        MainWindow &window = demo.window;

        QStringList menus;
        for (QAction *action : window.menuBar()->actions())
            menus.append(action->text().remove(QLatin1Char('&')));
        QCOMPARE(menus, (QStringList{QStringLiteral("File"), QStringLiteral("View"),
                                     QStringLiteral("Profile"), QStringLiteral("Help")}));
        auto *file = child<QMenu>(&window, "fileMenu");
        QVERIFY(file->actions().contains(child<QAction>(&window, "importChangesAction")));
        QVERIFY(file->actions().contains(child<QAction>(&window, "exportAction")));
        auto *quit = child<QAction>(&window, "quitAction");
        QVERIFY(file->actions().contains(quit));
        QVERIFY(quit->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_Q)));
        QVERIFY(child<QAction>(&window, "importChangesAction")->isEnabled());

        const QString about = MainWindow::aboutText();
        QVERIFY2(about.contains(QStringLiteral(SMTPAUTH_VERSION)), qPrintable(about));
        QVERIFY(about.contains(QStringLiteral("Apache-2.0")));
        QVERIFY(about.contains(QString::fromLatin1(qVersion())));
        QVERIFY(about.contains(QStringLiteral("QtKeychain 0.")));
        child<QAction>(&window, "aboutAction")->trigger();
        auto *box = child<QMessageBox>(&window, "aboutBox");
        QVERIFY(box->isVisible());
        box->accept();

        // Staging acts on the mailbox table: on another tab its actions are disabled.
        QTableView *table = child<QTableView>(&window, "mailboxTable");
        table->selectionModel()->select(table->model()->index(0, 0),
                                        QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        auto *enable = child<QAction>(&window, "enableAction");
        QVERIFY(enable->isEnabled());
        auto *tabs = child<QTabWidget>(&window, "tabs");
        tabs->setCurrentIndex(2);
        QVERIFY(!enable->isEnabled());
        QVERIFY(!child<QAction>(&window, "unstageAction")->isEnabled());
        tabs->setCurrentIndex(0);
        QVERIFY(enable->isEnabled());

        // Import changes from CSV stages the whole file; a bad file stages nothing and says why.
        const QString first = demo.mailboxes.store().primarySmtpAddress(10).toString();
        const QString second = demo.mailboxes.store().primarySmtpAddress(11).toString();
        QFile csv(demo.dataDir.filePath(QStringLiteral("changes.csv")));
        QVERIFY(csv.open(QIODevice::WriteOnly));
        csv.write(QStringLiteral("mailbox,to,reason\n%1,enabled,Ticket 4711\n%2,disabled,Ticket 4712\n")
                      .arg(first, second)
                      .toUtf8());
        csv.close();
        QVERIFY(window.importChanges(csv.fileName()));
        QCOMPARE(demo.mailboxes.stagedCount(), 2);
        QVERIFY(child<QLabel>(&window, "statusLabel")->text().startsWith(QStringLiteral("2 change")));
        QFile bad(demo.dataDir.filePath(QStringLiteral("bad.csv")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("mailbox,to,reason\nnobody@nowhere.invalid,enabled,x\n");
        bad.close();
        QVERIFY(!window.importChanges(bad.fileName()));
        QVERIFY(child<QMessageBox>(&window, "importProblemsBox")->isVisible());
        child<QMessageBox>(&window, "importProblemsBox")->accept();
        QCOMPARE(demo.mailboxes.stagedCount(), 2);
        demo.mailboxes.clearStaged();

        // Export writes what the table shows.
        child<QLineEdit>(&window, "searchBox")->setText(first);
        QString problem;
        const QString exported = demo.dataDir.filePath(QStringLiteral("shown.csv"));
        QVERIFY2(window.exportShownMailboxes(exported, &problem), qPrintable(problem));
        QFile written(exported);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = written.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines.at(1).contains(first.toUtf8()));

        // The org switch says how many mailboxes it moves, in a dialog wide enough to read.
        child<QPushButton>(&window, "orgChangeButton")->click();
        auto *dialog = child<QDialog>(&window, "orgSwitchDialog");
        QVERIFY(dialog->isVisible());
        QVERIFY(dialog->width() >= 560);
        const int flipped = demo.session.mailboxesFlippedBy(OrgSetting::Enabled);
        const QString consequence = child<QLabel>(dialog, "consequenceLabel")->text();
        QVERIFY2(consequence.contains(QLocale::c().toString(flipped)) ||
                     consequence.contains(QString::number(flipped)),
                 qPrintable(consequence));
        dialog->reject();
    }

    // Enabled and Disabled differ in shape (icon) and in a colour that keeps its contrast on light and
    // dark palettes (WCAG AA, 4.5:1).
    void effectiveStateHasAnIconAndAReadableColour()
    {
        const auto luminance = [](const QColor &c) {
            const auto channel = [](qreal v) {
                return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
            };
            return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
        };
        const auto contrast = [&luminance](const QColor &a, const QColor &b) {
            const qreal la = luminance(a), lb = luminance(b);
            return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
        };
        for (const QColor &base : {QColor(Qt::white), QColor(0x2b, 0x2b, 0x2b), QColor(0x1e, 0x1e, 0x1e),
                                   QColor(0xf5, 0xf5, 0xf5)}) {
            QPalette palette;
            palette.setColor(QPalette::Base, base);
            for (EffectiveState state : {EffectiveState::Enabled, EffectiveState::Disabled}) {
                const QColor text = StagedRowDelegate::stateColor(state, palette);
                QVERIFY2(contrast(text, base) >= 4.5,
                         qPrintable(text.name() + QLatin1String(" on ") + base.name()));
            }
            QVERIFY(StagedRowDelegate::stateColor(EffectiveState::Enabled, palette) !=
                    StagedRowDelegate::stateColor(EffectiveState::Disabled, palette));
        }

        struct Probe : StagedRowDelegate
        {
            using StagedRowDelegate::initStyleOption;
        } probe;
        MailboxTableModel mailboxes;
        Mailbox on;
        on.guid = QUuid::createUuid();
        on.displayName = QStringLiteral("Scanner Floor 3");
        on.primarySmtpAddress = QStringLiteral("scanner3@contoso.com");
        on.smtpAuthOverride = Override::Enabled;
        Mailbox off = on;
        off.guid = QUuid::createUuid();
        off.primarySmtpAddress = QStringLiteral("scanner4@contoso.com");
        off.smtpAuthOverride = Override::Disabled;
        mailboxes.setOrgSetting(OrgSetting::Disabled);
        mailboxes.appendMailboxes({on, off});
        QStyleOptionViewItem enabled, disabled;
        probe.initStyleOption(&enabled, mailboxes.index(0, MailboxTableModel::EffectiveColumn));
        probe.initStyleOption(&disabled, mailboxes.index(1, MailboxTableModel::EffectiveColumn));
        QVERIFY(!enabled.icon.isNull() && !disabled.icon.isNull());
        QVERIFY(enabled.icon.cacheKey() != disabled.icon.cacheKey());
        QVERIFY(enabled.palette.color(QPalette::Text) != disabled.palette.color(QPalette::Text));
    }

    void withoutAccountShowsTheSignInScreen()
    {
        QTemporaryDir dataDir;
        MailboxTableModel mailboxes;
        ConsoleSession session(ProfileLocation::forProfile(QStringLiteral("nobody"), dataDir.path()),
                               &mailboxes);
        MainWindow window(&session, &mailboxes);
        QSignalSpy required(&session, &ConsoleSession::signInRequired);
        session.start();
        QCOMPARE(required.count(), 1);
        QVERIFY(required.at(0).at(0).toString().contains(QStringLiteral("nobody")));
        QVERIFY(window.isShowingSignIn());
        QCOMPARE(mailboxes.rowCount(), 0);
    }

    // The window's questions are opened with open(): the action returns at once, with the dialog
    // showing, and the answer arrives through signals (no nested event loop, docs/engineering.md).
    void dialogsOpenWithoutANestedEventLoop()
    {
        QTemporaryDir dataDir;
        MailboxTableModel mailboxes;
        ConsoleSession session(ProfileLocation::forProfile(QStringLiteral("nobody"), dataDir.path()),
                               &mailboxes);
        MainWindow window(&session, &mailboxes);
        window.show();
        session.start();
        auto *newProfile = window.findChild<QAction *>(QStringLiteral("newProfileAction"));
        QVERIFY(newProfile);
        newProfile->trigger();
        auto *ask = window.findChild<QInputDialog *>(QStringLiteral("newProfileDialog"));
        QVERIFY(ask);
        QVERIFY(ask->isVisible());
        ask->setTextValue(QStringLiteral("not a name!"));
        ask->accept();
        auto *invalid = window.findChild<QMessageBox *>(QStringLiteral("invalidProfileNameBox"));
        QVERIFY(invalid);
        QVERIFY(invalid->isVisible());
        QVERIFY(invalid->text().contains(QStringLiteral("not a name!")));
        invalid->accept();
        QTRY_VERIFY(!window.findChild<QMessageBox *>(QStringLiteral("invalidProfileNameBox")));
        QTRY_VERIFY(!window.findChild<QInputDialog *>(QStringLiteral("newProfileDialog")));
        QVERIFY(window.isShowingSignIn());
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_mainwindow.moc"
