// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/authenticationpolicyset.h"

#include <QJsonDocument>
#include <QTest>

using namespace smtpauth;

namespace {
// Single quotes stand for double quotes: the JSON reads plainly, and moc's lexer sees no raw strings.
QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text).replace('\'', '"')).object();
}

AuthenticationPolicySet sample()
{
    return AuthenticationPolicySet::fromExchangeObjects({
        json("{'Identity': 'Block Basic Auth', 'Name': 'Block Basic Auth', "
             "'DistinguishedName': 'CN=Block Basic Auth,CN=Auth Policies,CN=Configuration,DC=prod', "
             "'Guid': '0b9a1e1c-2a5e-4c3f-9a47-6a2ad3a3c001', 'AllowBasicAuthSmtp': false}"),
        json("{'Identity': 'Printers\\\\, Scanners', 'Name': 'Printers, Scanners', "
             "'DistinguishedName': 'CN=Printers\\\\, Scanners,CN=Auth Policies,CN=Configuration,DC=prod', "
             "'AllowBasicAuthSmtp': true}"),
    });
}
} // namespace

class TestAuthenticationPolicySet : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsTheFieldsAndIgnoresSidecars()
    {
        const AuthenticationPolicySet set = AuthenticationPolicySet::fromExchangeObjects({json(
            "{ "
            "'Identity@data.type': 'Microsoft.Exchange.Configuration.Tasks.AuthPolicyIdParameter', "
            "'Identity': 'Block Basic Auth', 'Name': 'Block Basic Auth', "
            "'DistinguishedName': 'CN=Block Basic Auth,CN=Auth Policies,CN=Configuration,DC=prod', "
            "'Guid@odata.type': '#Guid', 'Guid': '0b9a1e1c-2a5e-4c3f-9a47-6a2ad3a3c001', "
            "'AllowBasicAuthSmtp@odata.type': '#Boolean', 'AllowBasicAuthSmtp': false, 'AllowBasicAuthImap': "
            "true, "
            "'WhenChanged': '2026-03-01T09:00:00+01:00', 'WhenChangedUTC': '2026-03-02T10:15:00.123Z'}")});
        QCOMPARE(set.size(), 1);
        const AuthenticationPolicy &policy = set.at(0);
        QCOMPARE(policy.name, QStringLiteral("Block Basic Auth"));
        QCOMPARE(policy.identity, QStringLiteral("Block Basic Auth"));
        QCOMPARE(policy.guid, QUuid::fromString(u"0b9a1e1c-2a5e-4c3f-9a47-6a2ad3a3c001"));
        QCOMPARE(policy.allowBasicAuthSmtp, std::optional(false));
        QCOMPARE(policy.whenChangedUtc, QDateTime(QDate(2026, 3, 2), QTime(10, 15, 0, 123), Qt::UTC));
    }

    void smtpValueThatIsNotABooleanIsNotGuessed_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("text");
        QTest::newRow("string") << QByteArray("'False'") << QStringLiteral("'False'");
        QTest::newRow("null") << QByteArray("null") << QStringLiteral("null");
        QTest::newRow("number") << QByteArray("0") << QStringLiteral("0");
        QTest::newRow("missing") << QByteArray() << QStringLiteral("missing");
    }
    void smtpValueThatIsNotABooleanIsNotGuessed()
    {
        QFETCH(QByteArray, value);
        QFETCH(QString, text);
        const QByteArray object = value.isEmpty()
                                      ? QByteArray("{'Name': 'X'}")
                                      : QByteArray("{'Name': 'X', 'AllowBasicAuthSmtp': ") + value + '}';
        const AuthenticationPolicySet set =
            AuthenticationPolicySet::fromExchangeObjects({json(object.constData())});
        QCOMPARE(set.size(), 1);
        QVERIFY(!set.at(0).allowBasicAuthSmtp);
        QCOMPARE(set.at(0).allowBasicAuthSmtpText, text);
    }

    void whenChangedFallsBackAndReadsOldDates()
    {
        const AuthenticationPolicySet set = AuthenticationPolicySet::fromExchangeObjects(
            {json("{'Name': 'A', 'AllowBasicAuthSmtp': true, 'WhenChanged': '2026-03-01T09:00:00+01:00'}"),
             json("{'Name': 'B', 'AllowBasicAuthSmtp': true, 'WhenChangedUTC': '/Date(1767225600000)/'}"),
             json("{'Name': 'C', 'AllowBasicAuthSmtp': true, 'WhenChangedUTC': 'yesterday'}")});
        QCOMPARE(set.at(0).whenChangedUtc, QDateTime(QDate(2026, 3, 1), QTime(8, 0), Qt::UTC));
        QCOMPARE(set.at(1).whenChangedUtc, QDateTime(QDate(2026, 1, 1), QTime(0, 0), Qt::UTC));
        QVERIFY(!set.at(2).whenChangedUtc.isValid());
    }

    void skipsLegacyExchangeTokens()
    {
        const AuthenticationPolicySet set = AuthenticationPolicySet::fromExchangeObjects(
            {json("{'Identity': 'LegacyExchangeTokens', 'Name': 'LegacyExchangeTokens', "
                  "'AllowBasicAuthSmtp': true}"),
             json("{'Identity': 'Real', 'Name': 'Real', 'AllowBasicAuthSmtp': true}")});
        QCOMPARE(set.size(), 1);
        QCOMPARE(set.at(0).name, QStringLiteral("Real"));
        QCOMPARE(set.resolve(u"LegacyExchangeTokens"), -1);
    }

    void resolve_data()
    {
        QTest::addColumn<QString>("reference");
        QTest::addColumn<int>("index");
        QTest::newRow("name") << QStringLiteral("Block Basic Auth") << 0;
        QTest::newRow("name, other case, spaces") << QStringLiteral("  block basic AUTH ") << 0;
        QTest::newRow("DN") << QStringLiteral("CN=Block Basic Auth,CN=Auth Policies,CN=Configuration,DC=prod")
                            << 0;
        QTest::newRow("another DN, same CN")
            << QStringLiteral("cn=block basic auth,CN=Auth Policies,CN=Configuration,DC=other") << 0;
        QTest::newRow("guid") << QStringLiteral("{0B9A1E1C-2A5E-4C3F-9A47-6A2AD3A3C001}") << 0;
        QTest::newRow("escaped comma in the CN")
            << QStringLiteral("CN=Printers\\, Scanners,CN=Auth Policies") << 1;
        QTest::newRow("identity with the escape") << QStringLiteral("Printers\\, Scanners") << 1;
        QTest::newRow("unknown") << QStringLiteral("Gone") << -1;
        QTest::newRow("unknown DN") << QStringLiteral("CN=Gone,CN=Auth Policies") << -1;
        QTest::newRow("empty") << QString() << -1;
    }
    void resolve()
    {
        QFETCH(QString, reference);
        QFETCH(int, index);
        QCOMPARE(sample().resolve(reference), index);
    }

    void firstCommonName()
    {
        QCOMPARE(AuthenticationPolicySet::firstCommonName(u"CN=A\\, B,CN=C"), QStringLiteral("A, B"));
        QCOMPARE(AuthenticationPolicySet::firstCommonName(u"Plain name"), QString());
        QCOMPARE(sample().at(1).label(), QStringLiteral("Printers, Scanners"));
    }
};

QTEST_GUILESS_MAIN(TestAuthenticationPolicySet)
#include "test_authenticationpolicyset.moc"
