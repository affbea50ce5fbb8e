// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/authenticationpolicyset.h"
#include "models/conditionalaccesspolicy.h"
#include "models/sourcestatus.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>
#include <QUuid>
#include <optional>
#include <vector>

namespace smtpauth {

// Everything read about the tenant beyond the SMTP AUTH switch (readiness.md §1), each part with how
// it was read: Exchange authentication policies and the org default, the users of Get-User, Entra
// security defaults, Conditional Access policies, the members of the groups those policies name, and
// the directory roles of single users. The app layer reads; this class keeps; ReadinessEvaluator judges.
//
// Memory (benchmark P7, docs/benchmarks.md: ≤ 80 bytes per mailbox at 100k mailboxes with two groups of 20k
// members). Users are columns sorted by ExternalDirectoryObjectId (binary search, no hash table): the two ids
// (32 bytes), a 2-byte policy code into a table of the distinct AuthenticationPolicy texts (a tenant has a
// handful of policies, so the text is kept once, not per user), and for the UPN join fallback a 64-bit hash
// of the case-folded UPN instead of its text (8 bytes instead of ~80); plus two 4-byte orders by Guid
// and by that hash. 50 bytes a user. Group members are sorted QUuid vectors (16 bytes a member).
class TenantDirectory
{
public:
    // Get-User read for every user, or only for those with a policy of their own (the server-side
    // filter `AuthenticationPolicy -ne $null`, exchange-protocol.md §9): then a mailbox without a
    // user object simply has no policy of its own.
    enum class UserListing : quint8
    {
        AllUsers,
        OnlyUsersWithOwnPolicy
    };
    enum class UserJoin : quint8
    {
        None,
        ExternalDirectoryObjectId,
        Guid,
        UserPrincipalName
    };

    // The user of one mailbox and their own authentication policy.
    struct UserPolicy
    {
        enum Kind : quint8
        {
            UsersNotRead,     // usersStatus() says why
            NoUser,           // users were read, none is this mailbox's
            NoOwnPolicy,      // the org default applies
            OwnPolicy,        // policyIndex in authenticationPolicies()
            OwnPolicyUnknown, // the user's AuthenticationPolicy names no policy read (reference says what)
        };
        Kind kind = UsersNotRead;
        UserJoin joinedBy = UserJoin::None;
        QUuid userId; // the user's ExternalDirectoryObjectId (Graph's user id), when joined
        int policyIndex = -1;
        QStringView reference; // the user's AuthenticationPolicy as read; valid while the directory is
    };

    struct Group
    {
        SourceStatus status;
        std::vector<QUuid> members; // sorted (uuidLess), unique
    };
    struct UserRoles
    {
        SourceStatus status;
        std::vector<QUuid> roleTemplateIds; // sorted (uuidLess), unique
    };

    // --- Exchange: Get-AuthenticationPolicy, Get-OrganizationConfig -----------------------------
    // A tenant that never used policies may answer ManagementObjectNotFound: that is an empty set, read.
    void setAuthenticationPolicies(AuthenticationPolicySet policies, const SourceStatus &status);
    const AuthenticationPolicySet &authenticationPolicies() const { return m_policies; }
    const SourceStatus &authenticationPoliciesStatus() const { return m_policiesStatus; }

    // The org's DefaultAuthenticationPolicy: empty = none, else a reference (name or DN) to resolve.
    void setDefaultAuthenticationPolicy(const QString &reference, const SourceStatus &status);
    // From a Get-OrganizationConfig object: null, absent or "" = none; a string = the reference;
    // anything else is not understood (the status becomes Unavailable, saying so).
    void setOrganizationConfigFromExchange(const QJsonObject &organizationConfig, const QDateTime &readUtc);
    QString defaultAuthenticationPolicy() const { return m_defaultPolicy; }
    const SourceStatus &defaultAuthenticationPolicyStatus() const { return m_defaultPolicyStatus; }
    // -1 when there is no default or it names no policy read.
    int defaultAuthenticationPolicyIndex() const { return m_defaultPolicyIndex; }

    // --- Exchange: Get-User -------------------------------------------------------------------------
    void clearUsers();
    void reserveUsers(int count);
    // Called once per user (~100k times), then finishUsers(). An empty or null AuthenticationPolicy
    // means none of the user's own. A user with neither id nor UPN cannot be joined and is dropped.
    void addUser(QUuid externalDirectoryObjectId, QUuid guid, QStringView userPrincipalName,
                 QStringView authenticationPolicy);
    // The same from a Get-User object (Guid, ExternalDirectoryObjectId, UserPrincipalName,
    // AuthenticationPolicy); false when it carries no usable identifier.
    bool addUserFromExchange(const QJsonObject &user);
    // Sorts what was added (a later entry for the same ExternalDirectoryObjectId replaces an earlier
    // one) and makes it visible to lookups. Users added since the last call are not seen before it.
    void finishUsers(UserListing listing = UserListing::AllUsers);
    void setUsersStatus(const SourceStatus &status) { m_usersStatus = status; }
    const SourceStatus &usersStatus() const { return m_usersStatus; }
    UserListing userListing() const { return m_listing; }
    int userCount() const { return int(m_userExtIds.size()); }

