// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "cli/cliapplication.h"

#include "auth/graphpermission.h"
#include "auth/tokenprovider.h"
#include "cli/changecommands.h"
#include "cli/readinesscommands.h"
#include "cli/terminaloutput.h"
#include "engine/applicationregistration.h"
#include "engine/directoryloader.h"
#include "engine/graphconsent.h"
#include "engine/interactivesignin.h"
#include "engine/profileruntime.h"
#include "engine/proxyconfiguration.h"
#include "engine/signedinsession.h"
#include "engine/tenantloader.h"
#include "engine/usageevidenceloader.h"
#include "exchange/casmailboxrequests.h"
#include "exchange/invokecommandcall.h"
#include "exchange/invokecommandclient.h"
#include "models/changejournal.h"
#include "models/mailboxfiltermodel.h"
#include "models/mailboxlistexport.h"
#include "models/mailboxtablemodel.h"
#include "models/readinessclass.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QProcess>
#include <QTimer>

namespace smtpauth {

namespace {

// Options of product.md, and the commands that accept each one (global ones: every command).
struct OptionSpec
{
    QString name;
    QString valueName; // empty: a switch
    QString description;
    QStringList commands; // empty: global
};

const QList<OptionSpec> &optionSpecs()
{
    static const QList<OptionSpec> specs = {
        {QStringLiteral("profile"),
         QStringLiteral("NAME"),
         QStringLiteral("Profile to use (default: default)."),
         {}},
        {QStringLiteral("data-dir"),
         QStringLiteral("DIR"),
         QStringLiteral("Base directory for profile data."),
         {}},
        {QStringLiteral("tenant"),
         QStringLiteral("T"),
         QStringLiteral("Tenant GUID or domain (signin)."),
         {}},
        {QStringLiteral("cloud"),
         QStringLiteral("global|gcchigh|dod|china"),
         QStringLiteral("Microsoft cloud (signin)."),
         {}},
        {QStringLiteral("api-base"),
         QStringLiteral("URL"),
         QStringLiteral("Exchange admin API base URL (custom cloud)."),
         {}},
        {QStringLiteral("authority"),
         QStringLiteral("URL"),
         QStringLiteral("Identity authority URL (custom cloud)."),
         {}},
        {QStringLiteral("graph-base"),
         QStringLiteral("URL"),
         QStringLiteral("Microsoft Graph base URL (custom cloud; default: the API base)."),
         {}},
        {QStringLiteral("client-id"),
         QStringLiteral("ID"),
         QStringLiteral("Application (client) id of the console's registration."),
         {}},
        {QStringLiteral("demo"),
         {},
         QStringLiteral("Use the embedded demo tenant, signed in as its admin."),
         {}},
        {QStringLiteral("verbose"),
         {},
         QStringLiteral("Log requests and sign-in steps on stderr (never tokens)."),
         {}},
        {QStringLiteral("proxy"),
         QStringLiteral("URL"),
         QStringLiteral("Proxy for every request (default: the system's)."),
         {}},
        {QStringLiteral("demo-reset"), {}, QStringLiteral("With --demo: start the demo tenant over."), {}},
        {QStringLiteral("no-browser"),
         {},
         QStringLiteral("Print the sign-in URL on stderr instead of opening a browser."),
         {QStringLiteral("signin")}},
        {QStringLiteral("user"),
         QStringLiteral("UPN"),
         QStringLiteral("Account to sign in with (login hint)."),
         {QStringLiteral("signin")}},
        {QStringLiteral("timeout"),
         QStringLiteral("SECONDS"),
         QStringLiteral("Give up signing in after this long (default 300)."),
         {QStringLiteral("signin")}},
        {QStringLiteral("graph"),
         {},
         QStringLiteral("Allow access to the readiness data in Microsoft Graph (consent, in the browser)."),
         {QStringLiteral("signin")}},
        {QStringLiteral("effective"),
         QStringLiteral("enabled|disabled"),
         QStringLiteral("Only mailboxes with this effective state."),
         {QStringLiteral("list")}},
        {QStringLiteral("source"),
         QStringLiteral("org|mailbox"),
         QStringLiteral("Only mailboxes whose state comes from here."),
         {QStringLiteral("list")}},
        {QStringLiteral("search"),
         QStringLiteral("TEXT"),
         QStringLiteral("Only mailboxes whose name or address contains TEXT."),
         {QStringLiteral("list")}},
        {QStringLiteral("basic-now"),
         QStringLiteral("allowed|blocked|unknown"),
         QStringLiteral("Only mailboxes whose Basic clients are allowed, blocked or unknown now."),
         {QStringLiteral("list")}},
        {QStringLiteral("period"),
         QStringLiteral("D7|D30|D90|D180"),
         QStringLiteral("The usage report's period (default D30)."),
         {QStringLiteral("readiness")}},
        {QStringLiteral("sign-in-days"),
         QStringLiteral("N"),
         QStringLiteral("Days of Basic sign-ins to read (default 30, the retention of sign-in logs)."),
         {QStringLiteral("readiness")}},
        {QStringLiteral("smtp-report"),
         QStringLiteral("FILE.csv"),
         QStringLiteral("The SMTP AUTH clients report exported from the Exchange admin center; its "
                        "senders are matched to any SMTP address of a mailbox (read for it)."),
         {QStringLiteral("readiness")}},
        {QStringLiteral("class"),
         QStringLiteral("CLASS"),
         QStringLiteral("Only mailboxes of this readiness class (repeatable, or comma-separated)."),
         {QStringLiteral("readiness")}},
        {QStringLiteral("format"),
         QStringLiteral("table|csv|json"),
         QStringLiteral("Output format (default table); readiness also writes pdf (with --output)."),
         {QStringLiteral("list"), QStringLiteral("org"), QStringLiteral("whoami"), QStringLiteral("history"),
          QStringLiteral("why"), QStringLiteral("readiness"), QStringLiteral("set"), QStringLiteral("apply"),
          QStringLiteral("undo")}},
        {QStringLiteral("to"),
         QStringLiteral("enabled|disabled|inherit"),
         QStringLiteral("The new mailbox value (set)."),
         {QStringLiteral("set")}},
        {QStringLiteral("reason"),
         QStringLiteral("TEXT"),
         QStringLiteral("Why: recorded in the journal with the change."),
         {QStringLiteral("set"), QStringLiteral("org"), QStringLiteral("undo")}},
        {QStringLiteral("ticket"),
         QStringLiteral("ID"),
         QStringLiteral("Ticket number recorded with the change."),
         {QStringLiteral("set"), QStringLiteral("org"), QStringLiteral("undo")}},
        {QStringLiteral("dry-run"),
         {},
         QStringLiteral("Show the plan; send and record nothing."),
         {QStringLiteral("set"), QStringLiteral("org"), QStringLiteral("apply"), QStringLiteral("undo")}},
        {QStringLiteral("force"),
         {},
         QStringLiteral("Send even where the server value changed since it was seen."),
         {QStringLiteral("set"), QStringLiteral("org"), QStringLiteral("undo")}},
        {QStringLiteral("since"),
         QStringLiteral("ISO8601"),
         QStringLiteral("History from this time (UTC)."),
         {QStringLiteral("history")}},
        {QStringLiteral("until"),
         QStringLiteral("ISO8601"),
         QStringLiteral("History up to this time (UTC)."),
         {QStringLiteral("history")}},
        {QStringLiteral("mailbox"),
         QStringLiteral("X"),
         QStringLiteral("History of one mailbox (address or Guid)."),
         {QStringLiteral("history")}},
        {QStringLiteral("operator"),
         QStringLiteral("UPN"),
         QStringLiteral("History of one operator."),
         {QStringLiteral("history")}},
        {QStringLiteral("outcome"),
         QStringLiteral("STATE"),
         QStringLiteral("History of changes in this state."),
         {QStringLiteral("history")}},
        {QStringLiteral("output"),
         QStringLiteral("FILE"),
         QStringLiteral("Write the document to FILE (history, readiness)."),
         {QStringLiteral("history"), QStringLiteral("readiness")}},
    };
    return specs;
}

const QStringList &knownCommands()
{
    static const QStringList commands = {
        QStringLiteral("signin"),  QStringLiteral("signout"), QStringLiteral("whoami"),
        QStringLiteral("org"),     QStringLiteral("list"),    QStringLiteral("set"),
        QStringLiteral("apply"),   QStringLiteral("undo"),    QStringLiteral("history"),
        QStringLiteral("journal"), QStringLiteral("why"),     QStringLiteral("readiness")};
    return commands;
}

void printOut(const QByteArray &bytes)
{
    writeStdout(bytes);
}

void printErr(const QString &line)
{
    writeStderrLine(line);
}

} // namespace

CliApplication::CliApplication(QObject *parent) : QObject(parent)
{
    addOptions();
}

CliApplication::~CliApplication()
{
    // Commands and loaders hold requests sent through the runtime's network manager: they go first.
    ProfileRuntime::deleteChildrenExcept(this, m_runtime);
    delete m_runtime;
}

void CliApplication::addOptions()
{
    m_parser.setApplicationDescription(QStringLiteral(
        "SMTP AUTH Console command line: review and change who may use SMTP AUTH in Exchange Online.\n\n"
        "Commands:\n"
        "  signin [--no-browser] [--user UPN]   sign in (authorization code + PKCE)\n"
        "  signin --graph                       allow access to the readiness data (Microsoft Graph)\n"
        "  signout                              forget this profile's tokens\n"
        "  whoami                               account, tenant, role, token expiry\n"
        "  org                                  the organization's SMTP AUTH setting\n"
        "  org set enabled|disabled --reason TEXT [--ticket ID] [--dry-run]\n"
        "  list [--effective S] [--source S] [--search TEXT] [--basic-now V] [--format table|csv|json]\n"
        "  set MAILBOX... --to enabled|disabled|inherit --reason TEXT [--ticket ID] [--dry-run]\n"
        "  apply FILE.csv [--dry-run]             columns: mailbox,to,reason[,ticket]\n"
        "  undo CHANGE_OR_BATCH_ID [--reason TEXT] [--dry-run]\n"
        "  history [--since T] [--until T] [--mailbox X] [--operator UPN] [--outcome S]\n"
        "          [--format table|csv|json] [--output FILE]\n"
        "  journal verify                         check the journal's integrity\n"
        "  why MAILBOX [--format table|json]      every layer that decides whether it can send\n"
        "  readiness [--period D7|D30|D90|D180] [--sign-in-days N] [--smtp-report FILE.csv]\n"
        "            [--class CLASS]... [--format table|csv|json|pdf] [--output FILE]\n"
        "                                         who still uses Basic and what the cutoff does to each "
        "mailbox\n\n"
        "Exit codes: 0 done; 1 some changes failed; 2 usage error; 3 not signed in / auth failed;\n"
        "4 permission denied; 5 conflict; 6 server or network failure."));
    m_parser.addHelpOption();
    m_parser.addVersionOption();
    for (const OptionSpec &spec : optionSpecs()) {
        QCommandLineOption option(spec.name, spec.description);
        if (!spec.valueName.isEmpty())
            option.setValueName(spec.valueName);
        m_parser.addOption(option);
    }
    m_parser.addPositionalArgument(QStringLiteral("command"),
                                   QStringLiteral("signin, signout, whoami, list, why, readiness, org, set, "
                                                  "apply, undo, history or journal."));
}

QString CliApplication::checkReadinessOptions() const
{
    if (m_parser.isSet(QStringLiteral("period")) &&
        UsageEvidenceLoader::periodDaysFromName(m_parser.value(QStringLiteral("period"))) == 0)
        return QStringLiteral("--period must be D7, D30, D90 or D180, not '%1'")
            .arg(m_parser.value(QStringLiteral("period")));
    if (m_parser.isSet(QStringLiteral("sign-in-days"))) {
        bool ok = false;
        const int days = m_parser.value(QStringLiteral("sign-in-days")).toInt(&ok);
        if (!ok || days < 1)
            return QStringLiteral("--sign-in-days must be a whole number of days from 1, not '%1'")
                .arg(m_parser.value(QStringLiteral("sign-in-days")));
    }
    for (const QString &value : m_parser.values(QStringLiteral("class"))) {
        for (const QString &name : value.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            ReadinessClass readinessClass;
            if (!readinessClassFromName(name.trimmed(), &readinessClass)) {
                QStringList names;
                for (ReadinessClass known : kReadinessClasses)
                    names.append(machineName(known));
                return QStringLiteral("--class '%1' is not a readiness class; the classes are %2")
                    .arg(name.trimmed(), names.join(QStringLiteral(", ")));
            }
        }
    }
    return {};
}

int CliApplication::usageError(const QString &message)
{
    printErr(QStringLiteral("smtpauth-cli: ") + message);
    printErr(QStringLiteral("Try 'smtpauth-cli --help'."));
    return ExitUsage;
}

bool CliApplication::checkOptionsBelongTo(const QString &command)
{
    for (const OptionSpec &spec : optionSpecs()) {
        if (!spec.commands.isEmpty() && !spec.commands.contains(command) && m_parser.isSet(spec.name)) {
            usageError(QStringLiteral("option --%1 does not apply to '%2'").arg(spec.name, command));
            return false;
        }
    }
    return true;
}

int CliApplication::start(const QStringList &arguments)
{
    if (!m_parser.parse(arguments))
        return usageError(m_parser.errorText());
    if (m_parser.isSet(QStringLiteral("help"))) {
        printOut(m_parser.helpText().toUtf8());
        return ExitOk;
    }
    if (m_parser.isSet(QStringLiteral("version"))) {
        printOut(QCoreApplication::applicationName().toUtf8() + ' ' +
                 QCoreApplication::applicationVersion().toUtf8() + '\n');
        return ExitOk;
    }
    // Scripts read stderr for messages; the request log is opt-in (QT_LOGGING_RULES still wins).
    if (!m_parser.isSet(QStringLiteral("verbose")) && qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("smtpauth.*.info=false\nsmtpauth.*.debug=false"));
    else if (m_parser.isSet(QStringLiteral("verbose")))
        QLoggingCategory::setFilterRules(QStringLiteral("smtpauth.*.debug=true"));
    if (QString proxyProblem;
        !ProxyConfiguration::apply(m_parser.value(QStringLiteral("proxy")), &proxyProblem))
        return usageError(proxyProblem);
    const QStringList positional = m_parser.positionalArguments();
    if (positional.isEmpty())
        return usageError(QStringLiteral("no command given"));
    m_command = positional.first();
    m_commandArguments = positional.mid(1);
    if (!knownCommands().contains(m_command))
        return usageError(QStringLiteral("unknown command '%1'").arg(m_command));
    if (const QString problem = checkArguments(); !problem.isEmpty())
        return usageError(problem);
    if (!checkOptionsBelongTo(m_command))
        return ExitUsage;
    const QString format = m_parser.value(QStringLiteral("format"));
    if (format == QLatin1String("pdf") && m_command == QLatin1String("readiness")) {
        if (!m_parser.isSet(QStringLiteral("output")))
            return usageError(QStringLiteral("--format pdf needs --output FILE.pdf"));
    } else if (!format.isEmpty() && format != QLatin1String("table") && format != QLatin1String("csv") &&
               format != QLatin1String("json")) {
        return usageError(QStringLiteral("--format must be table, csv or json, not '%1'").arg(format));
    }
    if (m_parser.isSet(QStringLiteral("demo-reset")) && !m_parser.isSet(QStringLiteral("demo")))
        return usageError(QStringLiteral("--demo-reset goes with --demo"));

    const QString dataDir = m_parser.value(QStringLiteral("data-dir"));
    if (m_parser.isSet(QStringLiteral("demo"))) {
        if (m_parser.isSet(QStringLiteral("profile")))
            return usageError(QStringLiteral("--demo uses its own demo profile; --profile does not apply"));
        m_profile = ProfileLocation::forDemo(dataDir);
    } else {
        const QString name = m_parser.isSet(QStringLiteral("profile"))
                                 ? m_parser.value(QStringLiteral("profile"))
                                 : QStringLiteral("default");
        if (!ProfileLocation::isValidName(name))
            return usageError(
                QStringLiteral("profile name '%1' may only use letters, digits, '.', '_' and '-'").arg(name));
        m_profile = ProfileLocation::forProfile(name, dataDir);
    }
    m_runtime = new ProfileRuntime(m_profile, this);
    // --demo-reset removes the demo journal too: the runtime is opened before any journal is.
    if (QString problem; !m_runtime->open(m_parser.isSet(QStringLiteral("demo-reset")), &problem)) {
        printErr(QStringLiteral("smtpauth-cli: ") + problem);
        return ExitServerOrNetwork;
    }
    connect(m_runtime, &ProfileRuntime::signInEnded, this, [this](const QString &reason) {
        failWith(ExitNotSignedIn, QStringLiteral("signed out: %1; run: smtpauth-cli signin").arg(reason));
    });

    if (m_command == QLatin1String("signin") && m_parser.isSet(QStringLiteral("graph"))) {
        withSession([this](SignedInSession *session) { runGraphConsent(session); });
    } else if (m_command == QLatin1String("why")) {
        withSession([this](SignedInSession *session) {
            auto *commands = new ReadinessCommands(
                m_parser, m_commandArguments, session,
                [this](int code, const QString &message) { finishWithMessage(code, message); }, this);
            commands->runWhy();
        });
    } else if (m_command == QLatin1String("readiness")) {
        if (const QString problem = checkReadinessOptions(); !problem.isEmpty())
            return usageError(problem);
        withSession([this](SignedInSession *session) {
            auto *commands = new ReadinessCommands(
                m_parser, m_commandArguments, session,
                [this](int code, const QString &message) { finishWithMessage(code, message); }, this);
            commands->runReadiness();
        });
    } else if (m_command == QLatin1String("signin")) {
        if (m_profile.isDemo())
            withSession([this](SignedInSession *session) {
                printErr(QStringLiteral("Signed in to the demo tenant as %1.")
                             .arg(session->account().userPrincipalName));
                finish(ExitOk);
            });
        else
            runSignIn();
    } else if (m_command == QLatin1String("signout")) {
        runSignOut();
    } else if (m_command == QLatin1String("whoami")) {
        withSession([this](SignedInSession *session) { runWhoAmI(session); });
    } else if (m_command == QLatin1String("org") && m_commandArguments.isEmpty()) {
        withSession([this](SignedInSession *session) { runOrg(session); });
    } else if (m_command == QLatin1String("history") || m_command == QLatin1String("journal")) {
        if (!openJournal())
            return -1;
        const auto done = [this](int code, const QString &message) { finishWithMessage(code, message); };
        if (m_command == QLatin1String("history"))
            ChangeCommands::runHistory(m_parser, m_journal.get(), done);
        else
            ChangeCommands::runVerify(m_journal.get(), done);
    } else if (m_command == QLatin1String("set") || m_command == QLatin1String("apply") ||
               m_command == QLatin1String("undo") || m_command == QLatin1String("org")) {
        if (!openJournal())
            return -1;
        withSession([this](SignedInSession *session) {
            auto *commands = new ChangeCommands(
                m_parser, m_commandArguments, session, m_journal.get(),
                [this](int code, const QString &message) { finishWithMessage(code, message); }, this);
            commands->run(m_command);
        });
    } else if (m_command == QLatin1String("list")) {
        EffectiveState state;
        if (m_parser.isSet(QStringLiteral("effective")) &&
            !effectiveStateFromName(m_parser.value(QStringLiteral("effective")), &state))
            return usageError(QStringLiteral("--effective must be enabled or disabled"));
        StateSource source;
        if (m_parser.isSet(QStringLiteral("source")) &&
            !stateSourceFromName(m_parser.value(QStringLiteral("source")), &source))
            return usageError(QStringLiteral("--source must be org or mailbox"));
        Verdict verdict;
        if (m_parser.isSet(QStringLiteral("basic-now")) &&
            !verdictFromName(m_parser.value(QStringLiteral("basic-now")), &verdict))
            return usageError(QStringLiteral("--basic-now must be allowed, blocked or unknown"));
        withSession([this](SignedInSession *session) { runList(session); });
    }
    return -1;
}

void CliApplication::finish(int exitCode)
{
    if (m_finished)
        return;
    m_finished = true;
    // Queued: the command may finish before the event loop has even started, or inside a handler.
    QTimer::singleShot(0, QCoreApplication::instance(), [exitCode] { QCoreApplication::exit(exitCode); });
}

void CliApplication::finishWithMessage(int exitCode, const QString &message)
{
    if (!message.isEmpty())
        printErr(exitCode == ExitOk ? message : QStringLiteral("smtpauth-cli: ") + message);
    finish(exitCode);
}

bool CliApplication::openJournal()
{
    m_journal = std::make_unique<ChangeJournal>();
    QString error;
    if (!m_journal->open(m_runtime->journalPath(), &error)) {
        failWith(ExitServerOrNetwork, QStringLiteral("cannot open the journal: ") + error);
        return false;
    }
    return true;
}

QString CliApplication::checkArguments() const
{
    const int count = int(m_commandArguments.size());
    const auto need = [this](const char *name) {
        return m_parser.value(QString::fromLatin1(name)).trimmed().isEmpty();
    };
    if (m_command == QLatin1String("set")) {
        if (count == 0)
            return QStringLiteral("set needs at least one MAILBOX");
        if (need("to"))
            return QStringLiteral("set needs --to enabled|disabled|inherit");
        if (need("reason") && !m_parser.isSet(QStringLiteral("dry-run")))
            return QStringLiteral("set needs --reason TEXT (it is recorded with the change)");
        return {};
    }
    if (m_command == QLatin1String("apply"))
        return count == 1 ? QString() : QStringLiteral("apply takes one FILE.csv");
    if (m_command == QLatin1String("why"))
        return count == 1 ? QString()
                          : QStringLiteral(
                                "why takes one MAILBOX (address, UPN, Guid or ExternalDirectoryObjectId)");
    if (m_command == QLatin1String("undo"))
        return count == 1 ? QString() : QStringLiteral("undo takes one change or batch id (C12 or B3)");
    if (m_command == QLatin1String("journal"))
        return count == 1 && m_commandArguments.first() == QLatin1String("verify")
                   ? QString()
                   : QStringLiteral("the journal command is: journal verify");
    if (m_command == QLatin1String("org")) {
        if (count == 0)
            return {};
        if (count != 2 || m_commandArguments.first() != QLatin1String("set"))
            return QStringLiteral("org takes no arguments, or: org set enabled|disabled --reason TEXT");
        if (need("reason") && !m_parser.isSet(QStringLiteral("dry-run")))
            return QStringLiteral("org set needs --reason TEXT (it is recorded with the change)");
        return {};
    }
    if (count > 0)
        return QStringLiteral("'%1' takes no arguments, got '%2'").arg(m_command, m_commandArguments.first());
    return {};
}

void CliApplication::failWith(int exitCode, const QString &message)
{
    printErr(QStringLiteral("smtpauth-cli: ") + message);
    finish(exitCode);
}

int CliApplication::exitCodeFor(const ExchangeError &error)
{
    switch (error.category()) {
    case ExchangeError::Category::None:
        return ExitOk;
    case ExchangeError::Category::Unauthorized:
        return ExitNotSignedIn;
    case ExchangeError::Category::Forbidden:
        return ExitPermissionDenied;
    case ExchangeError::Category::Cancelled:
        return ExitSomeFailed;
    case ExchangeError::Category::Network:
    case ExchangeError::Category::Timeout:
    case ExchangeError::Category::NotFound:
    case ExchangeError::Category::BadRequest:
    case ExchangeError::Category::Throttled:
    case ExchangeError::Category::ServerUnavailable:
    case ExchangeError::Category::PaginationExpired:
    case ExchangeError::Category::Protocol:
    case ExchangeError::Category::InsecureTransport:
        return ExitServerOrNetwork;
    }
    return ExitServerOrNetwork;
}

bool CliApplication::resolveCloud(CloudEnvironment *cloud, QString *problem) const
{
    const bool hasApiBase = m_parser.isSet(QStringLiteral("api-base"));
    const bool hasAuthority = m_parser.isSet(QStringLiteral("authority"));
    if (m_parser.isSet(QStringLiteral("graph-base")) && !hasApiBase) {
        *problem = QStringLiteral("--graph-base goes with --api-base and --authority (a custom cloud)");
        return false;
    }
    if (hasApiBase || hasAuthority) {
        if (!hasApiBase || !hasAuthority) {
            *problem = QStringLiteral("--api-base and --authority go together (a custom cloud needs both)");
            return false;
        }
        if (m_parser.isSet(QStringLiteral("cloud"))) {
            *problem = QStringLiteral("--cloud and --api-base/--authority exclude each other");
            return false;
        }
        const QUrl apiBase(m_parser.value(QStringLiteral("api-base")));
        const QUrl authority(m_parser.value(QStringLiteral("authority")));
        for (const QUrl &url : {apiBase, authority}) {
            if (!url.isValid() || url.host().isEmpty() ||
                (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))) {
                *problem = QStringLiteral("'%1' is not an http(s) URL").arg(url.toString());
                return false;
            }
        }
        const QUrl graphBase(m_parser.value(QStringLiteral("graph-base")));
        if (m_parser.isSet(QStringLiteral("graph-base")) &&
            (!graphBase.isValid() || graphBase.host().isEmpty() ||
             (graphBase.scheme() != QLatin1String("https") && graphBase.scheme() != QLatin1String("http")))) {
            *problem = QStringLiteral("'%1' is not an http(s) URL").arg(graphBase.toString());
            return false;
        }
        *cloud = CloudEnvironment::custom(authority, apiBase, graphBase);
        return true;
    }
    const QString name = m_parser.isSet(QStringLiteral("cloud")) ? m_parser.value(QStringLiteral("cloud"))
                                                                 : QStringLiteral("global");
    const auto known = CloudEnvironment::fromName(name);
    if (!known) {
        *problem = QStringLiteral("--cloud must be global, gcchigh, dod or china, not '%1'").arg(name);
        return false;
    }
    *cloud = *known;
    return true;
}

