// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "auth/authorizationcodesignin.h"

#include "auth/authlogging.h"

#include <QNetworkAccessManager>
#include <QOAuth2AuthorizationCodeFlow>
#include <QRandomGenerator>
#include <QUrlQuery>
#include <algorithm>
#include <array>

namespace smtpauth {

namespace {

QString randomState()
{
    std::array<quint32, 4> words{}; // 128 bits: unguessable by a page that races the redirect
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(words.data()), sizeof(words))
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

// Qt 6.4's reply handler hands over the query values still percent-encoded ("%0D%0A", "+").
QString formDecoded(const QVariant &value)
{
    QByteArray raw = value.toString().toUtf8();
    raw.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(raw));
}

} // namespace

AuthorizationCodeSignIn::AuthorizationCodeSignIn(const Options &options, QNetworkAccessManager *network,
                                                 QObject *parent)
    : QObject(parent), m_options(options), m_network(network)
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this]() {
        const auto seconds =
            std::max<qint64>(1, std::chrono::round<std::chrono::seconds>(m_options.timeout).count());
        fail(SignInError(
            SignInError::Kind::Timeout,
            tr("Sign-in timed out: no answer from the browser within %n second(s).", nullptr, int(seconds))));
    });
}

AuthorizationCodeSignIn::~AuthorizationCodeSignIn()
{
    closeListener();
}

bool AuthorizationCodeSignIn::isListening() const
{
    return m_listener && m_listener->isListening();
}

quint16 AuthorizationCodeSignIn::listenerPort() const
{
    return m_listener ? m_listener->boundPort() : 0;
}

QUrl AuthorizationCodeSignIn::redirectUri() const
{
    return m_listener ? QUrl(m_listener->callback()) : QUrl();
}

void AuthorizationCodeSignIn::start()
{
    if (m_running || m_flow) {
        qCWarning(lcAuth) << "AuthorizationCodeSignIn::start called twice; use one object per attempt";
        return;
    }
    m_running = true;
    m_pkce = PkcePair::generate();
    m_state = randomState();

    m_listener = new LoopbackReplyHandler(m_options.redirectHost, this);
    if (!m_listener->isListening()) {
        // Deferred so that callers connected after start() still hear about it.
        QMetaObject::invokeMethod(
            this,
            [this]() {
                fail(SignInError(SignInError::Kind::ListenerFailed,
                                 tr("Cannot listen for the sign-in redirect on 127.0.0.1.")));
            },
            Qt::QueuedConnection);
        return;
    }

    // Our checks run before the flow's own handling of the same signal (connected earlier).
    connect(m_listener, &QAbstractOAuthReplyHandler::callbackReceived, this,
            &AuthorizationCodeSignIn::onRedirect);
    connect(m_listener, &LoopbackReplyHandler::tokenResponseReceived, this,
            &AuthorizationCodeSignIn::onTokenResponse);

    m_flow = new QOAuth2AuthorizationCodeFlow(m_network, this);
    m_flow->setClientIdentifier(m_options.clientId);
    m_flow->setAuthorizationUrl(m_options.cloud.authorizeUrl(m_options.tenant));
    m_flow->setAccessTokenUrl(m_options.cloud.tokenUrl(m_options.tenant));
    m_flow->setScope(m_options.scope.isEmpty() ? m_options.cloud.scope() : m_options.scope);
    m_flow->setState(m_state);
    m_flow->setReplyHandler(m_listener);

    // Qt 6.4 has no PKCE of its own; the parameters are added at the two stages that need them.
    const QString challenge = QString::fromLatin1(m_pkce.challenge());
    const QString verifier = QString::fromLatin1(m_pkce.verifier());
    const QString loginHint = m_options.loginHint;
    m_flow->setModifyParametersFunction(
        [challenge, verifier, loginHint](QAbstractOAuth::Stage stage,
                                         QMultiMap<QString, QVariant> *parameters) {
            switch (stage) {
            case QAbstractOAuth::Stage::RequestingAuthorization:
                parameters->replace(QStringLiteral("code_challenge"), challenge);
                parameters->replace(QStringLiteral("code_challenge_method"), PkcePair::method());
                if (!loginHint.isEmpty())
                    parameters->replace(QStringLiteral("login_hint"), loginHint);
                break;
            case QAbstractOAuth::Stage::RequestingAccessToken:
                parameters->replace(QStringLiteral("code_verifier"), verifier);
                break;
            case QAbstractOAuth::Stage::RequestingTemporaryCredentials:
            case QAbstractOAuth::Stage::RefreshingAccessToken:
                break;
            }
        });

    connect(m_flow, &QAbstractOAuth::authorizeWithBrowser, this, &AuthorizationCodeSignIn::onAuthorizeUrl);

    m_timeout.start(m_options.timeout);
    qCInfo(lcAuth) << "sign-in started; redirect listener on 127.0.0.1 port" << m_listener->boundPort();
    m_flow->grant();
}

