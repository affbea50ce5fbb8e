// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/readinessevaluator.h"
#include "readinesstestdata.h"

#include <QRandomGenerator>
#include <QTest>
#include <functional>

using namespace smtpauth;
using namespace readinesstest;

using Setup = std::function<void(TenantDirectory &)>;
Q_DECLARE_METATYPE(Setup)

namespace {

MailboxReadiness evaluate(const TenantDirectory &directory, QDate today = kBefore,
                          Override override = Override::Inherit, OrgSetting org = OrgSetting::Enabled)
{
    return ReadinessEvaluator(directory, today).evaluate(override, org, kMailboxGuid, kUserId, kAddress);
}

Setup caPolicy(const QJsonObject &policy)
{
    return [policy](TenantDirectory &directory) { setPolicies(directory, {policy}); };
}

Setup caPolicyWith(const QString &path, const QJsonValue &value)
{
    return caPolicy(with(blockLegacyPolicy(), path, value));
}

Setup both(Setup first, Setup second)
{
    return [first, second](TenantDirectory &directory) {
        first(directory);
        second(directory);
    };
}

Setup groupMembers(QUuid group, const QList<QUuid> &members)
{
    return [group, members](TenantDirectory &directory) {
        directory.setGroupMembers(group, members, SourceStatus::read());
    };
}

QString describe(const MailboxReadiness &readiness)
{
    QStringList lines;
    for (const LayerFinding &finding : readiness.layers)
        lines << machineName(finding.layer) + QLatin1String(": ") + machineName(finding.effect) +
                     QLatin1String(" - ") + finding.detail;
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class TestReadinessEvaluator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // One layer at a time, from the everything-read-nothing-blocks directory.
    void layer_data()
    {
        QTest::addColumn<Setup>("setup");
        QTest::addColumn<Override>("override");
        QTest::addColumn<OrgSetting>("org");
        QTest::addColumn<QDate>("today");
        QTest::addColumn<ReadinessLayer>("layer");
        QTest::addColumn<LayerEffect>("effect");
        QTest::addColumn<QString>("detail"); // a part of the detail
        QTest::addColumn<Verdict>("basicNow");

        const Setup nothing = [](TenantDirectory &) {};
        const auto row = [&](const char *name, Setup setup, ReadinessLayer layer, LayerEffect effect,
                             const char *detail, Verdict basicNow, Override override = Override::Inherit,
                             OrgSetting org = OrgSetting::Enabled, QDate today = kBefore) {
            QTest::newRow(name) << setup << override << org << today << layer << effect
                                << QString::fromUtf8(detail) << basicNow;
        };
        using L = ReadinessLayer;
        using E = LayerEffect;
        using V = Verdict;

        // smtp-auth-setting
        row("setting: inherits enabled", nothing, L::SmtpAuthSetting, E::Allows,
            "Inherits Enabled from the organization setting", V::Allowed);
        row("setting: own override disabled", nothing, L::SmtpAuthSetting, E::Blocks,
            "Disabled by this mailbox's own override", V::Blocked, Override::Disabled);
        row("setting: inherits disabled", nothing, L::SmtpAuthSetting, E::Blocks,
            "Inherits Disabled from the organization setting", V::Blocked, Override::Inherit,
            OrgSetting::Disabled);
        row("setting: own override enabled beats the org", nothing, L::SmtpAuthSetting, E::Allows,
            "Enabled by this mailbox's own override", V::Allowed, Override::Enabled, OrgSetting::Disabled);

        // authentication-policy
        row("auth: no own policy, no default", nothing, L::AuthenticationPolicy, E::Allows,
            "the user has none of its own and the organization has no default", V::Allowed);
        row(
            "auth: own policy off", [](TenantDirectory &d) { setUserPolicy(d, u"Block Basic Auth"); },
            L::AuthenticationPolicy, E::Blocks,
            "Policy 'Block Basic Auth' (assigned to this user) has AllowBasicAuthSmtp off; changed policies "
            "take up to 24 hours",
            V::Blocked);
        row(
            "auth: own policy on", [](TenantDirectory &d) { setUserPolicy(d, u"allow basic"); },
            L::AuthenticationPolicy, E::Allows,
            "Policy 'Allow Basic' (assigned to this user) has AllowBasicAuthSmtp on", V::Allowed);
        row(
            "auth: own policy named by DN",
            [](TenantDirectory &d) {
                setUserPolicy(d, u"CN=Block Basic Auth,CN=Auth Policies,CN=Configuration,DC=prod");
            },
            L::AuthenticationPolicy, E::Blocks, "Policy 'Block Basic Auth' (assigned to this user)",
            V::Blocked);
        row(
            "auth: own policy unknown", [](TenantDirectory &d) { setUserPolicy(d, u"Gone Policy"); },
            L::AuthenticationPolicy, E::Unknown,
            "This user's policy 'Gone Policy' matches none of the authentication policies read", V::Unknown);
        row(
            "auth: own policy not a boolean", [](TenantDirectory &d) { setUserPolicy(d, u"Odd"); },
            L::AuthenticationPolicy, E::Unknown,
            "Policy 'Odd' (assigned to this user) has AllowBasicAuthSmtp 'yes'", V::Unknown);
        row(
            "auth: org default off",
            [](TenantDirectory &d) {
                d.setDefaultAuthenticationPolicy(QStringLiteral("Block Basic Auth"), SourceStatus::read());
            },
            L::AuthenticationPolicy, E::Blocks,
            "Policy 'Block Basic Auth' (the organization's default) has AllowBasicAuthSmtp off", V::Blocked);
        row(
            "auth: org default named by DN",
            [](TenantDirectory &d) {
                d.setDefaultAuthenticationPolicy(
                    QStringLiteral("CN=block basic auth,CN=Auth Policies,CN=Configuration"),
                    SourceStatus::read());
            },
            L::AuthenticationPolicy, E::Blocks, "(the organization's default)", V::Blocked);
        row("auth: own policy beats the default",
            both(
                [](TenantDirectory &d) {
                    d.setDefaultAuthenticationPolicy(QStringLiteral("Block Basic Auth"),
                                                     SourceStatus::read());
                },
                [](TenantDirectory &d) { setUserPolicy(d, u"Allow Basic"); }),
            L::AuthenticationPolicy, E::Allows, "'Allow Basic' (assigned to this user)", V::Allowed);
        row(
            "auth: org default unknown",
            [](TenantDirectory &d) {
                d.setDefaultAuthenticationPolicy(QStringLiteral("Nope"), SourceStatus::read());
            },
            L::AuthenticationPolicy, E::Unknown, "The organization's default policy 'Nope' matches none",
            V::Unknown);
        row(
            "auth: policies not read",
            [](TenantDirectory &d) { d.setAuthenticationPolicies({}, SourceStatus{}); },
            L::AuthenticationPolicy, E::Unknown,
            "Authentication policies (Get-AuthenticationPolicy) were not read", V::Unknown);
        row(
            "auth: policies unavailable",
            [](TenantDirectory &d) {
                d.setAuthenticationPolicies({}, SourceStatus::unavailable(QStringLiteral(
                                                    "403: the role Recipient Management is needed")));
            },
            L::AuthenticationPolicy, E::Unknown,
            "could not be read: 403: the role Recipient Management is needed", V::Unknown);
        row(
            "auth: users not read",
            [](TenantDirectory &d) {
                d.setUsersStatus(SourceStatus::unavailable(QStringLiteral("Get-User failed: 503")));
            },
            L::AuthenticationPolicy, E::Unknown,
            "Users (Get-User) could not be read, so this user's own policy is not known: Get-User failed: "
            "503",
            V::Unknown);
        row(
            "auth: mailbox has no user",
            [](TenantDirectory &d) {
                d.clearUsers();
                d.addUser(kOtherUser, {}, u"other@contoso.com", {});
                d.finishUsers();
                d.setUsersStatus(SourceStatus::read());
            },
            L::AuthenticationPolicy, E::Unknown, "No user object (Get-User) was found for this mailbox",
            V::Unknown);
        row(
            "auth: only users with a policy read, this one not among them",
            [](TenantDirectory &d) {
                d.clearUsers();
                d.addUser(kOtherUser, {}, u"other@contoso.com", u"Block Basic Auth");
                d.finishUsers(TenantDirectory::UserListing::OnlyUsersWithOwnPolicy);
                d.setUsersStatus(SourceStatus::read());
            },
            L::AuthenticationPolicy, E::Allows, "has none of its own", V::Allowed);
        row(
            "auth: org config not read, no own policy",
            [](TenantDirectory &d) { d.setDefaultAuthenticationPolicy({}, SourceStatus{}); },
            L::AuthenticationPolicy, E::Unknown,
            "the organization's default (Get-OrganizationConfig) was not read", V::Unknown);
        row("auth: org config not read does not matter with an own policy",
            both([](TenantDirectory &d) { d.setDefaultAuthenticationPolicy({}, SourceStatus{}); },
                 [](TenantDirectory &d) { setUserPolicy(d, u"Block Basic Auth"); }),
            L::AuthenticationPolicy, E::Blocks, "(assigned to this user)", V::Blocked);
        row(
            "auth: no policies in the tenant, users not read",
            [](TenantDirectory &d) {
                d.setAuthenticationPolicies({}, SourceStatus::read());
                d.setUsersStatus(SourceStatus{});
                d.setDefaultAuthenticationPolicy({}, SourceStatus{});
            },
            L::AuthenticationPolicy, E::Allows, "The tenant has no authentication policies", V::Allowed);

        // security-defaults
        row(
            "security defaults on",
            [](TenantDirectory &d) { d.setSecurityDefaults(true, SourceStatus::read()); },
            L::SecurityDefaults, E::Blocks,
            "Security defaults are on for the tenant: Basic authentication is blocked for every user",
            V::Blocked);
        row("security defaults off", nothing, L::SecurityDefaults, E::Allows, "Security defaults are off",
            V::Allowed);
        row(
            "security defaults not read", [](TenantDirectory &d) { d.setSecurityDefaultsStatus({}); },
            L::SecurityDefaults, E::Unknown, "Security defaults were not read", V::Unknown);
        row(
            "security defaults unavailable",
            [](TenantDirectory &d) {
                d.setSecurityDefaultsStatus(SourceStatus::unavailable(
                    QStringLiteral("401 InvalidAuthenticationToken: consent missing")));
            },
            L::SecurityDefaults, E::Unknown,
            "Security defaults could not be read: 401 InvalidAuthenticationToken: consent missing",
            V::Unknown);
        row(
            "security defaults: isEnabled not a boolean",
            [](TenantDirectory &d) { d.setSecurityDefaultsFromGraph(json(R"({"isEnabled": "true"})"), {}); },
            L::SecurityDefaults, E::Unknown, "no boolean isEnabled", V::Unknown);

        // conditional-access
        const QString ca = QStringLiteral("conditions.");
        row("CA: none in the tenant", nothing, L::ConditionalAccess, E::Allows,
            "No Conditional Access policies in the tenant", V::Allowed);
        row(
            "CA: not read", [](TenantDirectory &d) { d.setConditionalAccessPolicies({}, SourceStatus{}); },
            L::ConditionalAccess, E::Unknown, "Conditional Access policies were not read", V::Unknown);
        row(
            "CA: 403 without the role",
            [](TenantDirectory &d) {
                d.setConditionalAccessPolicies(
                    {}, SourceStatus::unavailable(QStringLiteral(
                            "403 Authorization_RequestDenied: Insufficient privileges to complete the "
                            "operation. Reading "
                            "Conditional Access needs the Security Reader or Global Reader role.")));
            },
            L::ConditionalAccess, E::Unknown, "needs the Security Reader or Global Reader role.", V::Unknown);
        row("CA: block legacy for all", caPolicy(blockLegacyPolicy()), L::ConditionalAccess, E::Blocks,
            "CA policy 'Block legacy authentication' includes All users; this user is not excluded",
            V::Blocked);
        row("CA: excluded by id",
            caPolicyWith(ca + QStringLiteral("users.excludeUsers"),
                         strings({kUserId.toString(QUuid::WithoutBraces)})),
            L::ConditionalAccess, E::Allows, "blocks legacy clients but excludes this user", V::Allowed);
        row("CA: excluded by group",
            both(caPolicyWith(ca + QStringLiteral("users.excludeGroups"), strings({kGroup.toString()})),
                 groupMembers(kGroup, {kOtherUser, kUserId})),
            L::ConditionalAccess, E::Allows, "excludes group 44444444-4444-4444-4444-444444444444",
            V::Allowed);
        row("CA: excluding group read, user not a member",
            both(caPolicyWith(ca + QStringLiteral("users.excludeGroups"), strings({kGroup.toString()})),
                 groupMembers(kGroup, {kOtherUser})),
            L::ConditionalAccess, E::Blocks, "includes All users; this user is not excluded", V::Blocked);
        row("CA: excluding group not read",
            caPolicyWith(ca + QStringLiteral("users.excludeGroups"), strings({kGroup.toString()})),
            L::ConditionalAccess, E::Unknown,
            "the members of group 44444444-4444-4444-4444-444444444444 were not read", V::Unknown);
        row("CA: excluding group could not be read",
            both(caPolicyWith(ca + QStringLiteral("users.excludeGroups"), strings({kGroup.toString()})),
                 [](TenantDirectory &d) {
                     d.setGroupMembers(kGroup, {},
                                       SourceStatus::unavailable(QStringLiteral("403 GroupMember.Read.All")));
                 }),
            L::ConditionalAccess, E::Unknown, "could not be read: 403 GroupMember.Read.All", V::Unknown);
        row("CA: group not read does not matter when excluded by id",
            caPolicy(with(with(blockLegacyPolicy(), ca + QStringLiteral("users.excludeGroups"),
                               strings({kGroup.toString()})),
                          ca + QStringLiteral("users.excludeUsers"), strings({kUserId.toString()}))),
            L::ConditionalAccess, E::Allows, "excludes this user", V::Allowed);
        row("CA: included by group",
            both(caPolicy(
                     with(with(blockLegacyPolicy(), ca + QStringLiteral("users.includeUsers"), QJsonArray()),
                          ca + QStringLiteral("users.includeGroups"),
                          strings({kOtherGroup.toString(), kGroup.toString()}))),
                 both(groupMembers(kGroup, {kUserId}), groupMembers(kOtherGroup, {kOtherUser}))),
            L::ConditionalAccess, E::Blocks,
            "includes group 44444444-4444-4444-4444-444444444444, of which this user is a member",
            V::Blocked);
        row("CA: including group read, not a member",
            both(caPolicy(
                     with(with(blockLegacyPolicy(), ca + QStringLiteral("users.includeUsers"), QJsonArray()),
                          ca + QStringLiteral("users.includeGroups"), strings({kGroup.toString()}))),
                 groupMembers(kGroup, {kOtherUser})),
            L::ConditionalAccess, E::Allows, "does not include this user", V::Allowed);
        row("CA: included by id",
            caPolicyWith(ca + QStringLiteral("users.includeUsers"), strings({kUserId.toString()})),
            L::ConditionalAccess, E::Blocks, "includes this user; this user is not excluded", V::Blocked);
        row("CA: role scope, roles not read",
            caPolicy(with(with(blockLegacyPolicy(), ca + QStringLiteral("users.includeUsers"), QJsonArray()),
                          ca + QStringLiteral("users.includeRoles"), strings({kRole.toString()}))),
            L::ConditionalAccess, E::Unknown, "this user's directory roles were not read", V::Unknown);
        row("CA: role scope, role held",
            both(caPolicy(
                     with(with(blockLegacyPolicy(), ca + QStringLiteral("users.includeUsers"), QJsonArray()),
                          ca + QStringLiteral("users.includeRoles"), strings({kRole.toString()}))),
                 [](TenantDirectory &d) {
                     d.setUserRoles(kUserId, {kRole.toString(QUuid::WithoutBraces).toUpper()},
                                    SourceStatus::read());
                 }),
            L::ConditionalAccess, E::Blocks,
            "includes directory role 62e90394-69f5-4237-9190-012177145e10, which this user holds",
            V::Blocked);
        row("CA: role scope, role not held",
            both(caPolicy(
                     with(with(blockLegacyPolicy(), ca + QStringLiteral("users.includeUsers"), QJsonArray()),
                          ca + QStringLiteral("users.includeRoles"), strings({kRole.toString()}))),
                 [](TenantDirectory &d) { d.setUserRoles(kUserId, {}, SourceStatus::read()); }),
            L::ConditionalAccess, E::Allows, "does not include this user", V::Allowed);
        row("CA: excluded by role",
            both(caPolicyWith(ca + QStringLiteral("users.excludeRoles"), strings({kRole.toString()})),
                 [](TenantDirectory &d) {
                     d.setUserRoles(kUserId, {kRole.toString()}, SourceStatus::read());
                 }),
            L::ConditionalAccess, E::Allows, "excludes directory role", V::Allowed);
        row("CA: exclusion by role not read",
            caPolicyWith(ca + QStringLiteral("users.excludeRoles"), strings({kRole.toString()})),
            L::ConditionalAccess, E::Unknown, "directory roles were not read", V::Unknown);
        row("CA: report-only never blocks",
            caPolicyWith(QStringLiteral("state"), QStringLiteral("enabledForReportingButNotEnforced")),
            L::ConditionalAccess, E::Allows,
            "CA policy 'Block legacy authentication' would block (report-only)", V::Allowed);
        row("CA: disabled is ignored", caPolicyWith(QStringLiteral("state"), QStringLiteral("disabled")),
            L::ConditionalAccess, E::Allows, "CA policy 'Block legacy authentication' is disabled",
            V::Allowed);
        row("CA: unknown state", caPolicyWith(QStringLiteral("state"), QStringLiteral("enabledSomehow")),
            L::ConditionalAccess, E::Unknown, "not understood: state 'enabledSomehow'", V::Unknown);
        row("CA: mfa is not a block",
            caPolicyWith(QStringLiteral("grantControls.builtInControls"), strings({QStringLiteral("mfa")})),
            L::ConditionalAccess, E::Allows, "requires mfa, which is not a block", V::Allowed);
        row("CA: block OR mfa",
            caPolicyWith(QStringLiteral("grantControls.builtInControls"),
                         strings({QStringLiteral("block"), QStringLiteral("mfa")})),
            L::ConditionalAccess, E::Unknown, "its grant combines block with other controls (OR)",
            V::Unknown);
        row("CA: browser only",
            caPolicyWith(ca + QStringLiteral("clientAppTypes"), strings({QStringLiteral("browser")})),
            L::ConditionalAccess, E::Allows, "No enabled Conditional Access policy blocks Basic", V::Allowed);
        row("CA: clientAppTypes all",
            caPolicyWith(ca + QStringLiteral("clientAppTypes"), strings({QStringLiteral("all")})),
            L::ConditionalAccess, E::Blocks, "includes All users", V::Blocked);
        row("CA: clientAppTypes empty means all",
            caPolicyWith(ca + QStringLiteral("clientAppTypes"), QJsonArray()), L::ConditionalAccess,
            E::Blocks, "includes All users", V::Blocked);
        row("CA: unknown clientAppTypes",
            caPolicyWith(ca + QStringLiteral("clientAppTypes"), strings({QStringLiteral("foo")})),
            L::ConditionalAccess, E::Unknown, "not understood: clientAppTypes 'foo'", V::Unknown);
        row("CA: unknown clientAppTypes next to other",
            caPolicyWith(ca + QStringLiteral("clientAppTypes"),
                         strings({QStringLiteral("foo"), QStringLiteral("other")})),
            L::ConditionalAccess, E::Blocks, "includes All users", V::Blocked);
        row("CA: unknown condition",
            caPolicyWith(ca + QStringLiteral("deviceFlavours"), strings({QStringLiteral("purple")})),
            L::ConditionalAccess, E::Unknown, "not understood: conditions.deviceFlavours [\"purple\"]",
            V::Unknown);
        row("CA: user actions",
            caPolicy(with(with(blockLegacyPolicy(), ca + QStringLiteral("applications.includeApplications"),
                               QJsonArray()),
                          ca + QStringLiteral("applications.includeUserActions"),
                          strings({QStringLiteral("urn:user:registersecurityinfo")}))),
            L::ConditionalAccess, E::Unknown, "not understood: applications.includeUserActions", V::Unknown);
        row("CA: guests object, nobody else",
            caPolicy(with(with(blockLegacyPolicy(), ca + QStringLiteral("users.includeUsers"), QJsonArray()),
                          ca + QStringLiteral("users.includeGuestsOrExternalUsers"),
                          json(R"({"guestOrExternalUserTypes": "b2bCollaborationGuest"})"))),
            L::ConditionalAccess, E::Unknown, "not understood: users.includeGuestsOrExternalUsers",
            V::Unknown);
        row("CA: guests object next to All",
            caPolicyWith(ca + QStringLiteral("users.includeGuestsOrExternalUsers"),
                         json(R"({"guestOrExternalUserTypes": "b2bCollaborationGuest"})")),
            L::ConditionalAccess, E::Blocks, "includes All users", V::Blocked);
        row("CA: locations make it blocks-some",
            caPolicyWith(ca + QStringLiteral("locations"),
                         json(R"({"includeLocations": ["All"], "excludeLocations": ["AllTrusted"]})")),
            L::ConditionalAccess, E::BlocksSome,
            "it blocks only where its conditions hold: locations (include All; exclude AllTrusted)",
            V::Blocked);
        row("CA: locations All narrows nothing",
            caPolicyWith(ca + QStringLiteral("locations"),
                         json(R"({"includeLocations": ["All"], "excludeLocations": []})")),
            L::ConditionalAccess, E::Blocks, "includes All users", V::Blocked);
        row("CA: platforms",
            caPolicyWith(ca + QStringLiteral("platforms"),
                         json(R"({"includePlatforms": ["android", "iOS"]})")),
            L::ConditionalAccess, E::BlocksSome, "platforms (include android, iOS)", V::Blocked);
        row("CA: sign-in risk",
            caPolicyWith(ca + QStringLiteral("signInRiskLevels"), strings({QStringLiteral("high")})),
            L::ConditionalAccess, E::BlocksSome, "signInRiskLevels (high)", V::Blocked);
        row("CA: Office365",
            caPolicyWith(ca + QStringLiteral("applications.includeApplications"),
                         strings({QStringLiteral("Office365")})),
            L::ConditionalAccess, E::Blocks, "includes All users", V::Blocked);
        row("CA: Exchange Online by id",
            caPolicyWith(ca + QStringLiteral("applications.includeApplications"),
                         strings({QStringLiteral("00000002-0000-0ff1-ce00-000000000000")})),
            L::ConditionalAccess, E::Blocks, "includes All users", V::Blocked);
        row("CA: another app",
            caPolicyWith(ca + QStringLiteral("applications.includeApplications"),
                         strings({QStringLiteral("00000003-0000-0ff1-ce00-000000000000")})),
            L::ConditionalAccess, E::Allows, "No enabled Conditional Access policy", V::Allowed);
        row("CA: Exchange excluded",
            caPolicyWith(ca + QStringLiteral("applications.excludeApplications"),
                         strings({QStringLiteral("00000002-0000-0ff1-ce00-000000000000")})),
            L::ConditionalAccess, E::Allows, "No enabled Conditional Access policy", V::Allowed);
        row(
            "CA: blocks beats unknown and blocks-some",
            [](TenantDirectory &d) {
                setPolicies(
                    d, {with(blockLegacyPolicy("Odd clients"), QStringLiteral("conditions.clientAppTypes"),
                             strings({QStringLiteral("foo")})),
                        with(blockLegacyPolicy("Abroad"), QStringLiteral("conditions.platforms"),
                             json(R"({"includePlatforms": ["linux"]})")),
                        blockLegacyPolicy("Everyone")});
            },
            L::ConditionalAccess, E::Blocks, "CA policy 'Everyone' includes All users", V::Blocked);
        row(
            "CA: blocks-some beats unknown",
            [](TenantDirectory &d) {
                setPolicies(
                    d, {with(blockLegacyPolicy("Odd clients"), QStringLiteral("conditions.clientAppTypes"),
                             strings({QStringLiteral("foo")})),
                        with(blockLegacyPolicy("Abroad"), QStringLiteral("conditions.platforms"),
                             json(R"({"includePlatforms": ["linux"]})"))});
            },
            L::ConditionalAccess, E::BlocksSome, "CA policy 'Abroad'", V::Blocked);

        // basic-retirement
        row("retirement: before the cutoff", nothing, L::BasicRetirement, E::Allows, "(24 days left)",
            V::Allowed);
        row("retirement: on the cutoff", nothing, L::BasicRetirement, E::Blocks,
            "Microsoft turns Basic authentication for SMTP AUTH off by default for existing tenants at the "
            "end of December 2026; "
            "it has said admins will be able to turn it back on but not yet how, so the console assumes off",
            V::Blocked, Override::Inherit, OrgSetting::Enabled, kCutoff);
        row("retirement: after the cutoff", nothing, L::BasicRetirement, E::Blocks,
            "so the console assumes off", V::Blocked, Override::Inherit, OrgSetting::Enabled, kAfter);
        row("retirement: the day before", nothing, L::BasicRetirement, E::Allows, "(1 day left)", V::Allowed,
            Override::Inherit, OrgSetting::Enabled, QDate(2026, 12, 30));
    }
    void layer()
    {
        QFETCH(Setup, setup);
        QFETCH(Override, override);
        QFETCH(OrgSetting, org);
        QFETCH(QDate, today);
        QFETCH(ReadinessLayer, layer);
        QFETCH(LayerEffect, effect);
        QFETCH(QString, detail);
        QFETCH(Verdict, basicNow);

        TenantDirectory directory = readDirectory();
        setup(directory);
        const ReadinessEvaluator evaluator(directory, today);
        const MailboxReadiness readiness = evaluator.evaluate(override, org, kMailboxGuid, kUserId, kAddress);
        const LayerFinding &finding = readiness.layer(layer);
        QVERIFY2(finding.effect == effect, qPrintable(describe(readiness)));
        QVERIFY2(finding.detail.contains(detail), qPrintable(finding.detail));
        QCOMPARE(readiness.basicNow.verdict, basicNow);
        // Every other layer of the base directory allows (the date aside).
        for (const LayerFinding &other : readiness.layers) {
            if (other.layer != layer && other.layer != ReadinessLayer::BasicRetirement &&
                other.layer != ReadinessLayer::SmtpAuthSetting)
                QVERIFY2(other.effect == LayerEffect::Allows, qPrintable(describe(readiness)));
        }
        // The fast path agrees.
        const PackedVerdict packed = evaluator.packedBasicNow(override, org, kMailboxGuid, kUserId, kAddress);
        QCOMPARE(packed.verdict(), readiness.basicNow.verdict);
        QCOMPARE(packed.decidedBy(), readiness.basicNow.decidedBy);
        QCOMPARE(packed.firstUnknown(), readiness.basicNow.firstUnknown);
    }

    void authenticationPolicyDateIsShown()
    {
        TenantDirectory directory = readDirectory();
        setUserPolicy(directory, u"Block Basic Auth");
        const MailboxReadiness readiness = evaluate(directory);
        QCOMPARE(readiness.layer(ReadinessLayer::AuthenticationPolicy).changedUtc,
                 QDateTime(QDate(2026, 3, 2), QTime(10, 15), Qt::UTC));
        QVERIFY(!readiness.layer(ReadinessLayer::SecurityDefaults).changedUtc.isValid());
        setPolicies(directory, {blockLegacyPolicy()});
        QCOMPARE(evaluate(directory).layer(ReadinessLayer::ConditionalAccess).changedUtc,
                 QDateTime(QDate(2026, 2, 1), QTime(9, 30), Qt::UTC));
    }

    void verdicts_data()
    {
        QTest::addColumn<Setup>("setup");
        QTest::addColumn<Override>("override");
        QTest::addColumn<QDate>("today");
        QTest::addColumn<QString>("oauth"); // verdict[/decidedBy]
        QTest::addColumn<QString>("basicNow");
        QTest::addColumn<QString>("afterCutoff");
        QTest::addColumn<QString>("decidedBy"); // "" = null

        const Setup nothing = [](TenantDirectory &) {};
        const Setup authOff = [](TenantDirectory &d) { setUserPolicy(d, u"Block Basic Auth"); };
        const Setup authUnknown = [](TenantDirectory &d) { setUserPolicy(d, u"Gone"); };
        const Setup defaultsOn = [](TenantDirectory &d) {
            d.setSecurityDefaults(true, SourceStatus::read());
        };
        const Setup caBlocks = caPolicy(blockLegacyPolicy());
        const Setup caSome =
            caPolicyWith(QStringLiteral("conditions.platforms"), json(R"({"includePlatforms": ["linux"]})"));
        const Setup caUnknown = [](TenantDirectory &d) {
            d.setConditionalAccessPolicies({}, SourceStatus{});
        };

        QTest::newRow("all allow, before")
            << nothing << Override::Inherit << kBefore << QStringLiteral("allowed")
            << QStringLiteral("allowed") << QStringLiteral("blocked/basic-retirement") << QStringLiteral("");
        QTest::newRow("all allow, after")
            << nothing << Override::Inherit << kAfter << QStringLiteral("allowed")
            << QStringLiteral("blocked/basic-retirement") << QStringLiteral("blocked/basic-retirement")
            << QStringLiteral("basic-retirement");
        QTest::newRow("setting blocks first")
            << both(authOff, caBlocks) << Override::Disabled << kBefore
            << QStringLiteral("blocked/smtp-auth-setting") << QStringLiteral("blocked/smtp-auth-setting")
            << QStringLiteral("blocked/smtp-auth-setting") << QStringLiteral("smtp-auth-setting");
        QTest::newRow("first blocking layer wins")
            << both(both(authOff, defaultsOn), caBlocks) << Override::Enabled << kAfter
            << QStringLiteral("allowed") << QStringLiteral("blocked/authentication-policy")
            << QStringLiteral("blocked/authentication-policy") << QStringLiteral("authentication-policy");
        QTest::newRow("blocks beats an earlier unknown")
            << both(authUnknown, defaultsOn) << Override::Inherit << kBefore << QStringLiteral("allowed")
            << QStringLiteral("blocked/security-defaults") << QStringLiteral("blocked/security-defaults")
            << QStringLiteral("security-defaults");
        QTest::newRow("blocks-some counts as blocking")
            << both(authUnknown, caSome) << Override::Inherit << kBefore << QStringLiteral("allowed")
            << QStringLiteral("blocked/conditional-access") << QStringLiteral("blocked/conditional-access")
            << QStringLiteral("conditional-access");
        QTest::newRow("unknown when nothing blocks")
            << both(authUnknown, caUnknown) << Override::Inherit << kBefore << QStringLiteral("allowed")
            << QStringLiteral("unknown") << QStringLiteral("blocked/basic-retirement") << QStringLiteral("");
        QTest::newRow("unknown before, blocked at the cutoff")
            << caUnknown << Override::Inherit << kCutoff << QStringLiteral("allowed")
            << QStringLiteral("blocked/basic-retirement") << QStringLiteral("blocked/basic-retirement")
            << QStringLiteral("basic-retirement");
    }
    void verdicts()
    {
        QFETCH(Setup, setup);
        QFETCH(Override, override);
        QFETCH(QDate, today);
        QFETCH(QString, oauth);
        QFETCH(QString, basicNow);
        QFETCH(QString, afterCutoff);
        QFETCH(QString, decidedBy);
        TenantDirectory directory = readDirectory();
        setup(directory);
        const MailboxReadiness readiness = evaluate(directory, today, override);
        const auto text = [](const ReadinessVerdict &verdict) -> QString {
            return machineName(verdict.verdict) +
                   (verdict.decidedBy ? QLatin1Char('/') + machineName(*verdict.decidedBy) : QString());
        };
        QCOMPARE(text(readiness.oauth), oauth);
        QCOMPARE(text(readiness.basicNow), basicNow);
        QCOMPARE(text(readiness.basicAfterCutoff), afterCutoff);
        QCOMPARE(readiness.decidedBy ? machineName(*readiness.decidedBy) : QString(), decidedBy);
    }

    void nothingReadIsUnknownButTheSetting()
    {
        const TenantDirectory empty;
        const MailboxReadiness readiness = evaluate(empty);
        QCOMPARE(readiness.layer(ReadinessLayer::SmtpAuthSetting).effect, LayerEffect::Allows);
        QCOMPARE(readiness.layer(ReadinessLayer::AuthenticationPolicy).effect, LayerEffect::Unknown);
        QCOMPARE(readiness.layer(ReadinessLayer::SecurityDefaults).effect, LayerEffect::Unknown);
        QCOMPARE(readiness.layer(ReadinessLayer::ConditionalAccess).effect, LayerEffect::Unknown);
        QCOMPARE(readiness.basicNow.verdict, Verdict::Unknown);
        QCOMPARE(readiness.basicNow.firstUnknown, std::optional(ReadinessLayer::AuthenticationPolicy));
        QCOMPARE(readiness.oauth.verdict, Verdict::Allowed);
    }

    void whatToReadNext()
    {
        TenantDirectory directory = readDirectory();
        setPolicies(
            directory,
            {with(with(blockLegacyPolicy("Groups"), QStringLiteral("conditions.users.includeGroups"),
                       strings({kGroup.toString()})),
                  QStringLiteral("conditions.users.excludeGroups"), strings({kOtherGroup.toString()})),
             with(with(blockLegacyPolicy("Off"), QStringLiteral("state"), QStringLiteral("disabled")),
                  QStringLiteral("conditions.users.includeRoles"), strings({kRole.toString()})),
             with(with(blockLegacyPolicy("Mfa"), QStringLiteral("grantControls.builtInControls"),
                       strings({QStringLiteral("mfa")})),
                  QStringLiteral("conditions.users.includeGroups"),
                  strings({id("77777777-7777-7777-7777-777777777777").toString()}))});
        const ReadinessEvaluator evaluator(directory, kBefore);
        QCOMPARE(evaluator.groupsThatMatter(), (QList<QUuid>{kGroup, kOtherGroup}));
        QVERIFY(!evaluator.rolesMatter());
        setPolicies(directory, {with(blockLegacyPolicy(), QStringLiteral("conditions.users.excludeRoles"),
                                     strings({kRole.toString()}))});
        QVERIFY(ReadinessEvaluator(directory, kBefore).rolesMatter());
    }

    // The packed fast path and the full explanation share their decisions: over many generated
    // tenants and mailboxes they must agree on the verdict, the deciding layer and the first unknown one.
    void fastPathEqualsFullExplanation()
    {
        QRandomGenerator random(20261231);
        const QList<QUuid> users{kUserId, kOtherUser, id("88888888-8888-8888-8888-888888888888")};
        const auto pick = [&random](int n) { return int(random.bounded(n)); };
        int compared = 0;
        for (int round = 0; round < 400; ++round) {
            TenantDirectory directory;
            if (pick(5) != 0) {
                directory.setAuthenticationPolicies(
                    AuthenticationPolicySet::fromExchangeObjects({authPolicy("Allow Basic", true),
                                                                  authPolicy("Block Basic Auth", false),
                                                                  authPolicy("Odd", QJsonValue())}),
                    pick(6) == 0 ? SourceStatus::unavailable(QStringLiteral("403")) : SourceStatus::read());
            }
            const QStringList references{QString(),
                                         QStringLiteral("Allow Basic"),
                                         QStringLiteral("block basic auth"),
                                         QStringLiteral("Odd"),
                                         QStringLiteral("Gone"),
                                         QStringLiteral("CN=Block Basic Auth,CN=Auth Policies")};
            if (pick(4) != 0)
                directory.setDefaultAuthenticationPolicy(references.at(pick(int(references.size()))),
                                                         SourceStatus::read());
            if (pick(4) != 0) {
                for (int u = 0; u < int(users.size()); ++u) {
                    if (pick(4) != 0)
                        directory.addUser(users.at(u), QUuid::createUuidV5(QUuid(), QString::number(u)),
                                          QStringLiteral("user%1@contoso.com").arg(u),
                                          references.at(pick(int(references.size()))));
                }
                directory.finishUsers(pick(3) == 0 ? TenantDirectory::UserListing::OnlyUsersWithOwnPolicy
                                                   : TenantDirectory::UserListing::AllUsers);
                directory.setUsersStatus(SourceStatus::read());
            }
            const int defaults = pick(3);
            if (defaults < 2)
                directory.setSecurityDefaults(pick(3) == 0, SourceStatus::read());
            if (pick(5) != 0) {
                QList<QJsonObject> policies;
                const int count = pick(4);
                for (int p = 0; p < count; ++p) {
                    QJsonObject policy = blockLegacyPolicy(qPrintable(QStringLiteral("P%1").arg(p)));
                    switch (pick(12)) {
                    case 0:
                        policy = with(policy, QStringLiteral("conditions.users.excludeUsers"),
                                      strings({users.at(pick(3)).toString()}));
                        break;
                    case 1:
                        policy = with(
                            with(policy, QStringLiteral("conditions.users.includeUsers"), QJsonArray()),
                            QStringLiteral("conditions.users.includeGroups"), strings({kGroup.toString()}));
                        break;
                    case 2:
                        policy = with(policy, QStringLiteral("conditions.users.excludeGroups"),
                                      strings({kOtherGroup.toString()}));
                        break;
                    case 3:
                        policy = with(
                            with(policy, QStringLiteral("conditions.users.includeUsers"), QJsonArray()),
                            QStringLiteral("conditions.users.includeRoles"), strings({kRole.toString()}));
                        break;
                    case 4:
                        policy = with(policy, QStringLiteral("state"),
                                      QStringLiteral("enabledForReportingButNotEnforced"));
                        break;
                    case 5:
                        policy = with(policy, QStringLiteral("state"), QStringLiteral("disabled"));
                        break;
                    case 6:
                        policy = with(policy, QStringLiteral("grantControls.builtInControls"),
                                      strings({QStringLiteral("mfa")}));
                        break;
                    case 7:
                        policy = with(
                            policy, QStringLiteral("conditions.locations"),
                            json(R"({"includeLocations": ["All"], "excludeLocations": ["AllTrusted"]})"));
                        break;
                    case 8:
                        policy = with(policy, QStringLiteral("conditions.clientAppTypes"),
                                      strings({QStringLiteral("foo")}));
                        break;
                    case 9:
                        policy = with(policy, QStringLiteral("conditions.somethingNew"), true);
                        break;
                    case 10:
                        policy = with(policy, QStringLiteral("conditions.users.excludeRoles"),
                                      strings({kRole.toString()}));
                        break;
                    default:
                        break;
                    }
                    policies.append(policy);
                }
                setPolicies(directory, policies);
            }
            if (pick(2) == 0)
                directory.setGroupMembers(kGroup, {users.at(pick(3))},
                                          pick(4) == 0 ? SourceStatus::unavailable(QStringLiteral("403"))
                                                       : SourceStatus::read());
            if (pick(2) == 0)
                directory.setGroupMembers(kOtherGroup, {users.at(pick(3)), users.at(pick(3))},
                                          SourceStatus::read());
            if (pick(2) == 0)
                directory.setUserRoles(users.at(pick(3)),
                                       pick(2) == 0 ? QStringList{kRole.toString()} : QStringList{},
                                       SourceStatus::read());

            const QList<QDate> dates{kBefore, kCutoff, kAfter};
            const ReadinessEvaluator evaluator(directory, dates.at(pick(3)));
            for (int m = 0; m < 12; ++m) {
                const Override override = Override(pick(3));
                const OrgSetting org = OrgSetting(pick(2));
                const int who = pick(4);
                const QUuid guid = who < 3 && pick(3) != 0
                                       ? QUuid::createUuidV5(QUuid(), QString::number(who))
                                       : QUuid::createUuid();
                const QUuid externalId = who < 3 && pick(2) == 0 ? users.at(who) : QUuid();
                const QString address = QStringLiteral("USER%1@contoso.com").arg(who);
                const MailboxReadiness full = evaluator.evaluate(override, org, guid, externalId, address);
                const PackedVerdict fast = evaluator.packedBasicNow(override, org, guid, externalId, address);
                QCOMPARE(fast.verdict(), full.basicNow.verdict);
                QCOMPARE(fast.decidedBy(), full.basicNow.decidedBy);
                QCOMPARE(fast.firstUnknown(), full.basicNow.firstUnknown);
                QCOMPARE(
                    ReadinessEvaluator::withSetting(resolveEffective(override, org).state,
                                                    evaluator.packedBasicLayers(guid, externalId, address)),
                    fast);
                QVERIFY(!full.layer(ReadinessLayer::ConditionalAccess).detail.isEmpty());
                ++compared;
            }
        }
        QCOMPARE(compared, 400 * 12);
    }
};

QTEST_GUILESS_MAIN(TestReadinessEvaluator)
#include "test_readinessevaluator.moc"
