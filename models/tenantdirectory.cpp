// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/tenantdirectory.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDataStream>
#include <QIODevice>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <algorithm>
#include <cstring>

namespace smtpauth {

namespace {

constexpr quint32 kMagic = 0x53414444;   // "SADD": smtpauth directory data
constexpr qsizetype kChecksumBytes = 32; // SHA-256

QString trText(const char *text)
{
    return QCoreApplication::translate("TenantDirectory", text);
}

std::vector<QUuid> sortedUnique(std::vector<QUuid> ids)
{
    std::sort(ids.begin(), ids.end(), &TenantDirectory::uuidLess);
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    ids.shrink_to_fit();
    return ids;
}

QUuid uuidOf(const QJsonObject &object, QLatin1String key)
{
    const QJsonValue value = object.value(key);
    return value.isString() ? QUuid::fromString(value.toString().trimmed()) : QUuid();
}

// Frees a vector's buffer (`v = {}` picks the initializer_list assignment, which keeps the capacity).
template <typename Vector> void release(Vector &vector)
{
    Vector().swap(vector);
}

} // namespace

bool TenantDirectory::uuidLess(const QUuid &a, const QUuid &b)
{
    if (a.data1 != b.data1)
        return a.data1 < b.data1;
    if (a.data2 != b.data2)
        return a.data2 < b.data2;
    if (a.data3 != b.data3)
        return a.data3 < b.data3;
    return std::memcmp(a.data4, b.data4, sizeof a.data4) < 0;
}

quint64 TenantDirectory::foldedHash(QStringView text)
{
    text = text.trimmed();
    if (text.isEmpty())
        return 0;
    quint64 hash = 14695981039346656037ULL;
    const auto mix = [&hash](char16_t unit) {
        hash ^= quint64(unit & 0xFF);
        hash *= 1099511628211ULL;
        hash ^= quint64(unit >> 8);
        hash *= 1099511628211ULL;
    };
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar ch = text.at(i);
        if (ch.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            const char32_t folded = QChar::toCaseFolded(QChar::surrogateToUcs4(ch, text.at(i + 1)));
            ++i;
            if (QChar::requiresSurrogates(folded)) {
                mix(QChar::highSurrogate(folded));
                mix(QChar::lowSurrogate(folded));
            } else {
                mix(char16_t(folded));
            }
            continue;
        }
        mix(ch.toCaseFolded().unicode());
    }
    return hash == 0 ? 1 : hash; // 0 is "no UPN"
}

// --- authentication policies ---------------------------------------------------------------------

void TenantDirectory::setAuthenticationPolicies(AuthenticationPolicySet policies, const SourceStatus &status)
{
    m_policies = std::move(policies);
    m_policiesStatus = status;
    resolveReferences();
}

void TenantDirectory::setDefaultAuthenticationPolicy(const QString &reference, const SourceStatus &status)
{
    m_defaultPolicy = reference.trimmed();
    m_defaultPolicyStatus = status;
    resolveReferences();
}

void TenantDirectory::setOrganizationConfigFromExchange(const QJsonObject &organizationConfig,
                                                        const QDateTime &readUtc)
{
    const QJsonValue value = organizationConfig.value(QLatin1String("DefaultAuthenticationPolicy"));
    if (value.isNull() || value.isUndefined() || value.isString()) {
        setDefaultAuthenticationPolicy(value.toString(), SourceStatus::read(readUtc));
        return;
    }
    setDefaultAuthenticationPolicy(
        {}, SourceStatus::unavailable(
                trText("Get-OrganizationConfig gave a DefaultAuthenticationPolicy that is not a name: %1")
                    .arg(QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact))),
                readUtc));
}

void TenantDirectory::resolveReferences()
{
    m_referencePolicy.assign(size_t(m_references.size()), -1);
    for (qsizetype i = 0; i < m_references.size(); ++i)
        m_referencePolicy[size_t(i)] = m_policies.resolve(m_references.at(i));
    m_defaultPolicyIndex = m_defaultPolicy.isEmpty() ? -1 : m_policies.resolve(m_defaultPolicy);
}

