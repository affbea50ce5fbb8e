// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

// Shared test fixtures for the readiness tests: Graph and Exchange objects as the wire gives them,
// and a tenant directory where everything is read and nothing blocks, to be changed one part at a time.

#include "models/tenantdirectory.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <QUuid>

namespace readinesstest {

using namespace smtpauth;

inline QUuid id(const char *text)
{
    return QUuid::fromString(QLatin1String(text));
}

// The mailbox most tests look at.
inline const QUuid kMailboxGuid = id("11111111-1111-1111-1111-111111111111");
inline const QUuid kUserId = id("22222222-2222-2222-2222-222222222222"); // ExternalDirectoryObjectId
inline const QString kAddress = QStringLiteral("scanner@contoso.com");
inline const QUuid kOtherUser = id("33333333-3333-3333-3333-333333333333");
inline const QUuid kGroup = id("44444444-4444-4444-4444-444444444444");
inline const QUuid kOtherGroup = id("55555555-5555-5555-5555-555555555555");
inline const QUuid kRole = id("62e90394-69f5-4237-9190-012177145e10"); // Global Administrator
inline const QDate kBefore(2026, 12, 7);
inline const QDate kCutoff(2026, 12, 31);
inline const QDate kAfter(2027, 1, 15);

inline QJsonObject json(const char *text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(text), &error);
    Q_ASSERT_X(document.isObject(), "json", qPrintable(error.errorString()));
    return document.object();
}

// Sets a value at a dotted path ("conditions.users.excludeUsers"), creating objects on the way.
inline QJsonObject with(QJsonObject object, const QString &path, const QJsonValue &value)
{
    const qsizetype dot = path.indexOf(QLatin1Char('.'));
    if (dot < 0) {
        object.insert(path, value);
        return object;
    }
    const QString head = path.left(dot);
    object.insert(head, with(object.value(head).toObject(), path.mid(dot + 1), value));
    return object;
}

inline QJsonArray strings(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

// graph-protocol.md §3's example, with the nulls Graph sends.
inline QJsonObject blockLegacyPolicy(const char *name = "Block legacy authentication")
{
    QJsonObject policy = json(R"({
      "id": "aaaaaaaa-0000-0000-0000-000000000001", "displayName": "", "state": "enabled",
      "createdDateTime": "2025-01-10T08:00:00Z", "modifiedDateTime": "2026-02-01T09:30:00Z",
      "templateId": null, "sessionControls": null,
      "conditions": {
        "userRiskLevels": [], "signInRiskLevels": [], "servicePrincipalRiskLevels": [],
        "clientAppTypes": ["exchangeActiveSync", "other"],
        "platforms": null, "locations": null, "devices": null, "clientApplications": null,
        "authenticationFlows": null, "times": null, "deviceStates": null, "insiderRiskLevels": null,
        "applications": {"includeApplications": ["All"], "excludeApplications": [], "includeUserActions": [],
                         "includeAuthenticationContextClassReferences": [], "applicationFilter": null},
        "users": {"includeUsers": ["All"], "excludeUsers": [], "includeGroups": [], "excludeGroups": [],
                  "includeRoles": [], "excludeRoles": [], "includeGuestsOrExternalUsers": null,
                  "excludeGuestsOrExternalUsers": null}
      },
      "grantControls": {"operator": "OR", "builtInControls": ["block"], "customAuthenticationFactors": [],
                        "termsOfUse": [], "authenticationStrength": null}
    })");
    policy.insert(QStringLiteral("displayName"), QLatin1String(name));
    return policy;
}

inline QJsonObject authPolicy(const char *name, const QJsonValue &allowSmtp)
{
    QJsonObject object =
        json(R"({"Identity@data.type": "Microsoft.Exchange.Configuration.Tasks.AuthPolicyIdParameter",
                                  "AllowBasicAuthSmtp@odata.type": "#Boolean", "AllowBasicAuthImap": false,
                                  "WhenChangedUTC": "2026-03-02T10:15:00Z"})");
    object.insert(QStringLiteral("Name"), QLatin1String(name));
    object.insert(QStringLiteral("Identity"), QLatin1String(name));
    object.insert(
        QStringLiteral("DistinguishedName"),
        QStringLiteral(
            "CN=%1,CN=Auth Policies,CN=Configuration,CN=contoso.onmicrosoft.com,CN=ConfigurationUnits,"
            "DC=EURPR01A001,DC=prod,DC=outlook,DC=com")
            .arg(QLatin1String(name)));
    object.insert(QStringLiteral("Guid"),
                  QUuid::createUuidV5(QUuid(), QLatin1String(name)).toString(QUuid::WithoutBraces));
    object.insert(QStringLiteral("AllowBasicAuthSmtp"), allowSmtp);
    return object;
}

// Everything read; nothing blocks: two policies exist ('Allow Basic' on, 'Block Basic Auth' off), no
// default, the user has none of its own, security defaults off, no Conditional Access policy.
inline TenantDirectory readDirectory()
{
    TenantDirectory directory;
    const QDateTime when(QDate(2026, 12, 1), QTime(8, 0), Qt::UTC);
    directory.setAuthenticationPolicies(
        AuthenticationPolicySet::fromExchangeObjects({authPolicy("Allow Basic", true),
                                                      authPolicy("Block Basic Auth", false),
                                                      authPolicy("Odd", QStringLiteral("yes"))}),
        SourceStatus::read(when));
    directory.setDefaultAuthenticationPolicy({}, SourceStatus::read(when));
    directory.addUser(kUserId, kMailboxGuid, kAddress, {});
    directory.addUser(kOtherUser, id("66666666-6666-6666-6666-666666666666"), u"other@contoso.com",
                      u"Block Basic Auth");
    directory.finishUsers();
    directory.setUsersStatus(SourceStatus::read(when));
    directory.setSecurityDefaults(false, SourceStatus::read(when));
    directory.setConditionalAccessPolicies({}, SourceStatus::read(when));
    return directory;
}

inline void setUserPolicy(TenantDirectory &directory, QStringView policy)
{
    directory.clearUsers();
    directory.addUser(kUserId, kMailboxGuid, kAddress, policy);
    directory.finishUsers();
    directory.setUsersStatus(SourceStatus::read());
}

inline void setPolicies(TenantDirectory &directory, const QList<QJsonObject> &policies)
{
    QList<ConditionalAccessPolicy> parsed;
    for (const QJsonObject &policy : policies)
        parsed.append(ConditionalAccessPolicy::fromGraphJson(policy));
    directory.setConditionalAccessPolicies(parsed, SourceStatus::read());
}

} // namespace readinesstest
