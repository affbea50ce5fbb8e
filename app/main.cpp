// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "engine/consolesession.h"
#include "engine/profilelocation.h"
#include "engine/proxyconfiguration.h"
#include "models/mailboxtablemodel.h"
#include "ui/mainwindow.h"
#include "ui/translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLocale>
#include <QLoggingCategory>
#include <QTimer>
#include <QTranslator>
#include <cstdio>
#include <cstring>

using namespace smtpauth;

namespace {

const QString kAppId = QStringLiteral("io.github.smtpauthconsole.SmtpAuthConsole");

struct ConsoleOptions
{
    QCommandLineOption demo{QStringLiteral("demo"), QStringLiteral("Open the embedded demo tenant.")};
    QCommandLineOption demoReset{QStringLiteral("demo-reset"),
                                 QStringLiteral("With --demo: start the demo tenant over.")};
    QCommandLineOption demoUser{
        QStringLiteral("demo-user"),
        QStringLiteral("With --demo: sign in as admin, recipients, helpdesk or reader."),
        QStringLiteral("NAME"), QStringLiteral("admin")};
    QCommandLineOption profile{QStringLiteral("profile"), QStringLiteral("Profile to open."),
                               QStringLiteral("NAME"), QStringLiteral("default")};
    QCommandLineOption dataDir{QStringLiteral("data-dir"), QStringLiteral("Base directory for profile data."),
                               QStringLiteral("DIR")};
    QCommandLineOption screenshot{QStringLiteral("screenshot"),
                                  QStringLiteral("Save a picture of the window once loaded, then quit."),
                                  QStringLiteral("FILE.png")};
    QCommandLineOption proxy{QStringLiteral("proxy"),
                             QStringLiteral("Proxy for every request (default: the system's)."),
                             QStringLiteral("URL")};

    void addTo(QCommandLineParser &parser) const
    {
        parser.setApplicationDescription(
            QStringLiteral("Review and change who may use SMTP AUTH in Exchange Online."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOptions({demo, demoReset, demoUser, profile, dataDir, screenshot, proxy});
    }
};

void setApplicationNames()
{
    QCoreApplication::setOrganizationName(QStringLiteral("SmtpAuthConsole"));
    QCoreApplication::setApplicationName(QStringLiteral("smtpauth-console"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SMTPAUTH_VERSION));
}

// --help and --version must work without a display (a server, a package check).
bool onlyAsksForText(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        for (const char *flag : {"--help", "-h", "-?", "--help-all", "--version", "-v"}) {
            if (std::strcmp(argv[i], flag) == 0)
                return true;
        }
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    const ConsoleOptions options;
    if (onlyAsksForText(argc, argv)) {
        QCoreApplication app(argc, argv);
        setApplicationNames();
        QCommandLineParser parser;
        options.addTo(parser);
        parser.process(app); // prints and exits
        return 0;
    }

    QApplication app(argc, argv);
    setApplicationNames();
    QApplication::setApplicationDisplayName(QStringLiteral("SMTP AUTH Console"));
    QGuiApplication::setDesktopFileName(kAppId);
    QApplication::setWindowIcon(QIcon::fromTheme(
        kAppId,
        QIcon(QStringLiteral(":/icons/hicolor/256x256/apps/io.github.smtpauthconsole.SmtpAuthConsole.png"))));
    installTranslations(&app, QLocale());

    QCommandLineParser parser;
    options.addTo(parser);
    parser.process(app);
    if (QString problem; !ProxyConfiguration::apply(parser.value(options.proxy), &problem)) {
        std::fprintf(stderr, "smtpauth-console: %s\n", qPrintable(problem));
        return 2;
    }
    // The request log is for diagnosis (QT_LOGGING_RULES turns it on); a desktop user sees the window.
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("smtpauth.*.info=false\nsmtpauth.*.debug=false"));

    if (!parser.isSet(options.demo) && !ProfileLocation::isValidName(parser.value(options.profile))) {
        std::fprintf(stderr, "smtpauth-console: invalid profile name\n");
        return 2;
    }
    const ProfileLocation location =
        parser.isSet(options.demo)
            ? ProfileLocation::forDemo(parser.value(options.dataDir))
            : ProfileLocation::forProfile(parser.value(options.profile), parser.value(options.dataDir));

    MailboxTableModel mailboxes;
    ConsoleSession session(location, &mailboxes);
    MainWindow window(&session, &mailboxes);
    session.setDemoUser(parser.value(options.demoUser));

    if (parser.isSet(options.screenshot)) {
        // For headless demos and the README: a picture of the loaded window, then exit.
        const QString file = parser.value(options.screenshot);
        auto save = [&window, file](int exitCode) {
            QTimer::singleShot(300, &window, [&window, file, exitCode] {
                const bool saved = window.grab().save(file);
                QApplication::exit(saved ? exitCode : 1);
            });
        };
        QObject::connect(&session, &ConsoleSession::loadFinished, &window, [save] { save(0); });
        QObject::connect(&session, &ConsoleSession::problem, &window, [save] { save(1); });
        QObject::connect(&session, &ConsoleSession::signInRequired, &window, [save] { save(0); });
    }
    window.show();
    session.start(parser.isSet(options.demoReset));
    return QApplication::exec();
}
