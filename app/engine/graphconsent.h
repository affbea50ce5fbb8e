// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QObject>
#include <QPointer>
#include <QUrl>
#include <chrono>

class QNetworkAccessManager;

namespace smtpauth {

class AuthorizationCodeSignIn;
class SignedInSession;

// "Allow access to readiness data": the incremental consent of graph-protocol.md §1. The signed-in
// admin is sent to the browser once more (authorization code + PKCE, as for sign-in) with the Graph
// permissions; the answer's Graph token and refresh token go to the session's TokenProvider, so from then
// on the one refresh token serves both Exchange and Graph. The account that consents must be the
// profile's own (same tenant and object id): a different account is refused, not silently adopted.
class GraphConsent : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        bool headless = false; // the demo tenant: approve without a person (HeadlessAuthorizationOpener)
        std::chrono::milliseconds timeout = std::chrono::minutes(5);
    };

    GraphConsent(SignedInSession *session, QNetworkAccessManager *network, Options options,
                 QObject *parent = nullptr);
    ~GraphConsent() override;

    void start();
    void cancel();

Q_SIGNALS:
    void authorizationUrlReady(const QUrl &url);
    void succeeded();
    void failed(const QString &message);

private:
    void fail(const QString &message);

    QPointer<SignedInSession> m_session;
    QNetworkAccessManager *m_network;
    Options m_options;
    QPointer<AuthorizationCodeSignIn> m_attempt;
    bool m_done = false;
};

} // namespace smtpauth
