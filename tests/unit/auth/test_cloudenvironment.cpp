// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "auth/cloudenvironment.h"

#include <QTest>

using smtpauth::CloudEnvironment;

class TestCloudEnvironment : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void namedClouds_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addColumn<QString>("authorize");
        QTest::addColumn<QString>("token");
        QTest::addColumn<QString>("scope");
        QTest::newRow("global")
            << "global"
            << "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize"
            << "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token"
            << "https://outlook.office365.com/.default offline_access openid profile";
        QTest::newRow("gcchigh")
            << "GccHigh"
            << "https://login.microsoftonline.us/contoso.onmicrosoft.com/oauth2/v2.0/authorize"
            << "https://login.microsoftonline.us/contoso.onmicrosoft.com/oauth2/v2.0/token"
            << "https://outlook.office365.us/.default offline_access openid profile";
        QTest::newRow("dod")
            << "dod"
            << "https://login.microsoftonline.us/contoso.onmicrosoft.com/oauth2/v2.0/authorize"
            << "https://login.microsoftonline.us/contoso.onmicrosoft.com/oauth2/v2.0/token"
            << "https://outlook-dod.office365.us/.default offline_access openid profile";
        QTest::newRow("china")
            << " CHINA "
            << "https://login.chinacloudapi.cn/contoso.onmicrosoft.com/oauth2/v2.0/authorize"
            << "https://login.chinacloudapi.cn/contoso.onmicrosoft.com/oauth2/v2.0/token"
            << "https://outlook.office365.cn/.default offline_access openid profile";
    }

    void namedClouds()
    {
        QFETCH(QString, word);
        QFETCH(QString, authorize);
        QFETCH(QString, token);
        QFETCH(QString, scope);
        const auto cloud = CloudEnvironment::fromName(word);
        QVERIFY(cloud.has_value());
        const QString tenant = QStringLiteral("contoso.onmicrosoft.com");
        QCOMPARE(cloud->authorizeUrl(tenant).toString(), authorize);
        QCOMPARE(cloud->tokenUrl(tenant).toString(), token);
        QCOMPARE(cloud->scope(), scope);
        QCOMPARE(CloudEnvironment::fromName(cloud->name()), cloud);
        QCOMPARE(CloudEnvironment::fromKind(cloud->kind()), cloud);
    }

    void unknownWordsAreRejected_data()
    {
        QTest::addColumn<QString>("word");
        QTest::newRow("empty") << "";
        QTest::newRow("custom") << "custom";
        QTest::newRow("typo") << "gcc-high";
        QTest::newRow("gcc") << "gcc"; // GCC (moderate) is the worldwide cloud: say "global"
    }

    void unknownWordsAreRejected()
    {
        QFETCH(QString, word);
        QVERIFY(!CloudEnvironment::fromName(word).has_value());
    }

    void customAuthorityKeepsPortAndPath()
    {
        const auto cloud = CloudEnvironment::custom(QUrl(QStringLiteral("http://127.0.0.1:8400/")),
                                                    QUrl(QStringLiteral("http://127.0.0.1:8400")));
        QCOMPARE(cloud.kind(), CloudEnvironment::Kind::Custom);
        QCOMPARE(cloud.name(), QStringLiteral("custom"));
        QCOMPARE(cloud.authorizeUrl(QStringLiteral("organizations")).toString(),
                 QStringLiteral("http://127.0.0.1:8400/organizations/oauth2/v2.0/authorize"));
        QCOMPARE(cloud.tokenUrl(QStringLiteral("t")).toString(),
                 QStringLiteral("http://127.0.0.1:8400/t/oauth2/v2.0/token"));
        // A custom environment stands in for the worldwide service and asks for its audience.
        QCOMPARE(cloud.scope(),
                 QStringLiteral("https://outlook.office365.com/.default offline_access openid profile"));

        const auto prefixed = CloudEnvironment::custom(QUrl(QStringLiteral("https://idp.example/base")),
                                                       QUrl(QStringLiteral("https://api.example/x/")));
        QCOMPARE(prefixed.tokenUrl(QStringLiteral("t")).toString(),
                 QStringLiteral("https://idp.example/base/t/oauth2/v2.0/token"));
        QCOMPARE(prefixed.scope(), cloud.scope());
    }

    // graph-protocol.md §1: every cloud has its own Graph host and audience.
    void graphHostsPerCloud_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addColumn<QString>("graphBase");
        QTest::newRow("global") << "global"
                                << "https://graph.microsoft.com";
        QTest::newRow("gcchigh") << "gcchigh"
                                 << "https://graph.microsoft.us";
        QTest::newRow("dod") << "dod"
                             << "https://dod-graph.microsoft.us";
        QTest::newRow("china") << "china"
                               << "https://microsoftgraph.chinacloudapi.cn";
    }

    void graphHostsPerCloud()
    {
        QFETCH(QString, word);
        QFETCH(QString, graphBase);
        const auto cloud = CloudEnvironment::fromName(word);
        QVERIFY(cloud.has_value());
        QCOMPARE(cloud->graphBase().toString(), graphBase);
        QCOMPARE(cloud->graphResource(), graphBase);
        QCOMPARE(
            cloud->graphScope({QStringLiteral("Policy.Read.All"), QStringLiteral("GroupMember.Read.All")}),
            graphBase + QStringLiteral("/Policy.Read.All ") + graphBase +
                QStringLiteral("/GroupMember.Read.All offline_access"));
        // The Exchange scope never names Graph and the reverse.
        QVERIFY(!cloud->scope().contains(QLatin1String("graph")));
    }

    void customGraphDefaultsToTheApiBaseAndAsksTheWorldwideAudience()
    {
        const QUrl api(QStringLiteral("http://127.0.0.1:8400"));
        const auto demo = CloudEnvironment::custom(api, api);
        QCOMPARE(demo.graphBase(), api);
        QCOMPARE(demo.graphScope({QStringLiteral("Policy.Read.All")}),
                 QStringLiteral("https://graph.microsoft.com/Policy.Read.All offline_access"));
        const QUrl graph(QStringLiteral("https://graph.example"));
        QCOMPARE(CloudEnvironment::custom(api, api, graph).graphBase(), graph);
    }
};

QTEST_GUILESS_MAIN(TestCloudEnvironment)
#include "test_cloudenvironment.moc"
