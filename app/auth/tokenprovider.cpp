#include "tokenprovider.h"

#include "authlogging.h"
#include "secretstore.h"
#include "tokenresponse.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrlQuery>

namespace smtpauth {

TokenProvider::TokenProvider(const Settings &settings, SecretStore *secrets,
                             QNetworkAccessManager *network, QObject *parent)
    : AccessTokenSource(parent), m_settings(settings), m_secrets(secrets), m_network(network),
      m_clock([]() { return QDateTime::currentDateTimeUtc(); })
{
}

void TokenProvider::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

bool TokenProvider::hasValidAccessToken() const
{
    if (m_accessToken.isEmpty())
        return false;
    if (!m_expiresAt.isValid())
        return true; // the server did not say; a 401 will tell (reportRejected)
    return m_clock().secsTo(m_expiresAt) > m_settings.expiryMarginSeconds;
}

void TokenProvider::fetchAccessToken(Callback callback)
{
    if (!m_refreshing && hasValidAccessToken()) {
        const Result result{true, m_accessToken, QString()};
        QMetaObject::invokeMethod(
            this, [callback = std::move(callback), result]() { callback(result); }, Qt::QueuedConnection);
        return;
    }
    m_waiters.append(std::move(callback));
    if (!m_refreshing)
        startRefresh();
}

void TokenProvider::reportRejected(const QString &rejectedToken)
{
    // Only the token we still hold is dropped: many requests may report the same old token after
    // a refresh already replaced it, and they must not throw away the new one.
    if (!rejectedToken.isEmpty() && rejectedToken == m_accessToken) {
        qCInfo(lcAuth) << "access token rejected by the server; the next request refreshes it";
        m_accessToken.clear();
        m_expiresAt = QDateTime();
    }
}

void TokenProvider::startRefresh()
{
    m_refreshing = true;
    if (!m_secrets) {
        completeWaiters(Result{false, QString(), tr("Not signed in: no secret store.")});
        return;
    }
    m_secrets->readSecret(m_settings.secretKey, [this](const SecretStore::Result &stored) {
        if (stored.error == SecretStore::ErrorKind::NotFound || (stored.ok() && stored.value.isEmpty())) {
            completeWaiters(Result{false, QString(), tr("Not signed in: sign in first.")});
            return;
        }
        if (!stored.ok()) {
            completeWaiters(Result{false, QString(),
                                   tr("Cannot read the sign-in from the keychain: %1").arg(stored.errorMessage), true});
            return;
        }
        sendRefresh(stored.value);
    });
}

void TokenProvider::sendRefresh(const QString &refreshToken)
{
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("client_id"), m_settings.clientId);
    form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("refresh_token"));
    form.addQueryItem(QStringLiteral("refresh_token"), refreshToken);
    form.addQueryItem(QStringLiteral("scope"),
                      m_settings.scope.isEmpty() ? m_settings.cloud.scope() : m_settings.scope);
    // QUrlQuery leaves '+' and '&'-like characters of opaque tokens alone; a form body needs them encoded.
    QByteArray body;
    const auto items = form.queryItems(QUrl::FullyDecoded);
    for (const auto &[name, value] : items) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(name) + '=' + QUrl::toPercentEncoding(value);
    }

    QNetworkRequest request(m_settings.cloud.tokenUrl(m_settings.tenant));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    request.setRawHeader(QByteArrayLiteral("Accept"), QByteArrayLiteral("application/json"));
    ++m_tokenRequests;
    qCInfo(lcAuth) << "refreshing the access token";
    QNetworkReply *reply = m_network->post(request, body);
    connect(reply, &QNetworkReply::finished, this, [this, reply]() { onRefreshReply(reply); });
}

void TokenProvider::onRefreshReply(QNetworkReply *reply)
{
    reply->deleteLater();
    const TokenResponse response = TokenResponse::fromReply(reply, m_clock());
    if (!response.ok()) {
        const SignInError &error = response.error();
        if (error.kind() != SignInError::Kind::InvalidGrant) {
            // Network trouble or a server hiccup: the refresh token may still be good, keep it.
            completeWaiters(
                Result{false, QString(), tr("Could not renew the sign-in: %1").arg(error.message()), true});
            return;
        }
        qCWarning(lcAuth) << "refresh token refused; removing it:" << error.message();
        const QString reason = tr("Signed out: sign in again. %1").arg(error.message());
        m_accessToken.clear();
        m_expiresAt = QDateTime();
        m_secrets->deleteSecret(m_settings.secretKey, [this, reason](const SecretStore::Result &) {
            completeWaiters(Result{false, QString(), reason});
            Q_EMIT signedOut(reason);
        });
        return;
    }

    adoptTokens(response.result());
    const Result delivered{true, m_accessToken, QString()};
    const QString rotated = response.result().refreshToken;
    if (rotated.isEmpty()) {
        completeWaiters(delivered);
        return;
    }
    // Persist before anyone can trigger the next refresh: the previous refresh token is now dead.
    m_secrets->writeSecret(m_settings.secretKey, rotated, [this, delivered](const SecretStore::Result &written) {
        if (!written.ok())
            qCWarning(lcAuth) << "could not keep the renewed sign-in:" << written.errorMessage;
        completeWaiters(delivered);
    });
}

void TokenProvider::adoptTokens(const SignInResult &result)
{
    m_accessToken = result.accessToken;
    m_expiresAt = result.accessTokenExpiresAt;
    if (result.account) {
        m_account = result.account;
        // Refreshes must go to the account's own tenant, not to "organizations".
        if (!m_account->tenantId.isEmpty())
            m_settings.tenant = m_account->tenantId;
        Q_EMIT accountChanged();
    }
}

void TokenProvider::completeWaiters(const Result &result)
{
    m_refreshing = false;
    const QList<Callback> waiters = std::exchange(m_waiters, {});
    for (const Callback &callback : waiters)
        callback(result);
}

void TokenProvider::acceptSignIn(const SignInResult &result, Done done)
{
    adoptTokens(result);
    if (result.refreshToken.isEmpty() || !m_secrets) {
        QMetaObject::invokeMethod(this, [done]() { done(SignInError()); }, Qt::QueuedConnection);
        return;
    }
    m_secrets->writeSecret(m_settings.secretKey, result.refreshToken, [done](const SecretStore::Result &written) {
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
    m_accessToken.clear();
    m_expiresAt = QDateTime();
    m_account.reset();
    Q_EMIT accountChanged();
    if (!m_secrets) {
        QMetaObject::invokeMethod(this, [done]() { done(SignInError()); }, Qt::QueuedConnection);
        return;
    }
    m_secrets->deleteSecret(m_settings.secretKey, [done](const SecretStore::Result &deleted) {
        if (!deleted.ok()) {
            done(SignInError(SignInError::Kind::SecretStore,
                             tr("Could not remove the sign-in from the keychain: %1").arg(deleted.errorMessage)));
            return;
        }
        done(SignInError());
    });
}

} // namespace smtpauth
