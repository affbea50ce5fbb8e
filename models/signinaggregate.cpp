#include "signinaggregate.h"

#include <QJsonObject>

#include <algorithm>

namespace smtpauth {

QList<SignInAggregate::ClientAddress> SignInAggregate::UserSignIns::topAddresses(int count) const
{
    QList<ClientAddress> sorted;
    for (const ClientAddress &address : addresses) {
        if (address.count > 0)
            sorted.append(address);
    }
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const ClientAddress &a, const ClientAddress &b) { return a.count > b.count; });
    return sorted.mid(0, count);
}

SignInAggregate::UserSignIns &SignInAggregate::userFor(const QUuid &id, const QString &userPrincipalName)
{
    const QString folded = userPrincipalName.toCaseFolded();
    if (!id.isNull()) {
        if (const auto found = m_byId.constFind(id); found != m_byId.constEnd())
            return m_users[size_t(*found)];
    } else if (const auto found = m_byName.constFind(folded); found != m_byName.constEnd()) {
        return m_users[size_t(*found)];
    }
    const qsizetype index = qsizetype(m_users.size());
    m_users.push_back(UserSignIns{});
    m_users.back().userId = id;
    if (!id.isNull())
        m_byId.insert(id, index);
    else
        m_byName.insert(folded, index);
    return m_users.back();
}

void SignInAggregate::addPage(const QJsonArray &records)
{
    ++m_pages;
    for (const QJsonValue &value : records)
        addRecord(value.toObject());
}

void SignInAggregate::addRecord(const QJsonObject &record)
{
    ++m_records;
    const QUuid id = QUuid::fromString(record.value(QLatin1String("userId")).toString());
    const QString name = record.value(QLatin1String("userPrincipalName")).toString();
    if (id.isNull() && name.isEmpty()) {
        ++m_recordsWithoutUser;
        return;
    }
    UserSignIns &user = userFor(id, name);
    const QJsonObject status = record.value(QLatin1String("status")).toObject();
    // A record without a status is not evidence of success: count it as a failure with no code.
    const bool success = status.contains(QLatin1String("errorCode")) && status.value(QLatin1String("errorCode")).toInt(-1) == 0;
    const qint64 whenMs =
        QDateTime::fromString(record.value(QLatin1String("createdDateTime")).toString(), Qt::ISODateWithMs)
            .toMSecsSinceEpoch();
    if (success) {
        ++user.successes;
    } else {
        ++user.failures;
    }
    if (whenMs > 0) {
        if (m_oldestMs == 0 || whenMs < m_oldestMs)
            m_oldestMs = whenMs;
        m_newestMs = std::max(m_newestMs, whenMs);
    }
    if (whenMs >= user.lastMs) {
        user.lastMs = whenMs;
        if (!name.isEmpty())
            user.userPrincipalName = name;
    }
    if (!success && (user.lastFailureMs == 0 || whenMs >= user.lastFailureMs)) {
        user.lastFailureMs = whenMs;
        user.lastErrorCode = status.value(QLatin1String("errorCode")).toInt();
        user.lastFailureReason = status.value(QLatin1String("failureReason")).toString();
    }
    const QString ip = record.value(QLatin1String("ipAddress")).toString();
    if (ip.isEmpty())
        return;
    for (ClientAddress &address : user.addresses) {
        if (address.count == 0) {
            address.ip = ip;
            address.count = 1;
            return;
        }
        if (address.ip == ip) {
            ++address.count;
            return;
        }
    }
    ++user.otherAddresses;
}

QDateTime SignInAggregate::oldest() const
{
    return m_oldestMs == 0 ? QDateTime() : QDateTime::fromMSecsSinceEpoch(m_oldestMs, Qt::UTC);
}

QDateTime SignInAggregate::newest() const
{
    return m_newestMs == 0 ? QDateTime() : QDateTime::fromMSecsSinceEpoch(m_newestMs, Qt::UTC);
}

qsizetype SignInAggregate::memoryUsage() const
{
    qsizetype bytes = qsizetype(m_users.capacity() * sizeof(UserSignIns));
    for (const UserSignIns &user : m_users) {
        bytes += user.userPrincipalName.capacity() * 2 + user.lastFailureReason.capacity() * 2;
        for (const ClientAddress &address : user.addresses)
            bytes += address.ip.capacity() * 2;
    }
    // Hash nodes: key + value + bookkeeping, about 48 bytes each in Qt 6.
    bytes += (m_byId.size() + m_byName.size()) * 48;
    return bytes;
}

} // namespace smtpauth
