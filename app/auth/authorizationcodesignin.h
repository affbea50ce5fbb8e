// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "auth/cloudenvironment.h"
#include "auth/loopbackreplyhandler.h"
#include "auth/pkcepair.h"
#include "auth/signinerror.h"
#include "auth/signinresult.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>
#include <chrono>

class QNetworkAccessManager;
class QOAuth2AuthorizationCodeFlow;

namespace smtpauth {

// One interactive sign-in attempt: authorization code + PKCE S256 with a loopback redirect.
//
// It never opens a browser: it emits authorizationUrlReady() and the caller decides (system browser in
// the window, stderr with --no-browser, HeadlessAuthorizationOpener for --demo and tests). Exactly one
// of succeeded() / failed() follows, then finished(). The loopback listener is closed as soon as the
// redirect arrived, or on error, cancel and timeout. Use a new object per attempt.
class AuthorizationCodeSignIn : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        CloudEnvironment cloud = CloudEnvironment::global();
        QString tenant = QStringLiteral("organizations");
        QString clientId;
        QString loginHint; // --user; empty: the account picker
        QString scope;     // empty: cloud.scope()
        std::chrono::milliseconds timeout = std::chrono::minutes(5);
        LoopbackReplyHandler::RedirectHost redirectHost = LoopbackReplyHandler::RedirectHost::Localhost;
    };

    AuthorizationCodeSignIn(const Options &options, QNetworkAccessManager *network,
                            QObject *parent = nullptr);
    ~AuthorizationCodeSignIn() override;

    // Starts listening and builds the authorize URL; everything else is reported by signals.
    void start();
    void cancel();

    bool isRunning() const { return m_running; }
    bool isListening() const;
    quint16 listenerPort() const;
    QUrl redirectUri() const;

Q_SIGNALS:
    void authorizationUrlReady(const QUrl &url);
    void succeeded(const smtpauth::SignInResult &result);
    void failed(const smtpauth::SignInError &error);
    void finished();

private:
    void onAuthorizeUrl(const QUrl &url);
    void onRedirect(const QVariantMap &parameters);
    void onTokenResponse(const TokenResponse &response);
    void fail(const SignInError &error);
    void closeListener();
    void finish();

    Options m_options;
    QNetworkAccessManager *m_network = nullptr;
    QPointer<LoopbackReplyHandler> m_listener;
    QPointer<QOAuth2AuthorizationCodeFlow> m_flow;
    QTimer m_timeout;
    PkcePair m_pkce;
    QString m_state;
    bool m_running = false;
    bool m_redirectSeen = false;
};

} // namespace smtpauth
