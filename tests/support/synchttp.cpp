// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "synchttp.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace smtpauth::test {

namespace {

HttpAnswer waitFor(QNetworkReply *reply, std::chrono::milliseconds timeout)
{
    QEventLoop loop;
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    deadline.start(timeout);
    if (!reply->isFinished())
        loop.exec();

    HttpAnswer answer;
    if (!reply->isFinished()) {
        reply->abort();
        answer.networkError = QStringLiteral("no answer within %1 ms").arg(timeout.count());
        reply->deleteLater();
        return answer;
    }
    answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    answer.body = reply->readAll();
    answer.headers = reply->rawHeaderPairs();
    // An HTTP error status is an answer, not a transport failure.
    if (reply->error() != QNetworkReply::NoError && answer.status == 0)
        answer.networkError = reply->errorString();
    reply->deleteLater();
    return answer;
}

QNetworkRequest withoutRedirects(QNetworkRequest request)
{
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    return request;
}

} // namespace

QByteArray HttpAnswer::header(const QByteArray &name) const
{
    for (const auto &pair : headers) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return pair.second;
    }
    return {};
}

QJsonObject HttpAnswer::json() const
{
    return QJsonDocument::fromJson(body).object();
}

HttpAnswer SyncHttp::get(QNetworkAccessManager *network, QNetworkRequest request,
                         std::chrono::milliseconds timeout)
{
    return waitFor(network->get(withoutRedirects(std::move(request))), timeout);
}

HttpAnswer SyncHttp::post(QNetworkAccessManager *network, QNetworkRequest request, const QByteArray &body,
                          std::chrono::milliseconds timeout)
{
    return waitFor(network->post(withoutRedirects(std::move(request)), body), timeout);
}

} // namespace smtpauth::test
