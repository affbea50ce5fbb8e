// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// The real smtpauth-cli against the real smtpauth-emulator: `signin --no-browser` with a person playing
// the browser, then new processes that sign in silently from the real keychain: list (JSON, filtered
// CSV), org, whoami. Afterwards no token may be found in the data directory or in anything printed.
#include "e2ehelpers.h"
#include "emulatorprocess.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace smtpauth;
using namespace smtpauth::test;

class TestCliSignedInE2e : public QObject
{
    Q_OBJECT
private:
    EmulatorProcess m_emulator{{QStringLiteral("--mailboxes"), QStringLiteral("5000"),
                                QStringLiteral("--override-share"), QStringLiteral("0.2"),
                                QStringLiteral("--seed"), QStringLiteral("5")}};
    std::optional<EmulatorTruth> m_truth;
    QTemporaryDir m_dataDir;
    QString m_profile = E2eHelpers::uniqueProfileName(QStringLiteral("e2e-signedin"));
    QList<QPair<QString, QByteArray>> m_captured; // every stdout/stderr of the session
    QStringList m_secretsSeen;                    // every refresh token the keychain held

    QStringList profileArguments() const
    {
        return {QStringLiteral("--data-dir"), m_dataDir.path(), QStringLiteral("--profile"), m_profile};
    }

    CliRun cli(const QStringList &command)
    {
        const CliRun run = CliProcess::run(profileArguments() + command);
        remember(run);
        return run;
    }

