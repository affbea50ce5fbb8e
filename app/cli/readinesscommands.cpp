// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "cli/readinesscommands.h"

#include "cli/cliapplication.h"
#include "cli/terminaloutput.h"
#include "engine/casmailboxmapper.h"
#include "engine/directoryloader.h"
#include "engine/mailboxaddressloader.h"
#include "engine/signedinsession.h"
#include "engine/tenantloader.h"
#include "engine/usageevidenceloader.h"
#include "exchange/casmailboxrequests.h"
#include "exchange/invokecommandcall.h"
#include "exchange/invokecommandclient.h"
#include "models/mailboxtablemodel.h"
#include "models/readinessevaluator.h"
#include "models/readinessreport.h"
#include "models/smtpauthclientsreport.h"
#include "models/tenantdirectory.h"
#include "report/readinesspdfreport.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace smtpauth {

namespace {

QString padded(const QString &text, int width)
{
    return text.leftJustified(width);
}

QString verdictLine(const QString &title, const ReadinessVerdict &verdict)
{
    QString line = padded(title, 26) + displayText(verdict.verdict);
    if (verdict.decidedBy)
        line += QStringLiteral(" (decided by %1)").arg(machineName(*verdict.decidedBy));
    else if (verdict.verdict == Verdict::Unknown && verdict.firstUnknown)
        line += QStringLiteral(" (%1 is unknown)").arg(machineName(*verdict.firstUnknown));
    return line;
}

// The table form of `why`: for a person at a terminal, every layer with its effect and words.
QString whyTable(const Mailbox &mailbox, const MailboxReadiness &readiness)
{
    QString text = QStringLiteral("%1 <%2>\n").arg(mailbox.displayName, mailbox.primarySmtpAddress);
    text += QStringLiteral("Guid %1\n\n").arg(mailbox.guid.toString(QUuid::WithoutBraces));
    for (const LayerFinding &finding : readiness.layers) {
        text += padded(machineName(finding.layer), 24) + padded(machineName(finding.effect), 12) +
                padded(machineName(layerScope(finding.layer)), 7) + finding.detail + QLatin1Char('\n');
    }
    text += QLatin1Char('\n');
    text += verdictLine(QStringLiteral("OAuth clients:"), readiness.oauth) + QLatin1Char('\n');
    text += verdictLine(QStringLiteral("Basic clients now:"), readiness.basicNow) + QLatin1Char('\n');
    text += verdictLine(QStringLiteral("Basic after the cutoff:"), readiness.basicAfterCutoff) +
            QLatin1Char('\n');
    return text;
}

// The table form of `readiness`: the headline, the sources, the counts, then one line per mailbox.
QString readinessTable(const ReadinessReport &report, const MailboxStore &store, const QList<int> &rows)
{
    QString text = report.headline() + QStringLiteral("\n\nSources:\n");
    for (const ReadinessReport::SourceLine &line : report.sources()) {
        text += QStringLiteral("  ") + padded(UsageEvidence::machineName(line.source), 18) +
                padded(line.state, 13) + line.detail + QLatin1Char('\n');
    }
    text += QStringLiteral("\nMailboxes per class:\n");
    for (ReadinessClass readinessClass : kReadinessClasses) {
        text += QStringLiteral("  ") + padded(machineName(readinessClass), 18) +
                QString::number(report.count(readinessClass)) + QLatin1Char('\n');
    }
    // What the sources name but no mailbox matches: listed, never dropped (users without a mailbox,
    // senders with another address, deleted users).
    for (UsageEvidence::Source source :
         {UsageEvidence::Source::UsageReport, UsageEvidence::Source::SignInLogs,
          UsageEvidence::Source::SmtpAuthReport}) {
        const ReadinessReport::Unmatched &unmatched = report.unmatched(source);
        if (unmatched.count == 0)
            continue;
        text += QStringLiteral("\nMatched no mailbox in %1 (%2):\n")
                    .arg(UsageEvidence::machineName(source))
                    .arg(unmatched.count);
        for (const QString &identifier : unmatched.identifiers)
            text += QStringLiteral("  ") + identifier + QLatin1Char('\n');
    }
    if (rows.isEmpty())
        return text;
    text += QLatin1Char('\n') + padded(QStringLiteral("CLASS"), 18) + padded(QStringLiteral("ADDRESS"), 40) +
            padded(QStringLiteral("EFFECTIVE"), 19) + padded(QStringLiteral("BASIC NOW"), 11) +
            padded(QStringLiteral("DECIDED BY"), 22) + padded(QStringLiteral("SIGN-INS"), 10) +
            QStringLiteral("LAST BASIC SIGN-IN\n");
    for (int row : rows) {
        const ReadinessReport::Row &entry = report.rowForMailbox(row);
        const Effective effective = resolveEffective(store.smtpAuthOverride(row), report.orgSetting());
        const std::optional<ReadinessLayer> layer = ReadinessReport::decidedBy(entry);
        text +=
            padded(machineName(entry.readinessClass), 18) +
            padded(store.primarySmtpAddress(row).toString(), 40) +
            padded(machineName(effective.state) + QLatin1Char('/') + machineName(effective.source), 19) +
            padded(machineName(entry.basicNow.verdict()), 11) +
            padded(layer ? machineName(*layer) : QStringLiteral("-"), 22) +
            padded(QStringLiteral("%1/%2").arg(entry.basicSignIns).arg(entry.basicFailures), 10) +
            (entry.lastBasicSignInMs == 0
                 ? QStringLiteral("-")
                 : QDateTime::fromMSecsSinceEpoch(entry.lastBasicSignInMs, Qt::UTC).toString(Qt::ISODate)) +
            QLatin1Char('\n');
    }
    return text;
}

} // namespace

