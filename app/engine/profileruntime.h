// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "auth/idtokenclaims.h"
#include "auth/secretstore.h"
#include "engine/interactivesignin.h"
#include "engine/profilelocation.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <functional>
#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace smtpauth {

class AccountStore;
class DemoTenant;
class SignedInSession;
class TokenProvider;
struct AccountProfile;

// One profile's engine, the same for the window and the command line: where its files are, which secret
// store holds its refresh token (the OS keychain; memory for the demo and for a session-only sign-in),
// the remembered account, the embedded demo tenant, silent and interactive sign-in, and sign-out.
// Front ends only decide what to show and when; how a profile signs in is decided here, once.
//
// It owns the network manager every request of the profile goes through, and the signed-in session.
// Everything that holds a request is destroyed before the network manager (see the destructor).
class ProfileRuntime : public QObject
{
    Q_OBJECT
public:
    ProfileRuntime(const ProfileLocation &profile, QObject *parent = nullptr);
    ~ProfileRuntime() override;

    const ProfileLocation &profile() const { return m_profile; }
    QNetworkAccessManager *network() const { return m_network; }

    // The profile's files, named in one place.
    QString journalPath() const { return m_profile.filePath(QStringLiteral("journal.sqlite")); }
    QString snapshotPath() const { return m_profile.filePath(QStringLiteral("snapshot.sqlite")); }
    // Every complete load, for drift reviews (SnapshotHistory); evidence, kept like the journal.
    QString snapshotHistoryPath() const
    {
        return m_profile.filePath(QStringLiteral("snapshot-history.sqlite"));
    }
    static QString keychainIndexFileName() { return QStringLiteral("keychain-index.ini"); }

    // Creates the profile's directory and stores. For the demo profile `resetDemo` first removes the demo
    // tenant's state, the demo journal and the cached list, so that tenant and journal start over together.
    // Call before opening the journal. False (with the reason) when the directory cannot be used.
    bool open(bool resetDemo, QString *problem);

    AccountStore *accounts() const { return m_accounts.get(); }
    SecretStore *secrets() const { return m_secrets.get(); }
    // The remembered account, if this profile is signed in (nothing secret; the token is in the keychain).
    std::optional<AccountProfile> rememberedAccount() const;
    // Tokens only in memory for this run: the window's explicit choice when no keychain is available.
    // keepInKeychain() goes back to the OS keychain (the default of a real profile).
    void keepInMemoryOnly();
    void keepInKeychain();

    // The embedded demo tenant of a demo profile, once startDemoTenant() succeeded.
    DemoTenant *demoTenant() const { return m_demo.get(); }
    bool startDemoTenant(QString *problem);

    // The session of the remembered account (silent sign-in: its token is renewed from the keychain when
    // the first request needs it). nullptr when this profile is not signed in.
    SignedInSession *restoreSession();
    // An interactive sign-in with this profile's stores (the caller connects its signals and starts it).
    // The demo profile signs in headless as the demo user `demoUserAlias` (admin, recipients, helpdesk,
    // reader) instead, with `options` ignored; startDemoTenant() first.
    InteractiveSignIn *newSignIn(const InteractiveSignIn::Options &options);
    InteractiveSignIn *newDemoSignIn(const QString &demoUserAlias);
    // Takes the session of a finished sign-in (InteractiveSignIn::succeeded) as this profile's session.
    SignedInSession *adoptSignIn(InteractiveSignIn *signIn);

    SignedInSession *session() const;
    // Forgets the session (tokens in memory); the keychain entry and the remembered account stay.
    void closeSession();
    // Removes this profile's keychain entries and the remembered account; the journal and the profile's
    // other files stay. `done` gets the keychain's answer (NotFound counts as removed).
    void signOut(std::function<void(const SecretStore::Result &)> done);

    // Deletes every child of `parent` but `kept`: the objects that hold requests go before what they send
    // through (the runtime, its network manager), whatever order they were created in.
    static void deleteChildrenExcept(QObject *parent, const QObject *kept);

    // The role badge's words, the same in the window and the command line.
    static QString roleText(IdTokenClaims::Role role);

Q_SIGNALS:
    // The identity platform refused the refresh token (revoked, expired, password changed): the
    // remembered account is forgotten and the person must sign in again.
    void signInEnded(const QString &reason);

private:
    static constexpr int kRenewalWaitOnCloseMs = 15000;

    SignedInSession *useSession(SignedInSession *session);
    // Runs the event loop until `tokens` has no renewal out, at most kRenewalWaitOnCloseMs.
    static void waitForRenewal(TokenProvider *tokens);
    void makeKeychainStore();

    ProfileLocation m_profile;
    QNetworkAccessManager *m_network;
    std::unique_ptr<AccountStore> m_accounts;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<DemoTenant> m_demo;
    QPointer<SignedInSession> m_session;
};

} // namespace smtpauth
