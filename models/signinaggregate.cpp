// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/signinaggregate.h"

#include <QJsonObject>
#include <algorithm>
#include <optional>

namespace smtpauth {

namespace {

char16_t unit(QStringView text, qsizetype at)
{
    return text[at].unicode();
}

char16_t unit(QByteArrayView text, qsizetype at)
{
    return char16_t(uchar(text[at]));
}

template <typename View> int digitsIn(View text, qsizetype at, qsizetype count)
{
    int value = 0;
    for (qsizetype i = at; i < at + count; ++i) {
        const char16_t c = unit(text, i);
        if (c < u'0' || c > u'9')
            return -1;
        value = value * 10 + int(c - u'0');
    }
    return value;
}

// "2026-11-30T19:15:41.6195833Z" by hand (the fraction rounded to the nearest ms, half up, as Qt does);
// nullopt for anything else, which Qt's parser then reads.
template <typename View> std::optional<qint64> commonGraphTimeMs(View view)
{
    const qsizetype size = view.size();
    if (size < 20 || size > 28 || unit(view, 4) != u'-' || unit(view, 7) != u'-' || unit(view, 10) != u'T' ||
        unit(view, 13) != u':' || unit(view, 16) != u':' || unit(view, size - 1) != u'Z')
        return std::nullopt;
    const int year = digitsIn(view, 0, 4);
    const int month = digitsIn(view, 5, 2);
    const int day = digitsIn(view, 8, 2);
    const int hour = digitsIn(view, 11, 2);
    const int minute = digitsIn(view, 14, 2);
    const int second = digitsIn(view, 17, 2);
    const qsizetype fractionDigits = size - 21; // after "ss." and before "Z"
    int fraction = 0;
    bool fractionOk = size == 20;
    if (size >= 22 && unit(view, 19) == u'.') {
        fraction = digitsIn(view, 20, fractionDigits);
        fractionOk = fraction >= 0;
    }
    if (year <= 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 ||
        !fractionOk || !QDate::isValid(year, month, day))
        return std::nullopt;
    qint64 scale = 1;
    for (qsizetype i = 0; i < (size == 20 ? 0 : fractionDigits); ++i)
        scale *= 10;
    const qint64 ms = (qint64(fraction) * 1000 + scale / 2) / scale;
    const qint64 days = QDate(year, month, day).toJulianDay() - 2440588; // 1970-01-01
    return ((days * 24 + hour) * 60 + minute) * 60000 + qint64(second) * 1000 + ms;
}

qint64 qtTimeMs(const QString &text)
{
    const QDateTime parsed = QDateTime::fromString(text, Qt::ISODateWithMs);
    return parsed.isValid() ? parsed.toMSecsSinceEpoch() : 0;
}

} // namespace

qint64 SignInAggregate::graphTimeMs(QStringView text)
{
    if (const std::optional<qint64> ms = commonGraphTimeMs(text))
        return *ms;
    return qtTimeMs(text.toString());
}

qint64 SignInAggregate::graphTimeMs(QByteArrayView utf8)
{
    if (const std::optional<qint64> ms = commonGraphTimeMs(utf8))
        return *ms;
    return qtTimeMs(QString::fromUtf8(utf8));
}

SignInAggregate::Record SignInAggregate::Record::fromJson(const QJsonObject &record)
{
    Record out;
    out.userId = QUuid::fromString(record.value(QLatin1String("userId")).toString());
    out.userPrincipalName = record.value(QLatin1String("userPrincipalName")).toString();
    out.createdMs = graphTimeMs(record.value(QLatin1String("createdDateTime")).toString());
    const QJsonObject status = record.value(QLatin1String("status")).toObject();
    const QJsonValue code = status.value(QLatin1String("errorCode"));
    out.success = status.contains(QLatin1String("errorCode")) && code.toInt(-1) == 0;
    out.errorCode = code.toInt();
    out.failureReason = status.value(QLatin1String("failureReason")).toString();
    out.ipAddress = record.value(QLatin1String("ipAddress")).toString();
    return out;
}

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
    // Most records carry an id the aggregate has seen: the name is folded only when it is needed.
    if (!id.isNull()) {
        if (const auto found = m_byId.constFind(id); found != m_byId.constEnd())
            return m_users[size_t(*found)];
    }
    const QString folded = userPrincipalName.toCaseFolded();
    if (!folded.isEmpty()) {
        if (const auto found = m_byName.constFind(folded); found != m_byName.constEnd()) {
            UserSignIns &named = m_users[size_t(*found)];
            if (id.isNull())
                return named;
            if (named.userId.isNull()) { // seen by name only until now: the same user
                named.userId = id;
                m_byId.insert(id, *found);
                return named;
            }
        }
    }
    const qsizetype index = qsizetype(m_users.size());
    m_users.push_back(UserSignIns{});
    m_users.back().userId = id;
    if (!id.isNull())
        m_byId.insert(id, index);
    if (!folded.isEmpty() && !m_byName.contains(folded))
        m_byName.insert(folded, index);
    return m_users.back();
}

void SignInAggregate::addPage(const QJsonArray &records)
{
    ++m_pages;
    for (const QJsonValue &value : records)
        addRecord(value.toObject());
}

void SignInAggregate::addPage(const std::vector<Record> &records)
{
    ++m_pages;
    for (const Record &record : records)
        addRecord(record);
}

void SignInAggregate::addRecord(const QJsonObject &record)
{
    addRecord(Record::fromJson(record));
}

void SignInAggregate::addRecord(const Record &record)
{
    ++m_records;
    if (record.userId.isNull() && record.userPrincipalName.isEmpty()) {
        ++m_recordsWithoutUser;
        return;
    }
    UserSignIns &user = userFor(record.userId, record.userPrincipalName);
    const qint64 whenMs = record.createdMs;
    if (record.success)
        ++user.successes;
    else
        ++user.failures;
    if (whenMs > 0) {
        if (m_oldestMs == 0 || whenMs < m_oldestMs)
            m_oldestMs = whenMs;
        m_newestMs = std::max(m_newestMs, whenMs);
    }
    if (whenMs >= user.lastMs) {
        user.lastMs = whenMs;
        if (!record.userPrincipalName.isEmpty())
            user.userPrincipalName = record.userPrincipalName;
    }
    if (!record.success && (user.lastFailureMs == 0 || whenMs >= user.lastFailureMs)) {
        user.lastFailureMs = whenMs;
        user.lastErrorCode = record.errorCode;
        user.lastFailureReason = record.failureReason;
    }
    if (record.ipAddress.isEmpty())
        return;
    for (ClientAddress &address : user.addresses) {
        if (address.count == 0) {
            address.ip = record.ipAddress;
            address.count = 1;
            return;
        }
        if (address.ip == record.ipAddress) {
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
    // Hash nodes: key + value + bookkeeping, about 48 bytes each in Qt 6; the folded names besides.
    bytes += (m_byId.size() + m_byName.size()) * 48;
    for (auto it = m_byName.keyBegin(); it != m_byName.keyEnd(); ++it)
        bytes += it->capacity() * 2;
    return bytes;
}

} // namespace smtpauth
