// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "emulator/emulatortenant.h"

#include "emulator/emulatorlogging.h"
#include "emulator/emulatorseededrandom.h"
#include "emulator/emulatorsmtpauthclientsreport.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSaveFile>
#include <array>

namespace smtpauth {

namespace {

struct NamePart
{
    const char *display; // UTF-8
    const char *ascii;   // for the address
};

// Deliberately international: clients must keep non-ASCII display names intact end to end.
constexpr std::array<NamePart, 32> kFirstNames{{
    {"Anna", "anna"},
    {"José", "jose"},
    {"Zoë", "zoe"},
    {"Jürgen", "juergen"},
    {"Søren", "soeren"},
    {"Łukasz", "lukasz"},
    {"Małgorzata", "malgorzata"},
    {"François", "francois"},
    {"Siobhán", "siobhan"},
    {"Ngozi", "ngozi"},
    {"Hiroshi", "hiroshi"},
    {"Wei", "wei"},
    {"Priya", "priya"},
    {"Mohammed", "mohammed"},
    {"Olga", "olga"},
    {"Björn", "bjoern"},
    {"Chloé", "chloe"},
    {"Inés", "ines"},
    {"Mateo", "mateo"},
    {"Aiko", "aiko"},
    {"Fatima", "fatima"},
    {"Lars", "lars"},
    {"Émile", "emile"},
    {"Dmitri", "dmitri"},
    {"Seán", "sean"},
    {"Renée", "renee"},
    {"Tomáš", "tomas"},
    {"Ayşe", "ayse"},
    {"Kofi", "kofi"},
    {"Mei", "mei"},
    {"Юлия", "yulia"},
    {"Αλέξανδρος", "alexandros"},
}};

constexpr std::array<NamePart, 30> kLastNames{{
    {"Müller", "mueller"},
    {"Żółć", "zolc"},
    {"Ødegård", "oedegaard"},
    {"王", "wang"},
    {"O'Brien", "obrien"},
    {"García", "garcia"},
    {"Smith", "smith"},
    {"Nguyễn", "nguyen"},
    {"Kowalski", "kowalski"},
    {"Johansson", "johansson"},
    {"Dubois", "dubois"},
    {"Rossi", "rossi"},
    {"Yamamoto", "yamamoto"},
    {"Okafor", "okafor"},
    {"Petrov", "petrov"},
    {"Schäfer", "schaefer"},
    {"Núñez", "nunez"},
    {"Çelik", "celik"},
    {"Novák", "novak"},
    {"李", "li"},
    {"Kim", "kim"},
    {"Patel", "patel"},
    {"MacDonald", "macdonald"},
    {"van der Berg", "vanderberg"},
    {"Fernández", "fernandez"},
    {"Jensen", "jensen"},
    {"Haddad", "haddad"},
    {"Søndergaard", "soendergaard"},
    {"Иванова", "ivanova"},
    {"Παπαδόπουλος", "papadopoulos"},
}};

constexpr std::array<NamePart, 10> kServiceMailboxes{{
    {"Lab, Floor 3 scanner", "scanner-floor3"},
    {"No Reply", "noreply"},
    {"Printer Lobby", "printer-lobby"},
    {"Helpdesk Queue", "helpdesk-queue"},
    {"Invoices", "invoices"},
    {"Monitoring Alerts", "alerts-monitoring"},
    {"HR Payroll", "hr-payroll"},
    {"CRM Notifications", "crm-notifications"},
    {"MFP Basement", "mfp-basement"},
    {"Backup Reports", "backup-reports"},
}};

QString overrideKey(Override value)
{
    return machineName(value);
}

} // namespace

namespace {

// The proxy addresses of one mailbox, from a random source of their own so that the rest of the tenant
// (and so every count the demo shows) is the same as before mailboxes had them. Local parts are unique
// in the tenant, so every address is too (Exchange refuses a proxy address another recipient holds).
QStringList seededEmailAddresses(EmulatorSeededRandom &random, const EmulatorMailbox &mailbox,
                                 const QString &domain, const QUuid &tenantId)
{
    QStringList addresses{QStringLiteral("SMTP:") + mailbox.primarySmtpAddress};
    const QString local = mailbox.primarySmtpAddress.section(QLatin1Char('@'), 0, 0);
    const QString tenantName = domain.section(QLatin1Char('.'), 0, 0);
    const QString initialDomain = tenantName + QStringLiteral(".onmicrosoft.com");
    // A primary address on a vanity domain keeps the initial-domain alias every mailbox gets.
    if (domain != initialDomain)
        addresses.append(QStringLiteral("smtp:") + local + QLatin1Char('@') + initialDomain);
    // A vanity address (often what a device was set up with), in the case an admin typed it.
    if (random.chance(0.35)) {
        const QString vanity = local + QLatin1Char('@') + tenantName + QStringLiteral(".com");
        addresses.append(QStringLiteral("smtp:") + (random.chance(0.5) ? vanity : vanity.toUpper()));
    }
    // A legacy address from a merged company.
    if (random.chance(0.12))
        addresses.append(QStringLiteral("smtp:") + local + QStringLiteral("@fabrikam.com"));
    if (random.chance(0.25))
        addresses.append(QStringLiteral("X500:/o=ExchangeLabs/ou=Exchange Administrative Group "
                                        "(FYDIBOHF23SPDLT)/cn=Recipients/cn=") +
                         QString::fromLatin1(mailbox.guid.toRfc4122().toHex()) + QLatin1Char('-') + local);
    if (random.chance(0.15))
        addresses.append(QStringLiteral("SPO:SPO_") +
                         mailbox.externalDirectoryObjectId.toString(QUuid::WithoutBraces) +
                         QStringLiteral("@SPO_") + tenantId.toString(QUuid::WithoutBraces));
    if (random.chance(0.1))
        addresses.append(QStringLiteral("SIP:") + mailbox.primarySmtpAddress);
    return addresses;
}

} // namespace

QUuid EmulatorTenant::tenantIdFor(quint64 seed, const QString &domain)
{
    static const QUuid ns(QStringLiteral("{6b1f0c52-8f0e-4c57-9d4e-3a1b2c3d4e5f}"));
    return QUuid::createUuidV5(ns, domain.toLower() + QLatin1Char('/') + QString::number(seed));
}

void EmulatorTenant::seed(quint64 seed, const QString &domain, int mailboxCount, double overrideShare,
                          OrgSetting org)
{
    m_domain = domain.toLower();
    m_tenantId = tenantIdFor(seed, m_domain);
    m_org = org;
    m_allowLegacyTlsClients = false;
    m_mailboxes.clear();
    m_mailboxes.reserve(mailboxCount);
    m_directory.clear();
    m_directoryLoaded = false;
    m_usage.clear();
    m_usageLoaded = false;

    EmulatorSeededRandom random(seed);
    EmulatorSeededRandom addressRandom(seed ^ 0x9E3779B97F4A7C15ULL);
    m_transportConfigGuid = random.uuid();
    QHash<QString, int> usedLocalParts;
    usedLocalParts.reserve(mailboxCount);
    const QString atDomain = QLatin1Char('@') + m_domain;

    for (int i = 0; i < mailboxCount; ++i) {
        EmulatorMailbox mailbox;
        QString baseLocal;
        mailbox.shared = random.chance(0.02);
        if (mailbox.shared) {
            const NamePart &service = kServiceMailboxes[random.below(int(kServiceMailboxes.size()))];
            baseLocal = QLatin1String(service.ascii);
            mailbox.displayName = QString::fromUtf8(service.display);
        } else {
            const NamePart &first = kFirstNames[random.below(int(kFirstNames.size()))];
            const NamePart &last = kLastNames[random.below(int(kLastNames.size()))];
            baseLocal = QLatin1String(first.ascii) + QLatin1Char('.') + QLatin1String(last.ascii);
            mailbox.displayName =
                QString::fromUtf8(first.display) + QLatin1Char(' ') + QString::fromUtf8(last.display);
        }
        // first.last, first.last2, first.last3 ...; the loop guards against a base that ends in a digit.
        // The count is read and written back by value: inserting the suffixed name below may grow the
        // hash, and a reference into it would then point at freed storage (found by ASan).
        int counter = usedLocalParts.value(baseLocal);
        QString local;
        do {
            ++counter;
            local = counter == 1 ? baseLocal : baseLocal + QString::number(counter);
        } while (counter > 1 && usedLocalParts.contains(local));
        usedLocalParts.insert(baseLocal, counter);
        if (counter > 1)
            usedLocalParts.insert(local, 1);
        if (mailbox.shared && counter > 1)
            mailbox.displayName += QLatin1Char(' ') + QString::number(counter);

        mailbox.name = local;
        mailbox.primarySmtpAddress = local + atDomain;
        mailbox.guid = random.uuid();
        mailbox.externalDirectoryObjectId = random.uuid();
        // Service mailboxes (scanners, printers) are the ones that typically still need SMTP AUTH.
        const double share = mailbox.shared ? qMin(1.0, overrideShare * 6.0) : overrideShare;
        if (random.chance(share)) {
            mailbox.smtpClientAuthentication =
                random.chance(mailbox.shared ? 0.8 : 0.5) ? Override::Enabled : Override::Disabled;
        }
        mailbox.popEnabled = random.chance(mailbox.shared ? 0.5 : 0.2);
        mailbox.imapEnabled = random.chance(mailbox.shared ? 0.5 : 0.3);
        mailbox.activeSyncEnabled = !mailbox.shared && random.chance(0.9);
        mailbox.owaEnabled = random.chance(0.95);
        mailbox.mapiEnabled = random.chance(0.97);
        mailbox.ewsEnabled = random.chance(0.9);
        mailbox.emailAddresses = seededEmailAddresses(addressRandom, mailbox, m_domain, m_tenantId);
        m_mailboxes.append(std::move(mailbox));
    }
    rebuildIndexes();
}

void EmulatorTenant::rebuildIndexes()
{
    m_byGuid.clear();
    m_byExternalId.clear();
    m_byAddress.clear();
    m_byGuid.reserve(m_mailboxes.size());
    m_byExternalId.reserve(m_mailboxes.size());
    m_byAddress.reserve(m_mailboxes.size());
    for (int i = 0; i < m_mailboxes.size(); ++i) {
        const EmulatorMailbox &mailbox = m_mailboxes.at(i);
        m_byGuid.insert(mailbox.guid, i);
        m_byExternalId.insert(mailbox.externalDirectoryObjectId, i);
        m_byAddress.insert(mailbox.primarySmtpAddress.toLower(), i);
    }
}

int EmulatorTenant::findMailbox(QStringView identity) const
{
    const QString trimmed = identity.trimmed().toString();
    if (trimmed.isEmpty())
        return -1;
    const QUuid asUuid(trimmed);
    if (!asUuid.isNull()) {
        if (const auto it = m_byGuid.constFind(asUuid); it != m_byGuid.cend())
            return it.value();
        if (const auto it = m_byExternalId.constFind(asUuid); it != m_byExternalId.cend())
            return it.value();
        return -1;
    }
    const QString lower = trimmed.toLower();
    if (lower.contains(QLatin1Char('@'))) {
        const auto it = m_byAddress.constFind(lower);
        return it == m_byAddress.cend() ? -1 : it.value();
    }
    // Name (alias) is the local part of the primary address in this tenant.
    const auto it = m_byAddress.constFind(lower + QLatin1Char('@') + m_domain);
    return it == m_byAddress.cend() ? -1 : it.value();
}

bool EmulatorTenant::matchesTenantSegment(QStringView segment) const
{
    if (segment.compare(m_domain, Qt::CaseInsensitive) == 0)
        return true;
    const QUuid asUuid(segment.toString());
    return !asUuid.isNull() && asUuid == m_tenantId;
}

int EmulatorTenant::directoryUserIndex(const QUuid &objectId) const
{
    if (const auto it = m_byExternalId.constFind(objectId); it != m_byExternalId.cend())
        return it.value();
    const QList<EmulatorDirectory::Account> &accounts = m_directory.accounts();
    for (int i = 0; i < accounts.size(); ++i) {
        if (accounts.at(i).objectId == objectId)
            return mailboxCount() + i;
    }
    return -1;
}

EmulatorDirectoryUser EmulatorTenant::directoryUser(int index) const
{
    EmulatorDirectoryUser user;
    if (index < mailboxCount()) {
        const EmulatorMailbox &m = m_mailboxes.at(index);
        user.objectId = m.externalDirectoryObjectId;
        user.guid = m.guid;
        user.name = m.name;
        user.displayName = m.displayName;
        user.primarySmtpAddress = m.primarySmtpAddress;
        user.userPrincipalName = m.primarySmtpAddress;
        user.hasMailbox = true;
        user.shared = m.shared;
    } else {
        const EmulatorDirectory::Account &a = m_directory.accounts().at(index - mailboxCount());
        user.objectId = a.objectId;
        user.guid = a.guid;
        user.name = a.alias;
        user.displayName = a.displayName;
        user.userPrincipalName = a.userPrincipalName;
    }
    if (const QString upn = m_directory.userPrincipalNameOverride(user.objectId); !upn.isEmpty())
        user.userPrincipalName = upn;
    user.authenticationPolicy = m_directory.authenticationPolicyOf(user.objectId);
    return user;
}

QUuid EmulatorTenant::directoryUserObjectId(int index) const
{
    return index < mailboxCount() ? m_mailboxes.at(index).externalDirectoryObjectId
                                  : m_directory.accounts().at(index - mailboxCount()).objectId;
}

bool EmulatorTenant::isDirectoryUserRemoved(int index) const
{
    return m_directory.hasRemovedUsers() && m_directory.isRemoved(directoryUserObjectId(index));
}

int EmulatorTenant::findDirectoryUser(QStringView identity) const
{
    const QString trimmed = identity.trimmed().toString();
    if (trimmed.isEmpty())
        return -1;
    const QList<EmulatorDirectory::Account> &accounts = m_directory.accounts();
    int index = -1;
    const QUuid asUuid(trimmed);
    const QString lower = trimmed.toLower();
    if (!asUuid.isNull()) {
        if (const auto it = m_byGuid.constFind(asUuid); it != m_byGuid.cend())
            index = it.value();
        else
            index = directoryUserIndex(asUuid);
        for (int i = 0; index < 0 && i < accounts.size(); ++i) {
            if (accounts.at(i).guid == asUuid)
                index = mailboxCount() + i;
        }
    } else if (lower.contains(QLatin1Char('@'))) {
        if (const QUuid byUpn = m_directory.objectIdForOverriddenUpn(lower); !byUpn.isNull())
            index = directoryUserIndex(byUpn);
        if (index < 0) {
            if (const auto it = m_byAddress.constFind(lower); it != m_byAddress.cend())
                index = it.value();
        }
        for (int i = 0; index < 0 && i < accounts.size(); ++i) {
            if (accounts.at(i).userPrincipalName.compare(lower, Qt::CaseInsensitive) == 0)
                index = mailboxCount() + i;
        }
    } else {
        if (const auto it = m_byAddress.constFind(lower + QLatin1Char('@') + m_domain);
            it != m_byAddress.cend())
            index = it.value();
        for (int i = 0; index < 0 && i < accounts.size(); ++i) {
            if (accounts.at(i).alias.compare(lower, Qt::CaseInsensitive) == 0)
                index = mailboxCount() + i;
        }
    }
    return index >= 0 && !isDirectoryUserRemoved(index) ? index : -1;
}

QJsonObject EmulatorTenant::directoryTruth(bool includeUsers) const
{
    const EmulatorDirectory &d = m_directory;
    const auto id = [](const QUuid &uuid) { return uuid.toString(QUuid::WithoutBraces); };
    QJsonArray policies;
    for (const EmulatorAuthenticationPolicy &p : d.authenticationPolicies()) {
        QJsonObject o{
            {QStringLiteral("Identity"), p.name},
            {QStringLiteral("Name"), p.name},
            {QStringLiteral("DistinguishedName"), p.distinguishedName},
            {QStringLiteral("Guid"), id(p.guid)},
            {QStringLiteral("WhenChangedUTC"), p.whenChangedUtc.toString(Qt::ISODate)},
            {QStringLiteral("legacyExchangeTokens"), p.isLegacyExchangeTokens()},
        };
        for (int i = 0; i < EmulatorAuthenticationPolicy::ProtocolCount; ++i)
            o.insert(QLatin1String(EmulatorAuthenticationPolicy::kPropertyNames[size_t(i)]),
                     p.allowBasic[size_t(i)]);
        policies.append(o);
    }
    const QString wireDefault = d.orgDefaultPolicyOnTheWire();
    const bool hasDefault = d.knobs().authenticationPoliciesUsed && !d.orgDefaultPolicy().isEmpty();

    const QHash<QUuid, QStringList> roleHolders = d.roleAssignments();
    QJsonArray users;
    if (includeUsers) {
        for (int i = 0; i < directoryUserCount(); ++i) {
            if (isDirectoryUserRemoved(i))
                continue;
            const EmulatorDirectoryUser u = directoryUser(i);
            users.append(QJsonObject{
                {QStringLiteral("objectId"), id(u.objectId)},
                {QStringLiteral("guid"), id(u.guid)},
                {QStringLiteral("userPrincipalName"), u.userPrincipalName},
                {QStringLiteral("displayName"), u.displayName},
                {QStringLiteral("primarySmtpAddress"),
                 u.hasMailbox ? QJsonValue(u.primarySmtpAddress) : QJsonValue(QJsonValue::Null)},
                {QStringLiteral("hasMailbox"), u.hasMailbox},
                {QStringLiteral("authenticationPolicy"),
                 u.authenticationPolicy ? QJsonValue(*u.authenticationPolicy) : QJsonValue(QJsonValue::Null)},
                {QStringLiteral("roles"), QJsonArray::fromStringList(roleHolders.value(u.objectId))},
            });
        }
    }
    QJsonArray groups;
    for (const EmulatorDirectory::Group &g : d.groups()) {
        QJsonArray members;
        for (const QUuid &member : g.members)
            members.append(id(member));
        groups.append(QJsonObject{{QStringLiteral("id"), id(g.id)},
                                  {QStringLiteral("displayName"), g.displayName},
                                  {QStringLiteral("memberCount"), int(g.members.size())},
                                  {QStringLiteral("members"), members}});
    }
    QMap<QString, QStringList> byRole;
    for (auto it = roleHolders.cbegin(); it != roleHolders.cend(); ++it) {
        for (const QString &role : it.value())
            byRole[role.toLower()].append(id(it.key()));
    }
    QJsonArray roles;
    for (auto it = byRole.begin(); it != byRole.end(); ++it) {
        it.value().sort();
        roles.append(
            QJsonObject{{QStringLiteral("roleTemplateId"), it.key()},
                        {QStringLiteral("displayName"), EmulatorDirectory::roleDisplayName(it.key())},
                        {QStringLiteral("members"), QJsonArray::fromStringList(it.value())}});
    }
    QJsonObject truth{
        {QStringLiteral("tenantId"), id(m_tenantId)},
        {QStringLiteral("domain"), m_domain},
        {QStringLiteral("securityDefaults"),
         QJsonObject{{QStringLiteral("isEnabled"), d.knobs().securityDefaults}}},
        {QStringLiteral("entraP1"), d.knobs().entraP1},
        {QStringLiteral("authenticationPoliciesUsed"), d.knobs().authenticationPoliciesUsed},
        {QStringLiteral("orgDefaultPolicyAsDn"), d.knobs().orgDefaultPolicyAsDn},
        {QStringLiteral("caGroupSize"), d.knobs().caGroupSize},
        {QStringLiteral("authenticationPolicies"), policies},
        {QStringLiteral("orgDefaultAuthenticationPolicy"),
         hasDefault ? QJsonValue(d.orgDefaultPolicy()) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("orgDefaultAuthenticationPolicyOnTheWire"),
         wireDefault.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(wireDefault)},
        {QStringLiteral("userCount"), directoryUserCount() - d.removedCount()},
        {QStringLiteral("breakGlassObjectId"), id(d.breakGlassObjectId())},
        {QStringLiteral("groups"), groups},
        {QStringLiteral("directoryRoles"), roles},
        {QStringLiteral("conditionalAccessPolicies"), d.conditionalAccessPolicies()},
        {QStringLiteral("graphConsentGranted"), d.knobs().graphConsentGranted},
        {QStringLiteral("appGraphPermissions"),
         QJsonArray::fromStringList(EmulatorDirectory::appGraphPermissions())},
        {QStringLiteral("consents"), d.recordedConsents()},
    };
    if (includeUsers)
        truth.insert(QStringLiteral("users"), users);
    return truth;
}

QJsonObject EmulatorTenant::usageTruth(qint64 sinceTicks, bool includeUnused) const
{
    const EmulatorUsagePlan &plan = m_usage;
    const qint64 retention =
        (QDateTime::currentMSecsSinceEpoch() - qint64(EmulatorUsagePlan::kRetentionDays) * 86400 * 1000) *
        10000;
    const qint64 since = qMax(sinceTicks, retention);
    const QHash<int, EmulatorUsagePlan::SignInTally> tallies = plan.tally(since);
    const qint64 served = plan.recordsNotOlderThan(since);
    qint64 legacyName = 0;
    for (qint64 k = 0; k < served; ++k)
        legacyName += plan.signInRecord(k).legacySmtpName ? 1 : 0;

    QJsonObject kinds;
    QJsonArray users;
    for (int u = 0; u < plan.userCount(); ++u) {
        const EmulatorUsagePlan::Kind kind = plan.kind(u);
        const QString kindName = EmulatorUsagePlan::kindName(kind);
        kinds.insert(kindName, kinds.value(kindName).toInt() + 1);
        const auto tally = tallies.constFind(u);
        if (kind == EmulatorUsagePlan::Kind::None && tally == tallies.cend() && !includeUnused)
            continue;
        QJsonObject o;
        o.insert(QStringLiteral("index"), u);
        o.insert(QStringLiteral("kind"), kindName);
        const bool hasMailbox = u < mailboxCount();
        o.insert(QStringLiteral("hasMailbox"), hasMailbox);
        if (hasMailbox) {
            const EmulatorDirectoryUser user = directoryUser(u);
            o.insert(QStringLiteral("guid"), user.guid.toString(QUuid::WithoutBraces));
            o.insert(QStringLiteral("objectId"), user.objectId.toString(QUuid::WithoutBraces));
            o.insert(QStringLiteral("userPrincipalName"), user.userPrincipalName);
            o.insert(QStringLiteral("primarySmtpAddress"), user.primarySmtpAddress);
            o.insert(QStringLiteral("displayName"), user.displayName);
        } else {
            const EmulatorUsagePlan::Orphan &orphan = plan.orphans().at(u - mailboxCount());
            o.insert(QStringLiteral("objectId"), orphan.objectId.toString(QUuid::WithoutBraces));
            o.insert(QStringLiteral("userPrincipalName"), orphan.userPrincipalName);
            o.insert(QStringLiteral("displayName"), orphan.displayName);
            o.insert(QStringLiteral("deleted"), orphan.deleted);
        }
        const EmulatorUsagePlan::SignInTally t =
            tally == tallies.cend() ? EmulatorUsagePlan::SignInTally{} : *tally;
        o.insert(QStringLiteral("basicSignIns"), t.successes);
        o.insert(QStringLiteral("basicFailures"), t.failures);
        o.insert(QStringLiteral("lastBasicSignIn"),
                 t.lastTicks > 0 ? QJsonValue(EmulatorUsagePlan::isoTicks(t.lastTicks)) : QJsonValue::Null);
        QJsonArray codes;
        for (const int code : t.errorCodes)
            codes.append(code);
        o.insert(QStringLiteral("errorCodes"), codes);
        QStringList ips;
        for (const int ip : t.ipIndexes)
            ips.append(plan.clientIp(u, ip));
        ips.sort();
        o.insert(QStringLiteral("clientIps"), QJsonArray::fromStringList(ips));
        const int smtp = plan.smtpDaysAgo(u);
        const int outlook = plan.outlookDaysAgo(u);
        o.insert(QStringLiteral("smtpDaysAgo"), smtp >= 0 ? QJsonValue(smtp) : QJsonValue::Null);
        QJsonObject smtpUsed;
        QJsonObject inReport;
        for (const int days : {7, 30, 90, 180}) {
            const QString period = QLatin1Char('D') + QString::number(days);
            smtpUsed.insert(period, plan.usedInPeriod(days, smtp));
            inReport.insert(period, plan.usedInPeriod(days, smtp) || plan.usedInPeriod(days, outlook));
        }
        o.insert(QStringLiteral("smtpAppUsed"), smtpUsed);
        o.insert(QStringLiteral("inUsageReport"), inReport);
        QJsonArray protocols;
        for (const EmulatorUsagePlan::Protocol p : plan.reportProtocols(u))
            protocols.append(p == EmulatorUsagePlan::Protocol::Basic ? QStringLiteral("Basic")
                                                                     : QStringLiteral("OAuth"));
        o.insert(QStringLiteral("reportProtocols"), protocols);
        if (!protocols.isEmpty())
            o.insert(QStringLiteral("reportSender"), EmulatorSmtpAuthClientsReport::senderOf(*this, u));
        users.append(o);
    }
    return QJsonObject{
        {QStringLiteral("anchor"), plan.anchor().toString(Qt::ISODate)},
        {QStringLiteral("refreshDate"), plan.refreshDate().toString(Qt::ISODate)},
        {QStringLiteral("retentionDays"), EmulatorUsagePlan::kRetentionDays},
        {QStringLiteral("since"), EmulatorUsagePlan::isoTicks(since)},
        {QStringLiteral("signInRecords"), double(plan.signInCount())},
        {QStringLiteral("signInRecordsSince"), double(served)},
        {QStringLiteral("clientAppUsedTotals"),
         QJsonObject{{QStringLiteral("Authenticated SMTP"), double(served - legacyName)},
                     {QStringLiteral("SMTP"), double(legacyName)}}},
        {QStringLiteral("kinds"), kinds},
        {QStringLiteral("users"), users},
    };
}

bool EmulatorTenant::saveToFile(const QString &path, QString *errorMessage) const
{
    QJsonArray mailboxes;
    for (const EmulatorMailbox &m : m_mailboxes) {
        mailboxes.append(QJsonObject{
            {QStringLiteral("guid"), m.guid.toString(QUuid::WithoutBraces)},
            {QStringLiteral("externalDirectoryObjectId"),
             m.externalDirectoryObjectId.toString(QUuid::WithoutBraces)},
            {QStringLiteral("name"), m.name},
            {QStringLiteral("displayName"), m.displayName},
            {QStringLiteral("primarySmtpAddress"), m.primarySmtpAddress},
            {QStringLiteral("emailAddresses"), QJsonArray::fromStringList(m.emailAddresses)},
            {QStringLiteral("smtp"), overrideKey(m.smtpClientAuthentication)},
            {QStringLiteral("pop"), m.popEnabled},
            {QStringLiteral("imap"), m.imapEnabled},
            {QStringLiteral("activeSync"), m.activeSyncEnabled},
            {QStringLiteral("owa"), m.owaEnabled},
            {QStringLiteral("mapi"), m.mapiEnabled},
            {QStringLiteral("ews"), m.ewsEnabled},
            {QStringLiteral("shared"), m.shared},
        });
    }
    QJsonObject root{
        {QStringLiteral("format"), QStringLiteral("smtpauth-emulator-tenant")},
        {QStringLiteral("version"), 1},
        {QStringLiteral("tenantId"), m_tenantId.toString(QUuid::WithoutBraces)},
        {QStringLiteral("domain"), m_domain},
        {QStringLiteral("org"), machineName(m_org)},
        {QStringLiteral("allowLegacyTlsClients"), m_allowLegacyTlsClients},
        {QStringLiteral("transportConfigGuid"), m_transportConfigGuid.toString(QUuid::WithoutBraces)},
        {QStringLiteral("mailboxes"), mailboxes},
    };
    // Optional: state files written before the directory existed load fine and get it seeded.
    if (m_directory.isSeeded())
        root.insert(QStringLiteral("directory"), m_directory.toJson());
    if (m_usage.isSeeded())
        root.insert(QStringLiteral("usage"), m_usage.toJson());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (errorMessage)
            *errorMessage = file.errorString();
        return false;
    }
    file.write(QJsonDocument(root).toJson(QJsonDocument::Compact));
    if (!file.commit()) {
        if (errorMessage)
            *errorMessage = file.errorString();
        return false;
    }
    return true;
}

