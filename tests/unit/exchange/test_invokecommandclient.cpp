// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "exchange/casmailboxrequests.h"
#include "exchange/invokecommandcall.h"
#include "exchange/invokecommandclient.h"
#include "fixedtokensource.h"
#include "scriptedhttpserver.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>
#include <QUuid>
#include <memory>

using namespace std::chrono_literals;
using namespace smtpauth;
using namespace smtpauth::test;

namespace {

const QString kTenant = QStringLiteral("0b1c2d3e-aaaa-bbbb-cccc-1234567890ab");

const QByteArray kOnePage = QByteArray(
    R"J({"@odata.context":"x","adminapi.warnings@odata.type":"#Collection(String)","@adminapi.warnings":[],)J"
    R"("value":[{"Guid@data.type":"System.Guid","Guid":"11111111-1111-1111-1111-111111111111","DisplayName":"Zoë",)"
    R"("SmtpClientAuthenticationDisabled":null}]})");

} // namespace

class TestInvokeCommandClient : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void sendsDocumentedHeadersAndBody();
    void sameClientRequestIdAcrossRetries();
    void retriesThrottlingWithoutRetryAfter();
    void honoursRetryAfter();
    void gives_upAfterMaxRetries();
    void refreshesTokenOnceOn401();
    void neverRetries400Or403_data();
    void neverRetries400Or403();
    void atMostThreeInFlight();
    void timesOutAndRetries();
    void timeoutWithoutRetries();
    void networkErrorIsReported();
    void refusesPlainHttpToRemoteHost();
    void tokenFailureSendsNothing();
    void refusesGetWithNullIdentity();
    void abortCancels();
    void redirectIsNotFollowed();

private:
    InvokeCommandClient *makeClient(ClientOptions options = fastOptions());
    static ClientOptions fastOptions();
    InvokeCommandCall *invokeAndWait(const CmdletRequest &request);

    std::unique_ptr<ScriptedHttpServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<FixedTokenSource> m_tokens;
    std::unique_ptr<InvokeCommandClient> m_client;
};

ClientOptions TestInvokeCommandClient::fastOptions()
{
    ClientOptions options;
    options.backoffBase = 5ms;
    options.backoffCap = 50ms;
    options.requestTimeout = 10s;
    options.clientApplication = QStringLiteral("SmtpAuthConsole-Test");
    return options;
}

void TestInvokeCommandClient::init()
{
    m_server = std::make_unique<ScriptedHttpServer>();
    QVERIFY(m_server->listen());
    m_network = std::make_unique<QNetworkAccessManager>();
    m_tokens = std::make_unique<FixedTokenSource>();
}

void TestInvokeCommandClient::cleanup()
{
    m_client.reset();
    m_tokens.reset();
    m_network.reset();
    m_server.reset();
}

InvokeCommandClient *TestInvokeCommandClient::makeClient(ClientOptions options)
{
    const ExchangeEndpoint endpoint{m_server->baseUrl(), kTenant,
                                    QStringLiteral("UPN:admin@contoso.onmicrosoft.com")};
    m_client =
        std::make_unique<InvokeCommandClient>(m_network.get(), endpoint, m_tokens.get(), std::move(options));
    return m_client.get();
}

InvokeCommandCall *TestInvokeCommandClient::invokeAndWait(const CmdletRequest &request)
{
    InvokeCommandCall *call = m_client->invoke(request);
    QSignalSpy finished(call, &InvokeCommandCall::finished);
    if (!finished.wait(30000))
        qWarning("call did not finish");
    return call;
}

