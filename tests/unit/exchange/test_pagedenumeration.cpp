// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "exchange/casmailboxrequests.h"
#include "exchange/invokecommandclient.h"
#include "exchange/pagedenumeration.h"
#include "fixedtokensource.h"
#include "scriptedhttpserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>
#include <memory>

using namespace std::chrono_literals;
using namespace smtpauth;
using namespace smtpauth::test;

namespace {

const QString kTenant = QStringLiteral("contoso.onmicrosoft.com");

// A page of `count` mailboxes named <prefix><n>, with a nextLink when `next` is not empty.
QByteArray page(const QString &prefix, int first, int count, const QString &next = {},
                const QStringList &warnings = {})
{
    QJsonArray value;
    for (int i = first; i < first + count; ++i) {
        value.append(QJsonObject{{QStringLiteral("Guid@data.type"), QStringLiteral("System.Guid")},
                                 {QStringLiteral("Guid"), QStringLiteral("guid-%1").arg(i)},
                                 {QStringLiteral("DisplayName"), QString(prefix + QString::number(i))},
                                 {QStringLiteral("SmtpClientAuthenticationDisabled"), QJsonValue::Null}});
    }
    QJsonObject envelope{{QStringLiteral("@odata.context"), QStringLiteral("ctx")},
                         {QStringLiteral("@adminapi.warnings"), QJsonArray::fromStringList(warnings)},
                         {QStringLiteral("value"), value}};
    if (!next.isEmpty())
        envelope.insert(QStringLiteral("@odata.nextLink"), next);
    return QJsonDocument(envelope).toJson(QJsonDocument::Compact);
}

const QByteArray kExpired =
    R"({"error":{"code":"BadRequest","message":"Expired or Invalid pagination request. Default Expiry time is 00:30:00"}})";

} // namespace

class TestPagedEnumeration : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void followsNextLinksWithSameBodyAndHeaders();
    void refusesForeignNextLink_data();
    void refusesForeignNextLink();
    void restartsOnExpiredPagination();
    void givesUpAfterRestartLimit();
    void reportsTruncation();
    void abortStops();

private:
    QString link(const QString &token) const;
    PagedEnumeration *enumerateAndWait();

    std::unique_ptr<ScriptedHttpServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<FixedTokenSource> m_tokens;
    std::unique_ptr<InvokeCommandClient> m_client;
};

void TestPagedEnumeration::init()
{
    m_server = std::make_unique<ScriptedHttpServer>();
    QVERIFY(m_server->listen());
    m_network = std::make_unique<QNetworkAccessManager>();
    m_tokens = std::make_unique<FixedTokenSource>();
    ClientOptions options;
    options.backoffBase = 5ms;
    options.pageSize = 3;
    const ExchangeEndpoint endpoint{m_server->baseUrl(), kTenant,
                                    QStringLiteral("UPN:admin@contoso.onmicrosoft.com")};
    m_client = std::make_unique<InvokeCommandClient>(m_network.get(), endpoint, m_tokens.get(), options);
}

void TestPagedEnumeration::cleanup()
{
    m_client.reset();
    m_tokens.reset();
    m_network.reset();
    m_server.reset();
}

QString TestPagedEnumeration::link(const QString &token) const
{
    return m_server->baseUrl().toString() + QStringLiteral("/adminapi/beta/") + kTenant +
           QStringLiteral("/InvokeCommand?%24skiptoken=") + token;
}

PagedEnumeration *TestPagedEnumeration::enumerateAndWait()
{
    PagedEnumeration *enumeration = m_client->enumerate(CasMailboxRequests::getAllMailboxes());
    QSignalSpy finished(enumeration, &PagedEnumeration::finished);
    if (!finished.wait(15000))
        qWarning("enumeration did not finish");
    return enumeration;
}

