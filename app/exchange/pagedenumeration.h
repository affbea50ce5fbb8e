#pragma once

#include "cmdletrequest.h"
#include "exchangeerror.h"
#include "nextlinkvalidator.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>

namespace smtpauth {

class InvokeCommandClient;
class RetryingPost;

// Reads every page of a Get cmdlet (exchange-protocol.md §4). Each nextLink is validated and
// followed at once with the same body and headers. When the server says the pagination expired,
// the enumeration starts over from the first page (a few times at most) and emits restarted():
// the consumer must discard what it received before, pages are never stitched across runs.
// Created by InvokeCommandClient::enumerate().
class PagedEnumeration : public QObject
{
    Q_OBJECT
public:
    const CmdletRequest &request() const { return m_request; }
    bool isFinished() const { return m_finished; }
    const ExchangeError &error() const { return m_error; }
    // Every object of the current run, in server order (cleared on restart).
    const QList<QJsonObject> &objects() const { return m_objects; }
    // Consumers that take every page from pageReceived() turn this off: keeping 100k parsed objects
    // around as well would double the memory of a load. Set before the first page arrives.
    void setRetainObjects(bool retain) { m_retainObjects = retain; }
    int objectCount() const { return m_objectCount; }
    // Distinct @adminapi.warnings of the current run.
    const QStringList &warnings() const { return m_warnings; }
    // The ResultSize warning was seen: the list is NOT complete, never present it as such.
    bool truncated() const { return m_truncated; }
    int pageCount() const { return m_pageCount; }
    int restartCount() const { return m_restarts; }
    int lastHttpStatus() const { return m_lastHttpStatus; }
    // Sent on every page of the current run (a new one after a restart).
    QString clientRequestId() const { return m_clientRequestId; }

    // Cancels; finished() is emitted before this returns (error Cancelled).
    void abort();

Q_SIGNALS:
    void pageReceived(const QList<QJsonObject> &objects);
    void restarted(const QString &reason);
    void progress(int objectsSoFar);
    void finished();

private:
    friend class InvokeCommandClient;
    PagedEnumeration(InvokeCommandClient *client, CmdletRequest request);
    void start();
    void startRun();
    void requestPage(const QUrl &url);
    void onPageFinished();
    void finishWith(const ExchangeError &error);

    InvokeCommandClient *m_client;
    CmdletRequest m_request;
    NextLinkValidator m_nextLinks;
    QPointer<RetryingPost> m_post;
    QList<QJsonObject> m_objects;
    int m_objectCount = 0;
    bool m_retainObjects = true;
    QStringList m_warnings;
    ExchangeError m_error;
    QString m_clientRequestId;
    int m_pageCount = 0;
    int m_restarts = 0;
    int m_lastHttpStatus = 0;
    bool m_truncated = false;
    bool m_finished = false;
};

} // namespace smtpauth
