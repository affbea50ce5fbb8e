// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "emulatortruth.h"
#include "synchttp.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>
#include <chrono>

namespace smtpauth::test {

// The real smtpauth-emulator binary (path in the environment variable SMTPAUTH_EMULATOR) on a free
// loopback port, with its test-control endpoints switched on under a random key. Killed in the
// destructor, so a failing test never leaves a server behind.
//
//     EmulatorProcess emulator({QStringLiteral("--mailboxes"), QStringLiteral("2500")});
//     QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
class EmulatorProcess : public QObject
{
    Q_OBJECT
public:
    explicit EmulatorProcess(QStringList extraArguments = {}, QObject *parent = nullptr);
    ~EmulatorProcess() override;

    static QString binaryPath(); // $SMTPAUTH_EMULATOR

    // Starts the binary and waits for its "listening on" line. On failure errorString() says why and
    // carries what the process wrote on stderr.
    bool start(std::chrono::milliseconds timeout = std::chrono::seconds(20));
    QString errorString() const { return m_error; }
    // Kills the process now (a tenant that went away mid-session); the destructor does the same.
    void stop();
    bool isRunning() const;

    QUrl baseUrl() const { return m_baseUrl; } // http://127.0.0.1:PORT: API base and authority host
    QString tenantDomain() const { return m_tenantDomain; }
    QString controlKey() const { return m_controlKey; }
    QString userPrincipalName(const QString &alias) const
    {
        return alias + QLatin1Char('@') + m_tenantDomain;
    }

    // GET /_emulator/tenant. nullopt when the emulator did not answer as expected (see errorString()).
    std::optional<EmulatorTruth> truth();
    // POST /_emulator/<action> with a JSON body; returns the HTTP answer (204 on success).
    HttpAnswer control(const QString &action, const QJsonObject &body = {});
    // GET /_emulator/directory: the seeded truth behind the readiness layers (policies, every user's
    // policy reference, groups with members, roles, CA policies, knobs). Empty object on failure.
    QJsonObject directory();
    // GET /_emulator/stats: apiRequests, cmdletCounts, maxInFlight, throttledByConcurrency, clientRequestIds.
    QJsonObject stats();
    // POST /_emulator/faults {"script":[...]}: the next API requests get these answers, in order.
    bool scriptFaults(const QJsonArray &script);
    // GET /_emulator/holds: the requests whose answers a "hold" step parked, in arrival order (id, method,
    // path, cmdlets, clientRequestId, body, connected). Empty on failure.
    QJsonArray holds();
    // POST /_emulator/release {"id": id}: the parked answer goes out. False when it was not held.
    bool release(int id);

    // What the process wrote on stderr so far (diagnostics for failure messages).
    QByteArray standardError();

private:
    QNetworkRequest controlRequest(const QString &action) const;

    QStringList m_arguments;
    QProcess m_process;
    QNetworkAccessManager m_network;
    QUrl m_baseUrl;
    QString m_tenantDomain = QStringLiteral("contoso.onmicrosoft.com");
    QString m_controlKey;
    QString m_error;
    // The emulator logs every change on stderr; into a pipe that a blocked test does not drain, that
    // would fill the 64 KiB buffer and freeze the emulator mid-test. A file never fills.
    QTemporaryDir m_logDir;
};

} // namespace smtpauth::test