void TestPagedEnumeration::followsNextLinksWithSameBodyAndHeaders()
{
    m_server->setHandler([this](const RecordedRequest &, int index) {
        switch (index) {
        case 0:
            return ScriptedResponse::json(200,
                                          page(QString::fromUtf8("Zoë "), 0, 3, link(QStringLiteral("p2"))));
        case 1:
            return ScriptedResponse::json(200,
                                          page(QString::fromUtf8("Zoë "), 3, 3, link(QStringLiteral("p3"))));
        default:
            return ScriptedResponse::json(200, page(QString::fromUtf8("Zoë "), 6, 1));
        }
    });
    PagedEnumeration *enumeration = m_client->enumerate(CasMailboxRequests::getAllMailboxes());
    QSignalSpy pages(enumeration, &PagedEnumeration::pageReceived);
    QSignalSpy progress(enumeration, &PagedEnumeration::progress);
    QSignalSpy restarted(enumeration, &PagedEnumeration::restarted);
    QSignalSpy finished(enumeration, &PagedEnumeration::finished);
    QVERIFY(finished.wait(15000));

    QVERIFY2(!enumeration->error().isError(), qPrintable(enumeration->error().userMessage()));
    QCOMPARE(pages.size(), 3);
    QCOMPARE(pages.at(0).at(0).value<QList<QJsonObject>>().size(), 3);
    QCOMPARE(pages.at(2).at(0).value<QList<QJsonObject>>().size(), 1);
    QCOMPARE(progress.size(), 3);
    QCOMPARE(progress.at(2).at(0).toInt(), 7);
    QCOMPARE(restarted.size(), 0);
    QCOMPARE(enumeration->objects().size(), 7);
    QCOMPARE(enumeration->objects().at(6).value(QLatin1String("DisplayName")).toString(),
             QString::fromUtf8("Zoë 6"));
    QVERIFY(!enumeration->objects().at(6).contains(QLatin1String("Guid@data.type")));
    QVERIFY(!enumeration->truncated());
    QCOMPARE(enumeration->pageCount(), 3);

    QCOMPARE(m_server->requestCount(), 3);
    const RecordedRequest first = m_server->requests().at(0);
    QCOMPARE(QUrlQuery(QUrl::fromEncoded(first.target)).queryItemValue(QStringLiteral("$select")),
             CasMailboxRequests::mailboxProperties().join(QLatin1Char(',')));
    QCOMPARE(first.header("Prefer"), QByteArray("odata.maxpagesize=3"));
    QCOMPARE(QJsonDocument::fromJson(first.body)
                 .object()
                 .value(QLatin1String("CmdletInput"))
                 .toObject()
                 .value(QLatin1String("Parameters"))
                 .toObject()
                 .value(QLatin1String("ResultSize"))
                 .toString(),
             QStringLiteral("Unlimited"));
    QCOMPARE(m_server->requests().at(1).target,
             QByteArray("/adminapi/beta/contoso.onmicrosoft.com/InvokeCommand?%24skiptoken=p2"));
    QCOMPARE(m_server->requests().at(2).target,
             QByteArray("/adminapi/beta/contoso.onmicrosoft.com/InvokeCommand?%24skiptoken=p3"));
    for (const RecordedRequest &request : m_server->requests()) {
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.body, first.body);
        for (const char *name :
             {"Authorization", "X-AnchorMailbox", "Prefer", "X-CmdletName", "X-ResponseFormat",
              "client-request-id", "connection-id", "Content-Type", "Accept"})
            QCOMPARE(request.header(name), first.header(name));
    }
}

void TestPagedEnumeration::refusesForeignNextLink_data()
{
    QTest::addColumn<QString>("nextLink");
    // localhost reaches this very server, so only the validator can stop the request
    QTest::newRow("other host, same port") << QStringLiteral(
        "http://localhost:{port}/adminapi/beta/contoso.onmicrosoft.com/InvokeCommand?%24skiptoken=1");
    QTest::newRow("other port") << QStringLiteral(
        "http://127.0.0.1:1/adminapi/beta/contoso.onmicrosoft.com/InvokeCommand?%24skiptoken=1");
    QTest::newRow("other tenant") << QStringLiteral(
        "{base}/adminapi/beta/fabrikam.onmicrosoft.com/InvokeCommand?%24skiptoken=1");
    QTest::newRow("https upgrade is another origin")
        << QStringLiteral("{https}/adminapi/beta/contoso.onmicrosoft.com/InvokeCommand");
    QTest::newRow("relative") << QStringLiteral(
        "/adminapi/beta/contoso.onmicrosoft.com/InvokeCommand?%24skiptoken=1");
}

void TestPagedEnumeration::refusesForeignNextLink()
{
    QFETCH(QString, nextLink);
    QUrl https = m_server->baseUrl();
    https.setScheme(QStringLiteral("https"));
    nextLink.replace(QLatin1String("{base}"), m_server->baseUrl().toString());
    nextLink.replace(QLatin1String("{https}"), https.toString());
    nextLink.replace(QLatin1String("{port}"), QString::number(m_server->baseUrl().port()));
    m_server->setHandler([nextLink](const RecordedRequest &, int) {
        return ScriptedResponse::json(200, page(QStringLiteral("m"), 0, 2, nextLink));
    });
    PagedEnumeration *enumeration = enumerateAndWait();
    QVERIFY(enumeration->isFinished());
    QCOMPARE(enumeration->error().category(), ExchangeError::Category::Protocol);
    QCOMPARE(m_server->requestCount(), 1);
}

