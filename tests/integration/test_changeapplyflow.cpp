// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// The apply/journal/undo engine (ChangeApplier, UndoPlanner, JournalReconciler) against a real
// smtpauth-emulator process and a real SQLite journal: whatever the engine records must be what the
// emulator really holds (its control endpoint is the yardstick), and nothing may be sent that the
// journal did not record first.
#include "emulatorprocess.h"
#include "engine/changeapplier.h"
#include "engine/journalreconciler.h"
#include "engine/undoplanner.h"
#include "exchange/invokecommandclient.h"
#include "models/changejournal.h"
#include "signedinclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <limits>
#include <memory>
#include <tuple>

using namespace smtpauth;
using namespace smtpauth::test;

namespace {

Override overrideNamed(const QString &name)
{
    Override value = Override::Inherit;
    if (!overrideFromName(name, &value))
        qFatal("not an override machine word: %s", qPrintable(name));
    return value;
}

StagedChange stagedFor(const EmulatorTruth::Mailbox &mailbox, Override after)
{
    StagedChange change;
    change.targetGuid = mailbox.guid;
    change.targetAddress = mailbox.primarySmtpAddress;
    change.targetDisplayName = mailbox.displayName;
    change.expectedBefore = changeValueOf(mailbox.smtpAuthOverride);
    change.after = changeValueOf(after);
    return change;
}

StagedChange stagedForUnknownMailbox(const QUuid &guid)
{
    StagedChange change;
    change.targetGuid = guid;
    change.targetAddress = QStringLiteral("ghost@contoso.onmicrosoft.com");
    change.expectedBefore = changeValueOf(Override::Inherit);
    change.after = changeValueOf(Override::Enabled);
    return change;
}

// How the long-apply tests begin: an emulator (its arguments given), the admin signed in, a change of
// each of the first `count` mailboxes to its next override, and an empty journal; the emulator's
// statistics start after that. QVERIFY fails the test from here; the caller returns unless ready().
struct LongApply
{
    LongApply(const QStringList &emulatorArguments, int count,
              const ClientOptions &options = SignedInClient::fastClientOptions())
        : emulator(emulatorArguments)
    {
        start(count, options);
    }

    // False when the set-up failed (the test has been failed already): the caller returns.
    bool ready() const { return !QTest::currentTestFailed(); }
    // What the test works with: auto [emulator, admin, changes, journal] = setup.parts();
    std::tuple<EmulatorProcess &, SignedInClient &, QList<StagedChange> &, ChangeJournal &> parts()
    {
        return {emulator, *admin, changes, journal};
    }

    EmulatorProcess emulator;
    std::unique_ptr<SignedInClient> admin;
    QList<StagedChange> changes;
    QTemporaryDir journalDir;
    ChangeJournal journal; // empty, in journalDir

private:
    void start(int count, const ClientOptions &options)
    {
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        admin = std::make_unique<SignedInClient>(
            emulator, emulator.userPrincipalName(QStringLiteral("admin")), options);
        QVERIFY2(admin->signIn(), qPrintable(admin->errorString()));
        const auto before = emulator.truth();
        QVERIFY2(before, qPrintable(emulator.errorString()));
        for (int i = 0; i < count; ++i)
            changes.append(
                stagedFor(before->mailboxes.at(i), rotated(before->mailboxes.at(i).smtpAuthOverride)));
        QCOMPARE(emulator.control(QStringLiteral("reset-stats")).status, 204);
        QString error;
        QVERIFY2(journal.open(journalDir.filePath(QStringLiteral("journal.sqlite")), &error),
                 qPrintable(error));
    }
};

// The tenant of the pipelining tests: a few mailboxes more than changed, pages of 50, 3 ms latency.
QStringList pipelinedTenant(int changes)
{
    return {QStringLiteral("--mailboxes"),  QString::number(changes + 20),
            QStringLiteral("--page-size"),  QStringLiteral("50"),
            QStringLiteral("--seed"),       QStringLiteral("5"),
            QStringLiteral("--latency-ms"), QStringLiteral("3")};
}

// Faults for a 300-change apply on that tenant: ~7 pages and 30 writes go out before the read-back, so
// the first 28 requests are answered normally and `last` goes to the last writes.
QJsonArray faultsOnTheLastWrites(const QJsonArray &last)
{
    QJsonArray script;
    for (int i = 0; i < 28; ++i)
        script.append(QJsonObject{{QStringLiteral("status"), 200}});
    for (const QJsonValue &step : last)
        script.append(step);
    return script;
}

QList<ChangeState> statesOf(const QList<ChangeEvent> &events)
{
    QList<ChangeState> states;
    for (const ChangeEvent &event : events)
        states.append(event.state);
    return states;
}

} // namespace

class TestChangeApplyFlow : public QObject
{
    Q_OBJECT
private:
    EmulatorProcess m_emulator{{QStringLiteral("--mailboxes"), QStringLiteral("60"),
                                QStringLiteral("--override-share"), QStringLiteral("0.5"),
                                QStringLiteral("--seed"), QStringLiteral("11")}};
    std::unique_ptr<SignedInClient> m_admin;
    std::unique_ptr<SignedInClient> m_recipients;
    QTemporaryDir m_dataDir;
    ChangeJournal m_journal;
    int m_nextMailbox = 0; // every test function takes fresh mailboxes, so they do not influence each other

    EmulatorTruth truth()
    {
        const auto now = m_emulator.truth();
        if (!now)
            qFatal("the emulator's truth is unreadable: %s", qPrintable(m_emulator.errorString()));
        return *now;
    }

    QList<EmulatorTruth::Mailbox> takeMailboxes(int count)
    {
        const EmulatorTruth now = truth();
        if (m_nextMailbox + count > now.mailboxes.size())
            qFatal("the test tenant is too small");
        const QList<EmulatorTruth::Mailbox> taken = now.mailboxes.mid(m_nextMailbox, count);
        m_nextMailbox += count;
        return taken;
    }

    // What "another admin" does: a write straight into the emulator, around the client under test.
    bool setBehindTheEnginesBack(const QUuid &guid, Override value)
    {
        return m_emulator
                   .control(QStringLiteral("set-mailbox"),
                            QJsonObject{
                                {QStringLiteral("identity"), guid.toString(QUuid::WithoutBraces)},
                                {QStringLiteral("SmtpClientAuthenticationDisabled"), overrideToWire(value)}})
                   .status == 204;
    }

    int setCasMailboxCount()
    {
        return m_emulator.stats()
            .value(QStringLiteral("cmdletCounts"))
            .toObject()
            .value(QStringLiteral("Set-CASMailbox"))
            .toInt();
    }

    BatchRecord batchBy(const SignedInClient &who, const QString &reason, BatchKind kind = BatchKind::Apply)
    {
        BatchRecord batch;
        batch.kind = kind;
        batch.operatorUpn = who.userPrincipalName();
        batch.tenantId = who.tenantId();
        batch.reason = reason;
        return batch;
    }