quint16 TenantDirectory::policyCode(QStringView reference)
{
    reference = reference.trimmed();
    if (reference.isEmpty())
        return kNoPolicyCode;
    const QString key = reference.toString().toCaseFolded();
    if (const auto found = m_referenceCodes.constFind(key); found != m_referenceCodes.cend())
        return *found;
    if (m_references.size() >= kOverflowCode - 1)
        return kOverflowCode;
    m_references.append(reference.toString());
    const quint16 code = quint16(m_references.size());
    m_referenceCodes.insert(key, code);
    m_referencePolicy.push_back(m_policies.resolve(reference));
    return code;
}

// --- users ---------------------------------------------------------------------------------------

void TenantDirectory::clearUsers()
{
    release(m_userExtIds);
    release(m_userGuids);
    release(m_userUpnHashes);
    release(m_userPolicyCodes);
    release(m_byGuid);
    release(m_byUpn);
    release(m_pendingUsers);
    m_references.clear();
    m_referenceCodes.clear();
    m_referencePolicy.clear();
    m_usersStatus = {};
}

void TenantDirectory::reserveUsers(int count)
{
    m_pendingUsers.reserve(size_t(qMax(0, count)));
}

void TenantDirectory::addUser(QUuid externalDirectoryObjectId, QUuid guid, QStringView userPrincipalName,
                              QStringView authenticationPolicy)
{
    const quint64 upnHash = foldedHash(userPrincipalName);
    if (externalDirectoryObjectId.isNull() && guid.isNull() && upnHash == 0)
        return;
    m_pendingUsers.push_back({externalDirectoryObjectId, guid, upnHash, policyCode(authenticationPolicy)});
}

bool TenantDirectory::addUserFromExchange(const QJsonObject &user)
{
    const QUuid externalId = uuidOf(user, QLatin1String("ExternalDirectoryObjectId"));
    const QUuid guid = uuidOf(user, QLatin1String("Guid"));
    const QString upn = user.value(QLatin1String("UserPrincipalName")).toString();
    if (externalId.isNull() && guid.isNull() && upn.trimmed().isEmpty())
        return false;
    addUser(externalId, guid, upn, user.value(QLatin1String("AuthenticationPolicy")).toString());
    return true;
}

void TenantDirectory::finishUsers(UserListing listing)
{
    m_listing = listing;
    std::vector<PendingUser> all;
    all.reserve(m_userExtIds.size() + m_pendingUsers.size());
    for (size_t i = 0; i < m_userExtIds.size(); ++i)
        all.push_back({m_userExtIds[i], m_userGuids[i], m_userUpnHashes[i], m_userPolicyCodes[i]});
    all.insert(all.end(), m_pendingUsers.begin(), m_pendingUsers.end());
    release(m_pendingUsers);
    std::stable_sort(all.begin(), all.end(), [](const PendingUser &a, const PendingUser &b) {
        return uuidLess(a.externalId, b.externalId);
    });
    // The same user twice (a page read again): the later entry wins. Users without an external id are
    // all kept (they are told apart by Guid or UPN).
    std::vector<PendingUser> users;
    users.reserve(all.size());
    for (size_t i = 0; i < all.size(); ++i) {
        if (!all[i].externalId.isNull() && i + 1 < all.size() && all[i + 1].externalId == all[i].externalId)
            continue;
        users.push_back(all[i]);
    }
    release(all);
    const size_t count = users.size();
    m_userExtIds.assign(count, QUuid());
    m_userGuids.assign(count, QUuid());
    m_userUpnHashes.assign(count, 0);
    m_userPolicyCodes.assign(count, 0);
    for (size_t i = 0; i < count; ++i) {
        m_userExtIds[i] = users[i].externalId;
        m_userGuids[i] = users[i].guid;
        m_userUpnHashes[i] = users[i].upnHash;
        m_userPolicyCodes[i] = users[i].policyCode;
    }
    release(users);
    m_byGuid.resize(count);
    m_byUpn.resize(count);
    for (size_t i = 0; i < count; ++i)
        m_byGuid[i] = m_byUpn[i] = quint32(i);
    std::sort(m_byGuid.begin(), m_byGuid.end(),
              [this](quint32 a, quint32 b) { return uuidLess(m_userGuids[a], m_userGuids[b]); });
    std::sort(m_byUpn.begin(), m_byUpn.end(),
              [this](quint32 a, quint32 b) { return m_userUpnHashes[a] < m_userUpnHashes[b]; });
    m_userExtIds.shrink_to_fit();
    m_userGuids.shrink_to_fit();
    m_userUpnHashes.shrink_to_fit();
    m_userPolicyCodes.shrink_to_fit();
    m_byGuid.shrink_to_fit();
    m_byUpn.shrink_to_fit();
    // findUser's binary search needs the ids ascending, each non-null id once.
    Q_ASSERT(std::adjacent_find(m_userExtIds.begin(), m_userExtIds.end(), [](const QUuid &a, const QUuid &b) {
                 return uuidLess(b, a) || (!a.isNull() && a == b);
             }) == m_userExtIds.end());
}

