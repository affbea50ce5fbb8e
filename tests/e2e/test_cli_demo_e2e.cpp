// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// `smtpauth-cli --demo`: the embedded demo tenant, no emulator process and no keychain needed.
#include "cliprocess.h"
#include "e2ehelpers.h"
#include "models/smtpauthpolicy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace smtpauth;
using namespace smtpauth::test;

class TestCliDemoE2e : public QObject
{
    Q_OBJECT
private:
    // Without a session bus: proves the demo never touches the keychain.
    static QProcessEnvironment withoutKeychain()
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        return environment;
    }

private Q_SLOTS:
    void demoListAndOrgAreConsistent()
    {
        QVERIFY2(QFileInfo(CliProcess::binaryPath()).isExecutable(),
                 "SMTPAUTH_CLI must name the smtpauth-cli binary");
        QTemporaryDir dataDir;
        const QStringList demo{QStringLiteral("--data-dir"), dataDir.path(), QStringLiteral("--demo")};

        const CliRun list = CliProcess::run(
            demo + QStringList{QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("json")},
            std::chrono::seconds(60), withoutKeychain());
        QVERIFY2(list.exitCode == 0, qPrintable(list.describe()));
        QJsonParseError parseError{};
        const QJsonObject document = QJsonDocument::fromJson(list.standardOutput, &parseError).object();
        QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
        QCOMPARE(document.value(QStringLiteral("count")).toInt(), 5000);
        const QJsonArray mailboxes = document.value(QStringLiteral("mailboxes")).toArray();
        QCOMPARE(mailboxes.size(), 5000);

        const CliRun org = CliProcess::run(
            demo + QStringList{QStringLiteral("org"), QStringLiteral("--format"), QStringLiteral("json")},
            std::chrono::seconds(60), withoutKeychain());
        QVERIFY2(org.exitCode == 0, qPrintable(org.describe()));
        const QString orgName =
            QJsonDocument::fromJson(org.standardOutput).object().value(QStringLiteral("org")).toString();
        OrgSetting orgSetting;
        QVERIFY2(orgSettingFromName(orgName, &orgSetting), qPrintable(orgName));
        // The demo tenant is kept in the data dir, so both runs saw the same tenant.
        QCOMPARE(document.value(QStringLiteral("org")).toString(), orgName);

        QSet<QString> guids;
        for (const QJsonValue &value : mailboxes) {
            const QJsonObject mailbox = value.toObject();
            guids.insert(mailbox.value(QStringLiteral("guid")).toString());
            Override mailboxOverride;
            QVERIFY(overrideFromName(mailbox.value(QStringLiteral("override")).toString(), &mailboxOverride));
            const Effective effective = resolveEffective(mailboxOverride, orgSetting);
            QCOMPARE(mailbox.value(QStringLiteral("effective")).toString(), machineName(effective.state));
            QCOMPARE(mailbox.value(QStringLiteral("source")).toString(), machineName(effective.source));
        }
        QCOMPARE(guids.size(), 5000);

        // The table form says the same count on stderr.
        const CliRun table = CliProcess::run(demo + QStringList{QStringLiteral("list")},
                                             std::chrono::seconds(60), withoutKeychain());
        QVERIFY2(table.exitCode == 0, qPrintable(table.describe()));
        QVERIFY2(table.standardError.contains(
                     QByteArray("5000 of 5000 mailboxes shown; SMTP AUTH is " + orgName.toUtf8())),
                 table.standardError.constData());

        const QStringList leaks =
            E2eHelpers::findLeaks(dataDir.path(),
                                  {{QStringLiteral("list stdout"), list.standardOutput},
                                   {QStringLiteral("list stderr"), list.standardError},
                                   {QStringLiteral("org stderr"), org.standardError},
                                   {QStringLiteral("table stderr"), table.standardError}},
                                  {});
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(QLatin1Char('\n'))));
    }
};

QTEST_GUILESS_MAIN(TestCliDemoE2e)
#include "test_cli_demo_e2e.moc"
