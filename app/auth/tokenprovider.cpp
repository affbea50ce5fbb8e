// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "auth/tokenprovider.h"

#include "auth/appcredentialsource.h"
#include "auth/apptokenrefusal.h"
#include "auth/authlogging.h"
#include "auth/graphpermission.h"
#include "auth/resourcetokensource.h"
#include "auth/secretstore.h"
#include "auth/tokenresponse.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace smtpauth {

namespace {
const char *resourceName(TokenProvider::Resource resource)
{
    return resource == TokenProvider::Resource::Exchange ? "Exchange" : "Graph";
}
} // namespace

TokenProvider::TokenProvider(const Settings &settings, SecretStore *secrets, QNetworkAccessManager *network,
                             QObject *parent)
    : AccessTokenSource(parent), m_settings(settings), m_secrets(secrets), m_network(network),
      m_clock([]() { return QDateTime::currentDateTimeUtc(); })
{
    m_graphSource = new ResourceTokenSource(this, Resource::Graph);
    if (m_settings.app.isSet())
        m_appCredentials =
            new AppCredentialSource(m_settings.app, secrets, m_settings.appPassphraseKey, this);
}

TokenProvider::~TokenProvider()
{
    // Waiting callers are never called after the provider is gone (their owners go with it).
    m_exchange.waiters.clear();
    m_graph.waiters.clear();
}

AccessTokenSource *TokenProvider::graphTokens() const
{
    return m_graphSource;
}

QStringList TokenProvider::defaultGraphPermissions()
{
    return GraphPermission::names(GraphPermission::readinessPermissions());
}

QString TokenProvider::graphScope() const
{
    return scopeFor(Resource::Graph);
}

QString TokenProvider::scopeFor(Resource resource) const
{
    if (m_appCredentials) {
        // Application permissions are asked for as the resource's .default, nothing else (no
        // offline_access: the client-credentials grant has no refresh token).
        if (resource == Resource::Exchange)
            return m_settings.scope.isEmpty() ? m_settings.cloud.scope().section(QLatin1Char(' '), 0, 0)
                                              : m_settings.scope;
        return m_settings.graphScope.isEmpty()
                   ? m_settings.cloud.graphResource() + QStringLiteral("/.default")
                   : m_settings.graphScope;
    }
    if (resource == Resource::Exchange)
        return m_settings.scope.isEmpty() ? m_settings.cloud.scope() : m_settings.scope;
    return m_settings.graphScope.isEmpty() ? m_settings.cloud.graphScope(defaultGraphPermissions())
                                           : m_settings.graphScope;
}

void TokenProvider::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

bool TokenProvider::isValid(const ResourceState &state) const
{
    if (state.accessToken.isEmpty())
        return false;
    if (!state.expiresAt.isValid())
        return true; // the server did not say; a 401 will tell (reportRejected)
    return m_clock().secsTo(state.expiresAt) > m_settings.expiryMarginSeconds;
}

void TokenProvider::fetchAccessToken(Callback callback)
{
    fetchFor(Resource::Exchange, std::move(callback));
}

void TokenProvider::reportRejected(const QString &rejectedToken)
{
    rejectFor(Resource::Exchange, rejectedToken);
}

void TokenProvider::fetchFor(Resource resource, Callback callback)
{
    if (m_ended) {
        QMetaObject::invokeMethod(
            this,
            [callback = std::move(callback)]() {
                callback(Result{false, QString(), tr("Signed out.")});
            },
            Qt::QueuedConnection);
        return;
    }
    ResourceState &current = state(resource);
    if (!current.queued && isValid(current)) {
        const Result result{true, current.accessToken, QString()};
        QMetaObject::invokeMethod(
            this, [callback = std::move(callback), result]() { callback(result); }, Qt::QueuedConnection);
        return;
    }
    current.waiters.append(std::move(callback));
    if (current.queued)
        return;
    current.queued = true;
    m_redemptions.append(resource);
    redeemNext();
}

