// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "exchange/batchcall.h"
#include "exchange/casmailboxrequests.h"
#include "exchange/invokecommandclient.h"
#include "exchange/retryingrequest.h"
#include "fixedtokensource.h"
#include "scriptedhttpserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <memory>

using namespace std::chrono_literals;
using namespace smtpauth;
using namespace smtpauth::test;

namespace {

const QString kTenant = QStringLiteral("0b1c2d3e-aaaa-bbbb-cccc-1234567890ab");

QString identityOf(const QJsonObject &subRequest)
{
    return subRequest.value(QLatin1String("body"))
        .toObject()
        .value(QLatin1String("CmdletInput"))
        .toObject()
        .value(QLatin1String("Parameters"))
        .toObject()
        .value(QLatin1String("Identity"))
        .toString();
}

// Answers every sub-request of a $batch body through `answer`, which returns {status, headers, body}.
using SubAnswer = std::function<QJsonObject(const QJsonObject &subRequest)>;
ScriptedResponse batchAnswer(const RecordedRequest &request, const SubAnswer &answer)
{
    QJsonArray responses;
    const QJsonArray requests =
        QJsonDocument::fromJson(request.body).object().value(QLatin1String("requests")).toArray();
    // Answer in reverse order: the client must match by id, not by position.
    for (qsizetype i = requests.size() - 1; i >= 0; --i) {
        QJsonObject response = answer(requests.at(i).toObject());
        response.insert(QStringLiteral("id"), requests.at(i).toObject().value(QLatin1String("id")));
        responses.append(response);
    }
    return ScriptedResponse::json(
        200, QJsonDocument(QJsonObject{{QStringLiteral("responses"), responses}}).toJson());
}

QJsonObject okNoChange(const QString &identity, bool noChange)
{
    QJsonArray warnings;
    if (noChange)
        warnings.append(
            QStringLiteral("The command completed successfully but no settings of '%1' have been modified.")
                .arg(identity));
    return {{QStringLiteral("status"), 200},
            {QStringLiteral("headers"),
             QJsonObject{{QStringLiteral("Content-Type"), QStringLiteral("application/json")}}},
            {QStringLiteral("body"), QJsonObject{{QStringLiteral("@adminapi.warnings"), warnings},
                                                 {QStringLiteral("value"), QJsonArray()}}}};
}

QList<CmdletRequest> setRequests(int count)
{
    QList<CmdletRequest> requests;
    for (int i = 0; i < count; ++i)
        requests.append(CasMailboxRequests::setMailbox(QStringLiteral("mbx-%1").arg(i),
                                                       i % 3 == 0 ? Override::Inherit : Override::Enabled));
    return requests;
}

} // namespace

class TestBatchCall : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void splitsIntoBatchesOfTen();
    void retriesThrottledSubRequestsOnly();
    void refreshesTokenOnBatch401();
    void wholeBatchFailureFailsEachRequest();
    void largeBrokenAnswerNamesWhereItBreaks();

private:
    BatchCall *batchAndWait(const QList<CmdletRequest> &requests);

    std::unique_ptr<ScriptedHttpServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<FixedTokenSource> m_tokens;
    std::unique_ptr<InvokeCommandClient> m_client;
};

void TestBatchCall::init()
{
    m_server = std::make_unique<ScriptedHttpServer>();
    QVERIFY(m_server->listen());
    m_network = std::make_unique<QNetworkAccessManager>();
    m_tokens = std::make_unique<FixedTokenSource>();
    ClientOptions options;
    options.backoffBase = 5ms;
    const ExchangeEndpoint endpoint{m_server->baseUrl(), kTenant,
                                    QStringLiteral("UPN:admin@contoso.onmicrosoft.com")};
    m_client = std::make_unique<InvokeCommandClient>(m_network.get(), endpoint, m_tokens.get(), options);
}

void TestBatchCall::cleanup()
{
    m_client.reset();
    m_tokens.reset();
    m_network.reset();
    m_server.reset();
}

BatchCall *TestBatchCall::batchAndWait(const QList<CmdletRequest> &requests)
{
    BatchCall *batch = m_client->invokeBatch(requests);
    QSignalSpy finished(batch, &BatchCall::finished);
    if (!finished.wait(15000))
        qWarning("batch did not finish");
    return batch;
}

