// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QSqlDatabase>
#include <QString>

namespace smtpauth {

// One SQLite write transaction that rolls back unless commit() succeeded, so an early return or a failed
// statement in the middle of a multi-row write can never leave half of it behind.
//
// It starts with BEGIN IMMEDIATE: the write lock is taken up front, so a second process writing the same
// journal waits (busy timeout) at the start instead of failing on the first INSERT after it has read the
// chain head, which would otherwise race.
class SqlTransaction
{
public:
    explicit SqlTransaction(const QSqlDatabase &db);
    ~SqlTransaction();

    SqlTransaction(const SqlTransaction &) = delete;
    SqlTransaction &operator=(const SqlTransaction &) = delete;

    // False when BEGIN failed; errorText() says why.
    bool isActive() const { return m_active; }
    bool commit();
    void rollback();
    QString errorText() const { return m_error; }

private:
    bool run(const QString &statement);

    QSqlDatabase m_db;
    bool m_active = false;
    QString m_error;
};

} // namespace smtpauth
