// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "emulator/emulatordirectory.h"

#include "emulator/emulatorseededrandom.h"

#include <QJsonValue>
#include <algorithm>
#include <array>
#include <vector>

namespace smtpauth {

namespace {

// Separate streams: seeding the directory must never change the mailboxes an existing seed gives.
constexpr quint64 kPolicyStream = 0xa7e1c0de5eed0001ULL;
constexpr quint64 kAssignmentStream = 0xa7e1c0de5eed0002ULL;
constexpr quint64 kGroupStream = 0xa7e1c0de5eed0003ULL;
constexpr quint64 kRoleStream = 0xa7e1c0de5eed0004ULL;

// The shape of an Exchange Online configuration-unit DN (the DC part is the forest the tenant lives in).
const QString kDnSuffix = QStringLiteral(",CN=ConfigurationUnits,DC=EMUPR01A001,DC=PROD,DC=OUTLOOK,DC=COM");

QString key(const QUuid &id)
{
    return id.toString(QUuid::WithoutBraces);
}

QString consentKey(const QUuid &objectId, const QString &clientId)
{
    return key(objectId) + QLatin1Char('|') + clientId.toLower();
}

QDateTime utc(const char *iso)
{
    return QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODateWithMs).toUTC();
}

QJsonArray ids(const QList<QUuid> &list)
{
    QJsonArray array;
    for (const QUuid &id : list)
        array.append(key(id));
    return array;
}

// The Conditional Access objects as Graph returns them: every condition key present, null when unused.
QJsonObject caUsers(const QJsonArray &includeUsers, const QJsonArray &excludeUsers,
                    const QJsonArray &includeGroups, const QJsonArray &excludeGroups,
                    const QJsonArray &includeRoles)
{
    return QJsonObject{
        {QStringLiteral("includeUsers"), includeUsers},
        {QStringLiteral("excludeUsers"), excludeUsers},
        {QStringLiteral("includeGroups"), includeGroups},
        {QStringLiteral("excludeGroups"), excludeGroups},
        {QStringLiteral("includeRoles"), includeRoles},
        {QStringLiteral("excludeRoles"), QJsonArray()},
        {QStringLiteral("includeGuestsOrExternalUsers"), QJsonValue::Null},
        {QStringLiteral("excludeGuestsOrExternalUsers"), QJsonValue::Null},
    };
}

QJsonObject caConditions(const QJsonArray &clientAppTypes, const QJsonArray &includeApplications,
                         const QJsonObject &users, const QJsonValue &locations = QJsonValue::Null)
{
    return QJsonObject{
        {QStringLiteral("userRiskLevels"), QJsonArray()},
        {QStringLiteral("signInRiskLevels"), QJsonArray()},
        {QStringLiteral("clientAppTypes"), clientAppTypes},
        {QStringLiteral("servicePrincipalRiskLevels"), QJsonArray()},
        {QStringLiteral("insiderRiskLevels"), QJsonValue::Null},
        {QStringLiteral("platforms"), QJsonValue::Null},
        {QStringLiteral("locations"), locations},
        {QStringLiteral("times"), QJsonValue::Null},
        {QStringLiteral("deviceStates"), QJsonValue::Null},
        {QStringLiteral("devices"), QJsonValue::Null},
        {QStringLiteral("clientApplications"), QJsonValue::Null},
        {QStringLiteral("authenticationFlows"), QJsonValue::Null},
        {QStringLiteral("applications"),
         QJsonObject{
             {QStringLiteral("includeApplications"), includeApplications},
             {QStringLiteral("excludeApplications"), QJsonArray()},
             {QStringLiteral("includeUserActions"), QJsonArray()},
             {QStringLiteral("includeAuthenticationContextClassReferences"), QJsonArray()},
             {QStringLiteral("applicationFilter"), QJsonValue::Null},
         }},
        {QStringLiteral("users"), users},
    };
}

QJsonObject caPolicy(const QUuid &id, const char *name, const char *state, const char *created,
                     const char *modified, const QJsonObject &conditions, const char *control)
{
    const QString idText = key(id);
    return QJsonObject{
        {QStringLiteral("id"), idText},
        {QStringLiteral("templateId"), QJsonValue::Null},
        {QStringLiteral("displayName"), QString::fromUtf8(name)},
        {QStringLiteral("createdDateTime"), QString::fromLatin1(created)},
        {QStringLiteral("modifiedDateTime"),
         modified ? QJsonValue(QString::fromLatin1(modified)) : QJsonValue::Null},
        {QStringLiteral("state"), QString::fromLatin1(state)},
        {QStringLiteral("sessionControls"), QJsonValue::Null},
        {QStringLiteral("conditions"), conditions},
        {QStringLiteral("grantControls"),
         QJsonObject{
             {QStringLiteral("operator"), QStringLiteral("OR")},
             {QStringLiteral("builtInControls"), QJsonArray{QString::fromLatin1(control)}},
             {QStringLiteral("customAuthenticationFactors"), QJsonArray()},
             {QStringLiteral("termsOfUse"), QJsonArray()},
             {QStringLiteral("authenticationStrength@odata.context"),
              QStringLiteral(
                  "https://graph.microsoft.com/v1.0/$metadata#identity/conditionalAccess/policies('%1')/"
                  "grantControls/authenticationStrength/$entity")
                  .arg(idText)},
             {QStringLiteral("authenticationStrength"), QJsonValue::Null},
         }},
    };
}

// Picks `count` distinct indices of [0, n) not in `taken`, deterministically: a partial Fisher-Yates
// shuffle, O(n).
QList<int> pickIndices(EmulatorSeededRandom &random, int n, int count, const QSet<int> &taken = {})
{
    std::vector<int> pool;
    pool.reserve(size_t(n));
    for (int i = 0; i < n; ++i) {
        if (!taken.contains(i))
            pool.push_back(i);
    }
    const int wanted = qMin(count, int(pool.size()));
    for (int k = 0; k < wanted; ++k) {
        const int j = k + random.below(int(pool.size()) - k);
        std::swap(pool[size_t(k)], pool[size_t(j)]);
    }
    QList<int> picked(pool.begin(), pool.begin() + wanted);
    return picked;
}

} // namespace

