// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "exchange/nextlinkvalidator.h"

#include "exchange/exchangeurls.h"

#include <QCoreApplication>

namespace smtpauth {

namespace {

int effectivePort(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return url.port(scheme == QLatin1String("https") ? 443 : scheme == QLatin1String("http") ? 80 : -1);
}

ExchangeError refused(const QString &why)
{
    return ExchangeError(
        ExchangeError::Category::Protocol,
        QCoreApplication::translate("smtpauth::NextLinkValidator", "Refused the server's next-page link: %1")
            .arg(why));
}

} // namespace

NextLinkValidator::NextLinkValidator(ExchangeEndpoint endpoint) : m_endpoint(std::move(endpoint)) {}

ExchangeError NextLinkValidator::validate(const QString &nextLink, QUrl *url) const
{
    const auto tr = [](const char *text) {
        return QCoreApplication::translate("smtpauth::NextLinkValidator", text);
    };
    const QUrl link(nextLink, QUrl::StrictMode);
    if (!link.isValid())
        return refused(tr("it is not a valid URL."));
    if (link.isRelative() || link.host().isEmpty())
        return refused(tr("it is not an absolute URL."));
    const QUrl &base = m_endpoint.apiBase;
    if (link.scheme().compare(base.scheme(), Qt::CaseInsensitive) != 0)
        return refused(tr("its scheme differs from the configured endpoint."));
    if (link.host().compare(base.host(), Qt::CaseInsensitive) != 0)
        return refused(tr("it points to another host."));
    if (effectivePort(link) != effectivePort(base))
        return refused(tr("it points to another port."));
    if (!link.userInfo().isEmpty())
        return refused(tr("it carries user credentials."));
    if (link.path().compare(ExchangeUrls::invokeCommandPath(m_endpoint.tenant), Qt::CaseInsensitive) != 0)
        return refused(tr("it is not this tenant's InvokeCommand."));
    *url = link;
    return {};
}

} // namespace smtpauth
