// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "emulator/emulatorauthenticationpolicy.h"
#include "emulator/emulatormailbox.h"
#include "emulator/emulatoruser.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QUuid>
#include <optional>

namespace smtpauth {

// The directory behind the readiness layers (readiness.md §1): Exchange authentication policies and
// the users' references to them, the org default, Entra security defaults, Conditional Access
// policies, groups, directory roles, the Entra ID P1 licence and the users' consent to the app's Graph
// permissions. Seeded deterministically from the tenant seed and the mailboxes; saved with the tenant.
//
// Per-user data is sparse (hashes keyed by the Entra object id): most users have no policy of their
// own, no role and their UPN is their address, so a 500k-mailbox tenant costs little more than before.
class EmulatorDirectory
{
public:
    struct Knobs
    {
        bool securityDefaults = false;
        bool graphConsentGranted = true;        // the app's Graph permissions are consented for every user
        bool entraP1 = true;                    // Conditional Access exists
        bool authenticationPoliciesUsed = true; // false: "this tenant never used policies"
        bool orgDefaultPolicyAsDn = false;      // Get-OrganizationConfig answers the DN, not the name
        int caGroupSize = -1;                   // >= 0: both CA groups get exactly this many members
    };

    // A user without a mailbox: the demo admins (who can sign in) and the break-glass account.
    struct Account
    {
        QString alias;
        QString userPrincipalName;
        QString displayName;
        QUuid objectId;
        QUuid guid;
        bool canSignIn = false;
    };

    struct Group
    {
        QUuid id;
        QString displayName;
        QString description;
        QString mailNickname;
        QList<QUuid> members; // user object ids, in tenant order
        QSet<QUuid> memberSet;
    };

    // Directory role template ids (the same in every tenant).
    static constexpr const char *kGlobalAdministrator = "62e90394-69f5-4237-9190-012177145e10";
    static constexpr const char *kExchangeAdministrator = "29232cdf-9323-42fd-ade2-1d097af3e4de";
    static constexpr const char *kExchangeRecipientAdministrator = "31392ffb-586c-42d1-9346-e59415a2cc4e";
    static constexpr const char *kHelpdeskAdministrator = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
    static constexpr const char *kGlobalReader = "f2ef992c-3afb-46b9-b7cf-a126ee74c451";
    static constexpr const char *kSecurityReader = "5d6b6bb7-de71-4623-b4af-96380a352509";
    static constexpr const char *kSecurityAdministrator = "194ae4cb-b126-40b2-bd5b-6091b380977d";
    static constexpr const char *kConditionalAccessAdministrator = "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9";
    static constexpr const char *kGlobalSecureAccessAdministrator = "ac434307-12b9-4fa1-a708-88bf58caabc1";
    static constexpr const char *kReportsReader = "4a5d8f65-41da-4de4-8968-e035b65339cf";
    static QString roleDisplayName(const QString &roleTemplateId);

    // The seeded names tests and docs/emulator.md refer to.
    static constexpr const char *kPolicyBlockBasicAuth = "Block Basic Auth";
    static constexpr const char *kPolicyAllowBasicSmtp = "Allow Basic SMTP";
    static constexpr const char *kPolicyTenantDefault = "Tenant Default Policy";
    static constexpr const char *kPolicyLegacyApps = "Legacy apps (Basic allowed)";
    static constexpr const char *kPolicyMissing =
        "Retired Basic Auth Policy"; // named by a user, does not exist
    static constexpr const char *kGroupSmtpDevices = "SMTP devices (legacy exception)";
    static constexpr const char *kGroupBranchOffices = "Branch offices";

    // The Graph permissions the demo app registration asks for (graph-protocol.md §1).
    static const QStringList &appGraphPermissions();

    // The accounts are defined by code (the identity platform's sign-in users plus the break-glass
    // account) and rebuilt on every start, never loaded from a file.
    void setAccounts(const QUuid &tenantId, const QString &domain, const QList<EmulatorUser> &signInUsers);
    const QList<Account> &accounts() const { return m_accounts; }
    QUuid breakGlassObjectId() const { return m_breakGlassId; }

    // Seeds everything but the accounts (call setAccounts first). O(mailboxes).
    void seed(quint64 seed, const QUuid &tenantId, const QString &domain,
              const QList<EmulatorMailbox> &mailboxes, const Knobs &knobs);
    bool isSeeded() const { return m_seeded; }
    quint64 seed() const { return m_seed; } // the tenant seed the directory was seeded from
    void clear();

    QJsonObject toJson() const;
    // False (and a reason) when the object is not a directory this version wrote.
    bool fromJson(const QJsonObject &object, const QString &domain, QString *errorMessage);

