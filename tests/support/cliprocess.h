// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <chrono>

namespace smtpauth::test {

// One finished run of the real smtpauth-cli binary.
struct CliRun
{
    QStringList arguments;
    int exitCode = -1; // -1: did not finish (crash or timeout)
    QByteArray standardOutput;
    QByteArray standardError;

    // "smtpauth-cli ARGS -> exit N\nstderr: ..." for failure messages.
    QString describe() const;
};

// Runs the real smtpauth-cli binary (path in the environment variable SMTPAUTH_CLI).
class CliProcess
{
public:
    static QString binaryPath();
    static CliRun run(const QStringList &arguments,
                      std::chrono::milliseconds timeout = std::chrono::seconds(60),
                      const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment());
};

} // namespace smtpauth::test