    // The join of readiness.md §1 ("Joining users to mailboxes") and exchange-protocol.md §9: by
    // ExternalDirectoryObjectId, else by Guid, else by UPN. Get-CASMailbox carries no UPN, so the last step
    // compares the user's UPN with the mailbox's primary SMTP address, case-insensitively: an approximation
    // that holds where the UPN is the address (the usual set-up) and finds nothing where they differ. No
    // allocation.
    UserPolicy lookupUser(QUuid externalDirectoryObjectId, QUuid guid, QStringView primarySmtpAddress) const;
    // The user whose UserPrincipalName is `userPrincipalName` (case-insensitive): its
    // ExternalDirectoryObjectId and Guid, for joining reports that name users by UPN (readiness.md §2).
    // False when the users were not read or no user has that UPN.
    bool userIdsByPrincipalName(QStringView userPrincipalName, QUuid *externalDirectoryObjectId,
                                QUuid *guid) const;

    // --- Graph --------------------------------------------------------------------------------------
    void setSecurityDefaults(bool isEnabled, const SourceStatus &status);
    // Not read or failed (status says why).
    void setSecurityDefaultsStatus(const SourceStatus &status);
    // From identitySecurityDefaultsEnforcementPolicy; an isEnabled that is not a boolean is not guessed.
    void setSecurityDefaultsFromGraph(const QJsonObject &policy, const QDateTime &readUtc);
    std::optional<bool> securityDefaultsEnabled() const { return m_securityDefaults; }
    const SourceStatus &securityDefaultsStatus() const { return m_securityDefaultsStatus; }

    void setConditionalAccessPolicies(QList<ConditionalAccessPolicy> policies, const SourceStatus &status);
    const QList<ConditionalAccessPolicy> &conditionalAccessPolicies() const { return m_caPolicies; }
    const SourceStatus &conditionalAccessStatus() const { return m_caStatus; }

    // The transitive user members of a group (Graph user ids). Replaces what was known of the group.
    void setGroupMembers(QUuid groupId, const QList<QUuid> &members, const SourceStatus &status);
    // nullptr when the group was never set.
    const Group *group(QUuid groupId) const;
    QList<QUuid> groupIds() const { return m_groups.keys(); }

    // The directory roles (role template ids) one user holds; filled on demand for one mailbox.
    void setUserRoles(QUuid userId, const QStringList &roleTemplateIds, const SourceStatus &status);
    // nullptr when never read for that user.
    const UserRoles *userRoles(QUuid userId) const;

    // Heap bytes held (exact for the user and member columns, estimated for the few policies).
    qsizetype memoryUsage() const;

    // The profile cache. Versioned and checksummed; users added but not finished are saved finished.
    static constexpr quint32 kSerialVersion = 1;
    QByteArray serialize() const;
    // nullopt (error says why) for anything that is not an intact cache of this version.
    static std::optional<TenantDirectory> deserialize(QByteArrayView data, QString *error = nullptr);

    // A strict weak order of Guids on their bytes (QUuid's own operator< also weighs the variant).
    static bool uuidLess(const QUuid &a, const QUuid &b);
    // FNV-1a over the case-folded UTF-16 of a UPN or address, without allocating. 0 for empty text.
    static quint64 foldedHash(QStringView text);

private:
    static constexpr quint16 kNoPolicyCode = 0;
    static constexpr quint16 kOverflowCode = 0xFFFF; // more distinct policy texts than codes (never seen)
    struct PendingUser
    {
        QUuid externalId;
        QUuid guid;
        quint64 upnHash = 0;
        quint16 policyCode = 0;
    };
    quint16 policyCode(QStringView reference);
    void resolveReferences();
    int findUser(QUuid externalId, QUuid guid, QStringView address, UserJoin *joinedBy) const;

    AuthenticationPolicySet m_policies;
    SourceStatus m_policiesStatus;
    QString m_defaultPolicy;
    SourceStatus m_defaultPolicyStatus;
    int m_defaultPolicyIndex = -1;

    // Users, columnar, sorted by ExternalDirectoryObjectId.
    std::vector<QUuid> m_userExtIds;
    std::vector<QUuid> m_userGuids;
    std::vector<quint64> m_userUpnHashes;
    std::vector<quint16> m_userPolicyCodes;
    std::vector<quint32> m_byGuid; // user indexes in Guid order
    std::vector<quint32> m_byUpn;  // user indexes in UPN-hash order
    std::vector<PendingUser> m_pendingUsers;
    UserListing m_listing = UserListing::AllUsers;
    SourceStatus m_usersStatus;
    // The distinct AuthenticationPolicy texts; code c names m_references[c - 1].
    QStringList m_references;
    QHash<QString, quint16> m_referenceCodes; // case-folded text -> code
    std::vector<qint32> m_referencePolicy;    // per reference: the policy index, -1 when none matches

    std::optional<bool> m_securityDefaults;
    SourceStatus m_securityDefaultsStatus;
    QList<ConditionalAccessPolicy> m_caPolicies;
    SourceStatus m_caStatus;
    QHash<QUuid, Group> m_groups;
    QHash<QUuid, UserRoles> m_roles;
};

} // namespace smtpauth