QString CliApplication::resolveClientId(const CloudEnvironment &cloud, QString *problem) const
{
    return ApplicationRegistration::clientIdFor(cloud, m_parser.value(QStringLiteral("client-id")), problem);
}

void CliApplication::withSession(std::function<void(SignedInSession *)> next)
{
    if (m_profile.isDemo()) {
        QString problem;
        if (!m_runtime->startDemoTenant(&problem)) {
            failWith(ExitServerOrNetwork, QStringLiteral("the demo tenant did not start: ") + problem);
            return;
        }
        InteractiveSignIn *signIn = m_runtime->newDemoSignIn(QStringLiteral("admin"));
        connect(signIn, &InteractiveSignIn::failed, this, [this](const QString &message) {
            failWith(ExitNotSignedIn, QStringLiteral("signing in to the demo tenant failed: ") + message);
        });
        connect(signIn, &InteractiveSignIn::succeeded, this, [this, signIn, next] {
            if (SignedInSession *session = m_runtime->adoptSignIn(signIn))
                next(session);
        });
        signIn->start();
        return;
    }

    const std::optional<AccountProfile> account = m_runtime->rememberedAccount();
    if (!account) {
        failWith(
            ExitNotSignedIn,
            QStringLiteral("not signed in (profile '%1'); run: smtpauth-cli signin").arg(m_profile.name()));
        return;
    }
    if (m_parser.isSet(QStringLiteral("tenant"))) {
        const QString tenant = m_parser.value(QStringLiteral("tenant"));
        // A profile is one tenant; silently answering for another would mislead.
        if (tenant.compare(account->tenantId, Qt::CaseInsensitive) != 0 &&
            !account->userPrincipalName.endsWith(QLatin1Char('@') + tenant, Qt::CaseInsensitive)) {
            printErr(QStringLiteral(
                         "smtpauth-cli: note: profile '%1' is signed in to tenant %2; --tenant %3 is ignored "
                         "(use --profile for another tenant)")
                         .arg(m_profile.name(), account->tenantId, tenant));
        }
    }
    next(m_runtime->restoreSession());
}