ReadinessCommands::ReadinessCommands(const QCommandLineParser &parser, const QStringList &arguments,
                                     SignedInSession *session, Finish finish, QObject *parent)
    : QObject(parent), m_parser(parser), m_arguments(arguments), m_session(session),
      m_finish(std::move(finish))
{
}

ReadinessCommands::~ReadinessCommands() = default;

void ReadinessCommands::runWhy()
{
    m_pending = 3;
    lookUpMailbox();
    readOrgSetting();
    readDirectory();
}

void ReadinessCommands::lookUpMailbox()
{
    const QString identifier = m_arguments.value(0);
    InvokeCommandCall *call = m_session->client()->invoke(CasMailboxRequests::getMailbox(identifier));
    connect(call, &InvokeCommandCall::finished, this, [this, call, identifier] {
        call->deleteLater();
        if (m_failed)
            return;
        const ExchangeError &error = call->error();
        if (error.isObjectNotFound() || (!error.isError() && call->objects().isEmpty())) {
            m_failed = true;
            m_finish(CliApplication::ExitUsage, tr("mailbox '%1' was not found").arg(identifier));
            return;
        }
        if (error.isError()) {
            m_failed = true;
            m_finish(CliApplication::exitCodeFor(error),
                     tr("could not look up '%1': %2").arg(identifier, error.userMessage()));
            return;
        }
        if (call->objects().size() > 1) {
            m_failed = true;
            m_finish(CliApplication::ExitUsage, tr("'%1' matches %2 mailboxes; use the address or Guid")
                                                    .arg(identifier)
                                                    .arg(call->objects().size()));
            return;
        }
        QString why;
        m_mailbox = CasMailboxMapper::fromObject(call->objects().constFirst(), &why);
        if (!m_mailbox) {
            m_failed = true;
            m_finish(CliApplication::ExitServerOrNetwork, tr("'%1': %2").arg(identifier, why));
            return;
        }
        whenAllRead();
    });
}

void ReadinessCommands::readOrgSetting()
{
    InvokeCommandCall *call = m_session->client()->invoke(CasMailboxRequests::getTransportConfig());
    connect(call, &InvokeCommandCall::finished, this, [this, call] {
        call->deleteLater();
        if (m_failed)
            return;
        OrgSetting org;
        if (call->error().isError()) {
            m_failed = true;
            m_finish(CliApplication::exitCodeFor(call->error()), call->error().userMessage());
            return;
        }
        if (call->objects().size() != 1 ||
            !orgSettingFromWire(
                call->objects().constFirst().value(QLatin1String("SmtpClientAuthenticationDisabled")),
                &org)) {
            m_failed = true;
            m_finish(CliApplication::ExitServerOrNetwork,
                     tr("the server's Get-TransportConfig answer has no readable "
                        "SmtpClientAuthenticationDisabled value"));
            return;
        }
        m_org = org;
        whenAllRead();
    });
}

void ReadinessCommands::readDirectory()
{
    m_directory = new DirectoryLoader(m_session, this);
    connect(m_directory, &DirectoryLoader::finished, this, &ReadinessCommands::whenAllRead);
    m_directory->start();
}

void ReadinessCommands::whenAllRead()
{
    if (m_failed || --m_pending > 0)
        return;
    std::shared_ptr<TenantDirectory> directory = m_directory->directory();
    const QDate today = QDateTime::currentDateTimeUtc().date();
    const ReadinessEvaluator probe(*directory, today);
    if (!probe.rolesMatter() || m_mailbox->externalDirectoryObjectId.isNull() || !m_session) {
        explain();
        return;
    }
    // A policy scoped to directory roles: this one user's roles decide it (never read for everyone).
    DirectoryLoader::readUserRoles(m_session->graph(), directory, m_mailbox->externalDirectoryObjectId, this,
                                   [this] { explain(); });
}

