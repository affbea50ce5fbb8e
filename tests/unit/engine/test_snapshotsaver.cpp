// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// SnapshotSaver: the snapshot of a finished load is written on a worker thread, one write at a time,
// the latest request wins, and finishWrites() leaves nothing running or waiting. Asserted by what has and
// has not happened at points where nothing else can (a lock held, no write running), never by time.
#include "engine/snapshotsaver.h"
#include "models/snapshothistory.h"
#include "models/snapshotstore.h"
#include "models/tenantstate.h"

#include <QCoreApplication>
#include <QDir>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace smtpauth;

namespace {
const QString kTenant = QStringLiteral("7d9a4b1e-0000-4000-8000-000000000001");

MailboxStore makeStore(int count, const QString &namePrefix)
{
    MailboxStore store;
    for (int i = 0; i < count; ++i) {
        Mailbox mailbox;
        mailbox.guid = QUuid::createUuidV5(QUuid(), QString::number(i));
        mailbox.displayName = namePrefix + QString::number(i);
        mailbox.primarySmtpAddress = QStringLiteral("user%1@contoso.com").arg(i);
        mailbox.alias = QStringLiteral("user%1").arg(i);
        mailbox.smtpAuthOverride = i % 3 == 0 ? Override::Enabled : Override::Inherit;
        store.upsert(mailbox);
    }
    return store;
}

const QDateTime kFirst(QDate(2026, 11, 2), QTime(9, 0), Qt::UTC);

// A saver on a snapshot file in a fresh directory, with its two signals recorded.
struct SaverUnderTest
{
    explicit SaverUnderTest(const QString &fileName = QStringLiteral("snapshot.sqlite"))
        : path(directory.filePath(fileName)), saver(path)
    {
    }
    QTemporaryDir directory;
    QString path;
    SnapshotSaver saver;
    QSignalSpy saved{&saver, &SnapshotSaver::saved};
    QSignalSpy failed{&saver, &SnapshotSaver::failed};
};
} // namespace

