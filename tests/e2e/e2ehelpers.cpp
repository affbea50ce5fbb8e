// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "e2ehelpers.h"

#include "auth/keychainsecretstore.h"
#include "emulatorprocess.h"
#include "synchttp.h"

#include <QDirIterator>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRandomGenerator>
#include <QTest>
#include <qt6keychain/keychain.h>

namespace smtpauth::test {

QStringList E2eHelpers::signInArguments(const EmulatorProcess &emulator, const QString &userAlias)
{
    const QString base = emulator.baseUrl().toString();
    return {QStringLiteral("--api-base"),  base,
            QStringLiteral("--authority"), base,
            QStringLiteral("--tenant"),    emulator.tenantDomain(),
            QStringLiteral("signin"),      QStringLiteral("--no-browser"),
            QStringLiteral("--user"),      emulator.userPrincipalName(userAlias),
            QStringLiteral("--timeout"),   QStringLiteral("60")};
}

const char *E2eHelpers::noSessionBusMessage()
{
    return "DBUS_SESSION_BUS_ADDRESS is not set: these tests must prove the keychain path. Run them inside a "
           "private D-Bus session with an unlocked gnome-keyring, as './dev.sh test' does.";
}

QString E2eHelpers::uniqueProfileName(const QString &prefix)
{
    return prefix + QLatin1Char('-') + QString::number(QRandomGenerator::system()->generate64(), 36);
}

std::optional<QString> E2eHelpers::readKeychainSecret(const QString &profile, QString *problem)
{
    // The entry name comes from the product (that is the contract being checked); the read does not.
    const KeychainSecretStore naming(profile, QString());
    QKeychain::ReadPasswordJob job(KeychainSecretStore::serviceName());
    job.setAutoDelete(false);
    job.setInsecureFallback(false);
    job.setKey(naming.keychainKey(QStringLiteral("refresh-token")));
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    if (job.error() == QKeychain::EntryNotFound)
        return std::nullopt;
    if (job.error() != QKeychain::NoError) {
        if (problem)
            *problem = job.errorString();
        return std::nullopt;
    }
    return job.textData();
}

CliRun E2eHelpers::signInLikeABrowser(const QStringList &arguments, QString *browserProblem)
{
    CliRun run;
    run.arguments = arguments;
    QProcess cli;
    cli.start(CliProcess::binaryPath(), arguments);
    QByteArray stderrSoFar;
    QUrl authorizeUrl;
    const auto findUrl = [&] {
        stderrSoFar += cli.readAllStandardError();
        const QList<QByteArray> lines = stderrSoFar.split('\n');
        for (const QByteArray &line : lines) {
            const QByteArray trimmed = line.trimmed();
            if (trimmed.startsWith("http://") || trimmed.startsWith("https://")) {
                authorizeUrl = QUrl::fromEncoded(trimmed);
                return true;
            }
        }
        return cli.state() == QProcess::NotRunning;
    };
    if (!QTest::qWaitFor(findUrl, 30000) || !authorizeUrl.isValid()) {
        *browserProblem = QStringLiteral("the CLI printed no authorize URL on stderr");
    } else {
        QNetworkAccessManager browser;
        const HttpAnswer authorize = SyncHttp::get(&browser, QNetworkRequest(authorizeUrl));
        const QUrl location = QUrl::fromEncoded(authorize.header("Location"));
        if (authorize.status != 302 || !location.isValid()) {
            *browserProblem = QStringLiteral("the authorize endpoint answered %1 without a redirect: %2")
                                  .arg(authorize.status)
                                  .arg(QString::fromUtf8(authorize.body.left(500)));
        } else if (location.scheme() != QLatin1String("http") ||
                   (location.host() != QLatin1String("127.0.0.1") &&
                    location.host() != QLatin1String("localhost"))) {
            *browserProblem = QStringLiteral("refusing to follow a redirect off the loopback interface: ") +
                              location.toString();
        } else {
            const HttpAnswer delivered = SyncHttp::get(&browser, QNetworkRequest(location));
            if (delivered.status == 0)
                *browserProblem =
                    QStringLiteral("the CLI's loopback listener did not answer: ") + delivered.networkError;
        }
    }
    if (!cli.waitForFinished(30000)) {
        cli.kill();
        cli.waitForFinished(5000);
    } else {
        run.exitCode = cli.exitStatus() == QProcess::NormalExit ? cli.exitCode() : -1;
    }
    run.standardOutput = cli.readAllStandardOutput();
    run.standardError = stderrSoFar + cli.readAllStandardError();
    return run;
}

QList<QStringList> E2eHelpers::parseCsv(const QByteArray &bytes)
{
    const QString text = QString::fromUtf8(bytes);
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    bool fieldStarted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    field += c;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
            fieldStarted = true;
        } else if (c == QLatin1Char(',')) {
            row.append(field);
            field.clear();
            fieldStarted = true;
        } else if (c == QLatin1Char('\r')) {
            continue;
        } else if (c == QLatin1Char('\n')) {
            row.append(field);
            rows.append(row);
            row.clear();
            field.clear();
            fieldStarted = false;
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (fieldStarted || !row.isEmpty()) {
        row.append(field);
        rows.append(row);
    }
    return rows;
}

QStringList E2eHelpers::findLeaks(const QString &directory, const QList<QPair<QString, QByteArray>> &captured,
                                  const QStringList &secrets)
{
    QList<QPair<QString, QByteArray>> haystacks = captured;
    QDirIterator files(directory, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (!directory.isEmpty() && files.hasNext()) {
        const QString path = files.next();
        QFile file(path);
        if (file.open(QIODevice::ReadOnly))
            haystacks.append({path, file.readAll()});
        else
            haystacks.append({path, QByteArray("[test: unreadable: ") + file.errorString().toUtf8() + ']'});
    }

    QList<QByteArray> needles{"access_token", "refresh_token", "Bearer "};
    constexpr int kPiece = 16;
    for (const QString &secret : secrets) {
        const QByteArray bytes = secret.toUtf8();
        for (qsizetype at = 0; at + kPiece <= bytes.size(); ++at)
            needles.append(bytes.mid(at, kPiece));
        if (bytes.size() < kPiece && !bytes.isEmpty())
            needles.append(bytes);
    }

    QStringList leaks;
    for (const auto &[where, content] : std::as_const(haystacks)) {
        for (const QByteArray &needle : std::as_const(needles)) {
            if (content.contains(needle)) {
                // Never print the secret itself, only where a piece of it was found.
                const bool isMarker =
                    needle == "access_token" || needle == "refresh_token" || needle == "Bearer ";
                leaks.append(QStringLiteral("%1 contains %2")
                                 .arg(where, isMarker ? QString::fromLatin1(needle)
                                                      : QStringLiteral("a piece of a refresh token")));
                break;
            }
        }
    }
    return leaks;
}

} // namespace smtpauth::test
