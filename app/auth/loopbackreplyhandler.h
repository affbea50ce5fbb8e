// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "auth/tokenresponse.h"

#include <QOAuthHttpServerReplyHandler>

namespace smtpauth {

// The loopback redirect listener of one sign-in attempt, plus the token endpoint's answer.
//
// Why a subclass: Qt 6.4's QOAuthHttpServerReplyHandler listens on all interfaces unless told
// otherwise (we bind 127.0.0.1 in the constructor, before anything can connect), builds a
// 127.0.0.1 redirect URI (Entra registers "http://localhost", port ignored: RFC 8252 §7.3), and drops
// token endpoint error bodies with only a warning (we parse them into a typed SignInError).
class LoopbackReplyHandler : public QOAuthHttpServerReplyHandler
{
    Q_OBJECT
public:
    enum class RedirectHost
    {
        Localhost,
        LoopbackAddress
    };

    explicit LoopbackReplyHandler(RedirectHost redirectHost = RedirectHost::Localhost,
                                  QObject *parent = nullptr);

    // Stays the same after close(): the token request must repeat the redirect URI of the
    // authorization request even though the listener is already gone.
    QString callback() const override;
    quint16 boundPort() const { return m_boundPort; }

Q_SIGNALS:
    void tokenResponseReceived(const smtpauth::TokenResponse &response);

protected:
    void networkReplyFinished(QNetworkReply *reply) override;

private:
    RedirectHost m_redirectHost;
    quint16 m_boundPort = 0;
};

} // namespace smtpauth
