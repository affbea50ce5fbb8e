// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QObject>
#include <QUrl>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace smtpauth {

class AuthorizationCodeSignIn;

// Plays the browser for an authorization server that approves without a page (the embedded demo
// tenant with a login_hint, and the test identity providers): fetches the authorize URL without
// following redirects, reads the Location of the 302, and requests that loopback URL so the sign-in
// listener receives the code. Never used against a real tenant.
//
// It refuses to follow a redirect anywhere but http://127.0.0.1 or http://localhost, so it cannot be
// turned into a request forwarder.
class HeadlessAuthorizationOpener : public QObject
{
    Q_OBJECT
public:
    explicit HeadlessAuthorizationOpener(QObject *parent = nullptr);

    void open(const QUrl &authorizeUrl);

    static bool isLoopbackRedirect(const QUrl &url);
    // Opens `authorizeUrl` for `attempt` (an opener owned by `owner`); when the approval cannot be
    // delivered, `onFailure` hears why and the attempt is cancelled. What a headless sign-in and a
    // headless consent both do with the authorize URL.
    static void approve(AuthorizationCodeSignIn *attempt, const QUrl &authorizeUrl, QObject *owner,
                        std::function<void(const QString &)> onFailure);

Q_SIGNALS:
    // ok: the redirect was delivered to the loopback listener (what the listener did with it is the
    // sign-in's business). Otherwise a plain message.
    void finished(bool ok, const QString &errorMessage);

private:
    void onAuthorizeReply(QNetworkReply *reply);
    void onRedirectDelivered(QNetworkReply *reply);

    QNetworkAccessManager *m_network = nullptr;
};

} // namespace smtpauth
