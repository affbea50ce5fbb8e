// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/mailbox.h"
#include "models/mailboxreadiness.h"
#include "models/packedverdict.h"
#include "models/smtpauthpolicy.h"
#include "models/tenantdirectory.h"

#include <QDate>
#include <QList>
#include <QStringView>
#include <QUuid>
#include <vector>

namespace smtpauth {

// The rules of readiness.md §1 for one mailbox: the five layers, their effects and details, and the
// verdicts for OAuth clients, Basic clients now and Basic clients after the cutoff.
//
// Two ways in, one set of decisions. evaluate() explains (strings, every policy's part);
// packedBasicNow() is for 100k-row tables and filters: the same decision functions, called without an
// explanation to fill, no strings and no allocation, early out at the first blocking policy. What does
// not depend on the user (a policy's state, grant, client app types, applications, conditions; the
// org default's policy; the date) is decided once here in the constructor.
//
// The evaluator reads the directory it was built on: keep that alive and unchanged while it is used.
class ReadinessEvaluator
{
public:
    ReadinessEvaluator(const TenantDirectory &directory, QDate today);

    QDate today() const { return m_today; }
    const TenantDirectory &directory() const { return m_directory; }

    MailboxReadiness evaluate(Override override, OrgSetting org, QUuid guid, QUuid externalDirectoryObjectId,
                              QStringView primarySmtpAddress) const;
    MailboxReadiness evaluate(const Mailbox &mailbox, OrgSetting org) const;

    // The Basic-now verdict alone, with the deciding layer and the first unknown layer.
    PackedVerdict packedBasicNow(Override override, OrgSetting org, QUuid guid,
                                 QUuid externalDirectoryObjectId, QStringView primarySmtpAddress) const;
    // The same over the Basic-only layers (everything but the SMTP AUTH switch), which do not depend
    // on the override or the org setting: a table keeps this per row and combines it with the switch
    // (withSetting), so that an org flip or a changed override recomputes nothing.
    PackedVerdict packedBasicLayers(QUuid guid, QUuid externalDirectoryObjectId,
                                    QStringView primarySmtpAddress) const;
    static PackedVerdict withSetting(EffectiveState effective, PackedVerdict basicLayers);

    // What the app should read next for Conditional Access to be known: the groups named by policies
    // that can block Basic clients (their members), and whether such a policy is scoped by directory
    // role (then the roles of a user are needed to explain that user).
    QList<QUuid> groupsThatMatter() const;
    bool rolesMatter() const;

    // The shared verdict rule: blocked if a layer blocks or blocks-some (the first in order decides),
    // else unknown if one is unknown, else allowed. `basic` false: only the SMTP AUTH setting counts.
    static ReadinessVerdict combine(const std::array<LayerEffect, kReadinessLayerCount> &effects, bool basic);

    enum class Tri : quint8
    {
        No,
        Maybe,
        Yes
    };
    // How a policy's user scope matched: the inclusion or exclusion that decided, or why it is unknown.
    enum class Via : quint8
    {
        None,
        All,
        Id,
        Group,
        Role,
        GroupNotRead,
        RolesNotRead,
        NoUserId,
        NotUnderstood
    };
    struct ScopeSide
    {
        Tri value = Tri::No;
        Via via = Via::None;
        int index = -1; // the group or role in the policy's list
    };
    enum class PolicyResult : quint8
    {
        Ignored,     // disabled
        NotTargeted, // a part of it does not apply (not other clients, not Exchange, not a block, not this
                     // user)
        Blocks,
        BlocksSome,
        Unknown,
        ReportOnlyBlocks,
        ReportOnlyBlocksSome,
        ReportOnlyMaybe,
    };
    // Which part made a policy NotTargeted or Unknown.
    enum class Part : quint8
    {
        None,
        ClientApps,
        Applications,
        Grant,
        Conditions,
        State,
        Users
    };
    struct PolicyOutcome
    {
        PolicyResult result = PolicyResult::NotTargeted;
        Part part = Part::None;
        ScopeSide included;
        ScopeSide excluded;
    };

private:
    struct GroupRef
    {
        QUuid id;
        const TenantDirectory::Group *group = nullptr; // nullptr: never read
    };
    struct PreparedPolicy
    {
        int index = 0; // in directory().conditionalAccessPolicies()
        ConditionalAccessPolicy::State state = ConditionalAccessPolicy::State::Enabled;
        Tri clientApps = Tri::No;
        Tri applications = Tri::No;
        Tri grant = Tri::No;
        Tri conditions = Tri::Yes;
        Tri stateKnown = Tri::Yes;
        Tri staticPart = Tri::No; // all of the above
        Part firstNo = Part::None;
        Part firstMaybe = Part::None;
        bool narrowing = false;
        bool includeAll = false;
        bool excludeAll = false;
        bool includeNotUnderstood = false;
        bool excludeNotUnderstood = false;
        std::vector<QUuid> includeIds;
        std::vector<QUuid> excludeIds;
        std::vector<GroupRef> includeGroups;
        std::vector<GroupRef> excludeGroups;
        std::vector<QUuid> includeRoles;
        std::vector<QUuid> excludeRoles;
    };
    struct UserContext
    {
        TenantDirectory::UserPolicy user;
        QUuid userId; // Graph's user id: the joined user's, else the mailbox's ExternalDirectoryObjectId
        const TenantDirectory::UserRoles *roles = nullptr;
    };
    enum class AuthReason : quint8
    {
        PoliciesNotRead,
        UsersNotRead,
        NoUser,
        OwnUnresolved,
        DefaultNotRead,
        DefaultUnresolved,
        NotBoolean,
        Off,
        On,
        NoPolicy,
    };
    struct AuthDecision
    {
        LayerEffect effect = LayerEffect::Unknown;
        AuthReason reason = AuthReason::PoliciesNotRead;
        int policyIndex = -1;
        bool own = false;
    };

    UserContext userContext(QUuid guid, QUuid externalDirectoryObjectId, QStringView address) const;
    AuthDecision decideAuthenticationPolicy(const UserContext &context) const;
    LayerEffect decideSecurityDefaults() const;
    // outcomes: nullptr on the fast path (then it stops at the first blocking policy).
    LayerEffect decideConditionalAccess(const UserContext &context,
                                        std::vector<PolicyOutcome> *outcomes) const;
    PolicyOutcome decidePolicy(const PreparedPolicy &policy, const UserContext &context) const;
    ScopeSide scopeSide(bool all, const std::vector<QUuid> &ids, const std::vector<GroupRef> &groups,
                        const std::vector<QUuid> &roles, bool notUnderstood,
                        const UserContext &context) const;
    static LayerEffect decideRetirement(QDate date);
    std::array<LayerEffect, kReadinessLayerCount> basicEffects(const UserContext &context, QDate date) const;

    QString authenticationDetail(const AuthDecision &decision, const UserContext &context) const;
    QString securityDefaultsDetail() const;
    QString conditionalAccessDetail(LayerEffect effect, const std::vector<PolicyOutcome> &outcomes,
                                    QDateTime *changedUtc) const;
    QString policySentence(const PreparedPolicy &policy, const PolicyOutcome &outcome) const;
    QString retirementDetail(QDate date) const;

    const TenantDirectory &m_directory;
    QDate m_today;
    std::vector<PreparedPolicy> m_policies; // every policy, in the directory's order
    std::vector<int> m_active;              // those that can block someone: enforced, static part not No
    AuthDecision m_defaultDecision;         // what the org default decides for a user with no own policy
    bool m_noPolicies = false;              // policies read and there are none: nothing can be in force
};

} // namespace smtpauth
