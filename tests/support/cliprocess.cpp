// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "cliprocess.h"

#include <QProcess>

namespace smtpauth::test {

QString CliRun::describe() const
{
    return QStringLiteral("smtpauth-cli %1 -> exit %2\nstderr: %3")
        .arg(arguments.join(QLatin1Char(' ')))
        .arg(exitCode)
        .arg(QString::fromUtf8(standardError.left(4000)));
}

QString CliProcess::binaryPath()
{
    return qEnvironmentVariable("SMTPAUTH_CLI");
}

CliRun CliProcess::run(const QStringList &arguments, std::chrono::milliseconds timeout,
                       const QProcessEnvironment &environment)
{
    CliRun run;
    run.arguments = arguments;
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(binaryPath(), arguments);
    if (!process.waitForFinished(int(timeout.count()))) {
        process.kill();
        process.waitForFinished(5000);
        run.standardOutput = process.readAllStandardOutput();
        run.standardError =
            process.readAllStandardError() +
            "\n[test: killed after timeout or failed to start: " + process.errorString().toUtf8() + ']';
        return run;
    }
    run.standardOutput = process.readAllStandardOutput();
    run.standardError = process.readAllStandardError();
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return run;
}

} // namespace smtpauth::test
