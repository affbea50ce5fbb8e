// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/readinessevaluator.h"

#include <QCoreApplication>
#include <algorithm>

namespace smtpauth {

namespace {

using State = ConditionalAccessPolicy::State;
using Aspect = ConditionalAccessPolicy::Aspect;
using Tri = ReadinessEvaluator::Tri;
using Via = ReadinessEvaluator::Via;
using Part = ReadinessEvaluator::Part;
using PolicyResult = ReadinessEvaluator::PolicyResult;

// Exchange Online's application id: a policy that names it, Office365 or All covers SMTP AUTH.
const QUuid kExchangeOnlineAppId = QUuid::fromString(u"00000002-0000-0ff1-ce00-000000000000");

QString tr(const char *text)
{
    return QCoreApplication::translate("ReadinessEvaluator", text);
}

bool sameWord(const QString &text, const char *word)
{
    return text.compare(QLatin1String(word), Qt::CaseInsensitive) == 0;
}

bool containsWord(const QStringList &list, const char *word)
{
    return std::any_of(list.begin(), list.end(),
                       [word](const QString &item) { return sameWord(item, word); });
}

bool namesExchange(const QStringList &apps)
{
    return std::any_of(apps.begin(), apps.end(), [](const QString &app) {
        return sameWord(app, "Office365") || QUuid::fromString(app) == kExchangeOnlineAppId;
    });
}

std::vector<QUuid> sortedIds(const QStringList &texts)
{
    std::vector<QUuid> ids;
    for (const QString &text : texts) {
        const QUuid id = QUuid::fromString(text);
        if (!id.isNull())
            ids.push_back(id);
    }
    std::sort(ids.begin(), ids.end(), &TenantDirectory::uuidLess);
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

bool containsSorted(const std::vector<QUuid> &ids, const QUuid &id)
{
    const auto at = std::lower_bound(ids.begin(), ids.end(), id, &TenantDirectory::uuidLess);
    return at != ids.end() && *at == id;
}

bool hasAspect(const ConditionalAccessPolicy &policy, std::initializer_list<Aspect> aspects)
{
    const QList<ConditionalAccessPolicy::NotUnderstood> &items = policy.notUnderstood();
    return std::any_of(items.begin(), items.end(), [&](const ConditionalAccessPolicy::NotUnderstood &item) {
        return std::find(aspects.begin(), aspects.end(), item.aspect) != aspects.end();
    });
}

// Three-valued "and" over a policy's parts, remembering the first part that is No and the first Maybe.
void andPart(Tri value, Part part, Tri *all, Part *firstNo, Part *firstMaybe)
{
    if (value == Tri::No) {
        if (*all != Tri::No)
            *firstNo = part;
        *all = Tri::No;
    } else if (value == Tri::Maybe && *all == Tri::Yes) {
        *all = Tri::Maybe;
        *firstMaybe = part;
    }
}

QString statusReason(const SourceStatus &status, const char *notRead, const char *unavailable)
{
    if (status.state == SourceStatus::Unavailable)
        return tr(unavailable).arg(status.reason.isEmpty() ? tr("no reason given") : status.reason);
    return tr(notRead);
}

QString quoted(const QString &text)
{
    return QLatin1Char('\'') + text + QLatin1Char('\'');
}

} // namespace

ReadinessEvaluator::ReadinessEvaluator(const TenantDirectory &directory, QDate today)
    : m_directory(directory), m_today(today)
{
    // --- authentication policy: what a user without a policy of their own gets ---
    const bool policiesRead = directory.authenticationPoliciesStatus().isRead();
    m_noPolicies = policiesRead && directory.authenticationPolicies().isEmpty();
    const auto policyDecision = [&](int index, bool own) {
        AuthDecision decision;
        decision.policyIndex = index;
        decision.own = own;
        const std::optional<bool> allow = directory.authenticationPolicies().at(index).allowBasicAuthSmtp;
        if (!allow) {
            decision.effect = LayerEffect::Unknown;
            decision.reason = AuthReason::NotBoolean;
        } else {
            decision.effect = *allow ? LayerEffect::Allows : LayerEffect::Blocks;
            decision.reason = *allow ? AuthReason::On : AuthReason::Off;
        }
        return decision;
    };
    if (!policiesRead) {
        m_defaultDecision = {LayerEffect::Unknown, AuthReason::PoliciesNotRead, -1, false};
    } else if (!directory.defaultAuthenticationPolicyStatus().isRead()) {
        // With no policy at all, no default can be in force whatever the org config says.
        m_defaultDecision = m_noPolicies
                                ? AuthDecision{LayerEffect::Allows, AuthReason::NoPolicy, -1, false}
                                : AuthDecision{LayerEffect::Unknown, AuthReason::DefaultNotRead, -1, false};
    } else if (directory.defaultAuthenticationPolicy().isEmpty()) {
        m_defaultDecision = {LayerEffect::Allows, AuthReason::NoPolicy, -1, false};
    } else if (directory.defaultAuthenticationPolicyIndex() < 0) {
        m_defaultDecision = {LayerEffect::Unknown, AuthReason::DefaultUnresolved, -1, false};
    } else {
        m_defaultDecision = policyDecision(directory.defaultAuthenticationPolicyIndex(), false);
    }

    // --- Conditional Access: the user-independent parts of each policy ---
    const QList<ConditionalAccessPolicy> &policies = directory.conditionalAccessPolicies();
    m_policies.reserve(size_t(policies.size()));
    for (int i = 0; i < int(policies.size()); ++i) {
        const ConditionalAccessPolicy &policy = policies.at(i);
        PreparedPolicy prepared;
        prepared.index = i;
        prepared.state = policy.state();

        const QStringList &types = policy.clientAppTypes();
        if (types.isEmpty() || containsWord(types, "other") || containsWord(types, "all"))
            prepared.clientApps = Tri::Yes; // no list at all means every client app type
        else
            prepared.clientApps = hasAspect(policy, {Aspect::ClientApps}) ? Tri::Maybe : Tri::No;

        const bool appsNotUnderstood = hasAspect(policy, {Aspect::Applications});
        if (namesExchange(policy.excludeApplications()))
            prepared.applications = Tri::No;
        else if (containsWord(policy.includeApplications(), "All") ||
                 namesExchange(policy.includeApplications()))
            prepared.applications = appsNotUnderstood ? Tri::Maybe : Tri::Yes;
        else
            prepared.applications = appsNotUnderstood ? Tri::Maybe : Tri::No;

        // Only a block grant blocks (readiness.md §1). Block alone, or AND-ed with anything, is a block;
        // block OR something else lets a client through that satisfies the other control: not understood.
        if (!policy.hasGrantControls()) {
            prepared.grant = Tri::No;
        } else if (containsWord(policy.builtInControls(), "block")) {
            qsizetype controls = policy.builtInControls().size() + policy.otherGrantRequirements().size();
            for (const auto &item : policy.notUnderstood()) {
                if (item.aspect == Aspect::Grant &&
                    item.name != QLatin1String("grantControls.builtInControls"))
                    ++controls;
            }
            prepared.grant = controls == 1 || sameWord(policy.grantOperator(), "AND") ? Tri::Yes : Tri::Maybe;
        } else {
            prepared.grant = hasAspect(policy, {Aspect::Grant}) ? Tri::Maybe : Tri::No;
        }

        prepared.conditions = hasAspect(policy, {Aspect::Conditions}) ? Tri::Maybe : Tri::Yes;
        prepared.stateKnown = policy.state() == State::NotUnderstood ? Tri::Maybe : Tri::Yes;
        prepared.narrowing = !policy.narrowing().isEmpty();

        prepared.staticPart = Tri::Yes;
        andPart(prepared.clientApps, Part::ClientApps, &prepared.staticPart, &prepared.firstNo,
                &prepared.firstMaybe);
        andPart(prepared.applications, Part::Applications, &prepared.staticPart, &prepared.firstNo,
                &prepared.firstMaybe);
        andPart(prepared.grant, Part::Grant, &prepared.staticPart, &prepared.firstNo, &prepared.firstMaybe);
        andPart(prepared.conditions, Part::Conditions, &prepared.staticPart, &prepared.firstNo,
                &prepared.firstMaybe);
        andPart(prepared.stateKnown, Part::State, &prepared.staticPart, &prepared.firstNo,
                &prepared.firstMaybe);

        prepared.includeAll = containsWord(policy.includeUsers(), "All");
        prepared.excludeAll = containsWord(policy.excludeUsers(), "All");
        prepared.includeIds = sortedIds(policy.includeUsers());
        prepared.excludeIds = sortedIds(policy.excludeUsers());
        prepared.includeRoles = sortedIds(policy.includeRoles());
        prepared.excludeRoles = sortedIds(policy.excludeRoles());
        const auto groups = [&](const QStringList &ids) {
            std::vector<GroupRef> refs;
            for (const QUuid &id : sortedIds(ids))
                refs.push_back({id, directory.group(id)});
            return refs;
        };
        prepared.includeGroups = groups(policy.includeGroups());
        prepared.excludeGroups = groups(policy.excludeGroups());
        // "GuestsOrExternalUsers" in the user lists is left out on purpose: a mailbox's user is a member
        // of the tenant, never a guest or external user. The guest objects of the newer API are not read.
        prepared.includeNotUnderstood = hasAspect(policy, {Aspect::IncludeUsers, Aspect::Users});
        prepared.excludeNotUnderstood = hasAspect(policy, {Aspect::ExcludeUsers, Aspect::Users});

        if ((prepared.state == State::Enabled || prepared.state == State::NotUnderstood) &&
            prepared.staticPart != Tri::No)
            m_active.push_back(i);
        m_policies.push_back(std::move(prepared));
    }
}

// --- the decisions (shared by the fast path and the explanation) --------------------------------

ReadinessEvaluator::UserContext ReadinessEvaluator::userContext(QUuid guid, QUuid externalDirectoryObjectId,
                                                                QStringView address) const
{
    UserContext context;
    context.user = m_directory.lookupUser(externalDirectoryObjectId, guid, address);
    context.userId = context.user.userId.isNull() ? externalDirectoryObjectId : context.user.userId;
    if (!context.userId.isNull() && !m_active.empty())
        context.roles = m_directory.userRoles(context.userId);
    return context;
}

ReadinessEvaluator::AuthDecision
ReadinessEvaluator::decideAuthenticationPolicy(const UserContext &context) const
{
    if (!m_directory.authenticationPoliciesStatus().isRead())
        return {LayerEffect::Unknown, AuthReason::PoliciesNotRead, -1, false};
    switch (context.user.kind) {
    case TenantDirectory::UserPolicy::OwnPolicy: {
        // The user's own policy beats the org default (exchange-protocol.md §1).
        const std::optional<bool> allow =
            m_directory.authenticationPolicies().at(context.user.policyIndex).allowBasicAuthSmtp;
        if (!allow)
            return {LayerEffect::Unknown, AuthReason::NotBoolean, context.user.policyIndex, true};
        return {*allow ? LayerEffect::Allows : LayerEffect::Blocks, *allow ? AuthReason::On : AuthReason::Off,
                context.user.policyIndex, true};
    }
    case TenantDirectory::UserPolicy::OwnPolicyUnknown:
        return {LayerEffect::Unknown, AuthReason::OwnUnresolved, -1, true};
    case TenantDirectory::UserPolicy::NoOwnPolicy:
        return m_defaultDecision;
    case TenantDirectory::UserPolicy::NoUser:
        return m_noPolicies ? m_defaultDecision
                            : AuthDecision{LayerEffect::Unknown, AuthReason::NoUser, -1, false};
    case TenantDirectory::UserPolicy::UsersNotRead:
        break;
    }
    return m_noPolicies ? m_defaultDecision
                        : AuthDecision{LayerEffect::Unknown, AuthReason::UsersNotRead, -1, false};
}

LayerEffect ReadinessEvaluator::decideSecurityDefaults() const
{
    if (!m_directory.securityDefaultsStatus().isRead() || !m_directory.securityDefaultsEnabled())
        return LayerEffect::Unknown;
    return *m_directory.securityDefaultsEnabled() ? LayerEffect::Blocks : LayerEffect::Allows;
}

ReadinessEvaluator::ScopeSide ReadinessEvaluator::scopeSide(bool all, const std::vector<QUuid> &ids,
                                                            const std::vector<GroupRef> &groups,
                                                            const std::vector<QUuid> &roles,
                                                            bool notUnderstood,
                                                            const UserContext &context) const
{
    if (all)
        return {Tri::Yes, Via::All, -1};
    const QUuid &user = context.userId;
    if (!user.isNull() && containsSorted(ids, user))
        return {Tri::Yes, Via::Id, -1};
    ScopeSide maybe{Tri::No, Via::None, -1};
    const auto unsure = [&maybe](Via via, int index) {
        if (maybe.value == Tri::No)
            maybe = {Tri::Maybe, via, index};
    };
    if (user.isNull() && !ids.empty())
        unsure(Via::NoUserId, -1);
    for (int k = 0; k < int(groups.size()); ++k) {
        const TenantDirectory::Group *group = groups[size_t(k)].group;
        if (!group || !group->status.isRead())
            unsure(Via::GroupNotRead, k);
        else if (user.isNull())
            unsure(Via::NoUserId, -1);
        else if (containsSorted(group->members, user))
            return {Tri::Yes, Via::Group, k};
    }
    if (!roles.empty()) {
        if (user.isNull()) {
            unsure(Via::NoUserId, -1);
        } else if (!context.roles || !context.roles->status.isRead()) {
            unsure(Via::RolesNotRead, -1);
        } else {
            for (int k = 0; k < int(roles.size()); ++k) {
                if (containsSorted(context.roles->roleTemplateIds, roles[size_t(k)]))
                    return {Tri::Yes, Via::Role, k};
            }
        }
    }
    if (notUnderstood)
        unsure(Via::NotUnderstood, -1);
    return maybe;
}

ReadinessEvaluator::PolicyOutcome ReadinessEvaluator::decidePolicy(const PreparedPolicy &policy,
                                                                   const UserContext &context) const
{
    PolicyOutcome outcome;
    if (policy.state == State::Disabled) {
        outcome.result = PolicyResult::Ignored;
        return outcome;
    }
    if (policy.staticPart == Tri::No) {
        outcome.result = PolicyResult::NotTargeted;
        outcome.part = policy.firstNo;
        return outcome;
    }
    // The exclusion first: a user excluded by id is out whatever is unknown about the inclusion.
    outcome.excluded = scopeSide(policy.excludeAll, policy.excludeIds, policy.excludeGroups,
                                 policy.excludeRoles, policy.excludeNotUnderstood, context);
    outcome.included = scopeSide(policy.includeAll, policy.includeIds, policy.includeGroups,
                                 policy.includeRoles, policy.includeNotUnderstood, context);
    Tri users = Tri::Yes;
    if (outcome.excluded.value == Tri::Yes || outcome.included.value == Tri::No)
        users = Tri::No;
    else if (outcome.included.value == Tri::Maybe || outcome.excluded.value == Tri::Maybe)
        users = Tri::Maybe;
    if (users == Tri::No) {
        outcome.result = PolicyResult::NotTargeted;
        outcome.part = Part::Users;
        return outcome;
    }
    const bool unsure = policy.staticPart == Tri::Maybe || users == Tri::Maybe;
    if (unsure)
        outcome.part = policy.staticPart == Tri::Maybe ? policy.firstMaybe : Part::Users;
    if (policy.state == State::ReportOnly) {
        // Report-only never blocks (readiness.md §1); it is shown as "would block".
        outcome.result = unsure             ? PolicyResult::ReportOnlyMaybe
                         : policy.narrowing ? PolicyResult::ReportOnlyBlocksSome
                                            : PolicyResult::ReportOnlyBlocks;
        return outcome;
    }
    outcome.result = unsure             ? PolicyResult::Unknown
                     : policy.narrowing ? PolicyResult::BlocksSome
                                        : PolicyResult::Blocks;
    return outcome;
}

LayerEffect ReadinessEvaluator::decideConditionalAccess(const UserContext &context,
                                                        std::vector<PolicyOutcome> *outcomes) const
{
    if (!m_directory.conditionalAccessStatus().isRead())
        return LayerEffect::Unknown;
    bool blocksSome = false;
    bool unknown = false;
    bool blocks = false;
    const auto account = [&](const PolicyOutcome &outcome) {
        blocks = blocks || outcome.result == PolicyResult::Blocks;
        blocksSome = blocksSome || outcome.result == PolicyResult::BlocksSome;
        unknown = unknown || outcome.result == PolicyResult::Unknown;
    };
    if (outcomes) {
        outcomes->clear();
        outcomes->reserve(m_policies.size());
        for (const PreparedPolicy &policy : m_policies) {
            outcomes->push_back(decidePolicy(policy, context));
            account(outcomes->back());
        }
    } else {
        for (const int index : m_active) {
            account(decidePolicy(m_policies[size_t(index)], context));
            if (blocks)
                break;
        }
    }
    if (blocks)
        return LayerEffect::Blocks;
    if (blocksSome)
        return LayerEffect::BlocksSome;
    return unknown ? LayerEffect::Unknown : LayerEffect::Allows;
}

LayerEffect ReadinessEvaluator::decideRetirement(QDate date)
{
    return date >= basicRetirementCutoff() ? LayerEffect::Blocks : LayerEffect::Allows;
}

std::array<LayerEffect, kReadinessLayerCount> ReadinessEvaluator::basicEffects(const UserContext &context,
                                                                               QDate date) const
{
    std::array<LayerEffect, kReadinessLayerCount> effects{};
    effects[size_t(ReadinessLayer::SmtpAuthSetting)] = LayerEffect::Allows;
    effects[size_t(ReadinessLayer::AuthenticationPolicy)] = decideAuthenticationPolicy(context).effect;
    effects[size_t(ReadinessLayer::SecurityDefaults)] = decideSecurityDefaults();
    effects[size_t(ReadinessLayer::ConditionalAccess)] = decideConditionalAccess(context, nullptr);
    effects[size_t(ReadinessLayer::BasicRetirement)] = decideRetirement(date);
    return effects;
}

ReadinessVerdict ReadinessEvaluator::combine(const std::array<LayerEffect, kReadinessLayerCount> &effects,
                                             bool basic)
{
    ReadinessVerdict verdict;
    verdict.verdict = Verdict::Allowed;
    for (const ReadinessLayer layer : kReadinessLayers) {
        if (!basic && layerScope(layer) == LayerScope::BasicOnly)
            continue;
        const LayerEffect effect = effects[size_t(layer)];
        if (effect == LayerEffect::Unknown && !verdict.firstUnknown)
            verdict.firstUnknown = layer;
        if ((effect == LayerEffect::Blocks || effect == LayerEffect::BlocksSome) && !verdict.decidedBy)
            verdict.decidedBy = layer;
    }
    if (verdict.decidedBy)
        verdict.verdict = Verdict::Blocked;
    else if (verdict.firstUnknown)
        verdict.verdict = Verdict::Unknown;
    return verdict;
}

PackedVerdict ReadinessEvaluator::packedBasicLayers(QUuid guid, QUuid externalDirectoryObjectId,
                                                    QStringView primarySmtpAddress) const
{
    const ReadinessVerdict verdict = combine(
        basicEffects(userContext(guid, externalDirectoryObjectId, primarySmtpAddress), m_today), true);
    return PackedVerdict(verdict.verdict, verdict.decidedBy, verdict.firstUnknown);
}

PackedVerdict ReadinessEvaluator::withSetting(EffectiveState effective, PackedVerdict basicLayers)
{
    // The switch is the first layer and never unknown: when it blocks it decides, and the first unknown
    // layer stays what the Basic layers said.
    if (effective == EffectiveState::Enabled)
        return basicLayers;
    return PackedVerdict(Verdict::Blocked, ReadinessLayer::SmtpAuthSetting, basicLayers.firstUnknown());
}

PackedVerdict ReadinessEvaluator::packedBasicNow(Override override, OrgSetting org, QUuid guid,
                                                 QUuid externalDirectoryObjectId,
                                                 QStringView primarySmtpAddress) const
{
    return withSetting(resolveEffective(override, org).state,
                       packedBasicLayers(guid, externalDirectoryObjectId, primarySmtpAddress));
}

QList<QUuid> ReadinessEvaluator::groupsThatMatter() const
{
    QList<QUuid> ids;
    for (const int index : m_active) {
        const PreparedPolicy &policy = m_policies[size_t(index)];
        for (const auto *groups : {&policy.includeGroups, &policy.excludeGroups}) {
            for (const GroupRef &group : *groups) {
                if (!ids.contains(group.id))
                    ids.append(group.id);
            }
        }
    }
    return ids;
}

bool ReadinessEvaluator::rolesMatter() const
{
    return std::any_of(m_active.begin(), m_active.end(), [this](int index) {
        const PreparedPolicy &policy = m_policies[size_t(index)];
        return !policy.includeRoles.empty() || !policy.excludeRoles.empty();
    });
}

// --- the explanation -----------------------------------------------------------------------------

MailboxReadiness ReadinessEvaluator::evaluate(const Mailbox &mailbox, OrgSetting org) const
{
    return evaluate(mailbox.smtpAuthOverride, org, mailbox.guid, mailbox.externalDirectoryObjectId,
                    mailbox.primarySmtpAddress);
}

MailboxReadiness ReadinessEvaluator::evaluate(Override override, OrgSetting org, QUuid guid,
                                              QUuid externalDirectoryObjectId,
                                              QStringView primarySmtpAddress) const
{
    const UserContext context = userContext(guid, externalDirectoryObjectId, primarySmtpAddress);
    MailboxReadiness readiness;
    for (const ReadinessLayer layer : kReadinessLayers)
        readiness.layers[size_t(layer)].layer = layer;

    // smtp-auth-setting
    const Effective effective = resolveEffective(override, org);
    LayerFinding &setting = readiness.layers[size_t(ReadinessLayer::SmtpAuthSetting)];
    const bool enabled = effective.state == EffectiveState::Enabled;
    setting.effect = enabled ? LayerEffect::Allows : LayerEffect::Blocks;
    if (effective.source == StateSource::Mailbox)
        setting.detail = enabled ? tr("Enabled by this mailbox's own override")
                                 : tr("Disabled by this mailbox's own override");
    else
        setting.detail = enabled ? tr("Inherits Enabled from the organization setting")
                                 : tr("Inherits Disabled from the organization setting");

    // authentication-policy
    const AuthDecision auth = decideAuthenticationPolicy(context);
    LayerFinding &authFinding = readiness.layers[size_t(ReadinessLayer::AuthenticationPolicy)];
    authFinding.effect = auth.effect;
    authFinding.detail = authenticationDetail(auth, context);
    if (auth.policyIndex >= 0)
        authFinding.changedUtc = m_directory.authenticationPolicies().at(auth.policyIndex).whenChangedUtc;

    // security-defaults
    LayerFinding &defaults = readiness.layers[size_t(ReadinessLayer::SecurityDefaults)];
    defaults.effect = decideSecurityDefaults();
    defaults.detail = securityDefaultsDetail();

    // conditional-access
    std::vector<PolicyOutcome> outcomes;
    LayerFinding &ca = readiness.layers[size_t(ReadinessLayer::ConditionalAccess)];
    ca.effect = decideConditionalAccess(context, &outcomes);
    ca.detail = conditionalAccessDetail(ca.effect, outcomes, &ca.changedUtc);

    // basic-retirement
    LayerFinding &retirement = readiness.layers[size_t(ReadinessLayer::BasicRetirement)];
    retirement.effect = decideRetirement(m_today);
    retirement.detail = retirementDetail(m_today);

    std::array<LayerEffect, kReadinessLayerCount> effects{};
    for (const LayerFinding &finding : readiness.layers)
        effects[size_t(finding.layer)] = finding.effect;
    readiness.oauth = combine(effects, false);
    readiness.basicNow = combine(effects, true);
    effects[size_t(ReadinessLayer::BasicRetirement)] = decideRetirement(basicRetirementCutoff());
    readiness.basicAfterCutoff = combine(effects, true);
    if (readiness.basicNow.verdict == Verdict::Blocked)
        readiness.decidedBy = readiness.basicNow.decidedBy;
    else if (readiness.oauth.verdict == Verdict::Blocked)
        readiness.decidedBy = readiness.oauth.decidedBy;
    return readiness;
}

QString ReadinessEvaluator::authenticationDetail(const AuthDecision &decision,
                                                 const UserContext &context) const
{
    const auto policyName = [this](int index) {
        return quoted(m_directory.authenticationPolicies().at(index).label());
    };
    const QString whose = decision.own ? tr("assigned to this user") : tr("the organization's default");
    switch (decision.reason) {
    case AuthReason::PoliciesNotRead:
        return statusReason(m_directory.authenticationPoliciesStatus(),
                            "Authentication policies (Get-AuthenticationPolicy) were not read",
                            "Authentication policies (Get-AuthenticationPolicy) could not be read: %1");
    case AuthReason::UsersNotRead:
        return statusReason(m_directory.usersStatus(),
                            "Users (Get-User) were not read, so this user's own policy is not known",
                            "Users (Get-User) could not be read, so this user's own policy is not known: %1");
    case AuthReason::NoUser:
        return tr("No user object (Get-User) was found for this mailbox, so its own policy is not known");
    case AuthReason::OwnUnresolved:
        if (context.user.reference.isEmpty())
            return tr("This user's own policy is not known");
        return tr("This user's policy %1 matches none of the authentication policies read")
            .arg(quoted(context.user.reference.toString()));
    case AuthReason::DefaultNotRead:
        return statusReason(m_directory.defaultAuthenticationPolicyStatus(),
                            "The user has no policy of its own and the organization's default "
                            "(Get-OrganizationConfig) was not read",
                            "The user has no policy of its own and the organization's default "
                            "(Get-OrganizationConfig) could not be read: %1");
    case AuthReason::DefaultUnresolved:
        return tr("The organization's default policy %1 matches none of the authentication policies read")
            .arg(quoted(m_directory.defaultAuthenticationPolicy()));
    case AuthReason::NotBoolean:
        return tr("Policy %1 (%2) has AllowBasicAuthSmtp %3, neither on nor off")
            .arg(policyName(decision.policyIndex), whose,
                 m_directory.authenticationPolicies().at(decision.policyIndex).allowBasicAuthSmtpText);
    case AuthReason::Off:
        return tr("Policy %1 (%2) has AllowBasicAuthSmtp off; changed policies take up to 24 hours")
            .arg(policyName(decision.policyIndex), whose);
    case AuthReason::On:
        return tr("Policy %1 (%2) has AllowBasicAuthSmtp on").arg(policyName(decision.policyIndex), whose);
    case AuthReason::NoPolicy:
        break;
    }
    if (m_noPolicies)
        return tr("The tenant has no authentication policies");
    return tr(
        "No authentication policy applies: the user has none of its own and the organization has no default");
}

QString ReadinessEvaluator::securityDefaultsDetail() const
{
    const SourceStatus &status = m_directory.securityDefaultsStatus();
    if (!status.isRead() || !m_directory.securityDefaultsEnabled())
        return statusReason(status, "Security defaults were not read",
                            "Security defaults could not be read: %1");
    return *m_directory.securityDefaultsEnabled()
               ? tr("Security defaults are on for the tenant: Basic authentication is blocked for every user")
               : tr("Security defaults are off for the tenant");
}

QString ReadinessEvaluator::retirementDetail(QDate date) const
{
    if (decideRetirement(date) == LayerEffect::Blocks) {
        return tr(
            "Microsoft turns Basic authentication for SMTP AUTH off by default for existing tenants at the "
            "end "
            "of December 2026; it has said admins will be able to turn it back on but not yet how, so the "
            "console assumes off");
    }
    const qint64 days = date.daysTo(basicRetirementCutoff());
    const QString left = days == 1 ? tr("1 day left") : tr("%1 days left").arg(days);
    return tr("Basic authentication for SMTP AUTH works until Microsoft turns it off by default for existing "
              "tenants "
              "at the end of December 2026 (%1)")
        .arg(left);
}

QString ReadinessEvaluator::policySentence(const PreparedPolicy &prepared, const PolicyOutcome &outcome) const
{
    const ConditionalAccessPolicy &policy = m_directory.conditionalAccessPolicies().at(prepared.index);
    const QString name = quoted(policy.label());
    const auto inclusion = [&]() -> QString {
        switch (outcome.included.via) {
        case Via::All:
            return tr("includes All users");
        case Via::Id:
            return tr("includes this user");
        case Via::Group:
            return tr("includes group %1, of which this user is a member")
                .arg(
                    prepared.includeGroups[size_t(outcome.included.index)].id.toString(QUuid::WithoutBraces));
        case Via::Role:
            return tr("includes directory role %1, which this user holds")
                .arg(prepared.includeRoles[size_t(outcome.included.index)].toString(QUuid::WithoutBraces));
        case Via::None:
        case Via::GroupNotRead:
        case Via::RolesNotRead:
        case Via::NoUserId:
        case Via::NotUnderstood:
            return tr("may include this user");
        }
        return tr("may include this user");
    };
    const auto exclusion = [&]() -> QString {
        switch (outcome.excluded.via) {
        case Via::All:
            return tr("excludes All users");
        case Via::Id:
            return tr("excludes this user");
        case Via::Group:
            return tr("excludes group %1, of which this user is a member")
                .arg(
                    prepared.excludeGroups[size_t(outcome.excluded.index)].id.toString(QUuid::WithoutBraces));
        case Via::Role:
            return tr("excludes directory role %1, which this user holds")
                .arg(prepared.excludeRoles[size_t(outcome.excluded.index)].toString(QUuid::WithoutBraces));
        case Via::None:
        case Via::GroupNotRead:
        case Via::RolesNotRead:
        case Via::NoUserId:
        case Via::NotUnderstood:
            return tr("this user is not excluded");
        }
        return tr("this user is not excluded");
    };
    const auto notUnderstood = [&](std::initializer_list<Aspect> aspects) {
        QStringList items;
        for (const auto &item : policy.notUnderstood()) {
            if (std::find(aspects.begin(), aspects.end(), item.aspect) != aspects.end())
                items << item.name + QLatin1Char(' ') + item.value;
        }
        return tr("not understood: %1").arg(items.join(QStringLiteral(", ")));
    };
    const auto scopeReason = [&](const ScopeSide &side, const std::vector<GroupRef> &groups,
                                 bool include) -> QString {
        switch (side.via) {
        case Via::GroupNotRead: {
            const GroupRef &group = groups[size_t(side.index)];
            const QString id = group.id.toString(QUuid::WithoutBraces);
            if (group.group && group.group->status.state == SourceStatus::Unavailable)
                return tr("the members of group %1 could not be read: %2")
                    .arg(id, group.group->status.reason);
            return tr("the members of group %1 were not read").arg(id);
        }
        case Via::RolesNotRead:
            return tr("this user's directory roles were not read (the policy is scoped by role)");
        case Via::NoUserId:
            return tr("this mailbox has no directory object id to match the policy's users against");
        case Via::NotUnderstood:
            return include ? notUnderstood({Aspect::IncludeUsers, Aspect::Users})
                           : notUnderstood({Aspect::ExcludeUsers, Aspect::Users});
        case Via::None:
        case Via::All:
        case Via::Id:
        case Via::Group:
        case Via::Role:
            return {};
        }
        return {};
    };
    const auto unknownReason = [&]() -> QString {
        switch (outcome.part) {
        case Part::ClientApps:
            return notUnderstood({Aspect::ClientApps});
        case Part::Applications:
            return notUnderstood({Aspect::Applications});
        case Part::Grant:
            if (prepared.grant == Tri::Maybe && containsWord(policy.builtInControls(), "block"))
                return tr("its grant combines block with other controls (%1)")
                    .arg(policy.grantOperator().isEmpty() ? tr("no operator") : policy.grantOperator());
            return notUnderstood({Aspect::Grant});
        case Part::Conditions:
            return notUnderstood({Aspect::Conditions});
        case Part::State:
            return notUnderstood({Aspect::State});
        case Part::Users:
            if (outcome.included.value == Tri::Maybe)
                return scopeReason(outcome.included, prepared.includeGroups, true);
            return scopeReason(outcome.excluded, prepared.excludeGroups, false);
        case Part::None:
            break;
        }
        return {};
    };
    const auto where = [&]() {
        QStringList parts;
        for (const auto &narrowing : policy.narrowing())
            parts << QStringLiteral("%1 (%2)").arg(narrowing.condition, narrowing.description);
        return parts.join(QStringLiteral(", "));
    };

    switch (outcome.result) {
    case PolicyResult::Blocks:
        return tr("CA policy %1 %2; %3").arg(name, inclusion(), exclusion());
    case PolicyResult::BlocksSome:
        return tr("CA policy %1 %2; %3; it blocks only where its conditions hold: %4")
            .arg(name, inclusion(), exclusion(), where());
    case PolicyResult::Unknown:
        return tr("CA policy %1 may block this user, but %2").arg(name, unknownReason());
    case PolicyResult::ReportOnlyBlocks:
        return tr("CA policy %1 would block (report-only)").arg(name);
    case PolicyResult::ReportOnlyBlocksSome:
        return tr("CA policy %1 would block where its conditions hold: %2 (report-only)").arg(name, where());
    case PolicyResult::ReportOnlyMaybe:
        return tr("CA policy %1 might block (report-only)").arg(name);
    case PolicyResult::Ignored:
        return tr("CA policy %1 is disabled").arg(name);
    case PolicyResult::NotTargeted:
        break;
    }
    if (outcome.part == Part::Users)
        return tr("CA policy %1 blocks legacy clients but %2")
            .arg(name, outcome.excluded.value == Tri::Yes ? exclusion() : tr("does not include this user"));
    if (outcome.part == Part::Grant) {
        QStringList controls = policy.builtInControls() + policy.otherGrantRequirements();
        return tr("CA policy %1 requires %2, which is not a block")
            .arg(name, controls.isEmpty() ? tr("nothing") : controls.join(QStringLiteral(", ")));
    }
    return {};
}

QString ReadinessEvaluator::conditionalAccessDetail(LayerEffect effect,
                                                    const std::vector<PolicyOutcome> &outcomes,
                                                    QDateTime *changedUtc) const
{
    const SourceStatus &status = m_directory.conditionalAccessStatus();
    if (!status.isRead())
        return statusReason(status, "Conditional Access policies were not read",
                            "Conditional Access policies could not be read: %1");
    if (m_policies.empty())
        return tr("No Conditional Access policies in the tenant");
    const auto sentences = [&](std::initializer_list<PolicyResult> results, bool dated) {
        QStringList list;
        for (size_t i = 0; i < outcomes.size(); ++i) {
            if (std::find(results.begin(), results.end(), outcomes[i].result) == results.end())
                continue;
            list << policySentence(m_policies[i], outcomes[i]);
            const QDateTime modified =
                m_directory.conditionalAccessPolicies().at(m_policies[i].index).modifiedUtc();
            if (dated && modified.isValid() && (!changedUtc->isValid() || modified > *changedUtc))
                *changedUtc = modified;
        }
        return list;
    };
    switch (effect) {
    case LayerEffect::Blocks:
        return sentences({PolicyResult::Blocks}, true).join(QStringLiteral("; "));
    case LayerEffect::BlocksSome:
        return sentences({PolicyResult::BlocksSome}, true).join(QStringLiteral("; "));
    case LayerEffect::Unknown:
        return sentences({PolicyResult::Unknown}, true).join(QStringLiteral("; "));
    case LayerEffect::Allows:
        break;
    }
    // Allows: say so, and name the policies a reader would look at: report-only blocks, legacy blocks that
    // leave this user out, grants that are not a block, disabled ones that would otherwise count.
    QStringList notes = sentences(
        {PolicyResult::ReportOnlyBlocks, PolicyResult::ReportOnlyBlocksSome, PolicyResult::ReportOnlyMaybe},
        false);
    for (size_t i = 0; i < outcomes.size(); ++i) {
        const PreparedPolicy &prepared = m_policies[i];
        const PolicyOutcome &outcome = outcomes[i];
        const bool legacyBlock = prepared.clientApps != Tri::No && prepared.applications != Tri::No;
        if (!legacyBlock)
            continue;
        if ((outcome.result == PolicyResult::NotTargeted &&
             (outcome.part == Part::Users || outcome.part == Part::Grant)) ||
            (outcome.result == PolicyResult::Ignored && prepared.grant != Tri::No))
            notes << policySentence(prepared, outcome);
    }
    const QString allows =
        tr("No enabled Conditional Access policy blocks Basic (other) clients for this user");
    return notes.isEmpty() ? allows : allows + QLatin1String(". ") + notes.join(QStringLiteral("; "));
}

} // namespace smtpauth