class TestSnapshotSaver : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writesOffTheCallingThreadWhatWasGiven()
    {
        SaverUnderTest test;
        auto &[directory, path, saver, saved, failed] = test;
        MailboxStore store = makeStore(20000, QStringLiteral("Person "));
        // Another connection holds the write lock: a write on this thread would block in save() (for
        // SQLite's busy timeout) and then fail; on the worker it waits while this thread goes on. So
        // save() returning with nothing reported while the lock is still held, and the write reported
        // only after the lock is given back, is what shows that it was written off this thread.
        QSqlDatabase blocker =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("blocker"));
        blocker.setDatabaseName(path);
        QVERIFY(blocker.open());
        QSqlQuery lock(blocker);
        QVERIFY(lock.exec(QStringLiteral("PRAGMA journal_mode=WAL"))); // as SnapshotStore keeps it
        QVERIFY(lock.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS held (x)")));
        QVERIFY(lock.exec(QStringLiteral("BEGIN IMMEDIATE")));
        saver.save(store, OrgSetting::Enabled, kTenant, kFirst);
        QVERIFY(saver.isWriting());
        QVERIFY(saved.isEmpty());
        QVERIFY(failed.isEmpty());
        QVERIFY(lock.exec(QStringLiteral("COMMIT")));
        lock = QSqlQuery();
        blocker.close();
        blocker = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("blocker"));
        // The caller's store may change at once; the snapshot is what it was when save() was called.
        store.setSmtpAuthOverride(0, Override::Disabled);
        store.upsert(makeStore(20001, QStringLiteral("Later ")).at(20000));
        QVERIFY(saved.wait(30000));
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        QCOMPARE(saved.first().first().toDateTime(), kFirst);
        QVERIFY(!saver.isWriting());

        const std::optional<SnapshotStore::Snapshot> snapshot = SnapshotStore(path).load(kTenant);
        QVERIFY(snapshot);
        QCOMPARE(snapshot->mailboxes.size(), 20000);
        QCOMPARE(snapshot->org, OrgSetting::Enabled);
        QCOMPARE(snapshot->savedUtc, kFirst);
        QCOMPARE(snapshot->mailboxes.smtpAuthOverride(0), Override::Enabled);
        QCOMPARE(snapshot->mailboxes.displayName(19999).toString(), QStringLiteral("Person 19999"));
    }

    void aNewerRequestReplacesTheWaitingOne()
    {
        SaverUnderTest test;
        auto &[directory, path, saver, saved, failed] = test;
        saver.save(makeStore(20000, QStringLiteral("First ")), OrgSetting::Disabled, kTenant, kFirst);
        QVERIFY(saver.isWriting());
        // Two more while the first is written: the middle one is never written.
        saver.save(makeStore(10, QStringLiteral("Second ")), OrgSetting::Disabled, kTenant,
                   kFirst.addSecs(60));
        saver.save(makeStore(30, QStringLiteral("Third ")), OrgSetting::Enabled, kTenant,
                   kFirst.addSecs(120));
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 2, 30000);
        QVERIFY(!saver.isWriting());
        // The second write is the third request (were the middle one written, it would be here), and with
        // no write running nothing else can be reported.
        QCOMPARE(saved.at(0).first().toDateTime(), kFirst);
        QCOMPARE(saved.at(1).first().toDateTime(), kFirst.addSecs(120));

        const std::optional<SnapshotStore::Snapshot> snapshot = SnapshotStore(path).load(kTenant);
        QVERIFY(snapshot);
        QCOMPARE(snapshot->mailboxes.size(), 30);
        QCOMPARE(snapshot->mailboxes.displayName(29).toString(), QStringLiteral("Third 29"));
    }

    void finishWritesWaitsForTheRunningWriteAndDropsTheWaitingOne()
    {
        SaverUnderTest test;
        auto &[directory, path, saver, saved, failed] = test;
        saver.save(makeStore(20000, QStringLiteral("Running ")), OrgSetting::Disabled, kTenant, kFirst);
        saver.save(makeStore(5, QStringLiteral("Waiting ")), OrgSetting::Disabled, kTenant,
                   kFirst.addSecs(60));
        saver.finishWrites();
        // Reported before finishWrites() returns, and only once.
        QCOMPARE(saved.count(), 1);
        QCOMPARE(saved.first().first().toDateTime(), kFirst);
        QVERIFY(!saver.isWriting());
        // The file can be cleared now without a write bringing the list back.
        SnapshotStore store(path);
        QVERIFY(store.clear());
        // Whatever the finished write left queued for this thread is delivered now; none of it may start
        // the dropped request. With no write running, none can be reported later either.
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
        QVERIFY(!saver.isWriting());
        QCOMPARE(saved.count(), 1);
        QVERIFY(!store.load(kTenant));
    }

    void aWriteThatFailsIsReportedWithTheReason()
    {
        // A directory that does not exist: SQLite cannot create the file.
        SaverUnderTest test(QStringLiteral("missing/sub/snapshot.sqlite"));
        auto &[directory, path, saver, saved, failed] = test;
        saver.save(makeStore(3, QStringLiteral("Nobody ")), OrgSetting::Disabled, kTenant, kFirst);
        QVERIFY(failed.wait(30000));
        QVERIFY(saved.isEmpty());
        QVERIFY(!failed.first().first().toString().isEmpty());
        QVERIFY(!saver.isWriting());
    }

    void destroyingTheSaverCompletesTheRunningWrite()
    {
        QTemporaryDir directory;
        const QString path = directory.filePath(QStringLiteral("snapshot.sqlite"));
        {
            SnapshotSaver saver(path);
            saver.save(makeStore(20000, QStringLiteral("Last ")), OrgSetting::Disabled, kTenant, kFirst);
            QVERIFY(saver.isWriting());
        }
        const std::optional<SnapshotStore::Snapshot> snapshot = SnapshotStore(path).load(kTenant);
        QVERIFY(snapshot);
        QCOMPARE(snapshot->mailboxes.size(), 20000);
    }

    void everyWriteIsAddedToTheHistoryWithItsRetention()
    {
        QTemporaryDir directory;
        const QString history = directory.filePath(QStringLiteral("snapshot-history.sqlite"));
        SnapshotSaver saver(directory.filePath(QStringLiteral("snapshot.sqlite")), history);
        QSignalSpy saved(&saver, &SnapshotSaver::saved);
        QSignalSpy failed(&saver, &SnapshotSaver::failed);
        MailboxStore store = makeStore(50, QStringLiteral("User "));
        saver.save(store, OrgSetting::Disabled, kTenant, kFirst);
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, 30000);
        store.setSmtpAuthOverride(1, Override::Disabled);
        // The next load comes after the retention: the first snapshot goes, the second stays.
        const QDateTime later = kFirst.addDays(SnapshotHistory::kRetentionDays + 1);
        saver.save(store, OrgSetting::Disabled, kTenant, later);
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 2, 30000);
        QCOMPARE(failed.count(), 0);
        const QList<SnapshotHistory::Info> kept = SnapshotHistory(history).list(kTenant);
        QCOMPARE(kept.size(), 1);
        QCOMPARE(kept.first().takenUtc, later);
        QCOMPARE(kept.first().changeCount, 1);
        const std::optional<TenantState> state = SnapshotHistory(history).state(kept.first().id);
        QVERIFY(state);
        QVERIFY(*state == TenantState::fromStore(store, OrgSetting::Disabled));
    }
};

QTEST_GUILESS_MAIN(TestSnapshotSaver)
#include "test_snapshotsaver.moc"