bool EmulatorTenant::loadFromFile(const QString &path, QString *errorMessage)
{
    auto fail = [errorMessage](const QString &why) {
        if (errorMessage)
            *errorMessage = why;
        return false;
    };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(file.errorString());
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject())
        return fail(QStringLiteral("not a tenant state file: %1").arg(parseError.errorString()));
    const QJsonObject root = document.object();
    if (root.value(QStringLiteral("format")).toString() != QLatin1String("smtpauth-emulator-tenant") ||
        root.value(QStringLiteral("version")).toInt() != 1) {
        return fail(QStringLiteral("unsupported tenant state file format"));
    }
    OrgSetting org = OrgSetting::Disabled;
    if (!orgSettingFromName(root.value(QStringLiteral("org")).toString(), &org))
        return fail(QStringLiteral("invalid org value"));
    QList<EmulatorMailbox> loaded;
    const QJsonArray array = root.value(QStringLiteral("mailboxes")).toArray();
    loaded.reserve(array.size());
    for (const QJsonValue &value : array) {
        const QJsonObject o = value.toObject();
        EmulatorMailbox m;
        m.guid = QUuid(o.value(QStringLiteral("guid")).toString());
        m.externalDirectoryObjectId = QUuid(o.value(QStringLiteral("externalDirectoryObjectId")).toString());
        m.name = o.value(QStringLiteral("name")).toString();
        m.displayName = o.value(QStringLiteral("displayName")).toString();
        m.primarySmtpAddress = o.value(QStringLiteral("primarySmtpAddress")).toString();
        if (m.guid.isNull() || m.externalDirectoryObjectId.isNull() || m.name.isEmpty() ||
            m.primarySmtpAddress.isEmpty() ||
            !overrideFromName(o.value(QStringLiteral("smtp")).toString(), &m.smtpClientAuthentication)) {
            return fail(QStringLiteral("invalid mailbox entry in tenant state file"));
        }
        m.popEnabled = o.value(QStringLiteral("pop")).toBool();
        m.imapEnabled = o.value(QStringLiteral("imap")).toBool();
        m.activeSyncEnabled = o.value(QStringLiteral("activeSync")).toBool();
        m.owaEnabled = o.value(QStringLiteral("owa")).toBool();
        m.mapiEnabled = o.value(QStringLiteral("mapi")).toBool();
        m.ewsEnabled = o.value(QStringLiteral("ews")).toBool();
        m.shared = o.value(QStringLiteral("shared")).toBool();
        // A file from before mailboxes had proxy addresses: the primary one only.
        const QJsonValue addresses = o.value(QStringLiteral("emailAddresses"));
        if (addresses.isUndefined()) {
            m.emailAddresses = {QStringLiteral("SMTP:") + m.primarySmtpAddress};
        } else {
            if (!addresses.isArray())
                return fail(QStringLiteral("invalid emailAddresses in tenant state file"));
            for (const QJsonValue &address : addresses.toArray()) {
                if (!address.isString())
                    return fail(QStringLiteral("invalid emailAddresses in tenant state file"));
                m.emailAddresses.append(address.toString());
            }
        }
        loaded.append(std::move(m));
    }
    const QUuid tenantId(root.value(QStringLiteral("tenantId")).toString());
    const QString domain = root.value(QStringLiteral("domain")).toString().toLower();
    if (tenantId.isNull() || domain.isEmpty())
        return fail(QStringLiteral("tenant state file lacks tenantId or domain"));
    EmulatorDirectory directory;
    const bool hasDirectory = root.contains(QStringLiteral("directory"));
    if (hasDirectory) {
        QString why;
        if (!directory.fromJson(root.value(QStringLiteral("directory")).toObject(), domain, &why))
            return fail(why);
    }
    // A plan from another mailbox list (or none: a file from before usage existed) is seeded again by the
    // caller; it is history, so only a file that has it keeps it.
    EmulatorUsagePlan usage;
    const bool hasUsage =
        root.contains(QStringLiteral("usage")) &&
        usage.fromJson(root.value(QStringLiteral("usage")).toObject(), int(loaded.size()), nullptr);
    m_tenantId = tenantId;
    m_domain = domain;
    m_org = org;
    m_allowLegacyTlsClients = root.value(QStringLiteral("allowLegacyTlsClients")).toBool();
    m_transportConfigGuid = QUuid(root.value(QStringLiteral("transportConfigGuid")).toString());
    m_mailboxes = std::move(loaded);
    m_directory = std::move(directory);
    m_directoryLoaded = hasDirectory;
    m_usage = std::move(usage);
    m_usageLoaded = hasUsage;
    rebuildIndexes();
    qCInfo(lcEmulator) << "loaded tenant state with" << m_mailboxes.size() << "mailboxes";
    return true;
}

} // namespace smtpauth
