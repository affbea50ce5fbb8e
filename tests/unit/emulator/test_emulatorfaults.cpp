// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// The emulator's scripted fault kinds (POST /_emulator/faults {"script":[...]}), asserted on the wire
// against what exchange-protocol.md §3/§5 says the real service sends: a complete 200 whose body is not
// JSON, an HTML error page, a 403 with an empty or NUL body, a huge body, an answer held back.
// Each row also asserts whether the command ran, since that is what a client's journal must get right.
#include "emulator/emulatorfault.h"
#include "emulator/emulatorhttpanswer.h"
#include "emulator/emulatorserver.h"
#include "emulatortestclient.h"

#include <QJsonArray>
#include <QTest>

using namespace smtpauth;
using namespace smtpauth::test;

class TestEmulatorFaults : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<EmulatorServer> m_server;
    std::unique_ptr<EmulatorTestClient> m_client;
    QByteArray m_admin;

    QString tenant() const { return m_server->tenantDomain(); }
    HttpResult control(const QString &action, const QJsonObject &body)
    {
        QNetworkRequest request(m_client->url(QStringLiteral("/_emulator/") + action));
        request.setRawHeader("X-Emulator-Control", "test-key");
        request.setRawHeader("Content-Type", "application/json");
        return m_client->send(request, "POST", QJsonDocument(body).toJson());
    }
    HttpResult holds()
    {
        QNetworkRequest request(m_client->url(QStringLiteral("/_emulator/holds")));
        request.setRawHeader("X-Emulator-Control", "test-key");
        return m_client->send(request, "GET");
    }
    // An InvokeCommand request left running, for answers the server holds back.
    QNetworkReply *invokeLater(QNetworkAccessManager *network, const QJsonObject &body)
    {
        QNetworkRequest request(
            m_client->url(QStringLiteral("/adminapi/beta/%1/InvokeCommand").arg(tenant())));
        request.setRawHeader("Authorization", "Bearer " + m_admin);
        request.setRawHeader("Content-Type", "application/json");
        request.setRawHeader("client-request-id", "held-1");
        return network->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
    bool script(const QJsonArray &steps)
    {
        return control(QStringLiteral("faults"), QJsonObject{{QStringLiteral("script"), steps}}).status ==
               204;
    }
    // A Set-CASMailbox that moves mailbox `index` to a value it does not have yet.
    QJsonObject setThatChanges(int index, Override *target) const
    {
        const EmulatorMailbox mailbox = m_server->mailboxes().at(index);
        *target =
            mailbox.smtpClientAuthentication == Override::Enabled ? Override::Disabled : Override::Enabled;
        return EmulatorTestClient::cmdlet(
            QStringLiteral("Set-CASMailbox"),
            QJsonObject{{QStringLiteral("Identity"), mailbox.guid.toString(QUuid::WithoutBraces)},
                        {QStringLiteral("SmtpClientAuthenticationDisabled"), overrideToWire(*target)}});
    }

private Q_SLOTS:
    void init()
    {
        EmulatorOptions options;
        options.mailboxCount = 30;
        options.seed = 11;
        options.controlKey = QStringLiteral("test-key");
        m_server = std::make_unique<EmulatorServer>(options);
        QVERIFY(m_server->start());
        m_client = std::make_unique<EmulatorTestClient>(m_server->baseUrl());
        m_admin = m_client->accessTokenFor(tenant(), QStringLiteral("admin@") + tenant());
        QVERIFY(!m_admin.isEmpty());
    }
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void scriptStepsParse_data()
    {
        QTest::addColumn<QJsonObject>("step");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<int>("body"); // EmulatorFault::Body
        QTest::addColumn<qint64>("bodyBytes");
        QTest::addColumn<int>("delayMs");
        const auto body = [](EmulatorFault::Body b) { return int(b); };
        QTest::newRow("pass-through") << QJsonObject{{QStringLiteral("status"), 200}} << true
                                      << body(EmulatorFault::Body::Normal) << qint64(0) << 0;
        QTest::newRow("malformed") << QJsonObject{{QStringLiteral("body"), QStringLiteral("malformed-json")}}
                                   << true << body(EmulatorFault::Body::MalformedJson) << qint64(0) << 0;
        QTest::newRow("huge sized") << QJsonObject{{QStringLiteral("body"), QStringLiteral("huge")},
                                                   {QStringLiteral("bodyBytes"), 5000000}}
                                    << true << body(EmulatorFault::Body::Huge) << qint64(5000000) << 0;
        QTest::newRow("403 nul") << QJsonObject{{QStringLiteral("status"), 403},
                                                {QStringLiteral("body"), QStringLiteral("nul")}}
                                 << true << body(EmulatorFault::Body::NulBytes) << qint64(0) << 0;
        QTest::newRow("slow") << QJsonObject{{QStringLiteral("delayMs"), 2500}} << true
                              << body(EmulatorFault::Body::Normal) << qint64(0) << 2500;
        QTest::newRow("unknown body")
            << QJsonObject{{QStringLiteral("body"), QStringLiteral("xml")}} << false << 0 << qint64(0) << 0;
        QTest::newRow("negative delay")
            << QJsonObject{{QStringLiteral("delayMs"), -1}} << false << 0 << qint64(0) << 0;
        QTest::newRow("absurd size") << QJsonObject{{QStringLiteral("body"), QStringLiteral("huge")},
                                                    {QStringLiteral("bodyBytes"), 1e12}}
                                     << false << 0 << qint64(0) << 0;
        QTest::newRow("bad status") << QJsonObject{{QStringLiteral("status"), 42}} << false << 0 << qint64(0)
                                    << 0;
        QTest::newRow("hold") << QJsonObject{{QStringLiteral("hold"), true}} << true
                              << body(EmulatorFault::Body::Normal) << qint64(0) << 0;
        QTest::newRow("hold not a boolean")
            << QJsonObject{{QStringLiteral("hold"), QStringLiteral("yes")}} << false << 0 << qint64(0) << 0;
    }
    void scriptStepsParse()
    {
        QFETCH(QJsonObject, step);
        QFETCH(bool, valid);
        QFETCH(int, body);
        QFETCH(qint64, bodyBytes);
        QFETCH(int, delayMs);
        EmulatorFault fault;
        QString why;
        QCOMPARE(EmulatorFault::fromJson(step, &fault, &why), valid);
        QCOMPARE(why.isEmpty(), valid);
        if (!valid) {
            // Over HTTP the whole script is refused, and nothing is armed.
            const HttpResult refused =
                control(QStringLiteral("faults"),
                        QJsonObject{{QStringLiteral("script"), QJsonArray{QJsonObject{}, step}}});
            QCOMPARE(refused.status, 400);
            QVERIFY(refused.json()
                        .value(QStringLiteral("error"))
                        .toObject()
                        .value(QStringLiteral("message"))
                        .toString()
                        .startsWith(QLatin1String("script step 1: ")));
            QCOMPARE(m_server->pendingFaults(), 0);
            return;
        }
        QCOMPARE(int(fault.body), body);
        QCOMPARE(fault.bodyBytes, bodyBytes);
        QCOMPARE(fault.delayMs, delayMs);
        QCOMPARE(EmulatorFault::bodyName(fault.body).isEmpty(), false);
    }

    void spoiledAnswers_data()
    {
        QTest::addColumn<QJsonObject>("step");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("contentType"); // prefix
        QTest::addColumn<bool>("commandRuns");
        QTest::newRow("complete 200, malformed JSON")
            << QJsonObject{{QStringLiteral("body"), QStringLiteral("malformed-json")}} << 200
            << QByteArray("application/json") << true;
        QTest::newRow("HTML error page with status 200")
            << QJsonObject{{QStringLiteral("body"), QStringLiteral("html")}} << 200 << QByteArray("text/html")
            << false;
        QTest::newRow("HTML 502 from a gateway")
            << QJsonObject{{QStringLiteral("status"), 502}, {QStringLiteral("body"), QStringLiteral("html")}}
            << 502 << QByteArray("text/html") << false;
        QTest::newRow("403 with an empty body")
            << QJsonObject{{QStringLiteral("status"), 403}, {QStringLiteral("body"), QStringLiteral("empty")}}
            << 403 << QByteArray() << false;
        QTest::newRow("403 with NUL bytes") << QJsonObject{{QStringLiteral("status"), 403},
                                                           {QStringLiteral("body"), QStringLiteral("nul")},
                                                           {QStringLiteral("bodyBytes"), 10}}
                                            << 403 << QByteArray() << false;
        QTest::newRow("huge but valid 200") << QJsonObject{{QStringLiteral("body"), QStringLiteral("huge")},
                                                           {QStringLiteral("bodyBytes"), 3 * 1024 * 1024}}
                                            << 200 << QByteArray("application/json") << true;
    }
    void spoiledAnswers()
    {
        QFETCH(QJsonObject, step);
        QFETCH(int, status);
        QFETCH(QByteArray, contentType);
        QFETCH(bool, commandRuns);
        Override target = Override::Inherit;
        const QJsonObject set = setThatChanges(4, &target);
        const Override before = m_server->mailboxes().at(4).smtpClientAuthentication;
        QVERIFY(script(QJsonArray{step}));

        const HttpResult result = m_client->invoke(tenant(), m_admin, set);
        // A complete answer in every row: the fault is in what it says, not in how it arrives.
        QCOMPARE(result.error == QNetworkReply::NoError, status == 200);
        QCOMPARE(result.status, status);
        QVERIFY(result.header("content-type").startsWith(contentType));
        QCOMPARE(m_server->mailboxes().at(4).smtpClientAuthentication, commandRuns ? target : before);
        QCOMPARE(m_server->pendingFaults(), 0);

        const QByteArray kind = step.value(QStringLiteral("body")).toString().toUtf8();
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(result.body, &parseError);
        if (kind == "malformed-json") {
            QVERIFY(parseError.error != QJsonParseError::NoError);
            QVERIFY(result.body.startsWith("{\"@odata.context\"")); // the start of the real answer...
            QVERIFY(result.body.endsWith("}}"));                    // ...and the appended stream error
            QVERIFY(result.body.contains("\"InternalServerError\""));
        } else if (kind == "html") {
            QVERIFY(result.body.startsWith("<!DOCTYPE html>"));
            QVERIFY(result.body.contains(QByteArray::number(status)));
        } else if (kind == "empty") {
            QVERIFY(result.body.isEmpty());
        } else if (kind == "nul") {
            QCOMPARE(result.body, QByteArray(10, '\0'));
        } else if (kind == "huge") {
            QCOMPARE(result.body.size(), 3 * 1024 * 1024);
            QCOMPARE(parseError.error, QJsonParseError::NoError);
            // Valid JSON whose only addition is an annotation a client ignores (§3).
            QVERIFY(document.object().value(QStringLiteral("@emulator.padding")).isString());
            QVERIFY(document.object().value(QStringLiteral("@adminapi.warnings")).isArray());
        }

        // The step was used up: the next request is served normally.
        const HttpResult next = m_client->invoke(
            tenant(), m_admin, EmulatorTestClient::cmdlet(QStringLiteral("Get-TransportConfig")));
        QCOMPARE(next.status, 200);
        QCOMPARE(next.json().value(QStringLiteral("value")).toArray().size(), 1);
    }

    void hugeBodyHasATensOfMegabytesDefault()
    {
        QVERIFY(script(QJsonArray{QJsonObject{{QStringLiteral("body"), QStringLiteral("huge")}}}));
        const HttpResult result = m_client->invoke(
            tenant(), m_admin, EmulatorTestClient::cmdlet(QStringLiteral("Get-TransportConfig")));
        QCOMPARE(result.status, 200);
        QCOMPARE(result.body.size(), EmulatorFault::kDefaultHugeBytes);
        QVERIFY(result.body.size() >= 10 * 1024 * 1024);
        QCOMPARE(
            QJsonDocument::fromJson(result.body).object().value(QStringLiteral("value")).toArray().size(), 1);
    }

    void delayedAnswerOutlastsTheClientButTheCommandRan()
    {
        Override target = Override::Inherit;
        const QJsonObject set = setThatChanges(7, &target);
        // Held until released (never, here): the client's transfer timeout is certain to come first, on any
        // machine, which a delay longer than the timeout would only make likely.
        QVERIFY(script(
            QJsonArray{QJsonObject{{QStringLiteral("delayMs"), 3000}, {QStringLiteral("hold"), true}}}));
        QNetworkRequest request(
            m_client->url(QStringLiteral("/adminapi/beta/%1/InvokeCommand").arg(tenant())));
        request.setRawHeader("Authorization", "Bearer " + m_admin);
        request.setRawHeader("Content-Type", "application/json");
        request.setTransferTimeout(300); // the client gives up while the answer is held
        const HttpResult result = m_client->send(request, "POST", QJsonDocument(set).toJson());
        QCOMPARE(result.status, 0);
        QCOMPARE(result.error, QNetworkReply::OperationCanceledError);
        // The server ran the command first and only held its answer back: what a client must assume.
        QCOMPARE(m_server->mailboxes().at(7).smtpClientAuthentication, target);
        QCOMPARE(m_server->pendingFaults(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!m_server->heldRequests().value(0).connected, 30000);
        QCOMPARE(m_server->releaseAllHeld(), 1); // to a client that is gone: nothing to write, nothing breaks
        const HttpResult next = m_client->invoke(
            tenant(), m_admin, EmulatorTestClient::cmdlet(QStringLiteral("Get-TransportConfig")));
        QCOMPARE(next.status, 200);
    }

    // "hold" parks the answer of a command that ran; other requests are answered meanwhile; the held one
    // goes out only when released, and GET holds says what is parked.
    void heldAnswerWaitsForItsRelease()
    {
        Override target = Override::Inherit;
        const QJsonObject set = setThatChanges(5, &target);
        QVERIFY(script(QJsonArray{QJsonObject{
            {QStringLiteral("hold"), true}, {QStringLiteral("target"), QStringLiteral("Set-CASMailbox")}}}));
        QNetworkAccessManager network;
        std::unique_ptr<QNetworkReply> held(invokeLater(&network, set));
        QTRY_COMPARE_WITH_TIMEOUT(m_server->heldRequests().size(), 1, 30000);
        QCOMPARE(m_server->mailboxes().at(5).smtpClientAuthentication, target); // it ran
        QCOMPARE(m_server->pendingFaults(), 0);

        // Another request is answered while the first stays parked.
        const HttpResult other = m_client->invoke(
            tenant(), m_admin, EmulatorTestClient::cmdlet(QStringLiteral("Get-TransportConfig")));
        QCOMPARE(other.status, 200);
        QVERIFY(!held->isFinished());

        const HttpResult listed = holds();
        QCOMPARE(listed.status, 200);
        const QJsonArray parked = listed.json().value(QStringLiteral("holds")).toArray();
        QCOMPARE(parked.size(), 1);
        const QJsonObject entry = parked.at(0).toObject();
        const int id = entry.value(QStringLiteral("id")).toInt();
        QCOMPARE(entry.value(QStringLiteral("method")).toString(), QStringLiteral("POST"));
        QVERIFY(entry.value(QStringLiteral("path")).toString().endsWith(QLatin1String("/InvokeCommand")));
        QCOMPARE(entry.value(QStringLiteral("cmdlets")).toArray(),
                 QJsonArray{QStringLiteral("Set-CASMailbox")});
        QCOMPARE(entry.value(QStringLiteral("clientRequestId")).toString(), QStringLiteral("held-1"));
        QCOMPARE(QJsonDocument::fromJson(entry.value(QStringLiteral("body")).toString().toUtf8()).object(),
                 set);
        QCOMPARE(entry.value(QStringLiteral("connected")).toBool(), true);

        // Releases that make no sense are refused; the right one lets the answer go.
        QCOMPARE(control(QStringLiteral("release"), QJsonObject{}).status, 400);
        QCOMPARE(control(QStringLiteral("release"),
                         QJsonObject{{QStringLiteral("id"), id}, {QStringLiteral("all"), true}})
                     .status,
                 400);
        QCOMPARE(control(QStringLiteral("release"), QJsonObject{{QStringLiteral("id"), id + 1}}).status, 404);
        QVERIFY(!held->isFinished());
        QCOMPARE(control(QStringLiteral("release"), QJsonObject{{QStringLiteral("id"), id}}).status, 204);
        QTRY_VERIFY_WITH_TIMEOUT(held->isFinished(), 30000);
        QCOMPARE(held->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QVERIFY(m_server->heldRequests().isEmpty());
        QCOMPARE(holds().json().value(QStringLiteral("holds")).toArray().size(), 0);
        QCOMPARE(control(QStringLiteral("release"), QJsonObject{{QStringLiteral("all"), true}}).status, 204);
    }

    void spoilKeepsStatusAndOtherHeaders()
    {
        EmulatorHttpAnswer answer;
        answer.status = 429;
        answer.addHeader("Content-Type", "application/json");
        answer.addHeader("Retry-After", "3");
        answer.body = R"({"error":{"code":"TooManyRequests"}})";
        EmulatorFault fault;
        fault.body = EmulatorFault::Body::Html;
        fault.spoil(&answer);
        QCOMPARE(answer.status, 429);
        QCOMPARE(answer.header("Retry-After"), QByteArray("3"));
        QCOMPARE(answer.header("Content-Type"), QByteArray("text/html; charset=utf-8"));
        int contentTypes = 0;
        for (const auto &header : std::as_const(answer.headers))
            contentTypes += header.first.compare("content-type", Qt::CaseInsensitive) == 0 ? 1 : 0;
        QCOMPARE(contentTypes, 1);
    }
};

QTEST_GUILESS_MAIN(TestEmulatorFaults)
#include "test_emulatorfaults.moc"
