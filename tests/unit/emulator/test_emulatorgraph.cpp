// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// The emulated Microsoft Graph of the readiness layers (graph-protocol.md §1–§3) and the identity
// platform's one-token-per-audience rules: Graph tokens from the Exchange refresh token, consent,
// audience refusal both ways, security defaults, Conditional Access, group members, directory roles,
// roles and licence as 403s, and fault steps that target Graph. Real HTTP on 127.0.0.1.
#include "emulator/emulatorserver.h"
#include "emulatortestclient.h"

#include <QJsonArray>
#include <QSet>
#include <QTest>

using namespace smtpauth;
using namespace smtpauth::test;

namespace {

const QString kExchangeAdministrator = QStringLiteral("29232cdf-9323-42fd-ade2-1d097af3e4de");
const QString kGlobalAdministrator = QStringLiteral("62e90394-69f5-4237-9190-012177145e10");
const QString kGlobalReader = QStringLiteral("f2ef992c-3afb-46b9-b7cf-a126ee74c451");
const QString kCaPath = QStringLiteral("/v1.0/identity/conditionalAccess/policies");

QJsonObject graphError(const HttpResult &result)
{
    return result.json().value(QStringLiteral("error")).toObject();
}

struct GraphListing
{
    QList<QJsonObject> rows;
    int pages = 0;
    int lastStatus = 0;
    QStringList links;
};

} // namespace

class TestEmulatorGraph : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<EmulatorServer> m_server;
    std::unique_ptr<EmulatorTestClient> m_client;

    QString tenant() const { return m_server->tenantDomain(); }
    QString upn(const char *alias) const { return QLatin1String(alias) + QLatin1Char('@') + tenant(); }
    HttpResult control(const QByteArray &verb, const QString &action, const QJsonObject &body = {})
    {
        QNetworkRequest request(m_client->url(QStringLiteral("/_emulator/") + action));
        request.setRawHeader("X-Emulator-Control", "test-key");
        request.setRawHeader("Content-Type", "application/json");
        return m_client->send(request, verb, verb == "POST" ? QJsonDocument(body).toJson() : QByteArray());
    }
    QJsonObject truth() { return control("GET", QStringLiteral("directory")).json(); }
    QByteArray graphToken(const char *alias) { return m_client->graphTokenFor(tenant(), upn(alias)); }
    HttpResult graphGet(const QString &pathAndQuery, const QByteArray &token,
                        const QByteArray &clientRequestId = {})
    {
        return m_client->graphGet(m_client->url(pathAndQuery), token, clientRequestId);
    }
    // GETs every @odata.nextLink as given.
    GraphListing readAll(const QString &pathAndQuery, const QByteArray &token)
    {
        GraphListing listing;
        QUrl next = m_client->url(pathAndQuery);
        while (next.isValid() && listing.pages < 1000) {
            const HttpResult page = m_client->graphGet(next, token);
            listing.lastStatus = page.status;
            if (page.status != 200)
                break;
            ++listing.pages;
            for (const QJsonValue &row : page.json().value(QStringLiteral("value")).toArray())
                listing.rows.append(row.toObject());
            const QString link = page.json().value(QStringLiteral("@odata.nextLink")).toString();
            if (!link.isEmpty())
                listing.links.append(link);
            next = link.isEmpty() ? QUrl() : QUrl(link);
        }
        return listing;
    }
    bool script(const QJsonArray &steps)
    {
        return control("POST", QStringLiteral("faults"), QJsonObject{{QStringLiteral("script"), steps}})
                   .status == 204;
    }

