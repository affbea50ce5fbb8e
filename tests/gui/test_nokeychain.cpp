// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// With no Secret Service (this test runs with a D-Bus address that leads nowhere), the sign-in screen
// names the cause and offers the explicit session-only choice; nothing secret reaches a file.
#include "auth/headlessauthorizationopener.h"
#include "childlookup.h"
#include "emulator/emulatorserver.h"
#include "engine/consolesession.h"
#include "engine/profilelocation.h"
#include "models/mailboxtablemodel.h"
#include "ui/mainwindow.h"
#include "ui/signinpage.h"

#include <QComboBox>
#include <QDesktopServices>
#include <QDirIterator>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace smtpauth;

class ApprovingBrowser : public QObject
{
    Q_OBJECT
public Q_SLOTS:
    void openUrl(const QUrl &url)
    {
        auto *opener = new HeadlessAuthorizationOpener(this);
        connect(opener, &HeadlessAuthorizationOpener::finished, opener, &QObject::deleteLater);
        opener->open(url);
    }
};

class TestNoKeychain : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void offersSessionOnlySignIn()
    {
        EmulatorServer server(EmulatorOptions{});
        QVERIFY(server.start());
        ApprovingBrowser browser;
        QDesktopServices::setUrlHandler(QStringLiteral("http"), &browser, "openUrl");

        QTemporaryDir dataDir;
        MailboxTableModel mailboxes;
        ConsoleSession session(ProfileLocation::forProfile(QStringLiteral("p"), dataDir.path()), &mailboxes);
        MainWindow window(&session, &mailboxes);
        window.show();
        session.start();
        SignInPage *page = child<SignInPage>(&window, "signInPage");
        child<QLineEdit>(page, "tenantEdit")->setText(server.tenantDomain());
        child<QComboBox>(page, "cloudChoice")
            ->setCurrentIndex(child<QComboBox>(page, "cloudChoice")->findData(QStringLiteral("custom")));
        child<QLineEdit>(page, "apiBaseEdit")->setText(server.baseUrl().toString());
        child<QLineEdit>(page, "authorityEdit")->setText(server.baseUrl().toString());
        child<QLineEdit>(page, "userEdit")->setText(server.adminUserPrincipalName());

        QSignalSpy unavailable(&session, &ConsoleSession::keychainUnavailable);
        QTest::mouseClick(child<QPushButton>(page, "signInButton"), Qt::LeftButton);
        QVERIFY(unavailable.wait(30000));
        QVERIFY(child<QPushButton>(page, "sessionOnlyButton")->isVisible());
        const QString message = child<QLabel>(page, "signInMessage")->text();
        QVERIFY2(message.contains(QStringLiteral("keychain")) &&
                     message.contains(QStringLiteral("session only")),
                 qPrintable(message));

        QSignalSpy loaded(&session, &ConsoleSession::loadFinished);
        QSignalSpy cached(&session, &ConsoleSession::snapshotSaved);
        QTest::mouseClick(child<QPushButton>(page, "sessionOnlyButton"), Qt::LeftButton);
        QVERIFY(loaded.wait(30000));
        QVERIFY(!window.isShowingSignIn());
        QVERIFY(mailboxes.rowCount() > 0);
        // The list is cached by a worker after the load; until it is written, SQLite's rollback journal
        // of that write comes and goes, so the profile is read once everything is on disk.
        QVERIFY(cached.count() == 1 || cached.wait(30000));
        QVERIFY(QFile::exists(session.profile().filePath(QStringLiteral("snapshot.sqlite"))));

        // Session-only means nowhere on disk: no file of the profile holds anything token-like.
        QDirIterator files(dataDir.path(), QDir::Files, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            QFile file(files.next());
            QVERIFY2(file.open(QIODevice::ReadOnly),
                     qPrintable(file.fileName() + QLatin1String(": ") + file.errorString()));
            const QByteArray content = file.readAll();
            QVERIFY2(!content.contains("refresh_token") && !content.contains("access_token") &&
                         !content.contains("eyJ"),
                     qPrintable(file.fileName()));
        }
        QDesktopServices::unsetUrlHandler(QStringLiteral("http"));
    }
};

QTEST_MAIN(TestNoKeychain)
#include "test_nokeychain.moc"
