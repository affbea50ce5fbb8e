// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// P7: the whole chain behind the readiness columns for a tenant: the mailboxes (Get-CASMailbox pages),
// every user's own policy (Get-User pages), the policies and the org default, and from Graph security
// defaults, Conditional Access policies and two groups of members, read by the real clients
// (TenantLoader beside DirectoryLoader) into the real MailboxTableModel with its readiness columns
// computed; against the floor: the same requests made by bare QNetworkAccessManager loops that only
// download the bytes (no JSON parse), with the same overlap (the Exchange chains side by side within the
// same 3 slots, the Graph chain beside them), on the same emulator process with the same tokens.
//
//   bench_readiness --mailboxes 100000 --group-members 20000 [--latency-ms 0]
//
// Prints one JSON line: clientMs, floorMs (mean of the floors measured before and after the client),
// ratio, and memory: the heap the directory and the readiness column hold per mailbox
// (directoryBytesPerMailbox, the P7 target) and the resident growth of the whole chain per mailbox.
#include "auth/tokenprovider.h"
#include "benchsupport.h"
#include "emulatorprocess.h"
#include "engine/directoryloader.h"
#include "engine/tenantloader.h"
#include "exchange/accesstokensource.h"
#include "exchange/casmailboxrequests.h"
#include "exchange/directoryrequests.h"
#include "exchange/exchangeurls.h"
#include "exchange/invokecommandclient.h"
#include "graph/graphclient.h"
#include "models/mailboxtablemodel.h"
#include "models/tenantdirectory.h"
#include "signedinclient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUuid>
#include <functional>
#include <memory>

using namespace smtpauth;
using namespace smtpauth::bench;

namespace {

struct Floor
{
    QString error;
    int requests = 0;
    qint64 bytes = 0;
    int chainsRunning = 0;
    double ms = 0;
};

// One chain of requests: the first URL, then each nextLink as the client follows it (POST with the same
// body for Exchange, GET for Graph). `then` runs after the last page (the groups follow the policies).
void runChain(QNetworkAccessManager *network, Floor *floor, const QUrl &url, const QByteArray &postBody,
              const QList<QPair<QByteArray, QByteArray>> &headers,
              std::function<void(const QByteArray &)> then = {})
{
    QNetworkRequest http(url);
    for (const auto &[name, value] : headers)
        http.setRawHeader(name, value);
    QNetworkReply *reply = postBody.isNull() ? network->get(http) : network->post(http, postBody);
    ++floor->chainsRunning;
    QObject::connect(reply, &QNetworkReply::finished, reply, [=] {
        reply->deleteLater();
        --floor->chainsRunning;
        const QByteArray bytes = reply->readAll();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->error() != QNetworkReply::NoError || status != 200) {
            floor->error =
                QStringLiteral("floor %1: HTTP %2 %3").arg(url.path()).arg(status).arg(reply->errorString());
            return;
        }
        ++floor->requests;
        floor->bytes += bytes.size();
        const QByteArray next = nextLinkIn(bytes);
        if (!next.isEmpty()) {
            runChain(network, floor, QUrl::fromEncoded(next), postBody, headers, then);
            return;
        }
        if (then)
            then(bytes);
    });
}

