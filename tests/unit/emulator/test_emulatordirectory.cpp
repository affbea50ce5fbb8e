// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// The readiness reads of the emulated Exchange Online admin API (exchange-protocol.md §9):
// Get-AuthenticationPolicy, Get-OrganizationConfig and Get-User through InvokeCommand and $batch, with
// the same envelope, paging, $select and errors as Get-CASMailbox; the knobs and control endpoints of
// the directory; and the directory's life in the state file. Real HTTP on 127.0.0.1.
#include "emulator/emulatorserver.h"
#include "emulatordirectorytruth.h"
#include "emulatortestclient.h"

#include <QFile>
#include <QJsonArray>
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
const QString kUserSelect =
    QStringLiteral("?$select=Guid,ExternalDirectoryObjectId,UserPrincipalName,AuthenticationPolicy");

const QStringList kAllowProperties{
    QStringLiteral("AllowBasicAuthSmtp"),
    QStringLiteral("AllowBasicAuthImap"),
    QStringLiteral("AllowBasicAuthPop"),
    QStringLiteral("AllowBasicAuthActiveSync"),
    QStringLiteral("AllowBasicAuthAutodiscover"),
    QStringLiteral("AllowBasicAuthMapi"),
    QStringLiteral("AllowBasicAuthOfflineAddressBook"),
    QStringLiteral("AllowBasicAuthOutlookService"),
    QStringLiteral("AllowBasicAuthPowershell"),
    QStringLiteral("AllowBasicAuthReportingWebServices"),
    QStringLiteral("AllowBasicAuthRpc"),
    QStringLiteral("AllowBasicAuthWebServices"),
};

QString humanMessage(const QJsonObject &envelope)
{
    const QJsonObject error = envelope.value(QStringLiteral("error")).toObject();
    return error.value(QStringLiteral("details"))
        .toArray()
        .first()
        .toObject()
        .value(QStringLiteral("message"))
        .toString()
        .split(QLatin1Char('|'))
        .last();
}

QString detail(const QJsonObject &envelope)
{
    return envelope.value(QStringLiteral("error"))
        .toObject()
        .value(QStringLiteral("details"))
        .toArray()
        .first()
        .toObject()
        .value(QStringLiteral("message"))
        .toString();
}

struct Listing
{
    QList<QJsonObject> rows;
    QStringList warnings;
    int pages = 0;
    int lastStatus = 0;
};

} // namespace

class TestEmulatorDirectory : public QObject
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
    QJsonObject truth() { return control("GET", QStringLiteral("directory")).json(); }
    HttpResult run(const QString &cmdlet, const QJsonObject &parameters = {}, const QString &query = {},
                   const QByteArray &token = {})
    {
        return m_client->invoke(tenant(), token.isEmpty() ? m_admin : token,
                                EmulatorTestClient::cmdlet(cmdlet, parameters), query);
    }
    // Follows every nextLink (POST, same body), as exchange-protocol.md §4 says.
    Listing readAll(const QString &cmdlet, const QJsonObject &parameters, const QString &query, int pageSize)
    {
        Listing listing;
        const QByteArray body =
            QJsonDocument(EmulatorTestClient::cmdlet(cmdlet, parameters)).toJson(QJsonDocument::Compact);
        QUrl next = m_client->url(QStringLiteral("/adminapi/beta/%1/InvokeCommand%2").arg(tenant(), query));
        while (next.isValid() && listing.pages < 1000) {
            const HttpResult page = m_client->invokeUrl(next, m_admin, body, pageSize);
            listing.lastStatus = page.status;
            if (page.status != 200)
                break;
            ++listing.pages;
            const QJsonObject json = page.json();
            for (const QJsonValue &row : json.value(QStringLiteral("value")).toArray())
                listing.rows.append(row.toObject());
            for (const QJsonValue &w : json.value(QStringLiteral("@adminapi.warnings")).toArray())
                listing.warnings.append(w.toString());
            const QString link = json.value(QStringLiteral("@odata.nextLink")).toString();
            next = link.isEmpty() ? QUrl() : QUrl(link);
        }
        return listing;
    }
    // Get-User AuthenticationPolicy by ExternalDirectoryObjectId, from the truth document.
    static QHash<QString, QJsonValue> truthPolicies(const QJsonObject &truth)
    {
        QHash<QString, QJsonValue> policies;
        for (const QJsonValue &user : truth.value(QStringLiteral("users")).toArray())
            policies.insert(user.toObject().value(QStringLiteral("objectId")).toString(),
                            user.toObject().value(QStringLiteral("authenticationPolicy")));
        return policies;
    }

