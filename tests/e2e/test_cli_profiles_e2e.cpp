// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// Two tenants side by side in two profiles of one data directory, with every debug log on: separate
// accounts, data and keychain entries; signing out of one leaves the other alone; and no token, code or
// verifier in any file or any line of output.
#include "cliprocess.h"
#include "e2ehelpers.h"
#include "emulatorprocess.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace smtpauth;
using namespace smtpauth::test;

class TestCliProfilesE2e : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dataDir;
    EmulatorProcess m_contoso{{QStringLiteral("--mailboxes"), QStringLiteral("120"), QStringLiteral("--seed"),
                               QStringLiteral("3"), QStringLiteral("--tenant-domain"),
                               QStringLiteral("contoso.onmicrosoft.com")}};
    EmulatorProcess m_fabrikam{{QStringLiteral("--mailboxes"), QStringLiteral("80"), QStringLiteral("--seed"),
                                QStringLiteral("4"), QStringLiteral("--tenant-domain"),
                                QStringLiteral("fabrikam.onmicrosoft.com"), QStringLiteral("--org"),
                                QStringLiteral("enabled")}};
    QString m_contosoProfile = E2eHelpers::uniqueProfileName(QStringLiteral("contoso"));
    QString m_fabrikamProfile = E2eHelpers::uniqueProfileName(QStringLiteral("fabrikam"));
    QList<QPair<QString, QByteArray>> m_captured;
    QStringList m_secretsSeen;

    // Everything on: our categories and Qt's own (network, OAuth), as a person debugging would do.
    static QProcessEnvironment debugEnvironment()
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=true"));
        return environment;
    }

    CliRun cli(const QString &profile, const QStringList &command)
    {
        const QStringList arguments =
            QStringList{QStringLiteral("--data-dir"), m_dataDir.path(), QStringLiteral("--profile"), profile,
                        QStringLiteral("--verbose")} +
            command;
        const CliRun run = CliProcess::run(arguments, std::chrono::seconds(60), debugEnvironment());
        remember(profile, run);
        return run;
    }

    void remember(const QString &profile, const CliRun &run)
    {
        m_captured.append(
            {QStringLiteral("stdout of ") + run.arguments.join(QLatin1Char(' ')), run.standardOutput});
        m_captured.append(
            {QStringLiteral("stderr of ") + run.arguments.join(QLatin1Char(' ')), run.standardError});
        QString problem;
        if (const auto secret = E2eHelpers::readKeychainSecret(profile, &problem);
            secret && !m_secretsSeen.contains(*secret))
            m_secretsSeen.append(*secret);
    }

    bool signIn(const QString &profile, EmulatorProcess &emulator)
    {
        const QString base = emulator.baseUrl().toString();
        qputenv("QT_LOGGING_RULES", "*.debug=true");
        QString browserProblem;
        const CliRun run = E2eHelpers::signInLikeABrowser(
            {QStringLiteral("--data-dir"), m_dataDir.path(), QStringLiteral("--profile"), profile,
             QStringLiteral("--verbose"), QStringLiteral("--api-base"), base, QStringLiteral("--authority"),
             base, QStringLiteral("--tenant"), emulator.tenantDomain(), QStringLiteral("signin"),
             QStringLiteral("--no-browser"), QStringLiteral("--user"),
             emulator.userPrincipalName(QStringLiteral("admin")), QStringLiteral("--timeout"),
             QStringLiteral("60")},
            &browserProblem);
        qunsetenv("QT_LOGGING_RULES");
        remember(profile, run);
        if (!browserProblem.isEmpty() || run.exitCode != 0) {
            qWarning("%s\n%s", qPrintable(browserProblem), qPrintable(run.describe()));
            return false;
        }
        return true;
    }

    QJsonObject whoami(const QString &profile)
    {
        const CliRun run =
            cli(profile, {QStringLiteral("whoami"), QStringLiteral("--format"), QStringLiteral("json")});
        return run.exitCode == 0 ? QJsonDocument::fromJson(run.standardOutput).object() : QJsonObject();
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!E2eHelpers::hasSessionBus())
            QFAIL(E2eHelpers::noSessionBusMessage());
        QVERIFY2(m_contoso.start(), qPrintable(m_contoso.errorString()));
        QVERIFY2(m_fabrikam.start(), qPrintable(m_fabrikam.errorString()));
    }

    void twoTenantsSideBySide()
    {
        QVERIFY(signIn(m_contosoProfile, m_contoso));
        QVERIFY(signIn(m_fabrikamProfile, m_fabrikam));

        const QJsonObject contoso = whoami(m_contosoProfile);
        const QJsonObject fabrikam = whoami(m_fabrikamProfile);
        QCOMPARE(contoso.value(QStringLiteral("account")).toString(),
                 m_contoso.userPrincipalName(QStringLiteral("admin")));
        QCOMPARE(fabrikam.value(QStringLiteral("account")).toString(),
                 m_fabrikam.userPrincipalName(QStringLiteral("admin")));
        QVERIFY(contoso.value(QStringLiteral("tenantId")).toString() !=
                fabrikam.value(QStringLiteral("tenantId")).toString());

        const CliRun contosoList = cli(
            m_contosoProfile, {QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("json")});
        const CliRun fabrikamList = cli(
            m_fabrikamProfile, {QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(contosoList.exitCode == 0, qPrintable(contosoList.describe()));
        QVERIFY2(fabrikamList.exitCode == 0, qPrintable(fabrikamList.describe()));
        const QJsonObject contosoDocument = QJsonDocument::fromJson(contosoList.standardOutput).object();
        const QJsonObject fabrikamDocument = QJsonDocument::fromJson(fabrikamList.standardOutput).object();
        QCOMPARE(contosoDocument.value(QStringLiteral("count")).toInt(), 120);
        QCOMPARE(fabrikamDocument.value(QStringLiteral("count")).toInt(), 80);
        QCOMPARE(contosoDocument.value(QStringLiteral("org")).toString(), QStringLiteral("disabled"));
        QCOMPARE(fabrikamDocument.value(QStringLiteral("org")).toString(), QStringLiteral("enabled"));

        // Separate data and separate secrets.
        const QString contosoDir = m_dataDir.filePath(QStringLiteral("profiles/") + m_contosoProfile);
        const QString fabrikamDir = m_dataDir.filePath(QStringLiteral("profiles/") + m_fabrikamProfile);
        QVERIFY(QFileInfo::exists(contosoDir + QStringLiteral("/account.ini")));
        QVERIFY(QFileInfo::exists(fabrikamDir + QStringLiteral("/account.ini")));
        QString problem;
        const auto contosoSecret = E2eHelpers::readKeychainSecret(m_contosoProfile, &problem);
        const auto fabrikamSecret = E2eHelpers::readKeychainSecret(m_fabrikamProfile, &problem);
        QVERIFY(contosoSecret && fabrikamSecret);
        QVERIFY(*contosoSecret != *fabrikamSecret);

        // Signing out of one leaves the other signed in.
        QCOMPARE(cli(m_contosoProfile, {QStringLiteral("signout")}).exitCode, 0);
        QVERIFY(!E2eHelpers::readKeychainSecret(m_contosoProfile, &problem));
        QCOMPARE(cli(m_contosoProfile, {QStringLiteral("org")}).exitCode, 3);
        QCOMPARE(cli(m_fabrikamProfile, {QStringLiteral("org")}).exitCode, 0);
    }

    void noSecretInFilesOrDebugOutput()
    {
        QVERIFY(m_secretsSeen.size() >= 2);
        QList<QPair<QString, QByteArray>> captured = m_captured;
        captured.append({QStringLiteral("stderr of contoso emulator"), m_contoso.standardError()});
        captured.append({QStringLiteral("stderr of fabrikam emulator"), m_fabrikam.standardError()});
        QStringList leaks = E2eHelpers::findLeaks(m_dataDir.path(), captured, m_secretsSeen);
        // The PKCE verifier and the authorization code are never printed either: their query keys only
        // appear in URLs the client builds, never with a value in a log line.
        for (const auto &[name, bytes] : std::as_const(captured)) {
            for (const QByteArray &marker :
                 {QByteArray("code_verifier="), QByteArray("?code="), QByteArray("&code=")}) {
                if (bytes.contains(marker))
                    leaks.append(name + QStringLiteral(": contains ") + QString::fromLatin1(marker));
            }
        }
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(TestCliProfilesE2e)
#include "test_cli_profiles_e2e.moc"