void TestPagedEnumeration::restartsOnExpiredPagination()
{
    int expiredAnswers = 0;
    m_server->setHandler([this, &expiredAnswers](const RecordedRequest &request, int) {
        if (!request.target.contains("skiptoken"))
            return ScriptedResponse::json(200, page(QStringLiteral("run"), 0, 3, link(QStringLiteral("p2"))));
        if (expiredAnswers++ == 0)
            return ScriptedResponse::json(400, kExpired);
        return ScriptedResponse::json(200, page(QStringLiteral("run"), 3, 2));
    });
    PagedEnumeration *enumeration = m_client->enumerate(CasMailboxRequests::getAllMailboxes());
    QSignalSpy pages(enumeration, &PagedEnumeration::pageReceived);
    QSignalSpy restarted(enumeration, &PagedEnumeration::restarted);
    QSignalSpy finished(enumeration, &PagedEnumeration::finished);
    QVERIFY(finished.wait(15000));

    QVERIFY2(!enumeration->error().isError(), qPrintable(enumeration->error().userMessage()));
    QCOMPARE(restarted.size(), 1);
    QVERIFY(!restarted.at(0).at(0).toString().isEmpty());
    QCOMPARE(enumeration->restartCount(), 1);
    // page 1, (expired), page 1 again, page 2: nothing from the first run is kept
    QCOMPARE(pages.size(), 3);
    QCOMPARE(enumeration->objects().size(), 5);
    QCOMPARE(m_server->requestCount(), 4);
    QVERIFY(!m_server->requests().at(2).target.contains("skiptoken"));
    // a 400 is not retried as such: exactly one request hit the expired link
    QCOMPARE(expiredAnswers, 2);
}

void TestPagedEnumeration::givesUpAfterRestartLimit()
{
    m_server->setHandler([this](const RecordedRequest &request, int) {
        if (!request.target.contains("skiptoken"))
            return ScriptedResponse::json(200, page(QStringLiteral("m"), 0, 3, link(QStringLiteral("p2"))));
        return ScriptedResponse::json(400, kExpired);
    });
    PagedEnumeration *enumeration = m_client->enumerate(CasMailboxRequests::getAllMailboxes());
    QSignalSpy restarted(enumeration, &PagedEnumeration::restarted);
    QSignalSpy finished(enumeration, &PagedEnumeration::finished);
    QVERIFY(finished.wait(15000));
    QCOMPARE(enumeration->error().category(), ExchangeError::Category::PaginationExpired);
    QCOMPARE(restarted.size(), m_client->options().maxPaginationRestarts);
    QCOMPARE(m_server->requestCount(), 2 * (m_client->options().maxPaginationRestarts + 1));
}

void TestPagedEnumeration::reportsTruncation()
{
    m_server->setHandler([](const RecordedRequest &, int) {
        return ScriptedResponse::json(
            200, page(QStringLiteral("m"), 0, 2, {},
                      {QStringLiteral("There are more results available than are currently displayed. "
                                      "To view them, increase the value for the ResultSize parameter.")}));
    });
    PagedEnumeration *enumeration = enumerateAndWait();
    QVERIFY(!enumeration->error().isError());
    QVERIFY(enumeration->truncated());
    QCOMPARE(enumeration->warnings().size(), 1);
    QCOMPARE(enumeration->objects().size(), 2);
}

void TestPagedEnumeration::abortStops()
{
    m_server->setHandler([this](const RecordedRequest &, int index) {
        if (index == 0)
            return ScriptedResponse::json(200, page(QStringLiteral("m"), 0, 3, link(QStringLiteral("p2"))));
        return ScriptedResponse::held();
    });
    PagedEnumeration *enumeration = m_client->enumerate(CasMailboxRequests::getAllMailboxes());
    QSignalSpy finished(enumeration, &PagedEnumeration::finished);
    QTRY_COMPARE(m_server->heldCount(), 1);
    enumeration->abort();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(enumeration->error().category(), ExchangeError::Category::Cancelled);
    QCOMPARE(m_client->inFlightCount(), 0);
}

QTEST_GUILESS_MAIN(TestPagedEnumeration)
#include "test_pagedenumeration.moc"
