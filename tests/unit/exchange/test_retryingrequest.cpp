// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// RetryingRequest against answers that arrive but cannot be used: cut off mid-body, too large, an HTML
// page or malformed JSON with status 200, a 403 that says nothing. A real HTTP server on 127.0.0.1
// writes the exact bytes (the scripted server of the other client tests always answers well-formed).
#include "exchange/invokecommandclient.h"
#include "exchange/retryingrequest.h"
#include "fixedtokensource.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <memory>

using namespace std::chrono_literals;
using namespace smtpauth;
using namespace smtpauth::test;

namespace {

const QString kTenant = QStringLiteral("0b1c2d3e-aaaa-bbbb-cccc-1234567890ab");

// Answers every complete request with `answer`, byte for byte, and hangs up if told so.
class RawHttpServer : public QObject
{
public:
    QByteArray answer;
    bool closeAfter = false;
    int requests = 0;

    bool listen()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
            }
        });
        return m_server.listen(QHostAddress::LocalHost, 0);
    }
    QUrl baseUrl() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort())); }

private:
    void onReadyRead(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        qsizetype length = 0;
        for (const QByteArray &line : buffer.left(headerEnd).split('\n')) {
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        }
        if (buffer.size() < headerEnd + 4 + length)
            return;
        buffer.remove(0, headerEnd + 4 + length);
        ++requests;
        socket->write(answer);
        if (closeAfter)
            socket->disconnectFromHost();
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

QByteArray response(int status, const QByteArray &contentType, const QByteArray &body,
                    qint64 announcedLength = -1)
{
    return "HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: " + contentType +
           "\r\nContent-Length: " + QByteArray::number(announcedLength >= 0 ? announcedLength : body.size()) +
           "\r\n\r\n" + body;
}

} // namespace

