// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "exchange/exchangeendpoint.h"

#include <QString>
#include <QStringList>
#include <QUrl>

namespace smtpauth {

// The URLs of exchange-protocol.md §2, built from one ExchangeEndpoint.
class ExchangeUrls
{
public:
    // /adminapi/beta/{tenant}/InvokeCommand (only beta serves InvokeCommand)
    static QString invokeCommandPath(const QString &tenant);
    // {base}/adminapi/beta/{tenant}/InvokeCommand[?$select=A,B]
    static QUrl invokeCommand(const ExchangeEndpoint &endpoint, const QStringList &select = {});
    // {base}/adminapi/beta/{tenant}/$batch
    static QUrl batch(const ExchangeEndpoint &endpoint);
};

} // namespace smtpauth
