// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "exchange/exchangeurls.h"

#include <QUrlQuery>

namespace smtpauth {

namespace {

QUrl withPath(const ExchangeEndpoint &endpoint, const QString &path)
{
    QUrl url = endpoint.apiBase;
    url.setPath(path);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

} // namespace

QString ExchangeUrls::invokeCommandPath(const QString &tenant)
{
    return QLatin1String("/adminapi/beta/") + tenant + QLatin1String("/InvokeCommand");
}

QUrl ExchangeUrls::invokeCommand(const ExchangeEndpoint &endpoint, const QStringList &select)
{
    QUrl url = withPath(endpoint, invokeCommandPath(endpoint.tenant));
    if (!select.isEmpty()) {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("$select"), select.join(QLatin1Char(',')));
        url.setQuery(query);
    }
    return url;
}

QUrl ExchangeUrls::batch(const ExchangeEndpoint &endpoint)
{
    return withPath(endpoint, QLatin1String("/adminapi/beta/") + endpoint.tenant + QLatin1String("/$batch"));
}

} // namespace smtpauth
