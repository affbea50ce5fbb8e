#include "readinesscommands.h"

#include "casmailboxmapper.h"
#include "casmailboxrequests.h"
#include "cliapplication.h"
#include "directoryloader.h"
#include "invokecommandcall.h"
#include "invokecommandclient.h"
#include "readinessevaluator.h"
#include "signedinsession.h"
#include "tenantdirectory.h"
#include "terminaloutput.h"

#include <QJsonDocument>
#include <QJsonObject>

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
        text += padded(machineName(finding.layer), 24) + padded(machineName(finding.effect), 12)
            + padded(machineName(layerScope(finding.layer)), 7) + finding.detail + QLatin1Char('\n');
    }
    text += QLatin1Char('\n');
    text += verdictLine(QStringLiteral("OAuth clients:"), readiness.oauth) + QLatin1Char('\n');
    text += verdictLine(QStringLiteral("Basic clients now:"), readiness.basicNow) + QLatin1Char('\n');
    text += verdictLine(QStringLiteral("Basic after the cutoff:"), readiness.basicAfterCutoff) + QLatin1Char('\n');
    return text;
}

} // namespace

ReadinessCommands::ReadinessCommands(const QCommandLineParser &parser, const QStringList &arguments,
                                     SignedInSession *session, Finish finish, QObject *parent)
    : QObject(parent), m_parser(parser), m_arguments(arguments), m_session(session), m_finish(std::move(finish))
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
        if (call->objects().size() != 1
            || !orgSettingFromWire(call->objects().constFirst().value(QLatin1String("SmtpClientAuthenticationDisabled")),
                                   &org)) {
            m_failed = true;
            m_finish(CliApplication::ExitServerOrNetwork,
                     tr("the server's Get-TransportConfig answer has no readable SmtpClientAuthenticationDisabled value"));
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
        m_finish(CliApplication::ExitNotSignedIn,
                 tr("the readiness data in Microsoft Graph needs your consent first; run: smtpauth-cli signin --graph"));
        return;
    }
    m_finish(CliApplication::ExitOk, QString());
}

} // namespace smtpauth