void TestInvokeCommandClient::sendsDocumentedHeadersAndBody()
{
    m_server->setHandler([](const RecordedRequest &, int) { return ScriptedResponse::json(200, kOnePage); });
    makeClient();
    const CmdletRequest request = CasMailboxRequests::getMailbox(QStringLiteral("zoe@contoso.com"));
    InvokeCommandCall *call = invokeAndWait(request);
    QVERIFY(call->isFinished());
    QVERIFY2(!call->error().isError(), qPrintable(call->error().userMessage()));
    QCOMPARE(call->httpStatus(), 200);
    QCOMPARE(call->objects().size(), 1);
    QCOMPARE(call->objects().at(0),
             (QJsonObject{{QStringLiteral("Guid"), QStringLiteral("11111111-1111-1111-1111-111111111111")},
                          {QStringLiteral("DisplayName"), QString::fromUtf8("Zoë")},
                          {QStringLiteral("SmtpClientAuthenticationDisabled"), QJsonValue::Null}}));

    QCOMPARE(m_server->requestCount(), 1);
    const RecordedRequest sent = m_server->requests().at(0);
    QCOMPARE(sent.method, QByteArray("POST"));
    QCOMPARE(sent.path(), QStringLiteral("/adminapi/beta/%1/InvokeCommand").arg(kTenant));
    const QUrlQuery query(QUrl::fromEncoded(sent.target));
    QCOMPARE(query.queryItemValue(QStringLiteral("$select")),
             QStringLiteral("Identity,Guid,ExternalDirectoryObjectId,DisplayName,PrimarySmtpAddress,"
                            "SmtpClientAuthenticationDisabled,Name"));
    QCOMPARE(sent.header("Authorization"), QByteArray("Bearer token-1"));
    QCOMPARE(sent.header("Content-Type"), QByteArray("application/json"));
    QCOMPARE(sent.header("Accept"), QByteArray("application/json"));
    QCOMPARE(sent.header("X-AnchorMailbox"), QByteArray("UPN:admin@contoso.onmicrosoft.com"));
    QCOMPARE(sent.header("Prefer"), QByteArray("odata.maxpagesize=1000"));
    QCOMPARE(sent.header("X-ResponseFormat"), QByteArray("json"));
    QCOMPARE(sent.header("X-CmdletName"), QByteArray("Get-CASMailbox"));
    QCOMPARE(sent.header("X-ClientApplication"), QByteArray("SmtpAuthConsole-Test"));
    QVERIFY(!QUuid::fromString(QLatin1String(sent.header("client-request-id"))).isNull());
    QCOMPARE(QString::fromLatin1(sent.header("client-request-id")), call->clientRequestId());
    QCOMPARE(QString::fromLatin1(sent.header("connection-id")), m_client->connectionId());
    QVERIFY(!QUuid::fromString(m_client->connectionId()).isNull());

    const QJsonObject body = QJsonDocument::fromJson(sent.body).object();
    QCOMPARE(body, (QJsonObject{{QStringLiteral("CmdletInput"),
                                 QJsonObject{{QStringLiteral("CmdletName"), QStringLiteral("Get-CASMailbox")},
                                             {QStringLiteral("Parameters"),
                                              QJsonObject{{QStringLiteral("Identity"),
                                                           QStringLiteral("zoe@contoso.com")}}}}}}));

    // A write: null survives to the wire, no $select, a new client-request-id, same connection-id.
    InvokeCommandCall *write = invokeAndWait(CasMailboxRequests::setMailbox(
        QStringLiteral("11111111-1111-1111-1111-111111111111"), Override::Inherit));
    QVERIFY(!write->error().isError());
    const RecordedRequest second = m_server->requests().at(1);
    QVERIFY(!second.target.contains("select"));
    QCOMPARE(
        second.body,
        QByteArray(
            R"({"CmdletInput":{"CmdletName":"Set-CASMailbox","Parameters":{"Identity":"11111111-1111-1111-1111-111111111111","SmtpClientAuthenticationDisabled":null}}})"));
    QVERIFY(second.header("client-request-id") != sent.header("client-request-id"));
    QCOMPARE(second.header("connection-id"), sent.header("connection-id"));
}