int TenantDirectory::findUser(QUuid externalId, QUuid guid, QStringView address, UserJoin *joinedBy) const
{
    if (!externalId.isNull()) {
        const auto at = std::lower_bound(m_userExtIds.begin(), m_userExtIds.end(), externalId, &uuidLess);
        if (at != m_userExtIds.end() && *at == externalId) {
            *joinedBy = UserJoin::ExternalDirectoryObjectId;
            return int(at - m_userExtIds.begin());
        }
    }
    if (!guid.isNull()) {
        const auto at = std::lower_bound(
            m_byGuid.begin(), m_byGuid.end(), guid,
            [this](quint32 user, const QUuid &wanted) { return uuidLess(m_userGuids[user], wanted); });
        if (at != m_byGuid.end() && m_userGuids[*at] == guid) {
            *joinedBy = UserJoin::Guid;
            return int(*at);
        }
    }
    if (const quint64 hash = foldedHash(address); hash != 0) {
        const auto at =
            std::lower_bound(m_byUpn.begin(), m_byUpn.end(), hash,
                             [this](quint32 user, quint64 wanted) { return m_userUpnHashes[user] < wanted; });
        if (at != m_byUpn.end() && m_userUpnHashes[*at] == hash) {
            *joinedBy = UserJoin::UserPrincipalName;
            return int(*at);
        }
    }
    *joinedBy = UserJoin::None;
    return -1;
}

bool TenantDirectory::userIdsByPrincipalName(QStringView userPrincipalName, QUuid *externalDirectoryObjectId,
                                             QUuid *guid) const
{
    const quint64 hash = foldedHash(userPrincipalName);
    if (!m_usersStatus.isRead() || hash == 0)
        return false;
    const auto at =
        std::lower_bound(m_byUpn.begin(), m_byUpn.end(), hash,
                         [this](quint32 user, quint64 wanted) { return m_userUpnHashes[user] < wanted; });
    if (at == m_byUpn.end() || m_userUpnHashes[*at] != hash)
        return false;
    *externalDirectoryObjectId = m_userExtIds[*at];
    *guid = m_userGuids[*at];
    return true;
}

TenantDirectory::UserPolicy TenantDirectory::lookupUser(QUuid externalDirectoryObjectId, QUuid guid,
                                                        QStringView primarySmtpAddress) const
{
    UserPolicy result;
    if (!m_usersStatus.isRead())
        return result;
    const int user = findUser(externalDirectoryObjectId, guid, primarySmtpAddress, &result.joinedBy);
    if (user < 0) {
        result.kind =
            m_listing == UserListing::OnlyUsersWithOwnPolicy ? UserPolicy::NoOwnPolicy : UserPolicy::NoUser;
        return result;
    }
    result.userId = m_userExtIds[size_t(user)];
    const quint16 code = m_userPolicyCodes[size_t(user)];
    if (code == kNoPolicyCode) {
        result.kind = UserPolicy::NoOwnPolicy;
    } else if (code == kOverflowCode) {
        result.kind = UserPolicy::OwnPolicyUnknown;
    } else {
        result.reference = m_references.at(code - 1);
        result.policyIndex = m_referencePolicy[size_t(code - 1)];
        result.kind = result.policyIndex >= 0 ? UserPolicy::OwnPolicy : UserPolicy::OwnPolicyUnknown;
    }
    return result;
}

// --- Graph ---------------------------------------------------------------------------------------

void TenantDirectory::setSecurityDefaults(bool isEnabled, const SourceStatus &status)
{
    m_securityDefaults = isEnabled;
    m_securityDefaultsStatus = status;
}

void TenantDirectory::setSecurityDefaultsStatus(const SourceStatus &status)
{
    m_securityDefaults.reset();
    m_securityDefaultsStatus = status;
}

