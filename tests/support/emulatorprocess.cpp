// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "emulatorprocess.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>

namespace smtpauth::test {

namespace {

QString randomKey()
{
    // Not a secret worth protecting, but unguessable so that no other process on the box can drive it.
    return QString::number(QRandomGenerator::system()->generate64(), 16) +
           QString::number(QRandomGenerator::system()->generate64(), 16);
}

} // namespace

EmulatorProcess::EmulatorProcess(QStringList extraArguments, QObject *parent)
    : QObject(parent), m_arguments(std::move(extraArguments)), m_controlKey(randomKey())
{
    const int domainAt = int(m_arguments.indexOf(QStringLiteral("--tenant-domain")));
    if (domainAt >= 0 && domainAt + 1 < m_arguments.size())
        m_tenantDomain = m_arguments.at(domainAt + 1).toLower();
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
}

EmulatorProcess::~EmulatorProcess()
{
    stop();
}

void EmulatorProcess::stop()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

QString EmulatorProcess::binaryPath()
{
    return qEnvironmentVariable("SMTPAUTH_EMULATOR");
}

bool EmulatorProcess::isRunning() const
{
    return m_process.state() == QProcess::Running;
}

QByteArray EmulatorProcess::standardError()
{
    QFile log(m_logDir.filePath(QStringLiteral("emulator-stderr.log")));
    return log.open(QIODevice::ReadOnly) ? log.readAll() : QByteArray();
}

bool EmulatorProcess::start(std::chrono::milliseconds timeout)
{
    const QString binary = binaryPath();
    if (binary.isEmpty() || !QFileInfo(binary).isExecutable()) {
        m_error = QStringLiteral("SMTPAUTH_EMULATOR must name the built smtpauth-emulator binary (is: '%1')")
                      .arg(binary);
        return false;
    }
    QStringList arguments{QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--control-key"),
                          m_controlKey};
    arguments += m_arguments;
    if (m_logDir.isValid())
        m_process.setStandardErrorFile(m_logDir.filePath(QStringLiteral("emulator-stderr.log")));
    m_process.start(binary, arguments);
    if (!m_process.waitForStarted(int(timeout.count()))) {
        m_error = QStringLiteral("smtpauth-emulator did not start: %1").arg(m_process.errorString());
        return false;
    }

    static const QRegularExpression listening(
        QStringLiteral("^smtpauth-emulator listening on (http://127\\.0\\.0\\.1:\\d+)\\s*$"));
    const QDeadlineTimer deadline(timeout);
    QByteArray stdoutSoFar;
    while (!deadline.hasExpired()) {
        if (!m_process.canReadLine() &&
            !m_process.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())))) {
            if (m_process.state() != QProcess::Running)
                break;
            continue;
        }
        while (m_process.canReadLine()) {
            const QByteArray line = m_process.readLine();
            stdoutSoFar += line;
            const QRegularExpressionMatch match = listening.match(QString::fromUtf8(line));
            if (match.hasMatch()) {
                m_baseUrl = QUrl(match.captured(1));
                return true;
            }
        }
    }
    m_error =
        QStringLiteral(
            "smtpauth-emulator %1 did not print its listening line within %2 ms (state %3, exit code %4).\n"
            "stdout: %5\nstderr: %6")
            .arg(arguments.join(QLatin1Char(' ')))
            .arg(timeout.count())
            .arg(int(m_process.state()))
            .arg(m_process.exitCode())
            .arg(QString::fromUtf8(stdoutSoFar), QString::fromUtf8(standardError()));
    m_process.kill();
    m_process.waitForFinished(5000);
    return false;
}

QNetworkRequest EmulatorProcess::controlRequest(const QString &action) const
{
    QUrl url = m_baseUrl;
    url.setPath(QStringLiteral("/_emulator/") + action);
    QNetworkRequest request(url);
    request.setRawHeader("X-Emulator-Control", m_controlKey.toUtf8());
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    return request;
}

std::optional<EmulatorTruth> EmulatorProcess::truth()
{
    const HttpAnswer answer = SyncHttp::get(&m_network, controlRequest(QStringLiteral("tenant")));
    if (answer.status != 200) {
        m_error = QStringLiteral("GET /_emulator/tenant answered %1 %2")
                      .arg(answer.status)
                      .arg(answer.networkError);
        return std::nullopt;
    }
    QString problem;
    auto truth = EmulatorTruth::fromJson(answer.json(), &problem);
    if (!truth)
        m_error = problem;
    return truth;
}

HttpAnswer EmulatorProcess::control(const QString &action, const QJsonObject &body)
{
    return SyncHttp::post(&m_network, controlRequest(action),
                          QJsonDocument(body).toJson(QJsonDocument::Compact));
}

QJsonObject EmulatorProcess::directory()
{
    return SyncHttp::get(&m_network, controlRequest(QStringLiteral("directory"))).json();
}

QJsonObject EmulatorProcess::stats()
{
    return SyncHttp::get(&m_network, controlRequest(QStringLiteral("stats"))).json();
}

bool EmulatorProcess::scriptFaults(const QJsonArray &script)
{
    return control(QStringLiteral("faults"), QJsonObject{{QStringLiteral("script"), script}}).status == 204;
}

QJsonArray EmulatorProcess::holds()
{
    return SyncHttp::get(&m_network, controlRequest(QStringLiteral("holds")))
        .json()
        .value(QStringLiteral("holds"))
        .toArray();
}

bool EmulatorProcess::release(int id)
{
    return control(QStringLiteral("release"), QJsonObject{{QStringLiteral("id"), id}}).status == 204;
}

} // namespace smtpauth::test
