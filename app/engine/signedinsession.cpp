// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "engine/signedinsession.h"

#include "auth/tokenprovider.h"
#include "exchange/invokecommandclient.h"
#include "graph/graphclient.h"

namespace smtpauth {

namespace {
TokenProvider::Settings tokenSettingsFor(const AccountProfile &account)
{
    TokenProvider::Settings settings;
    settings.cloud = account.cloudEnvironment();
    settings.tenant = account.tenantId;
    settings.clientId = account.clientId;
    settings.app = account.app;
    return settings;
}

ExchangeEndpoint endpointFor(const AccountProfile &account)
{
    ExchangeEndpoint endpoint;
    endpoint.apiBase = account.apiBase;
    // The tenant GUID from the token: a custom domain in the URL is reported to break paging.
    endpoint.tenant = account.tenantId;
    // App-only requests have no mailbox of their own: they are routed by the tenant's system mailbox
    // (exchange-protocol.md §10).
    endpoint.anchorMailbox =
        account.isAppOnly()
            ? QStringLiteral("APP:SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}@") + account.tenantId
            : QStringLiteral("UPN:") + account.userPrincipalName;
    return endpoint;
}
ClientOptions graphOptionsFrom(ClientOptions options)
{
    options.maxInFlight = GraphClient::kDefaultMaxInFlight;
    return options;
}
} // namespace

SignedInSession::SignedInSession(const AccountProfile &account, SecretStore *secrets,
                                 QNetworkAccessManager *network, const ClientOptions &clientOptions,
                                 QObject *parent)
    : QObject(parent), m_account(account),
      m_tokens(new TokenProvider(tokenSettingsFor(account), secrets, network, this)),
      m_client(new InvokeCommandClient(network, endpointFor(account), m_tokens, clientOptions, this)),
      m_graph(new GraphClient(network, account.cloudEnvironment().graphBase(), m_tokens->graphTokens(),
                              graphOptionsFrom(clientOptions), this))
{
    m_tokens->restoreAccount(account.claims());
}

} // namespace smtpauth