void TokenProvider::rejectFor(Resource resource, const QString &rejectedToken)
{
    // Only the token we still hold is dropped: many requests may report the same old token after
    // a refresh already replaced it, and they must not throw away the new one.
    ResourceState &current = state(resource);
    if (!rejectedToken.isEmpty() && rejectedToken == current.accessToken) {
        qCInfo(lcAuth) << resourceName(resource)
                       << "access token rejected by the server; the next request refreshes it";
        current.accessToken.clear();
        current.expiresAt = QDateTime();
    }
}

void TokenProvider::redeemNext()
{
    if (m_ended || m_redeeming || m_redemptions.isEmpty())
        return;
    m_redeeming = true;
    const Resource resource = m_redemptions.constFirst();
    if (m_appCredentials) {
        sendClientCredentials(resource);
        return;
    }
    if (!m_secrets) {
        finishRedemption(resource, Result{false, QString(), tr("Not signed in: no secret store.")});
        return;
    }
    // Read at the moment of use: the previous redemption (of either resource) may just have rotated it.
    // The store can outlive this provider (a session closed while the keychain answers): every callback
    // checks that the provider is still there.
    QPointer<TokenProvider> self(this);
    m_secrets->readSecret(m_settings.secretKey, [this, self, resource](const SecretStore::Result &stored) {
        if (!self || m_ended)
            return;
        if (stored.error == SecretStore::ErrorKind::NotFound || (stored.ok() && stored.value.isEmpty())) {
            finishRedemption(resource, Result{false, QString(), tr("Not signed in: sign in first.")});
            return;
        }
        if (!stored.ok()) {
            finishRedemption(
                resource,
                Result{false, QString(),
                       tr("Cannot read the sign-in from the keychain: %1").arg(stored.errorMessage), true});
            return;
        }
        sendRefresh(resource, stored.value);
    });
}

void TokenProvider::sendRefresh(Resource resource, const QString &refreshToken)
{
    qCInfo(lcAuth) << "refreshing the" << resourceName(resource) << "access token";
    postTokenForm(resource, {{QStringLiteral("client_id"), m_settings.clientId},
                             {QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                             {QStringLiteral("refresh_token"), refreshToken},
                             {QStringLiteral("scope"), scopeFor(resource)}});
}

void TokenProvider::sendClientCredentials(Resource resource)
{
    QPointer<TokenProvider> self(this);
    m_appCredentials->withBuilder(m_clock(), [this, self, resource](const ClientAssertionBuilder *builder,
                                                                    const AppCredentialError &error) {
        if (!self || m_ended)
            return;
        if (!builder) {
            finishRedemption(resource, Result{false, QString(), error.message()});
            return;
        }
        AppCredentialError signError;
        const QByteArray assertion = builder->build(
            m_settings.app.clientId, m_settings.cloud.tokenUrl(m_settings.tenant), m_clock(), &signError);
        if (assertion.isEmpty()) {
            finishRedemption(resource, Result{false, QString(), signError.message()});
            return;
        }
        qCInfo(lcAuth) << "asking for an app-only" << resourceName(resource) << "access token";
        postTokenForm(resource, {{QStringLiteral("client_id"), m_settings.app.clientId},
                                 {QStringLiteral("scope"), scopeFor(resource)},
                                 {QStringLiteral("grant_type"), QStringLiteral("client_credentials")},
                                 {QStringLiteral("client_assertion_type"),
                                  QStringLiteral("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")},
                                 {QStringLiteral("client_assertion"), QString::fromLatin1(assertion)}});
    });
}

void TokenProvider::postTokenForm(Resource resource, const QList<std::pair<QString, QString>> &form)
{
    // Opaque tokens and assertions may hold '+', '/' and '='; a form body needs them encoded.
    QByteArray body;
    for (const auto &[name, value] : form) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }

    QNetworkRequest request(m_settings.cloud.tokenUrl(m_settings.tenant));
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    ++m_tokenRequests;
    QNetworkReply *reply = m_network->post(request, body);
    m_refreshReply = reply;
    connect(reply, &QNetworkReply::finished, this,
            [this, resource, reply]() { onRefreshReply(resource, reply); });
}