void TenantDirectory::setSecurityDefaultsFromGraph(const QJsonObject &policy, const QDateTime &readUtc)
{
    const QJsonValue value = policy.value(QLatin1String("isEnabled"));
    if (value.isBool()) {
        setSecurityDefaults(value.toBool(), SourceStatus::read(readUtc));
        return;
    }
    setSecurityDefaultsStatus(SourceStatus::unavailable(
        trText("The security defaults answer has no boolean isEnabled (%1)")
            .arg(QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact))),
        readUtc));
}

void TenantDirectory::setConditionalAccessPolicies(QList<ConditionalAccessPolicy> policies,
                                                   const SourceStatus &status)
{
    m_caPolicies = std::move(policies);
    m_caStatus = status;
}

void TenantDirectory::setGroupMembers(QUuid groupId, const QList<QUuid> &members, const SourceStatus &status)
{
    Group group;
    group.status = status;
    group.members = sortedUnique(std::vector<QUuid>(members.begin(), members.end()));
    m_groups.insert(groupId, std::move(group));
}

const TenantDirectory::Group *TenantDirectory::group(QUuid groupId) const
{
    const auto found = m_groups.constFind(groupId);
    return found == m_groups.cend() ? nullptr : &*found;
}

void TenantDirectory::setUserRoles(QUuid userId, const QStringList &roleTemplateIds,
                                   const SourceStatus &status)
{
    UserRoles roles;
    roles.status = status;
    std::vector<QUuid> ids;
    for (const QString &id : roleTemplateIds) {
        const QUuid uuid = QUuid::fromString(id.trimmed());
        if (!uuid.isNull())
            ids.push_back(uuid);
    }
    roles.roleTemplateIds = sortedUnique(std::move(ids));
    m_roles.insert(userId, std::move(roles));
}

const TenantDirectory::UserRoles *TenantDirectory::userRoles(QUuid userId) const
{
    const auto found = m_roles.constFind(userId);
    return found == m_roles.cend() ? nullptr : &*found;
}

// --- memory --------------------------------------------------------------------------------------

qsizetype TenantDirectory::memoryUsage() const
{
    const auto vectorBytes = [](const auto &vector) {
        return qsizetype(vector.capacity() * sizeof(typename std::decay_t<decltype(vector)>::value_type));
    };
    const auto textBytes = [](const QString &text) {
        return text.capacity() * qsizetype(sizeof(QChar)) + 24;
    };
    qsizetype bytes = vectorBytes(m_userExtIds) + vectorBytes(m_userGuids) + vectorBytes(m_userUpnHashes) +
                      vectorBytes(m_userPolicyCodes) + vectorBytes(m_byGuid) + vectorBytes(m_byUpn) +
                      vectorBytes(m_pendingUsers) + vectorBytes(m_referencePolicy);
    for (const QString &reference : m_references)
        bytes += 2 * textBytes(reference) + 32; // the text, its folded key and the hash node
    for (const Group &group : m_groups)
        bytes += vectorBytes(group.members) + textBytes(group.status.reason) + 64;
    for (const UserRoles &roles : m_roles)
        bytes += vectorBytes(roles.roleTemplateIds) + textBytes(roles.status.reason) + 64;
    for (const AuthenticationPolicy &policy : m_policies.policies())
        bytes +=
            textBytes(policy.name) + textBytes(policy.identity) + textBytes(policy.distinguishedName) + 64;
    // A parsed Conditional Access policy and the JSON it came from: a few kilobytes each, a few dozen
    // policies a tenant.
    for (const ConditionalAccessPolicy &policy : m_caPolicies)
        bytes += 2 * QJsonDocument(policy.source()).toJson(QJsonDocument::Compact).size() * 2;
    return bytes;
}

// --- serialisation -------------------------------------------------------------------------------

namespace {

void writeStatus(QDataStream &out, const SourceStatus &status)
{
    out << quint8(status.state) << status.reason << status.readUtc;
}

bool readStatus(QDataStream &in, SourceStatus *status)
{
    quint8 state = 0;
    in >> state >> status->reason >> status->readUtc;
    if (state > SourceStatus::Unavailable)
        return false;
    status->state = SourceStatus::State(state);
    return true;
}

void writeUuids(QDataStream &out, const std::vector<QUuid> &ids)
{
    out << quint32(ids.size());
    for (const QUuid &id : ids)
        out << id;
}

bool readUuids(QDataStream &in, std::vector<QUuid> *ids)
{
    quint32 count = 0;
    in >> count;
    if (in.status() != QDataStream::Ok || qint64(count) * 16 > in.device()->bytesAvailable())
        return false;
    ids->resize(count);
    for (QUuid &id : *ids)
        in >> id;
    return true;
}

} // namespace

