// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "cliprocess.h"
#include "emulatortruth.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace smtpauth::test {

class EmulatorProcess;

// What the e2e tests need around the real binaries: the keychain read directly (QtKeychain, not through
// the product's store), the browser part of `signin --no-browser`, a CSV reader and a leak scan.
class E2eHelpers
{
public:
    // The refresh token the CLI keeps for `profile` in the Secret Service; nullopt when there is none.
    // *problem explains a keychain failure (no D-Bus session, locked collection ...).
    static std::optional<QString> readKeychainSecret(const QString &profile, QString *problem);

    // Runs `smtpauth-cli ARGS` (a signin --no-browser), reads the authorize URL it prints on stderr, plays
    // the browser (GET without following redirects, then GET the loopback Location) and waits for the CLI
    // to end. Returns the run; *browserProblem says what went wrong on the browser side, if anything.
    // The options of `signin --no-browser` against `emulator` as one of its users (admin, recipients ...).
    static QStringList signInArguments(const EmulatorProcess &emulator, const QString &userAlias);

    static CliRun signInLikeABrowser(const QStringList &arguments, QString *browserProblem);

    // RFC 4180 rows (quoted fields, doubled quotes, CRLF or LF line ends).
    static QList<QStringList> parseCsv(const QByteArray &text);

    // Every place under `directory` (file contents, recursively) and in `captured` where one of the
    // token markers ("access_token", "refresh_token", "Bearer ") or any 16 consecutive characters of one of
    // `secrets` occurs. Empty means clean.
    static QStringList findLeaks(const QString &directory, const QList<QPair<QString, QByteArray>> &captured,
                                 const QStringList &secrets);

    // A profile name no other test run uses, so parallel tests never share a keychain entry.
    static QString uniqueProfileName(const QString &prefix);

    // Fails the calling test function with a clear message when there is no D-Bus session bus.
    static bool hasSessionBus() { return !qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"); }
    static const char *noSessionBusMessage();
};

} // namespace smtpauth::test
