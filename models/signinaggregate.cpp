#include "signinaggregate.h"

#include <QJsonObject>
#include <algorithm>

namespace smtpauth {

namespace {

int digitsAt(QStringView text, qsizetype at, qsizetype count)
{
    int value = 0;
    for (qsizetype i = at; i < at + count; ++i) {
        const char16_t c = text[i].unicode();
        if (c < u'0' || c > u'9')
            return -1;
        value = value * 10 + int(c - u'0');
    }
    return value;
}

// createdDateTime as Graph writes it, "2026-11-30T19:15:41.6195833Z", in ms since the epoch: the same
// value as QDateTime::fromString(text, Qt::ISODateWithMs).toMSecsSinceEpoch() (the fraction rounded to
// the nearest ms, half up), without its cost per record. Anything else takes Qt's parser.
qint64 createdMs(const QString &text)
{
    const QStringView view(text);
    const qsizetype size = view.size();
    if (size >= 20 && size <= 28 && view[4] == u'-' && view[7] == u'-' && view[10] == u'T' &&
        view[13] == u':' && view[16] == u':' && view[size - 1] == u'Z') {
        const int year = digitsAt(view, 0, 4);
        const int month = digitsAt(view, 5, 2);
        const int day = digitsAt(view, 8, 2);
        const int hour = digitsAt(view, 11, 2);
        const int minute = digitsAt(view, 14, 2);
        const int second = digitsAt(view, 17, 2);
        const qsizetype fractionDigits = size - 21; // after "ss." and before "Z"
        int fraction = 0;
        bool fractionOk = size == 20;
        if (size >= 22 && view[19] == u'.') {
            fraction = digitsAt(view, 20, fractionDigits);
            fractionOk = fraction >= 0;
        }
        if (year > 0 && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 &&
            second <= 59 && fractionOk && QDate::isValid(year, month, day)) {
            qint64 scale = 1;
            for (qsizetype i = 0; i < (size == 20 ? 0 : fractionDigits); ++i)
                scale *= 10;
            const qint64 ms = (qint64(fraction) * 1000 + scale / 2) / scale;
            const qint64 days = QDate(year, month, day).toJulianDay() - 2440588; // 1970-01-01
            return ((days * 24 + hour) * 60 + minute) * 60000 + qint64(second) * 1000 + ms;
        }
    }
    return QDateTime::fromString(text, Qt::ISODateWithMs).toMSecsSinceEpoch();
}

} // namespace

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
    // Folded only when it is the key: most records carry a user id.
    const QString folded = id.isNull() ? userPrincipalName.toCaseFolded() : QString();
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
    const bool success = status.contains(QLatin1String("errorCode")) &&
                         status.value(QLatin1String("errorCode")).toInt(-1) == 0;
    const qint64 whenMs = createdMs(record.value(QLatin1String("createdDateTime")).toString());
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