void CliApplication::runSignIn()
{
    CloudEnvironment cloud = CloudEnvironment::global();
    QString problem;
    if (!resolveCloud(&cloud, &problem)) {
        finish(usageError(problem));
        return;
    }
    const QString clientId = resolveClientId(cloud, &problem);
    if (clientId.isEmpty()) {
        finish(usageError(problem));
        return;
    }
    bool timeoutOk = true;
    const int timeoutSeconds = m_parser.isSet(QStringLiteral("timeout"))
                                   ? m_parser.value(QStringLiteral("timeout")).toInt(&timeoutOk)
                                   : 300;
    if (!timeoutOk || timeoutSeconds <= 0) {
        finish(usageError(QStringLiteral("--timeout takes a positive number of seconds")));
        return;
    }

    InteractiveSignIn::Options options;
    options.cloud = cloud;
    options.tenant = m_parser.isSet(QStringLiteral("tenant")) ? m_parser.value(QStringLiteral("tenant"))
                                                              : QStringLiteral("organizations");
    options.clientId = clientId;
    options.loginHint = m_parser.value(QStringLiteral("user"));
    options.timeout = std::chrono::seconds(timeoutSeconds);
    const bool noBrowser = m_parser.isSet(QStringLiteral("no-browser"));

    InteractiveSignIn *signIn = m_runtime->newSignIn(options);
    connect(signIn, &InteractiveSignIn::authorizationUrlReady, this, [noBrowser](const QUrl &url) {
        const QString address = url.toString(QUrl::FullyEncoded);
        if (!noBrowser && QProcess::startDetached(QStringLiteral("xdg-open"), {address})) {
            printErr(QStringLiteral("Opened the sign-in page in your browser. If it did not appear, open:"));
        } else {
            printErr(QStringLiteral("Open this address in a browser to sign in:"));
        }
        printErr(address);
        printErr(QStringLiteral("Waiting for the sign-in to finish (Ctrl+C cancels)..."));
    });
    connect(signIn, &InteractiveSignIn::failed, this, [this](const QString &message) {
        failWith(ExitNotSignedIn, QStringLiteral("sign-in failed: ") + message);
    });
    connect(signIn, &InteractiveSignIn::succeeded, this, [this](const AccountProfile &account) {
        printErr(
            QStringLiteral("Signed in as %1 to tenant %2 (%3).")
                .arg(account.userPrincipalName, account.tenantId, ProfileRuntime::roleText(account.role)));
        finish(ExitOk);
    });
    signIn->start();
}