const QStringList &EmulatorDirectory::appGraphPermissions()
{
    static const QStringList permissions{
        QStringLiteral("Policy.Read.All"),         QStringLiteral("GroupMember.Read.All"),
        QStringLiteral("Reports.Read.All"),        QStringLiteral("AuditLog.Read.All"),
        QStringLiteral("ReportSettings.Read.All"), QStringLiteral("AuditLogsQuery-Exchange.Read.All"),
    };
    return permissions;
}

QString EmulatorDirectory::canonicalGraphPermission(const QString &name)
{
    static const QStringList known =
        appGraphPermissions() + QStringList{QStringLiteral("User.Read"),
                                            QStringLiteral("User.Read.All"),
                                            QStringLiteral("User.ReadBasic.All"),
                                            QStringLiteral("Group.Read.All"),
                                            QStringLiteral("Directory.Read.All"),
                                            QStringLiteral("Directory.ReadWrite.All"),
                                            QStringLiteral("GroupMember.ReadWrite.All"),
                                            QStringLiteral("Group.ReadWrite.All"),
                                            QStringLiteral("Policy.ReadWrite.ConditionalAccess"),
                                            QStringLiteral("Policy.ReadWrite.SecurityDefaults"),
                                            QStringLiteral("RoleManagement.Read.Directory")};
    for (const QString &candidate : known) {
        if (candidate.compare(name, Qt::CaseInsensitive) == 0)
            return candidate;
    }
    return name;
}

QString EmulatorDirectory::roleDisplayName(const QString &roleTemplateId)
{
    struct Role
    {
        const char *id;
        const char *name;
    };
    static constexpr Role kRoles[] = {
        {kGlobalAdministrator, "Global Administrator"},
        {kExchangeAdministrator, "Exchange Administrator"},
        {kExchangeRecipientAdministrator, "Exchange Recipient Administrator"},
        {kHelpdeskAdministrator, "Helpdesk Administrator"},
        {kGlobalReader, "Global Reader"},
        {kSecurityReader, "Security Reader"},
        {kSecurityAdministrator, "Security Administrator"},
        {kConditionalAccessAdministrator, "Conditional Access Administrator"},
        {kGlobalSecureAccessAdministrator, "Global Secure Access Administrator"},
        {kReportsReader, "Reports Reader"},
    };
    for (const Role &role : kRoles) {
        if (roleTemplateId.compare(QLatin1String(role.id), Qt::CaseInsensitive) == 0)
            return QString::fromLatin1(role.name);
    }
    return QString();
}

void EmulatorDirectory::setAccounts(const QUuid &tenantId, const QString &domain,
                                    const QList<EmulatorUser> &signInUsers)
{
    m_accounts.clear();
    m_accountRoles.clear();
    m_domain = domain;
    for (const EmulatorUser &user : signInUsers) {
        Account account;
        account.alias = user.userPrincipalName.section(QLatin1Char('@'), 0, 0);
        account.userPrincipalName = user.userPrincipalName;
        account.displayName = user.displayName;
        account.objectId = user.objectId;
        account.guid = QUuid::createUuidV5(tenantId, QStringLiteral("exchange-guid:") +
                                                         user.userPrincipalName.toLower());
        account.canSignIn = true;
        m_accounts.append(account);
        if (!user.directoryRoleIds.isEmpty())
            m_accountRoles.insert(account.objectId, user.directoryRoleIds);
    }
    // The emergency access account every guide recommends: a Global Administrator without a mailbox,
    // excluded from Conditional Access. It cannot sign in to the demo (it would bypass every layer).
    Account breakGlass;
    breakGlass.alias = QStringLiteral("breakglass");
    breakGlass.userPrincipalName = QStringLiteral("breakglass@") + domain;
    breakGlass.displayName = QStringLiteral("Emergency Access (break glass)");
    breakGlass.objectId = QUuid::createUuidV5(tenantId, breakGlass.userPrincipalName);
    breakGlass.guid =
        QUuid::createUuidV5(tenantId, QStringLiteral("exchange-guid:") + breakGlass.userPrincipalName);
    m_breakGlassId = breakGlass.objectId;
    m_accounts.append(breakGlass);
    m_accountRoles.insert(breakGlass.objectId, QStringList{QLatin1String(kGlobalAdministrator)});
}

