// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace smtpauth {

// One Conditional Access policy of Graph's /identity/conditionalAccess/policies (graph-protocol.md §3),
// reduced to what the readiness rules read (readiness.md §1), and with a list of everything the rules
// do not know how to read.
//
// Why keep "not understood" at all: Conditional Access keeps growing (new client app types, new
// conditions, guest scopes, user actions). A reader that skipped what it does not know would quietly
// answer "allows" for a policy that blocks; instead each such item is kept with its name and value,
// and the evaluator reports the policy as unknown when the item could change its answer.
// Graph sends most keys even when unused, with null or []: null and empty are "not set" everywhere.
class ConditionalAccessPolicy
{
public:
    enum class State : quint8
    {
        Enabled,
        Disabled,
        ReportOnly,
        NotUnderstood
    };

    // The part of the rules a not-understood item could change.
    enum class Aspect : quint8
    {
        State,
        ClientApps,
        Applications,
        IncludeUsers,
        ExcludeUsers,
        Users, // both sides: a key of `users` the rules do not know
        Conditions,
        Grant,
    };
    struct NotUnderstood
    {
        Aspect aspect = Aspect::Conditions;
        QString name;  // "clientAppTypes", "conditions.deviceFoo", "users.includeGuestsOrExternalUsers"
        QString value; // "'foo'", or the compact JSON of the value
        friend bool operator==(const NotUnderstood &, const NotUnderstood &) = default;
    };
    // A condition that limits where the policy applies (locations, platforms, risk...): a block with it
    // may block (blocks-some), and the detail says where.
    struct Narrowing
    {
        QString condition;   // the Graph key: "locations", "platforms", "signInRiskLevels", ...
        QString description; // "include All; exclude AllTrusted"
        friend bool operator==(const Narrowing &, const Narrowing &) = default;
    };

    static ConditionalAccessPolicy fromGraphJson(const QJsonObject &object);

    QString id() const { return m_id; }
    QString displayName() const { return m_displayName; }
    // The name shown in details: the display name, else the id.
    QString label() const { return m_displayName.isEmpty() ? m_id : m_displayName; }
    State state() const { return m_state; }
    QString rawState() const { return m_rawState; }
    QDateTime modifiedUtc() const { return m_modifiedUtc; }

    // As Graph gave them (trimmed, empty entries dropped). Empty clientAppTypes means all client apps.
    const QStringList &clientAppTypes() const { return m_clientAppTypes; }
    const QStringList &includeApplications() const { return m_includeApplications; }
    const QStringList &excludeApplications() const { return m_excludeApplications; }
    const QStringList &includeUsers() const { return m_includeUsers; }
    const QStringList &excludeUsers() const { return m_excludeUsers; }
    const QStringList &includeGroups() const { return m_includeGroups; }
    const QStringList &excludeGroups() const { return m_excludeGroups; }
    const QStringList &includeRoles() const { return m_includeRoles; }
    const QStringList &excludeRoles() const { return m_excludeRoles; }

    // False when grantControls is null or absent (a policy of session controls only grants nothing).
    bool hasGrantControls() const { return m_hasGrantControls; }
    QString grantOperator() const { return m_grantOperator; }
    const QStringList &builtInControls() const { return m_builtInControls; }
    // Requirements of the grant besides builtInControls ("termsOfUse", "authenticationStrength", ...).
    const QStringList &otherGrantRequirements() const { return m_otherGrantRequirements; }

    const QList<Narrowing> &narrowing() const { return m_narrowing; }
    const QList<NotUnderstood> &notUnderstood() const { return m_notUnderstood; }

    // The object it was read from (the profile cache stores it and reads it back through fromGraphJson).
    const QJsonObject &source() const { return m_source; }

    friend bool operator==(const ConditionalAccessPolicy &, const ConditionalAccessPolicy &) = default;

private:
    void readConditions(const QJsonObject &conditions);
    void readApplications(const QJsonObject &applications);
    void readUsers(const QJsonObject &users);
    void readGrant(const QJsonObject &grant);
    void notUnderstood(Aspect aspect, const QString &name, const QString &value);

    QString m_id;
    QString m_displayName;
    State m_state = State::NotUnderstood;
    QString m_rawState;
    QDateTime m_modifiedUtc;
    QStringList m_clientAppTypes;
    QStringList m_includeApplications;
    QStringList m_excludeApplications;
    QStringList m_includeUsers;
    QStringList m_excludeUsers;
    QStringList m_includeGroups;
    QStringList m_excludeGroups;
    QStringList m_includeRoles;
    QStringList m_excludeRoles;
    bool m_hasGrantControls = false;
    QString m_grantOperator;
    QStringList m_builtInControls;
    QStringList m_otherGrantRequirements;
    QList<Narrowing> m_narrowing;
    QList<NotUnderstood> m_notUnderstood;
    QJsonObject m_source;
};

} // namespace smtpauth
