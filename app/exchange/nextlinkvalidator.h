// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "exchange/exchangeendpoint.h"
#include "exchange/exchangeerror.h"

#include <QString>
#include <QUrl>

namespace smtpauth {

// A nextLink is followed with the bearer token attached, so a server (or anything in the middle)
// must not be able to send it elsewhere: only this endpoint's scheme+host+port and this tenant's
// InvokeCommand path are accepted.
class NextLinkValidator
{
public:
    explicit NextLinkValidator(ExchangeEndpoint endpoint);

    // On success returns None and sets *url to the link to POST to; otherwise a Protocol error.
    ExchangeError validate(const QString &nextLink, QUrl *url) const;

private:
    ExchangeEndpoint m_endpoint;
};

} // namespace smtpauth
