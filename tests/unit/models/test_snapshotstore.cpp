#include "snapshotstore.h"

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
            m.externalDirectoryObjectId = QUuid::createUuidV5(QUuid(), QStringLiteral("x") + QString::number(i));
        m.displayName = i % 2 ? QStringLiteral("Zoë \"Ødegård\", =1+%1").arg(i) : QStringLiteral("王小明 %1").arg(i);
        m.primarySmtpAddress = QStringLiteral("user%1@contoso.com").arg(i);
        m.alias = QStringLiteral("user%1").arg(i);
        m.smtpAuthOverride = i % 5 == 0 ? Override::Enabled : i % 7 == 0 ? Override::Disabled : Override::Inherit;
        store.upsert(m);
    }
    return store;
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
        QVERIFY2(snapshots.save(original, OrgSetting::Enabled, QStringLiteral("t1"), when, &error), qPrintable(error));

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
        QVERIFY(snapshots.save(makeStore(500), OrgSetting::Enabled, QStringLiteral("t1"), QDateTime::currentDateTimeUtc()));
        QVERIFY(snapshots.save(makeStore(10), OrgSetting::Disabled, QStringLiteral("t1"), QDateTime::currentDateTimeUtc()));
        const auto loaded = snapshots.load(QStringLiteral("t1"));
        QVERIFY(loaded.has_value());
        QCOMPARE(loaded->mailboxes.size(), 10);
        QCOMPARE(loaded->org, OrgSetting::Disabled);
    }

    void anotherTenantsSnapshotIsNotShown()
    {
        QTemporaryDir dir;
        SnapshotStore snapshots(dir.filePath(QStringLiteral("snapshot.sqlite")));
        QVERIFY(snapshots.save(makeStore(5), OrgSetting::Enabled, QStringLiteral("t1"), QDateTime::currentDateTimeUtc()));
        QVERIFY(!snapshots.load(QStringLiteral("t2")).has_value());
        QVERIFY(snapshots.clear());
        QVERIFY(!snapshots.load(QStringLiteral("t1")).has_value());
    }

    void aTornSnapshotIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("snapshot.sqlite"));
        {
            SnapshotStore snapshots(path);
            QVERIFY(snapshots.save(makeStore(50), OrgSetting::Enabled, QStringLiteral("t1"), QDateTime::currentDateTimeUtc()));
        }
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tamper"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("DELETE FROM snapshot_mailboxes WHERE row = 7")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("tamper"));
        SnapshotStore snapshots(path);
        QString error;
        QVERIFY(!snapshots.load(QStringLiteral("t1"), &error).has_value());
        QVERIFY2(error.contains(QStringLiteral("49")), qPrintable(error));
    }

    void hundredThousandMailboxes()
    {
        QTemporaryDir dir;
        SnapshotStore snapshots(dir.filePath(QStringLiteral("snapshot.sqlite")));
        const MailboxStore original = makeStore(100000);
        QVERIFY(snapshots.save(original, OrgSetting::Disabled, QStringLiteral("t"), QDateTime::currentDateTimeUtc()));
        const auto loaded = snapshots.load(QStringLiteral("t"));
        QVERIFY(loaded.has_value());
        QCOMPARE(loaded->mailboxes.size(), 100000);
        QCOMPARE(loaded->mailboxes.at(99999), original.at(99999));
        QCOMPARE(loaded->mailboxes.rowOfGuid(original.guid(4242)), 4242);
    }
};

QTEST_GUILESS_MAIN(TestSnapshotStore)
#include "test_snapshotstore.moc"
