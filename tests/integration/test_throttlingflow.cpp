// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// Throttling and transient failures from the real emulator process: 429 with and without Retry-After,
// 503 then success, and the plain-text concurrency 429. Every request succeeds in the end, and retries
// carry the same client-request-id (seen by the emulator). The waits are asserted as the client scheduled
// them (retryScheduled), not as the time they took on this machine.
#include "emulatorprocess.h"
#include "exchange/casmailboxrequests.h"
#include "exchange/invokecommandcall.h"
#include "exchange/invokecommandclient.h"
#include "signedinclient.h"

#include <QJsonArray>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace smtpauth;
using namespace smtpauth::test;

class TestThrottlingFlow : public QObject
{
    Q_OBJECT
private:
    static QStringList requestIds(const QJsonObject &stats)
    {
        QStringList ids;
        const QJsonArray array = stats.value(QStringLiteral("clientRequestIds")).toArray();
        for (const QJsonValue &value : array)
            ids.append(value.toString());
        return ids;
    }

private Q_SLOTS:
    void retriesUntilSuccess_data()
    {
        QTest::addColumn<QJsonArray>("script");
        // The wait before each retry, as the client scheduled it: the server's Retry-After in ms where it
        // sent one, else -1 for the computed backoff (at most the options' cap: the client did not wait
        // where it need not).
        QTest::addColumn<QList<int>>("waits");
        // A connection closed without an answer is resent by QNetworkAccessManager itself when it was a
        // reused keep-alive connection: then the client schedules no retry of its own.
        QTest::addColumn<bool>("transportMayResend");
        const auto fault = [](int status, int retryAfter = -1) {
            QJsonObject step{{QStringLiteral("status"), status}};
            if (retryAfter >= 0)
                step.insert(QStringLiteral("retryAfter"), retryAfter);
            return step;
        };
        QTest::newRow("429 with Retry-After: 1") << QJsonArray{fault(429, 1)} << QList<int>{1000} << false;
        QTest::newRow("429 without Retry-After") << QJsonArray{fault(429)} << QList<int>{-1} << false;
        QTest::newRow("503 then success") << QJsonArray{fault(503)} << QList<int>{-1} << false;
        QTest::newRow("connection dropped, then success")
            << QJsonArray{QJsonObject{{QStringLiteral("drop"), true}}} << QList<int>{-1} << true;
        QTest::newRow("body cut short, then success")
            << QJsonArray{QJsonObject{{QStringLiteral("truncateBody"), true}}} << QList<int>{-1} << false;
        QTest::newRow("503, 504, 429 then success")
            << QJsonArray{fault(503), fault(504), fault(429)} << QList<int>{-1, -1, -1} << false;
    }

    void retriesUntilSuccess()
    {
        QFETCH(QJsonArray, script);
        QFETCH(QList<int>, waits);
        QFETCH(bool, transportMayResend);
        EmulatorProcess emulator({QStringLiteral("--mailboxes"), QStringLiteral("20")});
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        SignedInClient admin(emulator, emulator.userPrincipalName(QStringLiteral("admin")));
        QVERIFY2(admin.signIn(), qPrintable(admin.errorString()));
        QCOMPARE(emulator.control(QStringLiteral("reset-stats")).status, 204);
        QVERIFY(emulator.scriptFaults(script));

        QSignalSpy scheduled(admin.client(), &InvokeCommandClient::retryScheduled);
        InvokeCommandCall *call = admin.client()->invoke(CasMailboxRequests::getTransportConfig());
        QSignalSpy finished(call, &InvokeCommandCall::finished);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30000);
        QVERIFY2(call->result().ok(), qPrintable(call->error().userMessage()));
        QCOMPARE(call->httpStatus(), 200);
        QCOMPARE(call->objects().size(), 1);
        if (transportMayResend)
            QVERIFY(scheduled.size() <= waits.size());
        else
            QCOMPARE(scheduled.size(), waits.size());
        const auto cap = int(SignedInClient::fastClientOptions().backoffCap.count());
        for (qsizetype i = 0; i < scheduled.size(); ++i) {
            const int wait = scheduled.at(i).constFirst().toInt();
            if (waits.at(i) >= 0)
                QCOMPARE(wait, waits.at(i));
            else
                QVERIFY2(wait >= 0 && wait <= cap,
                         qPrintable(QStringLiteral("retry %1 after %2 ms").arg(i + 1).arg(wait)));
        }

        const QStringList ids = requestIds(emulator.stats());
        QCOMPARE(ids.size(), script.size() + 1);
        QVERIFY(!call->clientRequestId().isEmpty());
        for (const QString &id : ids)
            QCOMPARE(id, call->clientRequestId());
        call->deleteLater();
    }

    // The emulator lets one request in flight per tenant and answers the others with the plain-text
    // concurrency 429; a burst of parallel reads must all succeed anyway, each under its own id.
    void concurrencyThrottleIsRetried()
    {
        EmulatorProcess emulator({QStringLiteral("--mailboxes"), QStringLiteral("40"),
                                  QStringLiteral("--concurrency-limit"), QStringLiteral("1"),
                                  QStringLiteral("--latency-ms"), QStringLiteral("25")});
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        ClientOptions options = SignedInClient::fastClientOptions();
        options.maxRetries = 12; // several requests queue behind one slot; enough patience for all of them
        options.backoffBase = std::chrono::milliseconds(10);
        SignedInClient admin(emulator, emulator.userPrincipalName(QStringLiteral("admin")), options);
        QVERIFY2(admin.signIn(), qPrintable(admin.errorString()));
        const auto truth = emulator.truth();
        QVERIFY2(truth, qPrintable(emulator.errorString()));
        QCOMPARE(emulator.control(QStringLiteral("reset-stats")).status, 204);

        QList<InvokeCommandCall *> calls;
        for (int i = 0; i < 6; ++i)
            calls.append(admin.client()->invoke(
                CasMailboxRequests::getMailbox(truth->mailboxes.at(i).guid.toString(QUuid::WithoutBraces))));
        QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(calls.cbegin(), calls.cend(), [](auto *c) { return c->isFinished(); }), 30000);

        QSet<QString> callIds;
        for (int i = 0; i < calls.size(); ++i) {
            InvokeCommandCall *call = calls.at(i);
            QVERIFY2(call->result().ok(), qPrintable(call->error().userMessage()));
            QCOMPARE(call->objects().size(), 1);
            QCOMPARE(QUuid(call->objects().first().value(QStringLiteral("Guid")).toString()),
                     truth->mailboxes.at(i).guid);
            callIds.insert(call->clientRequestId());
        }
        QCOMPARE(callIds.size(), calls.size()); // one id per cmdlet call

        const QJsonObject stats = emulator.stats();
        QVERIFY2(stats.value(QStringLiteral("throttledByConcurrency")).toInt() > 0,
                 "the burst never hit the concurrency limit, so this test proved nothing");
        QCOMPARE(stats.value(QStringLiteral("maxInFlight")).toInt(), 1);
        const QStringList ids = requestIds(stats);
        QCOMPARE(ids.size(), calls.size() + stats.value(QStringLiteral("throttledByConcurrency")).toInt());
        // Every attempt the server saw belongs to one of the calls: retries reused their call's id.
        QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()), callIds);
        qDeleteAll(calls);
    }
};

QTEST_GUILESS_MAIN(TestThrottlingFlow)
#include "test_throttlingflow.moc"
