// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "exchange/cmdletrequest.h"
#include "exchange/cmdletresult.h"
#include "exchange/exchangeerror.h"
#include "exchange/nextlinkvalidator.h"

#include <QFutureWatcher>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>
#include <QVariant>
#include <deque>
#include <functional>
#include <memory>
#include <optional>

namespace smtpauth {

class InvokeCommandClient;
class RetryingRequest;

// Reads every page of a Get cmdlet (exchange-protocol.md §4). Each nextLink is validated and
// followed at once with the same body and headers. When the server says the pagination expired,
// the enumeration starts over from the first page (a few times at most) and emits restarted():
// the consumer must discard what it received before, pages are never stitched across runs.
// Created by InvokeCommandClient::enumerate().
//
// Pipelined: as soon as a page's bytes arrive its nextLink is found with a quick scan, validated and
// requested, and the page itself is parsed (and given to the page processor) on a worker thread. So
// the download of page N+1 overlaps the parsing of page N, and the thread that owns the enumeration
// (the UI thread in the console) only receives finished pages. Pages are still handed on strictly in
// server order, and at most kMaxPagesAhead pages wait for the worker at once.
class PagedEnumeration : public QObject
{
    Q_OBJECT
public:
    // Runs on a worker thread for every page that parsed without error; its result comes with
    // pageProcessed(). It must not touch shared state (it may run for two pages at once).
    using PageProcessor = std::function<QVariant(const QList<QJsonObject> &objects)>;
    // A shortcut past the full parse for the plain case, also on the worker: given a successful answer's
    // body, either everything the full parse and the processor would have produced for it (the
    // processor's result, the object count and the nextLink), or nullopt, after which the page is
    // parsed the full way. It must never accept what the full parse would refuse or read differently.
    struct FastPage
    {
        QVariant processed;
        int objectCount = 0;
        QString nextLink;
    };
    using FastPageReader = std::function<std::optional<FastPage>(const QByteArray &body)>;
    static constexpr int kMaxPagesAhead = 2;

    ~PagedEnumeration() override;

    const CmdletRequest &request() const { return m_request; }
    bool isFinished() const { return m_finished; }
    const ExchangeError &error() const { return m_error; }
    // Every object of the current run, in server order (cleared on restart).
    const QList<QJsonObject> &objects() const { return m_objects; }
    // Consumers that take every page from pageReceived() turn this off: keeping 100k parsed objects
    // around as well would double the memory of a load. Set before the first page arrives.
    void setRetainObjects(bool retain) { m_retainObjects = retain; }
    // Set before the first page arrives (right after enumerate()). With a processor and without
    // retained objects, the parsed objects are freed on the worker too and pageReceived() carries an
    // empty list: the processor's result is then the only form of the page.
    void setPageProcessor(PageProcessor processor) { m_processor = std::move(processor); }
    // Only used together with a processor and without retained objects (there are no objects to keep).
    void setFastPageReader(FastPageReader reader) { m_fastReader = std::move(reader); }
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
    // Right after pageReceived(), with what the page processor made of the page (invalid without one).
    void pageProcessed(const QVariant &processed);
    void restarted(const QString &reason);
    void progress(int objectsSoFar);
    void finished();

private:
    friend class InvokeCommandClient;

    struct ParsedPage
    {
        CmdletResult result;
        QVariant processed;
        int objectCount = 0; // result.objects may have been dropped already
    };
    // One answer, from arrival until it is handed on (in arrival order, which is page order).
    struct PendingPage
    {
        ExchangeError transportError;
        int httpStatus = 0;
        bool nextRequested = false; // its nextLink was already followed
        QString requestedLink;      // ... this one, as the quick scan read it
        bool parsed = false;
        ParsedPage page;
        std::unique_ptr<QFutureWatcher<ParsedPage>> watcher;
    };

    PagedEnumeration(InvokeCommandClient *client, CmdletRequest request);
    // The worker-thread part: no member is touched.
    static ParsedPage parseAndProcess(int httpStatus, const QByteArray &body, const QByteArray &diagnostics,
                                      const PageProcessor &processor, const FastPageReader &fastReader,
                                      bool keepObjects);
    void start();
    void startRun();
    void requestPage(const QUrl &url);
    void onPageFinished();
    void onPageParsed();
    void handOnReadyPages();
    void handOn(PendingPage &page);
    void stopRequest();
    void dropPendingPages();
    void finishWith(const ExchangeError &error);

    InvokeCommandClient *m_client;
    CmdletRequest m_request;
    NextLinkValidator m_nextLinks;
    PageProcessor m_processor;
    FastPageReader m_fastReader;
    QPointer<RetryingRequest> m_post;
    std::deque<std::unique_ptr<PendingPage>> m_pending;
    QList<QJsonObject> m_objects;
    int m_objectCount = 0;
    bool m_retainObjects = true;
    bool m_handingOn = false;
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
