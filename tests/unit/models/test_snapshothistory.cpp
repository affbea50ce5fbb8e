// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// SnapshotHistory: every snapshot reads back as it was appended, across whole and change-only storage and
// retention; files it cannot read are refused and left as they were; a process killed while writing
// leaves the earlier snapshots readable.
#include "models/snapshothistory.h"
#include "models/tenantdiff.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace smtpauth;

namespace {

const QString kTenant = QStringLiteral("11111111-2222-3333-4444-555555555555");

QUuid guidOf(int n)
{
    return QUuid(uint(n), 7, 7, 1, 2, 3, 4, 5, 6, 7, 8);
}

TenantState seeded(int count, quint32 seed)
{
    QRandomGenerator random(seed);
    TenantState state;
    state.org = OrgSetting::Disabled;
    for (int n = 0; n < count; ++n) {
        state.mailboxes.append({guidOf(n), Override(random.bounded(3)),
                                QStringLiteral("user%1@contoso.com").arg(n),
                                QStringLiteral("User %1").arg(n)});
    }
    std::sort(state.mailboxes.begin(), state.mailboxes.end(),
              [](const auto &a, const auto &b) { return a.guid < b.guid; });
    return state;
}

// A day of churn: some overrides change, a few mailboxes come, go or are renamed; sometimes the org moves.
TenantState churned(const TenantState &from, QRandomGenerator &random, int *nextNumber)
{
    TenantState next = from;
    for (auto &m : next.mailboxes) {
        const quint32 roll = random.bounded(100);
        if (roll < 3)
            m.value = Override(random.bounded(3));
        else if (roll == 3)
            m.displayName += QStringLiteral(" (renamed)");
    }
    for (int k = 0; k < 2 && !next.mailboxes.isEmpty(); ++k)
        next.mailboxes.removeAt(random.bounded(int(next.mailboxes.size())));
    for (int k = 0; k < 3; ++k) {
        const int n = (*nextNumber)++;
        next.mailboxes.append({guidOf(n), Override::Inherit, QStringLiteral("new%1@contoso.com").arg(n),
                               QStringLiteral("New %1").arg(n)});
    }
    if (random.bounded(10) == 0)
        next.org = next.org == OrgSetting::Enabled ? OrgSetting::Disabled : OrgSetting::Enabled;
    std::sort(next.mailboxes.begin(), next.mailboxes.end(),
              [](const auto &a, const auto &b) { return a.guid < b.guid; });
    return next;
}

QDateTime day(int n)
{
    return QDateTime(QDate(2026, 9, 1), QTime(6, 0), Qt::UTC).addDays(n);
}

QByteArray fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

} // namespace

