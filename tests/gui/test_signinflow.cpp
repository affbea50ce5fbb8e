// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// Interactive sign-in from the window against the emulator: the system-browser step is answered by the
// test through QDesktopServices::setUrlHandler, exactly where a real browser would take over.
#include "auth/headlessauthorizationopener.h"
#include "auth/keychainsecretstore.h"
#include "auth/tokenprovider.h"
#include "childlookup.h"
#include "emulator/emulatorserver.h"
#include "engine/consolesession.h"
#include "engine/profilelocation.h"
#include "engine/profileruntime.h"
#include "engine/signedinsession.h"
#include "models/mailboxtablemodel.h"
#include "ui/mainwindow.h"
#include "ui/signinpage.h"

#include <QComboBox>
#include <QDesktopServices>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace smtpauth;

// Plays the browser: answers the authorize URL like a person who approves (or does nothing at all).
class FakeBrowser : public QObject
{
    Q_OBJECT
public:
    bool approve = true;
    int opened = 0;
public Q_SLOTS:
    void openUrl(const QUrl &url)
    {
        ++opened;
        if (!approve)
            return; // the person closed the browser
        auto *opener = new HeadlessAuthorizationOpener(this);
        connect(opener, &HeadlessAuthorizationOpener::finished, opener, &QObject::deleteLater);
        opener->open(url);
    }
};