void ReadinessCommands::explain()
{
    const std::shared_ptr<TenantDirectory> directory = m_directory->directory();
    const ReadinessEvaluator evaluator(*directory, QDateTime::currentDateTimeUtc().date());
    const MailboxReadiness readiness = evaluator.evaluate(*m_mailbox, *m_org);
    if (m_parser.value(QStringLiteral("format")) == QLatin1String("json")) {
        writeStdout(QJsonDocument(readiness.toWhyJson(m_mailbox->guid, m_mailbox->primarySmtpAddress,
                                                      m_mailbox->displayName))
                        .toJson(QJsonDocument::Indented));
    } else {
        writeStdout(whyTable(*m_mailbox, readiness).toUtf8());
    }
    for (const QString &problem : m_directory->problems())
        writeStderrLine(QStringLiteral("smtpauth-cli: not read: ") + problem);
    if (m_directory->graphInteractionRequired()) {
        m_finish(CliApplication::ExitNotSignedIn, tr("the readiness data in Microsoft Graph needs your "
                                                     "consent first; run: smtpauth-cli signin --graph"));
        return;
    }
    m_finish(CliApplication::ExitOk, QString());
}

void ReadinessCommands::runReadiness()
{
    // The imported report first: a file that is not one is the person's mistake, said before any request.
    const QString reportFile = m_parser.value(QStringLiteral("smtp-report"));
    if (!reportFile.isEmpty()) {
        QFile file(reportFile);
        if (!file.open(QIODevice::ReadOnly)) {
            m_finish(CliApplication::ExitUsage, tr("cannot read %1: %2").arg(reportFile, file.errorString()));
            return;
        }
        m_smtpReport = std::make_shared<SmtpAuthClientsReport>(SmtpAuthClientsReport::parse(file.readAll()));
        if (!m_smtpReport->ok()) {
            m_finish(CliApplication::ExitUsage, tr("%1: %2").arg(reportFile, m_smtpReport->error()));
            return;
        }
        for (const QString &warning : m_smtpReport->warnings())
            writeStderrLine(QStringLiteral("smtpauth-cli: %1: %2").arg(reportFile, warning));
    }
    UsageEvidenceLoader::Options options;
    options.periodDays = UsageEvidenceLoader::periodDaysFromName(
        m_parser.isSet(QStringLiteral("period")) ? m_parser.value(QStringLiteral("period"))
                                                 : QStringLiteral("D30"));
    options.signInDays = m_parser.isSet(QStringLiteral("sign-in-days"))
                             ? m_parser.value(QStringLiteral("sign-in-days")).toInt()
                             : UsageEvidenceLoader::kSignInRetentionDays;

    m_mailboxes = new MailboxTableModel(this);
    m_tenant = new TenantLoader(m_session->client(), this);
    m_directory = new DirectoryLoader(m_session, this);
    m_usage = new UsageEvidenceLoader(m_session->graph(), options, this);
    connect(m_tenant, &TenantLoader::orgSettingLoaded, m_mailboxes, &MailboxTableModel::setOrgSetting);
    connect(m_tenant, &TenantLoader::mailboxesReceived, m_mailboxes, &MailboxTableModel::appendMailboxes);
    connect(m_tenant, &TenantLoader::restarted, this, [this](const QString &reason) {
        writeStderrLine(
            QStringLiteral("smtpauth-cli: the server's paging expired; reading all mailboxes again (%1)")
                .arg(reason));
        m_mailboxes->clear();
    });
    connect(m_tenant, &TenantLoader::failed, this, [this](const ExchangeError &error) {
        m_failed = true;
        m_directory->abort();
        m_usage->abort();
        if (m_addresses)
            m_addresses->abort();
        m_finish(CliApplication::exitCodeFor(error), error.userMessage());
    });
    if (stderrIsTerminal()) {
        connect(m_usage, &UsageEvidenceLoader::progress, this,
                [](const QString &what) { writeStderrLine(what); });
        connect(m_tenant, &TenantLoader::progress, this,
                [](int count) { writeStderrLine(QStringLiteral("Read %1 mailboxes...").arg(count)); });
    }
    m_pending = 3;
    connect(m_tenant, &TenantLoader::finished, this, &ReadinessCommands::readinessReadAll);
    connect(m_directory, &DirectoryLoader::finished, this, &ReadinessCommands::readinessReadAll);
    connect(m_usage, &UsageEvidenceLoader::finished, this, &ReadinessCommands::readinessReadAll);
    if (m_smtpReport) {
        // The report's senders may name any SMTP address of a mailbox (readiness.md §2): the addresses
        // are read beside the list (not with it: most runs import no report), before the report is built.
        m_addresses = new MailboxAddressLoader(m_session->client(), this);
        ++m_pending;
        connect(m_addresses, &MailboxAddressLoader::finished, this, &ReadinessCommands::readinessReadAll);
        if (stderrIsTerminal())
            connect(m_addresses, &MailboxAddressLoader::progress, this,
                    [](const QString &what) { writeStderrLine(what); });
    }
    m_tenant->start();
    m_directory->start();
    m_usage->start();
    if (m_addresses)
        m_addresses->start();
}