void TestInvokeCommandClient::sameClientRequestIdAcrossRetries()
{
    m_server->setHandler([](const RecordedRequest &, int index) {
        if (index < 2)
            return ScriptedResponse::json(503, "<html>busy</html>");
        return ScriptedResponse::json(200, kOnePage);
    });
    makeClient();
    InvokeCommandCall *call = invokeAndWait(CasMailboxRequests::getTransportConfig());
    QVERIFY(!call->error().isError());
    QCOMPARE(m_server->requestCount(), 3);
    const QByteArray id = m_server->requests().at(0).header("client-request-id");
    QVERIFY(!id.isEmpty());
    for (const RecordedRequest &request : m_server->requests()) {
        QCOMPARE(request.header("client-request-id"), id);
        QCOMPARE(request.body, m_server->requests().at(0).body);
    }
}

void TestInvokeCommandClient::retriesThrottlingWithoutRetryAfter()
{
    m_server->setHandler([](const RecordedRequest &, int index) {
        if (index == 0)
            return ScriptedResponse::json(429, "You have reached the maximum number of concurrent requests "
                                               "per tenant. Please wait and try again.");
        return ScriptedResponse::json(200, kOnePage);
    });
    makeClient();
    InvokeCommandCall *call = invokeAndWait(CasMailboxRequests::getTransportConfig());
    QVERIFY(!call->error().isError());
    QCOMPARE(m_server->requestCount(), 2);
}

void TestInvokeCommandClient::honoursRetryAfter()
{
    m_server->setHandler([](const RecordedRequest &, int index) {
        if (index == 0)
            return ScriptedResponse::json(
                429, R"({"error":{"code":"TooManyRequests","message":"slow down"}})", {{"Retry-After", "1"}});
        return ScriptedResponse::json(200, kOnePage);
    });
    makeClient();
    QSignalSpy scheduled(m_client.get(), &InvokeCommandClient::retryScheduled);
    InvokeCommandCall *call = invokeAndWait(CasMailboxRequests::getTransportConfig());
    QVERIFY(!call->error().isError());
    QCOMPARE(m_server->requestCount(), 2);
    // The wait the client scheduled, not the time it took on this machine: the computed backoff would be
    // ~5 ms (fastOptions); the server asked for a second.
    QCOMPARE(scheduled.count(), 1);
    QCOMPARE(scheduled.constFirst().constFirst().toInt(), 1000);
}

void TestInvokeCommandClient::gives_upAfterMaxRetries()
{
    m_server->setHandler([](const RecordedRequest &, int) {
        return ScriptedResponse::json(504, R"({"error":{"code":"GatewayTimeout","message":"upstream"}})");
    });
    makeClient();
    InvokeCommandCall *call = invokeAndWait(CasMailboxRequests::getTransportConfig());
    QCOMPARE(call->error().category(), ExchangeError::Category::ServerUnavailable);
    QCOMPARE(call->httpStatus(), 504);
    QCOMPARE(call->error().message(), QStringLiteral("upstream"));
    QCOMPARE(m_server->requestCount(), 1 + 5);
}

void TestInvokeCommandClient::refreshesTokenOnceOn401()
{
    m_server->setHandler([](const RecordedRequest &request, int) {
        if (request.header("Authorization") == "Bearer token-1")
            return ScriptedResponse::json(401, QByteArray(),
                                          {{"WWW-Authenticate", "Bearer error=\"invalid_token\""}});
        return ScriptedResponse::json(200, kOnePage);
    });
    makeClient();
    InvokeCommandCall *call = invokeAndWait(CasMailboxRequests::getTransportConfig());
    QVERIFY2(!call->error().isError(), qPrintable(call->error().userMessage()));
    QCOMPARE(m_tokens->rejected, QStringList{QStringLiteral("token-1")});
    QCOMPARE(m_server->requestCount(), 2);
    QCOMPARE(m_server->requests().at(1).header("Authorization"), QByteArray("Bearer token-2"));
    QCOMPARE(m_server->requests().at(1).header("client-request-id"),
             m_server->requests().at(0).header("client-request-id"));

    // A server that keeps answering 401: one refresh, then the error reaches the caller.
    m_server->setHandler(
        [](const RecordedRequest &, int) { return ScriptedResponse::json(401, QByteArray()); });
    const int before = m_server->requestCount();
    InvokeCommandCall *again = invokeAndWait(CasMailboxRequests::getTransportConfig());
    QCOMPARE(again->error().category(), ExchangeError::Category::Unauthorized);
    QCOMPARE(m_server->requestCount() - before, 2);
    QCOMPARE(m_tokens->rejected.size(), 2);
}