void EmulatorDirectory::clear()
{
    m_seeded = false;
    m_seed = 0;
    m_knobs = Knobs{};
    m_policies.clear();
    m_orgDefaultPolicy.clear();
    m_policyRefs.clear();
    m_upnOverrides.clear();
    m_byOverriddenUpn.clear();
    m_removed.clear();
    m_roles.clear();
    m_groups.clear();
    m_conditionalAccess = QJsonArray();
    m_consents.clear();
}

QString EmulatorDirectory::distinguishedNameFor(const QString &policyName) const
{
    return QStringLiteral("CN=") + policyName + QStringLiteral(",CN=Auth Policies,CN=") + m_domain +
           kDnSuffix;
}

void EmulatorDirectory::seed(quint64 seed, const QUuid &tenantId, const QString &domain,
                             const QList<EmulatorMailbox> &mailboxes, const Knobs &knobs)
{
    clear();
    m_seeded = true;
    m_seed = seed;
    m_domain = domain;
    m_knobs = knobs;
    const int n = int(mailboxes.size());

    // Authentication policies. The org default allows Basic SMTP so that, in the demo, Conditional
    // Access and the users' own policies are what decide for most mailboxes.
    EmulatorSeededRandom policyRandom(seed ^ kPolicyStream);
    const auto policy = [&](const char *name, std::initializer_list<int> allowed, const char *whenChanged) {
        EmulatorAuthenticationPolicy p;
        p.name = QString::fromLatin1(name);
        p.distinguishedName = distinguishedNameFor(p.name);
        p.guid = policyRandom.uuid();
        for (const int protocol : allowed)
            p.allowBasic[size_t(protocol)] = true;
        p.whenChangedUtc = utc(whenChanged);
        m_policies.append(p);
    };
    using P = EmulatorAuthenticationPolicy;
    policy(kPolicyBlockBasicAuth, {}, "2023-03-14T09:21:07Z");
    policy(kPolicyAllowBasicSmtp, {P::Smtp}, "2024-10-02T16:45:12Z");
    policy(kPolicyTenantDefault, {P::Smtp, P::Autodiscover, P::OfflineAddressBook}, "2022-11-28T08:03:55Z");
    policy(kPolicyLegacyApps,
           {P::ActiveSync, P::Autodiscover, P::Imap, P::Mapi, P::OfflineAddressBook, P::OutlookService,
            P::Pop, P::ReportingWebServices, P::Rpc, P::Smtp, P::WebServices, P::Powershell},
           "2021-06-07T12:00:41Z");
    policy(P::kLegacyExchangeTokens, {}, "2024-02-20T03:10:00Z");
    m_orgDefaultPolicy = QLatin1String(kPolicyTenantDefault);

    // Users' own policies: one draw per mailbox (O(n)); then every case is guaranteed once, so that even
    // a 20-mailbox test tenant has a user with each kind of reference.
    EmulatorSeededRandom assign(seed ^ kAssignmentStream);
    enum Kind
    {
        BlockByName,
        BlockByDn,
        AllowSmtp,
        Legacy,
        Empty,
        Missing,
        KindCount
    };
    std::array<int, KindCount> seen{};
    const auto setRef = [this, &seen](const EmulatorMailbox &m, Kind kind, bool asDn) {
        QString ref;
        switch (kind) {
        case BlockByName:
        case BlockByDn:
            ref = QLatin1String(kPolicyBlockBasicAuth);
            break;
        case AllowSmtp:
            ref = QLatin1String(kPolicyAllowBasicSmtp);
            break;
        case Legacy:
            ref = QLatin1String(kPolicyLegacyApps);
            break;
        case Empty:
            break;
        case Missing:
            ref = QLatin1String(kPolicyMissing);
            break;
        case KindCount:
            return;
        }
        if (asDn || kind == BlockByDn)
            ref = distinguishedNameFor(ref);
        m_policyRefs.insert(m.externalDirectoryObjectId, ref);
        ++seen[size_t(kind)];
    };
    for (int i = 0; i < n; ++i) {
        const EmulatorMailbox &m = mailboxes.at(i);
        const double roll = assign.unit();
        const bool asDn = assign.unit() < 0.15;
        const bool scanner = m.shared && m.smtpClientAuthentication == Override::Enabled;
        if (scanner && roll < 0.4)
            setRef(m, AllowSmtp, asDn);
        else if (roll < 0.03)
            setRef(m, asDn ? BlockByDn : BlockByName, false);
        else if (roll < 0.035)
            setRef(m, Legacy, asDn);
        else if (roll < 0.038)
            setRef(m, Empty, false);
    }
    const auto firstFree = [&](int start, bool wantScanner) {
        for (int k = 0; k < n; ++k) {
            const int i = (start + k) % n;
            const EmulatorMailbox &m = mailboxes.at(i);
            if (m_policyRefs.contains(m.externalDirectoryObjectId))
                continue;
            if (wantScanner && !(m.shared && m.smtpClientAuthentication == Override::Enabled))
                continue;
            return i;
        }
        return -1;
    };
    for (const Kind kind : {BlockByName, BlockByDn, AllowSmtp, Empty, Missing}) {
        if (seen[size_t(kind)] > 0 && kind != Missing)
            continue;
        if (n == 0)
            break;
        const int start = assign.below(n);
        int index = kind == AllowSmtp ? firstFree(start, true) : -1;
        if (index < 0)
            index = firstFree(start, false);
        if (index >= 0)
            setRef(mailboxes.at(index), kind, false);
    }

    // UPNs that differ from the primary address (a verified custom domain): about 1 %, at least two.
    const QString customDomain =
        domain.endsWith(QLatin1String(".onmicrosoft.com"))
            ? domain.left(domain.size() - int(qstrlen(".onmicrosoft.com"))) + QStringLiteral(".com")
            : QStringLiteral("corp.") + domain;
    int differing = 0;
    for (int i = 0; i < n; ++i) {
        if (assign.chance(0.01)) {
            m_upnOverrides.insert(mailboxes.at(i).externalDirectoryObjectId,
                                  mailboxes.at(i).name + QLatin1Char('@') + customDomain);
            ++differing;
        }
    }
    for (int k = 0; differing < qMin(2, n) && k < n; ++k) {
        const int i = (k * 7 + 3) % n;
        if (m_upnOverrides.contains(mailboxes.at(i).externalDirectoryObjectId))
            continue;
        m_upnOverrides.insert(mailboxes.at(i).externalDirectoryObjectId,
                              mailboxes.at(i).name + QLatin1Char('@') + customDomain);
        ++differing;
    }
    rebuildUpnIndex();

    // Groups. "SMTP devices" prefers the mailboxes seeded with an explicit Enabled override (the
    // scanners first), "Branch offices" is a random fifth of the tenant; --ca-group-size forces both.
    EmulatorSeededRandom groupRandom(seed ^ kGroupStream);
    const int smtpSize =
        knobs.caGroupSize >= 0 ? qMin(knobs.caGroupSize, n) : (n == 0 ? 0 : qMax(1, int(n * 0.02 + 0.5)));
    const int branchSize = knobs.caGroupSize >= 0 ? qMin(knobs.caGroupSize, n) : int(n * 0.2 + 0.5);
    QList<int> smtpMembers;
    QSet<int> inSmtp;
    for (const bool sharedPass : {true, false}) {
        for (int i = 0; i < n && smtpMembers.size() < smtpSize; ++i) {
            const EmulatorMailbox &m = mailboxes.at(i);
            if (m.shared == sharedPass && m.smtpClientAuthentication == Override::Enabled) {
                smtpMembers.append(i);
                inSmtp.insert(i);
            }
        }
    }
    if (smtpMembers.size() < smtpSize) {
        const QList<int> more = pickIndices(groupRandom, n, smtpSize - int(smtpMembers.size()), inSmtp);
        for (const int i : more) {
            smtpMembers.append(i);
            inSmtp.insert(i);
        }
    }
    QList<int> branchMembers = pickIndices(groupRandom, n, branchSize);
    std::sort(smtpMembers.begin(), smtpMembers.end());
    std::sort(branchMembers.begin(), branchMembers.end());
    const auto makeGroup = [&](const char *name, const char *nickname, const char *description,
                               const QList<int> &members) {
        Group group;
        group.id = QUuid::createUuidV5(tenantId, QStringLiteral("group:") + QLatin1String(nickname));
        group.displayName = QString::fromUtf8(name);
        group.description = QString::fromUtf8(description);
        group.mailNickname = QString::fromLatin1(nickname);
        group.members.reserve(members.size());
        for (const int i : members)
            group.members.append(mailboxes.at(i).externalDirectoryObjectId);
        group.memberSet = QSet<QUuid>(group.members.cbegin(), group.members.cend());
        m_groups.append(group);
        return group.id;
    };
    const QUuid smtpGroup = makeGroup(kGroupSmtpDevices, "smtp-devices",
                                      "Devices and apps that still send with Basic SMTP AUTH", smtpMembers);
    const QUuid branchGroup =
        makeGroup(kGroupBranchOffices, "branch-offices", "Staff of the branch offices", branchMembers);

    // Two mailbox users hold Exchange Administrator, so the report-only admin policy has someone to
    // "would block"; the mailbox user excluded from "Block legacy authentication" is a scanner that is
    // not in the exception group (someone added it by hand).
    EmulatorSeededRandom roleRandom(seed ^ kRoleStream);
    int excluded = -1;
    for (int i = 0; i < n && excluded < 0; ++i) {
        if (mailboxes.at(i).smtpClientAuthentication == Override::Enabled && !inSmtp.contains(i))
            excluded = i;
    }
    if (excluded < 0 && n > 0)
        excluded = roleRandom.below(n);
    QSet<int> notAdmins;
    for (int i = 0; i < n; ++i) {
        if (mailboxes.at(i).shared || i == excluded)
            notAdmins.insert(i);
    }
    for (const int i : pickIndices(roleRandom, n, 2, notAdmins))
        m_roles.insert(mailboxes.at(i).externalDirectoryObjectId,
                       QStringList{QLatin1String(kExchangeAdministrator)});

    QJsonArray excludeUsers{key(m_breakGlassId)};
    if (excluded >= 0)
        excludeUsers.append(key(mailboxes.at(excluded).externalDirectoryObjectId));
    const auto caId = [&tenantId](const char *slug) {
        return QUuid::createUuidV5(tenantId, QStringLiteral("ca:") + QLatin1String(slug));
    };
    const QJsonArray all{QStringLiteral("All")};
    m_conditionalAccess = QJsonArray{
        caPolicy(
            caId("block-legacy"), "Block legacy authentication", "enabled", "2023-04-12T09:31:07.4518745Z",
            "2025-02-03T14:02:51.1179612Z",
            caConditions(QJsonArray{QStringLiteral("exchangeActiveSync"), QStringLiteral("other")}, all,
                         caUsers(all, excludeUsers, QJsonArray(), QJsonArray{key(smtpGroup)}, QJsonArray())),
            "block"),
        caPolicy(
            caId("block-legacy-outside-office"), "Block legacy auth outside the office", "enabled",
            "2024-01-09T11:12:40.0035613Z", "2024-06-18T07:44:19.8812002Z",
            caConditions(
                QJsonArray{QStringLiteral("other")}, QJsonArray{QStringLiteral("Office365")},
                caUsers(QJsonArray(), QJsonArray(), QJsonArray{key(branchGroup)}, QJsonArray(), QJsonArray()),
                QJsonObject{{QStringLiteral("includeLocations"), all},
                            {QStringLiteral("excludeLocations"), QJsonArray{QStringLiteral("AllTrusted")}}}),
            "block"),
        caPolicy(caId("block-legacy-admins-pilot"), "Block legacy auth for admins (pilot)",
                 "enabledForReportingButNotEnforced", "2025-09-22T15:03:11.2402871Z", nullptr,
                 caConditions(QJsonArray{QStringLiteral("all")}, all,
                              caUsers(QJsonArray(), QJsonArray(), QJsonArray(), QJsonArray(),
                                      QJsonArray{QLatin1String(kExchangeAdministrator),
                                                 QLatin1String(kGlobalAdministrator)})),
                 "block"),
        caPolicy(caId("old-block-basic-smtp"), "Old block of Basic SMTP", "disabled",
                 "2021-02-01T10:00:00.0000000Z", "2022-08-30T13:27:45.5523110Z",
                 caConditions(QJsonArray{QStringLiteral("other")}, all,
                              caUsers(all, QJsonArray(), QJsonArray(), QJsonArray(), QJsonArray())),
                 "block"),
        caPolicy(caId("require-mfa"), "Require MFA for everyone", "enabled", "2022-05-16T08:20:33.9012554Z",
                 "2025-01-07T17:55:02.3310974Z",
                 caConditions(
                     QJsonArray{QStringLiteral("browser"), QStringLiteral("mobileAppsAndDesktopClients")},
                     all,
                     caUsers(all, QJsonArray{key(m_breakGlassId)}, QJsonArray(), QJsonArray(), QJsonArray())),
                 "mfa"),
    };
}

