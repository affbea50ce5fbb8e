// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "exchange/transportpolicy.h"

#include <QCoreApplication>
#include <QHostAddress>

namespace smtpauth {

bool TransportPolicy::isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    QString literal = host;
    if (literal.startsWith(QLatin1Char('[')) && literal.endsWith(QLatin1Char(']')))
        literal = literal.mid(1, literal.size() - 2);
    QHostAddress address;
    return address.setAddress(literal) && address.isLoopback();
}

ExchangeError TransportPolicy::check(const QUrl &url)
{
    const auto tr = [](const char *text) {
        return QCoreApplication::translate("smtpauth::TransportPolicy", text);
    };
    const QString scheme = url.scheme().toLower();
    if (url.host().isEmpty())
        return ExchangeError(ExchangeError::Category::InsecureTransport, tr("The endpoint URL has no host."));
    if (scheme == QLatin1String("https"))
        return {};
    if (scheme == QLatin1String("http")) {
        if (isLoopbackHost(url.host()))
            return {};
        return ExchangeError(
            ExchangeError::Category::InsecureTransport,
            tr("Plain http is only allowed to this computer (loopback); %1 needs https.").arg(url.host()));
    }
    return ExchangeError(ExchangeError::Category::InsecureTransport,
                         tr("Unsupported URL scheme '%1'; https is required.").arg(url.scheme()));
}

} // namespace smtpauth