QByteArray TenantDirectory::serialize() const
{
    QByteArray data;
    {
        QDataStream out(&data, QIODevice::WriteOnly);
        out.setVersion(QDataStream::Qt_6_4);
        out << kMagic << kSerialVersion;

        writeStatus(out, m_policiesStatus);
        out << quint32(m_policies.size());
        for (const AuthenticationPolicy &policy : m_policies.policies()) {
            out << policy.name << policy.identity << policy.distinguishedName << policy.guid
                << quint8(policy.allowBasicAuthSmtp ? (*policy.allowBasicAuthSmtp ? 2 : 1) : 0)
                << policy.allowBasicAuthSmtpText << policy.whenChangedUtc;
        }
        writeStatus(out, m_defaultPolicyStatus);
        out << m_defaultPolicy;

        writeStatus(out, m_usersStatus);
        out << quint8(m_listing) << m_references;
        out << quint32(m_userExtIds.size() + m_pendingUsers.size());
        for (size_t i = 0; i < m_userExtIds.size(); ++i)
            out << m_userExtIds[i] << m_userGuids[i] << m_userUpnHashes[i] << m_userPolicyCodes[i];
        for (const PendingUser &user : m_pendingUsers)
            out << user.externalId << user.guid << user.upnHash << user.policyCode;

        writeStatus(out, m_securityDefaultsStatus);
        out << quint8(m_securityDefaults ? (*m_securityDefaults ? 2 : 1) : 0);

        writeStatus(out, m_caStatus);
        out << quint32(m_caPolicies.size());
        for (const ConditionalAccessPolicy &policy : m_caPolicies)
            out << QJsonDocument(policy.source()).toJson(QJsonDocument::Compact);

        out << quint32(m_groups.size());
        for (auto it = m_groups.cbegin(); it != m_groups.cend(); ++it) {
            out << it.key();
            writeStatus(out, it->status);
            writeUuids(out, it->members);
        }
        out << quint32(m_roles.size());
        for (auto it = m_roles.cbegin(); it != m_roles.cend(); ++it) {
            out << it.key();
            writeStatus(out, it->status);
            writeUuids(out, it->roleTemplateIds);
        }
    }
    data += QCryptographicHash::hash(data, QCryptographicHash::Sha256);
    return data;
}