private Q_SLOTS:
    void init()
    {
        EmulatorOptions options;
        options.mailboxCount = 120;
        options.seed = 9;
        options.overrideShare = 0.2;
        options.controlKey = QStringLiteral("test-key");
        m_server = std::make_unique<EmulatorServer>(options);
        QVERIFY(m_server->start());
        m_client = std::make_unique<EmulatorTestClient>(m_server->baseUrl());
    }
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    // --- tokens ---------------------------------------------------------------------------------

    void exchangeRefreshTokenIsRedeemedForGraphAndRotates()
    {
        const QJsonObject signIn = m_client->signIn(tenant(), upn("admin"));
        const QString exchangeRefresh = signIn.value(QStringLiteral("refresh_token")).toString();
        const HttpResult graph =
            m_client->refresh(tenant(), exchangeRefresh, EmulatorTestClient::graphScope());
        QCOMPARE(graph.status, 200);
        const QJsonObject tokens = graph.json();
        const QString scope = tokens.value(QStringLiteral("scope")).toString();
        for (const char *permission :
             {"Policy.Read.All", "GroupMember.Read.All", "Reports.Read.All", "AuditLog.Read.All",
              "ReportSettings.Read.All", "AuditLogsQuery-Exchange.Read.All"})
            QVERIFY2(
                scope.contains(QStringLiteral("https://graph.microsoft.com/") + QLatin1String(permission)),
                qPrintable(scope));
        QVERIFY(!scope.contains(QLatin1String("outlook.office365.com")));
        const QString rotated = tokens.value(QStringLiteral("refresh_token")).toString();
        QVERIFY(!rotated.isEmpty());
        QVERIFY(rotated != exchangeRefresh);
        // The redeemed refresh token is retired, whatever resource it was redeemed for.
        const HttpResult reused =
            m_client->refresh(tenant(), exchangeRefresh, EmulatorTestClient::graphScope());
        QCOMPARE(reused.status, 400);
        QCOMPARE(reused.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));
        // The successor is multi-resource too: back to Exchange with it.
        const HttpResult exchange = m_client->refresh(tenant(), rotated);
        QCOMPARE(exchange.status, 200);
        QVERIFY(exchange.json()
                    .value(QStringLiteral("scope"))
                    .toString()
                    .contains(QLatin1String("outlook.office365.com")));
        const QByteArray graphAccess = tokens.value(QStringLiteral("access_token")).toString().toLatin1();
        QCOMPARE(
            graphGet(QStringLiteral("/v1.0/policies/identitySecurityDefaultsEnforcementPolicy"), graphAccess)
                .status,
            200);

        // .default and a bare permission name are Graph too.
        const QString next = exchange.json().value(QStringLiteral("refresh_token")).toString();
        const HttpResult byDefault = m_client->refresh(
            tenant(), next, QStringLiteral("https://graph.microsoft.com/.default offline_access"));
        QCOMPARE(byDefault.status, 200);
        const HttpResult bare =
            m_client->refresh(tenant(), byDefault.json().value(QStringLiteral("refresh_token")).toString(),
                              QStringLiteral("Policy.Read.All offline_access"));
        QCOMPARE(bare.status, 200);
        QVERIFY(bare.json()
                    .value(QStringLiteral("scope"))
                    .toString()
                    .contains(QLatin1String("https://graph.microsoft.com/Policy.Read.All")));
    }

    void oneTokenOneResource_data()
    {
        QTest::addColumn<QString>("scope");
        QTest::addColumn<int>("aadsts");
        QTest::newRow("both resources")
            << QStringLiteral("https://outlook.office365.com/.default "
                              "https://graph.microsoft.com/Policy.Read.All offline_access")
            << 28000;
        QTest::newRow("Exchange.Manage and Graph .default")
            << QStringLiteral(
                   "https://outlook.office365.com/Exchange.Manage https://graph.microsoft.com/.default")
            << 28000;
        QTest::newRow("unknown resource") << QStringLiteral("https://management.azure.com/.default") << 70011;
        QTest::newRow("no resource") << QStringLiteral("openid offline_access") << 70011;
    }
    void oneTokenOneResource()
    {
        QFETCH(QString, scope);
        QFETCH(int, aadsts);
        const QString refreshToken =
            m_client->signIn(tenant(), upn("admin")).value(QStringLiteral("refresh_token")).toString();
        const HttpResult refused = m_client->refresh(tenant(), refreshToken, scope);
        QCOMPARE(refused.status, 400);
        const QJsonObject error = refused.json();
        QCOMPARE(error.value(QStringLiteral("error")).toString(), QStringLiteral("invalid_scope"));
        QCOMPARE(error.value(QStringLiteral("error_codes")).toArray(), QJsonArray{aadsts});
        QVERIFY(error.value(QStringLiteral("error_description"))
                    .toString()
                    .startsWith(QStringLiteral("AADSTS%1: ").arg(aadsts)));
        // A refused request consumes nothing: the refresh token still works.
        QCOMPARE(m_client->refresh(tenant(), refreshToken).status, 200);
    }

    void consentMissingUntilAuthorizeWithGraphScopes()
    {
        QCOMPARE(
            control("POST", QStringLiteral("graph-consent"), {{QStringLiteral("granted"), false}}).status,
            204);
        const QString exchangeRefresh =
            m_client->signIn(tenant(), upn("admin")).value(QStringLiteral("refresh_token")).toString();
        QVERIFY(!exchangeRefresh.isEmpty()); // Exchange needs no consent of the user
        const HttpResult refused =
            m_client->refresh(tenant(), exchangeRefresh, EmulatorTestClient::graphScope());
        QCOMPARE(refused.status, 400);
        const QJsonObject error = refused.json();
        QCOMPARE(error.value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));
        QCOMPARE(error.value(QStringLiteral("suberror")).toString(), QStringLiteral("consent_required"));
        QCOMPARE(error.value(QStringLiteral("error_codes")).toArray(), QJsonArray{65001});
        QVERIFY(error.value(QStringLiteral("error_description"))
                    .toString()
                    .startsWith(QLatin1String(
                        "AADSTS65001: The user or administrator has not consented to use the application")));
        QVERIFY(error.contains(QStringLiteral("trace_id")));
        QVERIFY(error.contains(QStringLiteral("correlation_id")));
        QVERIFY(truth().value(QStringLiteral("consents")).toArray().isEmpty());

        // Consent in the browser: authorize + PKCE with the Graph scopes; the login_hint approves at once.
        const QByteArray verifier = EmulatorTestClient::newVerifier();
        const HttpResult authorized =
            m_client->authorize(tenant(), m_client->authorizeQuery(EmulatorTestClient::challengeFor(verifier),
                                                                   upn("admin"), QStringLiteral("consent-1"),
                                                                   EmulatorTestClient::graphScope()));
        QCOMPARE(authorized.status, 302);
        const QUrlQuery location = EmulatorTestClient::locationQuery(authorized);
        QCOMPARE(location.queryItemValue(QStringLiteral("state")), QStringLiteral("consent-1"));
        const QString code = location.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
        QVERIFY(!code.isEmpty());
        const QJsonArray consents = truth().value(QStringLiteral("consents")).toArray();
        QCOMPARE(consents.size(), 1);
        QCOMPARE(consents.first().toObject().value(QStringLiteral("clientId")).toString(),
                 EmulatorTestClient::clientId());
        QCOMPARE(consents.first().toObject().value(QStringLiteral("scopes")).toArray().size(), 6);

        const HttpResult redeemed =
            m_client->redeem(tenant(), code, verifier, EmulatorTestClient::graphScope());
        QCOMPARE(redeemed.status, 200);
        const QByteArray graphAccess =
            redeemed.json().value(QStringLiteral("access_token")).toString().toLatin1();
        QCOMPARE(
            graphGet(QStringLiteral("/v1.0/policies/identitySecurityDefaultsEnforcementPolicy"), graphAccess)
                .status,
            200);

        // The refresh token the failed redemption was given is still valid, now works for Graph, rotates.
        const HttpResult nowWorks =
            m_client->refresh(tenant(), exchangeRefresh, EmulatorTestClient::graphScope());
        QCOMPARE(nowWorks.status, 200);
        QVERIFY(nowWorks.json().value(QStringLiteral("refresh_token")).toString() != exchangeRefresh);
        QCOMPARE(m_client->refresh(tenant(), exchangeRefresh, EmulatorTestClient::graphScope()).status, 400);

        // Consent is per user (and client id): the reader still has none.
        const QString readerRefresh =
            m_client->signIn(tenant(), upn("reader")).value(QStringLiteral("refresh_token")).toString();
        QCOMPARE(m_client->refresh(tenant(), readerRefresh, EmulatorTestClient::graphScope())
                     .json()
                     .value(QStringLiteral("suberror"))
                     .toString(),
                 QStringLiteral("consent_required"));
    }

    void scopesNotConsentedAreRefusedToo()
    {
        // The default consent covers the app's six permissions, not more.
        const QString refreshToken =
            m_client->signIn(tenant(), upn("admin")).value(QStringLiteral("refresh_token")).toString();
        const HttpResult refused = m_client->refresh(
            tenant(), refreshToken,
            QStringLiteral("https://graph.microsoft.com/Directory.Read.All offline_access"));
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.json().value(QStringLiteral("error_codes")).toArray(), QJsonArray{65001});
        QCOMPARE(m_client->refresh(tenant(), refreshToken, EmulatorTestClient::graphScope()).status, 200);
    }

    void audienceIsCheckedBothWays()
    {
        const QByteArray exchange = m_client->accessTokenFor(tenant(), upn("admin"));
        const QByteArray graph = graphToken("admin");
        QVERIFY(!graph.isEmpty());
        const HttpResult onExchange = m_client->invoke(
            tenant(), graph, EmulatorTestClient::cmdlet(QStringLiteral("Get-TransportConfig")));
        QCOMPARE(onExchange.status, 401);
        const QByteArray challenge = onExchange.header("www-authenticate");
        QVERIFY2(challenge.startsWith("Bearer"), challenge.constData());
        QVERIFY2(challenge.contains("error=\"invalid_token\""), challenge.constData());
        QVERIFY2(challenge.contains("audience"), challenge.constData());

        const HttpResult onGraph = graphGet(
            QStringLiteral("/v1.0/policies/identitySecurityDefaultsEnforcementPolicy"), exchange, "crid-7");
        QCOMPARE(onGraph.status, 401);
        const QJsonObject error = graphError(onGraph);
        QCOMPARE(error.value(QStringLiteral("code")).toString(),
                 QStringLiteral("InvalidAuthenticationToken"));
        QCOMPARE(error.value(QStringLiteral("message")).toString(),
                 QStringLiteral("Access token validation failure. Invalid audience."));
        const QJsonObject inner = error.value(QStringLiteral("innerError")).toObject();
        QCOMPARE(inner.value(QStringLiteral("client-request-id")).toString(), QStringLiteral("crid-7"));
        QVERIFY(!QUuid(inner.value(QStringLiteral("request-id")).toString()).isNull());
        QVERIFY(QDateTime::fromString(inner.value(QStringLiteral("date")).toString(), Qt::ISODate).isValid());
        QCOMPARE(onGraph.header("client-request-id"), QByteArray("crid-7"));
        QVERIFY(onGraph.header("www-authenticate").startsWith("Bearer"));

        QCOMPARE(graphError(
                     graphGet(QStringLiteral("/v1.0/policies/identitySecurityDefaultsEnforcementPolicy"), {}))
                     .value(QStringLiteral("code"))
                     .toString(),
                 QStringLiteral("InvalidAuthenticationToken"));
        m_server->expireAccessTokens();
        const HttpResult expired =
            graphGet(QStringLiteral("/v1.0/policies/identitySecurityDefaultsEnforcementPolicy"), graph);
        QCOMPARE(expired.status, 401);
        QVERIFY(graphError(expired)
                    .value(QStringLiteral("message"))
                    .toString()
                    .contains(QLatin1String("expired")));
        // Exchange tokens still work where they belong (the Graph token did not disturb them).
        QCOMPARE(m_client
                     ->invoke(tenant(), m_client->accessTokenFor(tenant(), upn("admin")),
                              EmulatorTestClient::cmdlet(QStringLiteral("Get-TransportConfig")))
                     .status,
                 200);
    }

    // --- routes ---------------------------------------------------------------------------------

    void securityDefaults()
    {
        const QByteArray token = graphToken("helpdesk"); // no directory role is needed for this one
        const HttpResult off = graphGet(
            QStringLiteral("/v1.0/policies/identitySecurityDefaultsEnforcementPolicy"), token, "c-1");
        QCOMPARE(off.status, 200);
        QVERIFY(off.header("content-type").startsWith("application/json"));
        QCOMPARE(off.header("client-request-id"), QByteArray("c-1"));
        const QJsonObject policy = off.json();
        QCOMPARE(policy.value(QStringLiteral("id")).toString(),
                 QStringLiteral("00000000-0000-0000-0000-000000000005"));
        QCOMPARE(policy.value(QStringLiteral("displayName")).toString(), QStringLiteral("Security Defaults"));
        QVERIFY(policy.value(QStringLiteral("@odata.context"))
                    .toString()
                    .contains(QLatin1String("$metadata#policies/identitySecurityDefaultsEnforcementPolicy")));
        QCOMPARE(policy.value(QStringLiteral("isEnabled")), QJsonValue(false));

        QCOMPARE(
            control("POST", QStringLiteral("security-defaults"), {{QStringLiteral("enabled"), true}}).status,
            204);
        QCOMPARE(graphGet(QStringLiteral("/v1.0/policies/identitySecurityDefaultsEnforcementPolicy"), token)
                     .json()
                     .value(QStringLiteral("isEnabled")),
                 QJsonValue(true));
        const QJsonObject selected =
            graphGet(
                QStringLiteral("/beta/policies/identitySecurityDefaultsEnforcementPolicy?$select=isEnabled"),
                token)
                .json();
        QCOMPARE(selected.value(QStringLiteral("isEnabled")), QJsonValue(true));
        QVERIFY(!selected.contains(QStringLiteral("displayName")));
        QCOMPARE(
            truth().value(QStringLiteral("securityDefaults")).toObject().value(QStringLiteral("isEnabled")),
            QJsonValue(true));

        // The knob at seed time.
        EmulatorOptions options;
        options.mailboxCount = 3;
        options.securityDefaults = true;
        EmulatorServer on(options);
        QVERIFY(on.start());
        EmulatorTestClient client(on.baseUrl());
        const QByteArray onToken = client.graphTokenFor(on.tenantDomain(), on.adminUserPrincipalName());
        QCOMPARE(client
                     .graphGet(client.url(QStringLiteral(
                                   "/v1.0/policies/identitySecurityDefaultsEnforcementPolicy")),
                               onToken)
                     .json()
                     .value(QStringLiteral("isEnabled")),
                 QJsonValue(true));
    }

    void conditionalAccessIsPagedByAbsoluteLinks()
    {
        const QByteArray token = graphToken("admin");
        const GraphListing listing = readAll(kCaPath, token);
        QCOMPARE(listing.lastStatus, 200);
        QCOMPARE(listing.pages, 3);
        QCOMPARE(listing.rows.size(), 5);
        for (const QString &link : listing.links) {
            QVERIFY2(link.startsWith(m_server->baseUrl().toString() + kCaPath + QStringLiteral("?")),
                     qPrintable(link));
            QVERIFY(link.contains(QLatin1String("$skiptoken=")));
        }
        QHash<QString, QJsonObject> byName;
        for (const QJsonObject &policy : listing.rows) {
            byName.insert(policy.value(QStringLiteral("displayName")).toString(), policy);
            QVERIFY(!QUuid(policy.value(QStringLiteral("id")).toString()).isNull());
            for (const char *key : {"createdDateTime", "modifiedDateTime", "state", "conditions",
                                    "grantControls", "sessionControls"})
                QVERIFY2(policy.contains(QLatin1String(key)), key);
            const QJsonObject conditions = policy.value(QStringLiteral("conditions")).toObject();
            for (const char *key : {"userRiskLevels", "signInRiskLevels", "clientAppTypes", "platforms",
                                    "locations", "devices", "clientApplications", "applications", "users"})
                QVERIFY2(conditions.contains(QLatin1String(key)), key);
        }

        const QJsonObject t = truth();
        QString smtpGroup;
        QString branchGroup;
        for (const QJsonValue &group : t.value(QStringLiteral("groups")).toArray()) {
            if (group.toObject().value(QStringLiteral("displayName")).toString() ==
                QLatin1String("SMTP devices (legacy exception)"))
                smtpGroup = group.toObject().value(QStringLiteral("id")).toString();
            if (group.toObject().value(QStringLiteral("displayName")).toString() ==
                QLatin1String("Branch offices"))
                branchGroup = group.toObject().value(QStringLiteral("id")).toString();
        }
        QCOMPARE(m_server->groupId(QStringLiteral("Branch offices")).toString(QUuid::WithoutBraces),
                 branchGroup);

        const QJsonObject a = byName.value(QStringLiteral("Block legacy authentication"));
        QCOMPARE(a.value(QStringLiteral("state")).toString(), QStringLiteral("enabled"));
        const QJsonObject aConditions = a.value(QStringLiteral("conditions")).toObject();
        QCOMPARE(aConditions.value(QStringLiteral("clientAppTypes")).toArray(),
                 (QJsonArray{QStringLiteral("exchangeActiveSync"), QStringLiteral("other")}));
        QCOMPARE(aConditions.value(QStringLiteral("applications"))
                     .toObject()
                     .value(QStringLiteral("includeApplications"))
                     .toArray(),
                 QJsonArray{QStringLiteral("All")});
        const QJsonObject aUsers = aConditions.value(QStringLiteral("users")).toObject();
        QCOMPARE(aUsers.value(QStringLiteral("includeUsers")).toArray(), QJsonArray{QStringLiteral("All")});
        const QJsonArray excluded = aUsers.value(QStringLiteral("excludeUsers")).toArray();
        QCOMPARE(excluded.size(), 2);
        QCOMPARE(excluded.first().toString(), t.value(QStringLiteral("breakGlassObjectId")).toString());
        QSet<QString> mailboxUsers;
        for (const EmulatorMailbox &m : m_server->mailboxes())
            mailboxUsers.insert(m.externalDirectoryObjectId.toString(QUuid::WithoutBraces));
        QVERIFY(mailboxUsers.contains(excluded.at(1).toString()));
        QVERIFY(!mailboxUsers.contains(excluded.first().toString()));
        QCOMPARE(aUsers.value(QStringLiteral("excludeGroups")).toArray(), QJsonArray{smtpGroup});
        QCOMPARE(a.value(QStringLiteral("grantControls"))
                     .toObject()
                     .value(QStringLiteral("builtInControls"))
                     .toArray(),
                 QJsonArray{QStringLiteral("block")});
        QVERIFY(aConditions.value(QStringLiteral("locations")).isNull());
        QVERIFY(aConditions.value(QStringLiteral("platforms")).isNull());

        const QJsonObject b = byName.value(QStringLiteral("Block legacy auth outside the office"));
        QCOMPARE(b.value(QStringLiteral("state")).toString(), QStringLiteral("enabled"));
        const QJsonObject bConditions = b.value(QStringLiteral("conditions")).toObject();
        QCOMPARE(bConditions.value(QStringLiteral("clientAppTypes")).toArray(),
                 QJsonArray{QStringLiteral("other")});
        QCOMPARE(bConditions.value(QStringLiteral("applications"))
                     .toObject()
                     .value(QStringLiteral("includeApplications"))
                     .toArray(),
                 QJsonArray{QStringLiteral("Office365")});
        QCOMPARE(bConditions.value(QStringLiteral("users"))
                     .toObject()
                     .value(QStringLiteral("includeGroups"))
                     .toArray(),
                 QJsonArray{branchGroup});
        QCOMPARE(bConditions.value(QStringLiteral("locations"))
                     .toObject()
                     .value(QStringLiteral("includeLocations"))
                     .toArray(),
                 QJsonArray{QStringLiteral("All")});
        QCOMPARE(bConditions.value(QStringLiteral("locations"))
                     .toObject()
                     .value(QStringLiteral("excludeLocations"))
                     .toArray(),
                 QJsonArray{QStringLiteral("AllTrusted")});

        const QJsonObject c = byName.value(QStringLiteral("Block legacy auth for admins (pilot)"));
        QCOMPARE(c.value(QStringLiteral("state")).toString(),
                 QStringLiteral("enabledForReportingButNotEnforced"));
        QCOMPARE(c.value(QStringLiteral("conditions"))
                     .toObject()
                     .value(QStringLiteral("clientAppTypes"))
                     .toArray(),
                 QJsonArray{QStringLiteral("all")});
        QCOMPARE(c.value(QStringLiteral("conditions"))
                     .toObject()
                     .value(QStringLiteral("users"))
                     .toObject()
                     .value(QStringLiteral("includeRoles"))
                     .toArray(),
                 (QJsonArray{kExchangeAdministrator, kGlobalAdministrator}));

        const QJsonObject d = byName.value(QStringLiteral("Old block of Basic SMTP"));
        QCOMPARE(d.value(QStringLiteral("state")).toString(), QStringLiteral("disabled"));
        QCOMPARE(d.value(QStringLiteral("conditions"))
                     .toObject()
                     .value(QStringLiteral("clientAppTypes"))
                     .toArray(),
                 QJsonArray{QStringLiteral("other")});

        const QJsonObject e = byName.value(QStringLiteral("Require MFA for everyone"));
        QCOMPARE(e.value(QStringLiteral("grantControls"))
                     .toObject()
                     .value(QStringLiteral("builtInControls"))
                     .toArray(),
                 QJsonArray{QStringLiteral("mfa")});
        QCOMPARE(e.value(QStringLiteral("conditions"))
                     .toObject()
                     .value(QStringLiteral("clientAppTypes"))
                     .toArray(),
                 (QJsonArray{QStringLiteral("browser"), QStringLiteral("mobileAppsAndDesktopClients")}));

        // The truth document holds the same objects, and one policy can be read by id.
        QCOMPARE(t.value(QStringLiteral("conditionalAccessPolicies")).toArray().size(), 5);
        const HttpResult single =
            graphGet(kCaPath + QLatin1Char('/') + a.value(QStringLiteral("id")).toString(), token);
        QCOMPARE(single.status, 200);
        QCOMPARE(single.json().value(QStringLiteral("displayName")), a.value(QStringLiteral("displayName")));
        QCOMPARE(
            graphError(graphGet(kCaPath + QStringLiteral("/00000000-1111-2222-3333-444444444444"), token))
                .value(QStringLiteral("code"))
                .toString(),
            QStringLiteral("Request_ResourceNotFound"));
        // beta serves the same.
        QCOMPARE(readAll(QStringLiteral("/beta/identity/conditionalAccess/policies"), token).rows.size(), 5);
    }

    void conditionalAccessLinksExpire()
    {
        const QByteArray token = graphToken("admin");
        const HttpResult first = graphGet(kCaPath, token);
        const QUrl link(first.json().value(QStringLiteral("@odata.nextLink")).toString());
        QCOMPARE(m_client->graphGet(link, token).status, 200); // links stay valid (retries) until they expire
        QCOMPARE(control("POST", QStringLiteral("expire-nextlinks")).status, 204);
        const HttpResult expired = m_client->graphGet(link, token);
        QCOMPARE(expired.status, 400);
        QCOMPARE(graphError(expired).value(QStringLiteral("code")).toString(),
                 QStringLiteral("Directory_ExpiredPageToken"));
        QVERIFY(graphError(expired).value(QStringLiteral("innerError")).isObject());

        // Scheduled: the link from the first page works, the one from the second does not.
        QCOMPARE(control("POST", QStringLiteral("expire-nextlinks"), {{QStringLiteral("graphAfterPages"), 2}})
                     .status,
                 204);
        const QUrl link1(graphGet(kCaPath, token).json().value(QStringLiteral("@odata.nextLink")).toString());
        const HttpResult page2 = m_client->graphGet(link1, token);
        QCOMPARE(page2.status, 200);
        const QUrl link2(page2.json().value(QStringLiteral("@odata.nextLink")).toString());
        QVERIFY(link2.isValid());
        QCOMPARE(m_client->graphGet(link2, token).status, 400);

        // A token belongs to its collection.
        const QString token1 = QUrlQuery(link1).queryItemValue(QStringLiteral("$skiptoken"));
        const QString group =
            m_server->groupId(QStringLiteral("Branch offices")).toString(QUuid::WithoutBraces);
        QCOMPARE(
            graphGet(QStringLiteral("/v1.0/groups/%1/transitiveMembers/microsoft.graph.user?$skiptoken=%2")
                         .arg(group, token1),
                     token)
                .status,
            400);
    }

    void conditionalAccessServedVerbatim()
    {
        const QJsonObject odd{
            {QStringLiteral("id"), QStringLiteral("7e0b1a52-0f4b-4c1e-9d0e-5f3a2b1c0d9e")},
            {QStringLiteral("displayName"), QStringLiteral("Future client type")},
            {QStringLiteral("state"), QStringLiteral("enabled")},
            {QStringLiteral("conditions"),
             QJsonObject{{QStringLiteral("clientAppTypes"), QJsonArray{QStringLiteral("unknownFutureValue")}},
                         {QStringLiteral("somethingNew"), QJsonObject{{QStringLiteral("x"), 1}}}}},
        };
        QCOMPARE(control("POST", QStringLiteral("conditional-access"),
                         {{QStringLiteral("policies"), QJsonArray{odd}}})
                     .status,
                 204);
        const GraphListing listing = readAll(kCaPath, graphToken("reader"));
        QCOMPARE(listing.rows.size(), 1);
        QCOMPARE(listing.rows.first(), odd);
        QCOMPARE(control("POST", QStringLiteral("conditional-access"),
                         {{QStringLiteral("policies"), QJsonArray()}})
                     .status,
                 204);
        const HttpResult empty = graphGet(kCaPath, graphToken("reader"));
        QCOMPARE(empty.status, 200);
        QVERIFY(empty.json().value(QStringLiteral("value")).toArray().isEmpty());
        QVERIFY(!empty.json().contains(QStringLiteral("@odata.nextLink")));
    }

    void rolesDecideGraphAccess_data()
    {
        QTest::addColumn<QByteArray>("user");
        QTest::addColumn<int>("conditionalAccess");
        QTest::addColumn<int>("securityDefaults");
        QTest::addColumn<int>("groupMembers");
        QTest::addColumn<int>("memberOf");
        QTest::newRow("admin: Exchange Administrator + Global Reader")
            << QByteArray("admin") << 200 << 200 << 200 << 200;
        QTest::newRow("reader: Global Reader") << QByteArray("reader") << 200 << 200 << 200 << 200;
        QTest::newRow("recipients: Exchange Recipient Administrator")
            << QByteArray("recipients") << 403 << 200 << 200 << 200;
        QTest::newRow("helpdesk: Helpdesk Administrator")
            << QByteArray("helpdesk") << 403 << 200 << 200 << 200;
    }
    void rolesDecideGraphAccess()
    {
        QFETCH(QByteArray, user);
        QFETCH(int, conditionalAccess);
        QFETCH(int, securityDefaults);
        QFETCH(int, groupMembers);
        QFETCH(int, memberOf);
        const QByteArray token = graphToken(user.constData());
        const HttpResult ca = graphGet(kCaPath, token);
        QCOMPARE(ca.status, conditionalAccess);
        if (conditionalAccess == 403) {
            QCOMPARE(graphError(ca).value(QStringLiteral("code")).toString(),
                     QStringLiteral("Authorization_RequestDenied"));
            QCOMPARE(graphError(ca).value(QStringLiteral("message")).toString(),
                     QStringLiteral("Insufficient privileges to complete the operation."));
        }
        QCOMPARE(graphGet(QStringLiteral("/v1.0/policies/identitySecurityDefaultsEnforcementPolicy"), token)
                     .status,
                 securityDefaults);
        const QString group = m_server->groupId(QStringLiteral("SMTP devices (legacy exception)"))
                                  .toString(QUuid::WithoutBraces);
        QCOMPARE(graphGet(QStringLiteral("/v1.0/groups/%1/transitiveMembers/microsoft.graph.user?$select=id")
                              .arg(group),
                          token)
                     .status,
                 groupMembers);
        const QString someone =
            m_server->mailboxes().at(1).externalDirectoryObjectId.toString(QUuid::WithoutBraces);
        QCOMPARE(
            graphGet(
                QStringLiteral(
                    "/v1.0/users/%1/transitiveMemberOf/microsoft.graph.directoryRole?$select=roleTemplateId")
                    .arg(someone),
                token)
                .status,
            memberOf);
    }

    void permissionsOfTheTokenMatterToo()
    {
        // A token with only Reports.Read.All: consented, but not enough for policies or groups.
        const QString refreshToken =
            m_client->signIn(tenant(), upn("admin")).value(QStringLiteral("refresh_token")).toString();
        QCOMPARE(
            control("POST", QStringLiteral("graph-consent"), {{QStringLiteral("granted"), false}}).status,
            204);
        const QByteArray verifier = EmulatorTestClient::newVerifier();
        const HttpResult authorized = m_client->authorize(
            tenant(), m_client->authorizeQuery(
                          EmulatorTestClient::challengeFor(verifier), upn("admin"), {},
                          QStringLiteral("https://graph.microsoft.com/Reports.Read.All offline_access")));
        QCOMPARE(authorized.status, 302);
        const HttpResult narrow = m_client->refresh(
            tenant(), refreshToken, QStringLiteral("https://graph.microsoft.com/Reports.Read.All"));
        QCOMPARE(narrow.status, 200);
        QCOMPARE(narrow.json().value(QStringLiteral("scope")).toString(),
                 QStringLiteral("https://graph.microsoft.com/Reports.Read.All"));
        const QByteArray token = narrow.json().value(QStringLiteral("access_token")).toString().toLatin1();
        for (const QString &path :
             {kCaPath, QStringLiteral("/v1.0/policies/identitySecurityDefaultsEnforcementPolicy")}) {
            const HttpResult denied = graphGet(path, token);
            QCOMPARE(denied.status, 403);
            QCOMPARE(graphError(denied).value(QStringLiteral("code")).toString(),
                     QStringLiteral("Authorization_RequestDenied"));
        }
    }

    void withoutEntraP1ThereIsNoConditionalAccess()
    {
        QCOMPARE(control("POST", QStringLiteral("entra-p1"), {{QStringLiteral("licensed"), false}}).status,
                 204);
        const HttpResult result = graphGet(kCaPath, graphToken("admin"));
        QCOMPARE(result.status, 403);
        QCOMPARE(graphError(result).value(QStringLiteral("code")).toString(),
                 QStringLiteral("Authentication_RequestFromNonPremiumTenantOrB2CTenant"));
        QVERIFY(graphError(result)
                    .value(QStringLiteral("message"))
                    .toString()
                    .contains(QLatin1String("premium license")));
        QCOMPARE(truth().value(QStringLiteral("entraP1")), QJsonValue(false));
        // Security defaults are not a P1 feature.
        QCOMPARE(graphGet(QStringLiteral("/v1.0/policies/identitySecurityDefaultsEnforcementPolicy"),
                          graphToken("admin"))
                     .status,
                 200);
        QCOMPARE(control("POST", QStringLiteral("entra-p1"), {{QStringLiteral("licensed"), true}}).status,
                 204);
        QCOMPARE(graphGet(kCaPath, graphToken("admin")).status, 200);
    }

    void groupMembersArePaged()
    {
        const QByteArray token = graphToken("helpdesk");
        const QJsonObject t = truth();
        for (const QJsonValue &value : t.value(QStringLiteral("groups")).toArray()) {
            const QJsonObject group = value.toObject();
            const QString id = group.value(QStringLiteral("id")).toString();
            const GraphListing listing = readAll(
                QStringLiteral("/v1.0/groups/%1/transitiveMembers/microsoft.graph.user?$select=id&$top=5")
                    .arg(id),
                token);
            QCOMPARE(listing.lastStatus, 200);
            QSet<QString> members;
            for (const QJsonObject &row : listing.rows) {
                QCOMPARE(row.keys(), QStringList{QStringLiteral("id")});
                members.insert(row.value(QStringLiteral("id")).toString());
            }
            QSet<QString> expected;
            for (const QJsonValue &member : group.value(QStringLiteral("members")).toArray())
                expected.insert(member.toString());
            QCOMPARE(members, expected);
            QCOMPARE(int(listing.rows.size()), group.value(QStringLiteral("memberCount")).toInt());
            QCOMPARE(listing.pages, qMax(1, (int(expected.size()) + 4) / 5));
            for (const QString &link : listing.links)
                QVERIFY2(link.contains(QLatin1String("$select=id")) && link.contains(QLatin1String("$top=5")),
                         qPrintable(link));
        }
        QCOMPARE(t.value(QStringLiteral("groups")).toArray().size(), 2);
        const QString branch =
            m_server->groupId(QStringLiteral("Branch offices")).toString(QUuid::WithoutBraces);
        // Default page 100; without $select the full user objects (the members are mailbox users).
        const HttpResult full =
            graphGet(QStringLiteral("/v1.0/groups/%1/transitiveMembers").arg(branch), token);
        QCOMPARE(full.status, 200);
        const QJsonArray rows = full.json().value(QStringLiteral("value")).toArray();
        QCOMPARE(rows.size(), 24); // 20 % of 120
        QCOMPARE(rows.first().toObject().value(QStringLiteral("@odata.type")).toString(),
                 QStringLiteral("#microsoft.graph.user"));
        QVERIFY(rows.first()
                    .toObject()
                    .value(QStringLiteral("userPrincipalName"))
                    .toString()
                    .contains(QLatin1Char('@')));
        QVERIFY(rows.first().toObject().contains(QStringLiteral("displayName")));
        const HttpResult group =
            graphGet(QStringLiteral("/v1.0/groups/%1?$select=displayName").arg(branch), token);
        QCOMPARE(group.json().value(QStringLiteral("displayName")).toString(),
                 QStringLiteral("Branch offices"));

        QCOMPARE(graphGet(QStringLiteral("/v1.0/groups/%1/transitiveMembers/microsoft.graph.user?$top=1000")
                              .arg(branch),
                          token)
                     .status,
                 400);
        QCOMPARE(graphGet(QStringLiteral(
                              "/v1.0/groups/%1/transitiveMembers/microsoft.graph.user?$select=id,nonsense")
                              .arg(branch),
                          token)
                     .status,
                 400);
        const HttpResult unknown =
            graphGet(QStringLiteral("/v1.0/groups/%1/transitiveMembers/microsoft.graph.user")
                         .arg(QUuid::createUuid().toString(QUuid::WithoutBraces)),
                     token);
        QCOMPARE(unknown.status, 404);
        QCOMPARE(graphError(unknown).value(QStringLiteral("code")).toString(),
                 QStringLiteral("Request_ResourceNotFound"));
        QCOMPARE(
            graphGet(QStringLiteral("/v1.0/groups/not-a-guid/transitiveMembers/microsoft.graph.user"), token)
                .status,
            400);

        // Members replaced by the control endpoint.
        const QString a = m_server->mailboxes().at(0).primarySmtpAddress;
        const QString b =
            m_server->mailboxes().at(1).externalDirectoryObjectId.toString(QUuid::WithoutBraces);
        QCOMPARE(control("POST", QStringLiteral("group-members"),
                         {{QStringLiteral("group"), branch}, {QStringLiteral("members"), QJsonArray{a, b}}})
                     .status,
                 204);
        const GraphListing replaced = readAll(
            QStringLiteral("/v1.0/groups/%1/transitiveMembers/microsoft.graph.user?$select=id").arg(branch),
            token);
        QCOMPARE(replaced.rows.size(), 2);
        QCOMPARE(replaced.rows.at(0).value(QStringLiteral("id")).toString(),
                 m_server->mailboxes().at(0).externalDirectoryObjectId.toString(QUuid::WithoutBraces));
        QCOMPARE(control("POST", QStringLiteral("group-members"),
                         {{QStringLiteral("group"), branch},
                          {QStringLiteral("members"), QJsonArray{QStringLiteral("ghost")}}})
                     .status,
                 400);
    }

    void twentyThousandMembersPagedToTheEnd()
    {
        EmulatorOptions options;
        options.mailboxCount = 25000;
        options.caGroupSize = 20000;
        EmulatorServer big(options);
        QVERIFY(big.start());
        EmulatorTestClient client(big.baseUrl());
        const QByteArray token = client.graphTokenFor(big.tenantDomain(), big.adminUserPrincipalName());
        for (const QString &name :
             {QStringLiteral("SMTP devices (legacy exception)"), QStringLiteral("Branch offices")}) {
            QUrl next = client.url(
                QStringLiteral("/v1.0/groups/%1/transitiveMembers/microsoft.graph.user?$select=id&$top=999")
                    .arg(big.groupId(name).toString(QUuid::WithoutBraces)));
            QSet<QString> members;
            int pages = 0;
            while (next.isValid() && pages < 100) {
                const HttpResult page = client.graphGet(next, token);
                QCOMPARE(page.status, 200);
                ++pages;
                const QJsonArray rows = page.json().value(QStringLiteral("value")).toArray();
                QVERIFY(rows.size() <= 999);
                for (const QJsonValue &row : rows)
                    members.insert(row.toObject().value(QStringLiteral("id")).toString());
                const QString link = page.json().value(QStringLiteral("@odata.nextLink")).toString();
                next = link.isEmpty() ? QUrl() : QUrl(link);
            }
            QCOMPARE(members.size(), 20000);
            QCOMPARE(pages, 21);
        }
    }

    void directoryRolesOfAUser()
    {
        const QByteArray token = graphToken("admin");
        const QJsonObject t = truth();
        QString adminId;
        QStringList exchangeAdmins;
        for (const QJsonValue &value : t.value(QStringLiteral("users")).toArray()) {
            const QJsonObject user = value.toObject();
            if (user.value(QStringLiteral("userPrincipalName")).toString() == upn("admin"))
                adminId = user.value(QStringLiteral("objectId")).toString();
            if (user.value(QStringLiteral("hasMailbox")).toBool() &&
                user.value(QStringLiteral("roles")).toArray().contains(QJsonValue(kExchangeAdministrator)))
                exchangeAdmins.append(user.value(QStringLiteral("objectId")).toString());
        }
        QCOMPARE(exchangeAdmins.size(), 2); // mailbox users the report-only admin policy "would block"
        const auto rolesOf = [&](const QString &user) {
            QStringList roles;
            const HttpResult result = graphGet(
                QStringLiteral(
                    "/v1.0/users/%1/transitiveMemberOf/microsoft.graph.directoryRole?$select=roleTemplateId")
                    .arg(user),
                token);
            for (const QJsonValue &row : result.json().value(QStringLiteral("value")).toArray())
                roles.append(row.toObject().value(QStringLiteral("roleTemplateId")).toString());
            roles.sort();
            return roles;
        };
        QCOMPARE(rolesOf(adminId), (QStringList{kExchangeAdministrator, kGlobalReader}));
        QCOMPARE(rolesOf(upn("admin")),
                 (QStringList{kExchangeAdministrator, kGlobalReader})); // a UPN works as the id
        for (const QString &holder : exchangeAdmins)
            QCOMPARE(rolesOf(holder), QStringList{kExchangeAdministrator});
        QCOMPARE(rolesOf(t.value(QStringLiteral("breakGlassObjectId")).toString()),
                 QStringList{kGlobalAdministrator});
        QVERIFY(rolesOf(m_server->mailboxes().at(0).externalDirectoryObjectId.toString(QUuid::WithoutBraces))
                    .size() <= 1);
        // The truth lists the holders per role too.
        bool found = false;
        for (const QJsonValue &role : t.value(QStringLiteral("directoryRoles")).toArray()) {
            if (role.toObject().value(QStringLiteral("roleTemplateId")).toString() ==
                kExchangeAdministrator) {
                found = true;
                QCOMPARE(role.toObject().value(QStringLiteral("displayName")).toString(),
                         QStringLiteral("Exchange Administrator"));
                QCOMPARE(role.toObject().value(QStringLiteral("members")).toArray().size(), 3);
            }
        }
        QVERIFY(found);

        // Without the cast: groups and roles, typed.
        const QString member = t.value(QStringLiteral("groups"))
                                   .toArray()
                                   .at(1)
                                   .toObject()
                                   .value(QStringLiteral("members"))
                                   .toArray()
                                   .first()
                                   .toString();
        const HttpResult all =
            graphGet(QStringLiteral("/v1.0/users/%1/transitiveMemberOf").arg(member), token);
        QCOMPARE(all.status, 200);
        QVERIFY(!all.json().value(QStringLiteral("value")).toArray().isEmpty());
        QCOMPARE(all.json()
                     .value(QStringLiteral("value"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("@odata.type"))
                     .toString(),
                 QStringLiteral("#microsoft.graph.group"));

        const HttpResult unknown =
            graphGet(QStringLiteral("/v1.0/users/%1/transitiveMemberOf/microsoft.graph.directoryRole")
                         .arg(QUuid::createUuid().toString(QUuid::WithoutBraces)),
                     token);
        QCOMPARE(unknown.status, 404);
        QCOMPARE(graphError(unknown).value(QStringLiteral("code")).toString(),
                 QStringLiteral("Request_ResourceNotFound"));
        QCOMPARE(graphGet(QStringLiteral("/v1.0/me/transitiveMemberOf/microsoft.graph.directoryRole"), token)
                     .json()
                     .value(QStringLiteral("value"))
                     .toArray()
                     .size(),
                 2);
    }

    void unknownPathsAndMethods()
    {
        const QByteArray token = graphToken("admin");
        const HttpResult unknown = graphGet(QStringLiteral("/v1.0/nonsense/things"), token, "abc");
        QCOMPARE(unknown.status, 404);
        const QJsonObject error = graphError(unknown);
        QVERIFY(!error.value(QStringLiteral("code")).toString().isEmpty());
        QVERIFY(error.value(QStringLiteral("message")).toString().contains(QLatin1String("things")));
        QCOMPARE(error.value(QStringLiteral("innerError"))
                     .toObject()
                     .value(QStringLiteral("client-request-id"))
                     .toString(),
                 QStringLiteral("abc"));
        const HttpResult post = m_client->graphGet(m_client->url(kCaPath), token, {}, "POST");
        QCOMPARE(post.status, 405);
        QCOMPARE(post.header("allow"), QByteArray("GET"));
        QVERIFY(graphError(post).contains(QStringLiteral("innerError")));
        QCOMPARE(m_client
                     ->graphGet(m_client->url(QStringLiteral(
                                    "/v1.0/policies/identitySecurityDefaultsEnforcementPolicy")),
                                token, {}, "PATCH")
                     .status,
                 405);
    }

    void forbiddenGraphPath()
    {
        const QByteArray token = graphToken("admin");
        QCOMPARE(control("POST", QStringLiteral("forbid"), {{QStringLiteral("graph"), kCaPath}}).status, 204);
        const HttpResult denied = graphGet(kCaPath, token);
        QCOMPARE(denied.status, 403);
        QCOMPARE(graphError(denied).value(QStringLiteral("code")).toString(),
                 QStringLiteral("Authorization_RequestDenied"));
        QCOMPARE(graphGet(QStringLiteral("/v1.0/policies/identitySecurityDefaultsEnforcementPolicy"), token)
                     .status,
                 200);
        QCOMPARE(control("POST", QStringLiteral("forbid"), {}).status, 204);
        QCOMPARE(graphGet(kCaPath, token).status, 200);
    }

    // --- faults ---------------------------------------------------------------------------------

    void targetedGraphThrottling()
    {
        const QByteArray token = graphToken("admin");
        const QByteArray exchange = m_client->accessTokenFor(tenant(), upn("admin"));
        QVERIFY(script(QJsonArray{
            QJsonObject{{QStringLiteral("status"), 429},
                        {QStringLiteral("retryAfter"), 7},
                        {QStringLiteral("target"), QStringLiteral("graph")}},
            QJsonObject{{QStringLiteral("status"), 503},
                        {QStringLiteral("target"), QStringLiteral("/v1.0/identity/conditionalAccess")}},
        }));
        // The security-defaults read takes the first step (any Graph request); the 503 waits for CA.
        const HttpResult throttled = graphGet(
            QStringLiteral("/v1.0/policies/identitySecurityDefaultsEnforcementPolicy"), token, "r-1");
        QCOMPARE(throttled.status, 429);
        QCOMPARE(throttled.header("retry-after"), QByteArray("7"));
        QCOMPARE(graphError(throttled).value(QStringLiteral("code")).toString(),
                 QStringLiteral("TooManyRequests"));
        QCOMPARE(graphError(throttled)
                     .value(QStringLiteral("innerError"))
                     .toObject()
                     .value(QStringLiteral("client-request-id"))
                     .toString(),
                 QStringLiteral("r-1"));
        QCOMPARE(graphGet(QStringLiteral("/v1.0/policies/identitySecurityDefaultsEnforcementPolicy"), token)
                     .status,
                 200);
        QCOMPARE(m_client
                     ->invoke(tenant(), exchange,
                              EmulatorTestClient::cmdlet(QStringLiteral("Get-TransportConfig")))
                     .status,
                 200);
        QCOMPARE(m_server->pendingFaults(), 1);
        const HttpResult unavailable = graphGet(kCaPath, token);
        QCOMPARE(unavailable.status, 503);
        QCOMPARE(graphError(unavailable).value(QStringLiteral("code")).toString(),
                 QStringLiteral("ServiceUnavailable"));
        QVERIFY(unavailable.header("retry-after").isEmpty());
        QCOMPARE(m_server->pendingFaults(), 0);
        QCOMPARE(graphGet(kCaPath, token).status, 200);

        const QJsonObject stats = control("GET", QStringLiteral("stats")).json();
        QCOMPARE(stats.value(QStringLiteral("graphRequests")).toInt(), 4);
        QCOMPARE(stats.value(QStringLiteral("apiRequests")).toInt(), 1);
        QCOMPARE(stats.value(QStringLiteral("graphClientRequestIds")).toArray().first().toString(),
                 QStringLiteral("r-1"));
        QCOMPARE(stats.value(QStringLiteral("graphRouteCounts"))
                     .toObject()
                     .value(QStringLiteral("conditionalAccessPolicies"))
                     .toInt(),
                 1);
    }

    void untargetedStepsStayWithTheExchangeApi()
    {
        const QByteArray token = graphToken("admin");
        const QByteArray exchange = m_client->accessTokenFor(tenant(), upn("admin"));
        QVERIFY(script(
            QJsonArray{QJsonObject{{QStringLiteral("status"), 429}, {QStringLiteral("retryAfter"), 1}}}));
        // Graph traffic passes the Exchange step by.
        QCOMPARE(graphGet(kCaPath, token).status, 200);
        QCOMPARE(graphGet(QStringLiteral("/v1.0/policies/identitySecurityDefaultsEnforcementPolicy"), token)
                     .status,
                 200);
        QCOMPARE(m_server->pendingFaults(), 1);
        const HttpResult throttled = m_client->invoke(
            tenant(), exchange, EmulatorTestClient::cmdlet(QStringLiteral("Get-TransportConfig")));
        QCOMPARE(throttled.status, 429);
        QCOMPARE(throttled.header("retry-after"), QByteArray("1"));
        QCOMPARE(m_server->pendingFaults(), 0);
        // Random rates apply to /adminapi/ only.
        m_server->setFaultRates(0.0, 0.0, 1.0, 0.0);
        QCOMPARE(graphGet(kCaPath, token).status, 200);
        QCOMPARE(m_client
                     ->invoke(tenant(), exchange,
                              EmulatorTestClient::cmdlet(QStringLiteral("Get-TransportConfig")))
                     .status,
                 503);
    }

    void cmdletTargetedSteps()
    {
        const QByteArray exchange = m_client->accessTokenFor(tenant(), upn("admin"));
        QVERIFY(script(QJsonArray{QJsonObject{{QStringLiteral("status"), 429},
                                              {QStringLiteral("target"), QStringLiteral("Get-User")}}}));
        QCOMPARE(
            m_client->invoke(tenant(), exchange, EmulatorTestClient::cmdlet(QStringLiteral("Get-CASMailbox")))
                .status,
            200);
        QCOMPARE(m_server->pendingFaults(), 1);
        QCOMPARE(m_client->invoke(tenant(), exchange, EmulatorTestClient::cmdlet(QStringLiteral("get-user")))
                     .status,
                 429);
        QCOMPARE(m_server->pendingFaults(), 0);
        // In a $batch too (the whole batch answers, as a front end would).
        QVERIFY(script(
            QJsonArray{QJsonObject{{QStringLiteral("status"), 503},
                                   {QStringLiteral("target"), QStringLiteral("Get-AuthenticationPolicy")}}}));
        const QString invokeUrl = m_server->baseUrl().toString() + QStringLiteral("/adminapi/beta/") +
                                  tenant() + QStringLiteral("/InvokeCommand");
        const QJsonObject batch{
            {QStringLiteral("requests"),
             QJsonArray{QJsonObject{{QStringLiteral("id"), QStringLiteral("1")},
                                    {QStringLiteral("method"), QStringLiteral("POST")},
                                    {QStringLiteral("url"), invokeUrl},
                                    {QStringLiteral("body"), EmulatorTestClient::cmdlet(QStringLiteral(
                                                                 "Get-AuthenticationPolicy"))}}}}};
        QCOMPARE(m_client
                     ->invokeUrl(m_client->url(QStringLiteral("/adminapi/beta/%1/$batch").arg(tenant())),
                                 exchange, QJsonDocument(batch).toJson())
                     .status,
                 503);
        // A target that makes no sense is refused with the step named.
        const HttpResult refused =
            control("POST", QStringLiteral("faults"),
                    {{QStringLiteral("script"),
                      QJsonArray{QJsonObject{{QStringLiteral("target"), QStringLiteral("graf")}}}}});
        QCOMPARE(refused.status, 400);
        QVERIFY(refused.json()
                    .value(QStringLiteral("error"))
                    .toObject()
                    .value(QStringLiteral("message"))
                    .toString()
                    .startsWith(QLatin1String("script step 0: target")));
    }

    void graphFaultsSpoilBodiesAndDrop()
    {
        const QByteArray token = graphToken("admin");
        QVERIFY(script(QJsonArray{QJsonObject{{QStringLiteral("body"), QStringLiteral("malformed-json")},
                                              {QStringLiteral("target"), QStringLiteral("graph")}},
                                  QJsonObject{{QStringLiteral("status"), 502},
                                              {QStringLiteral("body"), QStringLiteral("html")},
                                              {QStringLiteral("target"), QStringLiteral("graph")}}}));
        const HttpResult broken = graphGet(kCaPath, token);
        QCOMPARE(broken.status, 200);
        QVERIFY(QJsonDocument::fromJson(broken.body).isNull());
        const HttpResult html = graphGet(kCaPath, token);
        QCOMPARE(html.status, 502);
        QVERIFY(html.header("content-type").startsWith("text/html"));
        QCOMPARE(graphGet(kCaPath, token).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestEmulatorGraph)
#include "test_emulatorgraph.moc"