void TestInvokeCommandClient::neverRetries400Or403_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("category");
    QTest::newRow("400")
        << 400
        << QByteArray(
               R"({"error":{"code":"BadRequest","message":"Error executing cmdlet","details":[{"message":"Ex1|T|Nope."}]}})")
        << int(ExchangeError::Category::BadRequest);
    QTest::newRow("403 NUL body") << 403 << QByteArray(8, '\0') << int(ExchangeError::Category::Forbidden);
    QTest::newRow("404") << 404 << QByteArray(R"({"error":{"code":"NotFound","message":"gone"}})")
                         << int(ExchangeError::Category::NotFound);
}

void TestInvokeCommandClient::neverRetries400Or403()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(int, category);
    m_server->setHandler([status, body](const RecordedRequest &, int) {
        return ScriptedResponse::json(status, body,
                                      {{"x-ms-diagnostics", R"(2000008;reason="Role missing.")"}});
    });
    makeClient();
    InvokeCommandCall *call = invokeAndWait(CasMailboxRequests::setTransportConfig(OrgSetting::Enabled));
    QCOMPARE(int(call->error().category()), category);
    QCOMPARE(call->httpStatus(), status);
    QCOMPARE(m_server->requestCount(), 1);
    if (status == 403)
        QCOMPARE(call->error().message(), QStringLiteral("Role missing."));
}

void TestInvokeCommandClient::atMostThreeInFlight()
{
    m_server->setHandler([](const RecordedRequest &, int) { return ScriptedResponse::held(); });
    makeClient();
    QList<InvokeCommandCall *> calls;
    for (int i = 0; i < 10; ++i)
        calls.append(m_client->invoke(CasMailboxRequests::getMailbox(QString::number(i))));

    int answered = 0;
    while (answered < 10) {
        const int expected = std::min(3, 10 - answered);
        QTRY_COMPARE_WITH_TIMEOUT(m_server->heldCount(), expected, 30000);
        QCOMPARE(m_client->inFlightCount(), expected);
        answered += expected;
        m_server->releaseHeld(ScriptedResponse::json(200, kOnePage));
    }
    for (InvokeCommandCall *call : std::as_const(calls))
        QTRY_VERIFY_WITH_TIMEOUT(call->isFinished(), 30000);
    QCOMPARE(m_server->requestCount(), 10);
    QCOMPARE(m_server->maxConcurrent(), 3);
    // FIFO: sent in the order they were invoked
    for (int i = 0; i < 10; ++i)
        QVERIFY(m_server->requests().at(i).body.contains(
            QByteArray("\"Identity\":\"" + QByteArray::number(i) + "\"")));
    QCOMPARE(m_client->inFlightCount(), 0);
    QCOMPARE(m_client->queuedCount(), 0);
}

void TestInvokeCommandClient::timesOutAndRetries()
{
    m_server->setHandler([](const RecordedRequest &, int index) {
        return index == 0 ? ScriptedResponse::held() : ScriptedResponse::json(200, kOnePage);
    });
    ClientOptions options = fastOptions();
    options.requestTimeout = 200ms;
    makeClient(options);
    InvokeCommandCall *call = invokeAndWait(CasMailboxRequests::getTransportConfig());
    QVERIFY2(!call->error().isError(), qPrintable(call->error().userMessage()));
    QCOMPARE(m_server->requestCount(), 2);
    QCOMPARE(m_server->requests().at(1).header("client-request-id"),
             m_server->requests().at(0).header("client-request-id"));
}

void TestInvokeCommandClient::timeoutWithoutRetries()
{
    m_server->setHandler([](const RecordedRequest &, int) { return ScriptedResponse::held(); });
    ClientOptions options = fastOptions();
    options.requestTimeout = 150ms;
    options.maxRetries = 0;
    makeClient(options);
    InvokeCommandCall *call = invokeAndWait(CasMailboxRequests::getTransportConfig());
    QCOMPARE(call->error().category(), ExchangeError::Category::Timeout);
    QCOMPARE(call->httpStatus(), 0);
    QCOMPARE(m_server->requestCount(), 1);
    QCOMPARE(m_client->inFlightCount(), 0);
}

