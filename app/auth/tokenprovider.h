#pragma once

#include "accesstokensource.h"
#include "cloudenvironment.h"
#include "idtokenclaims.h"
#include "signinerror.h"
#include "signinresult.h"

#include <QDateTime>
#include <QList>
#include <QPointer>

#include <functional>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace smtpauth {

class SecretStore;

// The access token source of a signed-in profile.
//
// The access token lives only in memory; the refresh token only in the SecretStore (under
// Settings::secretKey, which the store namespaces by profile). A missing or nearly expired access token
// is renewed with the refresh_token grant; concurrent callers share one refresh. Entra rotates the
// refresh token on every use and the old one stops working, so the new one is persisted before the
// waiting callers get their token. invalid_grant means the sign-in is over: the stored token is removed.
class TokenProvider : public AccessTokenSource
{
    Q_OBJECT
public:
    struct Settings
    {
        CloudEnvironment cloud = CloudEnvironment::global();
        QString tenant = QStringLiteral("organizations"); // replaced by the signed-in tid
        QString clientId;
        QString scope; // empty: cloud.scope()
        QString secretKey = QStringLiteral("refresh-token");
        // Renew this long before the announced expiry so that a request never leaves with a token
        // that expires in flight.
        qint64 expiryMarginSeconds = 120;
    };
    using Clock = std::function<QDateTime()>;
    using Done = std::function<void(const SignInError &)>; // error.isError() == false on success

    TokenProvider(const Settings &settings, SecretStore *secrets, QNetworkAccessManager *network,
                  QObject *parent = nullptr);

    void fetchAccessToken(Callback callback) override;
    void reportRejected(const QString &rejectedToken) override;

    // After an interactive sign-in: keeps the access token and persists the refresh token.
    void acceptSignIn(const SignInResult &result, Done done);
    // Forgets everything and deletes the stored refresh token.
    void signOut(Done done);
    // Installs the claims remembered from a previous run (AccountStore), for silent sign-in.
    void restoreAccount(const IdTokenClaims &account);

    std::optional<IdTokenClaims> account() const { return m_account; }
    QDateTime accessTokenExpiresAt() const { return m_expiresAt; }
    bool hasValidAccessToken() const;
    QString tenant() const { return m_settings.tenant; }
    int tokenRequestCount() const { return m_tokenRequests; } // diagnostics and tests

    void setClock(Clock clock);

Q_SIGNALS:
    void accountChanged();
    // The refresh token was refused (revoked, expired, password changed ...): sign in again.
    void signedOut(const QString &reason);

private:
    void startRefresh();
    void sendRefresh(const QString &refreshToken);
    void onRefreshReply(QNetworkReply *reply);
    void completeWaiters(const Result &result);
    void adoptTokens(const SignInResult &result);

    Settings m_settings;
    QPointer<SecretStore> m_secrets;
    QNetworkAccessManager *m_network = nullptr;
    Clock m_clock;

    QString m_accessToken; // never logged
    QDateTime m_expiresAt;
    std::optional<IdTokenClaims> m_account;

    bool m_refreshing = false;
    QList<Callback> m_waiters;
    int m_tokenRequests = 0;
};

} // namespace smtpauth