void TokenProvider::onRefreshReply(Resource resource, QNetworkReply *reply)
{
    reply->deleteLater();
    m_refreshReply = nullptr;
    if (m_ended)
        return;
    if (m_appCredentials) {
        onAppTokenReply(resource, reply);
        return;
    }
    const TokenResponse response = TokenResponse::fromReply(reply, m_clock());
    if (!response.ok()) {
        const SignInError &error = response.error();
        if (error.kind() == SignInError::Kind::ConsentRequired ||
            error.kind() == SignInError::Kind::InteractionRequired) {
            // This resource needs the browser once (consent, MFA for this resource); the refresh token
            // is still good for the other one, so nothing is signed out.
            qCInfo(lcAuth) << resourceName(resource) << "token needs an interactive step:" << error.message();
            Result result{false, QString(), error.message()};
            result.interactionRequired = true;
            finishRedemption(resource, result);
            return;
        }
        if (error.kind() != SignInError::Kind::InvalidGrant) {
            // Network trouble or a server hiccup: the refresh token may still be good, keep it.
            finishRedemption(
                resource,
                Result{false, QString(), tr("Could not renew the sign-in: %1").arg(error.message()), true});
            return;
        }
        qCWarning(lcAuth) << "refresh token refused; removing it:" << error.message();
        const QString reason = tr("Signed out: sign in again. %1").arg(error.message());
        m_exchange.accessToken.clear();
        m_exchange.expiresAt = QDateTime();
        m_graph.accessToken.clear();
        m_graph.expiresAt = QDateTime();
        QPointer<TokenProvider> self(this);
        m_secrets->deleteSecret(m_settings.secretKey, [this, self, reason](const SecretStore::Result &) {
            if (!self)
                return;
            // Every caller of either resource hears it, including those still queued behind this one.
            const Result over{false, QString(), reason};
            m_redemptions.clear();
            m_redeeming = false;
            m_exchange.queued = false;
            m_graph.queued = false;
            completeWaiters(m_exchange, over);
            completeWaiters(m_graph, over);
            Q_EMIT signedOut(reason);
            Q_EMIT renewalSettled();
        });
        return;
    }

    ResourceState &current = state(resource);
    adoptTokens(current, response.result());
    const Result delivered{true, current.accessToken, QString()};
    const QString rotated = response.result().refreshToken;
    if (rotated.isEmpty()) {
        finishRedemption(resource, delivered);
        return;
    }
    // Persist before anyone can start the next redemption: the previous refresh token is now dead.
    QPointer<TokenProvider> self(this);
    m_secrets->writeSecret(
        m_settings.secretKey, rotated, [this, self, resource, delivered](const SecretStore::Result &written) {
            if (!self)
                return;
            if (!written.ok())
                qCWarning(lcAuth) << "could not keep the renewed sign-in:" << written.errorMessage;
            finishRedemption(resource, delivered);
        });
}

void TokenProvider::onAppTokenReply(Resource resource, QNetworkReply *reply)
{
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid()) {
        finishRedemption(
            resource, Result{false, QString(),
                             tr("Could not reach the token endpoint: %1").arg(reply->errorString()), true});
        return;
    }
    const QByteArray body = reply->readAll();
    const TokenResponse response = TokenResponse::parse(status.toInt(), body, m_clock());
    if (response.ok()) {
        // No refresh token in this grant (and none is kept if a server sent one): the next renewal signs
        // a new assertion.
        adoptTokens(state(resource), response.result());
        finishRedemption(resource, Result{true, state(resource).accessToken, QString()});
        return;
    }
    const SignInError &error = response.error();
    Result result{
        false, QString(),
        AppTokenRefusal::explain(error, body, reply->rawHeader(QByteArrayLiteral("Date")), m_clock())};
    // Overloaded: asking again later may work. A refusal stays until someone fixes its cause.
    result.transient = error.kind() == SignInError::Kind::ServerError;
    qCWarning(lcAuth).noquote() << "app-only" << resourceName(resource)
                                << "token refused:" << result.errorMessage;
    finishRedemption(resource, result);
}

