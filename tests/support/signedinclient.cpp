// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "signedinclient.h"

#include "auth/authorizationcodesignin.h"
#include "auth/cloudenvironment.h"
#include "auth/headlessauthorizationopener.h"
#include "auth/memorysecretstore.h"
#include "auth/tokenprovider.h"
#include "emulatorprocess.h"
#include "exchange/invokecommandclient.h"

#include <QTest>
#include <optional>

namespace smtpauth::test {

ClientOptions SignedInClient::fastClientOptions()
{
    ClientOptions options;
    options.backoffBase = std::chrono::milliseconds(5);
    options.backoffCap = std::chrono::milliseconds(200);
    options.requestTimeout = std::chrono::seconds(30);
    return options;
}

SignedInClient::SignedInClient(EmulatorProcess &emulator, const QString &userPrincipalName,
                               const ClientOptions &options, QObject *parent)
    : QObject(parent), m_emulator(emulator), m_userPrincipalName(userPrincipalName), m_options(options),
      m_secrets(new MemorySecretStore(this))
{
    // The API's redirects (nextLink origin) are the client's business, never followed silently.
    m_network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

SignedInClient::~SignedInClient() = default;

QString SignedInClient::refreshTokenKey()
{
    return TokenProvider::Settings{}.secretKey;
}

QString SignedInClient::storedRefreshToken() const
{
    return m_secrets->peek(refreshTokenKey());
}

bool SignedInClient::signIn(std::chrono::milliseconds timeout)
{
    const CloudEnvironment cloud = CloudEnvironment::custom(m_emulator.baseUrl(), m_emulator.baseUrl());
    const QString clientId = QString::fromLatin1(kClientId);

    AuthorizationCodeSignIn::Options signInOptions;
    signInOptions.cloud = cloud;
    signInOptions.tenant = m_emulator.tenantDomain();
    signInOptions.clientId = clientId;
    signInOptions.loginHint = m_userPrincipalName;
    signInOptions.timeout = timeout;

    AuthorizationCodeSignIn attempt(signInOptions, &m_network);
    HeadlessAuthorizationOpener browser;
    std::optional<SignInResult> result;
    QString failure;
    bool finished = false;
    connect(&attempt, &AuthorizationCodeSignIn::authorizationUrlReady, &browser,
            &HeadlessAuthorizationOpener::open);
    connect(&browser, &HeadlessAuthorizationOpener::finished, this,
            [&failure](bool ok, const QString &message) {
                if (!ok && failure.isEmpty())
                    failure = QStringLiteral("the headless browser failed: ") + message;
            });
    connect(&attempt, &AuthorizationCodeSignIn::succeeded, this,
            [&result](const SignInResult &r) { result = r; });
    connect(&attempt, &AuthorizationCodeSignIn::failed, this,
            [&failure](const SignInError &error) { failure = error.message(); });
    connect(&attempt, &AuthorizationCodeSignIn::finished, this, [&finished] { finished = true; });
    attempt.start();
    if (!QTest::qWaitFor([&] { return finished || !failure.isEmpty(); }, int(timeout.count() + 2000))) {
        m_error = QStringLiteral("sign-in of %1 did not finish in time").arg(m_userPrincipalName);
        return false;
    }
    if (!result) {
        m_error = QStringLiteral("sign-in of %1 failed: %2").arg(m_userPrincipalName, failure);
        return false;
    }
    if (!result->account || result->account->tenantId.isEmpty() || result->refreshToken.isEmpty()) {
        m_error = QStringLiteral("sign-in of %1 gave no account/tenant or no refresh token")
                      .arg(m_userPrincipalName);
        return false;
    }
    m_tenantId = result->account->tenantId;

    TokenProvider::Settings settings;
    settings.cloud = cloud;
    settings.tenant = m_tenantId;
    settings.clientId = clientId;
    m_tokens = new TokenProvider(settings, m_secrets, &m_network, this);
    bool accepted = false;
    SignInError acceptError;
    m_tokens->acceptSignIn(*result, [&](const SignInError &error) {
        acceptError = error;
        accepted = true;
    });
    if (!QTest::qWaitFor([&] { return accepted; }, 30000) || acceptError.isError()) {
        m_error = QStringLiteral("TokenProvider did not accept the sign-in: ") + acceptError.message();
        return false;
    }

    ExchangeEndpoint endpoint;
    endpoint.apiBase = m_emulator.baseUrl();
    endpoint.tenant = m_tenantId;
    endpoint.anchorMailbox = QStringLiteral("UPN:") + m_userPrincipalName;
    m_client = new InvokeCommandClient(&m_network, endpoint, m_tokens, m_options, this);
    return true;
}

} // namespace smtpauth::test
