// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// Crash safety of the real `smtpauth-cli apply`: a 1,000-row CSV against a slowed-down emulator process,
// killed with SIGKILL at points drawn from a fixed seed. After each kill a new CLI process (a change
// command, which reconciles before anything else; a dry run, so it sends nothing itself) must leave a
// journal in which every change is final and agrees with what the emulator really holds, with nothing
// applied twice. Finally the same CSV applied again applies the rest and finds the first ones done.
// A second case kills a process in the middle of the journal's own writes (smtpauth-journal-hammer, which
// appends batches as fast as it can): the file must open afterwards, `journal verify` must pass or name
// the torn row, and every row whose commit the hammer had reported must still be there.
// A third case interrupts an apply with Ctrl+C (SIGINT): it must cancel what has not left, wait for what
// has, and end with every change final and the journal agreeing with the server, with no recovery needed.
#include "e2ehelpers.h"
#include "emulatorprocess.h"
#include "models/changejournal.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace smtpauth;
using namespace smtpauth::test;

namespace {

constexpr int kMailboxes = 1000;
constexpr int kKills = 10;
constexpr quint32 kSeed = 4711;
constexpr int kJournalKills = 6;
constexpr int kChangesPerHammerBatch = 20;

} // namespace

class TestCliCrashE2e : public QObject
{
    Q_OBJECT
private:
    EmulatorProcess m_emulator{{QStringLiteral("--mailboxes"), QString::number(kMailboxes),
                                QStringLiteral("--override-share"), QStringLiteral("0.3"),
                                QStringLiteral("--seed"), QStringLiteral("21"),
                                QStringLiteral("--latency-ms"), QStringLiteral("2")}};
    QTemporaryDir m_dataDir;
    QString m_profile = E2eHelpers::uniqueProfileName(QStringLiteral("e2e-crash"));
    QMap<QUuid, Override> m_initial; // the tenant before the first apply
    QString m_lastCsv;               // the CSV of the last killed round
    QMap<QUuid, Override> m_lastCsvTargets;

    QStringList profileArguments() const
    {
        return {QStringLiteral("--data-dir"), m_dataDir.path(), QStringLiteral("--profile"), m_profile};
    }

    // Starts `smtpauth-cli apply csv` in `apply` and returns what it printed on stderr up to the first
    // line containing `line`; the caller checks that it is there (not if the CLI ended or 30 s passed).
    QByteArray startApplyUntil(QProcess &apply, const QString &csv, const QByteArray &line) const
    {
        apply.setReadChannel(QProcess::StandardError);
        apply.start(CliProcess::binaryPath(), profileArguments() + QStringList{QStringLiteral("apply"), csv});
        if (!apply.waitForStarted(10000))
            return "the apply did not start: " + apply.errorString().toUtf8();
        QByteArray progress;
        QDeadlineTimer patience(std::chrono::seconds(30));
        while (!progress.contains(line) && apply.state() == QProcess::Running && !patience.hasExpired()) {
            if (apply.waitForReadyRead(int(qMax<qint64>(1, patience.remainingTime()))))
                progress += apply.readAllStandardError();
        }
        return progress;
    }

    EmulatorTruth truth()
    {
        const auto now = m_emulator.truth();
        if (!now)
            qFatal("the emulator's truth is unreadable: %s", qPrintable(m_emulator.errorString()));
        return *now;
    }

    int setCasMailboxCount()
    {
        return m_emulator.stats()
            .value(QStringLiteral("cmdletCounts"))
            .toObject()
            .value(QStringLiteral("Set-CASMailbox"))
            .toInt();
    }

    QString journalPath() const
    {
        QDirIterator it(m_dataDir.path(), {QStringLiteral("journal.sqlite")}, QDir::Files,
                        QDirIterator::Subdirectories);
        return it.hasNext() ? it.next() : QString();
    }

    QList<HistoryEntry> journalHistory()
    {
        const QString path = journalPath();
        if (path.isEmpty())
            return {}; // killed before the journal was even created
        ChangeJournal journal;
        QString error;
        if (!journal.open(path, &error))
            qFatal("cannot open the CLI's journal: %s", qPrintable(error));
        return journal.history();
    }

