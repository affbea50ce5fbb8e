// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "auth/idtokenclaims.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using smtpauth::IdTokenClaims;
using Role = IdTokenClaims::Role;

namespace {

QByteArray encode(const QByteArray &json, bool keepPadding = false)
{
    QByteArray::Base64Options options = QByteArray::Base64UrlEncoding;
    if (!keepPadding)
        options |= QByteArray::OmitTrailingEquals;
    return QByteArrayLiteral("eyJhbGciOiJub25lIn0.") + json.toBase64(options) + QByteArrayLiteral(".sig");
}

QByteArray jwt(const QJsonObject &payload, bool keepPadding = false)
{
    return encode(QJsonDocument(payload).toJson(QJsonDocument::Compact), keepPadding);
}

} // namespace

class TestIdTokenClaims : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsAllClaims()
    {
        const QJsonObject payload{
            {QStringLiteral("tid"), QStringLiteral("tenant-guid")},
            {QStringLiteral("preferred_username"), QStringLiteral("ada@contoso.com")},
            {QStringLiteral("upn"), QStringLiteral("ignored@contoso.com")},
            {QStringLiteral("name"), QStringLiteral("Ada Lovelace \u00e9")},
            {QStringLiteral("oid"), QStringLiteral("object-guid")},
            {QStringLiteral("wids"), QJsonArray{QStringLiteral("62E90394-69F5-4237-9190-012177145E10"), 7}},
            {QStringLiteral("exp"), 1900000000}};
        const auto claims = IdTokenClaims::fromJwt(jwt(payload));
        QVERIFY(claims);
        QCOMPARE(claims->tenantId, QStringLiteral("tenant-guid"));
        QCOMPARE(claims->preferredUsername, QStringLiteral("ada@contoso.com"));
        QCOMPARE(claims->displayName, QStringLiteral("Ada Lovelace \u00e9"));
        QCOMPARE(claims->objectId, QStringLiteral("object-guid"));
        QCOMPARE(claims->roleIds, QStringList{QStringLiteral("62e90394-69f5-4237-9190-012177145e10")});
        QCOMPARE(claims->expiresAt, QDateTime::fromSecsSinceEpoch(1900000000, Qt::UTC));
        QCOMPARE(claims->role(), Role::Administrator);
    }

    void fallsBackToUpnAndToleratesMissingClaims()
    {
        const auto claims =
            IdTokenClaims::fromJwt(jwt({{QStringLiteral("upn"), QStringLiteral("bob@contoso.com")},
                                        {QStringLiteral("exp"), QStringLiteral("not a number")},
                                        {QStringLiteral("wids"), QStringLiteral("not a list")}}));
        QVERIFY(claims);
        QCOMPARE(claims->preferredUsername, QStringLiteral("bob@contoso.com"));
        QVERIFY(claims->tenantId.isEmpty());
        QVERIFY(claims->roleIds.isEmpty());
        QVERIFY(!claims->expiresAt.isValid());
        QCOMPARE(claims->role(), Role::ReadOnly);

        const auto empty = IdTokenClaims::fromJwt(jwt({}));
        QVERIFY(empty);
        QCOMPARE(*empty, IdTokenClaims());
    }

    void acceptsPaddedPayload()
    {
        // 1- and 2-character padding both occur depending on payload length.
        for (const QString &name : {QStringLiteral("a"), QStringLiteral("ab"), QStringLiteral("abc")}) {
            const QJsonObject payload{{QStringLiteral("name"), name}};
            const auto padded = IdTokenClaims::fromJwt(jwt(payload, true));
            QVERIFY(padded);
            QCOMPARE(padded->displayName, name);
        }
    }

    void rejectsGarbage_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("no dots") << QByteArrayLiteral("abcdef");
        QTest::newRow("one dot") << QByteArrayLiteral("abc.def");
        QTest::newRow("empty payload") << QByteArrayLiteral("abc..sig");
        QTest::newRow("not base64") << QByteArrayLiteral("abc.!!!*.sig");
        QTest::newRow("standard base64 chars") << QByteArrayLiteral("abc.eyJh+/==.sig");
        QTest::newRow("too much padding")
            << encode(QByteArrayLiteral("{\"a\":1}")).replace(".sig", "===.sig");
        QTest::newRow("json array") << encode(QByteArrayLiteral("[1,2]"));
        QTest::newRow("json string") << encode(QByteArrayLiteral("\"x\""));
        QTest::newRow("broken json") << encode(QByteArrayLiteral("{\"tid\":"));
        QTest::newRow("binary") << encode(QByteArray("\x00\xff\xfe{", 4));
        QTest::newRow("huge") << encode(QByteArray(100000, 'a'));
    }

    void rejectsGarbage()
    {
        QFETCH(QByteArray, token);
        QVERIFY(!IdTokenClaims::fromJwt(token));
    }

    void survivesRandomInput()
    {
        // Seeded, so that a failure names an input that can be replayed.
        QRandomGenerator generator(20261207);
        auto *random = &generator;
        for (int i = 0; i < 2000; ++i) {
            QByteArray data(random->bounded(0, 200), Qt::Uninitialized);
            for (char &c : data)
                c = char(random->bounded(256));
            if (i % 2)
                data = encode(data);
            (void)IdTokenClaims::fromJwt(data); // must not crash or hang
        }
    }

    void roleDerivation_data()
    {
        QTest::addColumn<QStringList>("wids");
        QTest::addColumn<Role>("role");
        QTest::addColumn<bool>("mailboxes");
        QTest::addColumn<bool>("org");
        QTest::newRow("global admin") << QStringList{QStringLiteral("62e90394-69f5-4237-9190-012177145e10")}
                                      << Role::Administrator << true << true;
        QTest::newRow("exchange admin") << QStringList{QStringLiteral("29232cdf-9323-42fd-ade2-1d097af3e4de")}
                                        << Role::Administrator << true << true;
        QTest::newRow("recipient admin")
            << QStringList{QStringLiteral("31392ffb-586c-42d1-9346-e59415a2cc4e")}
            << Role::RecipientAdministrator << true << false;
        QTest::newRow("helpdesk") << QStringList{QStringLiteral("729827e3-9c14-49f7-bb1b-9608f156bbb8")}
                                  << Role::Helpdesk << false << false;
        QTest::newRow("global reader") << QStringList{QStringLiteral("f2ef992c-3afb-46b9-b7cf-a126ee74c451")}
                                       << Role::ReadOnly << false << false;
        QTest::newRow("unknown role") << QStringList{QStringLiteral("b79fbf4d-3ef9-4689-8143-76b194e85509")}
                                      << Role::ReadOnly << false << false;
        QTest::newRow("none") << QStringList{} << Role::ReadOnly << false << false;
        QTest::newRow("strongest wins") << QStringList{QStringLiteral("729827e3-9c14-49f7-bb1b-9608f156bbb8"),
                                                       QStringLiteral("31392ffb-586c-42d1-9346-e59415a2cc4e"),
                                                       QStringLiteral("f2ef992c-3afb-46b9-b7cf-a126ee74c451")}
                                        << Role::RecipientAdministrator << true << false;
    }

    void roleDerivation()
    {
        QFETCH(QStringList, wids);
        QFETCH(Role, role);
        QFETCH(bool, mailboxes);
        QFETCH(bool, org);
        QCOMPARE(IdTokenClaims::roleFromIds(wids), role);
        QCOMPARE(IdTokenClaims::canEditMailboxes(role), mailboxes);
        QCOMPARE(IdTokenClaims::canEditOrgSetting(role), org);
        QCOMPARE(IdTokenClaims::roleFromName(IdTokenClaims::machineName(role)), role);
    }
};

QTEST_GUILESS_MAIN(TestIdTokenClaims)
#include "test_idtokenclaims.moc"