private Q_SLOTS:
    void init()
    {
        EmulatorOptions options;
        options.mailboxCount = 60;
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

    void authenticationPoliciesAreListedWithEveryProperty()
    {
        const HttpResult result = run(QStringLiteral("Get-AuthenticationPolicy"));
        QCOMPARE(result.status, 200);
        QVERIFY(result.header("content-type").startsWith("application/json;odata.metadata=minimal"));
        const QJsonObject envelope = result.json();
        QVERIFY(envelope.value(QStringLiteral("@adminapi.warnings")).toArray().isEmpty());
        QVERIFY(!envelope.contains(QStringLiteral("@odata.nextLink")));
        const QJsonArray rows = envelope.value(QStringLiteral("value")).toArray();
        QCOMPARE(rows.size(), 5);
        QHash<QString, QJsonObject> byName;
        for (const QJsonValue &value : rows) {
            const QJsonObject row = value.toObject();
            const QString name = row.value(QStringLiteral("Name")).toString();
            byName.insert(name, row);
            QCOMPARE(row.value(QStringLiteral("Identity")).toString(), name);
            QCOMPARE(row.value(QStringLiteral("DistinguishedName")).toString(),
                     QStringLiteral(
                         "CN=%1,CN=Auth "
                         "Policies,CN=%2,CN=ConfigurationUnits,DC=EMUPR01A001,DC=PROD,DC=OUTLOOK,DC=COM")
                         .arg(name, tenant()));
            QVERIFY(!QUuid(row.value(QStringLiteral("Guid")).toString()).isNull());
            QCOMPARE(row.value(QStringLiteral("Guid@data.type")).toString(), QStringLiteral("System.Guid"));
            for (const QString &property : kAllowProperties) {
                QVERIFY2(row.value(property).isBool(), qPrintable(name + QLatin1Char(' ') + property));
                QCOMPARE(row.value(property + QStringLiteral("@odata.type")).toString(),
                         QStringLiteral("#Boolean"));
            }
            const QDateTime changed =
                QDateTime::fromString(row.value(QStringLiteral("WhenChangedUTC")).toString(), Qt::ISODate);
            QVERIFY(changed.isValid());
            QCOMPARE(QDateTime::fromString(row.value(QStringLiteral("WhenChanged")).toString(), Qt::ISODate),
                     changed);
            QCOMPARE(row.value(QStringLiteral("WhenChanged@data.type")).toString(),
                     QStringLiteral("System.DateTime"));
        }
        QVERIFY(byName.contains(QStringLiteral("LegacyExchangeTokens")));
        QCOMPARE(byName.value(QStringLiteral("Block Basic Auth")).value(QStringLiteral("AllowBasicAuthSmtp")),
                 QJsonValue(false));
        QCOMPARE(byName.value(QStringLiteral("Block Basic Auth")).value(QStringLiteral("AllowBasicAuthImap")),
                 QJsonValue(false));
        QCOMPARE(byName.value(QStringLiteral("Allow Basic SMTP")).value(QStringLiteral("AllowBasicAuthSmtp")),
                 QJsonValue(true));
        QCOMPARE(byName.value(QStringLiteral("Allow Basic SMTP")).value(QStringLiteral("AllowBasicAuthPop")),
                 QJsonValue(false));
        QCOMPARE(
            byName.value(QStringLiteral("Tenant Default Policy")).value(QStringLiteral("AllowBasicAuthSmtp")),
            QJsonValue(true));
        QCOMPARE(byName.value(QStringLiteral("Legacy apps (Basic allowed)"))
                     .value(QStringLiteral("AllowBasicAuthRpc")),
                 QJsonValue(true));

        // The truth document says the same.
        const QJsonArray truthPolicies = truth().value(QStringLiteral("authenticationPolicies")).toArray();
        QCOMPARE(truthPolicies.size(), 5);
        for (const QJsonValue &value : truthPolicies) {
            const QJsonObject p = value.toObject();
            const QJsonObject wire = byName.value(p.value(QStringLiteral("Name")).toString());
            QCOMPARE(p.value(QStringLiteral("Guid")), wire.value(QStringLiteral("Guid")));
            QCOMPARE(p.value(QStringLiteral("DistinguishedName")),
                     wire.value(QStringLiteral("DistinguishedName")));
            for (const QString &property : kAllowProperties)
                QCOMPARE(p.value(property), wire.value(property));
            QCOMPARE(p.value(QStringLiteral("legacyExchangeTokens")).toBool(),
                     p.value(QStringLiteral("Name")).toString() == QLatin1String("LegacyExchangeTokens"));
        }
    }

    void authenticationPolicyByIdentityAndPaging()
    {
        const QJsonObject block = run(QStringLiteral("Get-AuthenticationPolicy"),
                                      {{QStringLiteral("Identity"), QStringLiteral("block basic auth")}})
                                      .json()
                                      .value(QStringLiteral("value"))
                                      .toArray()
                                      .first()
                                      .toObject();
        QCOMPARE(block.value(QStringLiteral("Name")).toString(), QStringLiteral("Block Basic Auth"));
        for (const QString &identity : {block.value(QStringLiteral("Guid")).toString(),
                                        block.value(QStringLiteral("DistinguishedName")).toString()}) {
            const HttpResult byOther =
                run(QStringLiteral("Get-AuthenticationPolicy"), {{QStringLiteral("Identity"), identity}});
            QCOMPARE(byOther.status, 200);
            QCOMPARE(byOther.json()
                         .value(QStringLiteral("value"))
                         .toArray()
                         .first()
                         .toObject()
                         .value(QStringLiteral("Name")),
                     block.value(QStringLiteral("Name")));
        }
        const HttpResult missing =
            run(QStringLiteral("Get-AuthenticationPolicy"),
                {{QStringLiteral("Identity"), QStringLiteral("Retired Basic Auth Policy")}});
        QCOMPARE(missing.status, 404);
        QVERIFY(
            detail(missing.json())
                .startsWith(QLatin1String(
                    "Ex6F9304|Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException|")));
        QCOMPARE(run(QStringLiteral("Get-AuthenticationPolicy"), {{QStringLiteral("Bogus"), 1}}).status, 400);

        // Listing Gets page alike: 5 policies at 2 per page are 3 pages, nextLink by POST.
        const Listing listing = readAll(QStringLiteral("Get-AuthenticationPolicy"), {},
                                        QStringLiteral("?$select=Name,AllowBasicAuthSmtp"), 2);
        QCOMPARE(listing.pages, 3);
        QCOMPARE(listing.rows.size(), 5);
        for (const QJsonObject &row : listing.rows) {
            for (const QString &key : row.keys())
                QVERIFY2(key == QLatin1String("Name") || key.startsWith(QLatin1String("AllowBasicAuthSmtp")),
                         qPrintable(key));
        }
    }

    void tenantThatNeverUsedPolicies()
    {
        QCOMPARE(control("POST", QStringLiteral("auth-policies"), {{QStringLiteral("used"), false}}).status,
                 204);
        const HttpResult result = run(QStringLiteral("Get-AuthenticationPolicy"));
        QCOMPARE(result.status, 404);
        const QJsonObject envelope = result.json();
        QCOMPARE(
            envelope.value(QStringLiteral("error")).toObject().value(QStringLiteral("message")).toString(),
            QStringLiteral("Error executing cmdlet"));
        QVERIFY(detail(envelope).contains(QLatin1String("ManagementObjectNotFoundException")));
        QVERIFY(humanMessage(envelope).contains(QLatin1String("couldn't be found")));
        QVERIFY(envelope.value(QStringLiteral("error"))
                    .toObject()
                    .value(QStringLiteral("innererror"))
                    .toObject()
                    .value(QStringLiteral("internalexception"))
                    .isObject());
        QVERIFY(envelope.value(QStringLiteral("@adminapi.warnings")).isArray());

        // Then nothing refers to a policy either.
        const QJsonObject config = run(QStringLiteral("Get-OrganizationConfig"), {},
                                       QStringLiteral("?$select=DefaultAuthenticationPolicy"))
                                       .json()
                                       .value(QStringLiteral("value"))
                                       .toArray()
                                       .first()
                                       .toObject();
        QVERIFY(config.value(QStringLiteral("DefaultAuthenticationPolicy")).isNull());
        const Listing withPolicy =
            readAll(QStringLiteral("Get-User"),
                    {{QStringLiteral("ResultSize"), QStringLiteral("Unlimited")},
                     {QStringLiteral("Filter"), QStringLiteral("AuthenticationPolicy -ne $null")}},
                    kUserSelect, 1000);
        QCOMPARE(withPolicy.lastStatus, 200);
        QVERIFY(withPolicy.rows.isEmpty());
        const QJsonObject t = truth();
        QVERIFY(t.value(QStringLiteral("authenticationPolicies")).toArray().isEmpty());
        QVERIFY(t.value(QStringLiteral("orgDefaultAuthenticationPolicy")).isNull());
        QCOMPARE(t.value(QStringLiteral("authenticationPoliciesUsed")), QJsonValue(false));

        // The policies come back when the knob is turned off again.
        QCOMPARE(control("POST", QStringLiteral("auth-policies"), {{QStringLiteral("used"), true}}).status,
                 204);
        QCOMPARE(run(QStringLiteral("Get-AuthenticationPolicy"))
                     .json()
                     .value(QStringLiteral("value"))
                     .toArray()
                     .size(),
                 5);

        // The same knob at seed time.
        EmulatorOptions options;
        options.mailboxCount = 5;
        options.authenticationPoliciesUsed = false;
        EmulatorServer never(options);
        QVERIFY(never.start());
        EmulatorTestClient client(never.baseUrl());
        const QByteArray token = client.accessTokenFor(never.tenantDomain(), never.adminUserPrincipalName());
        QCOMPARE(client
                     .invoke(never.tenantDomain(), token,
                             EmulatorTestClient::cmdlet(QStringLiteral("Get-AuthenticationPolicy")))
                     .status,
                 404);
    }

    void organizationConfigDefaultPolicy()
    {
        const HttpResult result = run(QStringLiteral("Get-OrganizationConfig"), {},
                                      QStringLiteral("?$select=DefaultAuthenticationPolicy"));
        QCOMPARE(result.status, 200);
        const QJsonArray rows = result.json().value(QStringLiteral("value")).toArray();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().toObject().keys(), QStringList{QStringLiteral("DefaultAuthenticationPolicy")});
        QCOMPARE(rows.first().toObject().value(QStringLiteral("DefaultAuthenticationPolicy")).toString(),
                 QStringLiteral("Tenant Default Policy"));
        const QJsonObject full = run(QStringLiteral("Get-OrganizationConfig"))
                                     .json()
                                     .value(QStringLiteral("value"))
                                     .toArray()
                                     .first()
                                     .toObject();
        QVERIFY(full.contains(QStringLiteral("Identity")));
        QVERIFY(full.contains(QStringLiteral("Guid@odata.type")));
        QCOMPARE(
            run(QStringLiteral("Get-OrganizationConfig"), {{QStringLiteral("Identity"), QStringLiteral("x")}})
                .status,
            400);

        QCOMPARE(control("POST", QStringLiteral("auth-policies"), {{QStringLiteral("orgDefaultAsDn"), true}})
                     .status,
                 204);
        const QString dn = run(QStringLiteral("Get-OrganizationConfig"), {},
                               QStringLiteral("?$select=DefaultAuthenticationPolicy"))
                               .json()
                               .value(QStringLiteral("value"))
                               .toArray()
                               .first()
                               .toObject()
                               .value(QStringLiteral("DefaultAuthenticationPolicy"))
                               .toString();
        QVERIFY2(dn.startsWith(QLatin1String("CN=Tenant Default Policy,CN=Auth Policies,CN=")),
                 qPrintable(dn));
        QCOMPARE(truth().value(QStringLiteral("orgDefaultAuthenticationPolicyOnTheWire")).toString(), dn);
        QCOMPARE(truth().value(QStringLiteral("orgDefaultAuthenticationPolicy")).toString(),
                 QStringLiteral("Tenant Default Policy"));

        QCOMPARE(control("POST", QStringLiteral("auth-policies"),
                         {{QStringLiteral("orgDefault"), QJsonValue::Null}})
                     .status,
                 204);
        QVERIFY(run(QStringLiteral("Get-OrganizationConfig"))
                    .json()
                    .value(QStringLiteral("value"))
                    .toArray()
                    .first()
                    .toObject()
                    .value(QStringLiteral("DefaultAuthenticationPolicy"))
                    .isNull());
        QVERIFY(truth().value(QStringLiteral("orgDefaultAuthenticationPolicy")).isNull());
        QCOMPARE(control("POST", QStringLiteral("auth-policies"),
                         {{QStringLiteral("orgDefault"), QStringLiteral("Block Basic Auth")}})
                     .status,
                 204);
        QCOMPARE(truth().value(QStringLiteral("orgDefaultAuthenticationPolicy")).toString(),
                 QStringLiteral("Block Basic Auth"));
    }

    void usersArePagedOncePerMailboxPlusAccounts()
    {
        const Listing listing =
            readAll(QStringLiteral("Get-User"), {{QStringLiteral("ResultSize"), QStringLiteral("Unlimited")}},
                    kUserSelect, 7);
        QCOMPARE(listing.lastStatus, 200);
        QVERIFY(listing.warnings.isEmpty());
        // 60 mailbox users, the four demo admins and the break-glass account.
        QCOMPARE(listing.rows.size(), 65);
        QCOMPARE(listing.pages, 10);
        const QJsonObject t = truth();
        QCOMPARE(t.value(QStringLiteral("userCount")).toInt(), 65);
        const QHash<QString, QJsonValue> expectedPolicies = truthPolicies(t);

        QHash<QString, EmulatorMailbox> mailboxByExternalId;
        for (const EmulatorMailbox &m : m_server->mailboxes())
            mailboxByExternalId.insert(m.externalDirectoryObjectId.toString(QUuid::WithoutBraces), m);
        QSet<QString> seen;
        int withMailbox = 0;
        int upnDiffers = 0;
        int nullPolicy = 0;
        int emptyPolicy = 0;
        int dnPolicy = 0;
        int missingPolicy = 0;
        QSet<QString> accounts;
        for (const QJsonObject &row : listing.rows) {
            for (const QString &key : row.keys()) {
                QVERIFY2(key.startsWith(QLatin1String("Guid")) ||
                             key == QLatin1String("ExternalDirectoryObjectId") ||
                             key == QLatin1String("UserPrincipalName") ||
                             key == QLatin1String("AuthenticationPolicy"),
                         qPrintable(key));
            }
            const QString externalId = row.value(QStringLiteral("ExternalDirectoryObjectId")).toString();
            QVERIFY2(!seen.contains(externalId), "duplicate across pages");
            seen.insert(externalId);
            const QJsonValue policy = row.value(QStringLiteral("AuthenticationPolicy"));
            QVERIFY(row.contains(QStringLiteral("AuthenticationPolicy")));
            QCOMPARE(policy, expectedPolicies.value(externalId));
            if (policy.isNull())
                ++nullPolicy;
            else if (policy.toString().isEmpty())
                ++emptyPolicy;
            else if (policy.toString().startsWith(QLatin1String("CN=")))
                ++dnPolicy;
            else if (policy.toString() == QLatin1String("Retired Basic Auth Policy"))
                ++missingPolicy;
            const QString upn = row.value(QStringLiteral("UserPrincipalName")).toString();
            if (mailboxByExternalId.contains(externalId)) {
                ++withMailbox;
                const EmulatorMailbox m = mailboxByExternalId.value(externalId);
                QCOMPARE(row.value(QStringLiteral("Guid")).toString(), m.guid.toString(QUuid::WithoutBraces));
                if (upn.compare(m.primarySmtpAddress, Qt::CaseInsensitive) != 0) {
                    ++upnDiffers;
                    QVERIFY2(upn.startsWith(m.name + QLatin1Char('@')), qPrintable(upn));
                }
            } else {
                accounts.insert(upn.section(QLatin1Char('@'), 0, 0));
            }
        }
        QCOMPARE(withMailbox, 60);
        QCOMPARE(accounts, (QSet<QString>{QStringLiteral("admin"), QStringLiteral("recipients"),
                                          QStringLiteral("helpdesk"), QStringLiteral("reader"),
                                          QStringLiteral("breakglass")}));
        QVERIFY2(upnDiffers >= 2, qPrintable(QString::number(upnDiffers)));
        QVERIFY2(nullPolicy > 65 / 2, "most users have no policy of their own");
        QVERIFY(emptyPolicy >= 1);
        QVERIFY(dnPolicy >= 1);
        QCOMPARE(missingPolicy, 1);
        QSet<QString> names;
        for (const QJsonValue &value : expectedPolicies)
            names.insert(value.toString());
        QVERIFY(names.contains(QStringLiteral("Block Basic Auth")));
        QVERIFY(names.contains(QStringLiteral("Allow Basic SMTP")));
    }

    void userObjectsWithoutSelect()
    {
        const QString admin = m_server->adminUserPrincipalName();
        const QJsonObject account = run(QStringLiteral("Get-User"), {{QStringLiteral("Identity"), admin}})
                                        .json()
                                        .value(QStringLiteral("value"))
                                        .toArray()
                                        .first()
                                        .toObject();
        QCOMPARE(account.value(QStringLiteral("UserPrincipalName")).toString(), admin);
        QCOMPARE(account.value(QStringLiteral("RecipientTypeDetails")).toString(), QStringLiteral("User"));
        QVERIFY(account.value(QStringLiteral("AuthenticationPolicy")).isNull());
        QCOMPARE(account.value(QStringLiteral("Guid@data.type")).toString(), QStringLiteral("System.Guid"));
        const EmulatorMailbox m = m_server->mailboxes().at(11);
        for (const QString &identity : {m.guid.toString(QUuid::WithoutBraces),
                                        m.externalDirectoryObjectId.toString(QUuid::WithoutBraces),
                                        m.primarySmtpAddress.toUpper(), m.name}) {
            const HttpResult byIdentity =
                run(QStringLiteral("Get-User"), {{QStringLiteral("Identity"), identity}});
            QCOMPARE(byIdentity.status, 200);
            const QJsonObject user =
                byIdentity.json().value(QStringLiteral("value")).toArray().first().toObject();
            QCOMPARE(user.value(QStringLiteral("Guid")).toString(), m.guid.toString(QUuid::WithoutBraces));
            QCOMPARE(user.value(QStringLiteral("DisplayName")).toString(), m.displayName);
            QVERIFY(user.value(QStringLiteral("RecipientType")).toString() == QLatin1String("UserMailbox"));
        }
        // A UPN that differs from the address is an identity too.
        for (const QJsonValue &value : truth().value(QStringLiteral("users")).toArray()) {
            const QJsonObject user = value.toObject();
            if (!user.value(QStringLiteral("hasMailbox")).toBool() ||
                user.value(QStringLiteral("userPrincipalName")) ==
                    user.value(QStringLiteral("primarySmtpAddress")))
                continue;
            const HttpResult byUpn = run(
                QStringLiteral("Get-User"),
                {{QStringLiteral("Identity"), user.value(QStringLiteral("userPrincipalName")).toString()}});
            QCOMPARE(byUpn.status, 200);
            QCOMPARE(byUpn.json()
                         .value(QStringLiteral("value"))
                         .toArray()
                         .first()
                         .toObject()
                         .value(QStringLiteral("ExternalDirectoryObjectId")),
                     user.value(QStringLiteral("objectId")));
            break;
        }
        QCOMPARE(run(QStringLiteral("Get-User"),
                     {{QStringLiteral("Identity"), QStringLiteral("ghost@nowhere.example")}})
                     .status,
                 404);
    }

    void userResultSizeTruncates_data()
    {
        QTest::addColumn<QJsonValue>("resultSize");
        QTest::addColumn<int>("rows");
        QTest::addColumn<bool>("warned");
        QTest::newRow("10") << QJsonValue(10) << 10 << true;
        QTest::newRow("\"30\"") << QJsonValue(QStringLiteral("30")) << 30 << true;
        QTest::newRow("65 exactly") << QJsonValue(65) << 65 << false;
        QTest::newRow("default 1000") << QJsonValue(QJsonValue::Undefined) << 65 << false;
    }
    void userResultSizeTruncates()
    {
        QFETCH(QJsonValue, resultSize);
        QFETCH(int, rows);
        QFETCH(bool, warned);
        QJsonObject parameters;
        if (!resultSize.isUndefined())
            parameters.insert(QStringLiteral("ResultSize"), resultSize);
        const Listing listing = readAll(QStringLiteral("Get-User"), parameters, kUserSelect, 7);
        QCOMPARE(listing.rows.size(), rows);
        QCOMPARE(listing.warnings.contains(kTruncationWarning), warned);
        QCOMPARE(run(QStringLiteral("Get-User"), {{QStringLiteral("ResultSize"), 0}}).status, 400);
        QCOMPARE(run(QStringLiteral("Get-User"), {{QStringLiteral("ResultSize"), QJsonValue::Null}}).status,
                 400);
    }

    void userFilterReturnsOnlyUsersWithTheirOwnPolicy()
    {
        const Listing listing =
            readAll(QStringLiteral("Get-User"),
                    {{QStringLiteral("ResultSize"), QStringLiteral("Unlimited")},
                     {QStringLiteral("Filter"), QStringLiteral("AuthenticationPolicy -ne $null")}},
                    kUserSelect, 2);
        QCOMPARE(listing.lastStatus, 200);
        int expected = 0;
        for (const QJsonValue &value : truthPolicies(truth()))
            expected += value.isString() && !value.toString().isEmpty() ? 1 : 0;
        QVERIFY(expected >= 3);
        QCOMPARE(listing.rows.size(), expected);
        for (const QJsonObject &row : listing.rows)
            QVERIFY(!row.value(QStringLiteral("AuthenticationPolicy")).toString().isEmpty());
        // ResultSize applies to the filtered result.
        const Listing two =
            readAll(QStringLiteral("Get-User"),
                    {{QStringLiteral("ResultSize"), 2},
                     {QStringLiteral("Filter"), QStringLiteral("authenticationpolicy  -ne  $null")}},
                    kUserSelect, 1000);
        QCOMPARE(two.rows.size(), 2);
        QVERIFY(two.warnings.contains(kTruncationWarning));
    }

    void otherFiltersAreRefused_data()
    {
        QTest::addColumn<QJsonValue>("filter");
        QTest::addColumn<QString>("messageContains");
        QTest::newRow("another property")
            << QJsonValue(QStringLiteral("RecipientTypeDetails -eq 'UserMailbox'"))
            << QStringLiteral("Invalid filter syntax");
        QTest::newRow("gibberish") << QJsonValue(QStringLiteral("AuthenticationPolicy ~ 1"))
                                   << QStringLiteral("Invalid filter syntax");
        QTest::newRow("not a string") << QJsonValue(3) << QStringLiteral("Cannot convert");
        QTest::newRow("null") << QJsonValue(QJsonValue::Null) << QStringLiteral("null");
    }
    void otherFiltersAreRefused()
    {
        QFETCH(QJsonValue, filter);
        QFETCH(QString, messageContains);
        const HttpResult result = run(QStringLiteral("Get-User"), {{QStringLiteral("Filter"), filter}});
        QCOMPARE(result.status, 400);
        QCOMPARE(
            result.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
            QStringLiteral("BadRequest"));
        QVERIFY2(humanMessage(result.json()).contains(messageContains),
                 qPrintable(humanMessage(result.json())));
    }

    void userNextLinkExpiresAndIsBoundToItsBody()
    {
        const QJsonObject all = EmulatorTestClient::cmdlet(
            QStringLiteral("Get-User"), {{QStringLiteral("ResultSize"), QStringLiteral("Unlimited")}});
        const HttpResult first = m_client->invoke(tenant(), m_admin, all, kUserSelect, 10);
        const QString linkText = first.json().value(QStringLiteral("@odata.nextLink")).toString();
        QVERIFY(linkText.startsWith(m_server->baseUrl().toString() + QStringLiteral("/adminapi/beta/")));
        QVERIFY(linkText.contains(QLatin1String("%24skiptoken=")));
        QVERIFY(linkText.contains(QLatin1String("select")));
        const QUrl link(linkText);
        const QByteArray sameBody = QJsonDocument(all).toJson(QJsonDocument::Compact);
        QCOMPARE(m_client->invokeUrl(link, m_admin, sameBody, 10).status, 200);
        const QByteArray casBody =
            QJsonDocument(
                EmulatorTestClient::cmdlet(QStringLiteral("Get-CASMailbox"),
                                           {{QStringLiteral("ResultSize"), QStringLiteral("Unlimited")}}))
                .toJson(QJsonDocument::Compact);
        QCOMPARE(m_client->invokeUrl(link, m_admin, casBody, 10).status, 400);
        QCOMPARE(control("POST", QStringLiteral("expire-nextlinks")).status, 204);
        const HttpResult expired = m_client->invokeUrl(link, m_admin, sameBody, 10);
        QCOMPARE(expired.status, 400);
        QCOMPARE(expired.json()
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("message"))
                     .toString(),
                 kPagingError);
        // A skiptoken on a Get that does not list is refused the same way.
        const QUrl orgWithToken =
            m_client->url(QStringLiteral("/adminapi/beta/%1/InvokeCommand?%24skiptoken=abc").arg(tenant()));
        QCOMPARE(m_client
                     ->invokeUrl(
                         orgWithToken, m_admin,
                         QJsonDocument(EmulatorTestClient::cmdlet(QStringLiteral("Get-OrganizationConfig")))
                             .toJson())
                     .status,
                 400);
    }

    void readsWorkInsideBatch()
    {
        const QString invokeUrl = m_server->baseUrl().toString() + QStringLiteral("/adminapi/beta/") +
                                  tenant() + QStringLiteral("/InvokeCommand");
        auto request = [&invokeUrl](const char *id, const QJsonObject &cmdlet, const QString &query = {}) {
            return QJsonObject{
                {QStringLiteral("id"), QString::fromLatin1(id)},
                {QStringLiteral("method"), QStringLiteral("POST")},
                {QStringLiteral("url"), QString(invokeUrl + query)},
                {QStringLiteral("headers"),
                 QJsonObject{{QStringLiteral("Content-Type"), QStringLiteral("application/json")},
                             {QStringLiteral("Prefer"), QStringLiteral("odata.maxpagesize=20")}}},
                {QStringLiteral("body"), cmdlet}};
        };
        const QJsonArray requests{
            request("1", EmulatorTestClient::cmdlet(QStringLiteral("Get-AuthenticationPolicy"))),
            request("2", EmulatorTestClient::cmdlet(QStringLiteral("Get-OrganizationConfig")),
                    QStringLiteral("?$select=DefaultAuthenticationPolicy")),
            request("3",
                    EmulatorTestClient::cmdlet(QStringLiteral("Get-User"),
                                               {{QStringLiteral("ResultSize"), QStringLiteral("Unlimited")}}),
                    kUserSelect),
        };
        const HttpResult result = m_client->invokeUrl(
            m_client->url(QStringLiteral("/adminapi/beta/%1/$batch").arg(tenant())), m_admin,
            QJsonDocument(QJsonObject{{QStringLiteral("requests"), requests}}).toJson());
        QCOMPARE(result.status, 200);
        QHash<QString, QJsonObject> byId;
        for (const QJsonValue &r : result.json().value(QStringLiteral("responses")).toArray())
            byId.insert(r.toObject().value(QStringLiteral("id")).toString(), r.toObject());
        QCOMPARE(byId.value(QStringLiteral("1"))
                     .value(QStringLiteral("body"))
                     .toObject()
                     .value(QStringLiteral("value"))
                     .toArray()
                     .size(),
                 5);
        QCOMPARE(byId.value(QStringLiteral("2"))
                     .value(QStringLiteral("body"))
                     .toObject()
                     .value(QStringLiteral("value"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("DefaultAuthenticationPolicy"))
                     .toString(),
                 QStringLiteral("Tenant Default Policy"));
        const QJsonObject users = byId.value(QStringLiteral("3")).value(QStringLiteral("body")).toObject();
        QCOMPARE(users.value(QStringLiteral("value")).toArray().size(), 20);
        QVERIFY(
            users.value(QStringLiteral("@odata.nextLink")).toString().contains(QLatin1String("skiptoken")));
    }

    void forbiddenCmdletAnswers403_data()
    {
        QTest::addColumn<QByteArray>("user");
        QTest::addColumn<QString>("cmdlet");
        QTest::addColumn<QString>("bodyKind"); // "" = the user's own
        QTest::addColumn<bool>("nulBody");
        QTest::addColumn<QByteArray>("role");
        QTest::newRow("admin, empty body")
            << QByteArray("admin") << QStringLiteral("Get-AuthenticationPolicy") << QString() << false
            << QByteArray("View-Only Configuration");
        QTest::newRow("helpdesk, NUL body")
            << QByteArray("helpdesk") << QStringLiteral("Get-AuthenticationPolicy") << QString() << true
            << QByteArray("View-Only Configuration");
        QTest::newRow("Get-User, forced NUL")
            << QByteArray("admin") << QStringLiteral("get-user") << QStringLiteral("nul") << true
            << QByteArray("View-Only Recipients");
        QTest::newRow("Get-OrganizationConfig, forced empty")
            << QByteArray("helpdesk") << QStringLiteral("Get-OrganizationConfig") << QStringLiteral("empty")
            << false << QByteArray("View-Only Configuration");
    }
    void forbiddenCmdletAnswers403()
    {
        QFETCH(QByteArray, user);
        QFETCH(QString, cmdlet);
        QFETCH(QString, bodyKind);
        QFETCH(bool, nulBody);
        QFETCH(QByteArray, role);
        QJsonObject forbid{{QStringLiteral("cmdlet"), cmdlet}};
        if (!bodyKind.isEmpty())
            forbid.insert(QStringLiteral("body"), bodyKind);
        QCOMPARE(control("POST", QStringLiteral("forbid"), forbid).status, 204);
        const QByteArray token = tokenFor(user.constData());
        const HttpResult result = run(cmdlet, {}, {}, token);
        QCOMPARE(result.status, 403);
        const QByteArray diagnostics = result.header("x-ms-diagnostics");
        QVERIFY2(diagnostics.contains("insufficient_permissions"), diagnostics.constData());
        QVERIFY2(diagnostics.toLower().contains(cmdlet.toLower().toLatin1()), diagnostics.constData());
        QVERIFY2(diagnostics.contains(role), diagnostics.constData());
        if (nulBody) {
            QVERIFY(!result.body.isEmpty());
            QCOMPARE(result.body, QByteArray(result.body.size(), '\0'));
        } else {
            QVERIFY(result.body.isEmpty());
        }
        // Other cmdlets are unaffected; {} clears.
        QCOMPARE(run(QStringLiteral("Get-TransportConfig"), {}, {}, token).status, 200);
        QCOMPARE(control("POST", QStringLiteral("forbid"), {}).status, 204);
        QCOMPARE(run(cmdlet, {}, {}, token).status, 200);
    }

    void controlEndpointsRefuseNonsense_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<int>("status");
        QTest::newRow("forbid unknown cmdlet")
            << QStringLiteral("forbid")
            << QJsonObject{{QStringLiteral("cmdlet"), QStringLiteral("Remove-Mailbox")}} << 400;
        QTest::newRow("forbid bad body")
            << QStringLiteral("forbid")
            << QJsonObject{{QStringLiteral("cmdlet"), QStringLiteral("Get-User")},
                           {QStringLiteral("body"), QStringLiteral("xml")}}
            << 400;
        QTest::newRow("forbid relative graph")
            << QStringLiteral("forbid") << QJsonObject{{QStringLiteral("graph"), QStringLiteral("v1.0/x")}}
            << 400;
        QTest::newRow("forbid typo") << QStringLiteral("forbid")
                                     << QJsonObject{{QStringLiteral("cmdlets"), QStringLiteral("Get-User")}}
                                     << 400;
        QTest::newRow("auth-policies empty") << QStringLiteral("auth-policies") << QJsonObject{} << 400;
        QTest::newRow("auth-policies used string")
            << QStringLiteral("auth-policies") << QJsonObject{{QStringLiteral("used"), QStringLiteral("no")}}
            << 400;
        QTest::newRow("auth-policies empty default")
            << QStringLiteral("auth-policies") << QJsonObject{{QStringLiteral("orgDefault"), QString()}}
            << 400;
        QTest::newRow("set-user unknown")
            << QStringLiteral("set-user")
            << QJsonObject{{QStringLiteral("identity"), QStringLiteral("ghost@x.example")},
                           {QStringLiteral("authenticationPolicy"), QJsonValue::Null}}
            << 404;
        QTest::newRow("set-user nothing to do")
            << QStringLiteral("set-user")
            << QJsonObject{{QStringLiteral("identity"), QStringLiteral("admin")}} << 400;
        QTest::newRow("set-user policy number")
            << QStringLiteral("set-user")
            << QJsonObject{{QStringLiteral("identity"), QStringLiteral("admin")},
                           {QStringLiteral("authenticationPolicy"), 1}}
            << 400;
        QTest::newRow("set-user remove false")
            << QStringLiteral("set-user")
            << QJsonObject{{QStringLiteral("identity"), QStringLiteral("admin")},
                           {QStringLiteral("remove"), false}}
            << 400;
        QTest::newRow("set-user typo") << QStringLiteral("set-user")
                                       << QJsonObject{{QStringLiteral("identity"), QStringLiteral("admin")},
                                                      {QStringLiteral("authPolicy"), QStringLiteral("x")}}
                                       << 400;
        QTest::newRow("security-defaults string")
            << QStringLiteral("security-defaults")
            << QJsonObject{{QStringLiteral("enabled"), QStringLiteral("on")}} << 400;
        QTest::newRow("graph-consent missing") << QStringLiteral("graph-consent") << QJsonObject{} << 400;
        QTest::newRow("entra-p1 number")
            << QStringLiteral("entra-p1") << QJsonObject{{QStringLiteral("licensed"), 0}} << 400;
        QTest::newRow("conditional-access not array")
            << QStringLiteral("conditional-access")
            << QJsonObject{{QStringLiteral("policies"), QJsonObject{}}} << 400;
        QTest::newRow("conditional-access without id")
            << QStringLiteral("conditional-access")
            << QJsonObject{{QStringLiteral("policies"),
                            QJsonArray{QJsonObject{{QStringLiteral("state"), QStringLiteral("enabled")}}}}}
            << 400;
        QTest::newRow("group-members unknown group")
            << QStringLiteral("group-members")
            << QJsonObject{{QStringLiteral("group"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                           {QStringLiteral("members"), QJsonArray()}}
            << 404;
        QTest::newRow("group-members not a group id")
            << QStringLiteral("group-members")
            << QJsonObject{{QStringLiteral("group"), QStringLiteral("branch")},
                           {QStringLiteral("members"), QJsonArray()}}
            << 400;
    }
    void controlEndpointsRefuseNonsense()
    {
        QFETCH(QString, action);
        QFETCH(QJsonObject, body);
        QFETCH(int, status);
        const QJsonObject before = truth();
        const HttpResult result = control("POST", action, body);
        QCOMPARE(result.status, status);
        if (status == 400)
            QVERIFY(!result.json()
                         .value(QStringLiteral("error"))
                         .toObject()
                         .value(QStringLiteral("message"))
                         .toString()
                         .isEmpty());
        QCOMPARE(truth(), before);
    }

    void setUserChangesWhatGetUserAnswers()
    {
        const EmulatorMailbox m = m_server->mailboxes().at(5);
        const QString id = m.externalDirectoryObjectId.toString(QUuid::WithoutBraces);
        QSignalSpy changed(m_server.get(), &EmulatorServer::tenantChanged);
        QCOMPARE(control("POST", QStringLiteral("set-user"),
                         {{QStringLiteral("identity"), m.primarySmtpAddress},
                          {QStringLiteral("authenticationPolicy"), QStringLiteral("Block Basic Auth")}})
                     .status,
                 204);
        QCOMPARE(changed.size(), 1);
        const auto policyOf = [this](const QString &identity) {
            return run(QStringLiteral("Get-User"), {{QStringLiteral("Identity"), identity}}, kUserSelect)
                .json()
                .value(QStringLiteral("value"))
                .toArray()
                .first()
                .toObject()
                .value(QStringLiteral("AuthenticationPolicy"));
        };
        QCOMPARE(policyOf(id), QJsonValue(QStringLiteral("Block Basic Auth")));
        QCOMPARE(truthPolicies(truth()).value(id), QJsonValue(QStringLiteral("Block Basic Auth")));
        QVERIFY(m_server->setUserAuthenticationPolicy(id, std::nullopt));
        QVERIFY(policyOf(id).isNull());
        QVERIFY(m_server->setUserAuthenticationPolicy(id, QString()));
        QCOMPARE(policyOf(id), QJsonValue(QString()));

        QCOMPARE(control("POST", QStringLiteral("set-user"),
                         {{QStringLiteral("identity"), id},
                          {QStringLiteral("userPrincipalName"), QStringLiteral("scanner.one@contoso.com")}})
                     .status,
                 204);
        QCOMPARE(run(QStringLiteral("Get-User"),
                     {{QStringLiteral("Identity"), QStringLiteral("scanner.one@contoso.com")}}, kUserSelect)
                     .json()
                     .value(QStringLiteral("value"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("ExternalDirectoryObjectId"))
                     .toString(),
                 id);

        // Removed: gone from Get-User (and from the groups), the CAS mailbox stays.
        QCOMPARE(control("POST", QStringLiteral("set-user"),
                         {{QStringLiteral("identity"), id}, {QStringLiteral("remove"), true}})
                     .status,
                 204);
        QCOMPARE(run(QStringLiteral("Get-User"), {{QStringLiteral("Identity"), id}}).status, 404);
        const Listing listing =
            readAll(QStringLiteral("Get-User"), {{QStringLiteral("ResultSize"), QStringLiteral("Unlimited")}},
                    kUserSelect, 1000);
        QCOMPARE(listing.rows.size(), 64);
        QCOMPARE(truth().value(QStringLiteral("userCount")).toInt(), 64);
        QCOMPARE(run(QStringLiteral("Get-CASMailbox"), {{QStringLiteral("Identity"), id}}).status, 200);
        for (const QJsonValue &group : truth().value(QStringLiteral("groups")).toArray())
            QVERIFY(!group.toObject().value(QStringLiteral("members")).toArray().contains(QJsonValue(id)));
    }

    void truthReaderAgreesWithTheWire()
    {
        QString problem;
        const std::optional<EmulatorDirectoryTruth> t = EmulatorDirectoryTruth::fromJson(truth(), &problem);
        QVERIFY2(t, qPrintable(problem));
        QCOMPARE(t->tenantId, m_server->tenantId());
        QCOMPARE(t->policies.size(), 5);
        QCOMPARE(t->users.size(), 65);
        QCOMPARE(t->orgDefaultPolicy, std::optional<QString>(QStringLiteral("Tenant Default Policy")));
        QVERIFY(t->policy(*t->orgDefaultPolicy)->allows(QStringLiteral("AllowBasicAuthSmtp")));
        QVERIFY(!t->policy(QStringLiteral("Retired Basic Auth Policy")));
        const EmulatorDirectoryTruth::Policy block = *t->policy(QStringLiteral("block basic auth"));
        QCOMPARE(t->policy(block.distinguishedName)->name, block.name);
        QVERIFY(!block.allows(QStringLiteral("AllowBasicAuthSmtp")));
        // Every user's reference resolves as Get-User would have it resolved, and the ids agree.
        const Listing listing =
            readAll(QStringLiteral("Get-User"), {{QStringLiteral("ResultSize"), QStringLiteral("Unlimited")}},
                    kUserSelect, 1000);
        for (const QJsonObject &row : listing.rows) {
            const auto user =
                t->user(QUuid(row.value(QStringLiteral("ExternalDirectoryObjectId")).toString()));
            QVERIFY(user);
            QCOMPARE(user->guid, QUuid(row.value(QStringLiteral("Guid")).toString()));
            QCOMPARE(user->userPrincipalName, row.value(QStringLiteral("UserPrincipalName")).toString());
            const QJsonValue wire = row.value(QStringLiteral("AuthenticationPolicy"));
            QCOMPARE(user->authenticationPolicy.has_value(), wire.isString());
        }
        const QUuid smtpGroup = t->groupId(QStringLiteral("SMTP devices (legacy exception)"));
        QVERIFY(!smtpGroup.isNull());
        QVERIFY(t->groupsOf(t->groups.first().members.first()).contains(smtpGroup));
        QCOMPARE(t->roleMembers.value(QStringLiteral("62e90394-69f5-4237-9190-012177145e10")),
                 QList<QUuid>{t->breakGlassObjectId});
        QCOMPARE(t->conditionalAccessPolicies.size(), 5);
    }

    void sameSeedSameDirectory()
    {
        EmulatorOptions options;
        options.mailboxCount = 400;
        options.seed = 42;
        EmulatorServer a(options), b(options);
        QVERIFY(a.start());
        QVERIFY(b.start());
        QCOMPARE(a.directoryTruth(), b.directoryTruth());
        options.seed = 43;
        EmulatorServer c(options);
        QVERIFY(c.start());
        QVERIFY(a.directoryTruth().value(QStringLiteral("users")) !=
                c.directoryTruth().value(QStringLiteral("users")));

        // Shares: about 2 % and 20 % of the mailboxes; SMTP devices prefers the explicit Enabled overrides.
        const QJsonObject t = a.directoryTruth();
        QHash<QString, int> sizes;
        QJsonArray smtpMembers;
        for (const QJsonValue &group : t.value(QStringLiteral("groups")).toArray()) {
            sizes.insert(group.toObject().value(QStringLiteral("displayName")).toString(),
                         group.toObject().value(QStringLiteral("memberCount")).toInt());
            if (group.toObject().value(QStringLiteral("displayName")).toString() ==
                QLatin1String("SMTP devices (legacy exception)"))
                smtpMembers = group.toObject().value(QStringLiteral("members")).toArray();
        }
        QCOMPARE(sizes.value(QStringLiteral("SMTP devices (legacy exception)")), 8);
        QCOMPARE(sizes.value(QStringLiteral("Branch offices")), 80);
        QSet<QString> enabled;
        for (const EmulatorMailbox &m : a.mailboxes()) {
            if (m.smtpClientAuthentication == Override::Enabled)
                enabled.insert(m.externalDirectoryObjectId.toString(QUuid::WithoutBraces));
        }
        QVERIFY(enabled.size() >= 8);
        for (const QJsonValue &member : smtpMembers)
            QVERIFY(enabled.contains(member.toString()));
        // The seed of a tenant must not move because the directory exists: the mailboxes are the same
        // as a tenant seeded without one.
        QCOMPARE(a.mailboxes().size(), 400);
    }

    void directoryKnobsAndEditsSurviveTheStateFile()
    {
        QTemporaryDir dir;
        EmulatorOptions options;
        options.mailboxCount = 30;
        options.seed = 3;
        options.stateFile = dir.filePath(QStringLiteral("tenant.json"));
        QJsonObject before;
        const QJsonArray replaced{
            QJsonObject{{QStringLiteral("id"), QStringLiteral("11111111-0000-0000-0000-000000000001")},
                        {QStringLiteral("displayName"), QStringLiteral("Only one")},
                        {QStringLiteral("state"), QStringLiteral("enabled")}}};
        QString edited;
        {
            EmulatorServer first(options);
            QVERIFY(first.start());
            first.setSecurityDefaults(true);
            first.setGraphConsentGranted(false);
            first.setEntraP1Licensed(false);
            first.setOrgDefaultPolicyAsDn(true);
            first.setAuthenticationPoliciesUsed(false);
            first.setAuthenticationPoliciesUsed(true);
            first.setOrgDefaultAuthenticationPolicy(QStringLiteral("Allow Basic SMTP"));
            first.setConditionalAccessPolicies(replaced);
            edited = first.mailboxes().at(2).externalDirectoryObjectId.toString(QUuid::WithoutBraces);
            QVERIFY(first.setUserAuthenticationPolicy(edited, QStringLiteral("Legacy apps (Basic allowed)")));
            QVERIFY(first.setGroupMembers(first.groupId(QStringLiteral("Branch offices")),
                                          {edited, QStringLiteral("admin")}));
            QVERIFY(first.removeUser(first.mailboxes().at(3).primarySmtpAddress));
            before = first.directoryTruth();
        }
        options.seed = 999; // ignored: the saved tenant wins
        options.securityDefaults = false;
        EmulatorServer second(options);
        QVERIFY(second.start());
        const QJsonObject after = second.directoryTruth();
        QCOMPARE(after, before);
        QCOMPARE(
            after.value(QStringLiteral("securityDefaults")).toObject().value(QStringLiteral("isEnabled")),
            QJsonValue(true));
        QCOMPARE(after.value(QStringLiteral("graphConsentGranted")), QJsonValue(false));
        QCOMPARE(after.value(QStringLiteral("entraP1")), QJsonValue(false));
        QCOMPARE(after.value(QStringLiteral("conditionalAccessPolicies")).toArray(), replaced);
        QCOMPARE(after.value(QStringLiteral("userCount")).toInt(), 34);
    }

    void oldStateFileWithoutDirectoryStillLoads()
    {
        QTemporaryDir dir;
        EmulatorOptions options;
        options.mailboxCount = 25;
        options.seed = 5;
        options.stateFile = dir.filePath(QStringLiteral("tenant.json"));
        QJsonObject seeded;
        {
            EmulatorServer first(options);
            QVERIFY(first.start());
            seeded = first.directoryTruth();
        }
        // What a state file looked like before the directory existed: the same document without the key.
        QFile file(options.stateFile);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        file.close();
        QVERIFY(root.contains(QStringLiteral("directory")));
        root.remove(QStringLiteral("directory"));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QJsonDocument(root).toJson());
        file.close();

        EmulatorServer second(options);
        QVERIFY(second.start());
        QCOMPARE(second.directoryTruth(), seeded); // seeded again from the seed, identically
        QCOMPARE(second.mailboxCount(), 25);
        // ... and written back.
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(QJsonDocument::fromJson(file.readAll()).object().contains(QStringLiteral("directory")));
    }
};

QTEST_GUILESS_MAIN(TestEmulatorDirectory)
#include "test_emulatordirectory.moc"
