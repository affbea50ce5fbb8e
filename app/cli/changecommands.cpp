// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "cli/changecommands.h"

#include "cli/cliapplication.h"
#include "cli/interruptwatcher.h"
#include "cli/terminaloutput.h"
#include "engine/casmailboxmapper.h"
#include "engine/journalreconciler.h"
#include "engine/signedinsession.h"
#include "engine/tenantloader.h"
#include "engine/undoplanner.h"
#include "exchange/batchcall.h"
#include "exchange/casmailboxrequests.h"
#include "exchange/invokecommandclient.h"
#include "models/changeimport.h"
#include "models/changejournal.h"
#include "models/journalexport.h"
#include "models/journalhistoryfilter.h"
#include "models/mailboxtablemodel.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSet>

namespace smtpauth {

namespace {

QString targetText(const QString &address, ChangeTargetKind kind)
{
    return kind == ChangeTargetKind::Org ? QStringLiteral("(organization)") : address;
}

QString sanitizedForTerminal(QString text)
{
    for (QChar &ch : text) {
        if (ch.category() == QChar::Other_Control)
            ch = QChar(0xFFFD);
    }
    return text;
}

int exitCodeForReport(const ChangeApplier::Report &report)
{
    if (!report.error.isEmpty())
        return CliApplication::ExitServerOrNetwork;
    if (report.count(ChangeState::Failed) > 0 || report.count(ChangeState::Unknown) > 0)
        return CliApplication::ExitSomeFailed;
    if (report.count(ChangeState::Conflict) > 0)
        return CliApplication::ExitConflict;
    return CliApplication::ExitOk;
}

QJsonObject changeToJson(const ChangeRecord &change)
{
    QJsonObject object;
    object.insert(QStringLiteral("change"), changeLabel(change.id));
    object.insert(QStringLiteral("batch"), batchLabel(change.batchId));
    object.insert(QStringLiteral("targetKind"), machineName(change.targetKind));
    object.insert(QStringLiteral("targetGuid"),
                  change.targetGuid.isNull() ? QJsonValue()
                                             : QJsonValue(change.targetGuid.toString(QUuid::WithoutBraces)));
    object.insert(QStringLiteral("targetAddress"), change.targetAddress);
    object.insert(QStringLiteral("before"), change.before);
    object.insert(QStringLiteral("after"), change.after);
    object.insert(QStringLiteral("state"), machineName(change.state));
    object.insert(QStringLiteral("serverMessage"), change.serverMessage);
    return object;
}

} // namespace

ChangeCommands::ChangeCommands(const QCommandLineParser &parser, const QStringList &arguments,
                               SignedInSession *session, ChangeJournal *journal, Finish finish,
                               QObject *parent)
    : QObject(parent), m_parser(parser), m_arguments(arguments), m_session(session), m_journal(journal),
      m_finish(std::move(finish))
{
}

ChangeCommands::~ChangeCommands() = default;

void ChangeCommands::run(const QString &command)
{
    auto *reconciler = new JournalReconciler(m_session->client(), m_journal, this);
    connect(reconciler, &JournalReconciler::finished, this, [this, reconciler, command] {
        reconciler->deleteLater();
        for (const ChangeRecord &change : reconciler->settled()) {
            writeStderrLine(tr("Reconciled interrupted change %1 (%2 %3 → %4): %5")
                                .arg(changeLabel(change.id),
                                     targetText(change.targetAddress, change.targetKind), change.before,
                                     change.after, machineName(change.state)));
        }
        if (!reconciler->error().isEmpty())
            writeStderrLine(tr("smtpauth-cli: warning: %1").arg(reconciler->error()));
        if (command == QLatin1String("set"))
            runSet();
        else if (command == QLatin1String("apply"))
            runApplyFile();
        else if (command == QLatin1String("org"))
            runOrgSet();
        else if (command == QLatin1String("undo"))
            runUndo();
    });
    reconciler->start();
}

BatchRecord ChangeCommands::newBatch(BatchKind kind) const
{
    BatchRecord batch;
    batch.kind = kind;
    batch.operatorUpn = m_session->account().userPrincipalName;
    batch.tenantId = m_session->account().tenantId;
    batch.reason = option(QStringLiteral("reason")).trimmed();
    batch.ticket = option(QStringLiteral("ticket")).trimmed();
    return batch;
}

void ChangeCommands::runSet()
{
    Override wanted;
    if (!overrideFromName(option(QStringLiteral("to")), &wanted)) {
        m_finish(CliApplication::ExitUsage, tr("--to must be enabled, disabled or inherit"));
        return;
    }
    QList<CmdletRequest> lookups;
    for (const QString &identifier : std::as_const(m_arguments))
        lookups.append(CasMailboxRequests::getMailbox(identifier));
    BatchCall *batch = m_session->client()->invokeBatch(lookups);
    connect(batch, &BatchCall::finished, this, [this, batch, wanted] {
        batch->deleteLater();
        QStringList problems;
        QList<StagedChange> changes;
        QSet<QUuid> seen;
        for (int i = 0; i < batch->size(); ++i) {
            const CmdletResult &result = batch->resultAt(i);
            const QString identifier = m_arguments.at(i);
            if (result.error.category() == ExchangeError::Category::NotFound ||
                (result.ok() && result.objects.isEmpty())) {
                problems.append(tr("mailbox '%1' was not found").arg(identifier));
                continue;
            }
            if (result.error.isError()) {
                m_finish(CliApplication::exitCodeFor(result.error),
                         tr("could not look up '%1': %2").arg(identifier, result.error.userMessage()));
                return;
            }
            if (result.objects.size() > 1) {
                problems.append(tr("'%1' matches %2 mailboxes; use the address or Guid")
                                    .arg(identifier)
                                    .arg(result.objects.size()));
                continue;
            }
            QString why;
            const auto mailbox = CasMailboxMapper::fromObject(result.objects.constFirst(), &why);
            if (!mailbox) {
                problems.append(tr("'%1': %2").arg(identifier, why));
                continue;
            }
            if (seen.contains(mailbox->guid))
                continue; // named twice (say by address and by Guid): one change
            seen.insert(mailbox->guid);
            StagedChange change;
            change.targetGuid = mailbox->guid;
            change.targetAddress = mailbox->primarySmtpAddress;
            change.targetDisplayName = mailbox->displayName;
            change.expectedBefore = changeValueOf(mailbox->smtpAuthOverride);
            change.after = changeValueOf(wanted);
            changes.append(change);
        }
        if (!problems.isEmpty()) {
            for (const QString &problem : std::as_const(problems))
                writeStderrLine(QStringLiteral("smtpauth-cli: ") + problem);
            m_finish(CliApplication::ExitUsage, tr("nothing was changed"));
            return;
        }
        applyOrPlan(newBatch(BatchKind::Apply), changes, flag(QStringLiteral("force")));
    });
}

void ChangeCommands::loadTenant(std::function<void()> next)
{
    m_tenant = new MailboxTableModel(this);
    auto *loader = new TenantLoader(m_session->client(), this);
    connect(loader, &TenantLoader::orgSettingLoaded, m_tenant, &MailboxTableModel::setOrgSetting);
    connect(loader, &TenantLoader::mailboxesReceived, m_tenant, &MailboxTableModel::appendMailboxes);
    connect(loader, &TenantLoader::restarted, m_tenant, &MailboxTableModel::clear);
    connect(loader, &TenantLoader::failed, this, [this](const ExchangeError &error) {
        m_finish(CliApplication::exitCodeFor(error),
                 tr("could not read the tenant: %1").arg(error.userMessage()));
    });
    connect(loader, &TenantLoader::finished, this, [loader, next] {
        loader->deleteLater();
        next();
    });
    loader->start();
}

void ChangeCommands::runApplyFile()
{
    const QString path = m_arguments.value(0);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_finish(CliApplication::ExitUsage, tr("cannot read %1: %2").arg(path, file.errorString()));
        return;
    }
    const QByteArray bytes = file.readAll();
    loadTenant([this, bytes, path] {
        const ChangeImportResult result =
            ChangeImport::parse(bytes, ChangeImport::resolverOver(m_tenant->store()));
        if (!result.ok()) {
            for (const QString &problem : result.describeProblems())
                writeStderrLine(QStringLiteral("%1: %2").arg(path, problem));
            m_finish(CliApplication::ExitUsage, tr("%1 has problems; nothing was changed").arg(path));
            return;
        }
        QList<StagedChange> changes;
        for (const ImportedChange &row : result.changes) {
            StagedChange change;
            change.targetGuid = row.mailbox.guid;
            change.targetAddress = row.mailbox.primarySmtpAddress;
            change.targetDisplayName = row.mailbox.displayName;
            change.expectedBefore = changeValueOf(row.mailbox.smtpAuthOverride);
            change.after = changeValueOf(row.to);
            change.reason = row.reason;
            change.ticket = row.ticket;
            changes.append(change);
        }
        BatchRecord batch = newBatch(BatchKind::Import);
        batch.reason = tr("CSV import of %1").arg(QFileInfo(path).fileName());
        applyOrPlan(batch, changes, false);
    });
}

