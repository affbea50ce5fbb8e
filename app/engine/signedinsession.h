// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "auth/accountprofile.h"
#include "exchange/clientoptions.h"

#include <QObject>

class QNetworkAccessManager;

namespace smtpauth {

class GraphClient;
class InvokeCommandClient;
class SecretStore;
class TokenProvider;

// Everything needed to talk to one signed-in tenant: the token provider (refresh token in the given
// secret store), the Exchange client addressed with the token's tenant id and the admin's UPN as
// anchor mailbox, and the Microsoft Graph client with a token of Graph's own audience (the same refresh
// token, redeemed for Graph scopes). Built from the remembered AccountProfile, so a new process signs in
// silently.
class SignedInSession : public QObject
{
    Q_OBJECT
public:
    SignedInSession(const AccountProfile &account, SecretStore *secrets, QNetworkAccessManager *network,
                    const ClientOptions &clientOptions = {}, QObject *parent = nullptr);

    const AccountProfile &account() const { return m_account; }
    TokenProvider *tokens() const { return m_tokens; }
    InvokeCommandClient *client() const { return m_client; }
    GraphClient *graph() const { return m_graph; }

private:
    AccountProfile m_account;
    TokenProvider *m_tokens;
    InvokeCommandClient *m_client;
    GraphClient *m_graph;
};

} // namespace smtpauth
