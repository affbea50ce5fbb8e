// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

// What the demo tenant's directory really holds (GET /_emulator/directory): the yardstick for tests of
// the readiness layers, read from the emulator's control surface, never through the client under test.
// Header-only, so any test target can use it with tests/support on its include path.

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUuid>
#include <optional>

namespace smtpauth::test {

struct EmulatorDirectoryTruth
{
    struct Policy
    {
        QString name;
        QString distinguishedName;
        QUuid guid;
        QHash<QString, bool> allowBasic; // "AllowBasicAuthSmtp" -> false, ...
        bool legacyExchangeTokens = false;
        bool allows(const QString &property) const { return allowBasic.value(property); }
    };
    struct User
    {
        QUuid objectId; // Entra object id = ExternalDirectoryObjectId = Graph user id
        QUuid guid;
        QString userPrincipalName;
        QString displayName;
        QString primarySmtpAddress; // empty without a mailbox
        bool hasMailbox = false;
        std::optional<QString> authenticationPolicy; // as Get-User answers it (nullopt = null)
        QStringList roles;                           // directory role template ids
    };
    struct Group
    {
        QUuid id;
        QString displayName;
        QList<QUuid> members;
    };

    QUuid tenantId;
    QString domain;
    bool securityDefaults = false;
    bool entraP1 = true;
    bool authenticationPoliciesUsed = true;
    bool orgDefaultPolicyAsDn = false;
    bool graphConsentGranted = true;
    QList<Policy> policies;                           // LegacyExchangeTokens included
    std::optional<QString> orgDefaultPolicy;          // the name
    std::optional<QString> orgDefaultPolicyOnTheWire; // what Get-OrganizationConfig answers
    QList<User> users;                                // empty when read with ?users=false
    QList<Group> groups;
    QHash<QString, QList<QUuid>> roleMembers; // role template id -> holders
    QJsonArray conditionalAccessPolicies;     // the raw Graph objects
    QUuid breakGlassObjectId;

