// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// P1 + P2: full tenant load through the real client into the real MailboxTableModel, against the floor
// (the same page requests made back to back by a bare QNetworkAccessManager loop that only downloads the
// bytes) on the same emulator process with the same token; and the resident memory the load added.
//
//   bench_load --mailboxes 100000 --latency-ms 30 [--skip-floor]
//
// Prints one JSON line. The floor is measured right before and right after the client load and the
// reference is their mean; the memory baseline is taken after giving the heap the first floor freed back
// to the system (malloc_trim), so the floor does not disturb it.
#include "auth/tokenprovider.h"
#include "benchsupport.h"
#include "emulatorprocess.h"
#include "engine/tenantloader.h"
#include "exchange/accesstokensource.h"
#include "exchange/casmailboxrequests.h"
#include "exchange/exchangeurls.h"
#include "exchange/invokecommandclient.h"
#include "models/mailboxtablemodel.h"
#include "signedinclient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <cstdio>

using namespace smtpauth;
using namespace smtpauth::bench;

namespace {

struct FloorRun
{
    bool ok = false;
    QString error;
    double ms = 0;
    int pages = 0;
    qint64 bytes = 0;
};

// The least any client can do: POST, read the bytes, find the nextLink with a byte search (no JSON
// parse), POST again. Same URL, body and headers as the real client sends.
FloorRun downloadFloor(const ExchangeEndpoint &endpoint, const QString &accessToken, int pageSize)
{
    QNetworkAccessManager network;
    const CmdletRequest request = CasMailboxRequests::getAllMailboxes();
    const QByteArray body = QJsonDocument(request.toBody()).toJson(QJsonDocument::Compact);
    const QByteArray authorization = "Bearer " + accessToken.toUtf8();
    const QByteArray prefer = "odata.maxpagesize=" + QByteArray::number(pageSize);
    static const QByteArray kNextLinkKey = "\"@odata.nextLink\":\"";

    FloorRun run;
    bool done = false;
    QElapsedTimer clock;
    std::function<void(const QUrl &)> post = [&](const QUrl &url) {
        QNetworkRequest http(url);
        http.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        http.setRawHeader("Accept", "application/json");
        http.setRawHeader("Authorization", authorization);
        if (!endpoint.anchorMailbox.isEmpty())
            http.setRawHeader("X-AnchorMailbox", endpoint.anchorMailbox.toUtf8());
        http.setRawHeader("Prefer", prefer);
        http.setRawHeader("X-ResponseFormat", "json");
        http.setRawHeader("X-CmdletName", request.cmdletName.toUtf8());
        QNetworkReply *reply = network.post(http, body);
        QObject::connect(reply, &QNetworkReply::finished, reply, [&, reply] {
            reply->deleteLater();
            const QByteArray bytes = reply->readAll();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (reply->error() != QNetworkReply::NoError || status != 200) {
                run.error = QStringLiteral("floor page %1: HTTP %2 %3")
                                .arg(run.pages)
                                .arg(status)
                                .arg(reply->errorString());
                done = true;
                return;
            }
            ++run.pages;
            run.bytes += bytes.size();
            const qsizetype at = bytes.lastIndexOf(kNextLinkKey);
            if (at < 0) {
                run.ms = double(clock.nsecsElapsed()) / 1e6;
                run.ok = true;
                done = true;
                return;
            }
            const qsizetype start = at + kNextLinkKey.size();
            const qsizetype end = bytes.indexOf('"', start);
            QByteArray link = bytes.mid(start, end - start);
            link.replace("\\/", "/");
            post(QUrl::fromEncoded(link));
        });
    };
    clock.start();
    post(ExchangeUrls::invokeCommand(endpoint, request.select));
    if (!waitUntil([&] { return done; }, 30 * 60 * 1000))
        run.error = QStringLiteral("floor timed out");
    return run;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    useBuiltEmulatorUnlessOverridden();
    const QStringList arguments = app.arguments();
    const int mailboxes = intArgument(arguments, QStringLiteral("--mailboxes"), 100000);
    const int latencyMs = intArgument(arguments, QStringLiteral("--latency-ms"), 0);
    const bool skipFloor = arguments.contains(QStringLiteral("--skip-floor"));

    QJsonObject result{{QStringLiteral("scenario"), QStringLiteral("P1")},
                       {QStringLiteral("mailboxes"), mailboxes},
                       {QStringLiteral("latencyMs"), latencyMs},
                       {QStringLiteral("pageSize"), 1000}};
    auto fail = [&](const QString &why) {
        result.insert(QStringLiteral("error"), why);
        printResult(result);
        return 1;
    };

    test::EmulatorProcess emulator({QStringLiteral("--mailboxes"), QString::number(mailboxes),
                                    QStringLiteral("--latency-ms"), QString::number(latencyMs),
                                    QStringLiteral("--page-size"), QStringLiteral("1000")});
    if (!emulator.start(std::chrono::minutes(3)))
        return fail(emulator.errorString());
    // Product defaults: the load is measured as the console runs it.
    test::SignedInClient admin(emulator, emulator.userPrincipalName(QStringLiteral("admin")),
                               ClientOptions{});
    if (!admin.signIn(std::chrono::seconds(60)))
        return fail(admin.errorString());

    // --- the floor, same emulator, same token
    auto measureFloor = [&](FloorRun *floor) -> QString {
        QString token;
        bool haveToken = false;
        admin.tokens()->fetchAccessToken([&](const AccessTokenSource::Result &answer) {
            token = answer.accessToken;
            haveToken = true;
        });
        if (!waitUntil([&] { return haveToken; }, 60000) || token.isEmpty())
            return QStringLiteral("no access token for the floor");
        *floor = downloadFloor(admin.client()->endpoint(), token, 1000);
        return floor->ok ? QString() : floor->error;
    };
    FloorRun before;
    if (!skipFloor) {
        if (const QString error = measureFloor(&before); !error.isEmpty())
            return fail(error);
    }

    // --- the real client into the real model
    MailboxTableModel model;
    releaseFreeHeap();
    const qint64 rssBefore = residentBytes();
    auto *loader = new TenantLoader(admin.client());
    QObject::connect(loader, &TenantLoader::orgSettingLoaded, &model, &MailboxTableModel::setOrgSetting);
    QObject::connect(loader, &TenantLoader::mailboxesReceived, &model, &MailboxTableModel::appendMailboxes);
    bool finished = false;
    QString loadError;
    QObject::connect(loader, &TenantLoader::finished, [&] { finished = true; });
    QObject::connect(loader, &TenantLoader::failed, [&](const ExchangeError &error) {
        loadError = error.userMessage();
        finished = true;
    });
    QElapsedTimer clock;
    clock.start();
    loader->start();
    if (!waitUntil([&] { return finished; }, 30 * 60 * 1000))
        return fail(QStringLiteral("client load timed out"));
    const double clientMs = double(clock.nsecsElapsed()) / 1e6;
    if (!loadError.isEmpty())
        return fail(QStringLiteral("client load failed: ") + loadError);
    // What the console keeps after a load: the model and the (finished) loader; deferred deletes done.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QCoreApplication::processEvents();
    const qint64 rssAfter = residentBytes();
    releaseFreeHeap();
    const qint64 rssAfterTrim = residentBytes();

    result.insert(QStringLiteral("clientMs"), clientMs);
    result.insert(QStringLiteral("rows"), model.rowCount());
    result.insert(QStringLiteral("rssBeforeBytes"), double(rssBefore));
    result.insert(QStringLiteral("rssAfterBytes"), double(rssAfter));
    result.insert(QStringLiteral("rssAfterTrimBytes"), double(rssAfterTrim));
    result.insert(QStringLiteral("bytesPerMailbox"),
                  double(rssAfter - rssBefore) / qMax(1, model.rowCount()));
    result.insert(QStringLiteral("bytesPerMailboxAfterTrim"),
                  double(rssAfterTrim - rssBefore) / qMax(1, model.rowCount()));
    if (model.rowCount() != mailboxes)
        return fail(
            QStringLiteral("the model holds %1 rows, the tenant %2").arg(model.rowCount()).arg(mailboxes));

    // --- the floor again: the reference is the mean of the floors measured just before and just after
    // the client, so that a machine that slows down or speeds up during the run (a shared VM does)
    // weighs on both sides alike.
    if (!skipFloor) {
        FloorRun after;
        if (const QString error = measureFloor(&after); !error.isEmpty())
            return fail(error);
        const double floorMs = (before.ms + after.ms) / 2;
        result.insert(QStringLiteral("floorBeforeMs"), before.ms);
        result.insert(QStringLiteral("floorAfterMs"), after.ms);
        result.insert(QStringLiteral("floorMs"), floorMs);
        result.insert(QStringLiteral("floorPages"), after.pages);
        result.insert(QStringLiteral("floorBytes"), double(after.bytes));
        result.insert(QStringLiteral("ratio"), clientMs / qMax(0.001, floorMs));
    }
    delete loader;
    printResult(result);
    return 0;
}
