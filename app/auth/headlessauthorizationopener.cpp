// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "auth/headlessauthorizationopener.h"

#include "auth/authlogging.h"
#include "auth/authorizationcodesignin.h"

#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>

namespace smtpauth {

HeadlessAuthorizationOpener::HeadlessAuthorizationOpener(QObject *parent)
    : QObject(parent), m_network(new QNetworkAccessManager(this))
{
    // Both hops are loopback; a proxy from the environment must not see the code.
    m_network->setProxy(QNetworkProxy::NoProxy);
}

bool HeadlessAuthorizationOpener::isLoopbackRedirect(const QUrl &url)
{
    if (!url.isValid() || url.scheme() != QLatin1String("http") || !url.userInfo().isEmpty())
        return false;
    const QString host = url.host();
    return host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0 ||
           QHostAddress(host) == QHostAddress(QHostAddress::LocalHost);
}

void HeadlessAuthorizationOpener::open(const QUrl &authorizeUrl)
{
    QNetworkRequest request(authorizeUrl);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *reply = m_network->get(request);
    connect(reply, &QNetworkReply::finished, this, [this, reply]() { onAuthorizeReply(reply); });
}

void HeadlessAuthorizationOpener::onAuthorizeReply(QNetworkReply *reply)
{
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 301 && status != 302 && status != 303 && status != 307) {
        const QString why =
            status == 0
                ? reply->errorString()
                : tr("HTTP %1 instead of a redirect (the server wants an interactive page)").arg(status);
        Q_EMIT finished(false, tr("The authorization server did not approve automatically: %1").arg(why));
        return;
    }
    const QUrl location =
        reply->url().resolved(QUrl::fromEncoded(reply->rawHeader(QByteArrayLiteral("Location"))));
    if (!isLoopbackRedirect(location)) {
        // The Location may hold a code: don't log it, just its host.
        Q_EMIT finished(false,
                        tr("Refusing to follow a redirect to %1: only 127.0.0.1 and localhost are allowed.")
                            .arg(location.host()));
        return;
    }
    QNetworkRequest request(location);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply *delivery = m_network->get(request);
    connect(delivery, &QNetworkReply::finished, this, [this, delivery]() { onRedirectDelivered(delivery); });
}

void HeadlessAuthorizationOpener::onRedirectDelivered(QNetworkReply *reply)
{
    reply->deleteLater();
    if (!reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid()) {
        Q_EMIT finished(
            false,
            tr("Could not deliver the sign-in redirect to the local listener: %1").arg(reply->errorString()));
        return;
    }
    Q_EMIT finished(true, QString());
}

void HeadlessAuthorizationOpener::approve(AuthorizationCodeSignIn *attempt, const QUrl &authorizeUrl,
                                          QObject *owner, std::function<void(const QString &)> onFailure)
{
    auto *opener = new HeadlessAuthorizationOpener(owner);
    QPointer<AuthorizationCodeSignIn> guarded(attempt);
    connect(opener, &HeadlessAuthorizationOpener::finished, owner,
            [guarded, onFailure = std::move(onFailure)](bool ok, const QString &message) {
                if (ok)
                    return;
                onFailure(message);
                if (guarded)
                    guarded->cancel();
            });
    opener->open(authorizeUrl);
}

} // namespace smtpauth