void TestBatchCall::splitsIntoBatchesOfTen()
{
    m_server->setHandler([](const RecordedRequest &request, int) {
        return batchAnswer(request, [](const QJsonObject &sub) {
            const QString identity = identityOf(sub);
            return okNoChange(identity, identity.mid(4).toInt() % 2 == 1);
        });
    });
    BatchCall *batch = m_client->invokeBatch(setRequests(23));
    QSignalSpy ready(batch, &BatchCall::resultReady);
    QSignalSpy finished(batch, &BatchCall::finished);
    QVERIFY(finished.wait(15000));
    QCOMPARE(ready.size(), 23);

    QCOMPARE(m_server->requestCount(), 3);
    QList<int> sizes;
    QSet<QString> subRequestIds;
    QHash<QString, QString> requestIdByIdentity;
    for (const RecordedRequest &sent : m_server->requests()) {
        QCOMPARE(sent.method, QByteArray("POST"));
        QCOMPARE(sent.path(), QStringLiteral("/adminapi/beta/%1/$batch").arg(kTenant));
        QCOMPARE(sent.header("Prefer"), QByteArray("odata.continue-on-error"));
        QCOMPARE(sent.header("Authorization"), QByteArray("Bearer token-1"));
        QCOMPARE(sent.header("X-AnchorMailbox"), QByteArray("UPN:admin@contoso.onmicrosoft.com"));
        const QJsonArray subs =
            QJsonDocument::fromJson(sent.body).object().value(QLatin1String("requests")).toArray();
        sizes.append(int(subs.size()));
        for (qsizetype k = 0; k < subs.size(); ++k) {
            const QJsonObject sub = subs.at(k).toObject();
            QCOMPARE(sub.value(QLatin1String("id")).toString(), QString::number(k + 1));
            QCOMPARE(sub.value(QLatin1String("method")).toString(), QStringLiteral("POST"));
            QCOMPARE(QUrl(sub.value(QLatin1String("url")).toString()).path(),
                     QStringLiteral("/adminapi/beta/%1/InvokeCommand").arg(kTenant));
            const QJsonObject headers = sub.value(QLatin1String("headers")).toObject();
            QCOMPARE(headers.value(QLatin1String("X-CmdletName")).toString(),
                     QStringLiteral("Set-CASMailbox"));
            QCOMPARE(headers.value(QLatin1String("Prefer")).toString(),
                     QStringLiteral("odata.maxpagesize=1000"));
            QCOMPARE(headers.value(QLatin1String("connection-id")).toString(), m_client->connectionId());
            QVERIFY(!headers.contains(QLatin1String("Authorization")));
            const QString requestId = headers.value(QLatin1String("client-request-id")).toString();
            QVERIFY(!requestId.isEmpty());
            subRequestIds.insert(requestId);
            requestIdByIdentity.insert(identityOf(sub), requestId);
        }
    }
    std::sort(sizes.begin(), sizes.end());
    QCOMPARE(sizes, (QList<int>{3, 10, 10}));
    QCOMPARE(subRequestIds.size(), 23);

    QVERIFY(batch->isFinished());
    QCOMPARE(batch->results().size(), 23);
    QCOMPARE(batch->failedCount(), 0);
    for (int i = 0; i < 23; ++i) {
        const CmdletResult &result = batch->resultAt(i);
        QVERIFY(result.ok());
        QCOMPARE(result.httpStatus, 200);
        QCOMPARE(result.noChange, i % 2 == 1); // input order kept though answers came reversed
        QCOMPARE(result.clientRequestId, requestIdByIdentity.value(QStringLiteral("mbx-%1").arg(i)));
    }
}

void TestBatchCall::retriesThrottledSubRequestsOnly()
{
    QHash<QString, int> seen;
    m_server->setHandler([&seen](const RecordedRequest &request, int) {
        return batchAnswer(request, [&seen](const QJsonObject &sub) {
            const QString identity = identityOf(sub);
            const int times = seen[identity]++;
            if (identity == QLatin1String("mbx-2") && times == 0) {
                return QJsonObject{
                    {QStringLiteral("status"), 429},
                    {QStringLiteral("headers"),
                     QJsonObject{{QStringLiteral("Retry-After"), QStringLiteral("0")}}},
                    {QStringLiteral("body"),
                     QStringLiteral(
                         "You have reached the maximum number of concurrent requests per tenant.")}};
            }
            if (identity == QLatin1String("mbx-3") && times == 0)
                return QJsonObject{{QStringLiteral("status"), 503}, {QStringLiteral("body"), QJsonObject()}};
            if (identity == QLatin1String("mbx-4")) {
                return QJsonObject{
                    {QStringLiteral("status"), 400},
                    {QStringLiteral("body"),
                     QJsonObject{
                         {QStringLiteral("error"),
                          QJsonObject{
                              {QStringLiteral("code"), QStringLiteral("BadRequest")},
                              {QStringLiteral("message"), QStringLiteral("Error executing cmdlet")},
                              {QStringLiteral("details"),
                               QJsonArray{QJsonObject{{QStringLiteral("message"),
                                                       QStringLiteral("Ex1|Type|Cannot set it.")}}}}}}}}};
            }
            return okNoChange(identity, false);
        });
    });
    BatchCall *batch = batchAndWait(setRequests(6));
    QVERIFY(batch->isFinished());
    QCOMPARE(m_server->requestCount(), 2);
    const QJsonArray retried = QJsonDocument::fromJson(m_server->requests().at(1).body)
                                   .object()
                                   .value(QLatin1String("requests"))
                                   .toArray();
    QCOMPARE(retried.size(), 2);
    QCOMPARE(seen.value(QStringLiteral("mbx-4")), 1); // 400 never retried
    for (int i : {0, 1, 2, 3, 5})
        QVERIFY2(batch->resultAt(i).ok(), qPrintable(QString::number(i)));
    QCOMPARE(batch->resultAt(4).error.category(), ExchangeError::Category::BadRequest);
    QCOMPARE(batch->resultAt(4).error.message(), QStringLiteral("Cannot set it."));
    QCOMPARE(batch->failedCount(), 1);
    // the retried sub-request kept its client-request-id
    const QJsonArray firstBatch = QJsonDocument::fromJson(m_server->requests().at(0).body)
                                      .object()
                                      .value(QLatin1String("requests"))
                                      .toArray();
    const auto requestIdOf = [](const QJsonArray &subs, const QString &identity) {
        for (const QJsonValue &sub : subs) {
            if (identityOf(sub.toObject()) == identity)
                return sub.toObject()
                    .value(QLatin1String("headers"))
                    .toObject()
                    .value(QLatin1String("client-request-id"))
                    .toString();
        }
        return QString();
    };
    QCOMPARE(requestIdOf(retried, QStringLiteral("mbx-2")), requestIdOf(firstBatch, QStringLiteral("mbx-2")));
    QCOMPARE(batch->resultAt(2).clientRequestId, requestIdOf(firstBatch, QStringLiteral("mbx-2")));
}