void TokenProvider::finishRedemption(Resource resource, const Result &result)
{
    ResourceState &current = state(resource);
    current.queued = false;
    if (!m_redemptions.isEmpty() && m_redemptions.constFirst() == resource)
        m_redemptions.removeFirst();
    m_redeeming = false;
    completeWaiters(current, result);
    redeemNext();
    if (!m_redeeming)
        Q_EMIT renewalSettled();
}

void TokenProvider::abandonCallers()
{
    m_exchange.waiters.clear();
    m_graph.waiters.clear();
    // While redeeming, the first entry is the redemption in flight.
    m_redemptions.resize(m_redeeming ? 1 : 0);
    m_exchange.queued = m_redeeming && m_redemptions.constFirst() == Resource::Exchange;
    m_graph.queued = m_redeeming && m_redemptions.constFirst() == Resource::Graph;
}

void TokenProvider::endForSignOut()
{
    m_ended = true;
    m_exchange.waiters.clear();
    m_graph.waiters.clear();
    m_exchange.queued = false;
    m_graph.queued = false;
    m_redemptions.clear();
    m_redeeming = false;
    if (QNetworkReply *reply = m_refreshReply) {
        m_refreshReply = nullptr;
        reply->abort(); // finished() comes now, and onRefreshReply() ignores it
    }
}

void TokenProvider::adoptTokens(ResourceState &target, const SignInResult &result)
{
    target.accessToken = result.accessToken;
    target.expiresAt = result.accessTokenExpiresAt;
    if (result.account) {
        m_account = result.account;
        // Refreshes must go to the account's own tenant, not to "organizations".
        if (!m_account->tenantId.isEmpty())
            m_settings.tenant = m_account->tenantId;
        Q_EMIT accountChanged();
    }
}

void TokenProvider::completeWaiters(ResourceState &target, const Result &result)
{
    const QList<Callback> waiters = std::exchange(target.waiters, {});
    for (const Callback &callback : waiters)
        callback(result);
}

void TokenProvider::acceptSignIn(const SignInResult &result, Done done)
{
    adoptTokens(m_exchange, result);
    persistRefreshToken(result, std::move(done));
}

void TokenProvider::acceptGraphConsent(const SignInResult &result, Done done)
{
    adoptTokens(m_graph, result);
    persistRefreshToken(result, std::move(done));
}

void TokenProvider::persistRefreshToken(const SignInResult &result, Done done)
{
    if (result.refreshToken.isEmpty() || !m_secrets) {
        QMetaObject::invokeMethod(
            this, [done]() { done(SignInError()); }, Qt::QueuedConnection);
        return;
    }
    m_secrets->writeSecret(
        m_settings.secretKey, result.refreshToken, [done](const SecretStore::Result &written) {
            if (!written.ok()) {
                done(SignInError(SignInError::Kind::SecretStore,
                                 tr("Signed in, but the sign-in cannot be kept for the next start: %1")
                                     .arg(written.errorMessage)));
                return;
            }
            done(SignInError());
        });
}

void TokenProvider::restoreAccount(const IdTokenClaims &account)
{
    m_account = account;
    if (!account.tenantId.isEmpty())
        m_settings.tenant = account.tenantId;
    Q_EMIT accountChanged();
}

void TokenProvider::signOut(Done done)
{
    m_exchange.accessToken.clear();
    m_exchange.expiresAt = QDateTime();
    m_graph.accessToken.clear();
    m_graph.expiresAt = QDateTime();
    m_account.reset();
    Q_EMIT accountChanged();
    if (!m_secrets) {
        QMetaObject::invokeMethod(
            this, [done]() { done(SignInError()); }, Qt::QueuedConnection);
        return;
    }
    m_secrets->deleteSecret(m_settings.secretKey, [done](const SecretStore::Result &deleted) {
        if (!deleted.ok()) {
            done(SignInError(
                SignInError::Kind::SecretStore,
                tr("Could not remove the sign-in from the keychain: %1").arg(deleted.errorMessage)));
            return;
        }
        done(SignInError());
    });
}

} // namespace smtpauth
