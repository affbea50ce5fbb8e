// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/snapshotstore.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace smtpauth;

namespace {
MailboxStore makeStore(int count)
{
    MailboxStore store;
    for (int i = 0; i < count; ++i) {
        Mailbox m;
        m.guid = QUuid::createUuidV5(QUuid(), QString::number(i));
        if (i % 3)
            m.externalDirectoryObjectId =
                QUuid::createUuidV5(QUuid(), QStringLiteral("x") + QString::number(i));
        m.displayName =
            i % 2 ? QStringLiteral("Zoë \"Ødegård\", =1+%1").arg(i) : QStringLiteral("王小明 %1").arg(i);
        m.primarySmtpAddress = QStringLiteral("user%1@contoso.com").arg(i);
        m.alias = QStringLiteral("user%1").arg(i);
        m.smtpAuthOverride = i % 5 == 0   ? Override::Enabled
                             : i % 7 == 0 ? Override::Disabled
                                          : Override::Inherit;
        store.upsert(m);
    }
    return store;
}
void executeOn(const QString &path, const QStringList &statements)
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tamper"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        for (const QString &statement : statements)
            QVERIFY2(query.exec(statement), qPrintable(statement));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("tamper"));
}

QVariant scalarOn(const QString &path, const QString &statement)
{
    QVariant value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("inspect"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(statement) && query.next())
                value = query.value(0);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("inspect"));
    return value;
}
} // namespace

class TestSnapshotStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTripsEveryMailbox()
    {
        QTemporaryDir dir;
        SnapshotStore snapshots(dir.filePath(QStringLiteral("snapshot.sqlite")));
        QVERIFY(!snapshots.load(QStringLiteral("t1")).has_value()); // nothing saved yet
        const MailboxStore original = makeStore(1234);
        const QDateTime when(QDate(2026, 11, 28), QTime(7, 30), Qt::UTC);
        QString error;
        QVERIFY2(snapshots.save(original, OrgSetting::Enabled, QStringLiteral("t1"), when, &error),
                 qPrintable(error));

        const auto loaded = snapshots.load(QStringLiteral("t1"), &error);
        QVERIFY2(loaded.has_value(), qPrintable(error));
        QCOMPARE(loaded->org, OrgSetting::Enabled);
        QCOMPARE(loaded->savedUtc, when);
        QCOMPARE(loaded->mailboxes.size(), original.size());
        for (int row = 0; row < original.size(); ++row)
            QCOMPARE(loaded->mailboxes.at(row), original.at(row));
    }

    void saveReplacesThePreviousSnapshot()
    {
        QTemporaryDir dir;
        SnapshotStore snapshots(dir.filePath(QStringLiteral("snapshot.sqlite")));
        QVERIFY(snapshots.save(makeStore(500), OrgSetting::Enabled, QStringLiteral("t1"),
                               QDateTime::currentDateTimeUtc()));
        QVERIFY(snapshots.save(makeStore(10), OrgSetting::Disabled, QStringLiteral("t1"),
                               QDateTime::currentDateTimeUtc()));
        const auto loaded = snapshots.load(QStringLiteral("t1"));
        QVERIFY(loaded.has_value());
        QCOMPARE(loaded->mailboxes.size(), 10);
        QCOMPARE(loaded->org, OrgSetting::Disabled);
    }

    void anotherTenantsSnapshotIsNotShown()
    {
        QTemporaryDir dir;
        SnapshotStore snapshots(dir.filePath(QStringLiteral("snapshot.sqlite")));
        QVERIFY(snapshots.save(makeStore(5), OrgSetting::Enabled, QStringLiteral("t1"),
                               QDateTime::currentDateTimeUtc()));
        QVERIFY(!snapshots.load(QStringLiteral("t2")).has_value());
        QVERIFY(snapshots.clear());
        QVERIFY(!snapshots.load(QStringLiteral("t1")).has_value());
    }

    void aTornSnapshotIsRefused_data()
    {
        QTest::addColumn<QString>("tamper");
        QTest::addColumn<QString>("expectedError");
        QTest::newRow("records cut short")
            << QStringLiteral("UPDATE snapshot_store SET records = substr(records, 1, length(records) - 10)")
            << QStringLiteral("truncated");
        QTest::newRow("count does not match")
            << QStringLiteral("UPDATE snapshot_meta SET mailbox_count = 49") << QStringLiteral("49");
        QTest::newRow("text arena cut short")
            << QStringLiteral("UPDATE snapshot_store SET text = substr(text, 1, 100)")
            << QStringLiteral("damaged");
        QTest::newRow("records from another build")
            << QStringLiteral("UPDATE snapshot_store SET record_format = 1")
            << QStringLiteral("another version");
        QTest::newRow("records missing")
            << QStringLiteral("DELETE FROM snapshot_store") << QStringLiteral("missing");
        QTest::newRow("written by a newer console")
            << QStringLiteral("PRAGMA user_version = 99") << QStringLiteral("newer version");
    }
    void aTornSnapshotIsRefused()
    {
        QFETCH(QString, tamper);
        QFETCH(QString, expectedError);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("snapshot.sqlite"));
        {
            SnapshotStore snapshots(path);
            QVERIFY(snapshots.save(makeStore(50), OrgSetting::Enabled, QStringLiteral("t1"),
                                   QDateTime::currentDateTimeUtc()));
        }
        executeOn(path, {tamper});
        SnapshotStore snapshots(path);
        QString error;
        QVERIFY(!snapshots.load(QStringLiteral("t1"), &error).has_value());
        QVERIFY2(error.contains(expectedError), qPrintable(error));
        // The next complete load replaces whatever was there.
        QVERIFY(snapshots.save(makeStore(3), OrgSetting::Enabled, QStringLiteral("t1"),
                               QDateTime::currentDateTimeUtc()));
        const auto loaded = snapshots.load(QStringLiteral("t1"), &error);
        QVERIFY2(loaded.has_value(), qPrintable(error));
        QCOMPARE(loaded->mailboxes.size(), 3);
    }

    void theFirstFormatStillLoads()
    {
        // Files written before the format had a version: one SQL row per mailbox.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("snapshot.sqlite"));
        const MailboxStore original = makeStore(300);
        QStringList statements{
            QStringLiteral("CREATE TABLE snapshot_meta (singleton INTEGER PRIMARY KEY CHECK (singleton = 1),"
                           " tenant_id TEXT NOT NULL, org_disabled INTEGER NOT NULL, saved_utc TEXT NOT NULL,"
                           " mailbox_count INTEGER NOT NULL)"),
            QStringLiteral(
                "CREATE TABLE snapshot_mailboxes (row INTEGER PRIMARY KEY, guid BLOB NOT NULL,"
                " external_id BLOB, display_name TEXT NOT NULL, address TEXT NOT NULL, alias TEXT NOT NULL,"
                " override INTEGER NOT NULL)"),
            QStringLiteral("INSERT INTO snapshot_meta VALUES (1, 't1', 0, '2026-11-01T10:00:00.000Z', %1)")
                .arg(original.size()),
        };
        for (int row = 0; row < original.size(); ++row) {
            const QUuid external = original.externalDirectoryObjectId(row);
            statements << QStringLiteral(
                              "INSERT INTO snapshot_mailboxes VALUES (%1, x'%2', %3, '%4', '%5', '%6', %7)")
                              .arg(row)
                              .arg(QString::fromLatin1(original.guid(row).toRfc4122().toHex()))
                              .arg(external.isNull() ? QStringLiteral("NULL")
                                                     : QStringLiteral("x'%1'").arg(
                                                           QString::fromLatin1(external.toRfc4122().toHex())))
                              .arg(original.displayName(row).toString().replace(QLatin1Char('\''),
                                                                                QStringLiteral("''")))
                              .arg(original.primarySmtpAddress(row).toString())
                              .arg(original.alias(row).toString())
                              .arg(int(original.smtpAuthOverride(row)));
        }
        executeOn(path, statements);

        SnapshotStore snapshots(path);
        QString error;
        const auto loaded = snapshots.load(QStringLiteral("t1"), &error);
        QVERIFY2(loaded.has_value(), qPrintable(error));
        QCOMPARE(loaded->org, OrgSetting::Enabled);
        QCOMPARE(loaded->mailboxes.size(), original.size());
        for (int row = 0; row < original.size(); ++row)
            QCOMPARE(loaded->mailboxes.at(row), original.at(row));
        QVERIFY(loaded->mailboxes.matchesNeedle(7, MailboxStore::searchNeedle(u"ØDEGÅRD")));

        // Saving writes the current format and drops the old table.
        QVERIFY(snapshots.save(loaded->mailboxes, OrgSetting::Enabled, QStringLiteral("t1"),
                               QDateTime::currentDateTimeUtc()));
        QCOMPARE(scalarOn(path, QStringLiteral("PRAGMA user_version")).toInt(), 2);
        QCOMPARE(scalarOn(path, QStringLiteral(
                                    "SELECT count(*) FROM sqlite_master WHERE name = 'snapshot_mailboxes'"))
                     .toInt(),
                 0);
        const auto reloaded = snapshots.load(QStringLiteral("t1"), &error);
        QVERIFY2(reloaded.has_value(), qPrintable(error));
        QCOMPARE(reloaded->mailboxes.at(299), original.at(299));
    }

    void aLoadedSnapshotKeepsSearchKeysAndGrows()
    {
        QTemporaryDir dir;
        SnapshotStore snapshots(dir.filePath(QStringLiteral("snapshot.sqlite")));
        MailboxStore original = makeStore(5000);
        // A replaced row leaves garbage in the arenas; the snapshot must not carry it.
        Mailbox renamed = original.at(10);
        renamed.displayName = QStringLiteral("Straße Scanner");
        original.upsert(renamed);
        QVERIFY(snapshots.save(original, OrgSetting::Disabled, QStringLiteral("t"),
                               QDateTime::currentDateTimeUtc()));
        auto loaded = snapshots.load(QStringLiteral("t"));
        QVERIFY(loaded.has_value());
        MailboxStore &store = loaded->mailboxes;
        QVERIFY(store.memoryUsage() < original.memoryUsage());
        const QByteArray needle = MailboxStore::searchNeedle(u"STRASSE");
        QList<int> found;
        for (int row = 0; row < store.size(); ++row) {
            if (store.matchesNeedle(row, needle))
                found << row;
        }
        QCOMPARE(found, QList<int>{10});
        QCOMPARE(store.foldedDisplayName(1), original.foldedDisplayName(1));
        // Rows added after loading go to new chunks; the loaded ones are untouched.
        Mailbox added = original.at(0);
        added.guid = QUuid::createUuid();
        added.displayName = QStringLiteral("Added later");
        QCOMPARE(store.upsert(added), 5000);
        QCOMPARE(store.at(5000), added);
        QCOMPARE(store.at(4999), original.at(4999));
        QCOMPARE(store.rowOfGuid(original.guid(1234)), 1234);
    }

    void hundredThousandMailboxes()
    {
        QTemporaryDir dir;
        SnapshotStore snapshots(dir.filePath(QStringLiteral("snapshot.sqlite")));
        const MailboxStore original = makeStore(100000);
        QVERIFY(snapshots.save(original, OrgSetting::Disabled, QStringLiteral("t"),
                               QDateTime::currentDateTimeUtc()));
        const auto loaded = snapshots.load(QStringLiteral("t"));
        QVERIFY(loaded.has_value());
        QCOMPARE(loaded->mailboxes.size(), 100000);
        QCOMPARE(loaded->mailboxes.at(99999), original.at(99999));
        QCOMPARE(loaded->mailboxes.rowOfGuid(original.guid(4242)), 4242);
    }
};

QTEST_GUILESS_MAIN(TestSnapshotStore)
#include "test_snapshotstore.moc"
