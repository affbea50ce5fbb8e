// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "exchange/nextlinkvalidator.h"

#include <QTest>

using smtpauth::ExchangeEndpoint;
using smtpauth::ExchangeError;
using smtpauth::NextLinkValidator;

class TestNextLinkValidator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void validate_data();
    void validate();
};

void TestNextLinkValidator::validate_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("link");
    QTest::addColumn<bool>("accepted");

    const QString real = QStringLiteral("https://outlook.office365.com");
    const QString tenantPath =
        QStringLiteral("/adminapi/beta/0b1c2d3e-aaaa-bbbb-cccc-1234567890ab/InvokeCommand");
    QTest::newRow("same origin and path")
        << real << real + tenantPath + QStringLiteral("?%24skiptoken=xyz") << true;
    QTest::newRow("explicit default port")
        << real << QStringLiteral("https://outlook.office365.com:443") + tenantPath << true;
    QTest::newRow("host case") << real << QStringLiteral("https://OUTLOOK.office365.com") + tenantPath
                               << true;
    QTest::newRow("tenant case") << real
                                 << real + tenantPath.toUpper().replace(QLatin1String("/ADMINAPI/BETA/"),
                                                                        QLatin1String("/adminapi/beta/"))
                                 << true;
    QTest::newRow("other host") << real << QStringLiteral("https://evil.example.com") + tenantPath << false;
    QTest::newRow("look-alike host") << real
                                     << QStringLiteral("https://outlook.office365.com.evil.example") +
                                            tenantPath
                                     << false;
    QTest::newRow("other scheme") << real << QStringLiteral("http://outlook.office365.com") + tenantPath
                                  << false;
    QTest::newRow("other port") << real << QStringLiteral("https://outlook.office365.com:8443") + tenantPath
                                << false;
    QTest::newRow("other tenant")
        << real << real + QStringLiteral("/adminapi/beta/ffffffff-0000-0000-0000-000000000000/InvokeCommand")
        << false;
    QTest::newRow("other endpoint")
        << real << real + QStringLiteral("/adminapi/beta/0b1c2d3e-aaaa-bbbb-cccc-1234567890ab/$batch")
        << false;
    QTest::newRow("path traversal")
        << real
        << real + QStringLiteral("/adminapi/beta/0b1c2d3e-aaaa-bbbb-cccc-1234567890ab/InvokeCommand/../../x")
        << false;
    QTest::newRow("relative") << real << tenantPath + QStringLiteral("?%24skiptoken=1") << false;
    QTest::newRow("scheme-relative") << real << QStringLiteral("//evil.example.com") + tenantPath << false;
    QTest::newRow("userinfo") << real << QStringLiteral("https://user:pw@outlook.office365.com") + tenantPath
                              << false;
    QTest::newRow("empty") << real << QString() << false;
    QTest::newRow("garbage") << real << QStringLiteral("ht!tp://%%") << false;
    QTest::newRow("emulator same port") << QStringLiteral("http://127.0.0.1:8123")
                                        << QStringLiteral("http://127.0.0.1:8123") + tenantPath << true;
    QTest::newRow("emulator other port") << QStringLiteral("http://127.0.0.1:8123")
                                         << QStringLiteral("http://127.0.0.1:8124") + tenantPath << false;
}

void TestNextLinkValidator::validate()
{
    QFETCH(QString, base);
    QFETCH(QString, link);
    QFETCH(bool, accepted);
    const ExchangeEndpoint endpoint{QUrl(base), QStringLiteral("0b1c2d3e-aaaa-bbbb-cccc-1234567890ab"),
                                    QStringLiteral("UPN:a@b")};
    QUrl url;
    const ExchangeError error = NextLinkValidator(endpoint).validate(link, &url);
    QCOMPARE(!error.isError(), accepted);
    if (accepted) {
        QCOMPARE(url, QUrl(link));
    } else {
        QCOMPARE(error.category(), ExchangeError::Category::Protocol);
        QVERIFY(url.isEmpty());
    }
}

QTEST_GUILESS_MAIN(TestNextLinkValidator)
#include "test_nextlinkvalidator.moc"
