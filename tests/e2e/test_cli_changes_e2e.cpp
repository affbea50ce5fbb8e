// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// The change commands of the real smtpauth-cli against the real smtpauth-emulator, signed in through the
// real keychain: set (with reason and ticket, dry run, unknown mailbox), apply FILE.csv (good and bad
// files), undo and undo of the undo, org set with its flip count, history exported as CSV and read back
// by an independent parser (Python's csv module), and journal verify before and after tampering.
// The emulator's control endpoint is the yardstick for what the server holds; the journal file is read
// with ChangeJournal (and tampered with through plain QSqlDatabase) only after the CLI has exited.
#include "e2ehelpers.h"
#include "emulatorprocess.h"
#include "models/changejournal.h"
#include "models/journalexport.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace smtpauth;
using namespace smtpauth::test;

namespace {

// What a spreadsheet-safe CSV cell looks like once read back (CsvWriter's formula neutralisation).
QString neutralised(const QString &cell)
{
    static const QString risky = QStringLiteral("=+-@\t\r");
    return !cell.isEmpty() && risky.contains(cell.front()) ? QLatin1Char('\'') + cell : cell;
}

} // namespace

class TestCliChangesE2e : public QObject
{
    Q_OBJECT
private:
    EmulatorProcess m_emulator{{QStringLiteral("--mailboxes"), QStringLiteral("40"),
                                QStringLiteral("--override-share"), QStringLiteral("0.5"),
                                QStringLiteral("--seed"), QStringLiteral("7")}};
    QTemporaryDir m_dataDir;
    QString m_profile = E2eHelpers::uniqueProfileName(QStringLiteral("e2e-changes"));
    QDateTime m_startedUtc;
    QString m_setBatch; // label of the batch of `set A B`
    int m_nextMailbox = 0;

    QStringList profileArguments() const
    {
        return {QStringLiteral("--data-dir"), m_dataDir.path(), QStringLiteral("--profile"), m_profile};
    }

    CliRun cli(const QStringList &command) { return CliProcess::run(profileArguments() + command); }

    EmulatorTruth truth()
    {
        const auto now = m_emulator.truth();
        if (!now)
            qFatal("the emulator's truth is unreadable: %s", qPrintable(m_emulator.errorString()));
        return *now;
    }

    EmulatorTruth::Mailbox takeMailbox() { return truth().mailboxes.at(m_nextMailbox++); }

    QString journalPath() const
    {
        // ProfileLocation's layout: <data-dir>/<profile>/journal.sqlite (found rather than assumed).
        QDirIterator it(m_dataDir.path(), {QStringLiteral("journal.sqlite")}, QDir::Files,
                        QDirIterator::Subdirectories);
        return it.hasNext() ? it.next() : QString();
    }

    // The journal as the CLI left it (the CLI has exited; the file is opened only for this call).
    QList<HistoryEntry> journalHistory(const HistoryFilter &filter = {})
    {
        ChangeJournal journal;
        QString error;
        if (!journal.open(journalPath(), &error))
            qFatal("cannot open the CLI's journal %s: %s", qPrintable(journalPath()), qPrintable(error));
        return journal.history(filter);
    }

    qint64 lastBatchId()
    {
        qint64 last = 0;
        for (const HistoryEntry &entry : journalHistory())
            last = qMax(last, entry.batch.id);
        return last;
    }

    static QString batchOf(const CliRun &run)
    {
        static const QRegularExpression summary(QStringLiteral("Batch (B\\d+):"));
        return summary.match(QString::fromUtf8(run.standardError)).captured(1);
    }

    QByteArray writeFile(const QString &name, const QByteArray &bytes)
    {
        QFile file(m_dataDir.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            qFatal("cannot write %s", qPrintable(file.fileName()));
        return file.fileName().toUtf8();
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!E2eHelpers::hasSessionBus())
            QFAIL(E2eHelpers::noSessionBusMessage());
        QVERIFY2(QFileInfo(CliProcess::binaryPath()).isExecutable(),
                 "SMTPAUTH_CLI must name the smtpauth-cli binary");
        QVERIFY(m_dataDir.isValid());
        m_startedUtc = QDateTime::currentDateTimeUtc().addSecs(-60);
        QVERIFY2(m_emulator.start(), qPrintable(m_emulator.errorString()));

        QString browserProblem;
        const CliRun run = E2eHelpers::signInLikeABrowser(
            profileArguments() + E2eHelpers::signInArguments(m_emulator, QStringLiteral("admin")),
            &browserProblem);
        QVERIFY2(browserProblem.isEmpty(), qPrintable(browserProblem + QLatin1Char('\n') + run.describe()));
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    }