void ChangeCommands::runOrgSet()
{
    OrgSetting wanted;
    if (!orgSettingFromName(m_arguments.value(1), &wanted)) {
        m_finish(CliApplication::ExitUsage, tr("org set takes enabled or disabled"));
        return;
    }
    loadTenant([this, wanted] {
        const OrgSetting current = m_tenant->orgSetting();
        const EffectiveCounts counts = m_tenant->counts();
        const int inheriting = counts.enabledByOrg + counts.disabledByOrg;
        if (current != wanted) {
            writeStderrLine(
                tr("%1 mailbox(es) inherit the org setting and will change effective state from %2 to %3; "
                   "%4 mailbox(es) with their own override keep it.")
                    .arg(inheriting)
                    .arg(machineName(current), machineName(wanted))
                    .arg(counts.enabledByMailbox + counts.disabledByMailbox));
        }
        StagedChange change;
        change.targetKind = ChangeTargetKind::Org;
        change.expectedBefore = changeValueOf(current);
        change.after = changeValueOf(wanted);
        applyOrPlan(newBatch(BatchKind::Org), {change}, flag(QStringLiteral("force")));
    });
}

void ChangeCommands::runUndo()
{
    const UndoPlanner::Plan plan = UndoPlanner::plan(*m_journal, m_arguments.value(0));
    if (!plan.ok) {
        m_finish(CliApplication::ExitUsage, plan.error);
        return;
    }
    for (const QString &skipped : plan.skipped)
        writeStderrLine(tr("Skipped: %1").arg(skipped));
    BatchRecord batch = newBatch(BatchKind::Undo);
    if (batch.reason.isEmpty())
        batch.reason = tr("Undo of %1").arg(m_arguments.value(0).toUpper());
    batch.undoOfBatch = plan.undoOfBatch;
    batch.undoOfChange = plan.undoOfChange;
    applyOrPlan(batch, plan.changes, flag(QStringLiteral("force")));
}

