// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "exchange/cmdletrequest.h"
#include "exchange/cmdletresult.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>

namespace smtpauth {

class InvokeCommandClient;
class RetryingRequest;

// Many cmdlets through {base}/adminapi/beta/{tenant}/$batch with Prefer: odata.continue-on-error,
// at most 10 per HTTP request (each HTTP request takes one in-flight slot). Every sub-request has its
// own headers and client-request-id. Sub-requests that came back 429/503/504 are sent again in a
// later batch after a backoff; results are kept in input order. Created by
// InvokeCommandClient::invokeBatch().
class BatchCall : public QObject
{
    Q_OBJECT
public:
    int size() const { return int(m_requests.size()); }
    const QList<CmdletRequest> &requests() const { return m_requests; }
    // One per request, same index; final once resultReady(index) was emitted.
    const QList<CmdletResult> &results() const { return m_results; }
    const CmdletResult &resultAt(int index) const { return m_results.at(index); }
    bool isFinished() const { return m_finished; }
    int failedCount() const;
    // How many $batch HTTP requests were sent (retries of sub-requests included).
    int batchRequestsSent() const { return m_batchRequestsSent; }

    // Cancels what is not done yet (those results get Cancelled); finished() is emitted before
    // this returns.
    void abort();

Q_SIGNALS:
    void resultReady(int index);
    void finished();

private:
    friend class InvokeCommandClient;
    BatchCall(InvokeCommandClient *client, QList<CmdletRequest> requests);
    void start();
    void send(const QList<int> &indices);
    QJsonObject subRequest(int index, const QString &idInBatch) const;
    void onBatchFinished();
    void complete(int index, const CmdletResult &result);
    // Every request of a chunk gets the same error (the whole $batch failed or could not be read).
    void failChunk(const QList<int> &chunk, int httpStatus, const ExchangeError &error);
    void finishIfDone();

    InvokeCommandClient *m_client;
    QList<CmdletRequest> m_requests;
    QList<CmdletResult> m_results;
    QList<int> m_retries;
    QList<bool> m_done;
    QHash<RetryingRequest *, QList<int>>
        m_inFlight;                      // HTTP request -> indices it carries, in sub-request id order
    mutable QJsonObject m_sharedHeaders; // the headers every sub-request carries
    mutable QHash<QStringList, QString> m_invokeUrls; // $select -> InvokeCommand URL
    int m_remaining = 0;
    int m_batchRequestsSent = 0;
    bool m_finished = false;
};

} // namespace smtpauth