    const Knobs &knobs() const { return m_knobs; }
    void setSecurityDefaults(bool enabled) { m_knobs.securityDefaults = enabled; }
    void setEntraP1(bool licensed) { m_knobs.entraP1 = licensed; }
    void setAuthenticationPoliciesUsed(bool used) { m_knobs.authenticationPoliciesUsed = used; }
    void setOrgDefaultPolicyAsDn(bool asDn) { m_knobs.orgDefaultPolicyAsDn = asDn; }
    // false also forgets every consent recorded since: "no consent yet".
    void setGraphConsentGranted(bool granted);

    // Exchange authentication policies, LegacyExchangeTokens included; empty while the tenant "never
    // used policies" (the stored ones come back when the knob is turned off again).
    QList<EmulatorAuthenticationPolicy> authenticationPolicies() const;
    // By Name/Identity, DN or Guid, case-insensitively; -1 when none (or policies are not used).
    int findAuthenticationPolicy(QStringView identity) const;
    const EmulatorAuthenticationPolicy &authenticationPolicy(int index) const { return m_policies.at(index); }
    // The org default's name as stored (empty = none).
    QString orgDefaultPolicy() const { return m_orgDefaultPolicy; }
    void setOrgDefaultPolicy(const QString &name) { m_orgDefaultPolicy = name; }
    // What Get-OrganizationConfig answers: null QString for none, else the name (or DN, per the knob).
    QString orgDefaultPolicyOnTheWire() const;
    QString distinguishedNameFor(const QString &policyName) const;

    // The user's own AuthenticationPolicy as Get-User answers it (nullopt = null).
    std::optional<QString> authenticationPolicyOf(const QUuid &objectId) const;
    // Stores a reference (nullopt clears it); the value is kept verbatim (a name, a DN or anything).
    void setAuthenticationPolicyOf(const QUuid &objectId, const std::optional<QString> &reference);
    // Users (not removed) whose own AuthenticationPolicy is neither null nor empty.
    int usersWithOwnPolicy() const;

    QString userPrincipalNameOverride(const QUuid &objectId) const { return m_upnOverrides.value(objectId); }
    void setUserPrincipalNameOverride(const QUuid &objectId, const QString &upn);
    // objectId of a UPN that differs from the user's address (lower-case key); null when none.
    QUuid objectIdForOverriddenUpn(const QString &lowerUpn) const
    {
        return m_byOverriddenUpn.value(lowerUpn);
    }

    bool isRemoved(const QUuid &objectId) const { return m_removed.contains(objectId); }
    bool hasRemovedUsers() const { return !m_removed.isEmpty(); }
    int removedCount() const { return int(m_removed.size()); }
    void removeUser(const QUuid &objectId);

    QStringList rolesOf(const QUuid &objectId) const;
    // Every user holding a directory role (the accounts included) -> role template ids.
    QHash<QUuid, QStringList> roleAssignments() const;

    const QList<Group> &groups() const { return m_groups; }
    int findGroup(const QUuid &id) const;
    void setGroupMembers(int index, const QList<QUuid> &members);
    QUuid groupId(const char *displayName) const;

    const QJsonArray &conditionalAccessPolicies() const { return m_conditionalAccess; }
    void setConditionalAccessPolicies(const QJsonArray &policies) { m_conditionalAccess = policies; }

    // Consent of (user, client id) to Graph permissions.
    QStringList consentedGraphPermissions(const QUuid &objectId, const QString &clientId) const;
    void recordConsent(const QUuid &objectId, const QString &clientId, const QStringList &permissions);
    QJsonArray recordedConsents() const;
    // The spelling of a known Graph permission ("policy.read.all" -> "Policy.Read.All"), else `name`.
    static QString canonicalGraphPermission(const QString &name);

private:
    void rebuildUpnIndex();

    bool m_seeded = false;
    quint64 m_seed = 0;
    QString m_domain;
    Knobs m_knobs;
    QList<Account> m_accounts;
    QUuid m_breakGlassId;
    QList<EmulatorAuthenticationPolicy> m_policies;
    QString m_orgDefaultPolicy;
    QHash<QUuid, QString> m_policyRefs;
    QHash<QUuid, QString> m_upnOverrides;
    QHash<QString, QUuid> m_byOverriddenUpn;
    QSet<QUuid> m_removed;
    QHash<QUuid, QStringList> m_roles;        // seeded role holders among the mailbox users
    QHash<QUuid, QStringList> m_accountRoles; // the accounts' roles, from code
    QList<Group> m_groups;
    QJsonArray m_conditionalAccess;
    QHash<QString, QStringList> m_consents; // "<objectId>|<client id>" -> permissions
};

} // namespace smtpauth