// The requests of the client, bytes only. Graph's groups are read after the policies named them, as the
// client does; here their ids come from the emulator's truth.
Floor downloadFloor(const ExchangeEndpoint &endpoint, const QUrl &graphBase, const QString &exchangeToken,
                    const QString &graphToken, const QStringList &groupIds)
{
    QNetworkAccessManager network;
    Floor floor;
    const QList<QPair<QByteArray, QByteArray>> exchange = {
        {"Content-Type", "application/json"},
        {"Accept", "application/json"},
        {"Authorization", "Bearer " + exchangeToken.toUtf8()},
        {"X-AnchorMailbox", endpoint.anchorMailbox.toUtf8()},
        {"Prefer", "odata.maxpagesize=1000"},
        {"X-ResponseFormat", "json"}};
    const QList<QPair<QByteArray, QByteArray>> graph = {{"Accept", "application/json"},
                                                        {"Authorization", "Bearer " + graphToken.toUtf8()}};
    auto body = [](const CmdletRequest &request) {
        return QJsonDocument(request.toBody()).toJson(QJsonDocument::Compact);
    };
    const QString graphRoot = graphBase.toString(QUrl::StripTrailingSlash) + QStringLiteral("/v1.0/");
    QElapsedTimer clock;
    clock.start();
    const CmdletRequest mailboxes = CasMailboxRequests::getAllMailboxes();
    const CmdletRequest users = DirectoryRequests::getAllUserPolicies();
    const CmdletRequest policies = DirectoryRequests::getAuthenticationPolicies();
    const CmdletRequest org = DirectoryRequests::getOrganizationDefaultPolicy();
    const CmdletRequest transport = CasMailboxRequests::getTransportConfig();
    runChain(&network, &floor, ExchangeUrls::invokeCommand(endpoint, mailboxes.select), body(mailboxes),
             exchange);
    runChain(&network, &floor, ExchangeUrls::invokeCommand(endpoint, users.select), body(users), exchange);
    // The small ones ride along with the chains (the client's 3 slots: they wait for a free one).
    runChain(&network, &floor, ExchangeUrls::invokeCommand(endpoint, transport.select), body(transport),
             exchange, [&](const QByteArray &) {
                 runChain(&network, &floor, ExchangeUrls::invokeCommand(endpoint, policies.select),
                          body(policies), exchange, [&](const QByteArray &) {
                              runChain(&network, &floor, ExchangeUrls::invokeCommand(endpoint, org.select),
                                       body(org), exchange);
                          });
             });
    runChain(&network, &floor,
             QUrl(graphRoot + QStringLiteral("policies/identitySecurityDefaultsEnforcementPolicy")), {},
             graph);
    runChain(&network, &floor, QUrl(graphRoot + QStringLiteral("identity/conditionalAccess/policies")), {},
             graph, [&](const QByteArray &) {
                 for (const QString &group : groupIds)
                     runChain(&network, &floor,
                              QUrl(graphRoot +
                                   QStringLiteral(
                                       "groups/%1/transitiveMembers/microsoft.graph.user?$select=id&$top=999")
                                       .arg(group)),
                              {}, graph);
             });
    if (!waitUntil([&] { return !floor.error.isEmpty() || floor.chainsRunning == 0; }, 30 * 60 * 1000))
        floor.error = QStringLiteral("floor timed out");
    floor.ms = double(clock.nsecsElapsed()) / 1e6;
    return floor;
}

