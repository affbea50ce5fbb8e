// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "auth/signinresult.h"
#include "exchange/clientoptions.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QString>
#include <chrono>

namespace smtpauth {
class InvokeCommandClient;
class MemorySecretStore;
class TokenProvider;
} // namespace smtpauth

namespace smtpauth::test {

class EmulatorProcess;

// A user signed in to a running emulator through the REAL flow (AuthorizationCodeSignIn with PKCE, the
// emulator's /authorize approved by HeadlessAuthorizationOpener with login_hint = the user, then /token),
// ready to call the API: a TokenProvider over an in-memory secret store and an InvokeCommandClient
// addressed with the token's tenant id and the user as anchor mailbox.
//
//     SignedInClient admin(emulator, emulator.userPrincipalName(QStringLiteral("admin")));
//     QVERIFY2(admin.signIn(), qPrintable(admin.errorString()));
//     admin.client()->invoke(...);
class SignedInClient : public QObject
{
    Q_OBJECT
public:
    static constexpr const char *kClientId = "smtpauth-integration-tests";

    // The product defaults except the backoff: a few ms, so that retries do not make tests slow.
    static ClientOptions fastClientOptions();

    SignedInClient(EmulatorProcess &emulator, const QString &userPrincipalName,
                   const ClientOptions &options = fastClientOptions(), QObject *parent = nullptr);
    ~SignedInClient() override;

    bool signIn(std::chrono::milliseconds timeout = std::chrono::seconds(20));
    QString errorString() const { return m_error; }

    TokenProvider *tokens() const { return m_tokens; }
    InvokeCommandClient *client() const { return m_client; }
    MemorySecretStore *secrets() const { return m_secrets; }
    QNetworkAccessManager *network() { return &m_network; }
    QString userPrincipalName() const { return m_userPrincipalName; }
    QString tenantId() const { return m_tenantId; }
    // The refresh token the TokenProvider currently keeps in its secret store (for rotation checks).
    QString storedRefreshToken() const;
    static QString refreshTokenKey();

private:
    EmulatorProcess &m_emulator;
    QString m_userPrincipalName;
    ClientOptions m_options;
    QNetworkAccessManager m_network;
    MemorySecretStore *m_secrets = nullptr;
    TokenProvider *m_tokens = nullptr;
    InvokeCommandClient *m_client = nullptr;
    QString m_tenantId;
    QString m_error;
};

} // namespace smtpauth::test