void EmulatorDirectory::rebuildUpnIndex()
{
    m_byOverriddenUpn.clear();
    for (auto it = m_upnOverrides.cbegin(); it != m_upnOverrides.cend(); ++it)
        m_byOverriddenUpn.insert(it.value().toLower(), it.key());
}

void EmulatorDirectory::setGraphConsentGranted(bool granted)
{
    m_knobs.graphConsentGranted = granted;
    if (!granted)
        m_consents.clear();
}

QList<EmulatorAuthenticationPolicy> EmulatorDirectory::authenticationPolicies() const
{
    return m_knobs.authenticationPoliciesUsed ? m_policies : QList<EmulatorAuthenticationPolicy>();
}

int EmulatorDirectory::findAuthenticationPolicy(QStringView identity) const
{
    if (!m_knobs.authenticationPoliciesUsed)
        return -1;
    const QString trimmed = identity.trimmed().toString();
    const QUuid asUuid(trimmed);
    for (int i = 0; i < m_policies.size(); ++i) {
        const EmulatorAuthenticationPolicy &p = m_policies.at(i);
        if ((!asUuid.isNull() && p.guid == asUuid) || p.name.compare(trimmed, Qt::CaseInsensitive) == 0 ||
            p.distinguishedName.compare(trimmed, Qt::CaseInsensitive) == 0)
            return i;
    }
    return -1;
}

