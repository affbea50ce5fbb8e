// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/conditionalaccesspolicy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <QUuid>
#include <algorithm>

namespace smtpauth {

namespace {

using Aspect = ConditionalAccessPolicy::Aspect;

// Graph's "not set": null, absent, "", [] or an object whose members are all not set.
bool isSet(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return false;
    case QJsonValue::String:
        return !value.toString().trimmed().isEmpty();
    case QJsonValue::Array: {
        const QJsonArray array = value.toArray();
        return std::any_of(array.begin(), array.end(), [](const QJsonValue &item) { return isSet(item); });
    }
    case QJsonValue::Object: {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!it.key().contains(QLatin1Char('@')) && isSet(it.value()))
                return true;
        }
        return false;
    }
    case QJsonValue::Bool:
    case QJsonValue::Double:
        break;
    }
    return true;
}

QString describe(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String:
        return QLatin1Char('\'') + value.toString() + QLatin1Char('\'');
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double:
        return QString::number(value.toDouble());
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("null");
}

bool isGuid(const QString &text)
{
    return !QUuid::fromString(text).isNull();
}

bool isOneOf(const QString &text, std::initializer_list<const char *> words)
{
    for (const char *word : words) {
        if (text.compare(QLatin1String(word), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool isJust(const QStringList &list, const char *word)
{
    return list.size() == 1 && list.first().compare(QLatin1String(word), Qt::CaseInsensitive) == 0;
}

QString includeExclude(const QStringList &include, const QStringList &exclude)
{
    QStringList parts;
    if (!include.isEmpty())
        parts << QStringLiteral("include %1").arg(include.join(QStringLiteral(", ")));
    if (!exclude.isEmpty())
        parts << QStringLiteral("exclude %1").arg(exclude.join(QStringLiteral(", ")));
    return parts.join(QStringLiteral("; "));
}

} // namespace

void ConditionalAccessPolicy::notUnderstood(Aspect aspect, const QString &name, const QString &value)
{
    m_notUnderstood.append({aspect, name, value});
}

namespace {

// A list of strings; anything else that is set is not understood (and then nothing of it is used).
QStringList readStrings(const QJsonValue &value, const QString &name, Aspect aspect,
                        QList<ConditionalAccessPolicy::NotUnderstood> *notUnderstood)
{
    QStringList strings;
    if (!isSet(value))
        return strings;
    if (!value.isArray()) {
        if (value.isString()) // a flags enum serialised as "a,b" (insiderRiskLevels, transferMethods)
            return value.toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
        notUnderstood->append({aspect, name, describe(value)});
        return strings;
    }
    for (const QJsonValue &item : value.toArray()) {
        if (item.isString()) {
            const QString text = item.toString().trimmed();
            if (!text.isEmpty())
                strings << text;
        } else if (isSet(item)) {
            notUnderstood->append({aspect, name, describe(item)});
        }
    }
    return strings;
}

} // namespace

ConditionalAccessPolicy ConditionalAccessPolicy::fromGraphJson(const QJsonObject &object)
{
    ConditionalAccessPolicy policy;
    policy.m_source = object;
    policy.m_id = object.value(QLatin1String("id")).toString().trimmed();
    policy.m_displayName = object.value(QLatin1String("displayName")).toString().trimmed();
    policy.m_modifiedUtc =
        QDateTime::fromString(object.value(QLatin1String("modifiedDateTime")).toString(), Qt::ISODateWithMs)
            .toUTC();

    const QJsonValue state = object.value(QLatin1String("state"));
    policy.m_rawState = state.isString() ? state.toString().trimmed() : describe(state);
    if (policy.m_rawState.compare(QLatin1String("enabled"), Qt::CaseInsensitive) == 0) {
        policy.m_state = State::Enabled;
    } else if (policy.m_rawState.compare(QLatin1String("disabled"), Qt::CaseInsensitive) == 0) {
        policy.m_state = State::Disabled;
    } else if (policy.m_rawState.compare(QLatin1String("enabledForReportingButNotEnforced"),
                                         Qt::CaseInsensitive) == 0) {
        policy.m_state = State::ReportOnly;
    } else {
        policy.m_state = State::NotUnderstood;
        policy.notUnderstood(Aspect::State, QStringLiteral("state"),
                             state.isString() ? QLatin1Char('\'') + policy.m_rawState + QLatin1Char('\'')
                                              : describe(state));
    }

    const QJsonValue conditions = object.value(QLatin1String("conditions"));
    if (conditions.isObject())
        policy.readConditions(conditions.toObject());
    else if (isSet(conditions))
        policy.notUnderstood(Aspect::Conditions, QStringLiteral("conditions"), describe(conditions));

    const QJsonValue grant = object.value(QLatin1String("grantControls"));
    if (grant.isObject() && isSet(grant))
        policy.readGrant(grant.toObject());
    else if (isSet(grant))
        policy.notUnderstood(Aspect::Grant, QStringLiteral("grantControls"), describe(grant));
    return policy;
}

void ConditionalAccessPolicy::readConditions(const QJsonObject &conditions)
{
    for (auto it = conditions.begin(); it != conditions.end(); ++it) {
        const QString key = it.key();
        const QJsonValue value = it.value();
        if (key.contains(QLatin1Char('@')) || !isSet(value))
            continue;
        const QString name = QStringLiteral("conditions.") + key;
        if (key == QLatin1String("clientAppTypes")) {
            m_clientAppTypes =
                readStrings(value, QStringLiteral("clientAppTypes"), Aspect::ClientApps, &m_notUnderstood);
            for (const QString &type : std::as_const(m_clientAppTypes)) {
                if (!isOneOf(type, {"all", "browser", "mobileAppsAndDesktopClients", "exchangeActiveSync",
                                    "easSupported", "other"}))
                    notUnderstood(Aspect::ClientApps, QStringLiteral("clientAppTypes"),
                                  QLatin1Char('\'') + type + QLatin1Char('\''));
            }
        } else if (key == QLatin1String("applications")) {
            if (value.isObject())
                readApplications(value.toObject());
            else
                notUnderstood(Aspect::Applications, name, describe(value));
        } else if (key == QLatin1String("users")) {
            if (value.isObject())
                readUsers(value.toObject());
            else
                notUnderstood(Aspect::Users, name, describe(value));
        } else if (key == QLatin1String("locations") || key == QLatin1String("platforms")) {
            const bool locations = key == QLatin1String("locations");
            const QString include =
                locations ? QStringLiteral("includeLocations") : QStringLiteral("includePlatforms");
            const QString exclude =
                locations ? QStringLiteral("excludeLocations") : QStringLiteral("excludePlatforms");
            if (!value.isObject()) {
                notUnderstood(Aspect::Conditions, name, describe(value));
                continue;
            }
            const QJsonObject scope = value.toObject();
            const QStringList included =
                readStrings(scope.value(include), name, Aspect::Conditions, &m_notUnderstood);
            const QStringList excluded =
                readStrings(scope.value(exclude), name, Aspect::Conditions, &m_notUnderstood);
            for (auto member = scope.begin(); member != scope.end(); ++member) {
                if (member.key() != include && member.key() != exclude &&
                    !member.key().contains(QLatin1Char('@')) && isSet(member.value()))
                    notUnderstood(Aspect::Conditions, name + QLatin1Char('.') + member.key(),
                                  describe(member.value()));
            }
            // "All" with no exclusion applies everywhere: that narrows nothing.
            if (!(isJust(included, "All") && excluded.isEmpty()))
                m_narrowing.append({key, includeExclude(included, excluded)});
        } else if (key == QLatin1String("signInRiskLevels") || key == QLatin1String("userRiskLevels") ||
                   key == QLatin1String("servicePrincipalRiskLevels") ||
                   key == QLatin1String("insiderRiskLevels")) {
            const QStringList levels = readStrings(value, name, Aspect::Conditions, &m_notUnderstood);
            if (!levels.isEmpty())
                m_narrowing.append({key, levels.join(QStringLiteral(", "))});
        } else if (key == QLatin1String("devices")) {
            if (!value.isObject()) {
                notUnderstood(Aspect::Conditions, name, describe(value));
                continue;
            }
            const QJsonObject devices = value.toObject();
            QStringList parts;
            const QJsonValue filter = devices.value(QLatin1String("deviceFilter"));
            if (isSet(filter)) {
                const QJsonObject f = filter.toObject();
                parts << QStringLiteral("filter (%1): %2")
                             .arg(f.value(QLatin1String("mode")).toString(),
                                  f.value(QLatin1String("rule")).toString());
            }
            const QStringList included = readStrings(devices.value(QLatin1String("includeDevices")), name,
                                                     Aspect::Conditions, &m_notUnderstood);
            const QStringList excluded = readStrings(devices.value(QLatin1String("excludeDevices")), name,
                                                     Aspect::Conditions, &m_notUnderstood);
            if (!(isJust(included, "All") && excluded.isEmpty()) &&
                !(included.isEmpty() && excluded.isEmpty()))
                parts << includeExclude(included, excluded);
            for (auto member = devices.begin(); member != devices.end(); ++member) {
                const QString memberKey = member.key();
                if (memberKey != QLatin1String("deviceFilter") &&
                    memberKey != QLatin1String("includeDevices") &&
                    memberKey != QLatin1String("excludeDevices") && !memberKey.contains(QLatin1Char('@')) &&
                    isSet(member.value()))
                    parts << memberKey + QLatin1String(": ") + describe(member.value());
            }
            if (!parts.isEmpty())
                m_narrowing.append({key, parts.join(QStringLiteral("; "))});
        } else if (key == QLatin1String("authenticationFlows") ||
                   key == QLatin1String("clientApplications") || key == QLatin1String("deviceStates") ||
                   key == QLatin1String("times")) {
            // Conditions that limit the policy to some flows, workload identities, device states or
            // times: the rules know them as narrowing, and show the value as it came.
            m_narrowing.append({key, describe(value)});
        } else {
            notUnderstood(Aspect::Conditions, name, describe(value));
        }
    }
}

void ConditionalAccessPolicy::readApplications(const QJsonObject &applications)
{
    for (auto it = applications.begin(); it != applications.end(); ++it) {
        const QString key = it.key();
        const QJsonValue value = it.value();
        if (key.contains(QLatin1Char('@')) || !isSet(value))
            continue;
        const QString name = QStringLiteral("applications.") + key;
        if (key == QLatin1String("includeApplications") || key == QLatin1String("excludeApplications")) {
            QStringList apps = readStrings(value, name, Aspect::Applications, &m_notUnderstood);
            for (const QString &app : std::as_const(apps)) {
                // Application ids are GUIDs; the few words Graph knows are kept. Another word could be
                // a new group of apps that contains Exchange Online.
                if (!isGuid(app) && !isOneOf(app, {"All", "None", "Office365", "MicrosoftAdminPortals"}))
                    notUnderstood(Aspect::Applications, name, QLatin1Char('\'') + app + QLatin1Char('\''));
            }
            (key == QLatin1String("includeApplications") ? m_includeApplications : m_excludeApplications) =
                apps;
        } else {
            // includeUserActions, includeAuthenticationContextClassReferences, applicationFilter, and
            // whatever comes next: the policy targets something other than plain app sign-ins, in a way
            // the rules do not read.
            notUnderstood(Aspect::Applications, name, describe(value));
        }
    }
}

void ConditionalAccessPolicy::readUsers(const QJsonObject &users)
{
    for (auto it = users.begin(); it != users.end(); ++it) {
        const QString key = it.key();
        const QJsonValue value = it.value();
        if (key.contains(QLatin1Char('@')) || !isSet(value))
            continue;
        const QString name = QStringLiteral("users.") + key;
        const bool include = key.startsWith(QLatin1String("include"));
        const Aspect side = include ? Aspect::IncludeUsers : Aspect::ExcludeUsers;
        QStringList *target = nullptr;
        bool usersList = false;
        if (key == QLatin1String("includeUsers") || key == QLatin1String("excludeUsers")) {
            target = include ? &m_includeUsers : &m_excludeUsers;
            usersList = true;
        } else if (key == QLatin1String("includeGroups") || key == QLatin1String("excludeGroups")) {
            target = include ? &m_includeGroups : &m_excludeGroups;
        } else if (key == QLatin1String("includeRoles") || key == QLatin1String("excludeRoles")) {
            target = include ? &m_includeRoles : &m_excludeRoles;
        }
        if (!target) {
            // includeGuestsOrExternalUsers / excludeGuestsOrExternalUsers (objects of guest kinds and
            // tenants) and anything newer.
            const Aspect aspect = key == QLatin1String("includeGuestsOrExternalUsers") ? Aspect::IncludeUsers
                                  : key == QLatin1String("excludeGuestsOrExternalUsers")
                                      ? Aspect::ExcludeUsers
                                      : Aspect::Users;
            notUnderstood(aspect, name, describe(value));
            continue;
        }
        const QStringList entries = readStrings(value, name, side, &m_notUnderstood);
        for (const QString &entry : entries) {
            if (isGuid(entry) || (usersList && isOneOf(entry, {"All", "None", "GuestsOrExternalUsers"})))
                target->append(entry);
            else
                notUnderstood(side, name, QLatin1Char('\'') + entry + QLatin1Char('\''));
        }
    }
}

void ConditionalAccessPolicy::readGrant(const QJsonObject &grant)
{
    m_hasGrantControls = true;
    for (auto it = grant.begin(); it != grant.end(); ++it) {
        const QString key = it.key();
        const QJsonValue value = it.value();
        if (key.contains(QLatin1Char('@')) || !isSet(value))
            continue;
        const QString name = QStringLiteral("grantControls.") + key;
        if (key == QLatin1String("operator")) {
            m_grantOperator = value.toString().trimmed();
        } else if (key == QLatin1String("builtInControls")) {
            m_builtInControls = readStrings(value, name, Aspect::Grant, &m_notUnderstood);
            for (const QString &control : std::as_const(m_builtInControls)) {
                if (!isOneOf(control,
                             {"block", "mfa", "compliantDevice", "domainJoinedDevice", "approvedApplication",
                              "compliantApplication", "passwordChange", "riskRemediation"}))
                    notUnderstood(Aspect::Grant, name, QLatin1Char('\'') + control + QLatin1Char('\''));
            }
        } else if (key == QLatin1String("customAuthenticationFactors") ||
                   key == QLatin1String("termsOfUse") || key == QLatin1String("authenticationStrength")) {
            m_otherGrantRequirements << key;
        } else {
            notUnderstood(Aspect::Grant, name, describe(value));
        }
    }
}

} // namespace smtpauth