class TestRetryingRequest : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<RawHttpServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<FixedTokenSource> m_tokens;
    std::unique_ptr<InvokeCommandClient> m_client;

    RetryingRequest *post(int maxRetries = 2)
    {
        ClientOptions options;
        options.backoffBase = 5ms;
        options.backoffCap = 20ms;
        options.requestTimeout = 20s;
        options.maxRetries = maxRetries;
        const ExchangeEndpoint endpoint{m_server->baseUrl(), kTenant,
                                        QStringLiteral("UPN:admin@contoso.onmicrosoft.com")};
        m_client = std::make_unique<InvokeCommandClient>(m_network.get(), endpoint, m_tokens.get(), options);
        RetryingRequest::Spec spec;
        spec.url = QUrl(m_server->baseUrl().toString() + QStringLiteral("/adminapi/beta/") + kTenant +
                        QStringLiteral("/InvokeCommand"));
        spec.body = R"({"CmdletInput":{"CmdletName":"Get-TransportConfig","Parameters":{}}})";
        spec.cmdletName = QStringLiteral("Get-TransportConfig");
        spec.clientRequestId = QStringLiteral("11111111-2222-3333-4444-555555555555");
        auto *p = new RetryingRequest(m_client.get(), spec, m_client.get());
        QSignalSpy finished(p, &RetryingRequest::finished);
        p->start();
        if (!finished.wait(20000))
            qWarning("the post did not finish");
        return p;
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<RawHttpServer>();
        QVERIFY(m_server->listen());
        m_network = std::make_unique<QNetworkAccessManager>();
        m_tokens = std::make_unique<FixedTokenSource>();
    }
    void cleanup()
    {
        m_client.reset();
        m_tokens.reset();
        m_network.reset();
        m_server.reset();
    }

    void truncatedBodyNamesTheCutAndIsRetried()
    {
        const QByteArray body =
            R"({"value":[{"Identity":"Transport Settings","SmtpClientAuthenticationDisabled":true}]})";
        m_server->answer = response(200, "application/json", body.left(40), body.size());
        m_server->closeAfter = true;
        RetryingRequest *p = post(2);
        const ExchangeError error = p->error();
        QCOMPARE(error.category(), ExchangeError::Category::Network);
        QCOMPARE(error.cause(), ExchangeError::Cause::TruncatedAnswer);
        QCOMPARE(p->httpStatus(), 0); // the half body is never the server's word
        QVERIFY(p->body().isEmpty());
        QVERIFY2(error.userMessage().contains(
                     QStringLiteral("cut off after 40 of %1 bytes (status 200)").arg(body.size())),
                 qPrintable(error.userMessage()));
        QVERIFY(!error.userMessage().contains(QLatin1String("Could not reach")));
        QCOMPARE(p->attempts(), 3); // retried like a dropped connection (a Set is idempotent)
        QCOMPARE(m_server->requests, 3);
    }

    void unreadableSuccessIsNamedAndNotRetried_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<ExchangeError::Cause>("cause");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("HTML page, status 200")
            << response(200, "text/html",
                        "<html><head><title>Service Error</title></head><body>Try later</body></html>")
            << ExchangeError::Cause::HtmlPage
            << QString::fromUtf8("HTML page (\u201cService Error\u201d) instead of JSON (status 200)");
        QTest::newRow("malformed JSON, status 200")
            << response(200, "application/json;odata.streaming=true",
                        "{\"value\":[{\"Identity\":\"Transport "
                        "Settings\",\"Smtp{\"error\":{\"code\":\"InternalServerError\"}}")
            << ExchangeError::Cause::MalformedJson << QStringLiteral("not valid JSON (status 200)");
        QTest::newRow("empty body, status 200")
            << response(200, "application/json", QByteArray()) << ExchangeError::Cause::MalformedJson
            << QStringLiteral("not valid JSON (status 200): it is empty");
    }

    void unreadableSuccessIsNamedAndNotRetried()
    {
        QFETCH(QByteArray, answer);
        QFETCH(ExchangeError::Cause, cause);
        QFETCH(QString, messagePart);
        m_server->answer = answer;
        RetryingRequest *p = post(3);
        const ExchangeError error = p->error();
        QCOMPARE(error.category(), ExchangeError::Category::Protocol);
        QCOMPARE(error.cause(), cause);
        QCOMPARE(p->transportError(), error); // what InvokeCommandCall and BatchCall both read
        QCOMPARE(p->httpStatus(), 200);
        QVERIFY2(error.userMessage().contains(messagePart), qPrintable(error.userMessage()));
        QCOMPARE(p->attempts(), 1);
        QCOMPARE(m_server->requests, 1);
    }

    void wellFormedSuccessPasses()
    {
        m_server->answer = response(200, "application/json", R"({"@adminapi.warnings":[],"value":[]})");
        RetryingRequest *p = post();
        QVERIFY2(!p->error().isError(), qPrintable(p->error().userMessage()));
        QCOMPARE(p->httpStatus(), 200);
        // Larger pages are only sniffed here (InvokeCommandResponse parses them once, naming the cause).
        const QByteArray page = QByteArray("{\"value\":[{\"Name\":\"") +
                                QByteArray(RetryingRequest::kFullJsonCheckBytes, 'a') + "\"}]}";
        m_server->answer = response(200, "application/json", page);
        p = post();
        QVERIFY2(!p->error().isError(), qPrintable(p->error().userMessage()));
        QCOMPARE(p->body(), page);
    }

    void oversizedAnnouncedAnswerIsRefusedUnread()
    {
        // Only the head is ever sent: the client must give up on the announcement alone.
        m_server->answer = response(200, "application/json", "{", RetryingRequest::kMaxAnswerBytes + 1);
        RetryingRequest *p = post(3);
        const ExchangeError error = p->error();
        QCOMPARE(error.category(), ExchangeError::Category::Protocol);
        QCOMPARE(error.cause(), ExchangeError::Cause::OversizedAnswer);
        QVERIFY2(error.userMessage().contains(QStringLiteral("%1 bytes announced, above the limit of 32 MiB")
                                                  .arg(RetryingRequest::kMaxAnswerBytes + 1)),
                 qPrintable(error.userMessage()));
        QCOMPARE(p->attempts(), 1); // the same request would get the same answer
        QVERIFY(p->body().isEmpty());
    }

    void oversizedStreamedAnswerIsCutAtTheLimit()
    {
        // Chunked, so no length is announced: the size is only known while the body arrives.
        const qint64 size = RetryingRequest::kMaxAnswerBytes + 4 * 1024 * 1024;
        QByteArray answer =
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        answer += QByteArray::number(size, 16) + "\r\n" + QByteArray(size, ' ') + "\r\n0\r\n\r\n";
        m_server->answer = answer;
        RetryingRequest *p = post(3);
        const ExchangeError error = p->error();
        QCOMPARE(error.cause(), ExchangeError::Cause::OversizedAnswer);
        QVERIFY2(error.userMessage().contains(QLatin1String("bytes received, above the limit of 32 MiB")),
                 qPrintable(error.userMessage()));
        QCOMPARE(p->attempts(), 1);
        QVERIFY(p->body().isEmpty());
    }

    void silentForbiddenSaysTheServerGaveNoReason_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("remark");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("the server gave no reason (empty body)");
        QTest::newRow("NUL bytes") << QByteArray(64, '\0')
                                   << QStringLiteral("the server gave no reason (a body of 64 NUL bytes)");
    }

    void silentForbiddenSaysTheServerGaveNoReason()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, remark);
        m_server->answer = response(403, "application/json", body);
        RetryingRequest *p = post(3);
        const ExchangeError error = p->error();
        QCOMPARE(error.category(), ExchangeError::Category::Forbidden);
        QCOMPARE(p->httpStatus(), 403);
        QVERIFY2(error.userMessage().contains(QLatin1String("Permission denied")),
                 qPrintable(error.userMessage()));
        QVERIFY2(error.userMessage().contains(remark), qPrintable(error.userMessage()));
        QCOMPARE(p->attempts(), 1); // never retry 403
    }
};

QTEST_GUILESS_MAIN(TestRetryingRequest)
#include "test_retryingrequest.moc"