QString EmulatorDirectory::orgDefaultPolicyOnTheWire() const
{
    if (!m_knobs.authenticationPoliciesUsed || m_orgDefaultPolicy.isEmpty())
        return QString();
    return m_knobs.orgDefaultPolicyAsDn ? distinguishedNameFor(m_orgDefaultPolicy) : m_orgDefaultPolicy;
}

std::optional<QString> EmulatorDirectory::authenticationPolicyOf(const QUuid &objectId) const
{
    if (!m_knobs.authenticationPoliciesUsed || m_policyRefs.isEmpty())
        return std::nullopt;
    const auto it = m_policyRefs.constFind(objectId);
    if (it == m_policyRefs.cend())
        return std::nullopt;
    return it.value();
}

void EmulatorDirectory::setAuthenticationPolicyOf(const QUuid &objectId,
                                                  const std::optional<QString> &reference)
{
    if (reference)
        m_policyRefs.insert(objectId, *reference);
    else
        m_policyRefs.remove(objectId);
}

int EmulatorDirectory::usersWithOwnPolicy() const
{
    if (!m_knobs.authenticationPoliciesUsed)
        return 0;
    int count = 0;
    for (auto it = m_policyRefs.cbegin(); it != m_policyRefs.cend(); ++it) {
        if (!it.value().isEmpty() && !m_removed.contains(it.key()))
            ++count;
    }
    return count;
}

