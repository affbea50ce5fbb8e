// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// InvokeCommand, $batch, paging, errors, roles and faults of the emulated Exchange Online admin API,
// asserted against exchange-protocol.md §2–§5 through real HTTP on 127.0.0.1.
#include "emulator/emulatorserver.h"
#include "emulatortestclient.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace smtpauth;
using namespace smtpauth::test;

namespace {

const QString kTruncationWarning = QStringLiteral(
    "There are more results available than are currently displayed. To view them, increase the value for the "
    "ResultSize parameter.");
const QString kPagingError =
    QStringLiteral("Expired or Invalid pagination request. Default Expiry time is 00:30:00");

QString humanMessage(const QJsonObject &envelope)
{
    const QJsonObject error = envelope.value(QStringLiteral("error")).toObject();
    const QString detail = error.value(QStringLiteral("details"))
                               .toArray()
                               .first()
                               .toObject()
                               .value(QStringLiteral("message"))
                               .toString();
    return detail.split(QLatin1Char('|')).last();
}

QJsonObject params(std::initializer_list<QPair<QString, QJsonValue>> items)
{
    QJsonObject o;
    for (const auto &item : items)
        o.insert(item.first, item.second);
    return o;
}

} // namespace

class TestEmulatorInvokeCommand : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<EmulatorServer> m_server;
    std::unique_ptr<EmulatorTestClient> m_client;
    QByteArray m_admin;

    QString tenant() const { return m_server->tenantDomain(); }
    QByteArray tokenFor(const char *alias)
    {
        return m_client->accessTokenFor(tenant(), QLatin1String(alias) + QLatin1Char('@') + tenant());
    }
    HttpResult control(const QByteArray &verb, const QString &action, const QJsonObject &body = {})
    {
        QNetworkRequest request(m_client->url(QStringLiteral("/_emulator/") + action));
        request.setRawHeader("X-Emulator-Control", "test-key");
        request.setRawHeader("Content-Type", "application/json");
        return m_client->send(request, verb, verb == "POST" ? QJsonDocument(body).toJson() : QByteArray());
    }