    // One row per mailbox, every one a real move away from its current value.
    QString writeCsv(const QString &name, const EmulatorTruth &now, const QString &reason,
                     QMap<QUuid, Override> *targets)
    {
        QByteArray csv = "mailbox,to,reason\n";
        targets->clear();
        for (const EmulatorTruth::Mailbox &m : now.mailboxes) {
            const Override to = rotated(m.smtpAuthOverride);
            targets->insert(m.guid, to);
            csv += m.guid.toString(QUuid::WithoutBraces).toUtf8() + ',' + machineName(to).toUtf8() + ',' +
                   reason.toUtf8() + '\n';
        }
        QFile file(m_dataDir.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(csv) != csv.size())
            qFatal("cannot write %s", qPrintable(file.fileName()));
        return file.fileName();
    }

    // The invariants after any crash and the recovery that follows it:
    //  * every change is final (no intended/sent left, no unknown);
    //  * no target appears twice in one batch, no change id twice;
    //  * replaying the journal per mailbox (applied/noop move it to the after value, nothing else does)
    //    from the initial tenant gives exactly what the emulator holds: no change lost, none applied twice
    //    or applied without a record.
    void verifyJournalAgreesWithTheServer(const QString &when)
    {
        const QList<HistoryEntry> entries = journalHistory();
        const EmulatorTruth now = truth();
        QSet<qint64> ids;
        QHash<qint64, QSet<QUuid>> targetsPerBatch;
        QMap<QUuid, Override> replayed = m_initial;
        for (const HistoryEntry &entry : entries) {
            const ChangeRecord &c = entry.change;
            const QString where =
                QStringLiteral("%1: %2 %3 %4→%5 is %6")
                    .arg(when, changeLabel(c.id), c.targetAddress, c.before, c.after, machineName(c.state));
            QVERIFY2(c.state != ChangeState::Intended && c.state != ChangeState::Sent &&
                         c.state != ChangeState::Unknown,
                     qPrintable(where));
            QVERIFY2(!ids.contains(c.id), qPrintable(where));
            ids.insert(c.id);
            QVERIFY2(!targetsPerBatch[c.batchId].contains(c.targetGuid),
                     qPrintable(where + QStringLiteral(" twice")));
            targetsPerBatch[c.batchId].insert(c.targetGuid);
            QVERIFY2(replayed.contains(c.targetGuid), qPrintable(where));
            if (c.state == ChangeState::Applied || c.state == ChangeState::NoOp) {
                Override after = Override::Inherit;
                QVERIFY(overrideFromName(c.after, &after));
                replayed[c.targetGuid] = after;
            }
        }
        const QMap<QUuid, Override> server = now.overrides();
        int disagreements = 0;
        QString first;
        for (auto it = server.cbegin(); it != server.cend(); ++it) {
            if (replayed.value(it.key()) != it.value()) {
                if (disagreements++ == 0)
                    first = QStringLiteral("mailbox %1: journal says %2, server holds %3")
                                .arg(it.key().toString(), machineName(replayed.value(it.key())),
                                     machineName(it.value()));
            }
        }
        QVERIFY2(disagreements == 0, qPrintable(QStringLiteral("%1: %2 mailbox(es) disagree, first %3")
                                                    .arg(when)
                                                    .arg(disagreements)
                                                    .arg(first)));

        const CliRun verify = CliProcess::run(
            profileArguments() + QStringList{QStringLiteral("journal"), QStringLiteral("verify")});
        if (!journalPath().isEmpty())
            QVERIFY2(verify.exitCode == 0, qPrintable(when + QLatin1Char('\n') + verify.describe()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!E2eHelpers::hasSessionBus())
            QFAIL(E2eHelpers::noSessionBusMessage());
        QVERIFY2(QFileInfo(CliProcess::binaryPath()).isExecutable(),
                 "SMTPAUTH_CLI must name the smtpauth-cli binary");
        QVERIFY(m_dataDir.isValid());
        QVERIFY2(m_emulator.start(), qPrintable(m_emulator.errorString()));
        m_initial = truth().overrides();
        QCOMPARE(m_initial.size(), kMailboxes);

        QString browserProblem;
        const CliRun run = E2eHelpers::signInLikeABrowser(
            profileArguments() + E2eHelpers::signInArguments(m_emulator, QStringLiteral("admin")),
            &browserProblem);
        QVERIFY2(browserProblem.isEmpty(), qPrintable(browserProblem + QLatin1Char('\n') + run.describe()));
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    }

    void killedApplyIsReconciled()
    {
        // Each kill point: the progress line of the apply it waits for, then a delay drawn from the seed.
        // Triggering on the CLI's own progress lines (not on wall-clock time since start) makes the kills
        // land in the phases that matter on a fast or a slow machine alike: right after the write-ahead
        // (intended), early and late in the writes (sent, partly on the server), and during the re-read.
        struct KillPoint
        {
            QByteArray afterLine;
            int minDelayMs;
            int maxDelayMs;
        };
        const QList<KillPoint> killPoints{
            {"Reading the current values", 0, 30},
            {"Writing", 0, 100},
            {"Writing", 100, 300},
            {"Checking what the server now says", 0, 50},
            {"Writing", 0, 300},
            {"Reading the current values", 0, 5}, // usually before the write-ahead commits
            {"Writing", 0, 10},                   // the first $batch writes in flight
            {"Writing", 20, 200},
            {"Checking what the server now says", 0, 10},
            {"Writing", 200, 400}, // late in the writes, if any are left
        };
        static_assert(kKills == 10);
        QRandomGenerator seeded(kSeed);
        int interrupted = 0;
        int reconciledTotal = 0;
        for (int round = 1; round <= kKills; ++round) {
            const KillPoint &point = killPoints.at(round - 1);
            const int killAfterMs = int(seeded.bounded(point.minDelayMs, point.maxDelayMs + 1));
            const EmulatorTruth before = truth();
            const QString csv = writeCsv(QStringLiteral("round%1.csv").arg(round), before,
                                         QStringLiteral("crash round %1").arg(round), &m_lastCsvTargets);
            m_lastCsv = csv;
            QCOMPARE(m_emulator.control(QStringLiteral("reset-stats")).status, 204);

            QProcess apply;
            const QByteArray progress = startApplyUntil(apply, csv, point.afterLine);
            QVERIFY2(progress.contains(point.afterLine),
                     qPrintable(QStringLiteral("round %1: the apply never printed '%2':\n%3")
                                    .arg(round)
                                    .arg(QString::fromUtf8(point.afterLine), QString::fromUtf8(progress))));
            // Waiting IS the test here: the kill lands wherever the apply happens to be after this long.
            const bool finishedOnItsOwn = apply.waitForFinished(killAfterMs);
            if (!finishedOnItsOwn) {
                apply.kill(); // SIGKILL: no handler, no flush, no goodbye
                QVERIFY(apply.waitForFinished(10000));
                ++interrupted;
            }
            const QByteArray applyStderr = progress + apply.readAllStandardError();

            // A change command reconciles before it does anything; as a dry run it sends nothing itself.
            const EmulatorTruth::Mailbox probe = before.mailboxes.constFirst();
            const CliRun followUp = CliProcess::run(
                profileArguments() + QStringList{QStringLiteral("set"), probe.primarySmtpAddress,
                                                 QStringLiteral("--to"), QStringLiteral("inherit"),
                                                 QStringLiteral("--dry-run")});
            QVERIFY2(followUp.exitCode == 0, qPrintable(followUp.describe()));
            // Counted only now: writes the killed process had already handed to the kernel may reach the
            // emulator a moment after the kill. (That recovery itself never writes is proven in
            // test_changeapplyflow.)
            const int sentBeforeRecovery = setCasMailboxCount();
            QVERIFY2(sentBeforeRecovery <= kMailboxes, "a mailbox was written twice");
            const int reconciled = int(followUp.standardError.count("Reconciled interrupted change"));
            reconciledTotal += reconciled;
            qInfo("round %d: kill %d ms after '%s' (%s), %d Set-CASMailbox sent, %d change(s) reconciled",
                  round, killAfterMs, point.afterLine.constData(),
                  finishedOnItsOwn ? "had already finished" : "interrupted", sentBeforeRecovery, reconciled);
            if (finishedOnItsOwn)
                QVERIFY2(apply.exitCode() == 0, applyStderr.constData());

            int appliedThisRound = 0;
            for (const HistoryEntry &entry : journalHistory()) {
                if (entry.change.reason == QStringLiteral("crash round %1").arg(round) &&
                    entry.change.state == ChangeState::Applied)
                    ++appliedThisRound;
            }
            QVERIFY2(appliedThisRound <= sentBeforeRecovery,
                     qPrintable(QStringLiteral("round %1: %2 applied but only %3 written")
                                    .arg(round)
                                    .arg(appliedThisRound)
                                    .arg(sentBeforeRecovery)));
            verifyJournalAgreesWithTheServer(QStringLiteral("after round %1").arg(round));
            if (QTest::currentTestFailed())
                return;
        }
        // The seed must actually hit the apply mid-flight, and the recovery must have had work to do;
        // otherwise this test proves nothing.
        QVERIFY2(interrupted >= 6,
                 qPrintable(QStringLiteral("only %1 kill(s) interrupted the apply").arg(interrupted)));
        QVERIFY2(reconciledTotal > 0, "no kill left an interrupted change behind");
    }

    void applyingTheSameFileAgainAppliesTheRest()
    {
        QVERIFY(!m_lastCsv.isEmpty());
        // Which rows of the last file the server already shows: those must come out noop, the rest applied.
        const QMap<QUuid, Override> before = truth().overrides();
        int alreadyDone = 0;
        for (auto it = m_lastCsvTargets.cbegin(); it != m_lastCsvTargets.cend(); ++it)
            alreadyDone += before.value(it.key()) == it.value() ? 1 : 0;
        QCOMPARE(m_emulator.control(QStringLiteral("reset-stats")).status, 204);

        const CliRun run = CliProcess::run(
            profileArguments() + QStringList{QStringLiteral("apply"), m_lastCsv}, std::chrono::seconds(60));
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        static const QRegularExpression summary(QStringLiteral(
            "Batch (B\\d+): (\\d+) applied, (\\d+) already so, (\\d+) conflict\\(s\\), (\\d+) failed"));
        const QRegularExpressionMatch match = summary.match(QString::fromUtf8(run.standardError));
        QVERIFY2(match.hasMatch(), run.standardError.constData());
        QCOMPARE(match.captured(2).toInt(), kMailboxes - alreadyDone);
        QCOMPARE(match.captured(3).toInt(), alreadyDone);
        QCOMPARE(match.captured(4).toInt(), 0);
        QCOMPARE(match.captured(5).toInt(), 0);
        QCOMPARE(setCasMailboxCount(), kMailboxes - alreadyDone); // only the rest was sent
        QCOMPARE(truth().overrides(), m_lastCsvTargets);
        verifyJournalAgreesWithTheServer(QStringLiteral("after the re-apply"));
    }

    void ctrlCCancelsWhatHasNotLeftAndRecordsTheRest()
    {
        // Slow enough that Ctrl+C lands while most of the 1,000 writes are still waiting to leave.
        QVERIFY(m_emulator
                    .control(QStringLiteral("faults"),
                             QJsonObject{
                                 {QStringLiteral("rates"), QJsonObject{{QStringLiteral("latencyMs"), 40}}}})
                    .status < 300);
        const QString reason = QStringLiteral("interrupted with Ctrl+C");
        QMap<QUuid, Override> targets;
        const QString csv = writeCsv(QStringLiteral("interrupted.csv"), truth(), reason, &targets);
        QCOMPARE(m_emulator.control(QStringLiteral("reset-stats")).status, 204);

        QProcess apply;
        const QByteArray progress = startApplyUntil(apply, csv, "Writing");
        QVERIFY2(progress.contains("Writing"), progress.constData());
        QCOMPARE(::kill(pid_t(apply.processId()), SIGINT), 0);
        QVERIFY(apply.waitForFinished(60000));
        const QByteArray standardError = progress + apply.readAllStandardError();
        m_emulator.control(
            QStringLiteral("faults"),
            QJsonObject{{QStringLiteral("rates"), QJsonObject{{QStringLiteral("latencyMs"), 2}}}});

        // It ended by itself, saying what it did, with "some changes failed" (the cancelled ones).
        QVERIFY2(apply.exitStatus() == QProcess::NormalExit, standardError.constData());
        QVERIFY2(apply.exitCode() == 1, standardError.constData());
        QVERIFY2(standardError.contains("Interrupted: the changes not sent yet are recorded as cancelled"),
                 standardError.constData());
        // Every change is final without any recovery: applied (it had left) or cancelled (it had not);
        // exactly the applied ones were written, and the summary counts the same.
        int applied = 0;
        int cancelled = 0;
        for (const HistoryEntry &entry : journalHistory()) {
            const ChangeRecord &change = entry.change;
            if (change.reason != reason)
                continue;
            if (change.state == ChangeState::Applied)
                ++applied;
            else if (change.state == ChangeState::Failed &&
                     change.serverMessage.startsWith(QStringLiteral("Cancelled before sending")))
                ++cancelled;
            else
                QFAIL(qPrintable(
                    QStringLiteral("%1 is %2: %3")
                        .arg(changeLabel(change.id), machineName(change.state), change.serverMessage)));
        }
        qInfo("Ctrl+C after the first writes: %d applied, %d cancelled", applied, cancelled);
        QCOMPARE(applied + cancelled, kMailboxes);
        QVERIFY2(applied > 0 && cancelled > applied,
                 qPrintable(QStringLiteral("%1 applied, %2 cancelled").arg(applied).arg(cancelled)));
        QCOMPARE(setCasMailboxCount(), applied);
        QVERIFY2(standardError.contains(QStringLiteral(": %1 applied, 0 already so, 0 conflict(s), %2 failed")
                                            .arg(applied)
                                            .arg(cancelled)
                                            .toUtf8()),
                 standardError.constData());
        verifyJournalAgreesWithTheServer(QStringLiteral("after Ctrl+C"));
    }

    void killDuringJournalWrites()
    {
        const QString hammer = qEnvironmentVariable("SMTPAUTH_JOURNAL_HAMMER");
        QVERIFY2(QFileInfo(hammer).isExecutable(),
                 "SMTPAUTH_JOURNAL_HAMMER must name the smtpauth-journal-hammer binary");
        // Where the CLI looks for the journal of this profile, so that `journal verify` reads this file.
        const QString profile = E2eHelpers::uniqueProfileName(QStringLiteral("e2e-hammer"));
        const QString directory = m_dataDir.filePath(QStringLiteral("profiles/") + profile);
        QVERIFY(QDir().mkpath(directory));
        const QString path = directory + QStringLiteral("/journal.sqlite");

        // What the hammer reported committed, over all rounds: batch ids, and per change the furthest
        // state whose commit it reported (intended < sent < applied).
        QSet<qint64> batches;
        QHash<qint64, ChangeState> changes;
        const auto reportedState = [&changes](qint64 first, qint64 last, ChangeState state) {
            for (qint64 id = first; id <= last; ++id)
                changes[id] = state;
        };
        QRandomGenerator seeded(kSeed + 1);
        int tornRows = 0;
        for (int round = 1; round <= kJournalKills; ++round) {
            // Each committed write prints one line; the kill comes after a seeded number of them, plus
            // a seeded pause, so it lands inside a later write (the hammer never idles).
            const int linesBeforeKill = int(seeded.bounded(2, 80));
            const int pauseMs = int(seeded.bounded(0, 8));
            QProcess process;
            process.setReadChannel(QProcess::StandardOutput);
            process.start(hammer, {path, QString::number(kChangesPerHammerBatch)});
            QVERIFY2(process.waitForStarted(10000), qPrintable(process.errorString()));
            QByteArray output;
            QDeadlineTimer patience(std::chrono::seconds(30));
            while (output.count('\n') < linesBeforeKill && process.state() == QProcess::Running &&
                   !patience.hasExpired()) {
                if (process.waitForReadyRead(int(qMax<qint64>(1, patience.remainingTime()))))
                    output += process.readAllStandardOutput();
            }
            QVERIFY2(output.count('\n') >= linesBeforeKill,
                     qPrintable(QStringLiteral("round %1: the hammer stopped early:\n%2")
                                    .arg(round)
                                    .arg(QString::fromUtf8(process.readAllStandardError()))));
            if (pauseMs > 0)
                QVERIFY(!process.waitForFinished(pauseMs)); // it must still be writing when killed
            process.kill();                                 // SIGKILL, mid-transaction or mid-fsync
            QVERIFY(process.waitForFinished(10000));
            output += process.readAllStandardOutput();

            // Only complete lines are evidence; a half-printed one is simply not counted.
            const QList<QByteArray> lines = output.left(output.lastIndexOf('\n') + 1).split('\n');
            for (const QByteArray &line : lines) {
                const QList<QByteArray> f = line.split(' ');
                if (f.value(0) == "B" && f.size() == 2)
                    batches.insert(f.at(1).toLongLong());
                else if (f.value(0) == "I" && f.size() == 4)
                    reportedState(f.at(2).toLongLong(), f.at(3).toLongLong(), ChangeState::Intended);
                else if (f.value(0) == "S" && f.size() == 3)
                    reportedState(f.at(1).toLongLong(), f.at(2).toLongLong(), ChangeState::Sent);
                else if (f.value(0) == "A" && f.size() == 3)
                    reportedState(f.at(1).toLongLong(), f.at(2).toLongLong(), ChangeState::Applied);
            }

            // The file opens (SQLite rolls the interrupted transaction back) and verifies, or names the row.
            ChangeJournal journal;
            QString error;
            QVERIFY2(journal.open(path, &error),
                     qPrintable(QStringLiteral("round %1: %2").arg(round).arg(error)));
            const VerifyResult verified = journal.verify();
            const CliRun verify =
                CliProcess::run({QStringLiteral("--data-dir"), m_dataDir.path(), QStringLiteral("--profile"),
                                 profile, QStringLiteral("journal"), QStringLiteral("verify")});
            if (verified.ok) {
                QVERIFY2(verify.exitCode == 0 && verify.standardError.contains("Journal intact"),
                         qPrintable(verify.describe()));
            } else {
                // Allowed only if the torn row is named (docs/testing.md, "Crash tests"); the committed rows
                // must survive anyway.
                ++tornRows;
                QVERIFY2(verified.firstBadSequence > 0, qPrintable(verified.firstProblem));
                QVERIFY2(verify.exitCode != 0 && verify.standardError.contains("Journal damaged"),
                         qPrintable(verify.describe()));
            }

            // No committed row lost: every reported batch, change and event is still there.
            for (const qint64 id : std::as_const(batches))
                QVERIFY2(journal.batch(id).has_value(),
                         qPrintable(QStringLiteral("round %1: batch B%2 lost").arg(round).arg(id)));
            for (auto it = changes.cbegin(); it != changes.cend(); ++it) {
                const auto change = journal.change(it.key());
                QVERIFY2(change,
                         qPrintable(QStringLiteral("round %1: change C%2 lost").arg(round).arg(it.key())));
                const auto rank = [](ChangeState s) {
                    return s == ChangeState::Applied ? 2 : s == ChangeState::Sent ? 1 : 0;
                };
                QVERIFY2(rank(change->state) >= rank(it.value()),
                         qPrintable(QStringLiteral("round %1: C%2 is %3 but %4 was committed")
                                        .arg(round)
                                        .arg(it.key())
                                        .arg(machineName(change->state), machineName(it.value()))));
            }
            qInfo("journal round %d: killed after %d line(s) + %d ms; %d batches, %d changes reported "
                  "committed; verify %s",
                  round, linesBeforeKill, pauseMs, int(batches.size()), int(changes.size()),
                  verified.ok ? "intact" : qPrintable(verified.firstProblem));
        }
        QVERIFY2(batches.size() >= kJournalKills,
                 "the hammer committed too little for the kills to mean anything");
        qInfo("%d of %d kills left a torn row that verify named", tornRows, kJournalKills);
    }
};

QTEST_GUILESS_MAIN(TestCliCrashE2e)
#include "test_cli_crash_e2e.moc"
