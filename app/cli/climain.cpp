// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "cli/cliapplication.h"

#include <QCoreApplication>
#include <QGuiApplication>
#include <memory>

namespace {
// `readiness --format pdf` lays out text and draws a chart: that needs fonts, so a QGuiApplication, on a
// platform that needs no display (a script or a timer has none). Every other command stays GUI-free.
bool wantsPdf(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray argument(argv[i]);
        if (argument == "--format=pdf" ||
            (argument == "--format" && i + 1 < argc && QByteArray(argv[i + 1]) == "pdf"))
            return true;
    }
    return false;
}
} // namespace

int main(int argc, char *argv[])
{
    std::unique_ptr<QCoreApplication> app;
    if (wantsPdf(argc, argv)) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    QCoreApplication::setOrganizationName(QStringLiteral("SmtpAuthConsole"));
    QCoreApplication::setApplicationName(QStringLiteral("smtpauth-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SMTPAUTH_VERSION));
    smtpauth::CliApplication cli;
    const int immediateExit = cli.start(QCoreApplication::arguments());
    if (immediateExit >= 0)
        return immediateExit;
    return QCoreApplication::exec();
}
