// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// The emulator must hold a tenant of benchmark size (500,000 mailboxes) correctly: every mailbox distinct,
// pages full and consistent. How fast it does so is measured by ./dev.sh bench, never asserted here.
#include "emulator/emulatorserver.h"
#include "emulatortestclient.h"

#include <QJsonArray>
#include <QSet>
#include <QTest>

using namespace smtpauth;
using namespace smtpauth::test;

class TestEmulatorLargeTenant : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void halfAMillionMailboxesAreDistinctAndPaged()
    {
        EmulatorOptions options;
        options.mailboxCount = 500000;
        EmulatorServer server(options);
        QVERIFY(server.start());
        QCOMPARE(server.mailboxCount(), 500000);

        const QList<EmulatorMailbox> truth = server.mailboxes();
        QSet<QUuid> guids;
        QSet<QString> addresses;
        for (const EmulatorMailbox &mailbox : truth) {
            guids.insert(mailbox.guid);
            addresses.insert(mailbox.primarySmtpAddress.toLower());
        }
        QCOMPARE(guids.size(), 500000);
        QCOMPARE(addresses.size(), 500000);

        EmulatorTestClient client(server.baseUrl());
        const QByteArray token =
            client.accessTokenFor(server.tenantDomain(), server.adminUserPrincipalName());
        const QJsonObject body = EmulatorTestClient::cmdlet(
            QStringLiteral("Get-CASMailbox"),
            QJsonObject{{QStringLiteral("ResultSize"), QStringLiteral("Unlimited")}});
        const HttpResult page = client.invoke(server.tenantDomain(), token, body, {}, 1000);
        const QJsonArray values = page.json().value(QStringLiteral("value")).toArray();
        QCOMPARE(values.size(), 1000);
        QVERIFY(!page.json().value(QStringLiteral("@odata.nextLink")).toString().isEmpty());

        // The directory of the same size: a Get-User page and the seeded groups (2 % and 20 %).
        const HttpResult users = client.invoke(
            server.tenantDomain(), token,
            EmulatorTestClient::cmdlet(
                QStringLiteral("Get-User"),
                QJsonObject{{QStringLiteral("ResultSize"), QStringLiteral("Unlimited")}}),
            QStringLiteral("?$select=Guid,ExternalDirectoryObjectId,UserPrincipalName,AuthenticationPolicy"),
            1000);
        QCOMPARE(users.json().value(QStringLiteral("value")).toArray().size(), 1000);
        QVERIFY(!users.json().value(QStringLiteral("@odata.nextLink")).toString().isEmpty());
        const QJsonObject directory = server.directoryTruth(false);
        QHash<QString, int> sizes;
        for (const QJsonValue &group : directory.value(QStringLiteral("groups")).toArray())
            sizes.insert(group.toObject().value(QStringLiteral("displayName")).toString(),
                         group.toObject().value(QStringLiteral("memberCount")).toInt());
        QCOMPARE(sizes.value(QStringLiteral("SMTP devices (legacy exception)")), 10000);
        QCOMPARE(sizes.value(QStringLiteral("Branch offices")), 100000);
    }
};

QTEST_GUILESS_MAIN(TestEmulatorLargeTenant)
#include "test_emulatorlargetenant.moc"
