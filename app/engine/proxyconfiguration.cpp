// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "engine/proxyconfiguration.h"

#include <QHostAddress>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QUrl>
#include <optional>

namespace smtpauth {

namespace {

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

// Loopback never goes through a proxy: a proxy cannot reach this machine's sign-in listener or demo
// tenant, and must not see the authorization code on its way to the listener.
class LoopbackBypassingProxyFactory : public QNetworkProxyFactory
{
public:
    explicit LoopbackBypassingProxyFactory(std::optional<QNetworkProxy> explicitProxy)
        : m_explicitProxy(std::move(explicitProxy))
    {
    }

    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override
    {
        if (isLoopbackHost(query.peerHostName()))
            return {QNetworkProxy(QNetworkProxy::NoProxy)};
        if (m_explicitProxy)
            return {*m_explicitProxy};
        return systemProxyForQuery(query);
    }

private:
    std::optional<QNetworkProxy> m_explicitProxy;
};

} // namespace

bool ProxyConfiguration::apply(const QString &proxyUrl, QString *error)
{
    if (proxyUrl.trimmed().isEmpty()) {
        QNetworkProxyFactory::setApplicationProxyFactory(new LoopbackBypassingProxyFactory(std::nullopt));
        return true;
    }
    const QUrl url(proxyUrl.trimmed());
    QNetworkProxy::ProxyType type = QNetworkProxy::NoProxy;
    if (url.scheme() == QLatin1String("http"))
        type = QNetworkProxy::HttpProxy;
    else if (url.scheme() == QLatin1String("socks5"))
        type = QNetworkProxy::Socks5Proxy;
    if (type == QNetworkProxy::NoProxy || url.host().isEmpty() || url.port() <= 0) {
        if (error)
            *error = QStringLiteral("--proxy must look like http://host:port or socks5://host:port, not '%1'")
                         .arg(url.toString(QUrl::RemoveUserInfo));
        return false;
    }
    QNetworkProxyFactory::setApplicationProxyFactory(new LoopbackBypassingProxyFactory(
        QNetworkProxy(type, url.host(), quint16(url.port()), url.userName(), url.password())));
    return true;
}

} // namespace smtpauth
