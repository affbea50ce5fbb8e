#pragma once

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QString>
#include <QUuid>
#include <array>
#include <vector>

namespace smtpauth {

// Basic SMTP AUTH sign-ins (graph-protocol.md §5) summed up per user as the pages arrive: a busy tenant
// has millions of records, and memory must grow with the users, not with the records. Per user: the
// successes, the failures (with the last error code and reason), the latest sign-in and the client IPs
// seen most (the first few distinct ones are counted exactly; later new ones only as "others").
class SignInAggregate
{
public:
    static constexpr int kTrackedAddresses = 4;

    struct ClientAddress
    {
        QString ip;
        quint32 count = 0;
    };
    struct UserSignIns
    {
        QUuid userId;
        QString userPrincipalName; // the latest seen
        quint32 successes = 0;
        quint32 failures = 0;
        qint64 lastMs = 0; // latest sign-in, ms since the epoch UTC; 0 = none
        qint64 lastFailureMs = 0;
        qint32 lastErrorCode = 0; // of the latest failure
        QString lastFailureReason;
        std::array<ClientAddress, kTrackedAddresses> addresses;
        quint32 otherAddresses = 0; // sign-ins from addresses beyond the tracked ones
        // Up to `count` addresses, most sign-ins first.
        QList<ClientAddress> topAddresses(int count) const;
    };

    // Adds one page's `value` array. Records without user id or name are counted apart.
    void addPage(const QJsonArray &records);
    void addRecord(const QJsonObject &record);

    const std::vector<UserSignIns> &users() const { return m_users; }
    qsizetype recordCount() const { return m_records; }
    qsizetype recordsWithoutUser() const { return m_recordsWithoutUser; }
    int pageCount() const { return m_pages; }
    QDateTime oldest() const; // the earliest createdDateTime seen; null when none
    QDateTime newest() const;
    // Heap bytes held, for the memory benchmark (approximate: strings by their size).
    qsizetype memoryUsage() const;

private:
    UserSignIns &userFor(const QUuid &id, const QString &userPrincipalName);

    std::vector<UserSignIns> m_users;
    QHash<QUuid, qsizetype> m_byId;
    QHash<QString, qsizetype> m_byName; // case-folded UPN, for records without a user id
    qsizetype m_records = 0;
    qsizetype m_recordsWithoutUser = 0;
    int m_pages = 0;
    qint64 m_oldestMs = 0;
    qint64 m_newestMs = 0;
};

} // namespace smtpauth
