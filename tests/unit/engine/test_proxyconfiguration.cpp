// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "engine/proxyconfiguration.h"

#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QTest>

using namespace smtpauth;

class TestProxyConfiguration : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void explicitProxyForRemoteHostsOnly()
    {
        QString error;
        QVERIFY2(ProxyConfiguration::apply(QStringLiteral("http://proxy.example:3128"), &error),
                 qPrintable(error));
        const auto remote = QNetworkProxyFactory::proxyForQuery(
            QNetworkProxyQuery(QUrl(QStringLiteral("https://outlook.office365.com/adminapi"))));
        QCOMPARE(remote.value(0).type(), QNetworkProxy::HttpProxy);
        QCOMPARE(remote.value(0).hostName(), QStringLiteral("proxy.example"));
        QCOMPARE(remote.value(0).port(), quint16(3128));
        for (const QString &loopback :
             {QStringLiteral("http://127.0.0.1:8400/x"), QStringLiteral("http://localhost:5000/"),
              QStringLiteral("http://[::1]:80/")}) {
            const auto local = QNetworkProxyFactory::proxyForQuery(QNetworkProxyQuery(QUrl(loopback)));
            QCOMPARE(local.value(0).type(), QNetworkProxy::NoProxy);
        }
    }

    void badProxyUrlsAreNamed_data()
    {
        QTest::addColumn<QString>("url");
        QTest::newRow("no port") << QStringLiteral("http://proxy.example");
        QTest::newRow("ftp") << QStringLiteral("ftp://proxy.example:21");
        QTest::newRow("garbage") << QStringLiteral("not a url");
    }
    void badProxyUrlsAreNamed()
    {
        QFETCH(QString, url);
        QString error;
        QVERIFY(!ProxyConfiguration::apply(url, &error));
        QVERIFY(error.contains(QStringLiteral("--proxy")));
    }

    void systemSettingsByDefault()
    {
        QString error;
        QVERIFY(ProxyConfiguration::apply(QString(), &error));
        const auto local = QNetworkProxyFactory::proxyForQuery(
            QNetworkProxyQuery(QUrl(QStringLiteral("http://127.0.0.1:1/"))));
        QCOMPARE(local.value(0).type(), QNetworkProxy::NoProxy);
    }
};

QTEST_GUILESS_MAIN(TestProxyConfiguration)
#include "test_proxyconfiguration.moc"
