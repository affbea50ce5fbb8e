// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "journaltestsupport.h"
#include "models/changejournal.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace smtpauth;
using namespace journaltest;

namespace {

const QDateTime start(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);

QDateTime minute(int n)
{
    return start.addSecs(60 * n);
}

BatchRecord makeBatch(const QString &upn = QStringLiteral("admin@contoso.com"),
                      const QString &reason = QStringLiteral("scanner on floor 3"))
{
    BatchRecord batch;
    batch.operatorUpn = upn;
    batch.tenantId = QStringLiteral("7d9a4b1e-0000-4000-8000-000000000001");
    batch.reason = reason;
    batch.ticket = QStringLiteral("4711");
    batch.kind = BatchKind::Apply;
    return batch;
}

QUuid mailboxGuid(int n)
{
    return QUuid::createUuidV5(QUuid(), QStringLiteral("mailbox-") + QString::number(n));
}

ChangeRecord mailboxChange(int n, const QString &before = QStringLiteral("inherit"),
                           const QString &after = QStringLiteral("enabled"))
{
    ChangeRecord change;
    change.targetKind = ChangeTargetKind::Mailbox;
    change.targetGuid = mailboxGuid(n);
    change.targetAddress = QStringLiteral("user%1@contoso.com").arg(n);
    change.targetDisplayName = QStringLiteral("User %1").arg(n);
    change.before = before;
    change.after = after;
    return change;
}

ChangeRecord orgChange(const QString &before, const QString &after)
{
    ChangeRecord change;
    change.targetKind = ChangeTargetKind::Org;
    change.before = before;
    change.after = after;
    return change;
}

} // namespace

Q_DECLARE_METATYPE(smtpauth::HistoryFilter)
Q_DECLARE_METATYPE(smtpauth::ChangeRecord)

