// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// The real smtpauth-emulator binary: options, the single "listening on" line, sign-in and a read over HTTP.
#include "emulatortestclient.h"

#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace smtpauth::test;

class TestEmulatorProcess : public QObject
{
    Q_OBJECT
private:
    static QString binary() { return qEnvironmentVariable("SMTPAUTH_EMULATOR"); }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(QFile::exists(binary()), "SMTPAUTH_EMULATOR must name the built binary"); }

    void versionAndHelp()
    {
        QProcess process;
        process.start(binary(), {QStringLiteral("--version")});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitCode(), 0);
        QVERIFY(process.readAllStandardOutput().startsWith("smtpauth-emulator "));
    }

    void rejectsBadOptions_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("--org maybe") << QStringList{QStringLiteral("--org"), QStringLiteral("maybe")};
        QTest::newRow("--security-defaults yes")
            << QStringList{QStringLiteral("--security-defaults"), QStringLiteral("yes")};
        QTest::newRow("--ca-group-size -1")
            << QStringList{QStringLiteral("--ca-group-size"), QStringLiteral("-1")};
        QTest::newRow("--ca-group-size many")
            << QStringList{QStringLiteral("--ca-group-size"), QStringLiteral("many")};
        QTest::newRow("--sign-in-records -5")
            << QStringList{QStringLiteral("--sign-in-records"), QStringLiteral("-5")};
        QTest::newRow("--sign-ins-failure-status 418")
            << QStringList{QStringLiteral("--sign-ins-failure-status"), QStringLiteral("418")};
        QTest::newRow("--report-link-lifetime 0")
            << QStringList{QStringLiteral("--report-link-lifetime"), QStringLiteral("0")};
    }
    void rejectsBadOptions()
    {
        QFETCH(QStringList, arguments);
        QProcess process;
        process.start(binary(), arguments);
        QVERIFY(process.waitForFinished(10000));
        QVERIFY(process.exitCode() != 0);
        QVERIFY(process.readAllStandardOutput().isEmpty());
    }

    void writesTheSmtpAuthClientsReportAndExits()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("smtp-auth-clients.csv"));
        QProcess process;
        process.start(binary(), {QStringLiteral("--mailboxes"), QStringLiteral("300"),
                                 QStringLiteral("--write-smtp-report"), path});
        QVERIFY(process.waitForFinished(20000));
        QCOMPARE(process.exitCode(), 0);
        QVERIFY(process.readAllStandardOutput().isEmpty()); // no "listening" line: it never listened
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray body = file.readAll();
        QVERIFY(body.startsWith("\xEF\xBB\xBFSender address,Domain,TLS 1.0,TLS 1.1,TLS 1.2,Messages sent,"
                                "Authentication protocol\r\n"));
        QVERIFY(body.contains(",Basic Authentication\r\n"));
        QVERIFY(body.contains(",OAuth\r\n"));
        // An unwritable target is an error, not a silent success.
        QProcess failing;
        failing.start(binary(), {QStringLiteral("--write-smtp-report"),
                                 dir.filePath(QStringLiteral("missing/dir/x.csv"))});
        QVERIFY(failing.waitForFinished(20000));
        QCOMPARE(failing.exitCode(), 1);
    }

    void directoryOptionsShapeANewTenant()
    {
        QProcess process;
        process.start(binary(),
                      {QStringLiteral("--mailboxes"), QStringLiteral("40"), QStringLiteral("--control-key"),
                       QStringLiteral("k"), QStringLiteral("--security-defaults"), QStringLiteral("on"),
                       QStringLiteral("--no-graph-consent"), QStringLiteral("--no-entra-p1"),
                       QStringLiteral("--no-auth-policies"), QStringLiteral("--org-default-policy-as-dn"),
                       QStringLiteral("--ca-group-size"), QStringLiteral("3")});
        QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 15000);
        const QString line = QString::fromUtf8(process.readLine()).trimmed();
        const QRegularExpressionMatch match =
            QRegularExpression(
                QStringLiteral("^smtpauth-emulator listening on http://127\\.0\\.0\\.1:(\\d+)$"))
                .match(line);
        QVERIFY2(match.hasMatch(), qPrintable(line));
        EmulatorTestClient client(QUrl(QStringLiteral("http://127.0.0.1:") + match.captured(1)));
        const QJsonObject truth = client
                                      .get(client.url(QStringLiteral("/_emulator/directory?users=false")),
                                           {{"X-Emulator-Control", "k"}})
                                      .json();
        QCOMPARE(
            truth.value(QStringLiteral("securityDefaults")).toObject().value(QStringLiteral("isEnabled")),
            QJsonValue(true));
        QCOMPARE(truth.value(QStringLiteral("graphConsentGranted")), QJsonValue(false));
        QCOMPARE(truth.value(QStringLiteral("entraP1")), QJsonValue(false));
        QCOMPARE(truth.value(QStringLiteral("authenticationPoliciesUsed")), QJsonValue(false));
        QCOMPARE(truth.value(QStringLiteral("orgDefaultPolicyAsDn")), QJsonValue(true));
        QCOMPARE(truth.value(QStringLiteral("caGroupSize")).toInt(), 3);
        QVERIFY(!truth.contains(QStringLiteral("users")));
        for (const QJsonValue &group : truth.value(QStringLiteral("groups")).toArray())
            QCOMPARE(group.toObject().value(QStringLiteral("memberCount")).toInt(), 3);
        process.terminate();
        QVERIFY(process.waitForFinished(10000));
    }

    void servesTokenAndOrgValue()
    {
        QProcess process;
        process.start(binary(), {QStringLiteral("--mailboxes"), QStringLiteral("30"), QStringLiteral("--org"),
                                 QStringLiteral("enabled"), QStringLiteral("--tenant-domain"),
                                 QStringLiteral("fabrikam.onmicrosoft.com"), QStringLiteral("--page-size"),
                                 QStringLiteral("10")});
        QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 15000);
        const QString line = QString::fromUtf8(process.readLine()).trimmed();
        const QRegularExpressionMatch match =
            QRegularExpression(
                QStringLiteral("^smtpauth-emulator listening on http://127\\.0\\.0\\.1:(\\d+)$"))
                .match(line);
        QVERIFY2(match.hasMatch(), qPrintable(line));
        const QUrl base(QStringLiteral("http://127.0.0.1:") + match.captured(1));

        EmulatorTestClient client(base);
        const QString tenant = QStringLiteral("fabrikam.onmicrosoft.com");
        const QByteArray token = client.accessTokenFor(tenant, QStringLiteral("admin@") + tenant);
        QVERIFY(!token.isEmpty());
        const HttpResult config =
            client.invoke(tenant, token, EmulatorTestClient::cmdlet(QStringLiteral("Get-TransportConfig")));
        QCOMPARE(config.status, 200);
        QCOMPARE(config.json()
                     .value(QStringLiteral("value"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("SmtpClientAuthenticationDisabled")),
                 QJsonValue(false));
        // --page-size caps the page even when the client asks for more.
        const HttpResult page = client.invoke(
            tenant, token, EmulatorTestClient::cmdlet(QStringLiteral("Get-CASMailbox")), {}, 1000);
        QCOMPARE(page.json().value(QStringLiteral("value")).toArray().size(), 10);
        QVERIFY(page.json().contains(QStringLiteral("@odata.nextLink")));

        process.terminate();
        QVERIFY(process.waitForFinished(10000));
        QVERIFY(process.readAllStandardOutput().isEmpty()); // exactly one line on stdout
    }
};

QTEST_GUILESS_MAIN(TestEmulatorProcess)
#include "test_emulatorprocess.moc"