    static std::optional<EmulatorDirectoryTruth> fromJson(const QJsonObject &document,
                                                          QString *problem = nullptr)
    {
        const auto fail = [problem](const QString &why) -> std::optional<EmulatorDirectoryTruth> {
            if (problem)
                *problem = why;
            return std::nullopt;
        };
        const auto optionalString = [](const QJsonValue &value) {
            return value.isString() ? std::optional<QString>(value.toString()) : std::nullopt;
        };
        EmulatorDirectoryTruth truth;
        truth.tenantId = QUuid(document.value(QStringLiteral("tenantId")).toString());
        if (truth.tenantId.isNull())
            return fail(QStringLiteral("directory document without tenantId"));
        truth.domain = document.value(QStringLiteral("domain")).toString();
        truth.securityDefaults = document.value(QStringLiteral("securityDefaults"))
                                     .toObject()
                                     .value(QStringLiteral("isEnabled"))
                                     .toBool();
        truth.entraP1 = document.value(QStringLiteral("entraP1")).toBool(true);
        truth.authenticationPoliciesUsed =
            document.value(QStringLiteral("authenticationPoliciesUsed")).toBool(true);
        truth.orgDefaultPolicyAsDn = document.value(QStringLiteral("orgDefaultPolicyAsDn")).toBool();
        truth.graphConsentGranted = document.value(QStringLiteral("graphConsentGranted")).toBool(true);
        for (const QJsonValue &value : document.value(QStringLiteral("authenticationPolicies")).toArray()) {
            const QJsonObject o = value.toObject();
            Policy policy;
            policy.name = o.value(QStringLiteral("Name")).toString();
            policy.distinguishedName = o.value(QStringLiteral("DistinguishedName")).toString();
            policy.guid = QUuid(o.value(QStringLiteral("Guid")).toString());
            policy.legacyExchangeTokens = o.value(QStringLiteral("legacyExchangeTokens")).toBool();
            for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
                if (it.key().startsWith(QLatin1String("AllowBasicAuth")))
                    policy.allowBasic.insert(it.key(), it.value().toBool());
            }
            if (policy.name.isEmpty() || policy.allowBasic.size() != 12)
                return fail(QStringLiteral(
                    "an authentication policy without a name or its twelve AllowBasicAuth values"));
            truth.policies.append(policy);
        }
        truth.orgDefaultPolicy =
            optionalString(document.value(QStringLiteral("orgDefaultAuthenticationPolicy")));
        truth.orgDefaultPolicyOnTheWire =
            optionalString(document.value(QStringLiteral("orgDefaultAuthenticationPolicyOnTheWire")));
        for (const QJsonValue &value : document.value(QStringLiteral("users")).toArray()) {
            const QJsonObject o = value.toObject();
            User user;
            user.objectId = QUuid(o.value(QStringLiteral("objectId")).toString());
            user.guid = QUuid(o.value(QStringLiteral("guid")).toString());
            user.userPrincipalName = o.value(QStringLiteral("userPrincipalName")).toString();
            user.displayName = o.value(QStringLiteral("displayName")).toString();
            user.primarySmtpAddress = o.value(QStringLiteral("primarySmtpAddress")).toString();
            user.hasMailbox = o.value(QStringLiteral("hasMailbox")).toBool();
            user.authenticationPolicy = optionalString(o.value(QStringLiteral("authenticationPolicy")));
            for (const QJsonValue &role : o.value(QStringLiteral("roles")).toArray())
                user.roles.append(role.toString());
            if (user.objectId.isNull())
                return fail(QStringLiteral("a user without objectId"));
            truth.users.append(user);
        }
        for (const QJsonValue &value : document.value(QStringLiteral("groups")).toArray()) {
            const QJsonObject o = value.toObject();
            Group group;
            group.id = QUuid(o.value(QStringLiteral("id")).toString());
            group.displayName = o.value(QStringLiteral("displayName")).toString();
            for (const QJsonValue &member : o.value(QStringLiteral("members")).toArray())
                group.members.append(QUuid(member.toString()));
            truth.groups.append(group);
        }
        for (const QJsonValue &value : document.value(QStringLiteral("directoryRoles")).toArray()) {
            const QJsonObject o = value.toObject();
            QList<QUuid> members;
            for (const QJsonValue &member : o.value(QStringLiteral("members")).toArray())
                members.append(QUuid(member.toString()));
            truth.roleMembers.insert(o.value(QStringLiteral("roleTemplateId")).toString(), members);
        }
        truth.conditionalAccessPolicies =
            document.value(QStringLiteral("conditionalAccessPolicies")).toArray();
        truth.breakGlassObjectId = QUuid(document.value(QStringLiteral("breakGlassObjectId")).toString());
        return truth;
    }

    std::optional<User> user(const QUuid &objectId) const
    {
        for (const User &u : users) {
            if (u.objectId == objectId)
                return u;
        }
        return std::nullopt;
    }

    QUuid groupId(const QString &displayName) const
    {
        for (const Group &g : groups) {
            if (g.displayName == displayName)
                return g.id;
        }
        return QUuid();
    }

    QList<QUuid> groupsOf(const QUuid &objectId) const
    {
        QList<QUuid> ids;
        for (const Group &g : groups) {
            if (g.members.contains(objectId))
                ids.append(g.id);
        }
        return ids;
    }

    // The policy a reference (a user's AuthenticationPolicy, the org default) names: by Name, DN or the
    // first CN= of a DN, case-insensitively (exchange-protocol.md §9). nullopt for none or a missing one.
    std::optional<Policy> policy(const QString &reference) const
    {
        if (reference.isEmpty())
            return std::nullopt;
        QString name = reference;
        if (reference.startsWith(QLatin1String("CN="), Qt::CaseInsensitive))
            name = reference.mid(3).section(QLatin1Char(','), 0, 0);
        for (const Policy &p : policies) {
            if (p.name.compare(name, Qt::CaseInsensitive) == 0 ||
                p.distinguishedName.compare(reference, Qt::CaseInsensitive) == 0)
                return p;
        }
        return std::nullopt;
    }
};

} // namespace smtpauth::test
