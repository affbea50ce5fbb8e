#include "consolesession.h"
#include "mailboxtablemodel.h"
#include "mainwindow.h"
#include "profilelocation.h"

#include <QAction>
#include <QComboBox>
#include <QInputDialog>
#include <QMessageBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

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
        QTest::keyClicks(window.searchBox(), address.toUpper());
        QCOMPARE(window.filterModel()->rowCount(), 1);
        QCOMPARE(window.mailboxView()->model()->index(0, MailboxTableModel::AddressColumn).data().toString(), address);
        QVERIFY2(labelText(window, "countsLabel").contains(QStringLiteral("Showing 1 of %1").arg(QLocale().toString(5000))),
                 qPrintable(labelText(window, "countsLabel")));
        window.searchBox()->clear();
        QCOMPARE(window.filterModel()->rowCount(), 5000);

        // Effective + source filters agree with the model's own counts.
        auto *effective = window.findChild<QComboBox *>(QStringLiteral("effectiveFilter"));
        auto *source = window.findChild<QComboBox *>(QStringLiteral("sourceFilter"));
        QVERIFY(effective && source);
        effective->setCurrentIndex(effective->findData(QVariant::fromValue(EffectiveState::Enabled)));
        QCOMPARE(window.filterModel()->rowCount(), mailboxes.counts().enabledByOrg + mailboxes.counts().enabledByMailbox);
        source->setCurrentIndex(source->findData(QVariant::fromValue(StateSource::Mailbox)));
        QCOMPARE(window.filterModel()->rowCount(), mailboxes.counts().enabledByMailbox);
        QVERIFY(mailboxes.counts().enabledByMailbox > 0);
    }

    void withoutAccountShowsTheSignInScreen()
    {
        QTemporaryDir dataDir;
        MailboxTableModel mailboxes;
        ConsoleSession session(ProfileLocation::forProfile(QStringLiteral("nobody"), dataDir.path()), &mailboxes);
        MainWindow window(&session, &mailboxes);
        QSignalSpy required(&session, &ConsoleSession::signInRequired);
        session.start();
        QCOMPARE(required.count(), 1);
        QVERIFY(required.at(0).at(0).toString().contains(QStringLiteral("nobody")));
        QVERIFY(window.isShowingSignIn());
        QCOMPARE(mailboxes.rowCount(), 0);
    }

    // The window's questions are opened with open(): the action returns at once, with the dialog
    // showing, and the answer arrives through signals (no nested event loop, issue 21 item 9).
    void dialogsOpenWithoutANestedEventLoop()
    {
        QTemporaryDir dataDir;
        MailboxTableModel mailboxes;
        ConsoleSession session(ProfileLocation::forProfile(QStringLiteral("nobody"), dataDir.path()), &mailboxes);
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
