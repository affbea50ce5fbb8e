// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "auth/loopbackreplyhandler.h"

#include <QDateTime>
#include <QNetworkReply>

namespace smtpauth {

LoopbackReplyHandler::LoopbackReplyHandler(RedirectHost redirectHost, QObject *parent)
    // Port 0: the OS picks a free port. Address given explicitly: the default would be Any.
    : QOAuthHttpServerReplyHandler(QHostAddress(QHostAddress::LocalHost), 0, parent),
      m_redirectHost(redirectHost)
{
    if (isListening())
        m_boundPort = port();
    setCallbackText(tr("Sign-in complete. You can close this window and return to SMTP AUTH Console."));
}

QString LoopbackReplyHandler::callback() const
{
    const QString host =
        m_redirectHost == RedirectHost::Localhost ? QStringLiteral("localhost") : QStringLiteral("127.0.0.1");
    return QStringLiteral("http://") + host + QLatin1Char(':') + QString::number(m_boundPort) +
           QLatin1Char('/');
}

void LoopbackReplyHandler::networkReplyFinished(QNetworkReply *reply)
{
    Q_EMIT tokenResponseReceived(TokenResponse::fromReply(reply, QDateTime::currentDateTimeUtc()));
}

} // namespace smtpauth