class TestChangeJournal : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_fileCounter = 0;

    QString freshPath() { return m_dir.filePath(QStringLiteral("journal-%1.sqlite").arg(++m_fileCounter)); }

    // B1 (seq 1); C1 (2) + intended (3); C2 (4) + (5); C3 (6) + (7); applied C1 (8), failed C2 (9),
    // applied C3 (10). The tamper tests rely on this exact layout.
    QString writeReferenceJournal()
    {
        const QString path = freshPath();
        ChangeJournal journal(steppingClock(start));
        if (!journal.open(path))
            return QString();
        const qint64 batchId = journal.beginBatch(makeBatch());
        const QList<qint64> ids =
            journal.addIntendedChanges(batchId, {mailboxChange(1), mailboxChange(2), mailboxChange(3)});
        if (ids.size() != 3)
            return QString();
        if (!journal.recordOutcomes(
                {{ids.at(0), ChangeState::Applied, QString(), QStringLiteral("req-1")},
                 {ids.at(1), ChangeState::Failed, QStringLiteral("Access denied"), QStringLiteral("req-2")},
                 {ids.at(2), ChangeState::Applied, QString(), QStringLiteral("req-3")}}))
            return QString();
        return path;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void opensWithDurablePragmas()
    {
        ChangeJournal journal;
        QString error;
        QVERIFY2(journal.open(freshPath(), &error), qPrintable(error));
        QCOMPARE(journal.schemaVersion(), ChangeJournal::CurrentSchemaVersion);
        QSqlQuery query(QSqlDatabase::database(journal.connectionName(), false));
        QVERIFY(query.exec(QStringLiteral("PRAGMA journal_mode")) && query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral("wal"));
        QVERIFY(query.exec(QStringLiteral("PRAGMA synchronous")) && query.next());
        QCOMPARE(query.value(0).toInt(), 2); // FULL
        QVERIFY(query.exec(QStringLiteral("PRAGMA foreign_keys")) && query.next());
        QCOMPARE(query.value(0).toInt(), 1);
    }

    void eachInstanceHasItsOwnConnection()
    {
        ChangeJournal first;
        ChangeJournal second;
        QVERIFY(first.open(freshPath()));
        QVERIFY(second.open(freshPath()));
        QVERIFY(first.connectionName() != second.connectionName());
        QVERIFY(first.beginBatch(makeBatch()) > 0);
        QVERIFY(!second.batch(1).has_value());
    }

    void refusesAFileThatIsNotAJournal()
    {
        const QString path = freshPath();
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
        file.close();
        ChangeJournal journal;
        QString error;
        QVERIFY(!journal.open(path, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!journal.isOpen());
    }

    void roundTripsTextExactly_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("quotes") << QStringLiteral("O\"Brien, 'Pat' \"\"x\"\"");
        QTest::newRow("newlines") << QStringLiteral("line one\nline two\r\nline three\r");
        QTest::newRow("rtl marks") << QStringLiteral("\u200Fמשה כהן\u200E (HR)\u202Eevil");
        QTest::newRow("cjk") << QStringLiteral("王小明 / 山田太郎 / 김민준");
        QTest::newRow("formula") << QStringLiteral("=cmd|' /C calc'!A0");
        QTest::newRow("emoji and nul-free controls") << QStringLiteral("🙂\tTab\u0007Bell");
        QTest::newRow("field separator lookalike") << QStringLiteral("x\nreason=6:forged\n");
    }
    void roundTripsTextExactly()
    {
        QFETCH(QString, text);
        const QString path = freshPath();
        qint64 batchId = 0;
        qint64 changeId = 0;
        {
            ChangeJournal journal(steppingClock(start));
            QVERIFY(journal.open(path));
            batchId = journal.beginBatch(makeBatch(text + QStringLiteral("@contoso.com"), text));
            QVERIFY(batchId > 0);
            ChangeRecord change = mailboxChange(7);
            change.targetAddress = text;
            change.targetDisplayName = text;
            change.clientRequestId = text;
            const QList<qint64> ids = journal.addIntendedChanges(batchId, {change});
            QCOMPARE(ids.size(), 1);
            changeId = ids.first();
            QVERIFY(journal.recordOutcomes({{changeId, ChangeState::Failed, text, text}}));
        }
        // Reopened: what is read back comes from the file, not from memory.
        ChangeJournal journal;
        QVERIFY(journal.open(path));
        const std::optional<BatchRecord> batch = journal.batch(batchId);
        QVERIFY(batch.has_value());
        QCOMPARE(batch->operatorUpn, text + QStringLiteral("@contoso.com"));
        QCOMPARE(batch->reason, text);
        QCOMPARE(batch->ticket, QStringLiteral("4711"));
        QCOMPARE(batch->createdUtc, minute(1)); // minute 0 is when the file was created
        QCOMPARE(batch->createdUtc.timeSpec(), Qt::UTC);
        const std::optional<ChangeRecord> change = journal.change(changeId);
        QVERIFY(change.has_value());
        QCOMPARE(change->batchId, batchId);
        QCOMPARE(change->targetGuid, mailboxGuid(7));
        QCOMPARE(change->targetAddress, text);
        QCOMPARE(change->targetDisplayName, text);
        QCOMPARE(change->serverMessage, text);
        QCOMPARE(change->clientRequestId, text);
        QCOMPARE(change->state, ChangeState::Failed);
        QVERIFY(journal.verify().ok);
    }

    void keepsTheWholeStateTrail()
    {
        ChangeJournal journal(steppingClock(start));
        QVERIFY(journal.open(freshPath()));
        const qint64 batchId = journal.beginBatch(makeBatch()); // minute 1 (0: creating the file)
        ChangeRecord planned = mailboxChange(1, QStringLiteral("Disabled"), QStringLiteral("ENABLED"));
        planned.clientRequestId = QStringLiteral("req-a");
        const QList<qint64> ids = journal.addIntendedChanges(batchId, {planned}); // minute 2
        QCOMPARE(ids.size(), 1);
        const qint64 id = ids.first();

        std::optional<ChangeRecord> change = journal.change(id);
        QVERIFY(change.has_value());
        QCOMPARE(change->state, ChangeState::Intended);
        QCOMPARE(change->before, QStringLiteral("disabled")); // stored as the machine word
        QCOMPARE(change->after, QStringLiteral("enabled"));
        QCOMPARE(change->createdUtc, minute(2));
        QCOMPARE(change->updatedUtc, minute(2));

        QVERIFY(journal.recordOutcomes({{id, ChangeState::Sent, QString(), QStringLiteral("req-a")}}));
        QVERIFY(journal.recordOutcomes(
            {{id, ChangeState::Unknown, QStringLiteral("timeout"), QStringLiteral("req-a")}}));
        QVERIFY(journal.recordOutcomes(
            {{id, ChangeState::Applied, QStringLiteral("re-read: enabled"), QStringLiteral("req-b")}}));

        change = journal.change(id);
        QCOMPARE(change->state, ChangeState::Applied);
        QCOMPARE(change->serverMessage, QStringLiteral("re-read: enabled"));
        QCOMPARE(change->clientRequestId, QStringLiteral("req-b"));
        QCOMPARE(change->createdUtc, minute(2));
        QCOMPARE(change->updatedUtc, minute(5));

        const QList<ChangeEvent> trail = journal.eventsOf(id);
        QCOMPARE(trail.size(), 4);
        const QList<ChangeState> states{ChangeState::Intended, ChangeState::Sent, ChangeState::Unknown,
                                        ChangeState::Applied};
        for (int i = 0; i < trail.size(); ++i) {
            QCOMPARE(trail.at(i).changeId, id);
            QCOMPARE(trail.at(i).state, states.at(i));
            QCOMPARE(trail.at(i).timeUtc, minute(2 + i));
            if (i > 0)
                QVERIFY(trail.at(i).sequence > trail.at(i - 1).sequence);
        }
        QCOMPARE(trail.at(0).clientRequestId, QStringLiteral("req-a"));
        QCOMPARE(trail.at(2).serverMessage, QStringLiteral("timeout"));
        QVERIFY(journal.eventsOf(id + 1).isEmpty());
    }

    void changesOfBatchInInputOrder()
    {
        ChangeJournal journal(steppingClock(start));
        QVERIFY(journal.open(freshPath()));
        const qint64 first = journal.beginBatch(makeBatch());
        const qint64 second = journal.beginBatch(makeBatch());
        QCOMPARE(second, first + 1);
        const QList<qint64> a = journal.addIntendedChanges(first, {mailboxChange(3), mailboxChange(1)});
        const QList<qint64> b = journal.addIntendedChanges(
            second, {orgChange(QStringLiteral("enabled"), QStringLiteral("disabled"))});
        const QList<ChangeRecord> ofFirst = journal.changesOfBatch(first);
        QCOMPARE(ofFirst.size(), 2);
        QCOMPARE(ofFirst.at(0).id, a.at(0));
        QCOMPARE(ofFirst.at(0).targetGuid, mailboxGuid(3));
        QCOMPARE(ofFirst.at(1).targetGuid, mailboxGuid(1));
        const QList<ChangeRecord> ofSecond = journal.changesOfBatch(second);
        QCOMPARE(ofSecond.size(), 1);
        QCOMPARE(ofSecond.first().targetKind, ChangeTargetKind::Org);
        QVERIFY(ofSecond.first().targetGuid.isNull());
        QCOMPARE(ofSecond.first().id, b.first());
        QVERIFY(journal.changesOfBatch(99).isEmpty());
    }

    void rejectsInvalidChangesWithoutWritingAny_data()
    {
        QTest::addColumn<QList<ChangeRecord>>("changes");
        QTest::addColumn<bool>("existingBatch");
        ChangeRecord noGuid = mailboxChange(2);
        noGuid.targetGuid = QUuid();
        QTest::newRow("bad after word")
            << QList<ChangeRecord>{mailboxChange(1),
                                   mailboxChange(2, QStringLiteral("inherit"), QStringLiteral("on"))}
            << true;
        QTest::newRow("mailbox without guid") << QList<ChangeRecord>{mailboxChange(1), noGuid} << true;
        QTest::newRow("org cannot inherit")
            << QList<ChangeRecord>{orgChange(QStringLiteral("enabled"), QStringLiteral("inherit"))} << true;
        QTest::newRow("unknown batch") << QList<ChangeRecord>{mailboxChange(1)} << false;
    }
    void rejectsInvalidChangesWithoutWritingAny()
    {
        QFETCH(QList<ChangeRecord>, changes);
        QFETCH(bool, existingBatch);
        ChangeJournal journal(steppingClock(start));
        QVERIFY(journal.open(freshPath()));
        const qint64 batchId = journal.beginBatch(makeBatch());
        QString error;
        const QList<qint64> ids =
            journal.addIntendedChanges(existingBatch ? batchId : batchId + 5, changes, &error);
        QVERIFY(ids.isEmpty());
        QVERIFY(!error.isEmpty());
        QCOMPARE(journal.lastError(), error);
        QVERIFY(journal.changesOfBatch(batchId).isEmpty());
        QVERIFY(journal.history().isEmpty());
        const VerifyResult verified = journal.verify();
        QVERIFY2(verified.ok, qPrintable(verified.firstProblem));
        QCOMPARE(verified.rowsChecked, 1);
    }

    void recordOutcomesIsAllOrNothing()
    {
        ChangeJournal journal(steppingClock(start));
        QVERIFY(journal.open(freshPath()));
        const qint64 batchId = journal.beginBatch(makeBatch());
        const QList<qint64> ids = journal.addIntendedChanges(batchId, {mailboxChange(1), mailboxChange(2)});
        QString error;
        // The unknown id in the middle makes the database refuse the second insert; the transaction guard
        // must then take back the first one too.
        QVERIFY(!journal.recordOutcomes({{ids.at(0), ChangeState::Applied, {}, {}},
                                         {ids.at(1) + 100, ChangeState::Applied, {}, {}},
                                         {ids.at(1), ChangeState::Applied, {}, {}}},
                                        &error));
        QVERIFY(error.contains(QStringLiteral("C%1").arg(ids.at(1) + 100)));
        QCOMPARE(journal.eventsOf(ids.at(0)).size(), 1);
        QCOMPARE(journal.change(ids.at(0))->state, ChangeState::Intended);
        QCOMPARE(journal.unfinishedChanges().size(), 2);
        QVERIFY(journal.verify().ok);

        // Intended is only ever written by addIntendedChanges.
        QVERIFY(!journal.recordOutcomes({{ids.at(0), ChangeState::Intended, {}, {}}}, &error));
        QCOMPARE(journal.eventsOf(ids.at(0)).size(), 1);

        // And the journal still takes writes afterwards.
        QVERIFY(journal.recordOutcomes({{ids.at(0), ChangeState::NoOp, {}, {}}}));
        QCOMPARE(journal.change(ids.at(0))->state, ChangeState::NoOp);
        QVERIFY(journal.verify().ok);
    }

    void unfinishedChangesAreIntendedOrSent()
    {
        ChangeJournal journal(steppingClock(start));
        QVERIFY(journal.open(freshPath()));
        const qint64 batchId = journal.beginBatch(makeBatch());
        QList<ChangeRecord> planned;
        for (int n = 1; n <= 7; ++n)
            planned.append(mailboxChange(n));
        const QList<qint64> ids = journal.addIntendedChanges(batchId, planned);
        QCOMPARE(ids.size(), 7);
        // ids[0] stays intended; ids[1] sent; the rest reach every final state.
        QVERIFY(journal.recordOutcomes({{ids.at(1), ChangeState::Sent, {}, {}},
                                        {ids.at(2), ChangeState::Sent, {}, {}},
                                        {ids.at(2), ChangeState::Applied, {}, {}},
                                        {ids.at(3), ChangeState::NoOp, {}, {}},
                                        {ids.at(4), ChangeState::Failed, {}, {}},
                                        {ids.at(5), ChangeState::Conflict, {}, {}},
                                        {ids.at(6), ChangeState::Unknown, {}, {}}}));
        const QList<ChangeRecord> unfinished = journal.unfinishedChanges();
        QCOMPARE(unfinished.size(), 2);
        QCOMPARE(unfinished.at(0).id, ids.at(0));
        QCOMPARE(unfinished.at(0).state, ChangeState::Intended);
        QCOMPARE(unfinished.at(1).id, ids.at(1));
        QCOMPARE(unfinished.at(1).state, ChangeState::Sent);
        for (const ChangeRecord &change : unfinished)
            QVERIFY(!isFinal(change.state));
    }

    void lastAppliedChangeForTarget()
    {
        ChangeJournal journal(steppingClock(start));
        QVERIFY(journal.open(freshPath()));
        const qint64 b1 = journal.beginBatch(makeBatch());
        const QList<qint64> first = journal.addIntendedChanges(
            b1, {mailboxChange(1, QStringLiteral("inherit"), QStringLiteral("enabled")), mailboxChange(2),
                 orgChange(QStringLiteral("enabled"), QStringLiteral("disabled"))});
        QVERIFY(journal.recordOutcomes({{first.at(0), ChangeState::Applied, {}, {}},
                                        {first.at(1), ChangeState::Failed, {}, {}},
                                        {first.at(2), ChangeState::Applied, {}, {}}}));
        const qint64 b2 = journal.beginBatch(makeBatch());
        const QList<qint64> second = journal.addIntendedChanges(
            b2, {mailboxChange(1, QStringLiteral("enabled"), QStringLiteral("disabled"))});
        QVERIFY(journal.recordOutcomes({{second.at(0), ChangeState::Applied, {}, {}}}));
        const qint64 b3 = journal.beginBatch(makeBatch());
        const QList<qint64> third = journal.addIntendedChanges(
            b3, {mailboxChange(1, QStringLiteral("disabled"), QStringLiteral("inherit"))});
        QVERIFY(journal.recordOutcomes({{third.at(0), ChangeState::Failed, {}, {}}}));

        const std::optional<ChangeRecord> mailbox1 = journal.lastAppliedChangeFor(mailboxGuid(1));
        QVERIFY(mailbox1.has_value());
        QCOMPARE(mailbox1->id, second.at(0)); // the later failure is not "applied"
        QCOMPARE(mailbox1->after, QStringLiteral("disabled"));
        QVERIFY(!journal.lastAppliedChangeFor(mailboxGuid(2)).has_value());
        QVERIFY(!journal.lastAppliedChangeFor(mailboxGuid(3)).has_value());
        const std::optional<ChangeRecord> org = journal.lastAppliedChangeFor(QUuid());
        QVERIFY(org.has_value());
        QCOMPARE(org->id, first.at(2));
        QCOMPARE(org->targetKind, ChangeTargetKind::Org);
    }

    void undoBatchesPointAtWhatTheyUndo()
    {
        ChangeJournal journal(steppingClock(start));
        QVERIFY(journal.open(freshPath()));
        const qint64 original = journal.beginBatch(makeBatch());
        const QList<qint64> ids = journal.addIntendedChanges(original, {mailboxChange(1)});
        BatchRecord undo = makeBatch();
        undo.kind = BatchKind::Undo;
        undo.undoOfChange = ids.first();
        const qint64 undoId = journal.beginBatch(undo);
        QVERIFY(undoId > 0);
        QCOMPARE(journal.batch(undoId)->undoOfChange, ids.first());
        QCOMPARE(journal.batch(undoId)->kind, BatchKind::Undo);
        QCOMPARE(journal.batch(undoId)->undoOfBatch, 0);
        undo.undoOfChange = 0;
        undo.undoOfBatch = original;
        QCOMPARE(journal.batch(journal.beginBatch(undo))->undoOfBatch, original);

        QString error;
        undo.undoOfBatch = 42;
        QCOMPARE(journal.beginBatch(undo, &error), 0);
        QVERIFY(error.contains(QStringLiteral("B42")));
        QVERIFY(journal.verify().ok);
    }

    void historyFilters_data()
    {
        QTest::addColumn<HistoryFilter>("filter");
        QTest::addColumn<QList<qint64>>("expected");
        // Layout written by historyFilters() (minute 0 is the creation of the file):
        //   C1 alice  user1  applied   (batch of alice)
        //   C2 alice  user2  failed
        //   C3 bob    user1  applied   (batch of bob)
        //   C4 bob    org    applied
        //   C5 bob    user3  intended
        HistoryFilter all;
        QTest::newRow("no filter") << all << QList<qint64>{1, 2, 3, 4, 5};
        HistoryFilter byAddress;
        byAddress.mailbox = QStringLiteral("USER1@Contoso.com");
        QTest::newRow("mailbox by address, any case") << byAddress << QList<qint64>{1, 3};
        HistoryFilter byGuid;
        byGuid.mailbox = mailboxGuid(2).toString(QUuid::WithBraces).toUpper();
        QTest::newRow("mailbox by guid") << byGuid << QList<qint64>{2};
        HistoryFilter byOperator;
        byOperator.operatorUpn = QStringLiteral("Bob@Contoso.com");
        QTest::newRow("operator") << byOperator << QList<qint64>{3, 4, 5};
        HistoryFilter byOutcome;
        byOutcome.outcome = ChangeState::Applied;
        QTest::newRow("outcome") << byOutcome << QList<qint64>{1, 3, 4};
        HistoryFilter since;
        since.since = minute(5); // bob's batch is minute 4, C3..C5 minute 5
        QTest::newRow("since") << since << QList<qint64>{3, 4, 5};
        HistoryFilter until;
        until.until = minute(2); // alice's changes
        QTest::newRow("until, inclusive") << until << QList<qint64>{1, 2};
        HistoryFilter empty;
        empty.until = minute(1);
        QTest::newRow("until before anything") << empty << QList<qint64>{};
        HistoryFilter combined;
        combined.mailbox = QStringLiteral("user1@contoso.com");
        combined.operatorUpn = QStringLiteral("bob@contoso.com");
        combined.outcome = ChangeState::Applied;
        combined.since = minute(1);
        combined.until = minute(10);
        QTest::newRow("combined") << combined << QList<qint64>{3};
        HistoryFilter combinedNone = combined;
        combinedNone.outcome = ChangeState::Failed;
        QTest::newRow("combined, no match") << combinedNone << QList<qint64>{};
        HistoryFilter limited;
        limited.limit = 2;
        QTest::newRow("limit keeps the most recent") << limited << QList<qint64>{4, 5};
        HistoryFilter limitedFiltered;
        limitedFiltered.limit = 1;
        limitedFiltered.outcome = ChangeState::Applied;
        QTest::newRow("limit after filtering") << limitedFiltered << QList<qint64>{4};
    }
    void historyFilters()
    {
        QFETCH(HistoryFilter, filter);
        QFETCH(QList<qint64>, expected);
        ChangeJournal journal(steppingClock(start));
        QVERIFY(journal.open(freshPath()));
        const qint64 alice = journal.beginBatch(makeBatch(QStringLiteral("alice@contoso.com"))); // minute 1
        const QList<qint64> a = journal.addIntendedChanges(alice, {mailboxChange(1), mailboxChange(2)}); // 2
        QVERIFY(journal.recordOutcomes(
            {{a.at(0), ChangeState::Applied, {}, {}}, {a.at(1), ChangeState::Failed, {}, {}}})); // 3
        const qint64 bob = journal.beginBatch(makeBatch(QStringLiteral("bob@contoso.com")));     // 4
        const QList<qint64> b = journal.addIntendedChanges(
            bob, {mailboxChange(1, QStringLiteral("enabled"), QStringLiteral("disabled")),
                  orgChange(QStringLiteral("disabled"), QStringLiteral("enabled")), mailboxChange(3)}); // 5
        QVERIFY(journal.recordOutcomes(
            {{b.at(0), ChangeState::Applied, {}, {}}, {b.at(1), ChangeState::Applied, {}, {}}})); // 6
        QCOMPARE(a + b, (QList<qint64>{1, 2, 3, 4, 5}));

        const QList<HistoryEntry> entries = journal.history(filter);
        QList<qint64> ids;
        for (const HistoryEntry &entry : entries) {
            ids.append(entry.change.id);
            QCOMPARE(entry.batch.id, entry.change.batchId);
            QCOMPARE(entry.batch.operatorUpn, entry.change.id <= 2 ? QStringLiteral("alice@contoso.com")
                                                                   : QStringLiteral("bob@contoso.com"));
        }
        QCOMPARE(ids, expected);
    }

    void migratesAVersion1File()
    {
        // A journal as version 1 wrote it (no ticket column, no append-only triggers), built by hand.
        const QString path = freshPath();
        {
            RawConnection raw(path);
            QVERIFY(raw.isOpen());
            const QStringList schema{
                QStringLiteral(
                    "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_utc TEXT NOT NULL)"),
                QStringLiteral("INSERT INTO schema_version VALUES (1, '2025-11-03T08:00:00.000Z')"),
                QStringLiteral(
                    "CREATE TABLE journal_head (singleton INTEGER PRIMARY KEY CHECK (singleton = 1),"
                    " last_seq INTEGER NOT NULL, last_hash TEXT NOT NULL)"),
                QStringLiteral("CREATE TABLE batches (id INTEGER PRIMARY KEY,"
                               " seq INTEGER NOT NULL UNIQUE CHECK (typeof(seq) = 'integer'),"
                               " created_utc TEXT NOT NULL, operator_upn TEXT NOT NULL DEFAULT '',"
                               " tenant_id TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL DEFAULT '', kind "
                               "TEXT NOT NULL,"
                               " undo_of_batch INTEGER REFERENCES batches(id),"
                               " undo_of_change INTEGER REFERENCES changes(id), hash TEXT NOT NULL)"),
                QStringLiteral(
                    "CREATE TABLE changes (id INTEGER PRIMARY KEY,"
                    " seq INTEGER NOT NULL UNIQUE CHECK (typeof(seq) = 'integer'),"
                    " batch_id INTEGER NOT NULL REFERENCES batches(id), target_kind TEXT NOT NULL,"
                    " target_guid TEXT NOT NULL DEFAULT '', target_address TEXT NOT NULL DEFAULT '',"
                    " target_display_name TEXT NOT NULL DEFAULT '', before_value TEXT NOT NULL,"
                    " after_value TEXT NOT NULL, created_utc TEXT NOT NULL, hash TEXT NOT NULL)"),
                QStringLiteral(
                    "CREATE TABLE change_events (id INTEGER PRIMARY KEY,"
                    " seq INTEGER NOT NULL UNIQUE CHECK (typeof(seq) = 'integer'),"
                    " change_id INTEGER NOT NULL REFERENCES changes(id), state TEXT NOT NULL,"
                    " server_message TEXT NOT NULL DEFAULT '', client_request_id TEXT NOT NULL DEFAULT '',"
                    " created_utc TEXT NOT NULL, hash TEXT NOT NULL)"),
            };
            for (const QString &statement : schema)
                QCOMPARE(raw.exec(statement), QString());

            const QString guid = mailboxGuid(9).toString(QUuid::WithoutBraces);
            const QString batchHash = chainedHashHex(
                QString(),
                canonical(QStringLiteral("batches"), 1,
                          {{QStringLiteral("id"), QStringLiteral("1")},
                           {QStringLiteral("created_utc"), QStringLiteral("2025-11-03T08:01:00.000Z")},
                           {QStringLiteral("operator_upn"), QStringLiteral("old@contoso.com")},
                           {QStringLiteral("tenant_id"), QStringLiteral("t1")},
                           {QStringLiteral("reason"), QStringLiteral("Ticket 12: printer")},
                           {QStringLiteral("kind"), QStringLiteral("apply")}}));
            const QString changeHash = chainedHashHex(
                batchHash,
                canonical(QStringLiteral("changes"), 2,
                          {{QStringLiteral("id"), QStringLiteral("1")},
                           {QStringLiteral("batch_id"), QStringLiteral("1")},
                           {QStringLiteral("target_kind"), QStringLiteral("mailbox")},
                           {QStringLiteral("target_guid"), guid},
                           {QStringLiteral("target_address"), QStringLiteral("printer@contoso.com")},
                           {QStringLiteral("target_display_name"), QStringLiteral("Printer \"3\"")},
                           {QStringLiteral("before_value"), QStringLiteral("inherit")},
                           {QStringLiteral("after_value"), QStringLiteral("enabled")},
                           {QStringLiteral("created_utc"), QStringLiteral("2025-11-03T08:02:00.000Z")}}));
            const QString eventHash = chainedHashHex(
                changeHash,
                canonical(QStringLiteral("change_events"), 3,
                          {{QStringLiteral("id"), QStringLiteral("1")},
                           {QStringLiteral("change_id"), QStringLiteral("1")},
                           {QStringLiteral("state"), QStringLiteral("intended")},
                           {QStringLiteral("created_utc"), QStringLiteral("2025-11-03T08:02:00.000Z")}}));
            QCOMPARE(
                raw.exec(QStringLiteral(
                             "INSERT INTO batches (id, seq, created_utc, operator_upn, tenant_id, reason,"
                             " kind, hash) VALUES (1, 1, '2025-11-03T08:01:00.000Z', 'old@contoso.com',"
                             " 't1', 'Ticket 12: printer', 'apply', '%1')")
                             .arg(batchHash)),
                QString());
            QCOMPARE(
                raw.exec(QStringLiteral("INSERT INTO changes (id, seq, batch_id, target_kind, target_guid,"
                                        " target_address, target_display_name, before_value, after_value,"
                                        " created_utc, hash) VALUES (1, 2, 1, 'mailbox', '%1',"
                                        " 'printer@contoso.com', 'Printer \"3\"', 'inherit', 'enabled',"
                                        " '2025-11-03T08:02:00.000Z', '%2')")
                             .arg(guid, changeHash)),
                QString());
            QCOMPARE(raw.exec(QStringLiteral(
                                  "INSERT INTO change_events (id, seq, change_id, state, created_utc, hash)"
                                  " VALUES (1, 3, 1, 'intended', '2025-11-03T08:02:00.000Z', '%1')")
                                  .arg(eventHash)),
                     QString());
            QCOMPARE(raw.exec(QStringLiteral("INSERT INTO journal_head VALUES (1, 3, '%1')").arg(eventHash)),
                     QString());
        }

        ChangeJournal journal(steppingClock(start));
        QString error;
        QVERIFY2(journal.open(path, &error), qPrintable(error));
        QCOMPARE(journal.schemaVersion(), ChangeJournal::CurrentSchemaVersion);
        const VerifyResult migrated = journal.verify();
        QVERIFY2(migrated.ok, qPrintable(migrated.firstProblem));
        QCOMPARE(migrated.rowsChecked, 3);

        const std::optional<BatchRecord> old = journal.batch(1);
        QVERIFY(old.has_value());
        QCOMPARE(old->ticket, QString());
        QCOMPARE(old->reason, QStringLiteral("Ticket 12: printer"));
        QCOMPARE(old->createdUtc, QDateTime(QDate(2025, 11, 3), QTime(8, 1), Qt::UTC));
        const std::optional<ChangeRecord> oldChange = journal.change(1);
        QVERIFY(oldChange.has_value());
        QCOMPARE(oldChange->targetDisplayName, QStringLiteral("Printer \"3\""));
        QCOMPARE(journal.unfinishedChanges().size(), 1);

        // The interrupted change from the old file can be finished, and new batches carry a ticket.
        QVERIFY(journal.recordOutcomes({{1, ChangeState::Applied, {}, {}}}));
        const qint64 next = journal.beginBatch(makeBatch());
        QCOMPARE(next, 2);
        QCOMPARE(journal.batch(next)->ticket, QStringLiteral("4711"));
        QVERIFY(journal.verify().ok);
        journal.close();

        RawConnection raw(path);
        QVERIFY(!raw.exec(QStringLiteral("UPDATE batches SET reason = 'x' WHERE id = 1")).isEmpty());
        QCOMPARE(raw.scalar(QStringLiteral("SELECT COUNT(*) FROM schema_version")).toInt(),
                 ChangeJournal::CurrentSchemaVersion);
    }

    void refusesANewerSchema()
    {
        const QString path = freshPath();
        {
            ChangeJournal journal;
            QVERIFY(journal.open(path));
        }
        {
            RawConnection raw(path);
            QCOMPARE(
                raw.exec(QStringLiteral("INSERT INTO schema_version VALUES (%1, '2030-01-01T00:00:00.000Z')")
                             .arg(ChangeJournal::CurrentSchemaVersion + 1)),
                QString());
        }
        ChangeJournal journal;
        QString error;
        QVERIFY(!journal.open(path, &error));
        QVERIFY(error.contains(QStringLiteral("newer")));
    }

    void reopeningDoesNotMigrateAgain()
    {
        const QString path = freshPath();
        {
            ChangeJournal journal;
            QVERIFY(journal.open(path));
            QVERIFY(journal.beginBatch(makeBatch()) > 0);
        }
        ChangeJournal journal;
        QVERIFY(journal.open(path));
        QCOMPARE(journal.schemaVersion(), ChangeJournal::CurrentSchemaVersion);
        QVERIFY(journal.batch(1).has_value());
        QCOMPARE(journal.beginBatch(makeBatch()), 2);
    }

    void appendOnlyTriggersRefuseRewrites_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::newRow("update batch") << QStringLiteral("UPDATE batches SET reason = 'nothing to see'");
        QTest::newRow("update change") << QStringLiteral("UPDATE changes SET after_value = 'disabled'");
        QTest::newRow("update event") << QStringLiteral("UPDATE change_events SET state = 'applied'");
        QTest::newRow("delete event") << QStringLiteral("DELETE FROM change_events WHERE id = 4");
        QTest::newRow("delete change") << QStringLiteral("DELETE FROM changes WHERE id = 3");
        QTest::newRow("delete batch") << QStringLiteral("DELETE FROM batches");
    }
    void appendOnlyTriggersRefuseRewrites()
    {
        QFETCH(QString, sql);
        const QString path = writeReferenceJournal();
        QVERIFY(!path.isEmpty());
        {
            RawConnection raw(path);
            QVERIFY(raw.exec(sql).contains(QStringLiteral("append-only")));
        }
        ChangeJournal journal;
        QVERIFY(journal.open(path));
        QVERIFY(journal.verify().ok);
    }

    void verifyPassesOnACleanJournal()
    {
        ChangeJournal empty;
        QVERIFY(empty.open(freshPath()));
        VerifyResult result = empty.verify();
        QVERIFY2(result.ok, qPrintable(result.firstProblem));
        QCOMPARE(result.rowsChecked, 0);

        const QString path = writeReferenceJournal();
        QVERIFY(!path.isEmpty());
        ChangeJournal journal;
        QVERIFY(journal.open(path));
        result = journal.verify();
        QVERIFY2(result.ok, qPrintable(result.firstProblem));
        QCOMPARE(result.rowsChecked, 10);
        QCOMPARE(result.firstBadSequence, 0);
        QVERIFY(result.firstProblem.isEmpty());
    }

    void verifyNamesTheFirstTamperedRow_data()
    {
        QTest::addColumn<QStringList>("tampering");
        QTest::addColumn<qint64>("badSequence");
        QTest::addColumn<QString>("problem");
        // A plausible-looking SHA-256 that chains from nothing.
        const QString forged =
            QString::fromLatin1(QCryptographicHash::hash("forged", QCryptographicHash::Sha256).toHex());
        const QString forgedEvent = QStringLiteral(
            "INSERT INTO change_events (id, seq, change_id, state, server_message, client_request_id,"
            " created_utc, hash) VALUES (7, %1, 2, 'applied', 'ok', '', '2026-03-02T09:03:00.000Z', '%2')");

        QTest::newRow("update of a change's after value")
            << QStringList{QStringLiteral("UPDATE changes SET after_value = 'disabled' WHERE id = 2")}
            << qint64(4) << QStringLiteral("row 4 (change C2): content altered");
        QTest::newRow("update of an event's message")
            << QStringList{QStringLiteral("UPDATE change_events SET server_message = 'ok' WHERE id = 5")}
            << qint64(9) << QStringLiteral("row 9 (event of change C2): content altered");
        QTest::newRow("update of an event's state")
            << QStringList{QStringLiteral("UPDATE change_events SET state = 'applied' WHERE id = 5")}
            << qint64(9) << QStringLiteral("content altered");
        QTest::newRow("update of a batch's operator")
            << QStringList{QStringLiteral("UPDATE batches SET operator_upn = 'someone@else.com'")}
            << qint64(1) << QStringLiteral("row 1 (batch B1): content altered");
        QTest::newRow("update of a row's id")
            << QStringList{QStringLiteral("UPDATE change_events SET id = 70 WHERE id = 6")} << qint64(10)
            << QStringLiteral("content altered");
        QTest::newRow("delete of a middle row")
            << QStringList{QStringLiteral("DELETE FROM change_events WHERE id = 4")} << qint64(8)
            << QStringLiteral("row 8 missing (sequence gap after 7)");
        QTest::newRow("delete of the first row")
            << QStringList{QStringLiteral("PRAGMA foreign_keys = OFF"),
                           QStringLiteral("DELETE FROM batches WHERE id = 1")}
            << qint64(1) << QStringLiteral("row 1 missing");
        QTest::newRow("delete of the last row")
            << QStringList{QStringLiteral("DELETE FROM change_events WHERE id = 6")} << qint64(10)
            << QStringLiteral("row 10 missing (the journal ends at row 9 but its head records row 10)");
        QTest::newRow("insert of a forged event after the head")
            << QStringList{forgedEvent.arg(QStringLiteral("11"), forged)} << qint64(11)
            << QStringLiteral("row 11 (event of change C2): inserted");
        QTest::newRow("insert of a forged event, head moved too")
            << QStringList{forgedEvent.arg(QStringLiteral("11"), forged),
                           QStringLiteral("UPDATE journal_head SET last_seq = 11, last_hash = '%1'")
                               .arg(forged)}
            << qint64(11) << QStringLiteral("row 11 (event of change C2)");
        QTest::newRow("insert of a forged event reusing a sequence number")
            << QStringList{forgedEvent.arg(QStringLiteral("4"), forged)} << qint64(4)
            << QStringLiteral(
                   "row 4 (event of change C2): inserted (sequence number also used by change C2)");
        QTest::newRow("insert between two rows (fractional sequence)")
            << QStringList{QStringLiteral("PRAGMA ignore_check_constraints = ON"),
                           forgedEvent.arg(QStringLiteral("8.5"), forged)}
            << qint64(8) << QStringLiteral("inserted (its sequence number is not an integer)");
        QTest::newRow("journal head deleted") << QStringList{QStringLiteral("DELETE FROM journal_head")}
                                              << qint64(0) << QStringLiteral("the journal head is missing");
        QTest::newRow("journal head moved back")
            << QStringList{QStringLiteral("UPDATE journal_head SET last_seq = 9")} << qint64(10)
            << QStringLiteral(
                   "row 10 (event of change C3): inserted after the journal's recorded last row 9");
    }
    void verifyNamesTheFirstTamperedRow()
    {
        QFETCH(QStringList, tampering);
        QFETCH(qint64, badSequence);
        QFETCH(QString, problem);
        const QString path = writeReferenceJournal();
        QVERIFY(!path.isEmpty());
        {
            RawConnection raw(path);
            raw.dropAppendOnlyTriggers();
            for (const QString &statement : std::as_const(tampering))
                QCOMPARE(raw.exec(statement), QString());
        }
        ChangeJournal journal;
        QVERIFY(journal.open(path));
        const VerifyResult result = journal.verify();
        QVERIFY(!result.ok);
        QCOMPARE(result.firstBadSequence, badSequence);
        QVERIFY2(result.firstProblem.contains(problem), qPrintable(result.firstProblem));
    }

    void verifyCatchesAnEditWithARecomputedHash()
    {
        const QString path = writeReferenceJournal();
        QVERIFY(!path.isEmpty());
        {
            RawConnection raw(path);
            raw.dropAppendOnlyTriggers();
            // The attacker knows the format: edits C2 (row 4) and gives it a hash that chains from row 3.
            const QString row3 =
                raw.scalar(QStringLiteral("SELECT hash FROM change_events WHERE seq = 3")).toString();
            const QString createdUtc =
                raw.scalar(QStringLiteral("SELECT created_utc FROM changes WHERE id = 2")).toString();
            const QString rehashed = chainedHashHex(
                row3,
                canonical(QStringLiteral("changes"), 4,
                          {{QStringLiteral("id"), QStringLiteral("2")},
                           {QStringLiteral("batch_id"), QStringLiteral("1")},
                           {QStringLiteral("target_kind"), QStringLiteral("mailbox")},
                           {QStringLiteral("target_guid"), mailboxGuid(2).toString(QUuid::WithoutBraces)},
                           {QStringLiteral("target_address"), QStringLiteral("user2@contoso.com")},
                           {QStringLiteral("target_display_name"), QStringLiteral("User 2")},
                           {QStringLiteral("before_value"), QStringLiteral("inherit")},
                           {QStringLiteral("after_value"), QStringLiteral("disabled")},
                           {QStringLiteral("created_utc"), createdUtc}}));
            QCOMPARE(raw.exec(QStringLiteral(
                                  "UPDATE changes SET after_value = 'disabled', hash = '%1' WHERE id = 2")
                                  .arg(rehashed)),
                     QString());
        }
        ChangeJournal journal;
        QVERIFY(journal.open(path));
        const VerifyResult result = journal.verify();
        QVERIFY(!result.ok);
        // Row 4 is self-consistent now; the break shows at row 5, and the message names both suspects.
        QCOMPARE(result.firstBadSequence, 5);
        QVERIFY2(result.firstProblem.contains(QStringLiteral("row 4 was altered and its hash recomputed")),
                 qPrintable(result.firstProblem));
    }

    void recordsTenThousandOutcomesInOneCall()
    {
        ChangeJournal journal(steppingClock(start));
        QVERIFY(journal.open(freshPath()));
        const qint64 batchId = journal.beginBatch(makeBatch());
        constexpr int count = 10000;
        QList<ChangeRecord> planned;
        planned.reserve(count);
        for (int n = 0; n < count; ++n)
            planned.append(mailboxChange(n, QStringLiteral("inherit"),
                                         n % 2 ? QStringLiteral("enabled") : QStringLiteral("disabled")));
        const QList<qint64> ids = journal.addIntendedChanges(batchId, planned);
        QCOMPARE(ids.size(), count);
        QCOMPARE(journal.unfinishedChanges().size(), count);

        QList<ChangeOutcome> outcomes;
        outcomes.reserve(count);
        for (int n = 0; n < count; ++n) {
            outcomes.append({ids.at(n), n % 10 == 0 ? ChangeState::Failed : ChangeState::Applied,
                             n % 10 == 0 ? QStringLiteral("Mailbox %1 not found").arg(n) : QString(),
                             QStringLiteral("req-%1").arg(n)});
        }
        QVERIFY(journal.recordOutcomes(outcomes));

        QVERIFY(journal.unfinishedChanges().isEmpty());
        HistoryFilter failed;
        failed.outcome = ChangeState::Failed;
        QCOMPARE(journal.history(failed).size(), count / 10);
        const QList<ChangeRecord> all = journal.changesOfBatch(batchId);
        QCOMPARE(all.size(), count);
        for (int n = 0; n < count; n += 997) {
            QCOMPARE(all.at(n).id, ids.at(n));
            QCOMPARE(all.at(n).state, n % 10 == 0 ? ChangeState::Failed : ChangeState::Applied);
            QCOMPARE(all.at(n).clientRequestId, QStringLiteral("req-%1").arg(n));
        }
        const VerifyResult result = journal.verify();
        QVERIFY2(result.ok, qPrintable(result.firstProblem));
        QCOMPARE(result.rowsChecked, 1 + 3 * count);
    }

    void labels_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<int>("kind");
        QTest::addColumn<qint64>("id");
        QTest::newRow("batch") << QStringLiteral("B12") << true << int(JournalLabelKind::Batch) << qint64(12);
        QTest::newRow("change") << QStringLiteral("C345") << true << int(JournalLabelKind::Change)
                                << qint64(345);
        QTest::newRow("lower case") << QStringLiteral("b12") << true << int(JournalLabelKind::Batch)
                                    << qint64(12);
        QTest::newRow("spaces") << QStringLiteral(" c7 ") << true << int(JournalLabelKind::Change)
                                << qint64(7);
        QTest::newRow("no digits") << QStringLiteral("B") << false << 0 << qint64(0);
        QTest::newRow("zero") << QStringLiteral("C0") << false << 0 << qint64(0);
        QTest::newRow("sign") << QStringLiteral("C-3") << false << 0 << qint64(0);
        QTest::newRow("plus") << QStringLiteral("C+3") << false << 0 << qint64(0);
        QTest::newRow("other prefix") << QStringLiteral("X3") << false << 0 << qint64(0);
        QTest::newRow("bare number") << QStringLiteral("12") << false << 0 << qint64(0);
        QTest::newRow("trailing junk") << QStringLiteral("B12x") << false << 0 << qint64(0);
        QTest::newRow("overflow") << QStringLiteral("C99999999999999999999") << false << 0 << qint64(0);
    }
    void labels()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(int, kind);
        QFETCH(qint64, id);
        const std::optional<JournalLabel> label = ChangeJournal::parseLabel(text);
        QCOMPARE(label.has_value(), valid);
        if (!valid)
            return;
        QCOMPARE(int(label->kind), kind);
        QCOMPARE(label->id, id);
        const QString printed = label->kind == JournalLabelKind::Batch ? ChangeJournal::batchLabel(id)
                                                                       : ChangeJournal::changeLabel(id);
        QCOMPARE(printed, text.trimmed().toUpper());
    }

    void stateNames()
    {
        const QList<ChangeState> all{ChangeState::Intended, ChangeState::Sent,   ChangeState::Applied,
                                     ChangeState::NoOp,     ChangeState::Failed, ChangeState::Conflict,
                                     ChangeState::Unknown};
        const QStringList names{QStringLiteral("intended"), QStringLiteral("sent"),
                                QStringLiteral("applied"),  QStringLiteral("noop"),
                                QStringLiteral("failed"),   QStringLiteral("conflict"),
                                QStringLiteral("unknown")};
        for (int i = 0; i < all.size(); ++i) {
            QCOMPARE(machineName(all.at(i)), names.at(i));
            ChangeState parsed = ChangeState::Intended;
            QVERIFY(changeStateFromName(names.at(i).toUpper(), &parsed));
            QCOMPARE(parsed, all.at(i));
            QCOMPARE(isFinal(all.at(i)), i >= 2);
        }
        ChangeState untouched = ChangeState::Sent;
        QVERIFY(!changeStateFromName(u"done", &untouched));
        QCOMPARE(untouched, ChangeState::Sent);
    }
};

QTEST_GUILESS_MAIN(TestChangeJournal)
#include "test_changejournal.moc"