void EmulatorDirectory::setUserPrincipalNameOverride(const QUuid &objectId, const QString &upn)
{
    if (upn.isEmpty())
        m_upnOverrides.remove(objectId);
    else
        m_upnOverrides.insert(objectId, upn);
    rebuildUpnIndex();
}

void EmulatorDirectory::removeUser(const QUuid &objectId)
{
    m_removed.insert(objectId);
    for (Group &group : m_groups) {
        if (group.memberSet.remove(objectId))
            group.members.removeAll(objectId);
    }
}

QStringList EmulatorDirectory::rolesOf(const QUuid &objectId) const
{
    if (const auto it = m_accountRoles.constFind(objectId); it != m_accountRoles.cend())
        return it.value();
    return m_roles.value(objectId);
}

QHash<QUuid, QStringList> EmulatorDirectory::roleAssignments() const
{
    QHash<QUuid, QStringList> all = m_roles;
    for (auto it = m_accountRoles.cbegin(); it != m_accountRoles.cend(); ++it)
        all.insert(it.key(), it.value());
    for (const QUuid &removed : m_removed)
        all.remove(removed);
    return all;
}

int EmulatorDirectory::findGroup(const QUuid &id) const
{
    for (int i = 0; i < m_groups.size(); ++i) {
        if (m_groups.at(i).id == id)
            return i;
    }
    return -1;
}

QUuid EmulatorDirectory::groupId(const char *displayName) const
{
    for (const Group &group : m_groups) {
        if (group.displayName == QLatin1String(displayName))
            return group.id;
    }
    return QUuid();
}

void EmulatorDirectory::setGroupMembers(int index, const QList<QUuid> &members)
{
    Group &group = m_groups[index];
    group.members.clear();
    group.memberSet.clear();
    for (const QUuid &member : members) {
        if (!group.memberSet.contains(member)) {
            group.memberSet.insert(member);
            group.members.append(member);
        }
    }
}

QStringList EmulatorDirectory::consentedGraphPermissions(const QUuid &objectId, const QString &clientId) const
{
    QStringList permissions = m_knobs.graphConsentGranted ? appGraphPermissions() : QStringList();
    for (const QString &permission : m_consents.value(consentKey(objectId, clientId))) {
        if (!permissions.contains(permission, Qt::CaseInsensitive))
            permissions.append(permission);
    }
    return permissions;
}

void EmulatorDirectory::recordConsent(const QUuid &objectId, const QString &clientId,
                                      const QStringList &permissions)
{
    QStringList &granted = m_consents[consentKey(objectId, clientId)];
    for (const QString &permission : permissions) {
        const QString canonical = canonicalGraphPermission(permission);
        if (!granted.contains(canonical, Qt::CaseInsensitive))
            granted.append(canonical);
    }
    granted.sort(Qt::CaseInsensitive);
}