private Q_SLOTS:
    void init()
    {
        EmulatorOptions options;
        options.mailboxCount = 50;
        options.seed = 7;
        options.overrideShare = 0.3;
        options.controlKey = QStringLiteral("test-key");
        m_server = std::make_unique<EmulatorServer>(options);
        QVERIFY(m_server->start());
        m_client = std::make_unique<EmulatorTestClient>(m_server->baseUrl());
        m_admin = tokenFor("admin");
        QVERIFY(!m_admin.isEmpty());
    }
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void roleEnforcement_data()
    {
        QTest::addColumn<QByteArray>("user");
        QTest::addColumn<QString>("cmdlet");
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("nulBody");
        const QJsonObject casParams;
        QTest::newRow("reader Set-CASMailbox")
            << QByteArray("reader") << QStringLiteral("Set-CASMailbox") << 403 << false;
        QTest::newRow("helpdesk Set-CASMailbox")
            << QByteArray("helpdesk") << QStringLiteral("Set-CASMailbox") << 403 << true;
        QTest::newRow("recipients Set-TransportConfig")
            << QByteArray("recipients") << QStringLiteral("Set-TransportConfig") << 403 << false;
        QTest::newRow("reader Set-TransportConfig")
            << QByteArray("reader") << QStringLiteral("Set-TransportConfig") << 403 << false;
        QTest::newRow("recipients Set-CASMailbox")
            << QByteArray("recipients") << QStringLiteral("Set-CASMailbox") << 200 << false;
        QTest::newRow("admin Set-TransportConfig")
            << QByteArray("admin") << QStringLiteral("Set-TransportConfig") << 200 << false;
        QTest::newRow("reader Get-CASMailbox")
            << QByteArray("reader") << QStringLiteral("Get-CASMailbox") << 200 << false;
        QTest::newRow("helpdesk Get-TransportConfig")
            << QByteArray("helpdesk") << QStringLiteral("Get-TransportConfig") << 200 << false;
    }
    void roleEnforcement()
    {
        QFETCH(QByteArray, user);
        QFETCH(QString, cmdlet);
        QFETCH(int, status);
        QFETCH(bool, nulBody);
        QJsonObject parameters;
        if (cmdlet == QLatin1String("Set-CASMailbox"))
            parameters = params({{QStringLiteral("Identity"),
                                  m_server->mailboxes().first().guid.toString(QUuid::WithoutBraces)},
                                 {QStringLiteral("SmtpClientAuthenticationDisabled"), true}});
        else if (cmdlet == QLatin1String("Set-TransportConfig"))
            parameters = params({{QStringLiteral("SmtpClientAuthenticationDisabled"), false}});
        const HttpResult result = m_client->invoke(tenant(), tokenFor(user.constData()),
                                                   EmulatorTestClient::cmdlet(cmdlet, parameters));
        QCOMPARE(result.status, status);
        if (status != 403)
            return;
        QVERIFY(result.header("x-ms-diagnostics").contains(cmdlet.toLatin1()));
        QVERIFY(result.header("x-ms-diagnostics").contains("insufficient_permissions"));
        if (nulBody) {
            QVERIFY(!result.body.isEmpty());
            QCOMPARE(result.body, QByteArray(result.body.size(), '\0'));
        } else {
            QVERIFY(result.body.isEmpty());
        }
    }

    void pagingReturnsEveryMailboxOnce()
    {
        QSet<QString> seen;
        QUrl next = m_client->url(QStringLiteral("/adminapi/beta/%1/InvokeCommand").arg(tenant()));
        const QByteArray body =
            QJsonDocument(EmulatorTestClient::cmdlet(
                              QStringLiteral("Get-CASMailbox"),
                              params({{QStringLiteral("ResultSize"), QStringLiteral("Unlimited")}})))
                .toJson(QJsonDocument::Compact);
        int pages = 0;
        while (next.isValid() && pages < 100) {
            const HttpResult page = m_client->invokeUrl(next, m_admin, body, 7);
            QCOMPARE(page.status, 200);
            QVERIFY(page.header("content-type").startsWith("application/json;odata.metadata=minimal"));
            const QJsonObject json = page.json();
            const QJsonArray value = json.value(QStringLiteral("value")).toArray();
            QVERIFY(value.size() <= 7);
            for (const QJsonValue &row : value) {
                const QString guid = row.toObject().value(QStringLiteral("Guid")).toString();
                QVERIFY2(!seen.contains(guid), "duplicate across pages");
                seen.insert(guid);
            }
            ++pages;
            const QString link = json.value(QStringLiteral("@odata.nextLink")).toString();
            if (!link.isEmpty()) {
                QVERIFY(link.startsWith(m_server->baseUrl().toString() + QStringLiteral("/adminapi/beta/")));
                QVERIFY(link.contains(QLatin1String("InvokeCommand?%24skiptoken=")));
            }
            next = link.isEmpty() ? QUrl() : QUrl(link);
        }
        QCOMPARE(pages, 8);
        QSet<QString> truth;
        for (const EmulatorMailbox &m : m_server->mailboxes())
            truth.insert(m.guid.toString(QUuid::WithoutBraces));
        QCOMPARE(seen, truth);
    }

    void nextLinkIsBoundToItsBodyAndExpires()
    {
        const QJsonObject all =
            EmulatorTestClient::cmdlet(QStringLiteral("Get-CASMailbox"),
                                       params({{QStringLiteral("ResultSize"), QStringLiteral("Unlimited")}}));
        const HttpResult first = m_client->invoke(tenant(), m_admin, all, {}, 10);
        const QUrl link(first.json().value(QStringLiteral("@odata.nextLink")).toString());
        QVERIFY(link.isValid());

        const QByteArray otherBody =
            QJsonDocument(EmulatorTestClient::cmdlet(QStringLiteral("Get-CASMailbox"), {})).toJson();
        const HttpResult mismatch = m_client->invokeUrl(link, m_admin, otherBody, 10);
        QCOMPARE(mismatch.status, 400);

        const QByteArray sameBody = QJsonDocument(all).toJson(QJsonDocument::Compact);
        QCOMPARE(m_client->invokeUrl(link, m_admin, sameBody, 10).status, 200);
        QCOMPARE(control("POST", QStringLiteral("expire-nextlinks")).status, 204);
        const HttpResult expired = m_client->invokeUrl(link, m_admin, sameBody, 10);
        QCOMPARE(expired.status, 400);
        const QJsonObject error = expired.json().value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("BadRequest"));
        QCOMPARE(error.value(QStringLiteral("message")).toString(), kPagingError);

        // Scheduled expiry: the link of the page served first still works, the one after it does not.
        QCOMPARE(
            control("POST", QStringLiteral("expire-nextlinks"), {{QStringLiteral("afterPages"), 2}}).status,
            204);
        const HttpResult page1 = m_client->invoke(tenant(), m_admin, all, {}, 10);
        const QUrl link1(page1.json().value(QStringLiteral("@odata.nextLink")).toString());
        const HttpResult page2 = m_client->invokeUrl(link1, m_admin, sameBody, 10);
        QCOMPARE(page2.status, 200);
        const QUrl link2(page2.json().value(QStringLiteral("@odata.nextLink")).toString());
        QVERIFY(link2.isValid());
        QCOMPARE(m_client->invokeUrl(link2, m_admin, sameBody, 10).status, 400);

        const QUrl garbage = m_client->url(
            QStringLiteral("/adminapi/beta/%1/InvokeCommand?%24skiptoken=nonsense").arg(tenant()));
        QCOMPARE(m_client->invokeUrl(garbage, m_admin, sameBody)
                     .json()
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("message"))
                     .toString(),
                 kPagingError);
    }

    void selectTrimsPropertiesAndSurvivesPaging()
    {
        const HttpResult page =
            m_client->invoke(tenant(), m_admin, EmulatorTestClient::cmdlet(QStringLiteral("Get-CASMailbox")),
                             QStringLiteral("?$select=Guid,DisplayName"), 20);
        QCOMPARE(page.status, 200);
        const QJsonObject row = page.json().value(QStringLiteral("value")).toArray().first().toObject();
        for (const QString &key : row.keys())
            QVERIFY2(key.startsWith(QLatin1String("Guid")) || key == QLatin1String("DisplayName"),
                     qPrintable(key));
        QVERIFY(row.contains(QStringLiteral("Guid")));
        QVERIFY(row.contains(QStringLiteral("DisplayName")));
        QVERIFY(!row.contains(QStringLiteral("PrimarySmtpAddress")));
        const QString link = page.json().value(QStringLiteral("@odata.nextLink")).toString();
        QVERIFY(link.contains(QLatin1String("select")));
        const HttpResult second = m_client->invokeUrl(
            QUrl(link), m_admin,
            QJsonDocument(EmulatorTestClient::cmdlet(QStringLiteral("Get-CASMailbox"))).toJson(), 20);
        QCOMPARE(second.status, 200);
        QVERIFY(!second.json()
                     .value(QStringLiteral("value"))
                     .toArray()
                     .first()
                     .toObject()
                     .contains(QStringLiteral("PopEnabled")));
    }

    void objectsCarrySidecarsAndIntactUtf8()
    {
        const HttpResult page =
            m_client->invoke(tenant(), m_admin, EmulatorTestClient::cmdlet(QStringLiteral("Get-CASMailbox")));
        const QJsonObject envelope = page.json();
        QCOMPARE(envelope.value(QStringLiteral("adminapi.warnings@odata.type")).toString(),
                 QStringLiteral("#Collection(String)"));
        QVERIFY(envelope.value(QStringLiteral("@odata.context"))
                    .toString()
                    .contains(QLatin1String("$metadata#")));
        QVERIFY(envelope.value(QStringLiteral("@adminapi.warnings")).toArray().isEmpty());
        const QJsonArray rows = envelope.value(QStringLiteral("value")).toArray();
        QCOMPARE(rows.size(), 50);
        const QList<EmulatorMailbox> truth = m_server->mailboxes();
        bool sawNonAscii = false;
        for (int i = 0; i < rows.size(); ++i) {
            const QJsonObject row = rows.at(i).toObject();
            QCOMPARE(row.value(QStringLiteral("Guid@data.type")).toString(), QStringLiteral("System.Guid"));
            QCOMPARE(row.value(QStringLiteral("Guid@odata.type")).toString(), QStringLiteral("#Guid"));
            QVERIFY(row.contains(QStringLiteral("PopEnabled@odata.type")));
            QVERIFY(row.contains(QStringLiteral("SmtpClientAuthenticationDisabled")));
            QCOMPARE(row.value(QStringLiteral("Identity")).toString(),
                     row.value(QStringLiteral("Name")).toString());
            const EmulatorMailbox &m = truth.at(i);
            QCOMPARE(row.value(QStringLiteral("DisplayName")).toString(), m.displayName);
            QCOMPARE(row.value(QStringLiteral("PrimarySmtpAddress")).toString(), m.primarySmtpAddress);
            QCOMPARE(row.value(QStringLiteral("ExternalDirectoryObjectId")).toString(),
                     m.externalDirectoryObjectId.toString(QUuid::WithoutBraces));
            QCOMPARE(row.value(QStringLiteral("SmtpClientAuthenticationDisabled")),
                     overrideToWire(m.smtpClientAuthentication));
            for (const QChar c : m.displayName)
                sawNonAscii |= c.unicode() > 127;
        }
        QVERIFY(sawNonAscii);
    }

    // Get-CASMailbox lists every proxy address of a mailbox in EmailAddresses (a typed collection with
    // its sidecars), the primary "SMTP:" one first; $select=Guid,EmailAddresses gives just those, on
    // every page; a selection without it leaves it out.
    void emailAddressesAreListedAndSelectable()
    {
        const HttpResult page =
            m_client->invoke(tenant(), m_admin, EmulatorTestClient::cmdlet(QStringLiteral("Get-CASMailbox")),
                             QStringLiteral("?$select=Guid,EmailAddresses"), 20);
        QCOMPARE(page.status, 200);
        QJsonArray rows = page.json().value(QStringLiteral("value")).toArray();
        QString link = page.json().value(QStringLiteral("@odata.nextLink")).toString();
        QVERIFY(link.contains(QLatin1String("EmailAddresses")));
        while (!link.isEmpty()) {
            const HttpResult next = m_client->invokeUrl(
                QUrl(link), m_admin,
                QJsonDocument(EmulatorTestClient::cmdlet(QStringLiteral("Get-CASMailbox"))).toJson(), 20);
            QCOMPARE(next.status, 200);
            for (const QJsonValue &row : next.json().value(QStringLiteral("value")).toArray())
                rows.append(row);
            link = next.json().value(QStringLiteral("@odata.nextLink")).toString();
        }
        QCOMPARE(rows.size(), 50);
        const QList<EmulatorMailbox> truth = m_server->mailboxes();
        int withSecondary = 0;
        int withOtherKinds = 0;
        for (int i = 0; i < rows.size(); ++i) {
            const QJsonObject row = rows.at(i).toObject();
            for (const QString &key : row.keys())
                QVERIFY2(key.startsWith(QLatin1String("Guid")) ||
                             key.startsWith(QLatin1String("EmailAddresses")),
                         qPrintable(key));
            QCOMPARE(row.value(QStringLiteral("EmailAddresses@odata.type")).toString(),
                     QStringLiteral("#Collection(String)"));
            QVERIFY(row.contains(QStringLiteral("EmailAddresses@data.type")));
            const QJsonArray addresses = row.value(QStringLiteral("EmailAddresses")).toArray();
            const EmulatorMailbox &m = truth.at(i);
            QCOMPARE(row.value(QStringLiteral("Guid")).toString(), m.guid.toString(QUuid::WithoutBraces));
            QCOMPARE(addresses.first().toString(), QStringLiteral("SMTP:") + m.primarySmtpAddress);
            QStringList listed;
            for (const QJsonValue &address : addresses) {
                QVERIFY(address.isString());
                listed.append(address.toString());
            }
            QCOMPARE(listed, m.emailAddresses);
            // Exactly one primary; secondaries in lower-case "smtp:"; other kinds are not SMTP at all.
            QCOMPARE(listed.filter(QRegularExpression(QStringLiteral("^SMTP:"))).size(), 1);
            withSecondary += listed.filter(QRegularExpression(QStringLiteral("^smtp:"))).isEmpty() ? 0 : 1;
            withOtherKinds +=
                listed.filter(QRegularExpression(QStringLiteral("^(X500|SPO|SIP):"))).isEmpty() ? 0 : 1;
        }
        QVERIFY2(withSecondary > 0 && withSecondary < 50, qPrintable(QString::number(withSecondary)));
        QVERIFY(withOtherKinds > 0);

        const HttpResult without =
            m_client->invoke(tenant(), m_admin, EmulatorTestClient::cmdlet(QStringLiteral("Get-CASMailbox")),
                             QStringLiteral("?$select=Guid,PrimarySmtpAddress"));
        const QJsonObject first = without.json().value(QStringLiteral("value")).toArray().first().toObject();
        QVERIFY(!first.contains(QStringLiteral("EmailAddresses")));
        QVERIFY(!first.contains(QStringLiteral("EmailAddresses@odata.type")));
        // No $select: every property, EmailAddresses among them.
        const HttpResult all =
            m_client->invoke(tenant(), m_admin, EmulatorTestClient::cmdlet(QStringLiteral("Get-CASMailbox")));
        QVERIFY(all.json()
                    .value(QStringLiteral("value"))
                    .toArray()
                    .first()
                    .toObject()
                    .value(QStringLiteral("EmailAddresses"))
                    .isArray());
    }

    void resultSizeTruncationWarning_data()
    {
        QTest::addColumn<QJsonValue>("resultSize");
        QTest::addColumn<int>("expectedRows");
        QTest::addColumn<bool>("warned");
        QTest::newRow("10 of 50") << QJsonValue(10) << 10 << true;
        QTest::newRow("\"12\" of 50") << QJsonValue(QStringLiteral("12")) << 12 << true;
        QTest::newRow("Unlimited") << QJsonValue(QStringLiteral("Unlimited")) << 50 << false;
        QTest::newRow("default 1000") << QJsonValue(QJsonValue::Undefined) << 50 << false;
        QTest::newRow("exactly 50") << QJsonValue(50) << 50 << false;
    }
    void resultSizeTruncationWarning()
    {
        QFETCH(QJsonValue, resultSize);
        QFETCH(int, expectedRows);
        QFETCH(bool, warned);
        QJsonObject parameters;
        if (!resultSize.isUndefined())
            parameters.insert(QStringLiteral("ResultSize"), resultSize);
        const QByteArray body =
            QJsonDocument(EmulatorTestClient::cmdlet(QStringLiteral("Get-CASMailbox"), parameters)).toJson();
        QUrl next = m_client->url(QStringLiteral("/adminapi/beta/%1/InvokeCommand").arg(tenant()));
        int rows = 0;
        QStringList warnings;
        while (next.isValid() && warnings.size() < 100 && rows < 1000) {
            const QJsonObject page = m_client->invokeUrl(next, m_admin, body, 7).json();
            rows += page.value(QStringLiteral("value")).toArray().size();
            for (const QJsonValue &w : page.value(QStringLiteral("@adminapi.warnings")).toArray())
                warnings.append(w.toString());
            const QString link = page.value(QStringLiteral("@odata.nextLink")).toString();
            next = link.isEmpty() ? QUrl() : QUrl(link);
        }
        QCOMPARE(rows, expectedRows);
        QCOMPARE(warnings.contains(kTruncationWarning), warned);
    }

    void identityNullReturnsEverything()
    {
        const HttpResult result = m_client->invoke(
            tenant(), m_admin,
            EmulatorTestClient::cmdlet(QStringLiteral("Get-CASMailbox"),
                                       params({{QStringLiteral("Identity"), QJsonValue(QJsonValue::Null)}})));
        QCOMPARE(result.status, 200);
        QCOMPARE(result.json().value(QStringLiteral("value")).toArray().size(), 50);
    }

    void getByIdentity_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("Guid") << 0;
        QTest::newRow("ExternalDirectoryObjectId") << 1;
        QTest::newRow("PrimarySmtpAddress upper case") << 2;
        QTest::newRow("Name") << 3;
    }
    void getByIdentity()
    {
        QFETCH(int, kind);
        const EmulatorMailbox m = m_server->mailboxes().at(17);
        const QString identity = kind == 0   ? m.guid.toString(QUuid::WithoutBraces)
                                 : kind == 1 ? m.externalDirectoryObjectId.toString(QUuid::WithoutBraces)
                                 : kind == 2 ? m.primarySmtpAddress.toUpper()
                                             : m.name;
        const HttpResult result =
            m_client->invoke(tenant(), m_admin,
                             EmulatorTestClient::cmdlet(QStringLiteral("Get-CASMailbox"),
                                                        params({{QStringLiteral("Identity"), identity}})));
        QCOMPARE(result.status, 200);
        const QJsonArray rows = result.json().value(QStringLiteral("value")).toArray();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().toObject().value(QStringLiteral("Guid")).toString(),
                 m.guid.toString(QUuid::WithoutBraces));
    }

    void setReportsNoOpAndChangesTruth()
    {
        const EmulatorMailbox m = m_server->mailboxes().at(3);
        const QString guid = m.guid.toString(QUuid::WithoutBraces);
        const QJsonValue current = overrideToWire(m.smtpClientAuthentication);
        const QJsonObject same = EmulatorTestClient::cmdlet(
            QStringLiteral("Set-CASMailbox"),
            params({{QStringLiteral("Identity"), guid},
                    {QStringLiteral("SmtpClientAuthenticationDisabled"), current}}));
        const HttpResult noop = m_client->invoke(tenant(), m_admin, same);
        QCOMPARE(noop.status, 200);
        const QJsonArray warnings = noop.json().value(QStringLiteral("@adminapi.warnings")).toArray();
        QCOMPARE(warnings.size(), 1);
        QVERIFY(warnings.first().toString().startsWith(
            QLatin1String("The command completed successfully but no settings of '")));
        QVERIFY(warnings.first().toString().endsWith(QLatin1String("' have been modified.")));

        QSignalSpy changed(m_server.get(), &EmulatorServer::tenantChanged);
        for (const QJsonValue &value : {QJsonValue(false), QJsonValue(true), QJsonValue(QJsonValue::Null)}) {
            if (value == current)
                continue;
            const HttpResult set =
                m_client->invoke(tenant(), m_admin,
                                 EmulatorTestClient::cmdlet(
                                     QStringLiteral("Set-CASMailbox"),
                                     params({{QStringLiteral("Identity"), guid},
                                             {QStringLiteral("SmtpClientAuthenticationDisabled"), value}})));
            QCOMPARE(set.status, 200);
            QVERIFY(set.json().value(QStringLiteral("@adminapi.warnings")).toArray().isEmpty());
            QCOMPARE(overrideToWire(m_server->mailboxes().at(3).smtpClientAuthentication), value);
        }
        QCOMPARE(changed.size(), 2);
    }

    void errorEnvelopes_data()
    {
        QTest::addColumn<QString>("cmdlet");
        QTest::addColumn<QJsonObject>("parameters");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("messageContains");
        QTest::newRow("unknown identity Get")
            << QStringLiteral("Get-CASMailbox")
            << params({{QStringLiteral("Identity"), QStringLiteral("ghost@nowhere.example")}}) << 404
            << QStringLiteral("NotFound")
            << QStringLiteral("object 'ghost@nowhere.example' couldn't be found");
        QTest::newRow("unknown identity Set")
            << QStringLiteral("Set-CASMailbox")
            << params({{QStringLiteral("Identity"), QStringLiteral("ghost")},
                       {QStringLiteral("SmtpClientAuthenticationDisabled"), true}})
            << 404 << QStringLiteral("NotFound") << QStringLiteral("couldn't be found");
        QTest::newRow("unknown cmdlet") << QStringLiteral("Remove-Mailbox") << QJsonObject() << 400
                                        << QStringLiteral("BadRequest") << QStringLiteral("Remove-Mailbox");
        QTest::newRow("unknown parameter")
            << QStringLiteral("Get-CASMailbox") << params({{QStringLiteral("Bogus"), 1}}) << 400
            << QStringLiteral("BadRequest") << QStringLiteral("'Bogus'");
        QTest::newRow("wrong type") << QStringLiteral("Set-CASMailbox")
                                    << params({{QStringLiteral("Identity"), QStringLiteral("x")},
                                               {QStringLiteral("SmtpClientAuthenticationDisabled"),
                                                QStringLiteral("yes")}})
                                    << 400 << QStringLiteral("BadRequest")
                                    << QStringLiteral("SmtpClientAuthenticationDisabled");
        QTest::newRow("Set without Identity")
            << QStringLiteral("Set-CASMailbox")
            << params({{QStringLiteral("SmtpClientAuthenticationDisabled"), true}}) << 400
            << QStringLiteral("BadRequest") << QStringLiteral("Identity");
        QTest::newRow("org null") << QStringLiteral("Set-TransportConfig")
                                  << params({{QStringLiteral("SmtpClientAuthenticationDisabled"),
                                              QJsonValue(QJsonValue::Null)}})
                                  << 400 << QStringLiteral("BadRequest") << QStringLiteral("null");
    }
    void errorEnvelopes()
    {
        QFETCH(QString, cmdlet);
        QFETCH(QJsonObject, parameters);
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(QString, messageContains);
        const HttpResult result =
            m_client->invoke(tenant(), m_admin, EmulatorTestClient::cmdlet(cmdlet, parameters));
        QCOMPARE(result.status, status);
        const QJsonObject envelope = result.json();
        const QJsonObject error = envelope.value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toString(), code);
        QCOMPARE(error.value(QStringLiteral("message")).toString(), QStringLiteral("Error executing cmdlet"));
        const QString detail = error.value(QStringLiteral("details"))
                                   .toArray()
                                   .first()
                                   .toObject()
                                   .value(QStringLiteral("message"))
                                   .toString();
        QCOMPARE(detail.count(QLatin1Char('|')), 2);
        QVERIFY2(humanMessage(envelope).contains(messageContains), qPrintable(detail));
        QCOMPARE(error.value(QStringLiteral("innererror"))
                     .toObject()
                     .value(QStringLiteral("internalexception"))
                     .toObject()
                     .value(QStringLiteral("message"))
                     .toString(),
                 humanMessage(envelope));
        QVERIFY(envelope.value(QStringLiteral("@adminapi.warnings")).isArray());
        if (status == 404)
            QVERIFY(detail.startsWith(QLatin1String(
                "Ex6F9304|Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException|")));
    }

    void malformedRequests_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<int>("status");
        QTest::newRow("Parameters is an array")
            << QByteArray(R"({"CmdletInput":{"CmdletName":"Get-CASMailbox","Parameters":[]}})")
            << QByteArray("application/json") << 400;
        QTest::newRow("Parameters missing")
            << QByteArray(R"({"CmdletInput":{"CmdletName":"Get-CASMailbox"}})")
            << QByteArray("application/json") << 400;
        QTest::newRow("no CmdletInput")
            << QByteArray(R"({"CmdletName":"Get-CASMailbox"})") << QByteArray("application/json") << 400;
        QTest::newRow("not JSON") << QByteArray("Get-CASMailbox") << QByteArray("application/json") << 400;
        QTest::newRow("text/plain")
            << QByteArray(R"({"CmdletInput":{"CmdletName":"Get-CASMailbox","Parameters":{}}})")
            << QByteArray("text/plain") << 415;
    }
    void malformedRequests()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(int, status);
        const HttpResult result = m_client->invokeUrl(
            m_client->url(QStringLiteral("/adminapi/beta/%1/InvokeCommand").arg(tenant())), m_admin, body, 0,
            {}, contentType);
        QCOMPARE(result.status, status);
    }

    void methodVersionAndAuthChecks()
    {
        QCOMPARE(m_client
                     ->get(m_client->url(QStringLiteral("/adminapi/beta/%1/InvokeCommand").arg(tenant())),
                           {{"Authorization", "Bearer " + m_admin}})
                     .status,
                 405);
        const QByteArray body =
            QJsonDocument(EmulatorTestClient::cmdlet(QStringLiteral("Get-TransportConfig"))).toJson();
        QCOMPARE(
            m_client
                ->invokeUrl(m_client->url(QStringLiteral("/adminapi/v1.0/%1/InvokeCommand").arg(tenant())),
                            m_admin, body)
                .status,
            405);
        const HttpResult noToken = m_client->invoke(
            tenant(), QByteArray(), EmulatorTestClient::cmdlet(QStringLiteral("Get-TransportConfig")));
        QCOMPARE(noToken.status, 401);
        QVERIFY(noToken.header("www-authenticate").startsWith("Bearer"));
        QCOMPARE(m_client
                     ->invoke(tenant(), "garbled",
                              EmulatorTestClient::cmdlet(QStringLiteral("Get-TransportConfig")))
                     .status,
                 401);
        QCOMPARE(m_client
                     ->invoke(QStringLiteral("fabrikam.onmicrosoft.com"), m_admin,
                              EmulatorTestClient::cmdlet(QStringLiteral("Get-TransportConfig")))
                     .status,
                 401);
        QCOMPARE(m_client
                     ->invoke(m_server->tenantId().toString(QUuid::WithoutBraces), m_admin,
                              EmulatorTestClient::cmdlet(QStringLiteral("Get-TransportConfig")))
                     .status,
                 200);
    }

    void transportConfigReadsAndWrites()
    {
        const HttpResult get = m_client->invoke(
            tenant(), m_admin, EmulatorTestClient::cmdlet(QStringLiteral("Get-TransportConfig")));
        const QJsonObject config = get.json().value(QStringLiteral("value")).toArray().first().toObject();
        QCOMPARE(config.value(QStringLiteral("SmtpClientAuthenticationDisabled")), QJsonValue(true));
        QVERIFY(config.contains(QStringLiteral("AllowLegacyTLSClients")));
        QVERIFY(config.value(QStringLiteral("Identity"))
                    .toString()
                    .contains(QLatin1String("Transport Settings")));
        QCOMPARE(m_client
                     ->invoke(tenant(), m_admin,
                              EmulatorTestClient::cmdlet(
                                  QStringLiteral("Set-TransportConfig"),
                                  params({{QStringLiteral("SmtpClientAuthenticationDisabled"), false}})))
                     .status,
                 200);
        QCOMPARE(m_server->orgSetting(), OrgSetting::Enabled);
    }

    void batchLimitsAndSubResponses()
    {
        const QString invokeUrl = m_server->baseUrl().toString() + QStringLiteral("/adminapi/beta/") +
                                  tenant() + QStringLiteral("/InvokeCommand");
        auto request = [&invokeUrl](int id, const QJsonObject &cmdlet) {
            return QJsonObject{{QStringLiteral("id"), QString::number(id)},
                               {QStringLiteral("method"), QStringLiteral("POST")},
                               {QStringLiteral("url"), invokeUrl},
                               {QStringLiteral("headers"), QJsonObject{{QStringLiteral("Content-Type"),
                                                                        QStringLiteral("application/json")}}},
                               {QStringLiteral("body"), cmdlet}};
        };
        QJsonArray eleven;
        for (int i = 1; i <= 11; ++i)
            eleven.append(request(i, EmulatorTestClient::cmdlet(QStringLiteral("Get-TransportConfig"))));
        const QUrl batchUrl = m_client->url(QStringLiteral("/adminapi/beta/%1/$batch").arg(tenant()));
        QCOMPARE(m_client
                     ->invokeUrl(batchUrl, m_admin,
                                 QJsonDocument(QJsonObject{{QStringLiteral("requests"), eleven}}).toJson())
                     .status,
                 400);

        const QString guid = m_server->mailboxes().at(5).guid.toString(QUuid::WithoutBraces);
        const QJsonArray three{
            request(1, EmulatorTestClient::cmdlet(QStringLiteral("Get-TransportConfig"))),
            request(2, EmulatorTestClient::cmdlet(
                           QStringLiteral("Set-CASMailbox"),
                           params({{QStringLiteral("Identity"), QStringLiteral("ghost")},
                                   {QStringLiteral("SmtpClientAuthenticationDisabled"), true}}))),
            request(3, EmulatorTestClient::cmdlet(QStringLiteral("Get-CASMailbox"),
                                                  params({{QStringLiteral("Identity"), guid}}))),
        };
        const QUrl encodedBatchUrl =
            QUrl::fromEncoded("http://127.0.0.1:" + QByteArray::number(m_server->port()) + "/adminapi/beta/" +
                              tenant().toLatin1() + "/%24batch");
        for (const QUrl &url : {batchUrl, encodedBatchUrl}) {
            const HttpResult result = m_client->invokeUrl(
                url, m_admin, QJsonDocument(QJsonObject{{QStringLiteral("requests"), three}}).toJson());
            QCOMPARE(result.status, 200);
            const QJsonArray responses = result.json().value(QStringLiteral("responses")).toArray();
            QCOMPARE(responses.size(), 3);
            QHash<QString, QJsonObject> byId;
            for (const QJsonValue &r : responses)
                byId.insert(r.toObject().value(QStringLiteral("id")).toString(), r.toObject());
            QCOMPARE(byId.value(QStringLiteral("1")).value(QStringLiteral("status")).toInt(), 200);
            QCOMPARE(byId.value(QStringLiteral("2")).value(QStringLiteral("status")).toInt(), 404);
            QVERIFY(humanMessage(byId.value(QStringLiteral("2")).value(QStringLiteral("body")).toObject())
                        .contains(QLatin1String("ghost")));
            QCOMPARE(byId.value(QStringLiteral("3")).value(QStringLiteral("status")).toInt(), 200);
            QCOMPARE(byId.value(QStringLiteral("3"))
                         .value(QStringLiteral("body"))
                         .toObject()
                         .value(QStringLiteral("value"))
                         .toArray()
                         .first()
                         .toObject()
                         .value(QStringLiteral("Guid"))
                         .toString(),
                     guid);
        }
    }

    void sameSeedSameTenant()
    {
        EmulatorOptions options;
        options.mailboxCount = 300;
        options.seed = 42;
        EmulatorServer a(options), b(options);
        QVERIFY(a.start());
        QVERIFY(b.start());
        QCOMPARE(a.tenantId(), b.tenantId());
        QCOMPARE(a.mailboxes(), b.mailboxes());
        options.seed = 43;
        EmulatorServer c(options);
        QVERIFY(c.start());
        QVERIFY(a.mailboxes() != c.mailboxes());
        QVERIFY(a.tenantId() != c.tenantId());
        QSet<QString> addresses;
        QSet<QUuid> ids;
        for (const EmulatorMailbox &m : a.mailboxes()) {
            addresses.insert(m.primarySmtpAddress.toLower());
            ids.insert(m.guid);
            ids.insert(m.externalDirectoryObjectId);
            for (const QChar ch : m.primarySmtpAddress)
                QVERIFY(ch.unicode() < 128);
        }
        QCOMPARE(addresses.size(), 300);
        QCOMPARE(ids.size(), 600);
    }

    // While one request is in flight (its answer held by the script until released), the others are
    // answered with the plain-text concurrency 429; the held one then gets its 200.
    void concurrencyLimitAnswers429()
    {
        m_server->setConcurrencyLimit(1);
        m_server->setFaultScript({[] {
            EmulatorFault hold;
            hold.hold = true;
            return hold;
        }()});
        QNetworkAccessManager nam;
        const auto send = [&] {
            QNetworkRequest request(
                m_client->url(QStringLiteral("/adminapi/beta/%1/InvokeCommand").arg(tenant())));
            request.setRawHeader("Authorization", "Bearer " + m_admin);
            request.setRawHeader("Content-Type", "application/json");
            return nam.post(
                request,
                QJsonDocument(EmulatorTestClient::cmdlet(QStringLiteral("Get-TransportConfig"))).toJson());
        };
        std::unique_ptr<QNetworkReply> first(send());
        QTRY_COMPARE_WITH_TIMEOUT(m_server->heldRequests().size(), 1, 30000);
        std::unique_ptr<QNetworkReply> second(send());
        std::unique_ptr<QNetworkReply> third(send());
        QTRY_VERIFY_WITH_TIMEOUT(second->isFinished() && third->isFinished(), 30000);
        QVERIFY(!first->isFinished());
        for (QNetworkReply *reply : {second.get(), third.get()}) {
            QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 429);
            QCOMPARE(reply->readAll(),
                     QByteArray("You have reached the maximum number of concurrent requests per tenant. "
                                "Please wait and try again."));
        }
        QCOMPARE(m_server->releaseAllHeld(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(first->isFinished(), 30000);
        QCOMPARE(first->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(m_server->stats().maxInFlight, 1);
        QCOMPARE(m_server->stats().throttledByConcurrency, 2);
    }

    void faultScriptIsAppliedInOrder()
    {
        const QJsonObject script{
            {QStringLiteral("script"),
             QJsonArray{
                 QJsonObject{{QStringLiteral("status"), 429}, {QStringLiteral("retryAfter"), 1}},
                 QJsonObject{{QStringLiteral("status"), 503}},
                 // QNAM resends a request whose connection closed before any answer byte (twice), so it takes
                 // three drops in a row for the client to see the failure.
                 QJsonObject{{QStringLiteral("drop"), true}},
                 QJsonObject{{QStringLiteral("drop"), true}},
                 QJsonObject{{QStringLiteral("drop"), true}},
                 QJsonObject{{QStringLiteral("status"), 200}, {QStringLiteral("truncateBody"), true}},
             }}};
        QCOMPARE(control("POST", QStringLiteral("faults"), script).status, 204);
        const QJsonObject body = EmulatorTestClient::cmdlet(QStringLiteral("Get-CASMailbox"));
        const HttpResult throttled = m_client->invoke(tenant(), m_admin, body, {}, 0, "id-1");
        QCOMPARE(throttled.status, 429);
        QCOMPARE(throttled.header("retry-after"), QByteArray("1"));
        QCOMPARE(m_client->invoke(tenant(), m_admin, body, {}, 0, "id-1").status, 503);
        m_client->resetConnections();
        const HttpResult dropped = m_client->invoke(tenant(), m_admin, body, {}, 0, "id-1");
        QCOMPARE(dropped.status, 0);
        QVERIFY(dropped.error != QNetworkReply::NoError);
        m_client->resetConnections();
        const HttpResult truncated = m_client->invoke(tenant(), m_admin, body, {}, 0, "id-1");
        QVERIFY(truncated.error != QNetworkReply::NoError ||
                QJsonDocument::fromJson(truncated.body).isNull());
        const HttpResult fine = m_client->invoke(tenant(), m_admin, body, {}, 0, "id-2");
        QCOMPARE(fine.status, 200);
        QCOMPARE(fine.json().value(QStringLiteral("value")).toArray().size(), 50);

        const QJsonObject stats = control("GET", QStringLiteral("stats")).json();
        QCOMPARE(stats.value(QStringLiteral("apiRequests")).toInt(), 7);
        QJsonArray expectedIds;
        for (int i = 0; i < 6; ++i)
            expectedIds.append(QStringLiteral("id-1"));
        expectedIds.append(QStringLiteral("id-2"));
        QCOMPARE(stats.value(QStringLiteral("clientRequestIds")).toArray(), expectedIds);
        QCOMPARE(m_server->pendingFaults(), 0);
    }

    void controlEndpointsNeedTheKey()
    {
        QCOMPARE(m_client->get(m_client->url(QStringLiteral("/_emulator/tenant"))).status, 404);
        QCOMPARE(
            m_client
                ->get(m_client->url(QStringLiteral("/_emulator/tenant")), {{"X-Emulator-Control", "wrong"}})
                .status,
            404);
        const QJsonObject truth = control("GET", QStringLiteral("tenant")).json();
        QCOMPARE(truth.value(QStringLiteral("tenantId")).toString(),
                 m_server->tenantId().toString(QUuid::WithoutBraces));
        QCOMPARE(truth.value(QStringLiteral("org")), QJsonValue(true));
        QCOMPARE(truth.value(QStringLiteral("mailboxes")).toArray().size(), 50);

        const QString guid = m_server->mailboxes().at(9).guid.toString(QUuid::WithoutBraces);
        QCOMPARE(control("POST", QStringLiteral("set-mailbox"),
                         QJsonObject{{QStringLiteral("identity"), guid},
                                     {QStringLiteral("SmtpClientAuthenticationDisabled"), false}})
                     .status,
                 204);
        QCOMPARE(m_server->mailboxes().at(9).smtpClientAuthentication, Override::Enabled);
    }

    void stateFileSurvivesRestart()
    {
        QTemporaryDir dir;
        EmulatorOptions options;
        options.mailboxCount = 12;
        options.stateFile = dir.filePath(QStringLiteral("tenant.json"));
        QString guid;
        {
            EmulatorServer first(options);
            QVERIFY(first.start());
            guid = first.mailboxes().at(4).guid.toString(QUuid::WithoutBraces);
            EmulatorTestClient client(first.baseUrl());
            const QByteArray token =
                client.accessTokenFor(first.tenantDomain(), first.adminUserPrincipalName());
            const Override next = first.mailboxes().at(4).smtpClientAuthentication == Override::Enabled
                                      ? Override::Disabled
                                      : Override::Enabled;
            QCOMPARE(client
                         .invoke(first.tenantDomain(), token,
                                 EmulatorTestClient::cmdlet(
                                     QStringLiteral("Set-CASMailbox"),
                                     params({{QStringLiteral("Identity"), guid},
                                             {QStringLiteral("SmtpClientAuthenticationDisabled"),
                                              overrideToWire(next)}})))
                         .status,
                     200);
        }
        options.seed = 999; // ignored: the saved tenant wins
        EmulatorServer second(options);
        QVERIFY(second.start());
        QCOMPARE(second.mailboxes().at(4).guid.toString(QUuid::WithoutBraces), guid);
        QVERIFY(second.mailboxes().at(4).smtpClientAuthentication != Override::Inherit);
        // The proxy addresses are kept in the state file too (the seed above would give others).
        EmulatorOptions fresh;
        fresh.mailboxCount = 12;
        EmulatorServer seeded(fresh);
        QVERIFY(seeded.start());
        QCOMPARE(seeded.mailboxes().size(), 12);
        for (int i = 0; i < 12; ++i)
            QCOMPARE(second.mailboxes().at(i).emailAddresses, seeded.mailboxes().at(i).emailAddresses);
    }
};

QTEST_GUILESS_MAIN(TestEmulatorInvokeCommand)
#include "test_emulatorinvokecommand.moc"