void ChangeCommands::printPlan(const QList<StagedChange> &changes) const
{
    writeStderrLine(tr("Dry run: nothing is sent and nothing is recorded. The plan:"));
    QByteArray out;
    for (const StagedChange &change : changes) {
        out += QStringLiteral("%1  %2 → %3\n")
                   .arg(sanitizedForTerminal(targetText(change.targetAddress, change.targetKind)),
                        machineName(change.expectedBefore), machineName(change.after))
                   .toUtf8();
    }
    writeStdout(out);
}

void ChangeCommands::applyOrPlan(BatchRecord batch, const QList<StagedChange> &changes, bool force)
{
    if (changes.isEmpty()) {
        m_finish(CliApplication::ExitOk, tr("Nothing to change."));
        return;
    }
    if (flag(QStringLiteral("dry-run"))) {
        printPlan(changes);
        m_finish(CliApplication::ExitOk, {});
        return;
    }
    auto *applier = new ChangeApplier(m_session->client(), m_journal, this);
    connect(applier, &ChangeApplier::stageChanged, this,
            [](const QString &stage) { writeStderrLine(stage); });
    connect(applier, &ChangeApplier::finished, this, [this, applier](const ChangeApplier::Report &report) {
        applier->deleteLater();
        printReport(report);
        QString summary;
        if (report.error.isEmpty()) {
            summary = tr("Batch %1: %2 applied, %3 already so, %4 conflict(s), %5 failed, %6 unknown.")
                          .arg(batchLabel(report.batchId))
                          .arg(report.count(ChangeState::Applied))
                          .arg(report.count(ChangeState::NoOp))
                          .arg(report.count(ChangeState::Conflict))
                          .arg(report.count(ChangeState::Failed))
                          .arg(report.count(ChangeState::Unknown));
        } else {
            summary = report.error;
        }
        m_finish(exitCodeForReport(report), summary);
    });
    // Ctrl+C during the apply cancels what has not left yet (recorded as cancelled) and waits for what
    // has, so that the report and the journal say exactly what happened; a second Ctrl+C quits at once.
    auto *interrupts = new InterruptWatcher(applier);
    connect(interrupts, &InterruptWatcher::interrupted, applier, [applier] {
        if (applier->canCancel()) {
            writeStderrLine(
                tr("Interrupted: the changes not sent yet are recorded as cancelled; waiting for the "
                   "ones already sent to record what the server did. Ctrl+C again quits at once "
                   "(the next command settles what was in flight)."));
            applier->cancel();
        } else {
            writeStderrLine(
                tr("Interrupted, but every write has already left: waiting for the server's answers "
                   "to record them. Ctrl+C again quits at once (the next command settles them)."));
        }
    });
    applier->start({batch, changes, force});
}

