#include "consolesession.h"
#include "mailboxtablemodel.h"
#include "mainwindow.h"
#include "profilelocation.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLoggingCategory>
#include <QTimer>

#include <cstdio>

using namespace smtpauth;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("SmtpAuthConsole"));
    QApplication::setApplicationName(QStringLiteral("smtpauth-console"));
    QApplication::setApplicationDisplayName(QStringLiteral("SMTP AUTH Console"));
    QApplication::setApplicationVersion(QStringLiteral(SMTPAUTH_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Review and change who may use SMTP AUTH in Exchange Online."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(QStringLiteral("demo"), QStringLiteral("Open the embedded demo tenant."));
    const QCommandLineOption demoReset(QStringLiteral("demo-reset"), QStringLiteral("With --demo: start the demo tenant over."));
    const QCommandLineOption profile(QStringLiteral("profile"), QStringLiteral("Profile to open."), QStringLiteral("NAME"),
                                     QStringLiteral("default"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), QStringLiteral("Base directory for profile data."),
                                     QStringLiteral("DIR"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Save a picture of the window once loaded, then quit."),
                                        QStringLiteral("FILE.png"));
    const QCommandLineOption demoUser(QStringLiteral("demo-user"),
                                      QStringLiteral("With --demo: sign in as admin, recipients, helpdesk or reader."),
                                      QStringLiteral("NAME"), QStringLiteral("admin"));
    parser.addOptions({demo, demoReset, demoUser, profile, dataDir, screenshot});
    parser.process(app);
    // The request log is for diagnosis (QT_LOGGING_RULES turns it on); a desktop user sees the window.
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("smtpauth.*.info=false\nsmtpauth.*.debug=false"));

    if (!parser.isSet(demo) && !ProfileLocation::isValidName(parser.value(profile))) {
        std::fprintf(stderr, "smtpauth-console: invalid profile name\n");
        return 2;
    }
    const ProfileLocation location = parser.isSet(demo)
                                         ? ProfileLocation::forDemo(parser.value(dataDir))
                                         : ProfileLocation::forProfile(parser.value(profile), parser.value(dataDir));

    MailboxTableModel mailboxes;
    ConsoleSession session(location, &mailboxes);
    MainWindow window(&session, &mailboxes);
    session.setDemoUser(parser.value(demoUser));

    if (parser.isSet(screenshot)) {
        // For headless demos and the README: picture of the loaded window, then exit.
        const QString file = parser.value(screenshot);
        auto save = [&window, file](int exitCode) {
            QTimer::singleShot(300, &window, [&window, file, exitCode] {
                const bool saved = window.grab().save(file);
                QApplication::exit(saved ? exitCode : 1);
            });
        };
        QObject::connect(&session, &ConsoleSession::loadFinished, &window, [save] { save(0); });
        QObject::connect(&session, &ConsoleSession::problem, &window, [save] { save(1); });
    }
    window.show();
    session.start(parser.isSet(demoReset));
    return QApplication::exec();
}