void TestInvokeCommandClient::networkErrorIsReported()
{
    const QUrl closed = m_server->baseUrl();
    m_server.reset(); // nothing listens there any more
    ClientOptions options = fastOptions();
    options.maxRetries = 2;
    const ExchangeEndpoint endpoint{closed, kTenant, QStringLiteral("UPN:a@b")};
    m_client = std::make_unique<InvokeCommandClient>(m_network.get(), endpoint, m_tokens.get(), options);
    InvokeCommandCall *call = invokeAndWait(CasMailboxRequests::getTransportConfig());
    QCOMPARE(call->error().category(), ExchangeError::Category::Network);
    QVERIFY(!call->error().message().isEmpty());
    QCOMPARE(m_tokens->fetches, 3); // first attempt + 2 retries
}

void TestInvokeCommandClient::refusesPlainHttpToRemoteHost()
{
    const ExchangeEndpoint endpoint{QUrl(QStringLiteral("http://outlook.office365.com")), kTenant,
                                    QStringLiteral("UPN:a@b")};
    m_client =
        std::make_unique<InvokeCommandClient>(m_network.get(), endpoint, m_tokens.get(), fastOptions());
    InvokeCommandCall *call = invokeAndWait(CasMailboxRequests::getTransportConfig());
    QCOMPARE(call->error().category(), ExchangeError::Category::InsecureTransport);
    QCOMPARE(m_tokens->fetches, 0); // not even a token was asked for
}

void TestInvokeCommandClient::tokenFailureSendsNothing()
{
    m_tokens->failWith = QStringLiteral("The refresh token was revoked");
    makeClient();
    InvokeCommandCall *call = invokeAndWait(CasMailboxRequests::getTransportConfig());
    QCOMPARE(call->error().category(), ExchangeError::Category::Unauthorized);
    QCOMPARE(call->error().message(), QStringLiteral("The refresh token was revoked"));
    QCOMPARE(m_server->requestCount(), 0);
    QCOMPARE(m_client->inFlightCount(), 0);
}

void TestInvokeCommandClient::refusesGetWithNullIdentity()
{
    makeClient();
    CmdletRequest request = CasMailboxRequests::getMailbox(QString());
    request.parameters.insert(QStringLiteral("Identity"), QJsonValue::Null);
    InvokeCommandCall *call = invokeAndWait(request);
    QCOMPARE(call->error().category(), ExchangeError::Category::BadRequest);
    QCOMPARE(m_server->requestCount(), 0);
}

void TestInvokeCommandClient::abortCancels()
{
    m_server->setHandler([](const RecordedRequest &, int) { return ScriptedResponse::held(); });
    makeClient();
    InvokeCommandCall *call = m_client->invoke(CasMailboxRequests::getTransportConfig());
    QSignalSpy finished(call, &InvokeCommandCall::finished);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->heldCount(), 1, 30000);
    call->abort();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(call->error().category(), ExchangeError::Category::Cancelled);
    QCOMPARE(m_client->inFlightCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(m_server->heldCount(), 0, 30000); // the connection was closed
    QCOMPARE(finished.size(), 1);
}

void TestInvokeCommandClient::redirectIsNotFollowed()
{
    m_server->setHandler([](const RecordedRequest &, int) {
        return ScriptedResponse::json(307, QByteArray(), {{"Location", "http://127.0.0.1:1/steal"}});
    });
    makeClient();
    InvokeCommandCall *call = invokeAndWait(CasMailboxRequests::getTransportConfig());
    QCOMPARE(call->error().category(), ExchangeError::Category::Protocol);
    QCOMPARE(m_server->requestCount(), 1);
}

QTEST_GUILESS_MAIN(TestInvokeCommandClient)
#include "test_invokecommandclient.moc"
