// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// ProfileRuntime: the one place that decides how a profile keeps its secrets and signs in, for the window
// and the command line alike.
#include "auth/accountstore.h"
#include "auth/keychainsecretstore.h"
#include "auth/memorysecretstore.h"
#include "auth/tokenprovider.h"
#include "emulator/emulatorserver.h"
#include "engine/demotenant.h"
#include "engine/interactivesignin.h"
#include "engine/profileruntime.h"
#include "engine/signedinsession.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace smtpauth;

class TestProfileRuntime : public QObject
{
    Q_OBJECT
private:
    static void touch(const QString &path)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("x");
    }

private Q_SLOTS:
    void aRealProfileKeepsItsTokenInTheKeychainOrInMemoryOnWish()
    {
        QTemporaryDir base;
        ProfileRuntime runtime(ProfileLocation::forProfile(QStringLiteral("contoso"), base.path()));
        QString problem;
        QVERIFY2(runtime.open(false, &problem), qPrintable(problem));
        QVERIFY(qobject_cast<KeychainSecretStore *>(runtime.secrets()));
        QVERIFY(!runtime.rememberedAccount());
        QCOMPARE(runtime.restoreSession(), nullptr); // not signed in: nothing to restore
        runtime.keepInMemoryOnly();
        QVERIFY(qobject_cast<MemorySecretStore *>(runtime.secrets()));
        runtime.keepInKeychain();
        QVERIFY(qobject_cast<KeychainSecretStore *>(runtime.secrets()));
        // The profile's files have one name each, inside the profile.
        QCOMPARE(QFileInfo(runtime.journalPath()).dir().path(), runtime.profile().directory());
        QCOMPARE(QFileInfo(runtime.snapshotPath()).fileName(), QStringLiteral("snapshot.sqlite"));
        QString demoProblem;
        QVERIFY(!runtime.startDemoTenant(&demoProblem)); // only the demo profile has a demo tenant
        QVERIFY(demoProblem.contains(QStringLiteral("contoso")));
    }

    void aDemoResetStartsTenantAndJournalOverTogether()
    {
        QTemporaryDir base;
        const ProfileLocation demo = ProfileLocation::forDemo(base.path());
        QVERIFY(demo.ensureExists(nullptr));
        ProfileRuntime first(demo);
        QString problem;
        QVERIFY(first.open(false, &problem));
        for (const QString &file :
             QStringList{first.journalPath(), first.journalPath() + QStringLiteral("-wal"),
                         first.snapshotPath(), demo.filePath(DemoTenant::stateFileName())})
            touch(file);
        // Opening without reset keeps everything.
        QVERIFY(QFile::exists(first.journalPath()));
        ProfileRuntime reset(demo);
        QVERIFY2(reset.open(true, &problem), qPrintable(problem));
        QVERIFY(qobject_cast<MemorySecretStore *>(reset.secrets())); // the demo never touches the keychain
        for (const QString &file :
             QStringList{reset.journalPath(), reset.journalPath() + QStringLiteral("-wal"),
                         reset.snapshotPath(), demo.filePath(DemoTenant::stateFileName())})
            QVERIFY2(!QFile::exists(file), qPrintable(file));
    }

    void theDemoSignsInWithoutABrowserAndSignInEndsWhenTheTokenIsRefused()
    {
        QTemporaryDir base;
        ProfileRuntime runtime(ProfileLocation::forDemo(base.path()));
        QString problem;
        QVERIFY(runtime.open(false, &problem));
        QVERIFY2(runtime.startDemoTenant(&problem), qPrintable(problem));
        InteractiveSignIn *signIn = runtime.newDemoSignIn(QStringLiteral("recipients"));
        QSignalSpy succeeded(signIn, &InteractiveSignIn::succeeded);
        signIn->start();
        QVERIFY(succeeded.wait(30000));
        SignedInSession *session = runtime.adoptSignIn(signIn);
        QVERIFY(session);
        QCOMPARE(runtime.session(), session);
        QCOMPARE(session->account().role, IdTokenClaims::Role::RecipientAdministrator);
        QVERIFY(runtime.rememberedAccount());
        QCOMPARE(ProfileRuntime::roleText(session->account().role),
                 QStringLiteral("Recipient administrator"));

        // The identity platform refuses the refresh token: the remembered account is forgotten and both
        // front ends hear it through one signal.
        QSignalSpy ended(&runtime, &ProfileRuntime::signInEnded);
        runtime.demoTenant()->server()->revokeRefreshTokens();
        session->tokens()->setClock(
            [] { return QDateTime::currentDateTimeUtc().addSecs(2 * 3600); }); // token expired
        std::optional<AccessTokenSource::Result> result;
        session->tokens()->fetchAccessToken([&result](const AccessTokenSource::Result &r) { result = r; });
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 30000);
        QVERIFY(!result->ok);
        QTRY_COMPARE(ended.count(), 1);
        QVERIFY(!runtime.rememberedAccount());
    }
};

QTEST_GUILESS_MAIN(TestProfileRuntime)
#include "test_profileruntime.moc"