QString tokenOf(AccessTokenSource *source)
{
    QString token;
    bool done = false;
    source->fetchAccessToken([&](const AccessTokenSource::Result &answer) {
        token = answer.accessToken;
        done = true;
    });
    waitUntil([&] { return done; }, 60000);
    return token;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    useBuiltEmulatorUnlessOverridden();
    const QStringList arguments = app.arguments();
    const int mailboxes = intArgument(arguments, QStringLiteral("--mailboxes"), 100000);
    const int groupMembers = intArgument(arguments, QStringLiteral("--group-members"), 20000);
    const int latencyMs = intArgument(arguments, QStringLiteral("--latency-ms"), 0);

    QJsonObject result{{QStringLiteral("scenario"), QStringLiteral("P7")},
                       {QStringLiteral("mailboxes"), mailboxes},
                       {QStringLiteral("groupMembers"), groupMembers},
                       {QStringLiteral("latencyMs"), latencyMs}};
    auto fail = [&](const QString &why) {
        result.insert(QStringLiteral("error"), why);
        printResult(result);
        return 1;
    };

    test::EmulatorProcess emulator({QStringLiteral("--mailboxes"), QString::number(mailboxes),
                                    QStringLiteral("--latency-ms"), QString::number(latencyMs),
                                    QStringLiteral("--ca-group-size"), QString::number(groupMembers)});
    if (!emulator.start(std::chrono::minutes(3)))
        return fail(emulator.errorString());
    test::SignedInClient admin(emulator, emulator.userPrincipalName(QStringLiteral("admin")),
                               ClientOptions{});
    if (!admin.signIn(std::chrono::seconds(60)))
        return fail(admin.errorString());
    const ExchangeEndpoint endpoint = admin.client()->endpoint();
    GraphClient graph(admin.network(), endpoint.apiBase, admin.tokens()->graphTokens(), ClientOptions{});

    QStringList groupIds;
    for (const QJsonValue &group : emulator.directory().value(QLatin1String("groups")).toArray())
        groupIds.append(group.toObject().value(QLatin1String("id")).toString());
    if (groupIds.size() != 2)
        return fail(QStringLiteral("the emulator serves %1 groups, not 2").arg(groupIds.size()));

    auto measureFloor = [&](Floor *floor) -> QString {
        const QString exchangeToken = tokenOf(admin.tokens());
        const QString graphToken = tokenOf(admin.tokens()->graphTokens());
        if (exchangeToken.isEmpty() || graphToken.isEmpty())
            return QStringLiteral("no access tokens for the floor");
        *floor = downloadFloor(endpoint, endpoint.apiBase, exchangeToken, graphToken, groupIds);
        return floor->error;
    };
    Floor before;
    if (const QString error = measureFloor(&before); !error.isEmpty())
        return fail(error);

    // --- the real clients into the real model, as the console reads a tenant
    MailboxTableModel model;
    releaseFreeHeap();
    const qint64 rssBefore = residentBytes();
    auto *loader = new TenantLoader(admin.client());
    auto *directory = new DirectoryLoader(admin.client(), &graph);
    QObject::connect(loader, &TenantLoader::orgSettingLoaded, &model, &MailboxTableModel::setOrgSetting);
    QObject::connect(loader, &TenantLoader::mailboxesReceived, &model, &MailboxTableModel::appendMailboxes);
    int waiting = 2;
    QString loadError;
    QElapsedTimer clock;
    double mailboxesDoneMs = 0;
    double directoryDoneMs = 0;
    QObject::connect(loader, &TenantLoader::finished, [&] {
        mailboxesDoneMs = double(clock.nsecsElapsed()) / 1e6;
        --waiting;
    });
    QObject::connect(loader, &TenantLoader::failed, [&](const ExchangeError &error) {
        loadError = error.userMessage();
        waiting = 0;
    });
    QObject::connect(directory, &DirectoryLoader::finished, [&] {
        directoryDoneMs = double(clock.nsecsElapsed()) / 1e6;
        --waiting;
    });
    clock.start();
    loader->start();
    directory->start();
    if (!waitUntil([&] { return waiting <= 0; }, 30 * 60 * 1000))
        return fail(QStringLiteral("client read timed out"));
    if (!loadError.isEmpty())
        return fail(QStringLiteral("client load failed: ") + loadError);
    const std::shared_ptr<TenantDirectory> read = directory->directory();
    const double beforeContextMs = double(clock.nsecsElapsed()) / 1e6;
    model.setReadinessContext(read, QDate(2026, 12, 7));
    const double clientMs = double(clock.nsecsElapsed()) / 1e6;
    // Where the time goes: which read finished last, and the verdict columns for every row.
    result.insert(QStringLiteral("mailboxesDoneMs"), mailboxesDoneMs);
    result.insert(QStringLiteral("directoryDoneMs"), directoryDoneMs);
    result.insert(QStringLiteral("readinessColumnsMs"), clientMs - beforeContextMs);
    if (!directory->problems().isEmpty())
        return fail(QStringLiteral("sources not read: ") + directory->problems().join(QStringLiteral("; ")));
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QCoreApplication::processEvents();
    const qint64 rssAfter = residentBytes();
    releaseFreeHeap();
    const qint64 rssAfterTrim = residentBytes();

    if (model.rowCount() != mailboxes)
        return fail(
            QStringLiteral("the model holds %1 rows, the tenant %2").arg(model.rowCount()).arg(mailboxes));
    // What the readiness layers add to a load: the directory's heap and one verdict byte per row.
    const double directoryBytes = double(read->memoryUsage()) + double(model.rowCount());
    result.insert(QStringLiteral("clientMs"), clientMs);
    result.insert(QStringLiteral("rows"), model.rowCount());
    result.insert(QStringLiteral("users"), read->userCount());
    result.insert(QStringLiteral("directoryBytes"), directoryBytes);
    result.insert(QStringLiteral("directoryBytesPerMailbox"), directoryBytes / qMax(1, model.rowCount()));
    result.insert(QStringLiteral("chainRssBytesPerMailbox"),
                  double(rssAfter - rssBefore) / qMax(1, model.rowCount()));
    result.insert(QStringLiteral("chainRssBytesPerMailboxAfterTrim"),
                  double(rssAfterTrim - rssBefore) / qMax(1, model.rowCount()));

    Floor after;
    if (const QString error = measureFloor(&after); !error.isEmpty())
        return fail(error);
    const double floorMs = (before.ms + after.ms) / 2;
    result.insert(QStringLiteral("floorBeforeMs"), before.ms);
    result.insert(QStringLiteral("floorAfterMs"), after.ms);
    result.insert(QStringLiteral("floorMs"), floorMs);
    result.insert(QStringLiteral("floorRequests"), after.requests);
    result.insert(QStringLiteral("floorBytes"), double(after.bytes));
    result.insert(QStringLiteral("ratio"), clientMs / qMax(0.001, floorMs));
    delete directory;
    delete loader;
    printResult(result);
    return 0;
}