QJsonArray EmulatorDirectory::recordedConsents() const
{
    QStringList keys = m_consents.keys();
    keys.sort();
    QJsonArray array;
    for (const QString &k : std::as_const(keys)) {
        array.append(QJsonObject{
            {QStringLiteral("userId"), k.section(QLatin1Char('|'), 0, 0)},
            {QStringLiteral("clientId"), k.section(QLatin1Char('|'), 1)},
            {QStringLiteral("scopes"), QJsonArray::fromStringList(m_consents.value(k))},
        });
    }
    return array;
}

QJsonObject EmulatorDirectory::toJson() const
{
    QJsonArray policies;
    for (const EmulatorAuthenticationPolicy &p : m_policies) {
        QJsonObject allow;
        for (int i = 0; i < EmulatorAuthenticationPolicy::ProtocolCount; ++i)
            allow.insert(QLatin1String(EmulatorAuthenticationPolicy::kPropertyNames[size_t(i)]),
                         p.allowBasic[size_t(i)]);
        policies.append(QJsonObject{
            {QStringLiteral("name"), p.name},
            {QStringLiteral("distinguishedName"), p.distinguishedName},
            {QStringLiteral("guid"), key(p.guid)},
            {QStringLiteral("whenChanged"), p.whenChangedUtc.toString(Qt::ISODate)},
            {QStringLiteral("allow"), allow},
        });
    }
    QJsonObject refs;
    for (auto it = m_policyRefs.cbegin(); it != m_policyRefs.cend(); ++it)
        refs.insert(key(it.key()), it.value());
    QJsonObject upns;
    for (auto it = m_upnOverrides.cbegin(); it != m_upnOverrides.cend(); ++it)
        upns.insert(key(it.key()), it.value());
    QList<QUuid> removed(m_removed.cbegin(), m_removed.cend());
    std::sort(removed.begin(), removed.end());
    QJsonObject roles;
    for (auto it = m_roles.cbegin(); it != m_roles.cend(); ++it)
        roles.insert(key(it.key()), QJsonArray::fromStringList(it.value()));
    QJsonArray groups;
    for (const Group &g : m_groups) {
        groups.append(QJsonObject{
            {QStringLiteral("id"), key(g.id)},
            {QStringLiteral("displayName"), g.displayName},
            {QStringLiteral("description"), g.description},
            {QStringLiteral("mailNickname"), g.mailNickname},
            {QStringLiteral("members"), ids(g.members)},
        });
    }
    return QJsonObject{
        {QStringLiteral("version"), 1},
        {QStringLiteral("seed"), QString::number(m_seed)},
        {QStringLiteral("knobs"),
         QJsonObject{
             {QStringLiteral("securityDefaults"), m_knobs.securityDefaults},
             {QStringLiteral("graphConsentGranted"), m_knobs.graphConsentGranted},
             {QStringLiteral("entraP1"), m_knobs.entraP1},
             {QStringLiteral("authenticationPoliciesUsed"), m_knobs.authenticationPoliciesUsed},
             {QStringLiteral("orgDefaultPolicyAsDn"), m_knobs.orgDefaultPolicyAsDn},
             {QStringLiteral("caGroupSize"), m_knobs.caGroupSize},
         }},
        {QStringLiteral("authenticationPolicies"), policies},
        {QStringLiteral("orgDefaultAuthenticationPolicy"),
         m_orgDefaultPolicy.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(m_orgDefaultPolicy)},
        {QStringLiteral("userAuthenticationPolicies"), refs},
        {QStringLiteral("userPrincipalNames"), upns},
        {QStringLiteral("removedUsers"), ids(removed)},
        {QStringLiteral("directoryRoles"), roles},
        {QStringLiteral("groups"), groups},
        {QStringLiteral("conditionalAccessPolicies"), m_conditionalAccess},
        {QStringLiteral("consents"), recordedConsents()},
    };
}