void CliApplication::runGraphConsent(SignedInSession *session)
{
    const bool noBrowser = m_parser.isSet(QStringLiteral("no-browser"));
    GraphConsent::Options options;
    options.headless = m_profile.isDemo();
    auto *consent = new GraphConsent(session, m_runtime->network(), options, this);
    printErr(
        QStringLiteral(
            "Allowing access to the readiness data in Microsoft Graph for %1. The permissions asked for:")
            .arg(session->account().userPrincipalName));
    for (const GraphPermission &permission : GraphPermission::readinessPermissions())
        printErr(QStringLiteral("  %1: %2").arg(permission.name, permission.purpose));
    connect(consent, &GraphConsent::authorizationUrlReady, this, [this, noBrowser](const QUrl &url) {
        if (m_profile.isDemo())
            return;
        const QString address = url.toString(QUrl::FullyEncoded);
        if (!noBrowser && QProcess::startDetached(QStringLiteral("xdg-open"), {address}))
            printErr(QStringLiteral("Opened the consent page in your browser. If it did not appear, open:"));
        else
            printErr(QStringLiteral("Open this address in a browser to allow access:"));
        printErr(address);
        printErr(QStringLiteral("Waiting for the answer (Ctrl+C cancels)..."));
    });
    connect(consent, &GraphConsent::failed, this, [this](const QString &message) {
        failWith(ExitNotSignedIn, QStringLiteral("access was not allowed: ") + message);
    });
    connect(consent, &GraphConsent::succeeded, this, [this] {
        printErr(QStringLiteral(
            "Access to the readiness data is allowed; smtpauth-cli why and the window's readiness "
            "columns can now read it."));
        finish(ExitOk);
    });
    consent->start();
}

