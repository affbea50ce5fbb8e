// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "auth/cloudenvironment.h"
#include "engine/profilelocation.h"
#include "exchange/exchangeerror.h"

#include <QCommandLineParser>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <functional>
#include <memory>

namespace smtpauth {

class ChangeJournal;
class ProfileRuntime;
class SignedInSession;

// smtpauth-cli: the same engine as the window, for scripts, schedulers and acceptance tests.
// The contract (commands, options, exit codes, formats) is product.md's and the README's; keep it stable.
class CliApplication : public QObject
{
    Q_OBJECT
public:
    // Exit codes of product.md.
    enum ExitCode
    {
        ExitOk = 0,
        ExitSomeFailed = 1,
        ExitUsage = 2,
        ExitNotSignedIn = 3,
        ExitPermissionDenied = 4,
        ExitConflict = 5,
        ExitServerOrNetwork = 6,
    };

    explicit CliApplication(QObject *parent = nullptr);
    ~CliApplication() override;

    // Parses the arguments and starts the command. Returns -1 when the command runs asynchronously
    // (the event loop ends with its exit code), else the exit code to return at once.
    int start(const QStringList &arguments);

    static int exitCodeFor(const ExchangeError &error);

private:
    void addOptions();
    QString checkReadinessOptions() const;
    bool checkOptionsBelongTo(const QString &command);
    int usageError(const QString &message);
    void finish(int exitCode);
    void failWith(int exitCode, const QString &message);
    void finishWithMessage(int exitCode, const QString &message);
    QString checkArguments() const;
    bool openJournal();

    // Resolving where to sign in.
    bool resolveCloud(CloudEnvironment *cloud, QString *problem) const;
    QString resolveClientId(const CloudEnvironment &cloud, QString *problem) const;

    // Produces a signed-in session (demo: start the embedded tenant and sign in as its admin;
    // otherwise: the profile's remembered account and the refresh token in the keychain).
    void withSession(std::function<void(SignedInSession *)> next);

    void runSignIn();
    void runSignOut();
    void runGraphConsent(SignedInSession *session);
    void runWhoAmI(SignedInSession *session);
    void runOrg(SignedInSession *session);
    void runList(SignedInSession *session);

    QCommandLineParser m_parser;
    QString m_command;
    QStringList m_commandArguments;
    ProfileLocation m_profile;
    // The profile's engine (stores, sign-in, demo tenant), the same the window runs on.
    ProfileRuntime *m_runtime = nullptr;
    std::unique_ptr<ChangeJournal> m_journal;
    bool m_finished = false;
};

} // namespace smtpauth
