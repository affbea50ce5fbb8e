// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "auth/appregistration.h"
#include "auth/cloudenvironment.h"
#include "auth/idtokenclaims.h"
#include "auth/signinerror.h"
#include "auth/signinresult.h"
#include "exchange/accesstokensource.h"

#include <QDateTime>
#include <QList>
#include <QPointer>
#include <functional>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace smtpauth {

class AppCredentialSource;
class ResourceTokenSource;
class SecretStore;

// The access token sources of a signed-in profile, one per resource (audience): the Exchange admin API
// (this object itself, for the InvokeCommand client) and Microsoft Graph (graphTokens()).
//
// Access tokens live only in memory; the refresh token only in the SecretStore (under
// Settings::secretKey, which the store namespaces by profile). It is one refresh token for both
// resources (graph-protocol.md §1): redeemed with the Exchange scope for an Exchange token and with the
// Graph scopes for a Graph token, and every redemption rotates it. So the redemptions never overlap: one
// at a time for both resources, each reading the token the previous one stored, and concurrent callers of
// one resource share one redemption. The rotated token is persisted before the waiting callers get their
// access token. invalid_grant means the sign-in is over: the stored token is removed. A resource whose
// permissions were never consented (AADSTS65001) fails alone with interactionRequired, and the sign-in
// stays.
//
// App-only (Settings::app set, exchange-protocol.md §10): no refresh token at all. Every renewal is a
// client-credentials grant with a new signed assertion; the same one-at-a-time queue serves it. A refused
// assertion fails the callers with the identity platform's reason and signs nothing out: the registration
// stays until it is fixed (certificate, role, clock) or replaced by another signin --app.
class TokenProvider : public AccessTokenSource
{
    Q_OBJECT
public:
    enum class Resource
    {
        Exchange,
        Graph
    };

    struct Settings
    {
        CloudEnvironment cloud = CloudEnvironment::global();
        QString tenant = QStringLiteral("organizations"); // replaced by the signed-in tid
        QString clientId;
        QString scope;      // Exchange; empty: cloud.scope()
        QString graphScope; // empty: cloud.graphScope(defaultGraphPermissions())
        QString secretKey = QStringLiteral("refresh-token");
        // Renew this long before the announced expiry so that a request never leaves with a token
        // that expires in flight.
        qint64 expiryMarginSeconds = 120;
        // Set: the profile is an application signing in with a certificate, not a person.
        AppRegistration app;
        QString appPassphraseKey = QStringLiteral("app-key-passphrase"); // encrypted keys only
    };
    using Clock = std::function<QDateTime()>;
    using Done = std::function<void(const SignInError &)>; // error.isError() == false on success

    TokenProvider(const Settings &settings, SecretStore *secrets, QNetworkAccessManager *network,
                  QObject *parent = nullptr);
    ~TokenProvider() override;

    // The Exchange resource.
    void fetchAccessToken(Callback callback) override;
    void reportRejected(const QString &rejectedToken) override;
    // The Microsoft Graph resource, for the Graph client.
    AccessTokenSource *graphTokens() const;
    // What the Graph token is asked for: the readiness permissions of graph-protocol.md §1.
    static QStringList defaultGraphPermissions();
    QString graphScope() const;

    // After an interactive sign-in: keeps the access token and persists the refresh token.
    void acceptSignIn(const SignInResult &result, Done done);
    // After the person consented to the Graph permissions in the browser (incremental consent): keeps
    // its Graph access token and persists its refresh token, which serves both resources from now on.
    void acceptGraphConsent(const SignInResult &result, Done done);
    // Forgets everything and deletes the stored refresh token.
    void signOut(Done done);
    // Installs the claims remembered from a previous run (AccountStore), for silent sign-in.
    void restoreAccount(const IdTokenClaims &account);

    std::optional<IdTokenClaims> account() const { return m_account; }
    QDateTime accessTokenExpiresAt() const { return m_exchange.expiresAt; }
    bool hasValidAccessToken() const { return isValid(m_exchange); }
    QString tenant() const { return m_settings.tenant; }
    const Settings &settings() const { return m_settings; }
    bool isAppOnly() const { return m_appCredentials != nullptr; }
    int tokenRequestCount() const { return m_tokenRequests; } // diagnostics and tests

    void setClock(Clock clock);

    // A redemption is out (its reply, or the keychain write of the token it rotated, is pending). The
    // service has already spent the previous refresh token at that point: whoever closes the profile
    // must let it finish, or the next start finds a dead token and signs the person out.
    bool isRenewing() const { return m_redeeming; }
    // For closing: forgets every waiting caller and every queued redemption, but lets the one in flight
    // finish and store its token; renewalSettled() follows when it has.
    void abandonCallers();
    // For signing out: forgets every caller and redemption and drops the one in flight, so that nothing
    // this provider does afterwards writes to the keychain (a token rotated after the sign-out deleted
    // the stored one would otherwise be stored again). Final: the provider answers no one after it.
    void endForSignOut();

    // The per-resource entry points behind fetchAccessToken/reportRejected and graphTokens().
    void fetchFor(Resource resource, Callback callback);
    void rejectFor(Resource resource, const QString &rejectedToken);

Q_SIGNALS:
    void accountChanged();
    // The refresh token was refused (revoked, expired, password changed ...): sign in again.
    void signedOut(const QString &reason);
    // No redemption is out any more (after abandonCallers(), or when the queue ran empty).
    void renewalSettled();

private:
    struct ResourceState
    {
        QString accessToken; // never logged
        QDateTime expiresAt;
        QList<Callback> waiters;
        bool queued = false; // waiting for, or in, a redemption
    };

    ResourceState &state(Resource resource) { return resource == Resource::Exchange ? m_exchange : m_graph; }
    QString scopeFor(Resource resource) const;
    bool isValid(const ResourceState &state) const;
    void redeemNext();
    void sendRefresh(Resource resource, const QString &refreshToken);
    void sendClientCredentials(Resource resource);
    void postTokenForm(Resource resource, const QList<std::pair<QString, QString>> &form);
    void onAppTokenReply(Resource resource, QNetworkReply *reply);
    void onRefreshReply(Resource resource, QNetworkReply *reply);
    void finishRedemption(Resource resource, const Result &result);
    void completeWaiters(ResourceState &state, const Result &result);
    void adoptTokens(ResourceState &state, const SignInResult &result);
    void persistRefreshToken(const SignInResult &result, Done done);

    Settings m_settings;
    QPointer<SecretStore> m_secrets;
    QNetworkAccessManager *m_network = nullptr;
    Clock m_clock;
    std::optional<IdTokenClaims> m_account;

    ResourceState m_exchange;
    ResourceState m_graph;
    QList<Resource> m_redemptions; // in order of asking; the first one is in flight when m_redeeming
    bool m_redeeming = false;
    bool m_ended = false;                   // endForSignOut()
    QPointer<QNetworkReply> m_refreshReply; // the redemption's request, while it is out
    ResourceTokenSource *m_graphSource = nullptr;
    AppCredentialSource *m_appCredentials = nullptr; // app-only profiles
    int m_tokenRequests = 0;
};

} // namespace smtpauth