void CliApplication::runSignOut()
{
    const std::optional<AccountProfile> account = m_runtime->rememberedAccount();
    m_runtime->signOut([this, account](const SecretStore::Result &result) {
        if (!result.ok() && result.error != SecretStore::ErrorKind::NotFound) {
            failWith(ExitServerOrNetwork,
                     QStringLiteral("signed out, but the keychain entries could not be removed: ") +
                         result.errorMessage);
            return;
        }
        printErr(
            account
                ? QStringLiteral("Signed out %1 (profile '%2').")
                      .arg(account->userPrincipalName, m_profile.name())
                : QStringLiteral("Profile '%1' was not signed in; nothing to remove.").arg(m_profile.name()));
        finish(ExitOk);
    });
}

void CliApplication::runWhoAmI(SignedInSession *session)
{
    session->tokens()->fetchAccessToken([this, session](const AccessTokenSource::Result &token) {
        if (!token.ok) {
            failWith(ExitNotSignedIn, token.errorMessage);
            return;
        }
        const AccountProfile &account = session->account();
        const QDateTime expiry = session->tokens()->accessTokenExpiresAt();
        if (m_parser.value(QStringLiteral("format")) == QLatin1String("json")) {
            QJsonObject object;
            object.insert(QStringLiteral("account"), account.userPrincipalName);
            object.insert(QStringLiteral("name"), account.displayName);
            object.insert(QStringLiteral("tenantId"), account.tenantId);
            object.insert(QStringLiteral("role"), IdTokenClaims::machineName(account.role));
            object.insert(QStringLiteral("roleIds"), QJsonArray::fromStringList(account.roleIds));
            object.insert(QStringLiteral("cloud"), account.cloud);
            object.insert(QStringLiteral("apiBase"), account.apiBase.toString());
            object.insert(QStringLiteral("accessTokenExpires"), expiry.toUTC().toString(Qt::ISODate));
            printOut(QJsonDocument(object).toJson(QJsonDocument::Indented));
        } else {
            printOut(
                QStringLiteral(
                    "Account:       %1 (%2)\nTenant:        %3\nRole:          %4\nCloud:         %5 (%6)\n"
                    "Token expires: %7\n")
                    .arg(account.userPrincipalName, account.displayName, account.tenantId,
                         ProfileRuntime::roleText(account.role), account.cloud, account.apiBase.toString(),
                         expiry.toUTC().toString(Qt::ISODate))
                    .toUtf8());
        }
        finish(ExitOk);
    });
}

