#include "cliapplication.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("SmtpAuthConsole"));
    QCoreApplication::setApplicationName(QStringLiteral("smtpauth-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SMTPAUTH_VERSION));
    smtpauth::CliApplication cli;
    const int immediateExit = cli.start(QCoreApplication::arguments());
    if (immediateExit >= 0)
        return immediateExit;
    return QCoreApplication::exec();
}
