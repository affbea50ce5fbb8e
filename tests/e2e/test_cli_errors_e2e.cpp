// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// smtpauth-cli's contract for failures and for a read-only account, on the real binaries: not signed in
// is exit 3 and names `signin`; usage errors are exit 2; reader@ signs in and may list.
#include "e2ehelpers.h"
#include "emulatorprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace smtpauth;
using namespace smtpauth::test;

class TestCliErrorsE2e : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        if (!E2eHelpers::hasSessionBus())
            QFAIL(E2eHelpers::noSessionBusMessage());
        QVERIFY2(QFileInfo(CliProcess::binaryPath()).isExecutable(),
                 "SMTPAUTH_CLI must name the smtpauth-cli binary");
    }

    void notSignedInIsExit3_data()
    {
        QTest::addColumn<QStringList>("command");
        QTest::newRow("list") << QStringList{QStringLiteral("list")};
        QTest::newRow("org") << QStringList{QStringLiteral("org")};
        QTest::newRow("whoami --format json")
            << QStringList{QStringLiteral("whoami"), QStringLiteral("--format"), QStringLiteral("json")};
    }

    void notSignedInIsExit3()
    {
        QFETCH(QStringList, command);
        QTemporaryDir dataDir;
        const CliRun run = CliProcess::run(
            QStringList{QStringLiteral("--data-dir"), dataDir.path(), QStringLiteral("--profile"),
                        E2eHelpers::uniqueProfileName(QStringLiteral("e2e-nobody"))} +
            command);
        QVERIFY2(run.exitCode == 3, qPrintable(run.describe()));
        QVERIFY2(run.standardError.contains("signin"), qPrintable(run.describe()));
        QVERIFY(run.standardOutput.isEmpty()); // nothing a script could mistake for data
    }

    void usageErrorIsExit2_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("no command") << QStringList{};
        QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")};
        QTest::newRow("unknown option") << QStringList{QStringLiteral("list"), QStringLiteral("--colour")};
        QTest::newRow("bad --format")
            << QStringList{QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("xml")};
        QTest::newRow("bad --effective")
            << QStringList{QStringLiteral("list"), QStringLiteral("--effective"), QStringLiteral("maybe")};
        QTest::newRow("bad --source")
            << QStringList{QStringLiteral("list"), QStringLiteral("--source"), QStringLiteral("tenant")};
        QTest::newRow("option of another command")
            << QStringList{QStringLiteral("list"), QStringLiteral("--no-browser")};
        QTest::newRow("stray argument") << QStringList{QStringLiteral("org"), QStringLiteral("now")};
        QTest::newRow("--api-base without --authority") << QStringList{
            QStringLiteral("--api-base"), QStringLiteral("http://127.0.0.1:9"), QStringLiteral("signin")};
        QTest::newRow("bad profile name")
            << QStringList{QStringLiteral("--profile"), QStringLiteral("../x"), QStringLiteral("org")};
    }

    void usageErrorIsExit2()
    {
        QFETCH(QStringList, arguments);
        QTemporaryDir dataDir;
        const CliRun run =
            CliProcess::run(QStringList{QStringLiteral("--data-dir"), dataDir.path()} + arguments);
        QVERIFY2(run.exitCode == 2, qPrintable(run.describe()));
        QVERIFY2(!run.standardError.isEmpty(), "a usage error must say what is wrong");
    }

    void readerSignsInAndLists()
    {
        EmulatorProcess emulator({QStringLiteral("--mailboxes"), QStringLiteral("300"),
                                  QStringLiteral("--org"), QStringLiteral("enabled")});
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        const auto truth = emulator.truth();
        QVERIFY2(truth, qPrintable(emulator.errorString()));
        QTemporaryDir dataDir;
        const QString profile = E2eHelpers::uniqueProfileName(QStringLiteral("e2e-reader"));
        const QStringList profileArguments{QStringLiteral("--data-dir"), dataDir.path(),
                                           QStringLiteral("--profile"), profile};
        const QString base = emulator.baseUrl().toString();
        const QString reader = emulator.userPrincipalName(QStringLiteral("reader"));

        QString browserProblem;
        const CliRun signin = E2eHelpers::signInLikeABrowser(
            profileArguments + QStringList{QStringLiteral("--api-base"), base, QStringLiteral("--authority"),
                                           base, QStringLiteral("--tenant"), emulator.tenantDomain(),
                                           QStringLiteral("signin"), QStringLiteral("--no-browser"),
                                           QStringLiteral("--user"), reader},
            &browserProblem);
        QVERIFY2(browserProblem.isEmpty(),
                 qPrintable(browserProblem + QLatin1Char('\n') + signin.describe()));
        QVERIFY2(signin.exitCode == 0, qPrintable(signin.describe()));

        const CliRun list =
            CliProcess::run(profileArguments + QStringList{QStringLiteral("list"), QStringLiteral("--format"),
                                                           QStringLiteral("json")});
        QVERIFY2(list.exitCode == 0, qPrintable(list.describe()));
        const QJsonObject document = QJsonDocument::fromJson(list.standardOutput).object();
        QCOMPARE(document.value(QStringLiteral("count")).toInt(), 300);
        QCOMPARE(document.value(QStringLiteral("mailboxes")).toArray().size(), 300);
        QCOMPARE(document.value(QStringLiteral("org")).toString(), QStringLiteral("enabled"));

        const CliRun whoami = CliProcess::run(profileArguments + QStringList{QStringLiteral("whoami"),
                                                                             QStringLiteral("--format"),
                                                                             QStringLiteral("json")});
        QVERIFY2(whoami.exitCode == 0, qPrintable(whoami.describe()));
        const QJsonObject me = QJsonDocument::fromJson(whoami.standardOutput).object();
        QCOMPARE(me.value(QStringLiteral("account")).toString(), reader);
        QCOMPARE(me.value(QStringLiteral("role")).toString(), QStringLiteral("read-only"));

        QCOMPARE(CliProcess::run(profileArguments + QStringList{QStringLiteral("signout")}).exitCode, 0);
    }

    // The identity platform cannot be reached (network down, tenant host gone): that is exit 6 "server or
    // network failure", not exit 3 with "sign in again": the refresh token is still good and must stay.
    void unreachableTokenEndpointIsANetworkFailure()
    {
        EmulatorProcess emulator({QStringLiteral("--mailboxes"), QStringLiteral("20")});
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        QTemporaryDir dataDir;
        const QString profile = E2eHelpers::uniqueProfileName(QStringLiteral("e2e-offline"));
        const QStringList profileArguments{QStringLiteral("--data-dir"), dataDir.path(),
                                           QStringLiteral("--profile"), profile};
        const QString base = emulator.baseUrl().toString();
        QString browserProblem;
        const CliRun signin = E2eHelpers::signInLikeABrowser(
            profileArguments + QStringList{QStringLiteral("--api-base"), base, QStringLiteral("--authority"),
                                           base, QStringLiteral("signin"), QStringLiteral("--no-browser"),
                                           QStringLiteral("--user"),
                                           emulator.userPrincipalName(QStringLiteral("admin"))},
            &browserProblem);
        QVERIFY2(browserProblem.isEmpty() && signin.exitCode == 0,
                 qPrintable(browserProblem + signin.describe()));
        QString problem;
        const auto storedBefore = E2eHelpers::readKeychainSecret(profile, &problem);
        QVERIFY2(storedBefore, qPrintable(problem));

        emulator.stop();
        const CliRun org = CliProcess::run(profileArguments + QStringList{QStringLiteral("org")});
        const auto storedAfter = E2eHelpers::readKeychainSecret(profile, &problem);
        CliProcess::run(profileArguments + QStringList{QStringLiteral("signout")});

        QCOMPARE(storedAfter, storedBefore); // the sign-in was not thrown away
        QVERIFY2(!org.standardError.contains("sign in again"), qPrintable(org.describe()));
        QVERIFY2(org.exitCode == 6, qPrintable(org.describe()));
    }
};

QTEST_GUILESS_MAIN(TestCliErrorsE2e)
#include "test_cli_errors_e2e.moc"
