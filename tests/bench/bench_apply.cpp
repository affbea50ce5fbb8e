// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// P4: apply many changes through the real ChangeApplier (write-ahead journal, reads before and after,
// $batch writes under the client's in-flight limit and backoff) against an emulator that limits
// concurrency, adds latency and throttles at random. Compared in the same run with
//  (a) the ceiling the emulator allows for that limit and latency, measured: a bare QNetworkAccessManager
//      loop keeping `limit` $batch requests of 10 Sets in flight, faults off. The formula used before is
//      reported beside it (formulaCeilingMs): 10 * min(limit / (latency + service), 1 / service) changes
//      per second, service time measured one $batch at a time without latency; it leaves out that the
//      emulator serves requests arriving together one after the other, and the HTTP cost on both sides;
//  (a') beside it, not judged: the same bare loop with the scenario's 429s on, obeying them (Retry-After,
//      else 2 s x 2^n), i.e. the least time any correct client needs for the Sets alone;
//  (b) a PowerShell-style loop: one Set-CASMailbox request per mailbox, one at a time, on a sample,
//      extrapolated linearly to the same number of changes.
// Lost changes: the journal's final state and the emulator's truth are compared mailbox by mailbox.
//
//   bench_apply --changes 10000 --sample 300 [--latency-ms 20] [--limit 3] [--rate-429 0.02] [--seed N]
//
// --seed is the emulator's: with the same seed the same request ordinals are throttled, so repeated runs
// with one seed repeat one draw of where the 429s fall; the harness gives every round its own.
#include "auth/tokenprovider.h"
#include "benchsupport.h"
#include "emulatorprocess.h"
#include "emulatortruth.h"
#include "engine/changeapplier.h"
#include "exchange/accesstokensource.h"
#include "exchange/casmailboxrequests.h"
#include "exchange/exchangeurls.h"
#include "exchange/invokecommandcall.h"
#include "exchange/invokecommandclient.h"
#include "models/changejournal.h"
#include "signedinclient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTimer>

using namespace smtpauth;
using namespace smtpauth::bench;

