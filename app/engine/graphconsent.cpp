// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "engine/graphconsent.h"

#include "auth/authorizationcodesignin.h"
#include "auth/headlessauthorizationopener.h"
#include "auth/tokenprovider.h"
#include "engine/signedinsession.h"

namespace smtpauth {

GraphConsent::GraphConsent(SignedInSession *session, QNetworkAccessManager *network, Options options,
                           QObject *parent)
    : QObject(parent), m_session(session), m_network(network), m_options(options)
{
}

GraphConsent::~GraphConsent() = default;

void GraphConsent::start()
{
    if (!m_session) {
        QMetaObject::invokeMethod(
            this, [this] { fail(tr("Not signed in.")); }, Qt::QueuedConnection);
        return;
    }
    const AccountProfile &account = m_session->account();
    AuthorizationCodeSignIn::Options attempt;
    attempt.cloud = account.cloudEnvironment();
    attempt.tenant = account.tenantId;
    attempt.clientId = account.clientId;
    attempt.loginHint = account.userPrincipalName;
    // openid + profile: the ID token proves which account consented.
    attempt.scope = m_session->tokens()->graphScope() + QStringLiteral(" openid profile");
    attempt.timeout = m_options.timeout;
    m_attempt = new AuthorizationCodeSignIn(attempt, m_network, this);

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
        if (!m_session) {
            fail(tr("The session ended while access was being granted."));
            return;
        }
        const AccountProfile &account = m_session->account();
        if (result.account &&
            (result.account->tenantId.compare(account.tenantId, Qt::CaseInsensitive) != 0 ||
             (!account.objectId.isEmpty() && !result.account->objectId.isEmpty() &&
              result.account->objectId.compare(account.objectId, Qt::CaseInsensitive) != 0))) {
            fail(
                tr("Access was granted by %1, but this profile is signed in as %2; sign in with that account "
                   "to allow access.")
                    .arg(result.account->preferredUsername, account.userPrincipalName));
            return;
        }
        m_session->tokens()->acceptGraphConsent(result, [this](const SignInError &error) {
            if (error.isError()) {
                fail(error.message());
                return;
            }
            if (!m_done) {
                m_done = true;
                Q_EMIT succeeded();
            }
        });
    });
    m_attempt->start();
}

void GraphConsent::cancel()
{
    if (m_attempt)
        m_attempt->cancel();
}

void GraphConsent::fail(const QString &message)
{
    // The opener and the attempt may both report the same failure; the caller hears it once.
    if (m_done)
        return;
    m_done = true;
    Q_EMIT failed(message);
}

} // namespace smtpauth
