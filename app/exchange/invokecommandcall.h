// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "exchange/cmdletrequest.h"
#include "exchange/cmdletresult.h"

#include <QObject>
#include <QPointer>

namespace smtpauth {

class InvokeCommandClient;
class RetryingRequest;

// One InvokeCommand call (with its retries). Created by InvokeCommandClient::invoke().
class InvokeCommandCall : public QObject
{
    Q_OBJECT
public:
    const CmdletRequest &request() const { return m_request; }
    const CmdletResult &result() const { return m_result; }
    bool isFinished() const { return m_finished; }

    // Shorthands for result().
    const QList<QJsonObject> &objects() const { return m_result.objects; }
    const QStringList &warnings() const { return m_result.warnings; }
    const ExchangeError &error() const { return m_result.error; }
    int httpStatus() const { return m_result.httpStatus; }
    QString clientRequestId() const { return m_result.clientRequestId; }

    // Cancels the call; finished() is emitted before this returns (error Cancelled).
    void abort();

Q_SIGNALS:
    void finished();

private:
    friend class InvokeCommandClient;
    InvokeCommandCall(InvokeCommandClient *client, CmdletRequest request);
    void start();
    void onPostFinished();
    void finish();

    InvokeCommandClient *m_client;
    CmdletRequest m_request;
    CmdletResult m_result;
    QPointer<RetryingRequest> m_post;
    bool m_finished = false;
};

} // namespace smtpauth
