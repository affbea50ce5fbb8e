// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "auth/tokenprovider.h"
#include "exchange/accesstokensource.h"

#include <QPointer>

namespace smtpauth {

// One resource's view of a TokenProvider, for a client of that resource (the Graph client): tokens of
// that audience only, renewed through the provider's one-at-a-time redemptions of the shared refresh
// token. A token of one audience is never handed to a client of the other.
class ResourceTokenSource : public AccessTokenSource
{
    Q_OBJECT
public:
    ResourceTokenSource(TokenProvider *provider, TokenProvider::Resource resource);

    void fetchAccessToken(Callback callback) override;
    void reportRejected(const QString &rejectedToken) override;

private:
    QPointer<TokenProvider> m_provider;
    TokenProvider::Resource m_resource;
};

} // namespace smtpauth