void CliApplication::runOrg(SignedInSession *session)
{
    InvokeCommandCall *call = session->client()->invoke(CasMailboxRequests::getTransportConfig());
    connect(call, &InvokeCommandCall::finished, this, [this, call] {
        call->deleteLater();
        if (call->error().isError()) {
            failWith(exitCodeFor(call->error()), call->error().userMessage());
            return;
        }
        OrgSetting org;
        if (call->objects().size() != 1 ||
            !orgSettingFromWire(
                call->objects().constFirst().value(QLatin1String("SmtpClientAuthenticationDisabled")),
                &org)) {
            failWith(ExitServerOrNetwork,
                     QStringLiteral("the server's Get-TransportConfig answer has no readable "
                                    "SmtpClientAuthenticationDisabled value"));
            return;
        }
        const QString format = m_parser.value(QStringLiteral("format"));
        if (format == QLatin1String("json")) {
            QJsonObject object;
            object.insert(QStringLiteral("org"), machineName(org));
            object.insert(QStringLiteral("smtpClientAuthenticationDisabled"), orgSettingToWire(org));
            printOut(QJsonDocument(object).toJson(QJsonDocument::Indented));
        } else if (format == QLatin1String("csv")) {
            printOut("org\r\n" + machineName(org).toUtf8() + "\r\n");
        } else {
            printOut(QStringLiteral(
                         "SMTP AUTH is %1 for the organization (SmtpClientAuthenticationDisabled = %2).\n")
                         .arg(machineName(org),
                              org == OrgSetting::Disabled ? QStringLiteral("true") : QStringLiteral("false"))
                         .toUtf8());
        }
        finish(ExitOk);
    });
}