bool EmulatorDirectory::fromJson(const QJsonObject &o, const QString &domain, QString *errorMessage)
{
    const auto fail = [errorMessage](const QString &why) {
        if (errorMessage)
            *errorMessage = why;
        return false;
    };
    if (o.value(QStringLiteral("version")).toInt() != 1)
        return fail(QStringLiteral("unsupported directory version"));
    EmulatorDirectory loaded;
    loaded.m_domain = domain;
    loaded.m_accounts = m_accounts;
    loaded.m_accountRoles = m_accountRoles;
    loaded.m_breakGlassId = m_breakGlassId;
    loaded.m_seeded = true;
    loaded.m_seed = o.value(QStringLiteral("seed")).toString().toULongLong();
    const QJsonObject knobs = o.value(QStringLiteral("knobs")).toObject();
    loaded.m_knobs.securityDefaults = knobs.value(QStringLiteral("securityDefaults")).toBool(false);
    loaded.m_knobs.graphConsentGranted = knobs.value(QStringLiteral("graphConsentGranted")).toBool(true);
    loaded.m_knobs.entraP1 = knobs.value(QStringLiteral("entraP1")).toBool(true);
    loaded.m_knobs.authenticationPoliciesUsed =
        knobs.value(QStringLiteral("authenticationPoliciesUsed")).toBool(true);
    loaded.m_knobs.orgDefaultPolicyAsDn = knobs.value(QStringLiteral("orgDefaultPolicyAsDn")).toBool(false);
    loaded.m_knobs.caGroupSize = knobs.value(QStringLiteral("caGroupSize")).toInt(-1);

    for (const QJsonValue &value : o.value(QStringLiteral("authenticationPolicies")).toArray()) {
        const QJsonObject p = value.toObject();
        EmulatorAuthenticationPolicy policy;
        policy.name = p.value(QStringLiteral("name")).toString();
        policy.distinguishedName = p.value(QStringLiteral("distinguishedName")).toString();
        policy.guid = QUuid(p.value(QStringLiteral("guid")).toString());
        policy.whenChangedUtc =
            QDateTime::fromString(p.value(QStringLiteral("whenChanged")).toString(), Qt::ISODate).toUTC();
        const QJsonObject allow = p.value(QStringLiteral("allow")).toObject();
        for (int i = 0; i < EmulatorAuthenticationPolicy::ProtocolCount; ++i)
            policy.allowBasic[size_t(i)] =
                allow.value(QLatin1String(EmulatorAuthenticationPolicy::kPropertyNames[size_t(i)])).toBool();
        if (policy.name.isEmpty() || policy.guid.isNull())
            return fail(QStringLiteral("invalid authentication policy in the directory"));
        loaded.m_policies.append(policy);
    }
    loaded.m_orgDefaultPolicy = o.value(QStringLiteral("orgDefaultAuthenticationPolicy")).toString();
    const auto uuidKeyedStrings = [&fail](const QJsonObject &object, QHash<QUuid, QString> *out,
                                          const char *what) {
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            const QUuid id(it.key());
            if (id.isNull() || !it.value().isString())
                return fail(QStringLiteral("invalid %1 entry in the directory").arg(QLatin1String(what)));
            out->insert(id, it.value().toString());
        }
        return true;
    };
    if (!uuidKeyedStrings(o.value(QStringLiteral("userAuthenticationPolicies")).toObject(),
                          &loaded.m_policyRefs, "userAuthenticationPolicies") ||
        !uuidKeyedStrings(o.value(QStringLiteral("userPrincipalNames")).toObject(), &loaded.m_upnOverrides,
                          "userPrincipalNames")) {
        return false;
    }
    for (const QJsonValue &value : o.value(QStringLiteral("removedUsers")).toArray())
        loaded.m_removed.insert(QUuid(value.toString()));
    const QJsonObject roles = o.value(QStringLiteral("directoryRoles")).toObject();
    for (auto it = roles.constBegin(); it != roles.constEnd(); ++it) {
        QStringList list;
        for (const QJsonValue &role : it.value().toArray())
            list.append(role.toString());
        loaded.m_roles.insert(QUuid(it.key()), list);
    }
    for (const QJsonValue &value : o.value(QStringLiteral("groups")).toArray()) {
        const QJsonObject g = value.toObject();
        Group group;
        group.id = QUuid(g.value(QStringLiteral("id")).toString());
        group.displayName = g.value(QStringLiteral("displayName")).toString();
        group.description = g.value(QStringLiteral("description")).toString();
        group.mailNickname = g.value(QStringLiteral("mailNickname")).toString();
        if (group.id.isNull())
            return fail(QStringLiteral("invalid group in the directory"));
        const QJsonArray members = g.value(QStringLiteral("members")).toArray();
        group.members.reserve(members.size());
        for (const QJsonValue &member : members)
            group.members.append(QUuid(member.toString()));
        group.memberSet = QSet<QUuid>(group.members.cbegin(), group.members.cend());
        loaded.m_groups.append(group);
    }
    loaded.m_conditionalAccess = o.value(QStringLiteral("conditionalAccessPolicies")).toArray();
    for (const QJsonValue &value : o.value(QStringLiteral("consents")).toArray()) {
        const QJsonObject c = value.toObject();
        QStringList scopes;
        for (const QJsonValue &scope : c.value(QStringLiteral("scopes")).toArray())
            scopes.append(scope.toString());
        loaded.recordConsent(QUuid(c.value(QStringLiteral("userId")).toString()),
                             c.value(QStringLiteral("clientId")).toString(), scopes);
    }
    loaded.rebuildUpnIndex();
    *this = std::move(loaded);
    return true;
}

} // namespace smtpauth