    void dryRunChangesNothing()
    {
        const EmulatorTruth before = truth();
        const EmulatorTruth::Mailbox target = before.mailboxes.at(0);
        const CliRun run = cli({QStringLiteral("set"), target.primarySmtpAddress, QStringLiteral("--to"),
                                machineName(rotated(target.smtpAuthOverride)), QStringLiteral("--reason"),
                                QStringLiteral("r"), QStringLiteral("--dry-run")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        // The plan names the mailbox and both values.
        const QString plan = QString::fromUtf8(run.standardOutput);
        QVERIFY2(plan.contains(target.primarySmtpAddress), qPrintable(plan));
        QVERIFY2(plan.contains(machineName(rotated(target.smtpAuthOverride))), qPrintable(plan));
        QCOMPARE(truth().overrides(), before.overrides());
        QVERIFY(journalHistory().isEmpty());
    }

    void setWithReasonAndTicket()
    {
        // Two mailboxes that are not yet explicitly enabled.
        QList<EmulatorTruth::Mailbox> targets;
        while (targets.size() < 2) {
            const EmulatorTruth::Mailbox m = takeMailbox();
            if (m.smtpAuthOverride != Override::Enabled)
                targets.append(m);
        }
        const EmulatorTruth before = truth();
        const CliRun run =
            cli({QStringLiteral("set"), targets.at(0).primarySmtpAddress,
                 targets.at(1).guid.toString(QUuid::WithoutBraces), QStringLiteral("--to"),
                 QStringLiteral("enabled"), QStringLiteral("--reason"), QStringLiteral("floor 3 scanner"),
                 QStringLiteral("--ticket"), QStringLiteral("4711")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        m_setBatch = batchOf(run);
        QVERIFY2(!m_setBatch.isEmpty(), run.standardError.constData());

        QMap<QUuid, Override> expected = before.overrides();
        for (const EmulatorTruth::Mailbox &m : std::as_const(targets))
            expected[m.guid] = Override::Enabled;
        QCOMPARE(truth().overrides(), expected);

        const CliRun history =
            cli({QStringLiteral("history"), QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(history.exitCode == 0, qPrintable(history.describe()));
        QJsonParseError parseError{};
        const QJsonObject document = QJsonDocument::fromJson(history.standardOutput, &parseError).object();
        QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
        QCOMPARE(document.value(QStringLiteral("count")).toInt(), 2);
        const QJsonArray changes = document.value(QStringLiteral("changes")).toArray();
        QCOMPARE(changes.size(), 2);
        for (int i = 0; i < 2; ++i) {
            const QJsonObject change = changes.at(i).toObject();
            QCOMPARE(change.value(QStringLiteral("batch")).toString(), m_setBatch);
            QCOMPARE(QUuid(change.value(QStringLiteral("target_guid")).toString()), targets.at(i).guid);
            QCOMPARE(change.value(QStringLiteral("before")).toString(),
                     machineName(targets.at(i).smtpAuthOverride));
            QCOMPARE(change.value(QStringLiteral("after")).toString(), QStringLiteral("enabled"));
            QCOMPARE(change.value(QStringLiteral("state")).toString(), QStringLiteral("applied"));
            QCOMPARE(change.value(QStringLiteral("reason")).toString(), QStringLiteral("floor 3 scanner"));
            QCOMPARE(change.value(QStringLiteral("ticket")).toString(), QStringLiteral("4711"));
            QCOMPARE(change.value(QStringLiteral("operator")).toString(),
                     m_emulator.userPrincipalName(QStringLiteral("admin")));
            QVERIFY(
                QDateTime::fromString(change.value(QStringLiteral("time_utc")).toString(), Qt::ISODateWithMs)
                    .isValid());
        }
    }

    void applyGoodCsvKeepsEachRowsReason()
    {
        const QList<EmulatorTruth::Mailbox> rows{takeMailbox(), takeMailbox(), takeMailbox()};
        const QStringList reasons{QStringLiteral("=HYPERLINK(\"http://evil\")"),
                                  QStringLiteral("plain, with comma"),
                                  QStringLiteral("Zürich \"front desk\" printer")};
        const QStringList tickets{QStringLiteral("T-1"), QString(), QStringLiteral("-5")};
        QByteArray csv = "mailbox,to,reason,ticket\r\n";
        for (int i = 0; i < 3; ++i) {
            QString reason = reasons.at(i);
            reason.replace(QLatin1Char('"'), QStringLiteral("\"\""));
            csv += QStringLiteral("%1,%2,\"%3\",%4\r\n")
                       .arg(rows.at(i).primarySmtpAddress, machineName(rotated(rows.at(i).smtpAuthOverride)),
                            reason, tickets.at(i))
                       .toUtf8();
        }
        const EmulatorTruth before = truth();
        const CliRun run =
            cli({QStringLiteral("apply"), QString::fromUtf8(writeFile(QStringLiteral("good.csv"), csv))});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        const QString batch = batchOf(run);
        QVERIFY2(!batch.isEmpty(), run.standardError.constData());

        QMap<QUuid, Override> expected = before.overrides();
        for (const EmulatorTruth::Mailbox &m : rows)
            expected[m.guid] = rotated(m.smtpAuthOverride);
        QCOMPARE(truth().overrides(), expected);

        // Each change keeps its own row's reason and ticket (ChangeRecord.reason/ticket), not the batch's.
        QList<ChangeRecord> changes;
        for (const HistoryEntry &entry : journalHistory()) {
            if (batchLabel(entry.batch.id) == batch) {
                QCOMPARE(entry.batch.kind, BatchKind::Import);
                changes.append(entry.change);
            }
        }
        QCOMPARE(changes.size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(changes.at(i).targetGuid, rows.at(i).guid);
            QCOMPARE(changes.at(i).state, ChangeState::Applied);
            QCOMPARE(changes.at(i).reason, reasons.at(i));
            QCOMPARE(changes.at(i).ticket, tickets.at(i));
        }
    }

    void applyBadCsvAppliesNothing_data()
    {
        QTest::addColumn<bool>("withEncodingProblem");
        QTest::addColumn<bool>("withOtherProblems");
        QTest::newRow("one bad row of each kind but encoding") << false << true;
        QTest::newRow("a bad encoding alone") << true << false;
        QTest::newRow("one bad row of each kind") << true << true;
    }

    void applyBadCsvAppliesNothing()
    {
        QFETCH(bool, withEncodingProblem);
        QFETCH(bool, withOtherProblems);
        const EmulatorTruth before = truth();
        const QString good = before.mailboxes.at(30).primarySmtpAddress;
        QByteArray csv = "mailbox,to,reason,ticket\n";   // line 1
        csv += good.toUtf8() + ",disabled,fine row,1\n"; // line 2
        QList<QPair<int, QString>> expectedProblems;     // line, a word its message must contain
        if (withOtherProblems) {
            csv += "nobody-here@contoso.onmicrosoft.com,enabled,unknown mailbox,2\n";            // line 3
            csv += before.mailboxes.at(31).primarySmtpAddress.toUtf8() + ",maybe,bad value,3\n"; // line 4
            csv += good.toUtf8() + ",enabled,duplicate target,4\n";                              // line 5
            csv += before.mailboxes.at(32).primarySmtpAddress.toUtf8() + ",enabled,,5\n";        // line 6
            csv += before.mailboxes.at(33).primarySmtpAddress.toUtf8() + ",enabled\n";           // line 7
            expectedProblems = {
                {3, QStringLiteral("nobody-here@contoso.onmicrosoft.com")},
                {4, QStringLiteral("maybe")},
                {5, QStringLiteral("line 2")}, // the duplicate names the line it repeats
                {6, QStringLiteral("reason")},
                {7, QStringLiteral("cells")},
            };
        }
        if (withEncodingProblem) {
            const int line = withOtherProblems ? 8 : 3;
            csv += before.mailboxes.at(34).primarySmtpAddress.toUtf8() + ",enabled,caf\xe9 in latin-1,6\n";
            expectedProblems.append({line, QStringLiteral("UTF-8")});
        }
        const qint64 batchesBefore = lastBatchId();
        const qsizetype changesBefore = journalHistory().size();

        const CliRun run =
            cli({QStringLiteral("apply"), QString::fromUtf8(writeFile(QStringLiteral("bad.csv"), csv))});
        QCOMPARE(run.exitCode, 2);
        const QString errors = QString::fromUtf8(run.standardError);
        const QStringList lines = errors.split(QLatin1Char('\n'));
        QStringList missing;
        for (const auto &[line, word] : std::as_const(expectedProblems)) {
            const QString prefix = QStringLiteral("line %1:").arg(line);
            const auto hit = std::find_if(lines.cbegin(), lines.cend(), [&](const QString &l) {
                return l.contains(prefix) && l.contains(word, Qt::CaseInsensitive);
            });
            if (hit == lines.cend())
                missing.append(prefix + QStringLiteral(" ... ") + word);
        }
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("not reported: %1\nstderr:\n%2")
                                                   .arg(missing.join(QStringLiteral("; ")), errors)));
        QVERIFY2(!errors.contains(QStringLiteral("line 2:")), qPrintable(errors)); // the good row is fine
        QVERIFY2(errors.contains(QStringLiteral("nothing was changed")), qPrintable(errors));
        // Nothing applied, nothing recorded.
        QCOMPARE(truth().overrides(), before.overrides());
        QCOMPARE(lastBatchId(), batchesBefore);
        QCOMPARE(journalHistory().size(), changesBefore);
    }

    void undoAndUndoOfTheUndo()
    {
        QVERIFY(!m_setBatch.isEmpty());
        QList<ChangeRecord> setChanges;
        for (const HistoryEntry &entry : journalHistory()) {
            if (batchLabel(entry.batch.id) == m_setBatch)
                setChanges.append(entry.change);
        }
        QCOMPARE(setChanges.size(), 2);

        const CliRun undo = cli({QStringLiteral("undo"), m_setBatch});
        QVERIFY2(undo.exitCode == 0, qPrintable(undo.describe()));
        const QString undoBatch = batchOf(undo);
        QVERIFY(!undoBatch.isEmpty());
        EmulatorTruth now = truth();
        for (const ChangeRecord &change : std::as_const(setChanges))
            QCOMPARE(machineName(now.mailbox(change.targetGuid)->smtpAuthOverride), change.before);

        const CliRun redo =
            cli({QStringLiteral("undo"), undoBatch, QStringLiteral("--reason"), QStringLiteral("again")});
        QVERIFY2(redo.exitCode == 0, qPrintable(redo.describe()));
        now = truth();
        for (const ChangeRecord &change : std::as_const(setChanges))
            QCOMPARE(now.mailbox(change.targetGuid)->smtpAuthOverride, Override::Enabled);

        // Undo of the redo while one target was changed elsewhere: exit 5; that target is not overwritten,
        // the other one is restored.
        const QString redoBatch = batchOf(redo);
        QVERIFY(!redoBatch.isEmpty());
        for (const HistoryEntry &entry : journalHistory()) {
            if (batchLabel(entry.batch.id) == redoBatch)
                QCOMPARE(batchLabel(entry.batch.undoOfBatch), undoBatch);
        }
        const QUuid contestedGuid = setChanges.at(0).targetGuid;
        QCOMPARE(m_emulator
                     .control(QStringLiteral("set-mailbox"),
                              QJsonObject{
                                  {QStringLiteral("identity"), contestedGuid.toString(QUuid::WithoutBraces)},
                                  {QStringLiteral("SmtpClientAuthenticationDisabled"),
                                   overrideToWire(Override::Disabled)}})
                     .status,
                 204);
        const CliRun contested = cli({QStringLiteral("undo"), redoBatch});
        QVERIFY2(contested.exitCode == 5, qPrintable(contested.describe()));
        now = truth();
        QCOMPARE(now.mailbox(contestedGuid)->smtpAuthOverride, Override::Disabled);
        QCOMPARE(machineName(now.mailbox(setChanges.at(1).targetGuid)->smtpAuthOverride),
                 setChanges.at(1).before);
        QVERIFY2(contested.standardOutput.contains("conflict"), contested.standardOutput.constData());
    }

    void orgSetPrintsTheFlipCount()
    {
        const EmulatorTruth before = truth();
        int inheriting = 0;
        for (const EmulatorTruth::Mailbox &m : before.mailboxes)
            inheriting += m.smtpAuthOverride == Override::Inherit ? 1 : 0;
        QVERIFY(inheriting > 0 && inheriting < before.mailboxes.size());
        const OrgSetting other =
            before.org == OrgSetting::Enabled ? OrgSetting::Disabled : OrgSetting::Enabled;

        const CliRun run = cli({QStringLiteral("org"), QStringLiteral("set"), machineName(other),
                                QStringLiteral("--reason"), QStringLiteral("December cutoff")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        const QString expected = QStringLiteral("%1 mailbox(es) inherit the org setting").arg(inheriting);
        QVERIFY2(run.standardError.contains(expected.toUtf8()),
                 qPrintable(expected + QLatin1Char('\n') + run.describe()));
        const EmulatorTruth after = truth();
        QCOMPARE(after.org, other);
        QCOMPARE(after.overrides(), before.overrides()); // the switch moves no mailbox override

        const CliRun undo = cli({QStringLiteral("undo"), batchOf(run)});
        QVERIFY2(undo.exitCode == 0, qPrintable(undo.describe()));
        QCOMPARE(truth().org, before.org);
    }

    void setOfAnUnknownMailboxIsAUsageError()
    {
        const EmulatorTruth before = truth();
        const qsizetype changesBefore = journalHistory().size();
        const CliRun run = cli({QStringLiteral("set"), QStringLiteral("nobody@x"), QStringLiteral("--to"),
                                QStringLiteral("enabled"), QStringLiteral("--reason"), QStringLiteral("r")});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.standardError.contains("nobody@x"), qPrintable(run.describe()));
        QCOMPARE(truth().overrides(), before.overrides());
        QCOMPARE(journalHistory().size(), changesBefore);
    }

    void historyCsvReadBackByPythonEqualsTheJournal()
    {
        const QString since = m_startedUtc.toString(Qt::ISODate);
        const QString output = m_dataDir.filePath(QStringLiteral("history.csv"));
        const CliRun run =
            cli({QStringLiteral("history"), QStringLiteral("--since"), since, QStringLiteral("--format"),
                 QStringLiteral("csv"), QStringLiteral("--output"), output});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));

        QProcess python;
        python.start(
            QStringLiteral("python3"),
            {QStringLiteral("-c"),
             QStringLiteral("import csv, json, sys\n"
                            "with open(sys.argv[1], newline='', encoding='utf-8', errors='strict') as f:\n"
                            "    json.dump(list(csv.reader(f, strict=True)), sys.stdout)\n"),
             output});
        QVERIFY2(python.waitForFinished(30000), "python3 did not finish (is python3 installed?)");
        QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
        const QJsonArray rows = QJsonDocument::fromJson(python.readAllStandardOutput()).array();

        HistoryFilter filter;
        filter.since = m_startedUtc;
        const QList<HistoryEntry> entries = journalHistory(filter);
        QVERIFY(entries.size() >= 10);
        QCOMPARE(entries.size(), journalHistory().size()); // every change of this test is after `since`
        QCOMPARE(rows.size(), entries.size() + 1);
        QCOMPARE(rows.first().toVariant().toStringList(), JournalExport::columnNames());
        bool sawNeutralised = false;
        for (qsizetype i = 0; i < entries.size(); ++i) {
            const QStringList read = rows.at(i + 1).toVariant().toStringList();
            QStringList expected;
            for (const QString &cell : JournalExport::cells(entries.at(i)))
                expected.append(neutralised(cell));
            QCOMPARE(read, expected);
            sawNeutralised = sawNeutralised || read.contains(QStringLiteral("'=HYPERLINK(\"http://evil\")"));
        }
        QVERIFY2(sawNeutralised, "the formula-like reason was not exported neutralised");
    }

    void journalVerifyDetectsTampering()
    {
        const CliRun intact = cli({QStringLiteral("journal"), QStringLiteral("verify")});
        QVERIFY2(intact.exitCode == 0, qPrintable(intact.describe()));

        qint64 tamperedSequence = 0;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tamper"));
            db.setDatabaseName(journalPath());
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            QSqlQuery query(db);
            // What someone with sqlite3 could do: drop the append-only guards and rewrite an outcome.
            QVERIFY2(query.exec(QStringLiteral("DROP TRIGGER change_events_update_forbidden")),
                     qPrintable(query.lastError().text()));
            QVERIFY(query.exec(
                QStringLiteral("SELECT seq FROM change_events WHERE state = 'failed' OR state = 'conflict'"
                               " ORDER BY seq LIMIT 1")));
            QVERIFY(query.next());
            tamperedSequence = query.value(0).toLongLong();
            QVERIFY2(
                query.exec(QStringLiteral("UPDATE change_events SET state = 'applied', server_message = ''"
                                          " WHERE seq = %1")
                               .arg(tamperedSequence)),
                qPrintable(query.lastError().text()));
            QCOMPARE(query.numRowsAffected(), 1);
            query.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("tamper"));

        const CliRun damaged = cli({QStringLiteral("journal"), QStringLiteral("verify")});
        QCOMPARE(damaged.exitCode, 1);
        QVERIFY2(
            damaged.standardError.contains(QStringLiteral("row %1 ").arg(tamperedSequence).toUtf8()),
            qPrintable(QStringLiteral("row %1 not named:\n").arg(tamperedSequence) + damaged.describe()));
    }
};

QTEST_GUILESS_MAIN(TestCliChangesE2e)
#include "test_cli_changes_e2e.moc"
