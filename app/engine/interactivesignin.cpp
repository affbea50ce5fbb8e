// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "engine/interactivesignin.h"

#include "auth/accountstore.h"
#include "auth/authorizationcodesignin.h"
#include "auth/headlessauthorizationopener.h"
#include "auth/tokenprovider.h"
#include "engine/signedinsession.h"

#include <QDateTime>

namespace smtpauth {

InteractiveSignIn::InteractiveSignIn(const Options &options, SecretStore *secrets, AccountStore *accounts,
                                     QNetworkAccessManager *network, QObject *parent)
    : QObject(parent), m_options(options), m_secrets(secrets), m_accounts(accounts), m_network(network)
{
}

void InteractiveSignIn::start()
{
    AuthorizationCodeSignIn::Options attemptOptions;
    attemptOptions.cloud = m_options.cloud;
    attemptOptions.tenant = m_options.tenant;
    attemptOptions.clientId = m_options.clientId;
    attemptOptions.loginHint = m_options.loginHint;
    attemptOptions.timeout = m_options.timeout;
    m_attempt = new AuthorizationCodeSignIn(attemptOptions, m_network, this);

    connect(m_attempt, &AuthorizationCodeSignIn::authorizationUrlReady, this, [this](const QUrl &url) {
        Q_EMIT authorizationUrlReady(url);
        if (!m_options.headless)
            return;
        HeadlessAuthorizationOpener::approve(m_attempt, url, this,
                                             [this](const QString &message) { fail(message); });
    });
    connect(m_attempt, &AuthorizationCodeSignIn::failed, this,
            [this](const SignInError &error) { fail(error.message()); });
    connect(m_attempt, &AuthorizationCodeSignIn::succeeded, this, [this](const SignInResult &result) {
        if (!result.account) {
            fail(tr("The identity provider returned no readable ID token, so the account and tenant are "
                    "unknown."));
            return;
        }
        if (result.refreshToken.isEmpty()) {
            fail(tr("The identity provider returned no refresh token; check that the offline_access scope is "
                    "granted."));
            return;
        }
        AccountProfile account = AccountProfile::fromSignIn(
            *result.account, m_options.cloud, m_options.clientId, QDateTime::currentDateTimeUtc());
        auto *session = new SignedInSession(account, m_secrets, m_network, {}, this);
        m_session = session;
        session->tokens()->acceptSignIn(result, [this, account](const SignInError &error) {
            if (error.isError()) {
                fail(error.message());
                return;
            }
            if (!m_accounts->save(account)) {
                fail(tr("Signed in, but the account details could not be saved to %1.")
                         .arg(m_accounts->filePath()));
                return;
            }
            Q_EMIT succeeded(account);
        });
    });
    m_attempt->start();
}

void InteractiveSignIn::cancel()
{
    if (m_attempt)
        m_attempt->cancel();
}

SignedInSession *InteractiveSignIn::takeSession()
{
    SignedInSession *session = m_session;
    if (session)
        session->setParent(nullptr);
    m_session = nullptr;
    return session;
}

void InteractiveSignIn::fail(const QString &message)
{
    // The opener and the attempt may both report the same broken sign-in; the caller hears it once.
    if (m_failed)
        return;
    m_failed = true;
    Q_EMIT failed(message);
}

} // namespace smtpauth