namespace {

QByteArray batchOfSets(const ExchangeEndpoint &endpoint, const QList<QPair<QUuid, Override>> &targets)
{
    QJsonArray requests;
    int id = 0;
    for (const auto &[guid, value] : targets) {
        const CmdletRequest request =
            CasMailboxRequests::setMailbox(guid.toString(QUuid::WithoutBraces), value);
        QJsonObject headers{{QStringLiteral("Content-Type"), QStringLiteral("application/json")},
                            {QStringLiteral("Accept"), QStringLiteral("application/json")},
                            {QStringLiteral("X-AnchorMailbox"), endpoint.anchorMailbox},
                            {QStringLiteral("X-ResponseFormat"), QStringLiteral("json")},
                            {QStringLiteral("X-CmdletName"), request.cmdletName}};
        requests.append(QJsonObject{
            {QStringLiteral("id"), QString::number(++id)},
            {QStringLiteral("method"), QStringLiteral("POST")},
            {QStringLiteral("url"),
             ExchangeUrls::invokeCommand(endpoint, request.select).toString(QUrl::FullyEncoded)},
            {QStringLiteral("headers"), headers},
            {QStringLiteral("body"), request.toBody()},
        });
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("requests"), requests}}).toJson(QJsonDocument::Compact);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    useBuiltEmulatorUnlessOverridden();
    const QStringList arguments = app.arguments();
    const int changes = intArgument(arguments, QStringLiteral("--changes"), 10000);
    const int sample = intArgument(arguments, QStringLiteral("--sample"), 300);
    const int latencyMs = intArgument(arguments, QStringLiteral("--latency-ms"), 20);
    const int limit = intArgument(arguments, QStringLiteral("--limit"), 3);
    const double rate429 = doubleArgument(arguments, QStringLiteral("--rate-429"), 0.02);
    const int serviceSamples = intArgument(arguments, QStringLiteral("--service-samples"), 40);
    const int saturationBatches = intArgument(arguments, QStringLiteral("--saturation-batches"), 300);
    const int seed = intArgument(arguments, QStringLiteral("--seed"), 1);
    // The tenant holds exactly the changed mailboxes plus the sample of the loop, so every read-back is
    // as small as it can be for this many changes.
    const int mailboxes = changes + sample;

    QJsonObject result{{QStringLiteral("scenario"), QStringLiteral("P4")},
                       {QStringLiteral("changes"), changes},
                       {QStringLiteral("mailboxes"), mailboxes},
                       {QStringLiteral("latencyMs"), latencyMs},
                       {QStringLiteral("concurrencyLimit"), limit},
                       {QStringLiteral("rate429"), rate429},
                       {QStringLiteral("seed"), seed}};
    auto fail = [&](const QString &why) {
        result.insert(QStringLiteral("error"), why);
        printResult(result);
        return 1;
    };

    test::EmulatorProcess emulator(
        {QStringLiteral("--mailboxes"), QString::number(mailboxes), QStringLiteral("--latency-ms"),
         QString::number(latencyMs), QStringLiteral("--concurrency-limit"), QString::number(limit),
         QStringLiteral("--rate-429"), QString::number(rate429), QStringLiteral("--retry-after-share"),
         QStringLiteral("0.5"), QStringLiteral("--seed"), QString::number(seed)});
    if (!emulator.start(std::chrono::minutes(2)))
        return fail(emulator.errorString());
    // The console's own client options: in-flight limit 3, the real backoff and Retry-After handling.
    test::SignedInClient admin(emulator, emulator.userPrincipalName(QStringLiteral("admin")),
                               ClientOptions{});
    if (!admin.signIn(std::chrono::seconds(60)))
        return fail(admin.errorString());
    int retries = 0;
    // When the last back-off of the apply ends (ms after its start): a request throttled near the end
    // holds the apply open for its whole back-off, which no ceiling without 429s contains.
    double lastBackoffEndsMs = 0;
    const QElapsedTimer *applyClock = nullptr;
    QObject::connect(admin.client(), &InvokeCommandClient::retryScheduled, [&](int delayMs) {
        ++retries;
        if (applyClock)
            lastBackoffEndsMs = qMax(lastBackoffEndsMs, double(applyClock->nsecsElapsed()) / 1e6 + delayMs);
    });
    const auto before = emulator.truth();
    if (!before)
        return fail(emulator.errorString());

    // ---------------------------------------------------------------- the console: ChangeApplier
    QTemporaryDir directory;
    ChangeJournal journal;
    QString error;
    if (!journal.open(directory.filePath(QStringLiteral("journal.sqlite")), &error))
        return fail(QStringLiteral("journal: ") + error);
    ChangeApplier::Request request;
    request.batch.operatorUpn = admin.userPrincipalName();
    request.batch.tenantId = admin.tenantId();
    request.batch.reason = QStringLiteral("benchmark P4");
    request.batch.kind = BatchKind::Apply;
    QHash<QUuid, Override> wanted;
    for (int i = 0; i < changes; ++i) {
        const test::EmulatorTruth::Mailbox &mailbox = before->mailboxes.at(i);
        StagedChange change;
        change.targetGuid = mailbox.guid;
        change.targetAddress = mailbox.primarySmtpAddress;
        change.targetDisplayName = mailbox.displayName;
        change.expectedBefore = changeValueOf(mailbox.smtpAuthOverride);
        change.after = changeValueOf(smtpauth::test::rotated(mailbox.smtpAuthOverride));
        request.changes.append(change);
        wanted.insert(mailbox.guid, smtpauth::test::rotated(mailbox.smtpAuthOverride));
    }
    emulator.control(QStringLiteral("reset-stats"));
    ChangeApplier applier(admin.client(), &journal);
    std::optional<ChangeApplier::Report> report;
    QObject::connect(&applier, &ChangeApplier::finished,
                     [&](const ChangeApplier::Report &done) { report = done; });
    QElapsedTimer clock;
    QJsonArray stages; // where the time goes: the applier's own stage descriptions, stamped
    QObject::connect(&applier, &ChangeApplier::stageChanged, [&](const QString &description) {
        stages.append(QJsonObject{{QStringLiteral("atMs"), double(clock.nsecsElapsed()) / 1e6},
                                  {QStringLiteral("stage"), description}});
    });
    clock.start();
    applyClock = &clock;
    applier.start(request);
    if (!waitUntil([&] { return report.has_value(); }, 60 * 60 * 1000))
        return fail(QStringLiteral("the apply did not finish"));
    const double applyMs = double(clock.nsecsElapsed()) / 1e6;
    applyClock = nullptr;
    if (!report->error.isEmpty())
        return fail(QStringLiteral("apply: ") + report->error);
    const QJsonObject applyStats = emulator.stats();

    // Lost: a change the journal does not end as applied, or whose journal state disagrees with the server.
    const auto after = emulator.truth();
    if (!after)
        return fail(emulator.errorString());
    const QHash<QUuid, int> afterIndex = after->indexByGuid();
    int applied = 0;
    int notApplied = 0;
    int journalDisagrees = 0;
    const QList<ChangeRecord> records = journal.changesOfBatch(report->batchId);
    for (const ChangeRecord &record : records) {
        const Override server = after->mailboxes.at(afterIndex.value(record.targetGuid)).smtpAuthOverride;
        const bool serverHasIt = server == wanted.value(record.targetGuid);
        if (record.state == ChangeState::Applied)
            ++applied;
        else
            ++notApplied;
        if ((record.state == ChangeState::Applied) != serverHasIt)
            ++journalDisagrees;
    }
    const int journalled = applied + notApplied;
    const int lost = notApplied + journalDisagrees + (changes - journalled);

    // ---------------------------------------------------------------- (b) one request per mailbox
    double loopMs = 0;
    int loopFailures = 0;
    {
        QElapsedTimer loopClock;
        loopClock.start();
        for (int i = changes; i < mailboxes; ++i) {
            const test::EmulatorTruth::Mailbox &mailbox = before->mailboxes.at(i);
            InvokeCommandCall *call = admin.client()->invoke(
                CasMailboxRequests::setMailbox(mailbox.guid.toString(QUuid::WithoutBraces),
                                               smtpauth::test::rotated(mailbox.smtpAuthOverride)));
            if (!waitUntil([&] { return call->isFinished(); }, 10 * 60 * 1000))
                return fail(QStringLiteral("the one-by-one loop stalled"));
            if (!call->result().ok())
                ++loopFailures;
            call->deleteLater();
        }
        loopMs = double(loopClock.nsecsElapsed()) / 1e6;
    }
    const double loopPerChangeMs = sample > 0 ? loopMs / sample : 0.0;
    const double loopExtrapolatedMs = loopPerChangeMs * changes;

    // ---------------------------------------------------------------- (a) the ceiling
    emulator.control(QStringLiteral("faults"),
                     QJsonObject{{QStringLiteral("rates"), QJsonObject{{QStringLiteral("latencyMs"), 0},
                                                                       {QStringLiteral("rate429"), 0.0},
                                                                       {QStringLiteral("rate503"), 0.0},
                                                                       {QStringLiteral("dropRate"), 0.0}}}});
    QString token;
    bool haveToken = false;
    admin.tokens()->fetchAccessToken([&](const AccessTokenSource::Result &answer) {
        token = answer.accessToken;
        haveToken = true;
    });
    if (!waitUntil([&] { return haveToken; }, 60000) || token.isEmpty())
        return fail(QStringLiteral("no access token for the service-time probe"));
    QNetworkAccessManager network;
    const ExchangeEndpoint endpoint = admin.client()->endpoint();
    // The `batch`-th $batch of 10 Sets over the changed mailboxes, for the bare loops below; the value
    // alternates from one batch to the next so that every Set has something to change.
    struct BareBatch
    {
        QNetworkRequest http;
        QByteArray body;
    };
    auto bareBatch = [&](int batch) {
        QList<QPair<QUuid, Override>> targets;
        for (int k = 0; k < InvokeCommandClient::kMaxBatchSize; ++k) {
            const auto &mailbox =
                before->mailboxes.at((batch * InvokeCommandClient::kMaxBatchSize + k) % changes);
            targets.append({mailbox.guid, (batch % 2) ? Override::Enabled : Override::Disabled});
        }
        BareBatch out{QNetworkRequest(ExchangeUrls::batch(endpoint)), batchOfSets(endpoint, targets)};
        out.http.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        out.http.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        out.http.setRawHeader("Prefer", "odata.continue-on-error");
        return out;
    };
    QList<double> serviceMs;
    for (int probe = 0; probe < serviceSamples + 3; ++probe) {
        const BareBatch request = bareBatch(probe);
        QElapsedTimer probeClock;
        probeClock.start();
        QNetworkReply *reply = network.post(request.http, request.body);
        if (!waitUntil([&] { return reply->isFinished(); }, 60000))
            return fail(QStringLiteral("service-time probe stalled"));
        const double ms = double(probeClock.nsecsElapsed()) / 1e6;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        reply->readAll();
        reply->deleteLater();
        if (status != 200)
            return fail(QStringLiteral("service-time probe: HTTP %1").arg(status));
        if (probe >= 3) // the first few warm the connection up
            serviceMs.append(ms);
    }
    const double service = median(serviceMs);
    const double batchesPerSecond = qMin(double(limit) / ((latencyMs + service) / 1000.0), 1000.0 / service);
    const double formulaRate = batchesPerSecond * InvokeCommandClient::kMaxBatchSize;
    const double formulaMs = changes / formulaRate * 1000.0;

    // The ceiling measured: a bare loop that keeps `limit` $batch requests of 10 Sets in flight, with the
    // latency back on and no faults, so that everything the formula leaves out (the emulator serving the
    // requests that arrive together one after the other, loopback and HTTP framing on both sides) is in it.
    emulator.control(
        QStringLiteral("faults"),
        QJsonObject{{QStringLiteral("rates"), QJsonObject{{QStringLiteral("latencyMs"), latencyMs}}}});
    const int saturatingBatches =
        qMax(limit, qMin(changes / InvokeCommandClient::kMaxBatchSize, saturationBatches));
    int batchesSent = 0;
    int batchesDone = 0;
    int saturationFailures = 0;
    QElapsedTimer saturationClock;
    std::function<void()> sendOne = [&] {
        const BareBatch request = bareBatch(batchesSent++);
        QNetworkReply *reply = network.post(request.http, request.body);
        QObject::connect(reply, &QNetworkReply::finished, reply, [&, reply] {
            reply->deleteLater();
            reply->readAll();
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
                ++saturationFailures;
            ++batchesDone;
            if (batchesSent < saturatingBatches)
                sendOne();
        });
    };
    saturationClock.start();
    for (int slot = 0; slot < limit; ++slot)
        sendOne();
    if (!waitUntil([&] { return batchesDone == saturatingBatches; }, 10 * 60 * 1000))
        return fail(QStringLiteral("the saturating loop stalled"));
    const double saturationMs = double(saturationClock.nsecsElapsed()) / 1e6;
    if (saturationFailures > 0)
        return fail(
            QStringLiteral("the saturating loop got %1 answers other than 200").arg(saturationFailures));
    const double ceilingRate =
        saturatingBatches * InvokeCommandClient::kMaxBatchSize / (saturationMs / 1000.0);
    const double ceilingMs = changes / ceilingRate * 1000.0;

    // (a') The same bare loop with the scenario's 429s back on, obeying them as the protocol page says a
    // client must (Retry-After when given, else 2 s x 2^n with +-25 % jitter): the least time any correct
    // client needs for the same Sets, reads and journal left out. Reported beside (a), not judged.
    double throttledMs = 0;
    int throttledRetries = 0;
    if (rate429 > 0) {
        emulator.control(
            QStringLiteral("faults"),
            QJsonObject{{QStringLiteral("rates"), QJsonObject{{QStringLiteral("latencyMs"), latencyMs},
                                                              {QStringLiteral("rate429"), rate429}}}});
        const int batches = qMax(1, changes / InvokeCommandClient::kMaxBatchSize);
        int nextBatch = 0;
        int batchesAnswered = 0;
        int otherFailures = 0;
        int inFlight = 0;
        QList<QPair<int, int>>
            dueRetries; // (batch, retries so far) whose back-off is over, waiting for a slot
        QRandomGenerator jitter(6);
        std::function<void(int, int)> send;
        // Never more than `limit` in flight, as the client: a retry whose back-off is over goes first.
        auto fillSlots = [&] {
            while (inFlight < limit && (!dueRetries.isEmpty() || nextBatch < batches)) {
                if (!dueRetries.isEmpty()) {
                    const auto [batch, retries] = dueRetries.takeFirst();
                    send(batch, retries);
                } else {
                    send(nextBatch++, 0);
                }
            }
        };
        send = [&](int batch, int retries) {
            ++inFlight;
            const BareBatch request = bareBatch(batch);
            QNetworkReply *reply = network.post(request.http, request.body);
            QObject::connect(reply, &QNetworkReply::finished, reply, [&, reply, batch, retries] {
                reply->deleteLater();
                reply->readAll();
                --inFlight;
                const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                if (status == 429) {
                    ++throttledRetries;
                    bool given = false;
                    const int retryAfter = reply->rawHeader("Retry-After").trimmed().toInt(&given);
                    const int delayMs = given
                                            ? retryAfter * 1000
                                            : int((2000 << retries) * (0.75 + 0.5 * jitter.generateDouble()));
                    QTimer::singleShot(delayMs, [&, batch, retries] {
                        dueRetries.append({batch, retries + 1});
                        fillSlots();
                    });
                } else {
                    if (status != 200)
                        ++otherFailures;
                    ++batchesAnswered;
                }
                fillSlots(); // a request waiting out its back-off holds no slot
            });
        };
        QElapsedTimer throttledClock;
        throttledClock.start();
        fillSlots();
        if (!waitUntil([&] { return batchesAnswered == batches; }, 20 * 60 * 1000))
            return fail(QStringLiteral("the throttled loop stalled"));
        throttledMs = double(throttledClock.nsecsElapsed()) / 1e6 * changes /
                      (batches * InvokeCommandClient::kMaxBatchSize);
        if (otherFailures > 0)
            return fail(
                QStringLiteral("the throttled loop got %1 answers other than 200 or 429").arg(otherFailures));
    }
    const double applyRate = changes / (applyMs / 1000.0);
    const double loopRate = loopPerChangeMs > 0 ? 1000.0 / loopPerChangeMs : 0.0;

    result.insert(QStringLiteral("applyMs"), applyMs);
    result.insert(QStringLiteral("applyChangesPerSecond"), applyRate);
    result.insert(QStringLiteral("stages"), stages);
    result.insert(QStringLiteral("applied"), applied);
    result.insert(QStringLiteral("notApplied"), notApplied);
    result.insert(QStringLiteral("journalDisagreesWithServer"), journalDisagrees);
    result.insert(QStringLiteral("lost"), lost);
    result.insert(QStringLiteral("retriesScheduled"), retries);
    result.insert(QStringLiteral("lastBackoffEndsAtMs"), lastBackoffEndsMs);
    // Stage stamps: the first writes are handed out with the first "Writing" stage; every write is handed
    // out when the read-back is announced.
    for (const QJsonValue &stage : std::as_const(stages)) {
        const QString text = stage[QStringLiteral("stage")].toString();
        const double atMs = stage[QStringLiteral("atMs")].toDouble();
        if (text.startsWith(QStringLiteral("Writing")) && !result.contains(QStringLiteral("firstWritesAtMs")))
            result.insert(QStringLiteral("firstWritesAtMs"), atMs);
        if (text.startsWith(QStringLiteral("Checking")) &&
            !result.contains(QStringLiteral("allWritesHandedAtMs")))
            result.insert(QStringLiteral("allWritesHandedAtMs"), atMs);
    }
    result.insert(QStringLiteral("emulatorApiRequests"), applyStats.value(QStringLiteral("apiRequests")));
    result.insert(QStringLiteral("emulatorMaxInFlight"), applyStats.value(QStringLiteral("maxInFlight")));
    result.insert(QStringLiteral("emulatorThrottledByConcurrency"),
                  applyStats.value(QStringLiteral("throttledByConcurrency")));
    result.insert(QStringLiteral("emulatorCmdletCounts"), applyStats.value(QStringLiteral("cmdletCounts")));
    result.insert(QStringLiteral("serviceMsPerBatchOf10"), summary(serviceMs));
    result.insert(QStringLiteral("ceilingChangesPerSecond"), ceilingRate);
    result.insert(QStringLiteral("ceilingMs"), ceilingMs);
    result.insert(QStringLiteral("ratioToCeiling"), applyRate / ceilingRate);
    result.insert(QStringLiteral("saturatingBatches"), saturatingBatches);
    result.insert(QStringLiteral("saturatingMsPerBatch"), saturationMs / saturatingBatches * limit);
    result.insert(QStringLiteral("formulaCeilingChangesPerSecond"), formulaRate);
    result.insert(QStringLiteral("formulaCeilingMs"), formulaMs);
    if (throttledMs > 0) {
        result.insert(QStringLiteral("throttledLoopMs"), throttledMs);
        result.insert(QStringLiteral("throttledLoopRetries"), throttledRetries);
        result.insert(QStringLiteral("ratioToThrottledLoop"), throttledMs / applyMs);
    }
    result.insert(QStringLiteral("ratioToFormulaCeiling"), applyRate / formulaRate);
    result.insert(QStringLiteral("loopSample"), sample);
    result.insert(QStringLiteral("loopSampleMs"), loopMs);
    result.insert(QStringLiteral("loopFailures"), loopFailures);
    result.insert(QStringLiteral("loopMsPerChange"), loopPerChangeMs);
    result.insert(QStringLiteral("loopExtrapolatedMs"), loopExtrapolatedMs);
    result.insert(QStringLiteral("speedupOverLoop"), loopRate > 0 ? applyRate / loopRate : 0.0);
    printResult(result);
    return 0;
}
