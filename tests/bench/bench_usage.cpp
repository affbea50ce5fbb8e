// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// P8: the usage evidence behind the Readiness tab for a tenant: the email app usage report (the report
// settings, the 302 and the download without the bearer) beside every Basic SMTP AUTH sign-in page
// (1,000,000 records by default), read by the real UsageEvidenceLoader over the real GraphClient, then
// ReadinessReport::build over the mailbox list; against the floor: the same requests made by bare
// QNetworkAccessManager loops that only download the bytes (no JSON parse, no CSV parse), with the same
// overlap (report settings, report link + download and the sign-in chain side by side), on the same
// emulator process with the same token, measured before and after the client.
//
//   bench_usage --mailboxes 100000 --sign-in-records 1000000 [--latency-ms 0] [--memory-pass 1]
//
// The mailbox list is read first as the console reads it (TenantLoader beside DirectoryLoader into
// MailboxTableModel with its readiness columns, as P7), so that the memory figures are "above the
// mailbox list". Memory, measured in a pass of its own that reads only the sign-ins, right after the
// list (the cleanest heap of the run):
//   * signInAggregateBytes: SignInAggregate::memoryUsage(), what the aggregate keeps (per user, not per
//     record);
//   * signInPeakRssAboveListBytes: the process's peak resident size during the pass (VmHWM, reset through
//     /proc/self/clear_refs right before it; when the kernel refuses that, the maximum of VmRSS sampled
//     every 5 ms) minus the resident size with the list loaded (after malloc_trim) — the P8 target;
//   * signInRetainedRssAboveListBytes: the resident growth that stays after the pass (and after trim).
// The timed pass (usage report + sign-ins + build) reports its own peak above the list as well
// (peakRssAboveListBytes): that one includes the ~report CSV and its parsed rows.
#include "auth/tokenprovider.h"
#include "benchsupport.h"
#include "emulatorprocess.h"
#include "engine/directoryloader.h"
#include "engine/tenantloader.h"
#include "engine/usageevidenceloader.h"
#include "exchange/accesstokensource.h"
#include "exchange/exchangeurls.h"
#include "exchange/invokecommandclient.h"
#include "graph/graphclient.h"
#include "models/cutoffcalendar.h"
#include "models/emailappusagereport.h"
#include "models/mailboxtablemodel.h"
#include "models/readinessreport.h"
#include "models/signinaggregate.h"
#include "models/tenantdirectory.h"
#include "signedinclient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrl>
#include <functional>
#include <malloc.h>
#include <memory>
#include <sys/resource.h>

using namespace smtpauth;
using namespace smtpauth::bench;

namespace {

struct Floor
{
    QString error;
    int requests = 0;
    int signInPages = 0;
    qint64 bytes = 0;
    qint64 reportBytes = 0;
    int running = 0;
    double ms = 0;
};

// The pages UsageEvidenceLoader reads (same filter, $select and $top).
QUrl signInUrl(const GraphClient &graph, int days)
{
    return graph.v1Url(UsageEvidenceLoader::signInQuery(QDateTime::currentDateTimeUtc().addDays(-days)));
}

QUrl reportUrl(const GraphClient &graph, int periodDays)
{
    const QString path = QStringLiteral("reports/getEmailAppUsageUserDetail(period='D%1')").arg(periodDays);
    return graph.v1Url(QString::fromLatin1(QUrl::toPercentEncoding(path, "/()='")));
}

// GET `url` with the bearer (or without it), then `then(bytes, reply)` on a 2xx/3xx answer.
void fetch(QNetworkAccessManager *network, Floor *floor, const QUrl &url, const QByteArray &bearer,
           std::function<void(const QByteArray &, QNetworkReply *)> then)
{
    QNetworkRequest http(url);
    http.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    http.setRawHeader("Accept", "application/json");
    if (!bearer.isEmpty())
        http.setRawHeader("Authorization", "Bearer " + bearer);
    QNetworkReply *reply = network->get(http);
    ++floor->running;
    QObject::connect(reply, &QNetworkReply::finished, reply, [=] {
        reply->deleteLater();
        --floor->running;
        const QByteArray bytes = reply->readAll();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status < 200 || status > 399) {
            floor->error =
                QStringLiteral("floor %1: HTTP %2 %3").arg(url.path()).arg(status).arg(reply->errorString());
            return;
        }
        ++floor->requests;
        floor->bytes += bytes.size();
        then(bytes, reply);
    });
}