class TestSnapshotHistory : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void noFileMeansNoSnapshots()
    {
        SnapshotHistory history(path(QStringLiteral("none.sqlite")));
        QString error;
        QVERIFY(history.list(kTenant, &error).isEmpty());
        QVERIFY(error.isEmpty());
        QVERIFY(!history.latestAtOrBefore(kTenant, day(0), &error));
        QVERIFY(!history.state(1, &error));
        QVERIFY2(error.contains(QLatin1String("no snapshot")), qPrintable(error));
        QVERIFY(!QFile::exists(history.path())); // reading creates nothing
    }

    void everySnapshotReadsBackAcrossWholeAndChangeStorage()
    {
        SnapshotHistory history(path(QStringLiteral("roundtrip.sqlite")));
        QRandomGenerator random(20261207);
        int nextNumber = 500;
        QList<TenantState> appended{seeded(500, 1)};
        const int days = SnapshotHistory::kFullEvery * 2 + 5; // crosses two whole snapshots
        for (int d = 1; d < days; ++d)
            appended.append(churned(appended.constLast(), random, &nextNumber));
        QList<qint64> ids;
        for (int d = 0; d < days; ++d) {
            QString error;
            const auto info = history.append(kTenant, day(d), appended[d], &error);
            QVERIFY2(info, qPrintable(error));
            QCOMPARE(info->stored, d % SnapshotHistory::kFullEvery == 0);
            QCOMPARE(info->mailboxCount, int(appended[d].mailboxes.size()));
            if (d == 0) {
                QCOMPARE(info->changeCount, -1);
            } else {
                const TenantDiff diff = TenantDiff::between(appended[d - 1], appended[d]);
                QCOMPARE(info->changeCount, diff.ownChangeCount() + (diff.orgChanged() ? 1 : 0));
            }
            ids.append(info->id);
        }
        // A second handle on the same file (as the CLI after the window) reads the same.
        SnapshotHistory reader(history.path());
        for (int d = 0; d < days; ++d) {
            QString error;
            const auto state = reader.state(ids[d], &error);
            QVERIFY2(state, qPrintable(error));
            QVERIFY(*state == appended[d]);
        }
        const QList<SnapshotHistory::Info> listed = reader.list(kTenant);
        QCOMPARE(listed.size(), days);
        QCOMPARE(listed.first().takenUtc, day(0));
        QCOMPARE(listed.last().id, ids.last());
        QCOMPARE(reader.latestAtOrBefore(kTenant, day(10).addSecs(3600))->id, ids[10]);
        QVERIFY(!reader.latestAtOrBefore(kTenant, day(0).addSecs(-1)));
        QVERIFY(reader.list(QStringLiteral("another-tenant")).isEmpty());
    }

    void retentionKeepsWhatIsLeftReadable()
    {
        SnapshotHistory history(path(QStringLiteral("retention.sqlite")));
        QRandomGenerator random(7);
        int nextNumber = 300;
        QList<TenantState> appended{seeded(300, 2)};
        for (int d = 1; d < 40; ++d)
            appended.append(churned(appended.constLast(), random, &nextNumber));
        QList<qint64> ids;
        for (int d = 0; d < 40; ++d)
            ids.append(history.append(kTenant, day(d), appended[d])->id);

        // Day 35 was stored as a change on top of day 30: removing days 0–34 must rewrite it whole.
        QVERIFY(!history.info(ids[35])->stored);
        QString error;
        QCOMPARE(history.removeOlderThan(kTenant, day(35), &error), 35);
        QVERIFY(history.info(ids[35])->stored);
        QCOMPARE(history.list(kTenant).size(), 5);
        for (int d = 35; d < 40; ++d)
            QVERIFY(*history.state(ids[d]) == appended[d]);
        QVERIFY(!history.state(ids[0], &error));

        // Appending goes on from there; a cutoff past the newest keeps the newest one.
        TenantState next = churned(appended.constLast(), random, &nextNumber);
        const auto added = history.append(kTenant, day(40), next);
        QVERIFY(added && !added->stored);
        QVERIFY(*history.state(added->id) == next);
        QCOMPARE(history.removeOlderThan(kTenant, day(100), &error), 5);
        QCOMPARE(history.list(kTenant).size(), 1);
        QVERIFY(*history.state(added->id) == next);
    }

    void aNewerFileIsRefusedAndLeftAlone()
    {
        const QString file = path(QStringLiteral("newer.sqlite"));
        {
            SnapshotHistory history(file);
            QVERIFY(history.append(kTenant, day(0), seeded(10, 3)));
        }
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("newer"));
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery(db).exec(QStringLiteral("PRAGMA user_version = 9"));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("newer"));
        const QByteArray before = fileHash(file);
        SnapshotHistory history(file);
        QString error;
        QVERIFY(!history.append(kTenant, day(1), seeded(10, 4), &error));
        QVERIFY2(error.contains(QLatin1String("newer console")) && error.contains(QLatin1String("format 9")),
                 qPrintable(error));
        QVERIFY(history.list(kTenant, &error).isEmpty());
        QVERIFY(error.contains(QLatin1String("newer console")));
        QCOMPARE(fileHash(file), before);
    }

    void aFileThatIsNotAHistoryIsRefusedAndLeftAlone_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not a database") << QByteArray("this is a text file, not SQLite\n").repeated(200)
                                        << QStringLiteral("cannot be read");
        QTest::newRow("another database") << QByteArray() << QStringLiteral("not a snapshot history");
    }

    void aFileThatIsNotAHistoryIsRefusedAndLeftAlone()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, expected);
        const QString file = path(QStringLiteral("other-%1.sqlite")
                                      .arg(QString::fromLatin1(QTest::currentDataTag()))
                                      .replace(u' ', u'-'));
        if (content.isEmpty()) {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("other"));
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("CREATE TABLE notes (text TEXT)")));
            db.close();
            QSqlDatabase::removeDatabase(QStringLiteral("other"));
        } else {
            QFile out(file);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(content);
        }
        const QByteArray before = fileHash(file);
        SnapshotHistory history(file);
        QString error;
        QVERIFY(!history.append(kTenant, day(0), seeded(5, 5), &error));
        QVERIFY2(error.contains(expected) && error.contains(QLatin1String("left as it is")),
                 qPrintable(error));
        QCOMPARE(fileHash(file), before);
    }

    void aDamagedSnapshotIsNamed()
    {
        const QString file = path(QStringLiteral("damaged.sqlite"));
        qint64 second = 0;
        {
            SnapshotHistory history(file);
            QVERIFY(history.append(kTenant, day(0), seeded(20, 6)));
            second = history.append(kTenant, day(1), seeded(20, 7))->id;
        }
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("damage"));
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(
                QStringLiteral("UPDATE snapshots SET payload = x'00010203' WHERE id = %1").arg(second)));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("damage"));
        SnapshotHistory history(file);
        QString error;
        QVERIFY(!history.state(second, &error));
        QVERIFY2(error.contains(QStringLiteral("snapshot %1 is damaged").arg(second)), qPrintable(error));
        QVERIFY(history.state(second - 1)); // the one before is still whole
    }

    void aKillDuringAWriteLeavesTheEarlierSnapshots()
    {
        const QString file = path(QStringLiteral("killed.sqlite"));
        QList<TenantState> appended{seeded(2000, 8)};
        {
            SnapshotHistory history(file);
            QVERIFY(history.append(kTenant, day(0), appended[0]));
        }
        // A child process appends snapshots of a big tenant as fast as it can; it says when it has
        // started, and is killed while it is writing.
        QProcess child;
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--append-forever"), file});
        QVERIFY(child.waitForStarted());
        QVERIFY(child.waitForReadyRead(60000));
        QVERIFY(child.readLine().startsWith("writing"));
        // Let it get well into a few appends: it reports each one it committed.
        int committed = 0;
        while (committed < 3 && child.waitForReadyRead(60000))
            committed += int(child.readAll().count('\n'));
        QVERIFY(committed >= 3);
        child.kill();
        QVERIFY(child.waitForFinished(60000));

        SnapshotHistory history(file);
        QString error;
        const QList<SnapshotHistory::Info> listed = history.list(kTenant, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(listed.size() >= 1 + committed);
        QVERIFY(*history.state(listed.first().id) == appended[0]);
        for (const SnapshotHistory::Info &info : listed)
            QVERIFY2(history.state(info.id, &error), qPrintable(error));
        // And it can go on.
        QVERIFY(history.append(kTenant, day(9999), appended[0], &error));
    }
};

// The child of aKillDuringAWriteLeavesTheEarlierSnapshots: appends until it is killed.
static int appendForever(const QString &file)
{
    SnapshotHistory history(file);
    QRandomGenerator random(99);
    int nextNumber = 100000;
    TenantState state = seeded(20000, 9);
    std::printf("writing\n");
    std::fflush(stdout);
    for (int d = 1;; ++d) {
        state = churned(state, random, &nextNumber);
        QString error;
        if (!history.append(kTenant, day(d), state, &error)) {
            std::fprintf(stderr, "append failed: %s\n", qPrintable(error));
            return 1;
        }
        std::printf("committed %d\n", d);
        std::fflush(stdout);
    }
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc == 3 && qstrcmp(argv[1], "--append-forever") == 0)
        return appendForever(QString::fromLocal8Bit(argv[2]));
    TestSnapshotHistory test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "test_snapshothistory.moc"
