// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// The emulated Microsoft identity platform, seen from exchange-protocol.md §6: code + PKCE S256,
// loopback redirects only, state passthrough, single-use codes, rotating refresh tokens.
#include "emulator/emulatorserver.h"
#include "emulatortestclient.h"

#include <QJsonArray>
#include <QTest>

using namespace smtpauth;
using namespace smtpauth::test;

class TestEmulatorIdentity : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<EmulatorServer> m_server;
    std::unique_ptr<EmulatorTestClient> m_client;
    QString tenant() const { return m_server->tenantDomain(); }
    QString admin() const { return m_server->adminUserPrincipalName(); }

private Q_SLOTS:
    void init()
    {
        EmulatorOptions options;
        options.mailboxCount = 20;
        m_server = std::make_unique<EmulatorServer>(options);
        QVERIFY(m_server->start());
        m_client = std::make_unique<EmulatorTestClient>(m_server->baseUrl());
    }
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    void approvesKnownUserAndPassesStateThrough_data()
    {
        QTest::addColumn<QString>("tenantSegment");
        QTest::addColumn<QString>("state");
        QTest::newRow("organizations") << QStringLiteral("organizations") << QStringLiteral("s1");
        QTest::newRow("domain, odd state")
            << QStringLiteral("contoso.onmicrosoft.com") << QStringLiteral("a b&c=d/é+");
        QTest::newRow("tenant guid") << QString() << QStringLiteral("xyz");
    }
    void approvesKnownUserAndPassesStateThrough()
    {
        QFETCH(QString, tenantSegment);
        QFETCH(QString, state);
        if (tenantSegment.isEmpty())
            tenantSegment = m_server->tenantId().toString(QUuid::WithoutBraces);
        const QByteArray verifier = EmulatorTestClient::newVerifier();
        const HttpResult result = m_client->authorize(
            tenantSegment,
            m_client->authorizeQuery(EmulatorTestClient::challengeFor(verifier), admin(), state));
        QCOMPARE(result.status, 302);
        const QUrl location = QUrl::fromEncoded(result.header("location"));
        QCOMPARE(location.host(), QStringLiteral("localhost"));
        QCOMPARE(location.port(), 53682);
        QCOMPARE(location.path(), QStringLiteral("/callback"));
        const QUrlQuery query(location);
        QCOMPARE(query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded), state);
        QVERIFY(!query.queryItemValue(QStringLiteral("code")).isEmpty());
        QVERIFY(!query.hasQueryItem(QStringLiteral("error")));
    }

    void pickerPageListsDemoUsers()
    {
        const HttpResult result = m_client->authorize(
            tenant(), m_client->authorizeQuery(EmulatorTestClient::challengeFor("v"), QString()));
        QCOMPARE(result.status, 200);
        QVERIFY(result.header("content-type").startsWith("text/html"));
        const QStringList users = m_server->demoUserPrincipalNames();
        QCOMPARE(users.size(), 4);
        for (const QString &user : users)
            QVERIFY2(result.body.contains(QUrl::toPercentEncoding(user)), qPrintable(user));
    }

    void authorizeRejects_data()
    {
        QTest::addColumn<QString>("dropItem");
        QTest::addColumn<QString>("setItem");
        QTest::addColumn<QString>("setValue");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("error"); // empty: must not redirect
        QTest::newRow("missing challenge") << QStringLiteral("code_challenge") << QString() << QString()
                                           << 302 << QStringLiteral("invalid_request");
        QTest::newRow("plain method") << QString() << QStringLiteral("code_challenge_method")
                                      << QStringLiteral("plain") << 302 << QStringLiteral("invalid_request");
        QTest::newRow("no exchange scope")
            << QString() << QStringLiteral("scope") << QStringLiteral("openid%20offline_access") << 302
            << QStringLiteral("invalid_scope");
        QTest::newRow("unknown login hint")
            << QString() << QStringLiteral("login_hint") << QStringLiteral("nobody%40contoso.onmicrosoft.com")
            << 302 << QStringLiteral("access_denied");
        QTest::newRow("https redirect elsewhere")
            << QString() << QStringLiteral("redirect_uri")
            << QStringLiteral("https%3A%2F%2Fevil.example%2Fcb") << 400 << QString();
        QTest::newRow("non-loopback http")
            << QString() << QStringLiteral("redirect_uri")
            << QStringLiteral("http%3A%2F%2F10.0.0.1%3A8080%2Fcb") << 400 << QString();
        QTest::newRow("ipv6 loopback")
            << QString() << QStringLiteral("redirect_uri")
            << QStringLiteral("http%3A%2F%2F%5B%3A%3A1%5D%3A8080%2Fcb") << 400 << QString();
        QTest::newRow("missing redirect")
            << QStringLiteral("redirect_uri") << QString() << QString() << 400 << QString();
    }
    void authorizeRejects()
    {
        QFETCH(QString, dropItem);
        QFETCH(QString, setItem);
        QFETCH(QString, setValue);
        QFETCH(int, status);
        QFETCH(QString, error);
        QUrlQuery query = m_client->authorizeQuery(EmulatorTestClient::challengeFor("verifier"), admin(),
                                                   QStringLiteral("st"));
        if (!dropItem.isEmpty()) {
            query.removeAllQueryItems(dropItem);
            if (dropItem == QLatin1String("code_challenge"))
                query.removeAllQueryItems(QStringLiteral("code_challenge_method"));
        }
        if (!setItem.isEmpty()) {
            query.removeAllQueryItems(setItem);
            query.addQueryItem(setItem, setValue);
        }
        const HttpResult result = m_client->authorize(tenant(), query);
        QCOMPARE(result.status, status);
        if (error.isEmpty()) {
            QVERIFY(result.header("location").isEmpty());
            return;
        }
        const QUrlQuery location = EmulatorTestClient::locationQuery(result);
        QCOMPARE(location.queryItemValue(QStringLiteral("error")), error);
        QVERIFY(location.queryItemValue(QStringLiteral("error_description"), QUrl::FullyDecoded)
                    .startsWith(QLatin1String("AADSTS")));
        QCOMPARE(location.queryItemValue(QStringLiteral("state")), QStringLiteral("st"));
        QVERIFY(!location.hasQueryItem(QStringLiteral("code")));
    }

    void goodVerifierYieldsTokensAndIdToken()
    {
        const QJsonObject tokens = m_client->signIn(tenant(), admin());
        QCOMPARE(tokens.value(QStringLiteral("token_type")).toString(), QStringLiteral("Bearer"));
        QVERIFY(!tokens.value(QStringLiteral("access_token")).toString().isEmpty());
        QVERIFY(!tokens.value(QStringLiteral("refresh_token")).toString().isEmpty());
        QCOMPARE(tokens.value(QStringLiteral("expires_in")).toInt(), 3600);
        QVERIFY(tokens.value(QStringLiteral("scope"))
                    .toString()
                    .contains(QLatin1String("https://outlook.office365.com/")));
        const QList<QByteArray> parts =
            tokens.value(QStringLiteral("id_token")).toString().toLatin1().split('.');
        QCOMPARE(parts.size(), 3);
        const QJsonObject claims =
            QJsonDocument::fromJson(QByteArray::fromBase64(parts.at(1), QByteArray::Base64UrlEncoding))
                .object();
        QCOMPARE(claims.value(QStringLiteral("tid")).toString(),
                 m_server->tenantId().toString(QUuid::WithoutBraces));
        QCOMPARE(claims.value(QStringLiteral("preferred_username")).toString(), admin());
        QCOMPARE(claims.value(QStringLiteral("aud")).toString(), EmulatorTestClient::clientId());
        QCOMPARE(claims.value(QStringLiteral("ver")).toString(), QStringLiteral("2.0"));
        QVERIFY(!claims.value(QStringLiteral("oid")).toString().isEmpty());
        QVERIFY(!claims.value(QStringLiteral("name")).toString().isEmpty());
        QVERIFY(claims.value(QStringLiteral("exp")).toInteger() >
                claims.value(QStringLiteral("iat")).toInteger());
        // Exchange Administrator, and Global Reader so that the demo admin can read every readiness layer.
        QCOMPARE(claims.value(QStringLiteral("wids")).toArray(),
                 (QJsonArray{QStringLiteral("29232cdf-9323-42fd-ade2-1d097af3e4de"),
                             QStringLiteral("f2ef992c-3afb-46b9-b7cf-a126ee74c451")}));
    }

    void badVerifierIsInvalidGrant_data()
    {
        QTest::addColumn<QByteArray>("verifier");
        QTest::newRow("wrong") << EmulatorTestClient::newVerifier();
        QTest::newRow("missing") << QByteArray();
    }
    void badVerifierIsInvalidGrant()
    {
        QFETCH(QByteArray, verifier);
        const HttpResult authorized = m_client->authorize(
            tenant(), m_client->authorizeQuery(
                          EmulatorTestClient::challengeFor(EmulatorTestClient::newVerifier()), admin()));
        const QString code =
            EmulatorTestClient::locationQuery(authorized).queryItemValue(QStringLiteral("code"));
        const HttpResult result = m_client->redeem(tenant(), code, verifier);
        QCOMPARE(result.status, 400);
        const QJsonObject error = result.json();
        QCOMPARE(error.value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));
        QVERIFY(
            error.value(QStringLiteral("error_description")).toString().startsWith(QLatin1String("AADSTS")));
        QVERIFY(error.value(QStringLiteral("error_codes")).isArray());
        QVERIFY(!error.value(QStringLiteral("trace_id")).toString().isEmpty());
        QVERIFY(!error.value(QStringLiteral("correlation_id")).toString().isEmpty());
        QVERIFY(!error.value(QStringLiteral("timestamp")).toString().isEmpty());
        QVERIFY(!error.contains(QStringLiteral("access_token")));
    }

    void codeIsSingleUse()
    {
        const QByteArray verifier = EmulatorTestClient::newVerifier();
        const HttpResult authorized = m_client->authorize(
            tenant(), m_client->authorizeQuery(EmulatorTestClient::challengeFor(verifier), admin()));
        const QString code =
            EmulatorTestClient::locationQuery(authorized).queryItemValue(QStringLiteral("code"));
        QCOMPARE(m_client->redeem(tenant(), code, verifier).status, 200);
        const HttpResult again = m_client->redeem(tenant(), code, verifier);
        QCOMPARE(again.status, 400);
        QCOMPARE(again.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));
    }

    void refreshTokensRotate()
    {
        const QString first =
            m_client->signIn(tenant(), admin()).value(QStringLiteral("refresh_token")).toString();
        const HttpResult rotated = m_client->refresh(tenant(), first);
        QCOMPARE(rotated.status, 200);
        const QString second = rotated.json().value(QStringLiteral("refresh_token")).toString();
        QVERIFY(!second.isEmpty());
        QVERIFY(second != first);
        QVERIFY(!rotated.json().value(QStringLiteral("access_token")).toString().isEmpty());

        const HttpResult reused = m_client->refresh(tenant(), first);
        QCOMPARE(reused.status, 400);
        QCOMPARE(reused.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));
        QCOMPARE(m_client->refresh(tenant(), second).status, 200);
    }

    void revokedRefreshTokenIsInvalidGrant()
    {
        const QString refresh =
            m_client->signIn(tenant(), admin()).value(QStringLiteral("refresh_token")).toString();
        m_server->revokeRefreshTokens();
        const HttpResult result = m_client->refresh(tenant(), refresh);
        QCOMPARE(result.status, 400);
        QCOMPARE(result.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));
    }

    void expiredAccessTokenIs401UntilRefreshed()
    {
        const QJsonObject tokens = m_client->signIn(tenant(), admin());
        const QJsonObject body = EmulatorTestClient::cmdlet(QStringLiteral("Get-TransportConfig"));
        const QByteArray access = tokens.value(QStringLiteral("access_token")).toString().toLatin1();
        QCOMPARE(m_client->invoke(tenant(), access, body).status, 200);
        m_server->expireAccessTokens();
        const HttpResult expired = m_client->invoke(tenant(), access, body);
        QCOMPARE(expired.status, 401);
        QVERIFY(expired.header("www-authenticate").startsWith("Bearer"));
        const HttpResult refreshed =
            m_client->refresh(tenant(), tokens.value(QStringLiteral("refresh_token")).toString());
        QCOMPARE(m_client
                     ->invoke(tenant(),
                              refreshed.json().value(QStringLiteral("access_token")).toString().toLatin1(),
                              body)
                     .status,
                 200);
    }

    void unsupportedGrantType()
    {
        QUrlQuery form;
        form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("password"));
        form.addQueryItem(QStringLiteral("client_id"), EmulatorTestClient::clientId());
        const HttpResult result =
            m_client->postForm(m_client->url(QStringLiteral("/organizations/oauth2/v2.0/token")), form);
        QCOMPARE(result.status, 400);
        QCOMPARE(result.json().value(QStringLiteral("error")).toString(),
                 QStringLiteral("unsupported_grant_type"));
    }

    void configuredClientIdRejectsOthers()
    {
        EmulatorOptions options;
        options.mailboxCount = 5;
        options.clientId = QStringLiteral("only-this-client");
        EmulatorServer strict(options);
        QVERIFY(strict.start());
        EmulatorTestClient client(strict.baseUrl());
        const HttpResult result = client.authorize(
            QStringLiteral("organizations"),
            client.authorizeQuery(EmulatorTestClient::challengeFor("v"), strict.adminUserPrincipalName()));
        QCOMPARE(result.status, 302);
        QCOMPARE(EmulatorTestClient::locationQuery(result).queryItemValue(QStringLiteral("error")),
                 QStringLiteral("unauthorized_client"));
    }
};

QTEST_GUILESS_MAIN(TestEmulatorIdentity)
#include "test_emulatoridentity.moc"