class TestSignInFlow : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<EmulatorServer> m_server;
    FakeBrowser m_browser;
    QTemporaryDir m_dataDir;

    void fillSignIn(MainWindow &window, const QString &user, const QString &clientId = {})
    {
        SignInPage *page = child<SignInPage>(&window, "signInPage");
        child<QLineEdit>(page, "tenantEdit")->setText(m_server->tenantDomain());
        child<QComboBox>(page, "cloudChoice")
            ->setCurrentIndex(child<QComboBox>(page, "cloudChoice")->findData(QStringLiteral("custom")));
        child<QLineEdit>(page, "apiBaseEdit")->setText(m_server->baseUrl().toString());
        child<QLineEdit>(page, "authorityEdit")->setText(m_server->baseUrl().toString());
        child<QLineEdit>(page, "userEdit")->setText(user);
        child<QLineEdit>(page, "clientIdEdit")
            ->setText(clientId.isEmpty() ? QStringLiteral("smtpauth-console-test") : clientId);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
                 "these tests sign in with the real keychain: run them under ./dev.sh test (private D-Bus + "
                 "gnome-keyring)");
        EmulatorOptions options;
        options.mailboxCount = 300;
        options.clientId = QStringLiteral("smtpauth-console-test");
        m_server = std::make_unique<EmulatorServer>(options);
        QVERIFY(m_server->start());
        QDesktopServices::setUrlHandler(QStringLiteral("http"), &m_browser, "openUrl");
    }
    void cleanupTestCase() { QDesktopServices::unsetUrlHandler(QStringLiteral("http")); }

    void signInThenSilentlyThenSignOut()
    {
        const ProfileLocation profile =
            ProfileLocation::forProfile(QStringLiteral("contoso"), m_dataDir.path());
        {
            MailboxTableModel mailboxes;
            ConsoleSession session(profile, &mailboxes);
            MainWindow window(&session, &mailboxes);
            window.show();
            session.start();
            QVERIFY(window.isShowingSignIn());
            fillSignIn(window, QStringLiteral("admin@") + m_server->tenantDomain());
            QVERIFY(child<QPushButton>(&window, "signInButton")->isEnabled());
            QSignalSpy loaded(&session, &ConsoleSession::loadFinished);
            QTest::mouseClick(child<QPushButton>(&window, "signInButton"), Qt::LeftButton);
            QVERIFY(loaded.wait(30000));
            QVERIFY(!window.isShowingSignIn());
            QCOMPARE(mailboxes.rowCount(), 300);
            QCOMPARE(window.findChild<QLabel *>(QStringLiteral("roleBadge"))->text(),
                     QStringLiteral("Administrator"));
            // The window closes while a token renewal is out (the readiness sources often still load
            // then): the service has already spent the stored refresh token, so closing must keep the
            // rotated one, or the next start finds a dead token and signs the person out.
            TokenProvider *tokens = session.runtime()->session()->tokens();
            tokens->setClock(
                [] { return QDateTime::currentDateTimeUtc().addSecs(2 * 3600); }); // both tokens expired
            tokens->fetchAccessToken(
                [](const AccessTokenSource::Result &) { QFAIL("a closed window's caller was called"); });
            QVERIFY(tokens->isRenewing());
        }
        // Next start: silent, from the keychain; the browser is not opened.
        const int openedBefore = m_browser.opened;
        MailboxTableModel mailboxes;
        ConsoleSession session(profile, &mailboxes);
        MainWindow window(&session, &mailboxes);
        window.show();
        QSignalSpy loaded(&session, &ConsoleSession::loadFinished);
        session.start();
        QVERIFY(loaded.wait(30000));
        QCOMPARE(m_browser.opened, openedBefore);
        QVERIFY(!window.isShowingSignIn());

        // Sign out: keychain entries gone, back to the sign-in screen, prefilled for the next time.
        QSignalSpy signedOut(&session, &ConsoleSession::signedOut);
        window.signOut(true);
        QTRY_COMPARE_WITH_TIMEOUT(signedOut.count(), 1, 30000);
        QVERIFY(window.isShowingSignIn());
        QCOMPARE(mailboxes.rowCount(), 0);
        KeychainSecretStore keychain(profile.name(), profile.filePath(QStringLiteral("keychain-index.ini")));
        QCOMPARE(keychain.indexedKeys(), QStringList());
        bool readDone = false;
        SecretStore::ErrorKind kind = SecretStore::ErrorKind::None;
        keychain.readSecret(QStringLiteral("refresh-token"), [&](const SecretStore::Result &result) {
            kind = result.error;
            readDone = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(readDone, 30000);
        QCOMPARE(kind, SecretStore::ErrorKind::NotFound);
    }

    void failuresAreNamedAndRecoverable_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("clientId");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown account: access denied")
            << QStringLiteral("nobody@contoso.onmicrosoft.com") << QString() << QStringLiteral("declined");
        QTest::newRow("wrong application id")
            << QStringLiteral("admin@contoso.onmicrosoft.com") << QStringLiteral("not-the-registered-app")
            << QStringLiteral("client");
    }
    void failuresAreNamedAndRecoverable()
    {
        QFETCH(QString, user);
        QFETCH(QString, clientId);
        QFETCH(QString, expected);
        QTemporaryDir dataDir;
        MailboxTableModel mailboxes;
        ConsoleSession session(ProfileLocation::forProfile(QStringLiteral("p"), dataDir.path()), &mailboxes);
        MainWindow window(&session, &mailboxes);
        window.show();
        session.start();
        fillSignIn(window, user, clientId);
        QSignalSpy failed(&session, &ConsoleSession::signInFailed);
        QTest::mouseClick(child<QPushButton>(&window, "signInButton"), Qt::LeftButton);
        QVERIFY(failed.wait(30000));
        const QString message = child<QLabel>(&window, "signInMessage")->text();
        QVERIFY2(message.contains(expected, Qt::CaseInsensitive), qPrintable(message));
        QVERIFY(message.contains(QStringLiteral("try again")));
        QVERIFY(window.isShowingSignIn());
        QVERIFY(child<QPushButton>(&window, "signInButton")->isEnabled()); // a way to try again
    }

    void cancelAndTimeout()
    {
        QTemporaryDir dataDir;
        MailboxTableModel mailboxes;
        ConsoleSession session(ProfileLocation::forProfile(QStringLiteral("p"), dataDir.path()), &mailboxes);
        MainWindow window(&session, &mailboxes);
        window.show();
        session.start();
        m_browser.approve = false; // the browser never comes back
        fillSignIn(window, QStringLiteral("admin@contoso.onmicrosoft.com"));
        QSignalSpy failed(&session, &ConsoleSession::signInFailed);
        QTest::mouseClick(child<QPushButton>(&window, "signInButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            child<QLabel>(&window, "signInMessage")->text().contains(QStringLiteral("Waiting")), 30000);
        QVERIFY(child<QPushButton>(&window, "signInCancelButton")->isVisible());
        QTest::mouseClick(child<QPushButton>(&window, "signInCancelButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 30000);
        QVERIFY2(child<QLabel>(&window, "signInMessage")
                     ->text()
                     .contains(QStringLiteral("cancel"), Qt::CaseInsensitive),
                 qPrintable(child<QLabel>(&window, "signInMessage")->text()));

        session.setSignInTimeout(std::chrono::milliseconds(300));
        QTest::mouseClick(child<QPushButton>(&window, "signInButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 2, 30000);
        QVERIFY2(child<QLabel>(&window, "signInMessage")
                     ->text()
                     .contains(QStringLiteral("time"), Qt::CaseInsensitive),
                 qPrintable(child<QLabel>(&window, "signInMessage")->text()));
        m_browser.approve = true;
    }
};

QTEST_MAIN(TestSignInFlow)
#include "test_signinflow.moc"
