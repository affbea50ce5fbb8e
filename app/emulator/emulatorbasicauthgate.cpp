// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "emulator/emulatorbasicauthgate.h"

#include "emulator/emulatortenant.h"

#include <QJsonArray>
#include <QJsonObject>

namespace smtpauth {

namespace {

constexpr const char *kExchangeOnlineAppId = "00000002-0000-0ff1-ce00-000000000000";

bool containsText(const QJsonValue &array, const QString &text)
{
    for (const QJsonValue &value : array.toArray()) {
        if (value.toString().compare(text, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool containsAny(const QJsonValue &array, const QStringList &texts)
{
    for (const QString &text : texts) {
        if (containsText(array, text))
            return true;
    }
    return false;
}

// 0: the policy does not block this user's Basic SMTP; 1: it may (conditions); 2: it blocks.
int conditionalAccessBlock(const QJsonObject &policy, const QString &userId, const QStringList &groups,
                           const QStringList &roles)
{
    if (policy.value(QStringLiteral("state")).toString() != QLatin1String("enabled"))
        return 0;
    if (!containsText(
            policy.value(QStringLiteral("grantControls")).toObject().value(QStringLiteral("builtInControls")),
            QStringLiteral("block")))
        return 0;
    const QJsonObject conditions = policy.value(QStringLiteral("conditions")).toObject();
    if (!containsAny(conditions.value(QStringLiteral("clientAppTypes")),
                     {QStringLiteral("other"), QStringLiteral("all")}))
        return 0;
    const QJsonValue applications = conditions.value(QStringLiteral("applications"))
                                        .toObject()
                                        .value(QStringLiteral("includeApplications"));
    if (!containsAny(applications, {QStringLiteral("All"), QStringLiteral("Office365"),
                                    QLatin1String(kExchangeOnlineAppId)}))
        return 0;
    const QJsonObject users = conditions.value(QStringLiteral("users")).toObject();
    const bool included =
        containsAny(users.value(QStringLiteral("includeUsers")), {QStringLiteral("All"), userId}) ||
        containsAny(users.value(QStringLiteral("includeGroups")), groups) ||
        containsAny(users.value(QStringLiteral("includeRoles")), roles);
    const bool excluded = containsText(users.value(QStringLiteral("excludeUsers")), userId) ||
                          containsAny(users.value(QStringLiteral("excludeGroups")), groups) ||
                          containsAny(users.value(QStringLiteral("excludeRoles")), roles);
    if (!included || excluded)
        return 0;
    const bool conditional = !conditions.value(QStringLiteral("locations")).isNull() ||
                             !conditions.value(QStringLiteral("platforms")).isNull();
    return conditional ? 1 : 2;
}

} // namespace

bool EmulatorBasicAuthGate::smtpAuthEnabled(const EmulatorTenant &tenant, int mailboxIndex)
{
    switch (tenant.mailbox(mailboxIndex).smtpClientAuthentication) {
    case Override::Enabled:
        return true;
    case Override::Disabled:
        return false;
    case Override::Inherit:
        break;
    }
    return tenant.org() == OrgSetting::Enabled;
}

EmulatorBasicAuthGate::Outcome EmulatorBasicAuthGate::evaluate(const EmulatorTenant &tenant, int mailboxIndex)
{
    if (!smtpAuthEnabled(tenant, mailboxIndex))
        return Outcome::RefusedBySetting;
    const EmulatorDirectory &directory = tenant.directory();
    const EmulatorDirectoryUser user = tenant.directoryUser(mailboxIndex);

    // The user's own policy, else the org default; a reference to a policy that does not exist counts
    // as none (the service falls back to allowing, as for no policy at all).
    QString reference = user.authenticationPolicy.value_or(QString());
    if (reference.isEmpty())
        reference = directory.orgDefaultPolicy();
    if (!reference.isEmpty()) {
        const int policy = directory.findAuthenticationPolicy(reference);
        if (policy >= 0 &&
            !directory.authenticationPolicy(policy).allowBasic[EmulatorAuthenticationPolicy::Smtp])
            return Outcome::RefusedByAuthenticationPolicy;
    }
    if (directory.knobs().securityDefaults)
        return Outcome::RefusedBySecurityDefaults;
    if (!directory.knobs().entraP1)
        return Outcome::Accepted;

    const QString userId = user.objectId.toString(QUuid::WithoutBraces);
    QStringList groups;
    for (const EmulatorDirectory::Group &group : directory.groups()) {
        if (group.memberSet.contains(user.objectId))
            groups.append(group.id.toString(QUuid::WithoutBraces));
    }
    const QStringList roles = directory.rolesOf(user.objectId);
    int strongest = 0;
    for (const QJsonValue &policy : directory.conditionalAccessPolicies())
        strongest = qMax(strongest, conditionalAccessBlock(policy.toObject(), userId, groups, roles));
    if (strongest == 2)
        return Outcome::RefusedByConditionalAccess;
    return strongest == 1 ? Outcome::AcceptedInsideTrustedLocations : Outcome::Accepted;
}

} // namespace smtpauth