    void remember(const CliRun &run)
    {
        const QString name = run.arguments.mid(4).join(QLatin1Char(' '));
        m_captured.append({QStringLiteral("stdout of ") + name, run.standardOutput});
        m_captured.append({QStringLiteral("stderr of ") + name, run.standardError});
        QString problem;
        if (const auto secret = E2eHelpers::readKeychainSecret(m_profile, &problem);
            secret && !m_secretsSeen.contains(*secret))
            m_secretsSeen.append(*secret);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!E2eHelpers::hasSessionBus())
            QFAIL(E2eHelpers::noSessionBusMessage());
        QVERIFY2(QFileInfo(CliProcess::binaryPath()).isExecutable(),
                 "SMTPAUTH_CLI must name the smtpauth-cli binary");
        QVERIFY(m_dataDir.isValid());
        QVERIFY2(m_emulator.start(), qPrintable(m_emulator.errorString()));
        m_truth = m_emulator.truth();
        QVERIFY2(m_truth, qPrintable(m_emulator.errorString()));
        QCOMPARE(m_truth->mailboxes.size(), 5000);
    }

    void signInWithoutBrowser()
    {
        const QString base = m_emulator.baseUrl().toString();
        QString browserProblem;
        const CliRun run = E2eHelpers::signInLikeABrowser(
            profileArguments() + QStringList{QStringLiteral("--api-base"), base,
                                             QStringLiteral("--authority"), base, QStringLiteral("--tenant"),
                                             m_emulator.tenantDomain(), QStringLiteral("signin"),
                                             QStringLiteral("--no-browser"), QStringLiteral("--user"),
                                             m_emulator.userPrincipalName(QStringLiteral("admin")),
                                             QStringLiteral("--timeout"), QStringLiteral("60")},
            &browserProblem);
        remember(run);
        QVERIFY2(browserProblem.isEmpty(), qPrintable(browserProblem + QLatin1Char('\n') + run.describe()));
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QVERIFY(run.standardError.contains(m_emulator.userPrincipalName(QStringLiteral("admin")).toUtf8()));

        // The refresh token is in the real keychain, under this profile.
        QString problem;
        const auto secret = E2eHelpers::readKeychainSecret(m_profile, &problem);
        QVERIFY2(secret && !secret->isEmpty(),
                 qPrintable(QStringLiteral("no refresh token in the keychain: ") + problem));
    }

    void listJsonInANewProcessEqualsTheTruth()
    {
        const CliRun run = cli({QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QJsonParseError parseError{};
        const QJsonObject document = QJsonDocument::fromJson(run.standardOutput, &parseError).object();
        QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
        QCOMPARE(document.value(QStringLiteral("org")).toString(), machineName(m_truth->org));
        QCOMPARE(document.value(QStringLiteral("count")).toInt(), 5000);
        const QJsonArray mailboxes = document.value(QStringLiteral("mailboxes")).toArray();
        QCOMPARE(mailboxes.size(), 5000);

        const QHash<QUuid, int> index = m_truth->indexByGuid();
        QSet<QUuid> seen;
        int fromMailbox = 0;
        for (const QJsonValue &value : mailboxes) {
            const QJsonObject mailbox = value.toObject();
            const QUuid guid(mailbox.value(QStringLiteral("guid")).toString());
            QVERIFY2(index.contains(guid), qPrintable(mailbox.value(QStringLiteral("guid")).toString()));
            QVERIFY2(!seen.contains(guid), "a mailbox is listed twice");
            seen.insert(guid);
            const EmulatorTruth::Mailbox &expected = m_truth->mailboxes.at(index.value(guid));
            const Effective effective = resolveEffective(expected.smtpAuthOverride, m_truth->org);
            QCOMPARE(mailbox.value(QStringLiteral("primarySmtpAddress")).toString(),
                     expected.primarySmtpAddress);
            QCOMPARE(mailbox.value(QStringLiteral("override")).toString(),
                     machineName(expected.smtpAuthOverride));
            QCOMPARE(mailbox.value(QStringLiteral("effective")).toString(), machineName(effective.state));
            QCOMPARE(mailbox.value(QStringLiteral("source")).toString(), machineName(effective.source));
            if (effective.source == StateSource::Mailbox)
                ++fromMailbox;
        }
        QVERIFY(fromMailbox > 0 && fromMailbox < 5000);
    }

    void listFilteredCsv()
    {
        const CliRun run =
            cli({QStringLiteral("list"), QStringLiteral("--effective"), QStringLiteral("enabled"),
                 QStringLiteral("--source"), QStringLiteral("mailbox"), QStringLiteral("--format"),
                 QStringLiteral("csv")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        const QList<QStringList> rows = E2eHelpers::parseCsv(run.standardOutput);
        QVERIFY(!rows.isEmpty());
        const QStringList header = rows.first();
        const int guidColumn = int(header.indexOf(QStringLiteral("guid")));
        const int effectiveColumn = int(header.indexOf(QStringLiteral("effective")));
        const int sourceColumn = int(header.indexOf(QStringLiteral("source")));
        const int addressColumn = int(header.indexOf(QStringLiteral("primarySmtpAddress")));
        QVERIFY2(guidColumn >= 0 && effectiveColumn >= 0 && sourceColumn >= 0 && addressColumn >= 0,
                 qPrintable(header.join(QLatin1Char(','))));

        QSet<QUuid> listed;
        for (qsizetype i = 1; i < rows.size(); ++i) {
            const QStringList &row = rows.at(i);
            QCOMPARE(row.size(), header.size());
            QCOMPARE(row.at(effectiveColumn), QStringLiteral("enabled"));
            QCOMPARE(row.at(sourceColumn), QStringLiteral("mailbox"));
            listed.insert(QUuid(row.at(guidColumn)));
        }
        QCOMPARE(listed.size(), rows.size() - 1);

        // Explicitly enabled mailboxes are exactly those with the override Enabled, whatever the org says.
        QSet<QUuid> expected;
        for (const EmulatorTruth::Mailbox &m : std::as_const(m_truth->mailboxes)) {
            const Effective effective = resolveEffective(m.smtpAuthOverride, m_truth->org);
            if (effective.state == EffectiveState::Enabled && effective.source == StateSource::Mailbox)
                expected.insert(m.guid);
        }
        QVERIFY(!expected.isEmpty());
        QCOMPARE(listed, expected);
    }

    void orgAndWhoAmI()
    {
        const CliRun org = cli({QStringLiteral("org")});
        QVERIFY2(org.exitCode == 0, qPrintable(org.describe()));
        QVERIFY2(
            org.standardOutput.contains(QByteArray("SMTP AUTH is " + machineName(m_truth->org).toUtf8())),
            org.standardOutput.constData());

        const CliRun orgJson =
            cli({QStringLiteral("org"), QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(orgJson.exitCode == 0, qPrintable(orgJson.describe()));
        const QJsonObject orgDocument = QJsonDocument::fromJson(orgJson.standardOutput).object();
        QCOMPARE(orgDocument.value(QStringLiteral("org")).toString(), machineName(m_truth->org));
        QCOMPARE(orgDocument.value(QStringLiteral("smtpClientAuthenticationDisabled")),
                 orgSettingToWire(m_truth->org));

        const CliRun whoami =
            cli({QStringLiteral("whoami"), QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(whoami.exitCode == 0, qPrintable(whoami.describe()));
        const QJsonObject me = QJsonDocument::fromJson(whoami.standardOutput).object();
        QCOMPARE(me.value(QStringLiteral("account")).toString(),
                 m_emulator.userPrincipalName(QStringLiteral("admin")));
        QCOMPARE(QUuid(me.value(QStringLiteral("tenantId")).toString()), m_truth->tenantId);
        QCOMPARE(me.value(QStringLiteral("role")).toString(), QStringLiteral("administrator"));
        QCOMPARE(me.value(QStringLiteral("cloud")).toString(), QStringLiteral("custom"));
        const QDateTime expires =
            QDateTime::fromString(me.value(QStringLiteral("accessTokenExpires")).toString(), Qt::ISODate);
        QVERIFY(expires.isValid() && expires > QDateTime::currentDateTimeUtc());
    }

    // Entra rotates refresh tokens: every new process that signed in silently stored a new one.
    void refreshTokenRotatedInTheKeychain()
    {
        QVERIFY2(m_secretsSeen.size() >= 3, qPrintable(QString::number(m_secretsSeen.size())));
    }

    // The scan itself must be able to fail: a planted piece of a secret and a marker are found.
    void leakScanFindsPlantedSecrets()
    {
        QVERIFY(!m_secretsSeen.isEmpty());
        QTemporaryDir planted;
        QFile file(planted.filePath(QStringLiteral("settings.ini")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("token=" + m_secretsSeen.last().toUtf8().mid(3, 20) + "\n");
        file.close();
        QCOMPARE(E2eHelpers::findLeaks(planted.path(), {}, m_secretsSeen).size(), 1);
        QCOMPARE(E2eHelpers::findLeaks(QString(),
                                       {{QStringLiteral("log"), QByteArray("Authorization: Bearer x")}}, {})
                     .size(),
                 1);
    }

    void noTokenInFilesOrOutput()
    {
        QVERIFY(!m_secretsSeen.isEmpty());
        // The profile really wrote files there (account, keychain index ...), so the scan looked at
        // something.
        QDirIterator files(m_dataDir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        QVERIFY(files.hasNext());
        QList<QPair<QString, QByteArray>> captured = m_captured;
        captured.append({QStringLiteral("stderr of smtpauth-emulator"), m_emulator.standardError()});
        QStringList leaks = E2eHelpers::findLeaks(m_dataDir.path(), captured, m_secretsSeen);
        // Under ctest HOME is this test's private directory (settings, caches): scan it too. Never the
        // home of a developer who runs the binary by hand.
        if (QDir::homePath().contains(QStringLiteral("/test-homes/")))
            leaks += E2eHelpers::findLeaks(QDir::homePath(), {}, m_secretsSeen);
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QLatin1Char('\n'))));
    }

    void signOutWipesTheKeychain()
    {
        const CliRun run = cli({QStringLiteral("signout")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QString problem;
        QVERIFY(!E2eHelpers::readKeychainSecret(m_profile, &problem));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const CliRun after = cli({QStringLiteral("org")});
        QCOMPARE(after.exitCode, 3);
    }
};

QTEST_GUILESS_MAIN(TestCliSignedInE2e)
#include "test_cli_signedin_e2e.moc"