void AuthorizationCodeSignIn::onAuthorizeUrl(const QUrl &url)
{
    // The state we check on return must be the one the server sees; make sure Qt did not pick its own.
    if (QUrlQuery(url).queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded) != m_state) {
        fail(SignInError(
            SignInError::Kind::InvalidRequest,
            tr("Internal error: the authorization request does not carry this attempt's state.")));
        return;
    }
    Q_EMIT authorizationUrlReady(url);
}

void AuthorizationCodeSignIn::onRedirect(const QVariantMap &parameters)
{
    if (!m_running || m_redirectSeen)
        return;
    m_redirectSeen = true;
    // One redirect per attempt: nothing else may talk to our port afterwards.
    closeListener();

    const QString error = formDecoded(parameters.value(QStringLiteral("error")));
    if (!error.isEmpty()) {
        fail(SignInError::fromOAuthError(error,
                                         formDecoded(parameters.value(QStringLiteral("error_description")))));
        return;
    }
    if (formDecoded(parameters.value(QStringLiteral("state"))) != m_state) {
        qCWarning(lcAuth) << "sign-in redirect rejected: state mismatch";
        fail(SignInError(SignInError::Kind::StateMismatch,
                         tr("The sign-in answer did not belong to this sign-in attempt and was rejected. "
                            "Start the sign-in again.")));
        return;
    }
    if (parameters.value(QStringLiteral("code")).toString().isEmpty()) {
        fail(SignInError(SignInError::Kind::InvalidResponse,
                         tr("The sign-in answer carried neither an authorization code nor an error.")));
        return;
    }
    qCInfo(lcAuth) << "sign-in redirect received; redeeming the authorization code";
    // QOAuth2AuthorizationCodeFlow now sends the code (with our code_verifier) to the token endpoint.
}

void AuthorizationCodeSignIn::onTokenResponse(const TokenResponse &response)
{
    if (!m_running)
        return;
    if (!response.ok()) {
        fail(response.error());
        return;
    }
    m_timeout.stop();
    qCInfo(lcAuth) << "sign-in succeeded";
    Q_EMIT succeeded(response.result());
    finish();
}

void AuthorizationCodeSignIn::cancel()
{
    if (m_running)
        fail(SignInError(SignInError::Kind::Cancelled, tr("Sign-in was cancelled.")));
}

void AuthorizationCodeSignIn::fail(const SignInError &error)
{
    if (!m_running)
        return;
    qCWarning(lcAuth) << "sign-in failed:" << error.message();
    closeListener();
    Q_EMIT failed(error);
    finish();
}

void AuthorizationCodeSignIn::closeListener()
{
    if (m_listener && m_listener->isListening())
        m_listener->close();
}

void AuthorizationCodeSignIn::finish()
{
    m_running = false;
    m_timeout.stop();
    closeListener();
    if (m_flow) {
        // Late answers (a slow token reply after cancel) must not reach a finished attempt.
        m_flow->disconnect(this);
    }
    if (m_listener)
        m_listener->disconnect(this);
    Q_EMIT finished();
}

} // namespace smtpauth
