// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "fixedtokensource.h"
#include "graph/graphcall.h"
#include "graph/graphclient.h"
#include "graph/graphpagedreader.h"
#include "scriptedhttpserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>
#include <memory>

using namespace std::chrono_literals;
using namespace smtpauth;
using namespace smtpauth::test;

namespace {

QByteArray graphError(const QString &code, const QString &message)
{
    return QJsonDocument(
               QJsonObject{{QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), code},
                                                                 {QStringLiteral("message"), message},
                                                                 {QStringLiteral("innerError"),
                                                                  QJsonObject{{QStringLiteral("request-id"),
                                                                               QStringLiteral("r-1")}}}}}})
        .toJson(QJsonDocument::Compact);
}

QByteArray page(const QStringList &ids, const QString &nextLink = {})
{
    QJsonArray values;
    for (const QString &id : ids)
        values.append(QJsonObject{{QStringLiteral("id"), id}});
    QJsonObject object{{QStringLiteral("@odata.context"), QStringLiteral("x")},
                       {QStringLiteral("value"), values}};
    if (!nextLink.isEmpty())
        object.insert(QStringLiteral("@odata.nextLink"), nextLink);
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

// The Graph client against a real HTTP server on 127.0.0.1: GET with the Graph token and the documented
// headers, paging by @odata.nextLink as given, Graph's error shape, and the retry rules it shares with
// the Exchange client (RetryingRequest).
class TestGraphClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<ScriptedHttpServer>();
        QVERIFY(m_server->listen());
        m_network = std::make_unique<QNetworkAccessManager>();
        m_tokens = std::make_unique<FixedTokenSource>();
        ClientOptions options;
        options.backoffBase = 5ms;
        options.backoffCap = 50ms;
        options.requestTimeout = 10s;
        m_client =
            std::make_unique<GraphClient>(m_network.get(), m_server->baseUrl(), m_tokens.get(), options);
    }

    void cleanup()
    {
        m_client.reset();
        m_tokens.reset();
        m_network.reset();
        m_server.reset();
    }

    void getSendsTheGraphTokenAndHeaders()
    {
        m_server->setHandler([](const RecordedRequest &, int) {
            return ScriptedResponse::json(
                200, R"({"id":"00000000-0000-0000-0000-000000000005","isEnabled":true})");
        });
        GraphCall *call =
            getAndWait(m_client->v1Url(QStringLiteral("policies/identitySecurityDefaultsEnforcementPolicy")));
        QVERIFY2(!call->error().isError(), qPrintable(call->error().userMessage()));
        QCOMPARE(call->object().value(QLatin1String("isEnabled")).toBool(), true);
        QCOMPARE(m_server->requestCount(), 1);
        const RecordedRequest &sent = m_server->requests().at(0);
        QCOMPARE(sent.method, QByteArray("GET"));
        QCOMPARE(sent.path(), QStringLiteral("/v1.0/policies/identitySecurityDefaultsEnforcementPolicy"));
        QCOMPARE(sent.header("Authorization"), QByteArray("Bearer token-1"));
        QCOMPARE(sent.header("Accept"), QByteArray("application/json"));
        QVERIFY(sent.header("X-AnchorMailbox").isEmpty()); // an Exchange header has no business here
        QVERIFY(!QUuid::fromString(QLatin1String(sent.header("client-request-id"))).isNull());
        QCOMPARE(QString::fromLatin1(sent.header("client-request-id")), call->clientRequestId());
    }

    void pagesAreFollowedAsGivenAndHandedOnOneByOne()
    {
        const QString base = m_server->baseUrl().toString();
        m_server->setHandler([base](const RecordedRequest &request, int) {
            if (request.target.contains("skiptoken=two"))
                return ScriptedResponse::json(200, page({QStringLiteral("c")}));
            if (request.target.contains("skiptoken=one"))
                return ScriptedResponse::json(
                    200, page({QStringLiteral("b")},
                              base + QStringLiteral("/v1.0/groups/g/members?$skiptoken=two")));
            return ScriptedResponse::json(
                200, page({QStringLiteral("a")},
                          base + QStringLiteral("/v1.0/groups/g/members?%24skiptoken=one")));
        });
        GraphPagedReader *reader =
            m_client->readAllPages(m_client->v1Url(QStringLiteral("groups/g/members?$top=999")));
        QStringList seen;
        connect(reader, &GraphPagedReader::pageReceived, this, [&seen](const QJsonArray &values) {
            for (const QJsonValue &value : values)
                seen.append(value.toObject().value(QLatin1String("id")).toString());
        });
        QSignalSpy finished(reader, &GraphPagedReader::finished);
        QVERIFY(finished.wait(10000));
        QVERIFY2(!reader->error().isError(), qPrintable(reader->error().message()));
        QCOMPARE(seen, (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
        QCOMPARE(reader->pageCount(), 3);
        QCOMPARE(reader->itemCount(), 3);
        // The link is GET as given: its own encoding and query, nothing added.
        QCOMPARE(m_server->requests().at(1).target, QByteArray("/v1.0/groups/g/members?%24skiptoken=one"));
        QCOMPARE(m_server->requests().at(2).target, QByteArray("/v1.0/groups/g/members?$skiptoken=two"));
    }

    void aPageBytesReaderTakesWhatItCanAndTheFullParseTheRest()
    {
        // The one-pass reader takes pages a and c and declines b: b is parsed and handed on as values, and
        // the three arrive in order either way, each followed by pageDone.
        const QString base = m_server->baseUrl().toString();
        m_server->setHandler([base](const RecordedRequest &request, int) {
            if (request.target.contains("skiptoken=two"))
                return ScriptedResponse::json(200, page({QStringLiteral("c")}));
            if (request.target.contains("skiptoken=one"))
                return ScriptedResponse::json(
                    200, page({QStringLiteral("b")},
                              base + QStringLiteral("/v1.0/auditLogs/signIns?$skiptoken=two")));
            return ScriptedResponse::json(
                200,
                page({QStringLiteral("a")}, base + QStringLiteral("/v1.0/auditLogs/signIns?$skiptoken=one")));
        });
        QStringList events;
        auto readBytes = [&events](QByteArrayView body) -> std::optional<GraphPagedReader::PageSummary> {
            const QJsonObject object = QJsonDocument::fromJson(body.toByteArray()).object();
            const QString id = object.value(QLatin1String("value"))
                                   .toArray()
                                   .at(0)
                                   .toObject()
                                   .value(QLatin1String("id"))
                                   .toString();
            if (id == QLatin1String("b"))
                return std::nullopt;
            events.append(QStringLiteral("bytes:") + id);
            return GraphPagedReader::PageSummary{1,
                                                 object.value(QLatin1String("@odata.nextLink")).toString()};
        };
        GraphPagedReader *reader =
            m_client->readAllPages(m_client->v1Url(QStringLiteral("auditLogs/signIns")), readBytes);
        connect(reader, &GraphPagedReader::pageReceived, this, [&events](const QJsonArray &values) {
            events.append(QStringLiteral("parsed:") +
                          values.at(0).toObject().value(QLatin1String("id")).toString());
        });
        connect(reader, &GraphPagedReader::pageDone, this,
                [&events] { events.append(QStringLiteral("done")); });
        QSignalSpy finished(reader, &GraphPagedReader::finished);
        QVERIFY(finished.wait(10000));
        QVERIFY2(!reader->error().isError(), qPrintable(reader->error().message()));
        QCOMPARE(events,
                 (QStringList{QStringLiteral("bytes:a"), QStringLiteral("done"), QStringLiteral("parsed:b"),
                              QStringLiteral("done"), QStringLiteral("bytes:c"), QStringLiteral("done")}));
        QCOMPARE(reader->pageCount(), 3);
        QCOMPARE(reader->itemCount(), 3);
        QCOMPARE(m_server->requestCount(), 3);
    }

    void aPageBytesReadersLinkToAnotherHostIsRefusedToo()
    {
        m_server->setHandler([](const RecordedRequest &, int) {
            return ScriptedResponse::json(
                200, page({QStringLiteral("a")},
                          QStringLiteral("https://attacker.example/v1.0/auditLogs/signIns?$skiptoken=x")));
        });
        auto readBytes = [](QByteArrayView body) -> std::optional<GraphPagedReader::PageSummary> {
            const QJsonObject object = QJsonDocument::fromJson(body.toByteArray()).object();
            return GraphPagedReader::PageSummary{1,
                                                 object.value(QLatin1String("@odata.nextLink")).toString()};
        };
        GraphPagedReader *reader =
            m_client->readAllPages(m_client->v1Url(QStringLiteral("auditLogs/signIns")), readBytes);
        QSignalSpy finished(reader, &GraphPagedReader::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(reader->error().category(), ExchangeError::Category::Protocol);
        QVERIFY2(reader->error().message().contains(QStringLiteral("attacker.example")),
                 qPrintable(reader->error().message()));
        QCOMPARE(m_server->requestCount(), 1);
    }

    void aNextLinkToAnotherHostIsRefusedAndNamed()
    {
        m_server->setHandler([](const RecordedRequest &, int) {
            return ScriptedResponse::json(
                200, page({QStringLiteral("a")},
                          QStringLiteral("https://attacker.example/v1.0/groups?$skiptoken=x")));
        });
        GraphPagedReader *reader = m_client->readAllPages(m_client->v1Url(QStringLiteral("groups")));
        QSignalSpy finished(reader, &GraphPagedReader::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(reader->error().category(), ExchangeError::Category::Protocol);
        QVERIFY2(reader->error().message().contains(QStringLiteral("attacker.example")),
                 qPrintable(reader->error().message()));
        QCOMPARE(m_server->requestCount(), 1); // the bearer token never went there
    }

    void throttlingIsRetried_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("retryAfter");
        QTest::newRow("429 with Retry-After") << 429 << QByteArray("0");
        QTest::newRow("429 without Retry-After") << 429 << QByteArray();
        QTest::newRow("503") << 503 << QByteArray();
        QTest::newRow("504") << 504 << QByteArray();
    }

    void throttlingIsRetried()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, retryAfter);
        m_server->setHandler([status, retryAfter](const RecordedRequest &, int index) {
            if (index == 0) {
                QList<QPair<QByteArray, QByteArray>> headers;
                if (!retryAfter.isEmpty())
                    headers.append({"Retry-After", retryAfter});
                return ScriptedResponse::json(
                    status,
                    graphError(QStringLiteral("TooManyRequests"), QStringLiteral("Too many requests")),
                    headers);
            }
            return ScriptedResponse::json(200, page({QStringLiteral("a")}));
        });
        QSignalSpy retries(m_client.get(), &RequestChannel::retryScheduled);
        GraphCall *call = getAndWait(m_client->v1Url(QStringLiteral("identity/conditionalAccess/policies")));
        QVERIFY2(!call->error().isError(), qPrintable(call->error().message()));
        QCOMPARE(m_server->requestCount(), 2);
        QCOMPARE(retries.size(), 1);
        // The same client-request-id on the retry (graph-protocol.md §1, as for Exchange).
        QCOMPARE(m_server->requests().at(0).header("client-request-id"),
                 m_server->requests().at(1).header("client-request-id"));
    }

    void forbiddenIsNotRetriedAndKeepsGraphsWords()
    {
        m_server->setHandler([](const RecordedRequest &, int) {
            return ScriptedResponse::json(
                403, graphError(QStringLiteral("Authorization_RequestDenied"),
                                QStringLiteral("Insufficient privileges to complete the operation.")));
        });
        GraphCall *call = getAndWait(m_client->v1Url(QStringLiteral("identity/conditionalAccess/policies")));
        QCOMPARE(call->error().category(), ExchangeError::Category::Forbidden);
        QCOMPARE(call->error().httpStatus(), 403);
        QCOMPARE(call->error().errorCode(), QStringLiteral("Authorization_RequestDenied"));
        QCOMPARE(call->error().message(),
                 QStringLiteral("Insufficient privileges to complete the operation."));
        QCOMPARE(m_server->requestCount(), 1);
    }

    void unauthorizedRefreshesTheTokenOnce()
    {
        m_server->setHandler([](const RecordedRequest &request, int) {
            if (request.header("Authorization") == "Bearer token-1")
                return ScriptedResponse::json(
                    401, graphError(QStringLiteral("InvalidAuthenticationToken"),
                                    QStringLiteral("Access token has expired or is not yet valid.")));
            return ScriptedResponse::json(200, R"({"isEnabled":false})");
        });
        GraphCall *call =
            getAndWait(m_client->v1Url(QStringLiteral("policies/identitySecurityDefaultsEnforcementPolicy")));
        QVERIFY2(!call->error().isError(), qPrintable(call->error().message()));
        QCOMPARE(m_tokens->rejected, QStringList{QStringLiteral("token-1")});
        QCOMPARE(m_server->requestCount(), 2);
    }

    void aPageWithoutValueIsAProtocolError()
    {
        m_server->setHandler(
            [](const RecordedRequest &, int) { return ScriptedResponse::json(200, R"({"items":[]})"); });
        GraphPagedReader *reader = m_client->readAllPages(m_client->v1Url(QStringLiteral("groups")));
        QSignalSpy finished(reader, &GraphPagedReader::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(reader->error().category(), ExchangeError::Category::Protocol);
        QVERIFY(reader->error().message().contains(QStringLiteral("'value'")));
    }

    void aFailureAfterSomePagesSaysTheListIsIncomplete()
    {
        const QString base = m_server->baseUrl().toString();
        m_server->setHandler([base](const RecordedRequest &, int index) {
            if (index == 0)
                return ScriptedResponse::json(
                    200, page({QStringLiteral("a")}, base + QStringLiteral("/v1.0/groups?$skiptoken=1")));
            return ScriptedResponse::json(
                403, graphError(QStringLiteral("Authorization_RequestDenied"), QStringLiteral("No.")));
        });
        GraphPagedReader *reader = m_client->readAllPages(m_client->v1Url(QStringLiteral("groups")));
        QSignalSpy finished(reader, &GraphPagedReader::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(reader->error().category(), ExchangeError::Category::Forbidden);
        QVERIFY2(reader->error().message().contains(QStringLiteral("incomplete")),
                 qPrintable(reader->error().message()));
    }

private:
    GraphCall *getAndWait(const QUrl &url)
    {
        GraphCall *call = m_client->get(url);
        QSignalSpy finished(call, &GraphCall::finished);
        if (!finished.wait(15000))
            qWarning("call did not finish");
        return call;
    }

    std::unique_ptr<ScriptedHttpServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<FixedTokenSource> m_tokens;
    std::unique_ptr<GraphClient> m_client;
};

QTEST_GUILESS_MAIN(TestGraphClient)
#include "test_graphclient.moc"
