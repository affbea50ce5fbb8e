// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

// The fault matrix of docs/testing.md, shared by test_faultmatrix_load / _apply / _undo: one row per fault
// the emulator can produce, and the checks every flow must pass under it. Header-only on purpose: it uses the
// engine (ChangeApplier, JournalReconciler), which the support library does not link.

#include "emulatorprocess.h"
#include "engine/changeapplier.h"
#include "engine/journalreconciler.h"
#include "engine/undoplanner.h"
#include "models/changejournal.h"
#include "signedinclient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <functional>
#include <optional>

namespace smtpauth::test {

struct FaultCase
{
    QJsonArray script; // POST /_emulator/faults script, from the start of the flow
    QJsonObject rates; // POST /_emulator/faults rates, from the start of the flow
    QString trigger;   // pulled once, mid-flow: see pullTrigger()
    // A control action armed with the fault, before the flow starts: for faults that must hit an exact
    // point however far ahead the client reads (expire-nextlinks {"afterPages": N} counts served pages).
    QString armAction;
    QJsonObject armBody;
    int requestTimeoutMs = 30000;
    int maxRetries = 5;
    QString cause;            // regex (case-insensitive) a failure message must match: it names the cause
    bool mustSucceed = false; // the client is expected to ride this fault out completely
    bool mustFail = false;    // the fault outlasts the retry budget: the failure path must be taken
    // Writes the server may execute twice because their answer was lost and the client retried them
    // (Set-CASMailbox to the same value is idempotent, exchange-protocol.md); any more is a duplicate.
    int extraWritesAllowed = 0;
};

// Faults are placed after `passThrough` untouched requests so that they hit the middle of a flow.
inline QJsonArray faultScript(int passThrough, const QJsonArray &faults)
{
    QJsonArray script;
    for (int i = 0; i < passThrough; ++i)
        script.append(QJsonObject{{QStringLiteral("status"), 200}});
    for (const QJsonValue &fault : faults)
        script.append(fault);
    return script;
}

inline QJsonObject statusFault(int status, int retryAfter = -1)
{
    QJsonObject fault{{QStringLiteral("status"), status}};
    if (retryAfter >= 0)
        fault.insert(QStringLiteral("retryAfter"), retryAfter);
    return fault;
}

// A 200 (or `status`) whose body the emulator spoils: "malformed-json", "html", "empty", "nul", "huge".
inline QJsonObject bodyFault(const QString &body, int status = 200)
{
    return QJsonObject{{QStringLiteral("status"), status}, {QStringLiteral("body"), body}};
}

inline QJsonArray repeated(const QJsonObject &fault, int times)
{
    QJsonArray faults;
    for (int i = 0; i < times; ++i)
        faults.append(fault);
    return faults;
}

// The rows every flow runs. `withPagination`: the expired-nextLink row only means something for a load.
inline void addFaultRows(int passThrough, bool withPagination)
{
    QTest::addColumn<FaultCase>("fault");
    const QString throttled = QStringLiteral("throttl");
    const QString unavailable = QStringLiteral("unavailable|fault injected");
    const QString transport = QStringLiteral("reach|network|connection|closed|unexpected answer|incomplete");
    // A body cut mid-way must say so (not "could not reach"): "cut off after N of M bytes".
    const QString cutOff = QStringLiteral("cut off after \\d+ of \\d+ bytes");
    {
        FaultCase c;
        c.script = faultScript(passThrough, repeated(statusFault(429, 1), 4));
        c.cause = throttled;
        c.mustSucceed = true; // 4 throttles spread over requests that each may retry 5 times
        QTest::newRow("429 storm with Retry-After") << c;
    }
    {
        FaultCase c;
        // A request waiting out its backoff does not hold back the others, so a burst spreads over every
        // queued request (~20 $batch writes): 150 in a row (> 20 x 6 attempts) exhaust at least one budget.
        c.script = faultScript(passThrough, repeated(statusFault(429), 150));
        c.cause = throttled;
        c.mustFail = true;
        QTest::newRow("429s without Retry-After, beyond the retry budget") << c;
    }
    {
        FaultCase c;
        c.rates = QJsonObject{{QStringLiteral("concurrencyLimit"), 1}, {QStringLiteral("latencyMs"), 15}};
        c.maxRetries = 12;
        c.cause = throttled;
        QTest::newRow("plain-text concurrency-limit 429") << c;
    }
    {
        FaultCase c;
        c.script = faultScript(passThrough, QJsonArray{statusFault(503), statusFault(504), statusFault(503)});
        c.cause = unavailable;
        c.mustSucceed = true;
        QTest::newRow("503/504 burst within the retry budget") << c;
    }
    {
        FaultCase c;
        QJsonArray burst;
        for (int i = 0; i < 150; ++i)
            burst.append(statusFault(i % 2 ? 504 : 503));
        c.script = faultScript(passThrough, burst);
        c.cause = unavailable;
        c.mustFail = true;
        QTest::newRow("503/504 burst beyond the retry budget") << c;
    }
    {
        FaultCase c;
        c.script = faultScript(passThrough, repeated(QJsonObject{{QStringLiteral("drop"), true}}, 3));
        c.cause = transport;
        QTest::newRow("connection dropped without an answer") << c;
    }
    {
        FaultCase c;
        c.script = faultScript(passThrough, repeated(QJsonObject{{QStringLiteral("truncateBody"), true}}, 3));
        c.cause = cutOff;
        c.extraWritesAllowed = 3 * 10; // the server executed each cut $batch (<= 10 writes) before cutting
        QTest::newRow("connection dropped mid-body (truncated JSON)") << c;
    }
    {
        FaultCase c;
        c.script =
            faultScript(passThrough, repeated(QJsonObject{{QStringLiteral("truncateBody"), true}}, 30));
        c.cause = cutOff;
        c.extraWritesAllowed = 30 * 10;
        QTest::newRow("truncated JSON bodies beyond the retry budget") << c;
    }
    {
        FaultCase c;
        c.trigger = QStringLiteral("slow");
        c.requestTimeoutMs = 300;
        c.maxRetries = 1;
        c.cause = QStringLiteral("in time|timed? ?out");
        c.extraWritesAllowed = 200 * c.maxRetries; // the emulator executes first and answers late
        QTest::newRow("answers slower than the request timeout, from mid-flow") << c;
    }
    {
        FaultCase c;
        c.trigger = QStringLiteral("expire-access-tokens");
        c.cause = QStringLiteral("sign");
        c.mustSucceed = true; // the refresh token is still good: a silent refresh must carry on
        QTest::newRow("access token expires mid-flow") << c;
    }
    {
        FaultCase c;
        c.trigger = QStringLiteral("revoke");
        c.cause = QStringLiteral("sign in again|sign-in");
        QTest::newRow("refresh token revoked mid-flow") << c;
    }
    {
        FaultCase c;
        c.script = faultScript(passThrough, QJsonArray{statusFault(403)});
        c.cause = QStringLiteral("permission denied");
        QTest::newRow("403 mid-flow (JSON body)") << c;
    }
    // §5: "the body may be empty or NUL bytes": the message must still say what happened.
    {
        FaultCase c;
        c.script = faultScript(passThrough, QJsonArray{bodyFault(QStringLiteral("empty"), 403)});
        c.cause = QStringLiteral("permission denied.*no reason \\(empty body\\)");
        QTest::newRow("403 mid-flow with an empty body") << c;
    }
    {
        FaultCase c;
        c.script = faultScript(passThrough, QJsonArray{bodyFault(QStringLiteral("nul"), 403)});
        c.cause = QStringLiteral("permission denied.*no reason \\(a body of \\d+ NUL bytes\\)");
        QTest::newRow("403 mid-flow with a body of NUL bytes") << c;
    }
    // A complete 200 that is not JSON is not retried (§5 retries 401/429/503/504 only) and never taken
    // for "applied": the server ran the command (its stream broke off), so writes are read back.
    {
        FaultCase c;
        c.script = faultScript(passThrough, QJsonArray{bodyFault(QStringLiteral("malformed-json"))});
        c.cause = QStringLiteral("not valid JSON \\(status 200\\)");
        QTest::newRow("complete 200 with malformed JSON") << c;
    }
    {
        FaultCase c;
        // Something in front of the service answered: the command never ran.
        c.script = faultScript(passThrough, QJsonArray{bodyFault(QStringLiteral("html"))});
        c.cause = QStringLiteral("HTML page.* instead of JSON \\(status 200\\)");
        QTest::newRow("HTML error page with status 200") << c;
    }
    {
        FaultCase c;
        // 40 MiB of valid JSON: refused on its Content-Length, above the client's 32 MiB cap.
        c.script = faultScript(passThrough, QJsonArray{bodyFault(QStringLiteral("huge"))});
        c.cause = QStringLiteral("too large: \\d+ bytes announced, above the limit");
        QTest::newRow("huge body (40 MiB) above the client's cap") << c;
    }
    {
        FaultCase c;
        // One answer held back well past the client's timeout; the rest are fast. The timeout is
        // generous so that a busy machine does not time out healthy requests too.
        c.script = faultScript(passThrough, QJsonArray{QJsonObject{{QStringLiteral("delayMs"), 5000}}});
        c.requestTimeoutMs = 2000;
        c.cause = QStringLiteral("in time|timed? ?out");
        c.mustSucceed = true;      // retried, and the retry is answered at once
        c.extraWritesAllowed = 10; // the held-back $batch ran, and its retry ran again (idempotent)
        QTest::newRow("one answer slower than the request timeout") << c;
    }
    if (withPagination) {
        FaultCase c;
        c.trigger = QStringLiteral("expire-nextlinks");
        c.cause = QStringLiteral("expired");
        c.mustSucceed = true; // the loader starts the enumeration over
        QTest::newRow("nextLink expires mid-load") << c;
    }
    if (withPagination) {
        FaultCase c;
        // Counted in served pages, so it lands on the third page even if the loader reads ahead.
        c.armAction = QStringLiteral("expire-nextlinks");
        c.armBody = QJsonObject{{QStringLiteral("afterPages"), 2}};
        c.cause = QStringLiteral("expired");
        c.mustSucceed = true;
        QTest::newRow("nextLink expires after the second page") << c;
    }
}

inline QStringList emulatorArguments()
{
    return {QStringLiteral("--mailboxes"),      QStringLiteral("300"),
            QStringLiteral("--page-size"),      QStringLiteral("50"),
            QStringLiteral("--seed"),           QStringLiteral("7"),
            QStringLiteral("--override-share"), QStringLiteral("0.3")};
}

inline ClientOptions clientOptionsFor(const FaultCase &fault)
{
    ClientOptions options = SignedInClient::fastClientOptions();
    options.requestTimeout = std::chrono::milliseconds(fault.requestTimeoutMs);
    options.maxRetries = fault.maxRetries;
    return options;
}

inline bool setRates(EmulatorProcess &emulator, const QJsonObject &rates)
{
    return emulator.control(QStringLiteral("faults"), QJsonObject{{QStringLiteral("rates"), rates}}).status ==
           204;
}

// Arms the fault's script and rates (after the sign-in, which must not eat them).
inline bool armFault(EmulatorProcess &emulator, const FaultCase &fault)
{
    if (emulator.control(QStringLiteral("reset-stats")).status != 204)
        return false;
    if (!fault.rates.isEmpty() && !setRates(emulator, fault.rates))
        return false;
    if (!fault.armAction.isEmpty() && emulator.control(fault.armAction, fault.armBody).status != 204)
        return false;
    return fault.script.isEmpty() || emulator.scriptFaults(fault.script);
}

// Back to a healthy server, so that truth and recovery read what is really there.
inline bool disarmFault(EmulatorProcess &emulator)
{
    return emulator.scriptFaults(QJsonArray{}) &&
           setRates(emulator, QJsonObject{{QStringLiteral("latencyMs"), 0},
                                          {QStringLiteral("concurrencyLimit"), 0},
                                          {QStringLiteral("rate429"), 0.0},
                                          {QStringLiteral("rate503"), 0.0},
                                          {QStringLiteral("dropRate"), 0.0}});
}

// The control call waits in a local event loop, so requests the flow already queued go out meanwhile:
// the trigger lands between requests of a running flow, which is the point.
inline bool pullTrigger(EmulatorProcess &emulator, const QString &trigger)
{
    if (trigger.isEmpty())
        return true;
    if (trigger == QLatin1String("revoke"))
        return emulator.control(QStringLiteral("revoke-refresh-tokens")).status == 204 &&
               emulator.control(QStringLiteral("expire-access-tokens")).status == 204;
    if (trigger == QLatin1String("slow"))
        return setRates(emulator, QJsonObject{{QStringLiteral("latencyMs"), 1500}});
    return emulator.control(trigger).status == 204;
}

inline bool namesCause(const QString &message, const QString &cause)
{
    return !message.trimmed().isEmpty() &&
           QRegularExpression(cause, QRegularExpression::CaseInsensitiveOption).match(message).hasMatch();
}

inline QString serverValueOf(const EmulatorTruth &truth, const ChangeRecord &change)
{
    if (change.targetKind == ChangeTargetKind::Org)
        return machineName(truth.org);
    const auto mailbox = truth.mailbox(change.targetGuid);
    return mailbox ? machineName(mailbox->smtpAuthOverride) : QStringLiteral("(no such mailbox)");
}

// Criterion (2): the journal agrees with a fresh read of the server. `unknownAllowed`: before recovery,
// a change whose write and re-read both went unanswered may honestly be `unknown`.
inline QStringList journalDisagreements(const ChangeJournal &journal, qint64 batchId,
                                        const EmulatorTruth &truth, bool unknownAllowed, const QString &cause)
{
    QStringList problems;
    const QList<ChangeRecord> changes = journal.changesOfBatch(batchId);
    if (changes.isEmpty())
        problems.append(QStringLiteral("the batch has no changes in the journal"));
    for (const ChangeRecord &change : changes) {
        const QString server = serverValueOf(truth, change);
        const QString where =
            QStringLiteral("%1 %2: journal %3 %4->%5 (\"%6\"), server %7")
                .arg(changeLabel(change.id), change.targetAddress, machineName(change.state), change.before,
                     change.after, change.serverMessage, server);
        switch (change.state) {
        case ChangeState::Applied:
        case ChangeState::NoOp:
            if (server != change.after)
                problems.append(QStringLiteral("recorded done but the server does not show it: ") + where);
            break;
        case ChangeState::Failed:
        case ChangeState::Conflict:
            if (server == change.after)
                problems.append(QStringLiteral("recorded not done but the server shows it: ") + where);
            if (change.state == ChangeState::Failed && !namesCause(change.serverMessage, cause) &&
                !namesCause(
                    change.serverMessage,
                    QStringLiteral("outcome is unknown|not sent|server now shows|interrupted before")))
                problems.append(QStringLiteral("the failure does not name its cause: ") + where);
            break;
        case ChangeState::Unknown:
            if (!unknownAllowed)
                problems.append(QStringLiteral("left unknown after recovery: ") + where);
            else if (!namesCause(change.serverMessage, cause))
                problems.append(QStringLiteral("the unknown outcome does not name its cause: ") + where);
            break;
        case ChangeState::Intended:
        case ChangeState::Sent:
            problems.append(QStringLiteral("left unsettled: ") + where);
            break;
        }
    }
    return problems;
}

// Criterion (3): every change recorded applied was written, and none was written twice (unless the
// fault lets the server execute a request whose answer was lost and the client retried it).
inline QStringList writeCountProblems(const ChangeJournal &journal, qint64 batchId, int writes,
                                      int extraWritesAllowed)
{
    int applied = 0;
    int sent = 0;
    const QList<ChangeRecord> changes = journal.changesOfBatch(batchId);
    for (const ChangeRecord &change : changes) {
        if (change.state == ChangeState::Applied)
            ++applied;
        const QList<ChangeEvent> events = journal.eventsOf(change.id);
        if (std::any_of(events.cbegin(), events.cend(),
                        [](const ChangeEvent &e) { return e.state == ChangeState::Sent; }))
            ++sent;
    }
    QStringList problems;
    if (writes < applied)
        problems.append(QStringLiteral("%1 changes recorded applied but the server saw only %2 writes")
                            .arg(applied)
                            .arg(writes));
    const int limit = sent + extraWritesAllowed;
    if (writes > limit)
        problems.append(QStringLiteral("%1 writes reached the server for %2 changes sent (duplicates)")
                            .arg(writes)
                            .arg(sent));
    return problems;
}

inline StagedChange stagedRotation(const EmulatorTruth::Mailbox &mailbox)
{
    StagedChange change;
    change.targetGuid = mailbox.guid;
    change.targetAddress = mailbox.primarySmtpAddress;
    change.targetDisplayName = mailbox.displayName;
    change.expectedBefore = changeValueOf(mailbox.smtpAuthOverride);
    change.after = changeValueOf(rotated(mailbox.smtpAuthOverride));
    return change;
}

// Runs one ChangeApplier to its end; `onStage` sees every stage description.
inline std::optional<ChangeApplier::Report>
runApplier(InvokeCommandClient *client, ChangeJournal *journal, const ChangeApplier::Request &request,
           const std::function<void(const QString &)> &onStage = {})
{
    ChangeApplier applier(client, journal);
    std::optional<ChangeApplier::Report> report;
    int finishedCount = 0;
    QObject::connect(&applier, &ChangeApplier::stageChanged, &applier, [&](const QString &stage) {
        if (onStage)
            onStage(stage);
    });
    QObject::connect(&applier, &ChangeApplier::finished, &applier, [&](const ChangeApplier::Report &r) {
        report = r;
        ++finishedCount;
    });
    applier.start(request);
    QElapsedTimer clock;
    clock.start();
    while (finishedCount == 0 && clock.elapsed() < 50000)
        QTest::qWait(20); // an event-loop spin until the signal, not a fixed sleep
    if (finishedCount != 1)
        return std::nullopt;
    return report;
}

// Settles what the faulted flow left `unknown`, through a fresh sign-in (what a person would do).
inline QString reconcile(EmulatorProcess &emulator, ChangeJournal *journal)
{
    SignedInClient fresh(emulator, emulator.userPrincipalName(QStringLiteral("admin")));
    if (!fresh.signIn())
        return QStringLiteral("fresh sign-in failed: ") + fresh.errorString();
    JournalReconciler reconciler(fresh.client(), journal);
    bool done = false;
    QObject::connect(&reconciler, &JournalReconciler::finished, &reconciler, [&] { done = true; });
    reconciler.start();
    QElapsedTimer clock;
    clock.start();
    while (!done && clock.elapsed() < 30000)
        QTest::qWait(20);
    if (!done)
        return QStringLiteral("the reconciler did not finish");
    return reconciler.error();
}

// The apply flow (undo = false) or the undo flow (undo = true: a clean apply first, then its undo under
// the fault) of a 200-change batch into a temporary journal, checked against criteria (1) to (3).
inline void runBatchUnderFault(const FaultCase &fault, bool undo)
{
    constexpr int kChanges = 200;
    EmulatorProcess emulator(emulatorArguments());
    QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
    SignedInClient admin(emulator, emulator.userPrincipalName(QStringLiteral("admin")),
                         clientOptionsFor(fault));
    QVERIFY2(admin.signIn(), qPrintable(admin.errorString()));
    QTemporaryDir dataDir;
    QVERIFY(dataDir.isValid());
    ChangeJournal journal;
    QString error;
    QVERIFY2(journal.open(dataDir.filePath(QStringLiteral("journal.sqlite")), &error), qPrintable(error));

    const auto before = emulator.truth();
    QVERIFY2(before, qPrintable(emulator.errorString()));
    QVERIFY(before->mailboxes.size() >= kChanges);
    BatchRecord batch;
    batch.kind = BatchKind::Apply;
    batch.operatorUpn = admin.userPrincipalName();
    batch.tenantId = admin.tenantId();
    batch.reason = QStringLiteral("fault matrix");
    ChangeApplier::Request request{batch, {}, false};
    for (int i = 0; i < kChanges; ++i)
        request.changes.append(stagedRotation(before->mailboxes.at(i)));

    if (undo) {
        const auto clean = runApplier(admin.client(), &journal, request);
        QVERIFY2(clean, "the clean apply before the undo did not finish once");
        QCOMPARE(clean->count(ChangeState::Applied), kChanges);
        const UndoPlanner::Plan plan = UndoPlanner::plan(journal, batchLabel(clean->batchId));
        QVERIFY2(plan.ok, qPrintable(plan.error));
        QCOMPARE(plan.changes.size(), kChanges);
        request.batch.kind = BatchKind::Undo;
        request.batch.reason = QStringLiteral("undo under a fault");
        request.batch.undoOfBatch = plan.undoOfBatch;
        request.batch.undoOfChange = plan.undoOfChange;
        request.changes = plan.changes;
    }

    QVERIFY(armFault(emulator, fault));
    // The trigger is pulled when the fifth answer of the write phase arrives: some writes are done,
    // others in flight or queued, which is where an expiring token or a stalling server hurts most.
    constexpr int kWriteAnswersBeforeTrigger = 5;
    bool writing = false;
    int writeAnswers = 0;
    bool triggerOk = true;
    bool triggerPulled = false;
    const QMetaObject::Connection watch =
        QObject::connect(admin.network(), &QNetworkAccessManager::finished, admin.network(), [&] {
            if (writing && !triggerPulled && ++writeAnswers == kWriteAnswersBeforeTrigger) {
                triggerPulled = true;
                triggerOk = pullTrigger(emulator, fault.trigger);
            }
        });
    const auto report = runApplier(admin.client(), &journal, request, [&](const QString &stage) {
        writing = stage.startsWith(QLatin1String("Writing"));
    });
    QObject::disconnect(watch);
    QVERIFY(triggerOk);
    QVERIFY2(fault.trigger.isEmpty() || triggerPulled,
             "the write phase ended before the trigger could be pulled");
    QVERIFY2(report, "the apply under the fault did not finish exactly once");
    QVERIFY(disarmFault(emulator));
    const QJsonObject stats = emulator.stats();
    const int writes = stats.value(QStringLiteral("cmdletCounts"))
                           .toObject()
                           .value(QStringLiteral("Set-CASMailbox"))
                           .toInt();

    // (1) success, or a clear error naming the cause.
    QVERIFY2(report->error.isEmpty() || namesCause(report->error, fault.cause), qPrintable(report->error));
    const int applied = report->count(ChangeState::Applied);
    if (fault.mustSucceed)
        QVERIFY2(applied == kChanges, qPrintable(QStringLiteral("only %1 of %2 applied; first failure: %3")
                                                     .arg(applied)
                                                     .arg(kChanges)
                                                     .arg([&] {
                                                         for (const ChangeRecord &c : report->changes)
                                                             if (c.state != ChangeState::Applied)
                                                                 return c.serverMessage;
                                                         return QString();
                                                     }())));
    QCOMPARE(report->changes.size(), kChanges);
    qInfo("%s: %d applied, %d failed, %d unknown, %d writes", undo ? "undo" : "apply", applied,
          int(report->count(ChangeState::Failed)), int(report->count(ChangeState::Unknown)), writes);

    // (2) the journal agrees with the server, before recovery (unknown allowed) and after it (not).
    auto now = emulator.truth();
    QVERIFY2(now, qPrintable(emulator.errorString()));
    QStringList problems = journalDisagreements(journal, report->batchId, *now, true, fault.cause);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    // (3) nothing lost or duplicated.
    problems = writeCountProblems(journal, report->batchId, writes, fault.extraWritesAllowed);
    if (fault.mustFail)
        QVERIFY2(applied < kChanges,
                 "the fault was meant to outlast the retry budget but everything applied");
    if (fault.rates.contains(QStringLiteral("concurrencyLimit")))
        QVERIFY2(stats.value(QStringLiteral("throttledByConcurrency")).toInt() > 0,
                 "the concurrency limit was never hit, so this row proved nothing");
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));

    const QString recoveryError = reconcile(emulator, &journal);
    QVERIFY2(recoveryError.isEmpty(), qPrintable(recoveryError));
    now = emulator.truth();
    QVERIFY2(now, qPrintable(emulator.errorString()));
    problems = journalDisagreements(journal, report->batchId, *now, false, fault.cause);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    // Only this batch's targets moved: nothing outside it was written.
    for (int i = kChanges; i < before->mailboxes.size(); ++i)
        QCOMPARE(now->mailboxes.at(i).smtpAuthOverride, before->mailboxes.at(i).smtpAuthOverride);
}

} // namespace smtpauth::test

Q_DECLARE_METATYPE(smtpauth::test::FaultCase)