void signInChain(QNetworkAccessManager *network, Floor *floor, const QUrl &url, const QByteArray &bearer)
{
    fetch(network, floor, url, bearer, [=](const QByteArray &bytes, QNetworkReply *) {
        ++floor->signInPages;
        const QByteArray next = nextLinkIn(bytes);
        if (!next.isEmpty())
            signInChain(network, floor, QUrl::fromEncoded(next), bearer);
    });
}

// The client's requests, bytes only, with the client's overlap: report settings, the report (302, then
// the download without the bearer) and the sign-in chain, side by side.
Floor downloadFloor(const GraphClient &graph, const QString &token, int periodDays, int signInDays)
{
    QNetworkAccessManager network;
    Floor floor;
    const QByteArray bearer = token.toUtf8();
    QElapsedTimer clock;
    clock.start();
    fetch(&network, &floor, graph.v1Url(QStringLiteral("admin/reportSettings")), bearer,
          [](const QByteArray &, QNetworkReply *) {});
    fetch(&network, &floor, reportUrl(graph, periodDays), bearer,
          [&](const QByteArray &, QNetworkReply *reply) {
              const QUrl link = reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl();
              if (!link.isValid()) {
                  floor.error = QStringLiteral("floor: the usage report answered without a download link");
                  return;
              }
              fetch(&network, &floor, reply->url().resolved(link), QByteArray(),
                    [&](const QByteArray &bytes, QNetworkReply *) { floor.reportBytes = bytes.size(); });
          });
    signInChain(&network, &floor, signInUrl(graph, signInDays), bearer);
    if (!waitUntil([&] { return !floor.error.isEmpty() || floor.running == 0; }, 30 * 60 * 1000))
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

// VmHWM of this process in bytes; -1 when unreadable.
qint64 peakResidentBytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:")) {
            const QList<QByteArray> parts = line.simplified().split(' ');
            return parts.size() >= 2 ? parts.at(1).toLongLong() * 1024 : -1;
        }
    }
    return -1;
}

// Resets VmHWM to the current resident size (Linux >= 4.0); false when the kernel refuses.
bool resetPeakResident()
{
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    return clear.open(QIODevice::WriteOnly) && clear.write("5") == 1;
}