void ReadinessCommands::readinessReadAll()
{
    if (m_failed || --m_pending > 0)
        return;
    printReadiness();
}

void ReadinessCommands::printReadiness()
{
    const std::shared_ptr<TenantDirectory> directory = m_directory->directory();
    m_mailboxes->setReadinessContext(directory, QDateTime::currentDateTimeUtc().date());
    const MailboxStore &store = m_mailboxes->store();
    QList<int> all;
    all.reserve(store.size());
    for (int row = 0; row < store.size(); ++row)
        all.append(row);

    UsageEvidence evidence = m_usage->evidence();
    if (m_smtpReport) {
        evidence.smtpAuthReport = m_smtpReport.get();
        evidence.smtpAuthReportStatus = SourceStatus::read(QDateTime::currentDateTimeUtc());
        evidence.smtpAddresses = m_addresses->index().get();
        evidence.smtpAddressesStatus = m_addresses->status();
        if (!m_addresses->status().isRead())
            writeStderrLine(QStringLiteral("smtpauth-cli: the mailboxes' addresses were not read, so the "
                                           "report's senders are matched by primary address and UPN only: ") +
                            m_addresses->status().reason);
    } else {
        evidence.smtpAuthReportStatus.reason = tr("not imported: export it in the Exchange admin center "
                                                  "(Reports > Mail flow > SMTP AUTH clients) and "
                                                  "pass --smtp-report FILE.csv");
    }
    const ReadinessReport report =
        ReadinessReport::build(store, m_mailboxes->orgSetting(), m_mailboxes->basicNowOf(all),
                               directory.get(), evidence, CutoffCalendar());
    QList<ReadinessClass> classes;
    for (const QString &value : m_parser.values(QStringLiteral("class"))) {
        for (const QString &name : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            ReadinessClass readinessClass;
            if (readinessClassFromName(name.trimmed(), &readinessClass))
                classes.append(readinessClass);
        }
    }
    const QList<int> rows = report.rowsOfClasses(classes);

    const QString format = m_parser.value(QStringLiteral("format"));
    const QString outputFile = m_parser.value(QStringLiteral("output"));
    if (format == QLatin1String("pdf")) {
        const QString upn = m_session->account().userPrincipalName;
        const ReadinessPdfReport pdf(report, store, upn.mid(upn.indexOf(QLatin1Char('@')) + 1));
        QString problem;
        if (!pdf.write(outputFile, &problem)) {
            m_finish(CliApplication::ExitServerOrNetwork, problem);
            return;
        }
        writeStderrLine(tr("Wrote the readiness report to %1.").arg(outputFile));
        writeStderrLine(report.headline());
        m_finish(CliApplication::ExitOk, QString());
        return;
    }
    QByteArray output;
    if (format == QLatin1String("json"))
        output = QJsonDocument(report.toJson(store, rows)).toJson(QJsonDocument::Indented);
    else if (format == QLatin1String("csv"))
        output = report.toCsv(store, rows, m_usage->signIns().get());
    else
        output = readinessTable(report, store, rows).toUtf8();

    if (outputFile.isEmpty()) {
        writeStdout(output);
    } else {
        QSaveFile file(outputFile);
        if (!file.open(QIODevice::WriteOnly) || file.write(output) != output.size() || !file.commit()) {
            m_finish(CliApplication::ExitServerOrNetwork,
                     tr("cannot write %1: %2").arg(outputFile, file.errorString()));
            return;
        }
        writeStderrLine(tr("Wrote %1 mailboxes to %2.").arg(rows.size()).arg(outputFile));
    }
    for (const QString &problem : m_directory->problems())
        writeStderrLine(QStringLiteral("smtpauth-cli: not read (basicNow may be unknown): ") + problem);
    for (const ReadinessReport::SourceLine &line : report.sources()) {
        if (line.state == QLatin1String("unavailable"))
            writeStderrLine(QStringLiteral("smtpauth-cli: %1 unavailable: %2")
                                .arg(UsageEvidence::machineName(line.source), line.detail));
    }
    if (m_directory->graphInteractionRequired() || m_usage->graphInteractionRequired())
        writeStderrLine(QStringLiteral(
            "smtpauth-cli: to read the readiness data in Microsoft Graph, run: smtpauth-cli signin --graph"));
    writeStderrLine(report.headline());
    // readiness.md §4: an unavailable source is not an error; the sources say what was missing.
    m_finish(m_tenant->skippedCount() > 0 ? CliApplication::ExitSomeFailed : CliApplication::ExitOk,
             QString());
}

} // namespace smtpauth