std::optional<TenantDirectory> TenantDirectory::deserialize(QByteArrayView data, QString *error)
{
    const auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (data.size() < 8 + kChecksumBytes)
        return fail(trText("The directory cache is too short to be one (%1 bytes)").arg(data.size()));
    const QByteArrayView payload = data.first(data.size() - kChecksumBytes);
    if (QCryptographicHash::hash(payload, QCryptographicHash::Sha256) != data.last(kChecksumBytes))
        return fail(trText("The directory cache is damaged: its checksum does not match its contents"));

    const QByteArray bytes = payload.toByteArray();
    QDataStream in(bytes);
    in.setVersion(QDataStream::Qt_6_4);
    quint32 magic = 0;
    quint32 version = 0;
    in >> magic >> version;
    if (magic != kMagic)
        return fail(trText("This is not a directory cache of the console"));
    if (version != kSerialVersion)
        return fail(trText("The directory cache has format %1; this version reads format %2")
                        .arg(version)
                        .arg(kSerialVersion));

    const QString damaged = trText("The directory cache is damaged (%1)");
    TenantDirectory directory;
    SourceStatus status;
    quint32 count = 0;

    if (!readStatus(in, &status))
        return fail(damaged.arg(QStringLiteral("policy status")));
    in >> count;
    if (in.status() != QDataStream::Ok || count > in.device()->bytesAvailable())
        return fail(damaged.arg(QStringLiteral("policy count")));
    AuthenticationPolicySet policies;
    for (quint32 i = 0; i < count; ++i) {
        AuthenticationPolicy policy;
        quint8 smtp = 0;
        in >> policy.name >> policy.identity >> policy.distinguishedName >> policy.guid >> smtp >>
            policy.allowBasicAuthSmtpText >> policy.whenChangedUtc;
        if (smtp > 2)
            return fail(damaged.arg(QStringLiteral("AllowBasicAuthSmtp")));
        if (smtp != 0)
            policy.allowBasicAuthSmtp = smtp == 2;
        policies.append(policy);
    }
    directory.m_policies = std::move(policies);
    directory.m_policiesStatus = status;
    if (!readStatus(in, &directory.m_defaultPolicyStatus))
        return fail(damaged.arg(QStringLiteral("default policy status")));
    in >> directory.m_defaultPolicy;

    if (!readStatus(in, &directory.m_usersStatus))
        return fail(damaged.arg(QStringLiteral("user status")));
    quint8 listing = 0;
    in >> listing >> directory.m_references >> count;
    if (listing > quint8(UserListing::OnlyUsersWithOwnPolicy) ||
        directory.m_references.size() >= kOverflowCode)
        return fail(damaged.arg(QStringLiteral("user listing")));
    if (in.status() != QDataStream::Ok || qint64(count) * 42 > in.device()->bytesAvailable())
        return fail(damaged.arg(QStringLiteral("user count")));
    for (qsizetype i = 0; i < directory.m_references.size(); ++i)
        directory.m_referenceCodes.insert(directory.m_references.at(i).toCaseFolded(), quint16(i + 1));
    if (directory.m_referenceCodes.size() != directory.m_references.size())
        return fail(damaged.arg(QStringLiteral("policy names repeated")));
    directory.m_pendingUsers.resize(count);
    for (PendingUser &user : directory.m_pendingUsers) {
        in >> user.externalId >> user.guid >> user.upnHash >> user.policyCode;
        if (user.policyCode != kOverflowCode && user.policyCode > directory.m_references.size())
            return fail(damaged.arg(QStringLiteral("a user's policy")));
    }

    quint8 securityDefaults = 0;
    if (!readStatus(in, &directory.m_securityDefaultsStatus))
        return fail(damaged.arg(QStringLiteral("security defaults status")));
    in >> securityDefaults;
    if (securityDefaults > 2)
        return fail(damaged.arg(QStringLiteral("security defaults")));
    if (securityDefaults != 0)
        directory.m_securityDefaults = securityDefaults == 2;

    if (!readStatus(in, &directory.m_caStatus))
        return fail(damaged.arg(QStringLiteral("Conditional Access status")));
    in >> count;
    if (in.status() != QDataStream::Ok || count > in.device()->bytesAvailable())
        return fail(damaged.arg(QStringLiteral("Conditional Access count")));
    for (quint32 i = 0; i < count; ++i) {
        QByteArray json;
        in >> json;
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
        if (!document.isObject())
            return fail(
                damaged.arg(QStringLiteral("Conditional Access policy: ") + parseError.errorString()));
        directory.m_caPolicies.append(ConditionalAccessPolicy::fromGraphJson(document.object()));
    }

    for (const bool groups : {true, false}) {
        in >> count;
        if (in.status() != QDataStream::Ok || count > in.device()->bytesAvailable())
            return fail(damaged.arg(groups ? QStringLiteral("group count") : QStringLiteral("role count")));
        for (quint32 i = 0; i < count; ++i) {
            QUuid id;
            SourceStatus entryStatus;
            std::vector<QUuid> ids;
            in >> id;
            if (!readStatus(in, &entryStatus) || !readUuids(in, &ids))
                return fail(damaged.arg(groups ? QStringLiteral("group members") : QStringLiteral("roles")));
            if (!std::is_sorted(ids.begin(), ids.end(), &uuidLess))
                return fail(
                    damaged.arg(groups ? QStringLiteral("group order") : QStringLiteral("role order")));
            if (groups)
                directory.m_groups.insert(id, {entryStatus, std::move(ids)});
            else
                directory.m_roles.insert(id, {entryStatus, std::move(ids)});
        }
    }
    if (in.status() != QDataStream::Ok)
        return fail(trText("The directory cache ends early"));
    if (!in.atEnd())
        return fail(damaged.arg(QStringLiteral("bytes after the end")));

    directory.m_referencePolicy.assign(size_t(directory.m_references.size()), -1);
    directory.resolveReferences();
    directory.finishUsers(UserListing(listing));
    return directory;
}

} // namespace smtpauth