// CPU time of this process (all threads), ms.
double cpuMs()
{
    struct rusage usage
    {
    };
    getrusage(RUSAGE_SELF, &usage);
    return (double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

qint64 heapInUse()
{
    const struct mallinfo2 info = mallinfo2();
    return qint64(info.uordblks + info.hblkhd);
}

// The peak resident size while `run` runs: VmHWM after a reset, else VmRSS sampled every 5 ms.
class PeakWatch
{
public:
    PeakWatch()
    {
        m_exact = resetPeakResident();
        m_sampledMax = residentBytes();
        if (!m_exact) {
            m_sampler.setInterval(5);
            QObject::connect(&m_sampler, &QTimer::timeout,
                             [this] { m_sampledMax = qMax(m_sampledMax, residentBytes()); });
            m_sampler.start();
        }
    }
    qint64 peak()
    {
        m_sampledMax = qMax(m_sampledMax, residentBytes());
        return m_exact ? peakResidentBytes() : m_sampledMax;
    }
    bool exact() const { return m_exact; }

private:
    bool m_exact = false;
    qint64 m_sampledMax = 0;
    QTimer m_sampler;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    useBuiltEmulatorUnlessOverridden();
    const QStringList arguments = app.arguments();
    const int mailboxes = intArgument(arguments, QStringLiteral("--mailboxes"), 100000);
    const qint64 signInRecords =
        qint64(doubleArgument(arguments, QStringLiteral("--sign-in-records"), 1000000));
    const int latencyMs = intArgument(arguments, QStringLiteral("--latency-ms"), 0);
    const bool memoryPass = intArgument(arguments, QStringLiteral("--memory-pass"), 1) != 0;
    constexpr int kPeriodDays = 30;
    constexpr int kSignInDays = UsageEvidenceLoader::kSignInRetentionDays;

    QJsonObject result{{QStringLiteral("scenario"), QStringLiteral("P8")},
                       {QStringLiteral("mailboxes"), mailboxes},
                       {QStringLiteral("signInRecords"), double(signInRecords)},
                       {QStringLiteral("latencyMs"), latencyMs}};
    auto fail = [&](const QString &why) {
        result.insert(QStringLiteral("error"), why);
        printResult(result);
        return 1;
    };

    test::EmulatorProcess emulator({QStringLiteral("--mailboxes"), QString::number(mailboxes),
                                    QStringLiteral("--sign-in-records"), QString::number(signInRecords),
                                    QStringLiteral("--latency-ms"), QString::number(latencyMs)});
    if (!emulator.start(std::chrono::minutes(3)))
        return fail(emulator.errorString());
    test::SignedInClient admin(emulator, emulator.userPrincipalName(QStringLiteral("admin")),
                               ClientOptions{});
    if (!admin.signIn(std::chrono::seconds(60)))
        return fail(admin.errorString());
    const ExchangeEndpoint endpoint = admin.client()->endpoint();
    GraphClient graph(admin.network(), endpoint.apiBase, admin.tokens()->graphTokens(), ClientOptions{});

    // --- the mailbox list first, as the console has it when the Readiness tab reads the evidence (P7)
    MailboxTableModel model;
    std::shared_ptr<TenantDirectory> directory;
    {
        TenantLoader loader(admin.client());
        DirectoryLoader directoryLoader(admin.client(), &graph);
        QObject::connect(&loader, &TenantLoader::orgSettingLoaded, &model, &MailboxTableModel::setOrgSetting);
        QObject::connect(&loader, &TenantLoader::mailboxesReceived, &model,
                         &MailboxTableModel::appendMailboxes);
        int waiting = 2;
        QString loadError;
        QObject::connect(&loader, &TenantLoader::finished, [&] { --waiting; });
        QObject::connect(&loader, &TenantLoader::failed, [&](const ExchangeError &error) {
            loadError = error.userMessage();
            waiting = 0;
        });
        QObject::connect(&directoryLoader, &DirectoryLoader::finished, [&] { --waiting; });
        QElapsedTimer clock;
        clock.start();
        loader.start();
        directoryLoader.start();
        if (!waitUntil([&] { return waiting <= 0; }, 30 * 60 * 1000))
            return fail(QStringLiteral("mailbox list read timed out"));
        if (!loadError.isEmpty())
            return fail(QStringLiteral("mailbox list load failed: ") + loadError);
        directory = directoryLoader.directory();
        model.setReadinessContext(directory, QDate(2026, 12, 7));
        result.insert(QStringLiteral("mailboxListMs"), double(clock.nsecsElapsed()) / 1e6);
    }
    if (model.rowCount() != mailboxes)
        return fail(
            QStringLiteral("the model holds %1 rows, the tenant %2").arg(model.rowCount()).arg(mailboxes));
    QList<int> allRows;
    allRows.reserve(mailboxes);
    for (int row = 0; row < mailboxes; ++row)
        allRows.append(row);
    const CutoffCalendar calendar(QDate(2026, 12, 31),
                                  [] { return QDateTime(QDate(2026, 12, 7), QTime(12, 0), Qt::UTC); });
    auto settle = [] {
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        QCoreApplication::processEvents();
        releaseFreeHeap();
    };
    settle();
    const qint64 rssList = residentBytes();
    result.insert(QStringLiteral("rssWithMailboxListBytes"), double(rssList));

    auto readEvidence = [&](UsageEvidenceLoader &loader) -> QString {
        bool finished = false;
        QObject::connect(&loader, &UsageEvidenceLoader::finished, [&] { finished = true; });
        loader.start();
        if (!waitUntil([&] { return finished; }, 30 * 60 * 1000))
            return QStringLiteral("the usage evidence read timed out");
        return {};
    };

    // --- memory: the sign-ins alone, right after the list
    if (memoryPass) {
        UsageEvidenceLoader::Options options;
        options.periodDays = kPeriodDays;
        options.readUsageReport = false;
        auto loader = std::make_unique<UsageEvidenceLoader>(&graph, options);
        settle();
        const qint64 rssBefore = residentBytes();
        const qint64 heapBefore = heapInUse();
        PeakWatch watch;
        QElapsedTimer clock;
        clock.start();
        if (const QString error = readEvidence(*loader); !error.isEmpty())
            return fail(error);
        const double passMs = double(clock.nsecsElapsed()) / 1e6;
        const qint64 peak = watch.peak();
        if (!loader->signIns() || !loader->evidence().signInsComplete)
            return fail(QStringLiteral("memory pass: the sign-ins were not read: ") +
                        loader->evidence().signInStatus.reason);
        settle();
        result.insert(QStringLiteral("signInOnlyMs"), passMs);
        result.insert(QStringLiteral("signInAggregateBytes"), double(loader->signIns()->memoryUsage()));
        result.insert(QStringLiteral("signInUsers"), double(loader->signIns()->users().size()));
        result.insert(QStringLiteral("signInPeakRssAboveListBytes"), double(peak - rssList));
        result.insert(QStringLiteral("signInPeakRssAboveListMiB"), double(peak - rssList) / 1048576.0);
        result.insert(QStringLiteral("signInPeakRssAbovePassStartBytes"), double(peak - rssBefore));
        result.insert(QStringLiteral("signInRetainedRssAboveListBytes"), double(residentBytes() - rssList));
        result.insert(QStringLiteral("signInRetainedHeapBytes"), double(heapInUse() - heapBefore));
        result.insert(QStringLiteral("peakMethod"), watch.exact()
                                                        ? QStringLiteral("VmHWM after clear_refs")
                                                        : QStringLiteral("VmRSS sampled every 5 ms"));
        loader.reset();
        settle();
    }

    // --- the floor before, the client, the floor after
    auto measureFloor = [&](Floor *floor) -> QString {
        const QString token = tokenOf(admin.tokens()->graphTokens());
        if (token.isEmpty())
            return QStringLiteral("no Graph access token for the floor");
        const double cpuBefore = cpuMs();
        *floor = downloadFloor(graph, token, kPeriodDays, kSignInDays);
        result.insert(QStringLiteral("floorCpuMs"), cpuMs() - cpuBefore);
        if (floor->error.isEmpty() && floor->reportBytes == 0)
            floor->error = QStringLiteral("floor: the usage report download was empty");
        return floor->error;
    };
    Floor before;
    if (const QString error = measureFloor(&before); !error.isEmpty())
        return fail(error);
    settle();

    UsageEvidenceLoader::Options options;
    options.periodDays = kPeriodDays;
    options.signInDays = kSignInDays;
    auto loader = std::make_unique<UsageEvidenceLoader>(&graph, options);
    PeakWatch watch;
    const double cpuBefore = cpuMs();
    QElapsedTimer clock;
    clock.start();
    if (const QString error = readEvidence(*loader); !error.isEmpty())
        return fail(error);
    result.insert(QStringLiteral("clientCpuMs"), cpuMs() - cpuBefore);
    const double evidenceMs = double(clock.nsecsElapsed()) / 1e6;
    const UsageEvidence evidence = loader->evidence();
    const ReadinessReport report = ReadinessReport::build(
        model.store(), model.orgSetting(), model.basicNowOf(allRows), directory.get(), evidence, calendar);
    const double clientMs = double(clock.nsecsElapsed()) / 1e6;
    const qint64 peak = watch.peak();
    if (!evidence.usageReportStatus.isRead())
        return fail(QStringLiteral("the usage report was not read: ") + evidence.usageReportStatus.reason);
    if (!evidence.signInStatus.isRead() || !evidence.signInsComplete || !loader->signIns())
        return fail(QStringLiteral("the sign-ins were not read: ") + evidence.signInStatus.reason);
    const SignInAggregate &signIns = *loader->signIns();
    if (signIns.recordCount() != signInRecords && signInRecords > 0)
        return fail(QStringLiteral("the client read %1 sign-ins, the emulator serves %2")
                        .arg(signIns.recordCount())
                        .arg(signInRecords));

    Floor after;
    if (const QString error = measureFloor(&after); !error.isEmpty())
        return fail(error);
    if (after.signInPages != signIns.pageCount())
        return fail(QStringLiteral("the floor read %1 sign-in pages, the client %2")
                        .arg(after.signInPages)
                        .arg(signIns.pageCount()));
    const double floorMs = (before.ms + after.ms) / 2;

    QJsonObject counts;
    for (ReadinessClass readinessClass : kReadinessClasses)
        counts.insert(machineName(readinessClass), report.count(readinessClass));
    result.insert(QStringLiteral("clientMs"), clientMs);
    result.insert(QStringLiteral("evidenceMs"), evidenceMs);
    result.insert(QStringLiteral("buildMs"), clientMs - evidenceMs);
    result.insert(QStringLiteral("floorBeforeMs"), before.ms);
    result.insert(QStringLiteral("floorAfterMs"), after.ms);
    result.insert(QStringLiteral("floorMs"), floorMs);
    result.insert(QStringLiteral("floorRequests"), after.requests);
    result.insert(QStringLiteral("floorBytes"), double(after.bytes));
    result.insert(QStringLiteral("reportBytes"), double(after.reportBytes));
    result.insert(QStringLiteral("ratio"), clientMs / qMax(0.001, floorMs));
    result.insert(QStringLiteral("signInPages"), signIns.pageCount());
    result.insert(QStringLiteral("signInsRead"), double(signIns.recordCount()));
    result.insert(QStringLiteral("usageRows"),
                  double(loader->usageReport() ? loader->usageReport()->rows().size() : 0));
    result.insert(QStringLiteral("peakRssAboveListBytes"), double(peak - rssList));
    result.insert(QStringLiteral("classCounts"), counts);
    result.insert(QStringLiteral("rows"), int(report.rows().size()));
    printResult(result);
    return 0;
}
