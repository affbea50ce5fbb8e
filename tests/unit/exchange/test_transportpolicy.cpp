// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "exchange/transportpolicy.h"

#include <QTest>

using smtpauth::ExchangeError;
using smtpauth::TransportPolicy;

class TestTransportPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void check_data();
    void check();
};

void TestTransportPolicy::check_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("https worldwide") << QStringLiteral("https://outlook.office365.com") << true;
    QTest::newRow("https gcc high") << QStringLiteral("https://outlook.office365.us/adminapi") << true;
    QTest::newRow("http public host") << QStringLiteral("http://outlook.office365.com") << false;
    QTest::newRow("http 127.0.0.1") << QStringLiteral("http://127.0.0.1:8080") << true;
    QTest::newRow("http 127.8.9.10") << QStringLiteral("http://127.8.9.10:8080") << true;
    QTest::newRow("http localhost") << QStringLiteral("http://localhost:8080") << true;
    QTest::newRow("http LOCALHOST") << QStringLiteral("http://LOCALHOST") << true;
    QTest::newRow("http ::1") << QStringLiteral("http://[::1]:8080") << true;
    QTest::newRow("http private lan") << QStringLiteral("http://192.168.1.10") << false;
    QTest::newRow("http 0.0.0.0") << QStringLiteral("http://0.0.0.0") << false;
    QTest::newRow("http localhost look-alike") << QStringLiteral("http://localhost.evil.example") << false;
    QTest::newRow("http 127 look-alike") << QStringLiteral("http://127.0.0.1.nip.io") << false;
    QTest::newRow("ftp") << QStringLiteral("ftp://127.0.0.1") << false;
    QTest::newRow("no host") << QStringLiteral("https:///path") << false;
}

void TestTransportPolicy::check()
{
    QFETCH(QString, url);
    QFETCH(bool, allowed);
    const ExchangeError error = TransportPolicy::check(QUrl(url));
    QCOMPARE(!error.isError(), allowed);
    if (!allowed)
        QCOMPARE(error.category(), ExchangeError::Category::InsecureTransport);
}

QTEST_GUILESS_MAIN(TestTransportPolicy)
#include "test_transportpolicy.moc"