void ChangeCommands::printReport(const ChangeApplier::Report &report) const
{
    if (option(QStringLiteral("format")) == QLatin1String("json")) {
        QJsonArray changes;
        for (const ChangeRecord &change : report.changes)
            changes.append(changeToJson(change));
        QJsonObject document;
        document.insert(QStringLiteral("batch"), report.batchId > 0 ? batchLabel(report.batchId) : QString());
        document.insert(QStringLiteral("changes"), changes);
        if (!report.error.isEmpty())
            document.insert(QStringLiteral("error"), report.error);
        writeStdout(QJsonDocument(document).toJson(QJsonDocument::Indented));
        return;
    }
    QByteArray out;
    for (const ChangeRecord &change : report.changes) {
        out += QStringLiteral("%1  %2  %3 → %4  %5%6\n")
                   .arg(changeLabel(change.id),
                        sanitizedForTerminal(targetText(change.targetAddress, change.targetKind)),
                        change.before, change.after, machineName(change.state),
                        change.serverMessage.isEmpty()
                            ? QString()
                            : QStringLiteral("  (%1)").arg(sanitizedForTerminal(change.serverMessage)))
                   .toUtf8();
    }
    writeStdout(out);
}

void ChangeCommands::runHistory(const QCommandLineParser &parser, ChangeJournal *journal,
                                const Finish &finish)
{
    HistoryFilter filter;
    for (const auto &[name, target] : {std::pair{QStringLiteral("since"), &filter.since},
                                       std::pair{QStringLiteral("until"), &filter.until}}) {
        if (!parser.isSet(name))
            continue;
        QDateTime when = QDateTime::fromString(parser.value(name), Qt::ISODateWithMs);
        if (!when.isValid())
            when = QDateTime(QDate::fromString(parser.value(name), Qt::ISODate), QTime(0, 0), Qt::UTC);
        if (!when.isValid()) {
            finish(CliApplication::ExitUsage,
                   tr("--%1 takes an ISO 8601 date or time, not '%2'").arg(name, parser.value(name)));
            return;
        }
        *target = when.toUTC();
    }
    filter.mailbox = parser.value(QStringLiteral("mailbox"));
    filter.operatorUpn = parser.value(QStringLiteral("operator"));
    if (parser.isSet(QStringLiteral("outcome"))) {
        ChangeState state;
        if (!changeStateFromName(parser.value(QStringLiteral("outcome")), &state)) {
            finish(CliApplication::ExitUsage,
                   tr("--outcome must be one of intended, sent, applied, noop, failed, "
                      "conflict, unknown"));
            return;
        }
        filter.outcome = state;
    }
    const QList<HistoryEntry> entries = journal->history(filter);
    const QString format = parser.value(QStringLiteral("format"));
    QByteArray document;
    if (format == QLatin1String("csv")) {
        document = JournalExport::toCsv(entries);
    } else if (format == QLatin1String("json")) {
        document = JournalExport::toJson(entries);
    } else {
        for (const HistoryEntry &entry : entries) {
            const ChangeRecord &c = entry.change;
            document += QStringLiteral("%1  %2  %3  %4  %5 → %6  %7  %8\n")
                            .arg(changeLabel(c.id), batchLabel(c.batchId), c.createdUtc.toString(Qt::ISODate),
                                 sanitizedForTerminal(targetText(c.targetAddress, c.targetKind)), c.before,
                                 c.after, machineName(c.state), sanitizedForTerminal(entry.batch.reason))
                            .toUtf8();
        }
    }
    if (parser.isSet(QStringLiteral("output"))) {
        QSaveFile out(parser.value(QStringLiteral("output")));
        if (!out.open(QIODevice::WriteOnly) || out.write(document) != document.size() || !out.commit()) {
            finish(CliApplication::ExitServerOrNetwork,
                   tr("cannot write %1: %2").arg(parser.value(QStringLiteral("output")), out.errorString()));
            return;
        }
        finish(CliApplication::ExitOk, tr("%n change(s) written to %1", nullptr, int(entries.size()))
                                           .arg(parser.value(QStringLiteral("output"))));
        return;
    }
    writeStdout(document);
    finish(CliApplication::ExitOk, {});
}

void ChangeCommands::runVerify(ChangeJournal *journal, const Finish &finish)
{
    const VerifyResult result = journal->verify();
    if (result.ok) {
        finish(CliApplication::ExitOk,
               tr("Journal intact: %n row(s) checked.", nullptr, int(result.rowsChecked)));
        return;
    }
    finish(CliApplication::ExitSomeFailed, tr("Journal damaged: %1").arg(result.firstProblem));
}

} // namespace smtpauth