    ChangeApplier::Report apply(SignedInClient &who, const ChangeApplier::Request &request)
    {
        ChangeApplier applier(who.client(), &m_journal);
        QSignalSpy finished(&applier, &ChangeApplier::finished);
        applier.start(request);
        if (finished.isEmpty() && !finished.wait(30000))
            qFatal("ChangeApplier did not finish within 30 s");
        if (finished.size() != 1)
            qFatal("ChangeApplier finished %d times", int(finished.size()));
        return finished.constFirst().constFirst().value<ChangeApplier::Report>();
    }

    ChangeApplier::Report applyUndo(const QString &label, bool force = false)
    {
        const UndoPlanner::Plan plan = UndoPlanner::plan(m_journal, label);
        if (!plan.ok)
            qFatal("undo %s has no plan: %s", qPrintable(label), qPrintable(plan.error));
        BatchRecord batch = batchBy(*m_admin, QStringLiteral("undo of ") + label, BatchKind::Undo);
        batch.undoOfBatch = plan.undoOfBatch;
        batch.undoOfChange = plan.undoOfChange;
        return apply(*m_admin, {batch, plan.changes, force});
    }

    // Every final journal state of the batch agrees with the server: applied => the server shows the
    // after value; failed/conflict/noop => the server does not show a value this change wrote.
    void verifyJournalAgreesWithTruth(qint64 batchId)
    {
        const EmulatorTruth now = truth();
        const QList<ChangeRecord> changes = m_journal.changesOfBatch(batchId);
        QVERIFY(!changes.isEmpty());
        for (const ChangeRecord &change : changes) {
            QVERIFY2(isFinal(change.state), qPrintable(changeLabel(change.id)));
            const QString serverValue =
                change.targetKind == ChangeTargetKind::Org
                    ? machineName(now.org)
                    : (now.mailbox(change.targetGuid)
                           ? machineName(now.mailbox(change.targetGuid)->smtpAuthOverride)
                           : QStringLiteral("(no such mailbox)"));
            const QString where =
                QStringLiteral("%1 %2: journal %3 %4→%5, server %6")
                    .arg(changeLabel(change.id), change.targetAddress, machineName(change.state),
                         change.before, change.after, serverValue);
            switch (change.state) {
            case ChangeState::Applied:
            case ChangeState::NoOp:
                QVERIFY2(serverValue == change.after, qPrintable(where));
                break;
            case ChangeState::Failed:
            case ChangeState::Conflict:
                QVERIFY2(serverValue != change.after, qPrintable(where));
                break;
            default:
                QFAIL(qPrintable(QStringLiteral("unexpected final state: ") + where));
            }
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<ChangeApplier::Report>();
        QVERIFY(m_dataDir.isValid());
        QVERIFY2(m_emulator.start(), qPrintable(m_emulator.errorString()));
        m_admin = std::make_unique<SignedInClient>(m_emulator,
                                                   m_emulator.userPrincipalName(QStringLiteral("admin")));
        QVERIFY2(m_admin->signIn(), qPrintable(m_admin->errorString()));
        m_recipients = std::make_unique<SignedInClient>(
            m_emulator, m_emulator.userPrincipalName(QStringLiteral("recipients")));
        QVERIFY2(m_recipients->signIn(), qPrintable(m_recipients->errorString()));
        QString error;
        QVERIFY2(m_journal.open(m_dataDir.filePath(QStringLiteral("journal.sqlite")), &error),
                 qPrintable(error));
    }

    void batchWithPartialFailures()
    {
        const QList<EmulatorTruth::Mailbox> mailboxes = takeMailboxes(12);
        const QUuid ghost = QUuid::createUuid();
        QList<StagedChange> changes;
        for (const EmulatorTruth::Mailbox &m : mailboxes)
            changes.append(stagedFor(m, rotated(m.smtpAuthOverride)));
        constexpr int ghostAt = 5;
        changes.insert(ghostAt, stagedForUnknownMailbox(ghost));
        QCOMPARE(m_emulator.control(QStringLiteral("reset-stats")).status, 204);

        const ChangeApplier::Report report =
            apply(*m_admin, {batchBy(*m_admin, QStringLiteral("partial")), changes});
        QVERIFY2(report.error.isEmpty(), qPrintable(report.error));
        QCOMPARE(report.changes.size(), 13);
        QCOMPARE(report.count(ChangeState::Applied), 12);
        QCOMPARE(report.count(ChangeState::Failed), 1);
        const ChangeRecord &failed = report.changes.at(ghostAt);
        QCOMPARE(failed.state, ChangeState::Failed);
        QCOMPARE(failed.targetGuid, ghost);
        // The server's own words, naming the mailbox it could not find.
        QVERIFY2(failed.serverMessage.contains(ghost.toString(QUuid::WithoutBraces), Qt::CaseInsensitive),
                 qPrintable(failed.serverMessage));
        QVERIFY2(failed.serverMessage.contains(QStringLiteral("couldn't be found")),
                 qPrintable(failed.serverMessage));
        // Only the readable targets were written, each exactly once.
        QCOMPARE(setCasMailboxCount(), 12);

        const EmulatorTruth after = truth();
        for (const EmulatorTruth::Mailbox &m : mailboxes)
            QCOMPARE(after.mailbox(m.guid)->smtpAuthOverride, rotated(m.smtpAuthOverride));
        verifyJournalAgreesWithTruth(report.batchId);

        // Write-ahead: every applied change was intended, then sent, then applied, in that order.
        for (const ChangeRecord &change : report.changes) {
            const QList<ChangeState> trail = statesOf(m_journal.eventsOf(change.id));
            if (change.id == failed.id)
                QCOMPARE(trail, (QList<ChangeState>{ChangeState::Intended, ChangeState::Failed}));
            else
                QCOMPARE(trail, (QList<ChangeState>{ChangeState::Intended, ChangeState::Sent,
                                                    ChangeState::Applied}));
        }
    }

    void conflictWhenAnotherAdminChangedTheMailbox_data()
    {
        QTest::addColumn<bool>("force");
        QTest::newRow("not forced: conflict, not sent") << false;
        QTest::newRow("forced: applied") << true;
    }

    void conflictWhenAnotherAdminChangedTheMailbox()
    {
        QFETCH(bool, force);
        const EmulatorTruth::Mailbox mailbox = takeMailboxes(1).constFirst();
        const Override seen = mailbox.smtpAuthOverride;
        const Override wanted = rotated(seen);
        const Override otherAdmins = rotated(wanted); // the third value: neither seen nor wanted
        const StagedChange staged = stagedFor(mailbox, wanted);
        QVERIFY(setBehindTheEnginesBack(mailbox.guid, otherAdmins));
        QCOMPARE(m_emulator.control(QStringLiteral("reset-stats")).status, 204);

        const ChangeApplier::Report report =
            apply(*m_admin, {batchBy(*m_admin, QStringLiteral("conflict")), {staged}, force});
        QVERIFY2(report.error.isEmpty(), qPrintable(report.error));
        QCOMPARE(report.changes.size(), 1);
        const ChangeRecord change = report.changes.constFirst();
        if (force) {
            QCOMPARE(change.state, ChangeState::Applied);
            QCOMPARE(setCasMailboxCount(), 1);
            QCOMPARE(truth().mailbox(mailbox.guid)->smtpAuthOverride, wanted);
        } else {
            QCOMPARE(change.state, ChangeState::Conflict);
            QCOMPARE(setCasMailboxCount(), 0);
            QCOMPARE(truth().mailbox(mailbox.guid)->smtpAuthOverride, otherAdmins);
            // Both values, so that the person can decide.
            QVERIFY2(change.serverMessage.contains(machineName(otherAdmins)),
                     qPrintable(change.serverMessage));
            QVERIFY2(change.serverMessage.contains(machineName(seen)), qPrintable(change.serverMessage));
        }
        // The journal keeps what the person saw as the before value.
        QCOMPARE(change.before, machineName(seen));
        verifyJournalAgreesWithTruth(report.batchId);
    }

    void changeToTheCurrentValueIsNoOp()
    {
        const EmulatorTruth::Mailbox mailbox = takeMailboxes(1).constFirst();
        QCOMPARE(m_emulator.control(QStringLiteral("reset-stats")).status, 204);
        const ChangeApplier::Report report =
            apply(*m_admin, {batchBy(*m_admin, QStringLiteral("noop")),
                             {stagedFor(mailbox, mailbox.smtpAuthOverride)}});
        QVERIFY2(report.error.isEmpty(), qPrintable(report.error));
        QCOMPARE(report.changes.size(), 1);
        QCOMPARE(report.changes.constFirst().state, ChangeState::NoOp);
        QCOMPARE(setCasMailboxCount(), 0);
        QCOMPARE(truth().mailbox(mailbox.guid)->smtpAuthOverride, mailbox.smtpAuthOverride);
    }

    void undoUndoOfUndoAndUndoConflict()
    {
        // Three mailboxes, covering inherit (null) on both sides, plus one change that fails.
        const EmulatorTruth now = truth();
        QList<EmulatorTruth::Mailbox> picked;
        int lastPicked = m_nextMailbox;
        for (Override wanted : {Override::Inherit, Override::Enabled, Override::Disabled}) {
            for (int i = m_nextMailbox; i < now.mailboxes.size(); ++i) {
                if (now.mailboxes.at(i).smtpAuthOverride == wanted) {
                    picked.append(now.mailboxes.at(i));
                    lastPicked = qMax(lastPicked, i);
                    break;
                }
            }
        }
        QCOMPARE(picked.size(), 3);
        m_nextMailbox = lastPicked + 1;
        // inherit -> disabled, enabled -> inherit, disabled -> enabled
        QList<StagedChange> changes{
            stagedFor(picked.at(0), Override::Disabled), stagedFor(picked.at(1), Override::Inherit),
            stagedFor(picked.at(2), Override::Enabled), stagedForUnknownMailbox(QUuid::createUuid())};
        const ChangeApplier::Report original =
            apply(*m_admin, {batchBy(*m_admin, QStringLiteral("to be undone")), changes});
        QCOMPARE(original.count(ChangeState::Applied), 3);
        QCOMPARE(original.count(ChangeState::Failed), 1);
        const qint64 failedId = original.changes.at(3).id;

        // Undo of the batch: the failed change is skipped (and said so), the others restored.
        const UndoPlanner::Plan plan = UndoPlanner::plan(m_journal, batchLabel(original.batchId));
        QVERIFY2(plan.ok, qPrintable(plan.error));
        QCOMPARE(plan.changes.size(), 3);
        QCOMPARE(plan.undoOfBatch, original.batchId);
        QCOMPARE(plan.skipped.size(), 1);
        QVERIFY2(plan.skipped.constFirst().contains(changeLabel(failedId)),
                 qPrintable(plan.skipped.constFirst()));

        const ChangeApplier::Report undo = applyUndo(batchLabel(original.batchId));
        QCOMPARE(undo.count(ChangeState::Applied), 3);
        QCOMPARE(m_journal.batch(undo.batchId)->undoOfBatch, original.batchId);
        EmulatorTruth after = truth();
        for (const EmulatorTruth::Mailbox &m : std::as_const(picked))
            QCOMPARE(after.mailbox(m.guid)->smtpAuthOverride, m.smtpAuthOverride); // inherit included
        verifyJournalAgreesWithTruth(undo.batchId);

        // Undo of the undo: the original after values again.
        const ChangeApplier::Report redo = applyUndo(batchLabel(undo.batchId));
        QCOMPARE(redo.count(ChangeState::Applied), 3);
        after = truth();
        QCOMPARE(after.mailbox(picked.at(0).guid)->smtpAuthOverride, Override::Disabled);
        QCOMPARE(after.mailbox(picked.at(1).guid)->smtpAuthOverride, Override::Inherit);
        QCOMPARE(after.mailbox(picked.at(2).guid)->smtpAuthOverride, Override::Enabled);
        verifyJournalAgreesWithTruth(redo.batchId);

        // Someone changed one target since: undoing the redo is a conflict there, not an overwrite.
        QVERIFY(setBehindTheEnginesBack(picked.at(1).guid, Override::Disabled));
        const ChangeApplier::Report contested = applyUndo(batchLabel(redo.batchId));
        QCOMPARE(contested.count(ChangeState::Applied), 2);
        QCOMPARE(contested.count(ChangeState::Conflict), 1);
        after = truth();
        QCOMPARE(after.mailbox(picked.at(1).guid)->smtpAuthOverride, Override::Disabled);
        QCOMPARE(after.mailbox(picked.at(0).guid)->smtpAuthOverride, picked.at(0).smtpAuthOverride);
        QCOMPARE(after.mailbox(picked.at(2).guid)->smtpAuthOverride, picked.at(2).smtpAuthOverride);
        verifyJournalAgreesWithTruth(contested.batchId);

        // ... and with force the undo overwrites it.
        const UndoPlanner::Plan single = UndoPlanner::plan(m_journal, changeLabel(redo.changes.at(1).id));
        QVERIFY2(single.ok, qPrintable(single.error));
        QCOMPARE(single.changes.size(), 1);
        const ChangeApplier::Report forced = applyUndo(changeLabel(redo.changes.at(1).id), true);
        QCOMPARE(forced.count(ChangeState::Applied), 1);
        QCOMPARE(truth().mailbox(picked.at(1).guid)->smtpAuthOverride, Override::Enabled);
        QCOMPARE(m_journal.batch(forced.batchId)->undoOfChange, redo.changes.at(1).id);
    }

    void orgSwitchByAdminAndByRecipientAdministrator()
    {
        const OrgSetting before = truth().org;
        const OrgSetting other = before == OrgSetting::Enabled ? OrgSetting::Disabled : OrgSetting::Enabled;
        StagedChange flip;
        flip.targetKind = ChangeTargetKind::Org;
        flip.expectedBefore = changeValueOf(before);
        flip.after = changeValueOf(other);

        // A recipient administrator may not: the server's 403 reason, nothing changed.
        const ChangeApplier::Report refused = apply(
            *m_recipients, {batchBy(*m_recipients, QStringLiteral("not mine"), BatchKind::Org), {flip}});
        QVERIFY2(refused.error.isEmpty(), qPrintable(refused.error));
        QCOMPARE(refused.changes.size(), 1);
        QCOMPARE(refused.changes.constFirst().state, ChangeState::Failed);
        QVERIFY(refused.permissionDenied);
        // The server's reason (x-ms-diagnostics), not only "forbidden".
        const QString reason = refused.changes.constFirst().serverMessage;
        QVERIFY2(reason.contains(QStringLiteral("Permission denied")), qPrintable(reason));
        QVERIFY2(reason.contains(QStringLiteral("required role to run Set-TransportConfig")),
                 qPrintable(reason));
        QCOMPARE(truth().org, before);
        verifyJournalAgreesWithTruth(refused.batchId);

        // An admin may, through the same path.
        const ChangeApplier::Report done =
            apply(*m_admin, {batchBy(*m_admin, QStringLiteral("cutoff"), BatchKind::Org), {flip}});
        QVERIFY2(done.error.isEmpty(), qPrintable(done.error));
        QCOMPARE(done.changes.constFirst().state, ChangeState::Applied);
        QVERIFY(!done.permissionDenied);
        QCOMPARE(truth().org, other);
        verifyJournalAgreesWithTruth(done.batchId);

        // And it can be undone like any change.
        const ChangeApplier::Report undone = applyUndo(batchLabel(done.batchId));
        QCOMPARE(undone.count(ChangeState::Applied), 1);
        QCOMPARE(truth().org, before);
    }

    void recoveryAfterACrash()
    {
        const QList<EmulatorTruth::Mailbox> mailboxes = takeMailboxes(8);
        const QUuid ghost = QUuid::createUuid();
        QList<ChangeRecord> written;
        for (const EmulatorTruth::Mailbox &m : mailboxes) {
            ChangeRecord change;
            change.targetGuid = m.guid;
            change.targetAddress = m.primarySmtpAddress;
            change.before = machineName(m.smtpAuthOverride);
            change.after = machineName(rotated(m.smtpAuthOverride));
            written.append(change);
        }
        ChangeRecord ghostChange;
        ghostChange.targetGuid = ghost;
        ghostChange.targetAddress = QStringLiteral("deleted-meanwhile@contoso.onmicrosoft.com");
        ghostChange.before = QStringLiteral("inherit");
        ghostChange.after = QStringLiteral("enabled");
        written.append(ghostChange);

        QString error;
        const qint64 batchId = m_journal.beginBatch(batchBy(*m_admin, QStringLiteral("crashed")), &error);
        QVERIFY2(batchId > 0, qPrintable(error));
        const QList<qint64> ids = m_journal.addIntendedChanges(batchId, written, &error);
        QCOMPARE(ids.size(), written.size());
        // What the crash left: 0-1 intended, 2-5 sent, 6-7 unknown, the ghost sent.
        // Where the write landed: the server shows the after value for 1, 3, 5 and 7.
        QList<ChangeOutcome> outcomes;
        for (int i = 2; i < written.size(); ++i)
            outcomes.append({ids.at(i), ChangeState::Sent, {}, {}});
        for (int i : {6, 7})
            outcomes.append({ids.at(i), ChangeState::Unknown, QStringLiteral("no answer"), {}});
        QVERIFY2(m_journal.recordOutcomes(outcomes, &error), qPrintable(error));
        const QList<int> landed{1, 3, 5, 7};
        for (int i : landed)
            QVERIFY(setBehindTheEnginesBack(mailboxes.at(i).guid, overrideNamed(written.at(i).after)));
        QCOMPARE(m_journal.unfinishedChanges().size(), 7);
        QCOMPARE(m_emulator.control(QStringLiteral("reset-stats")).status, 204);

        JournalReconciler reconciler(m_admin->client(), &m_journal);
        QSignalSpy finished(&reconciler, &JournalReconciler::finished);
        reconciler.start();
        QVERIFY(finished.wait(30000));
        QVERIFY2(reconciler.error().isEmpty(), qPrintable(reconciler.error()));
        QCOMPARE(reconciler.settled().size(), written.size());

        // Recovery reads; it never sends.
        QCOMPARE(setCasMailboxCount(), 0);
        for (int i = 0; i < written.size(); ++i) {
            const auto change = m_journal.change(ids.at(i));
            QVERIFY(change);
            const ChangeState expected = landed.contains(i) ? ChangeState::Applied : ChangeState::Failed;
            QVERIFY2(change->state == expected,
                     qPrintable(QStringLiteral("change %1 is %2").arg(i).arg(machineName(change->state))));
            // Settled by a new event, the earlier trail kept.
            const QList<ChangeState> trail = statesOf(m_journal.eventsOf(ids.at(i)));
            QCOMPARE(trail.constFirst(), ChangeState::Intended);
            QCOMPARE(trail.constLast(), expected);
        }
        QVERIFY(m_journal.unfinishedChanges().isEmpty());
        HistoryFilter unknownOnly;
        unknownOnly.outcome = ChangeState::Unknown;
        QVERIFY(m_journal.history(unknownOnly).isEmpty());
        verifyJournalAgreesWithTruth(batchId);

        // Nothing left to do: a second run settles nothing.
        JournalReconciler again(m_admin->client(), &m_journal);
        QSignalSpy againFinished(&again, &JournalReconciler::finished);
        again.start();
        QVERIFY(againFinished.wait(30000));
        QVERIFY(again.settled().isEmpty());
    }

    void recoveryLeavesWhatItCannotReadUnsettled()
    {
        const EmulatorTruth::Mailbox mailbox = takeMailboxes(1).constFirst();
        ChangeRecord change;
        change.targetGuid = mailbox.guid;
        change.targetAddress = mailbox.primarySmtpAddress;
        change.before = machineName(mailbox.smtpAuthOverride);
        change.after = machineName(rotated(mailbox.smtpAuthOverride));
        QString error;
        const qint64 batchId =
            m_journal.beginBatch(batchBy(*m_admin, QStringLiteral("crashed again")), &error);
        const QList<qint64> ids = m_journal.addIntendedChanges(batchId, {change}, &error);
        QCOMPARE(ids.size(), 1);
        QVERIFY(m_journal.recordOutcomes({{ids.constFirst(), ChangeState::Sent, {}, {}}}, &error));

        // The server does not answer (every attempt refused with 503): no guessing.
        QJsonArray faults;
        for (int i = 0; i < 20; ++i)
            faults.append(QJsonObject{{QStringLiteral("status"), 503}});
        QVERIFY(m_emulator.scriptFaults(faults));
        {
            JournalReconciler reconciler(m_admin->client(), &m_journal);
            QSignalSpy finished(&reconciler, &JournalReconciler::finished);
            reconciler.start();
            QVERIFY(finished.wait(30000));
            QVERIFY(reconciler.settled().isEmpty());
            QVERIFY2(!reconciler.error().isEmpty(), "an unsettled change must be reported");
            QCOMPARE(m_journal.change(ids.constFirst())->state, ChangeState::Sent);
        }
        QVERIFY(m_emulator.scriptFaults({}));
        {
            JournalReconciler reconciler(m_admin->client(), &m_journal);
            QSignalSpy finished(&reconciler, &JournalReconciler::finished);
            reconciler.start();
            QVERIFY(finished.wait(30000));
            QCOMPARE(reconciler.settled().size(), 1);
            QCOMPARE(m_journal.change(ids.constFirst())->state, ChangeState::Failed);
        }
    }

    // When the read-back fails, the write's own answer is all there is: a definite refusal is a failure
    // in the server's words; an acknowledged write is `unknown` and says it was acknowledged; a write
    // without a usable answer is `unknown` as well. Recovery then settles both unknowns from the server.
    void outcomeWhenTheReadBackFails_data()
    {
        QTest::addColumn<QJsonObject>("writeFault"); // empty: the write goes through
        QTest::addColumn<int>("writeAttempts");      // how many times the client sends it
        QTest::addColumn<int>("expectedState");
        QTest::addColumn<QString>("messagePattern");
        QTest::addColumn<bool>("serverHasIt");
        const int allAttempts = 1 + ClientOptions().maxRetries;
        QTest::newRow("acknowledged (200)")
            << QJsonObject() << 1 << int(ChangeState::Unknown) << QStringLiteral("acknowledged") << true;
        QTest::newRow("refused (403)") << QJsonObject{{QStringLiteral("status"), 403}} << 1
                                       << int(ChangeState::Failed) << QStringLiteral("permission") << false;
        QTest::newRow("no usable answer (503 beyond the budget)")
            << QJsonObject{{QStringLiteral("status"), 503}} << allAttempts << int(ChangeState::Unknown)
            << QStringLiteral("outcome is unknown") << false;
    }

    void outcomeWhenTheReadBackFails()
    {
        QFETCH(QJsonObject, writeFault);
        QFETCH(int, writeAttempts);
        QFETCH(int, expectedState);
        QFETCH(QString, messagePattern);
        QFETCH(bool, serverHasIt);
        const EmulatorTruth::Mailbox mailbox = takeMailboxes(1).constFirst();
        const Override wanted = rotated(mailbox.smtpAuthOverride);
        // Request 1 reads the value; then the write (as scripted), then every attempt of the read-back
        // fails (503 on each of the 1 + 5 retries the client makes).
        const int attempts = 1 + ClientOptions().maxRetries;
        QJsonArray script{QJsonObject{{QStringLiteral("status"), 200}}};
        for (int i = 0; i < writeAttempts; ++i)
            script.append(writeFault.isEmpty() ? QJsonObject{{QStringLiteral("status"), 200}} : writeFault);
        for (int i = 0; i < attempts; ++i)
            script.append(QJsonObject{{QStringLiteral("status"), 503}});
        SignedInClient fast(m_emulator, m_emulator.userPrincipalName(QStringLiteral("admin")),
                            SignedInClient::fastClientOptions());
        QVERIFY2(fast.signIn(), qPrintable(fast.errorString()));
        QVERIFY(m_emulator.scriptFaults(script));

        const ChangeApplier::Report report =
            apply(fast, {batchBy(fast, QStringLiteral("read-back fails")), {stagedFor(mailbox, wanted)}});
        QVERIFY(m_emulator.scriptFaults({}));
        QVERIFY2(report.error.isEmpty(), qPrintable(report.error));
        QCOMPARE(report.changes.size(), 1);
        const ChangeRecord change = report.changes.constFirst();
        QVERIFY2(int(change.state) == expectedState,
                 qPrintable(machineName(change.state) + QStringLiteral(": ") + change.serverMessage));
        QVERIFY2(change.serverMessage.contains(messagePattern, Qt::CaseInsensitive),
                 qPrintable(change.serverMessage));
        QCOMPARE(statesOf(m_journal.eventsOf(change.id)),
                 (QList<ChangeState>{ChangeState::Intended, ChangeState::Sent, ChangeState(expectedState)}));
        QCOMPARE(truth().mailbox(mailbox.guid)->smtpAuthOverride == wanted, serverHasIt);
        QCOMPARE(report.permissionDenied, writeFault.value(QStringLiteral("status")).toInt() == 403);

        // Recovery reads the target and settles what was unknown; a failure stays as it was.
        JournalReconciler reconciler(m_admin->client(), &m_journal);
        QSignalSpy finished(&reconciler, &JournalReconciler::finished);
        reconciler.start();
        QVERIFY(finished.wait(30000));
        QVERIFY2(reconciler.error().isEmpty(), qPrintable(reconciler.error()));
        QCOMPARE(m_journal.change(change.id)->state,
                 serverHasIt ? ChangeState::Applied : ChangeState::Failed);
        verifyJournalAgreesWithTruth(report.batchId);
    }

    // Many changes: the first read is an enumeration of the tenant, and the targets of each page are
    // written while the next page is read (one journal transaction and one "Writing" stage per page);
    // the read-back starts while the last writes are still out. Some writes are throttled (429 with
    // Retry-After) so that their answers come back after the read-back's pages have left: those pages
    // may not show the write and must not decide the change, which is read again instead.
    void manyChangesArePipelinedAndReadBackAfterTheirWrites()
    {
        constexpr int kChanges = 300;
        LongApply setup(pipelinedTenant(kChanges), kChanges);
        if (!setup.ready())
            return;
        auto [emulator, admin, changes, journal] = setup.parts();
        // Throttle a few of the last writes.
        QJsonArray last;
        for (int i = 0; i < 6; ++i)
            last.append(QJsonObject{{QStringLiteral("status"), i % 2 ? 200 : 429},
                                    {QStringLiteral("retryAfter"), 1}});
        QVERIFY(emulator.scriptFaults(faultsOnTheLastWrites(last)));

        ChangeApplier applier(admin.client(), &journal);
        QStringList stages;
        connect(&applier, &ChangeApplier::stageChanged, this,
                [&stages](const QString &stage) { stages.append(stage); });
        QSignalSpy finished(&applier, &ChangeApplier::finished);
        applier.start({batchBy(admin, QStringLiteral("many")), changes, false});
        QVERIFY(finished.wait(60000));
        const auto report = finished.constFirst().constFirst().value<ChangeApplier::Report>();
        QVERIFY2(report.error.isEmpty(), qPrintable(report.error));
        QCOMPARE(report.count(ChangeState::Applied), kChanges);

        const auto after = emulator.truth();
        QVERIFY(after);
        for (const ChangeRecord &change : report.changes) {
            QCOMPARE(machineName(after->mailbox(change.targetGuid)->smtpAuthOverride), change.after);
            QCOMPARE(statesOf(journal.eventsOf(change.id)),
                     (QList<ChangeState>{ChangeState::Intended, ChangeState::Sent, ChangeState::Applied}));
        }
        const QJsonObject stats = emulator.stats();
        QCOMPARE(stats.value(QStringLiteral("cmdletCounts"))
                     .toObject()
                     .value(QStringLiteral("Set-CASMailbox"))
                     .toInt(),
                 kChanges);
        QVERIFY(stats.value(QStringLiteral("maxInFlight")).toInt() <= ClientOptions().maxInFlight);
        // Reading, then writing page by page, then checking: in that order, with more than one write stage.
        QVERIFY2(stages.size() >= 4, qPrintable(stages.join(QLatin1Char('\n'))));
        QVERIFY(stages.constFirst().startsWith(QLatin1String("Reading the current values")));
        QVERIFY(stages.constLast().startsWith(QLatin1String("Checking what the server now says")));
        for (qsizetype i = 1; i + 1 < stages.size(); ++i)
            QVERIFY2(stages.at(i).startsWith(QLatin1String("Writing")), qPrintable(stages.at(i)));
        QVERIFY(journal.verify().ok);
    }

    // Writes answered only after the read-back's enumeration is over are read again as their answers arrive:
    // the first one's targets are settled while the second is still unanswered, not all together at the
    // end. The emulator holds the answers of the first two writes (the commands ran) until this test
    // releases them, so the order is the test's on any machine: the journal must record everything else
    // applied, then the first held write's changes, then the second's.
    void writesAnsweredAfterTheReadBackAreReadAsTheyCome()
    {
        constexpr int kChanges = 300;
        ClientOptions options = SignedInClient::fastClientOptions();
        options.requestTimeout = std::chrono::minutes(10); // a held write must not time out and be resent
        LongApply setup(pipelinedTenant(kChanges), kChanges, options);
        if (!setup.ready())
            return;
        auto [emulator, admin, changes, journal] = setup.parts();
        const QJsonObject hold{{QStringLiteral("hold"), true},
                               {QStringLiteral("target"), QStringLiteral("Set-CASMailbox")}};
        QVERIFY(emulator.scriptFaults({hold, hold}));

        ChangeApplier applier(admin.client(), &journal);
        QSignalSpy finished(&applier, &ChangeApplier::finished);
        QHash<QUuid, ChangeState> stateOf; // every target's latest state, as the applier recorded it
        connect(&applier, &ChangeApplier::changesRecorded, this,
                [&stateOf](const QList<ChangeApplier::RecordedChange> &recorded) {
                    for (const ChangeApplier::RecordedChange &change : recorded)
                        stateOf.insert(change.targetGuid, change.state);
                });
        const auto appliedAmong = [&stateOf](const QSet<QUuid> &targets) {
            return qsizetype(std::count_if(targets.cbegin(), targets.cend(), [&stateOf](const QUuid &target) {
                return stateOf.value(target) == ChangeState::Applied;
            }));
        };
        applier.start({batchBy(admin, QStringLiteral("late answers")), changes, false});

        // The two held writes, and the targets each one carries.
        QTRY_COMPARE_WITH_TIMEOUT(emulator.holds().size(), 2, 30000);
        const QJsonArray held = emulator.holds();
        QList<int> heldIds;
        QList<QSet<QUuid>> heldTargets;
        for (const QJsonValue &value : held) {
            const QJsonObject request = value.toObject();
            heldIds.append(request.value(QStringLiteral("id")).toInt());
            const QJsonObject body =
                QJsonDocument::fromJson(request.value(QStringLiteral("body")).toString().toUtf8()).object();
            QJsonArray invocations = body.value(QStringLiteral("requests")).toArray();
            if (invocations.isEmpty()) // a single write goes as a plain InvokeCommand
                invocations.append(QJsonObject{{QStringLiteral("body"), body}});
            QSet<QUuid> targets;
            for (const QJsonValue &invocation : std::as_const(invocations))
                targets.insert(QUuid(invocation.toObject()
                                         .value(QStringLiteral("body"))
                                         .toObject()
                                         .value(QStringLiteral("CmdletInput"))
                                         .toObject()
                                         .value(QStringLiteral("Parameters"))
                                         .toObject()
                                         .value(QStringLiteral("Identity"))
                                         .toString()));
            QVERIFY2(!targets.isEmpty() && !targets.contains(QUuid()),
                     qPrintable(request.value(QStringLiteral("body")).toString()));
            heldTargets.append(targets);
        }
        QSet<QUuid> others;
        for (const StagedChange &change : std::as_const(changes))
            others.insert(change.targetGuid);
        others -= heldTargets.at(0);
        others -= heldTargets.at(1);
        QCOMPARE(others.size() + heldTargets.at(0).size() + heldTargets.at(1).size(), kChanges);

        // While both answers are held, everything else is written and read back.
        QTRY_COMPARE_WITH_TIMEOUT(appliedAmong(others), others.size(), 30000);
        QCOMPARE(appliedAmong(heldTargets.at(0)), 0);
        QCOMPARE(appliedAmong(heldTargets.at(1)), 0);
        QVERIFY(finished.isEmpty());

        // The first answer goes out: its targets are read and settled while the second is still held.
        QVERIFY(emulator.release(heldIds.at(0)));
        QTRY_COMPARE_WITH_TIMEOUT(appliedAmong(heldTargets.at(0)), heldTargets.at(0).size(), 30000);
        const QJsonArray stillHeld = emulator.holds();
        QCOMPARE(stillHeld.size(), 1);
        QCOMPARE(stillHeld.at(0).toObject().value(QStringLiteral("id")).toInt(), heldIds.at(1));
        QVERIFY2(stillHeld.at(0).toObject().value(QStringLiteral("connected")).toBool(),
                 "the client gave up on the held write");
        QCOMPARE(appliedAmong(heldTargets.at(1)), 0);
        QVERIFY(finished.isEmpty());

        // The second goes out; then the apply is over.
        QVERIFY(emulator.release(heldIds.at(1)));
        QVERIFY(finished.wait(60000));
        const auto report = finished.constFirst().constFirst().value<ChangeApplier::Report>();
        QVERIFY2(report.error.isEmpty(), qPrintable(report.error));
        QCOMPARE(report.count(ChangeState::Applied), kChanges);
        // Each held write was sent once (its answer came late, it was not resent).
        QCOMPARE(emulator.stats()
                     .value(QStringLiteral("cmdletCounts"))
                     .toObject()
                     .value(QStringLiteral("Set-CASMailbox"))
                     .toInt(),
                 kChanges);

        // The journal's own order says the same: the rest, then the first held write's, then the second's.
        const auto groupOf = [&](const QUuid &target) {
            return heldTargets.at(0).contains(target) ? 1 : heldTargets.at(1).contains(target) ? 2 : 0;
        };
        qint64 lastOfGroup[3] = {0, 0, 0};
        qint64 firstOfGroup[3] = {std::numeric_limits<qint64>::max(), std::numeric_limits<qint64>::max(),
                                  std::numeric_limits<qint64>::max()};
        for (const ChangeRecord &change : report.changes) {
            const QList<ChangeEvent> events = journal.eventsOf(change.id);
            QCOMPARE(statesOf(events),
                     (QList<ChangeState>{ChangeState::Intended, ChangeState::Sent, ChangeState::Applied}));
            const int group = groupOf(change.targetGuid);
            lastOfGroup[group] = std::max(lastOfGroup[group], events.constLast().sequence);
            firstOfGroup[group] = std::min(firstOfGroup[group], events.constLast().sequence);
        }
        QVERIFY2(
            lastOfGroup[0] < firstOfGroup[1] && lastOfGroup[1] < firstOfGroup[2],
            qPrintable(QStringLiteral(
                           "applied (journal sequence): others %1..%2, first held %3..%4, second held %5..%6")
                           .arg(firstOfGroup[0])
                           .arg(lastOfGroup[0])
                           .arg(firstOfGroup[1])
                           .arg(lastOfGroup[1])
                           .arg(firstOfGroup[2])
                           .arg(lastOfGroup[2])));
        QVERIFY(journal.verify().ok);
    }

    // A long request is journalled `intended` in slices while the first read runs. Announced in the request's
    // order, a target's slice is usually committed already; in the reverse order most targets are announced
    // before their slice and wait for it. Either way every change is journalled intended, sent and applied,
    // once, and the report lists them in the request's order.
    void longRequestsInServerOrderAndInReverseAreAllWritten_data()
    {
        QTest::addColumn<bool>("reversed");
        QTest::newRow("in the order the server lists them") << false;
        QTest::newRow("in the reverse order") << true;
    }
    void longRequestsInServerOrderAndInReverseAreAllWritten()
    {
        QFETCH(bool, reversed);
        constexpr int kChanges = 2400; // 24 slices of `intended`, 12 pages of the first read
        LongApply setup({QStringLiteral("--mailboxes"), QString::number(kChanges + 30),
                         QStringLiteral("--page-size"), QStringLiteral("200"), QStringLiteral("--seed"),
                         QStringLiteral("8"), QStringLiteral("--latency-ms"), QStringLiteral("2")},
                        kChanges);
        if (!setup.ready())
            return;
        auto [emulator, admin, changes, journal] = setup.parts();
        if (reversed)
            std::reverse(changes.begin(), changes.end());

        ChangeApplier applier(admin.client(), &journal);
        QSignalSpy finished(&applier, &ChangeApplier::finished);
        applier.start({batchBy(admin, QStringLiteral("long")), changes, false});
        QVERIFY(finished.wait(120000));
        const auto report = finished.constFirst().constFirst().value<ChangeApplier::Report>();
        QVERIFY2(report.error.isEmpty(), qPrintable(report.error));
        QCOMPARE(report.changes.size(), kChanges);
        QCOMPARE(report.count(ChangeState::Applied), kChanges);
        // In request order, each with its whole trail.
        const auto after = emulator.truth();
        QVERIFY(after);
        for (qsizetype i = 0; i < report.changes.size(); ++i) {
            const ChangeRecord &change = report.changes.at(i);
            QCOMPARE(change.targetGuid, changes.at(i).targetGuid);
            QCOMPARE(machineName(after->mailbox(change.targetGuid)->smtpAuthOverride), change.after);
            QCOMPARE(statesOf(journal.eventsOf(change.id)),
                     (QList<ChangeState>{ChangeState::Intended, ChangeState::Sent, ChangeState::Applied}));
        }
        const QJsonObject stats = emulator.stats();
        QCOMPARE(stats.value(QStringLiteral("cmdletCounts"))
                     .toObject()
                     .value(QStringLiteral("Set-CASMailbox"))
                     .toInt(),
                 kChanges);
        QVERIFY(journal.verify().ok);
    }

    // Cancel in the middle of a long apply (product.md flow 5): the writes leave through a bounded window, so
    // when the person cancels, most decided changes are still waiting in the applier and are never sent. They
    // are recorded failed "cancelled before sending" and the server never sees them; the calls already
    // handed to the client finish and are read back. The journal then agrees with a fresh read of the
    // server, and nothing is reported applied that the server does not show.
    void cancelInTheMiddleOfALongApply()
    {
        constexpr int kChanges = 1000;
        LongApply setup({QStringLiteral("--mailboxes"), QString::number(kChanges + 20),
                         QStringLiteral("--seed"), QStringLiteral("7"), QStringLiteral("--latency-ms"),
                         QStringLiteral("50"), QStringLiteral("--concurrency-limit"), QStringLiteral("3")},
                        kChanges);
        if (!setup.ready())
            return;
        auto [emulator, admin, changes, journal] = setup.parts();
        const auto setCasMailboxCalls = [&emulator] {
            return emulator.stats()
                .value(QStringLiteral("cmdletCounts"))
                .toObject()
                .value(QStringLiteral("Set-CASMailbox"))
                .toInt();
        };

        ChangeApplier applier(admin.client(), &journal);
        QSignalSpy finished(&applier, &ChangeApplier::finished);
        QSignalSpy cancelPossible(&applier, &ChangeApplier::cancelPossibleChanged);
        applier.start({batchBy(admin, QStringLiteral("cancelled midway")), changes, false});
        QVERIFY(applier.canCancel());

        // Some writes have landed: the apply is well under way (a 1,000-change apply takes seconds here).
        QTRY_VERIFY_WITH_TIMEOUT(setCasMailboxCalls() >= 60, 30000);
        QVERIFY(finished.isEmpty());
        QVERIFY2(applier.canCancel(), "the cancel must still be possible while writes wait to be sent");
        QVERIFY(applier.cancel());
        QVERIFY(!applier.canCancel());
        QVERIFY(!applier.cancel());
        QVERIFY(finished.isEmpty() || finished.size() == 1);
        if (finished.isEmpty())
            QVERIFY(finished.wait(60000));
        QCOMPARE(finished.size(), 1);
        const auto report = finished.constFirst().constFirst().value<ChangeApplier::Report>();
        QVERIFY2(report.error.isEmpty(), qPrintable(report.error));
        QCOMPARE(report.changes.size(), kChanges);
        // canCancel went true, then false, once.
        QCOMPARE(cancelPossible.size(), 2);
        QCOMPARE(cancelPossible.at(0).constFirst().toBool(), true);
        QCOMPARE(cancelPossible.at(1).constFirst().toBool(), false);

        const int applied = report.count(ChangeState::Applied);
        const int cancelled = int(report.cancelledIds.size());
        qInfo("cancelled midway: %d applied, %d cancelled before sending", applied, cancelled);
        QVERIFY2(applied >= 60, qPrintable(QString::number(applied)));
        QVERIFY2(cancelled > kChanges / 2, qPrintable(QString::number(cancelled)));
        QCOMPARE(applied + cancelled, kChanges); // nothing else went wrong on this healthy server
        QCOMPARE(report.count(ChangeState::Failed), cancelled);

        // The journal, a fresh read of the server and the report agree, change by change.
        const auto after = emulator.truth();
        QVERIFY2(after, qPrintable(emulator.errorString()));
        const QSet<qint64> cancelledIds(report.cancelledIds.cbegin(), report.cancelledIds.cend());
        QCOMPARE(cancelledIds.size(), cancelled);
        const QList<ChangeRecord> journalled = journal.changesOfBatch(report.batchId);
        QCOMPARE(journalled.size(), kChanges);
        for (int i = 0; i < kChanges; ++i) {
            const ChangeRecord &change = journalled.at(i);
            QCOMPARE(change.state, report.changes.at(i).state);
            const QString server = machineName(after->mailbox(change.targetGuid)->smtpAuthOverride);
            const QList<ChangeState> trail = statesOf(journal.eventsOf(change.id));
            const QString where = QStringLiteral("%1: %2, server %3, trail of %4 events")
                                      .arg(change.targetAddress, machineName(change.state), server)
                                      .arg(trail.size());
            if (cancelledIds.contains(change.id)) {
                QVERIFY2(change.state == ChangeState::Failed, qPrintable(where));
                QCOMPARE(change.serverMessage,
                         QStringLiteral("Cancelled before sending; nothing was changed."));
                QVERIFY2(server == change.before, qPrintable(where)); // never sent: unchanged
                // Intended, perhaps sent (decided, then waiting for the window), then failed: never anything
                // else.
                QVERIFY2(trail == (QList<ChangeState>{ChangeState::Intended, ChangeState::Failed}) ||
                             trail == (QList<ChangeState>{ChangeState::Intended, ChangeState::Sent,
                                                          ChangeState::Failed}),
                         qPrintable(where));
            } else {
                QVERIFY2(change.state == ChangeState::Applied, qPrintable(where));
                QVERIFY2(server == change.after, qPrintable(where));
                QCOMPARE(trail, (QList<ChangeState>{ChangeState::Intended, ChangeState::Sent,
                                                    ChangeState::Applied}));
            }
        }
        // The server ran exactly the writes that are reported applied, within the client's limit.
        const QJsonObject stats = emulator.stats();
        QCOMPARE(stats.value(QStringLiteral("cmdletCounts"))
                     .toObject()
                     .value(QStringLiteral("Set-CASMailbox"))
                     .toInt(),
                 applied);
        QVERIFY(stats.value(QStringLiteral("maxInFlight")).toInt() <= ClientOptions().maxInFlight);
        // Everything is settled: recovery has nothing to do.
        QVERIFY(journal.unfinishedChanges().isEmpty());
        QVERIFY(journal.verify().ok);
    }

    // Once the last write has been handed to the client there is nothing left to call back: cancel
    // refuses, and the apply completes as if it had not been asked.
    void cancelRefusedOnceEverythingWasSent()
    {
        const QList<EmulatorTruth::Mailbox> mailboxes = takeMailboxes(3);
        QList<StagedChange> changes;
        for (const EmulatorTruth::Mailbox &m : mailboxes)
            changes.append(stagedFor(m, rotated(m.smtpAuthOverride)));
        ChangeApplier applier(m_admin->client(), &m_journal);
        QSignalSpy finished(&applier, &ChangeApplier::finished);
        applier.start({batchBy(*m_admin, QStringLiteral("too late to cancel")), changes, false});
        QVERIFY(applier.canCancel()); // the first read is out; nothing decided yet
        // Three writes fit in the window: handed to the client as soon as they are decided.
        QTRY_VERIFY_WITH_TIMEOUT(!applier.canCancel() || !finished.isEmpty(), 30000);
        QVERIFY(!applier.cancel());
        if (finished.isEmpty())
            QVERIFY(finished.wait(30000));
        QCOMPARE(finished.size(), 1);
        const auto report = finished.constFirst().constFirst().value<ChangeApplier::Report>();
        QVERIFY(report.cancelledIds.isEmpty());
        QCOMPARE(report.count(ChangeState::Applied), 3);
        verifyJournalAgreesWithTruth(report.batchId);
    }

    // Cancelled before anything was decided: every change is failed "cancelled before sending" at once
    // (finished() before cancel() returns) and nothing reaches the server.
    void cancelBeforeAnythingWasDecided()
    {
        const QList<EmulatorTruth::Mailbox> mailboxes = takeMailboxes(4);
        QList<StagedChange> changes;
        for (const EmulatorTruth::Mailbox &m : mailboxes)
            changes.append(stagedFor(m, rotated(m.smtpAuthOverride)));
        const int writesBefore = setCasMailboxCount();
        ChangeApplier applier(m_admin->client(), &m_journal);
        QSignalSpy finished(&applier, &ChangeApplier::finished);
        applier.start({batchBy(*m_admin, QStringLiteral("cancelled at once")), changes, false});
        QVERIFY(applier.cancel());
        QCOMPARE(finished.size(), 1);
        const auto report = finished.constFirst().constFirst().value<ChangeApplier::Report>();
        QCOMPARE(report.cancelledIds.size(), changes.size());
        QCOMPARE(report.count(ChangeState::Failed), int(changes.size()));
        for (const ChangeRecord &change : report.changes)
            QCOMPARE(statesOf(m_journal.eventsOf(change.id)),
                     (QList<ChangeState>{ChangeState::Intended, ChangeState::Failed}));
        QCOMPARE(setCasMailboxCount(), writesBefore);
        verifyJournalAgreesWithTruth(report.batchId);
    }

    // Last: after everything above, the hash chain is intact.
    void journalVerifies()
    {
        const VerifyResult result = m_journal.verify();
        QVERIFY2(result.ok, qPrintable(result.firstProblem));
        QVERIFY(result.rowsChecked > 50);
    }
};

QTEST_GUILESS_MAIN(TestChangeApplyFlow)
#include "test_changeapplyflow.moc"
