// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QString>
#include <QStringView>
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

    // What the aggregate reads of one sign-in record, whichever reader saw it (the one-pass page reader
    // of app/engine or the QJsonDocument parse through fromJson), so one mapping decides.
    struct Record
    {
        QUuid userId;              // null when absent or not a GUID
        QString userPrincipalName; // empty when absent
        qint64 createdMs = 0;      // createdDateTime; 0 when absent or unreadable
        bool success = false;      // status.errorCode is 0; no status is not evidence of success
        qint32 errorCode = 0;      // status.errorCode when it is a whole number, else 0
        QString failureReason;
        QString ipAddress;

        static Record fromJson(const QJsonObject &record);
    };

    // Adds one page's `value` array. Records without user id or name are counted apart.
    void addPage(const QJsonArray &records);
    void addPage(const std::vector<Record> &records);
    void addRecord(const QJsonObject &record);
    void addRecord(const Record &record);

    // createdDateTime as Graph writes it ("2026-11-30T19:15:41.6195833Z") in ms since the epoch UTC: the
    // value of QDateTime::fromString(text, Qt::ISODateWithMs) (0 when that is invalid), without its
    // cost per record.
    static qint64 graphTimeMs(QStringView text);
    static qint64 graphTimeMs(QByteArrayView utf8);

    const std::vector<UserSignIns> &users() const { return m_users; }
    qsizetype recordCount() const { return m_records; }
    qsizetype recordsWithoutUser() const { return m_recordsWithoutUser; }
    int pageCount() const { return m_pages; }
    QDateTime oldest() const; // the earliest createdDateTime seen; null when none
    QDateTime newest() const;
    // Heap bytes held, for the memory benchmark (approximate: strings by their size).
    qsizetype memoryUsage() const;

private:
    // The entry of this user: by id; a record without an id by its name, case-insensitively; and a user
    // first seen without an id (by name) takes the id when a record brings both, so one user is one
    // entry. (Two ids with one name, a user deleted and created again, stay two entries; a record
    // without an id then counts for the first of them.)
    UserSignIns &userFor(const QUuid &id, const QString &userPrincipalName);

    std::vector<UserSignIns> m_users;
    QHash<QUuid, qsizetype> m_byId;
    QHash<QString, qsizetype> m_byName; // case-folded UPN of every entry that has one
    qsizetype m_records = 0;
    qsizetype m_recordsWithoutUser = 0;
    int m_pages = 0;
    qint64 m_oldestMs = 0;
    qint64 m_newestMs = 0;
};

} // namespace smtpauth
