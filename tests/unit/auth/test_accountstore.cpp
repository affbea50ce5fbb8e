// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "auth/accountstore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace smtpauth;

class TestAccountStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTripWithoutSecrets()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        AccountStore store(dir.filePath(QStringLiteral("profiles/work")));
        QVERIFY(!store.load().has_value());

        IdTokenClaims claims;
        claims.tenantId = QStringLiteral("tenant-guid");
        claims.preferredUsername = QStringLiteral("ada@contoso.com");
        claims.displayName = QStringLiteral("Ada, \"the\" admin");
        claims.objectId = QStringLiteral("oid");
        claims.roleIds = {QStringLiteral("31392ffb-586c-42d1-9346-e59415a2cc4e")};
        const QDateTime when = QDateTime(QDate(2026, 3, 1), QTime(12, 30, 5), Qt::UTC);
        const AccountProfile profile = AccountProfile::fromSignIn(claims, CloudEnvironment::gccHigh(),
                                                                  QStringLiteral("client-id"), when);
        QCOMPARE(profile.role, IdTokenClaims::Role::RecipientAdministrator);
        QVERIFY(store.save(profile));

        const auto loaded = AccountStore(dir.filePath(QStringLiteral("profiles/work"))).load();
        QVERIFY(loaded.has_value());
        QCOMPARE(*loaded, profile);
        QCOMPARE(loaded->cloudEnvironment(), CloudEnvironment::gccHigh());
        QCOMPARE(loaded->claims().role(), IdTokenClaims::Role::RecipientAdministrator);

        QVERIFY(store.clear());
        QVERIFY(!store.load().has_value());
        QVERIFY(store.clear()); // clearing twice is fine
    }

    void customCloudKeepsItsUrls()
    {
        QTemporaryDir dir;
        AccountStore store(dir.path());
        const auto cloud = CloudEnvironment::custom(QUrl(QStringLiteral("http://127.0.0.1:8400")),
                                                    QUrl(QStringLiteral("http://127.0.0.1:8400")));
        IdTokenClaims claims;
        claims.tenantId = QStringLiteral("demo");
        QVERIFY(store.save(
            AccountProfile::fromSignIn(claims, cloud, QStringLiteral("c"), QDateTime::currentDateTimeUtc())));
        QCOMPARE(store.load()->cloudEnvironment(), cloud);
    }
};

QTEST_GUILESS_MAIN(TestAccountStore)
#include "test_accountstore.moc"
