// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QNetworkRequest>
#include <QPair>
#include <QString>
#include <QUrl>
#include <chrono>

class QNetworkAccessManager;

namespace smtpauth::test {

// One finished HTTP exchange, as a test wants to look at it.
struct HttpAnswer
{
    int status = 0; // 0: no HTTP answer (connection failed, timeout)
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    QString networkError; // empty when the transport worked

    QByteArray header(const QByteArray &name) const;
    QJsonObject json() const;
};

// Blocking HTTP for test code only (a local event loop until the reply finishes). Product code never
// waits like this; tests may, and it keeps them readable. Redirects are never followed.
class SyncHttp
{
public:
    static HttpAnswer get(QNetworkAccessManager *network, QNetworkRequest request,
                          std::chrono::milliseconds timeout = std::chrono::seconds(20));
    static HttpAnswer post(QNetworkAccessManager *network, QNetworkRequest request, const QByteArray &body,
                           std::chrono::milliseconds timeout = std::chrono::seconds(20));
};

} // namespace smtpauth::test