void CliApplication::runList(SignedInSession *session)
{
    auto *model = new MailboxTableModel(this);
    auto *loader = new TenantLoader(session->client(), this);
    // The readiness layers are read beside the mailboxes (their own requests, the same in-flight limit).
    auto *directory = new DirectoryLoader(session, this);
    const bool showProgress = stderrIsTerminal();
    connect(loader, &TenantLoader::orgSettingLoaded, model, &MailboxTableModel::setOrgSetting);
    connect(loader, &TenantLoader::mailboxesReceived, model, &MailboxTableModel::appendMailboxes);
    connect(loader, &TenantLoader::restarted, this, [model](const QString &reason) {
        printErr(QStringLiteral("smtpauth-cli: the server's paging expired; reading all mailboxes again (%1)")
                     .arg(reason));
        model->clear();
    });
    if (showProgress) {
        connect(loader, &TenantLoader::progress, this,
                [](int count) { printErr(QStringLiteral("Read %1 mailboxes...").arg(count)); });
    }
    connect(loader, &TenantLoader::failed, this, [this, directory](const ExchangeError &error) {
        directory->abort();
        failWith(exitCodeFor(error), error.userMessage());
    });
    // Printed once both have finished (the mailboxes and the directory), in whichever order they do.
    auto waiting = std::make_shared<int>(2);
    auto print = [this, model, loader, directory, waiting] {
        if (--*waiting > 0)
            return;
        for (const QString &reason : loader->skippedReasons())
            printErr(QStringLiteral("smtpauth-cli: skipped a mailbox the server described incompletely: ") +
                     reason);
        model->setReadinessContext(directory->directory(), QDateTime::currentDateTimeUtc().date());
        for (const QString &problem : directory->problems())
            printErr(QStringLiteral("smtpauth-cli: not read (basicNow may be unknown): ") + problem);
        if (directory->graphInteractionRequired())
            printErr(QStringLiteral("smtpauth-cli: to read Conditional Access and security defaults, run: "
                                    "smtpauth-cli signin --graph"));
        MailboxFilterModel filter;
        filter.setMailboxModel(model);
        EffectiveState state;
        if (effectiveStateFromName(m_parser.value(QStringLiteral("effective")), &state))
            filter.setEffectiveFilter(state);
        StateSource source;
        if (stateSourceFromName(m_parser.value(QStringLiteral("source")), &source))
            filter.setSourceFilter(source);
        Verdict verdict;
        if (verdictFromName(m_parser.value(QStringLiteral("basic-now")), &verdict))
            filter.setBasicNowFilter(verdict);
        filter.setSearchText(m_parser.value(QStringLiteral("search")));
        QList<int> rows;
        for (int row = 0; row < model->rowCount(); ++row) {
            if (filter.acceptsMailboxRow(row))
                rows.append(row);
        }
        const MailboxListExport document(model->store(), model->orgSetting(), rows, model->basicNowOf(rows));
        const QString format = m_parser.value(QStringLiteral("format"));
        if (format == QLatin1String("json"))
            printOut(document.toJson());
        else if (format == QLatin1String("csv"))
            printOut(document.toCsv());
        else
            printOut(document.toTable().toUtf8());
        printErr(QStringLiteral("%1 of %2 mailboxes shown; SMTP AUTH is %3 for the organization.")
                     .arg(rows.size())
                     .arg(model->rowCount())
                     .arg(machineName(model->orgSetting())));
        finish(loader->skippedCount() > 0 ? ExitSomeFailed : ExitOk);
    };
    connect(loader, &TenantLoader::finished, this, print);
    connect(directory, &DirectoryLoader::finished, this, print);
    loader->start();
    directory->start();
}

} // namespace smtpauth
