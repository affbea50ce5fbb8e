// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "auth/accountprofile.h"
#include "auth/cloudenvironment.h"

#include <QObject>
#include <QPointer>
#include <QUrl>
#include <chrono>

class QNetworkAccessManager;

namespace smtpauth {

class AccountStore;
class AuthorizationCodeSignIn;
class SecretStore;
class SignedInSession;

// The sign-in use case: one authorization-code + PKCE attempt, then the account is remembered
// (AccountStore, nothing secret) and the refresh token handed to the secret store. What opens the
// authorize URL is the caller's choice (system browser, a person reading stderr), except in
// headless mode, where HeadlessAuthorizationOpener plays an auto-approving browser (demo tenant only).
class InteractiveSignIn : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        CloudEnvironment cloud = CloudEnvironment::global();
        QString tenant = QStringLiteral("organizations");
        QString clientId;
        QString loginHint;
        bool headless = false;
        std::chrono::milliseconds timeout = std::chrono::minutes(5);
    };

    InteractiveSignIn(const Options &options, SecretStore *secrets, AccountStore *accounts,
                      QNetworkAccessManager *network, QObject *parent = nullptr);

    void start();
    void cancel();

    // Valid after succeeded(): the session of the account that just signed in (owned by this object
    // until taken).
    SignedInSession *takeSession();

Q_SIGNALS:
    void authorizationUrlReady(const QUrl &url);
    void succeeded(const smtpauth::AccountProfile &account);
    void failed(const QString &message);

private:
    void fail(const QString &message);

    Options m_options;
    SecretStore *m_secrets;
    AccountStore *m_accounts;
    QNetworkAccessManager *m_network;
    QPointer<AuthorizationCodeSignIn> m_attempt;
    QPointer<SignedInSession> m_session;
    bool m_failed = false;
};

} // namespace smtpauth