void TestBatchCall::refreshesTokenOnBatch401()
{
    m_server->setHandler([](const RecordedRequest &request, int) {
        if (request.header("Authorization") == "Bearer token-1")
            return ScriptedResponse::json(401, QByteArray());
        return batchAnswer(request,
                           [](const QJsonObject &sub) { return okNoChange(identityOf(sub), false); });
    });
    BatchCall *batch = batchAndWait(setRequests(4));
    QCOMPARE(batch->failedCount(), 0);
    QCOMPARE(m_tokens->rejected, QStringList{QStringLiteral("token-1")});
    QCOMPARE(m_server->requestCount(), 2);
}

void TestBatchCall::wholeBatchFailureFailsEachRequest()
{
    m_server->setHandler([](const RecordedRequest &, int) {
        return ScriptedResponse::json(
            403, QByteArray(), {{"x-ms-diagnostics", R"(2000008;reason="No Recipient Management role.")"}});
    });
    BatchCall *batch = batchAndWait(setRequests(12));
    QCOMPARE(batch->failedCount(), 12);
    QCOMPARE(m_server->requestCount(), 2); // 10 + 2, not retried
    for (const CmdletResult &result : batch->results()) {
        QCOMPARE(result.error.category(), ExchangeError::Category::Forbidden);
        QCOMPARE(result.error.message(), QStringLiteral("No Recipient Management role."));
        QCOMPARE(result.httpStatus, 403);
    }
}

// An answer too big for RetryingRequest's own JSON check (> 64 KiB: ten Gets with every property, say) that
// breaks off: each request is told where the JSON breaks, not that the answer had no response for it.
void TestBatchCall::largeBrokenAnswerNamesWhereItBreaks()
{
    QByteArray body = R"({"responses":[{"id":"1","status":200,"headers":{},"body":{"value":[{"Notes":")";
    body += QByteArray(70 * 1024, 'x');
    body += R"("}]}}]{"error":{"code":"InternalServerError","message":"stream broke"}})";
    QVERIFY(body.size() > RetryingRequest::kFullJsonCheckBytes);
    m_server->setHandler([body](const RecordedRequest &, int) { return ScriptedResponse::json(200, body); });
    BatchCall *batch = batchAndWait(setRequests(3));
    QCOMPARE(batch->failedCount(), 3);
    QCOMPARE(m_server->requestCount(), 1); // the command may have run: not retried blindly
    for (const CmdletResult &result : batch->results()) {
        QCOMPARE(result.error.category(), ExchangeError::Category::Protocol);
        QCOMPARE(result.error.cause(), ExchangeError::Cause::MalformedJson);
        // Where it breaks: after the long value, at the error object appended to the broken stream.
        static const QRegularExpression where(
            QStringLiteral("not valid JSON \\(status 200\\): .* at byte (\\d+) of (\\d+)\\."));
        const QRegularExpressionMatch match = where.match(result.error.message());
        QVERIFY2(match.hasMatch(), qPrintable(result.error.message()));
        QVERIFY2(match.captured(1).toLongLong() > 70 * 1024, qPrintable(result.error.message()));
        QCOMPARE(match.captured(2).toLongLong(), body.size());
        QCOMPARE(result.httpStatus, 200);
    }
}

QTEST_GUILESS_MAIN(TestBatchCall)
#include "test_batchcall.moc"
