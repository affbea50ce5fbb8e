// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/sqltransaction.h"

#include <QSqlError>
#include <QSqlQuery>

namespace smtpauth {

SqlTransaction::SqlTransaction(const QSqlDatabase &db) : m_db(db)
{
    m_active = run(QStringLiteral("BEGIN IMMEDIATE"));
}

SqlTransaction::~SqlTransaction()
{
    if (m_active)
        rollback();
}

bool SqlTransaction::run(const QString &statement)
{
    QSqlQuery query(m_db);
    if (!query.exec(statement)) {
        m_error = query.lastError().text();
        return false;
    }
    return true;
}

bool SqlTransaction::commit()
{
    if (!m_active) {
        if (m_error.isEmpty())
            m_error = QStringLiteral("no active transaction");
        return false;
    }
    if (!run(QStringLiteral("COMMIT"))) {
        // A failed COMMIT (e.g. disk full) leaves the transaction open; roll it back so that the
        // connection is usable again and nothing half-written survives.
        const QString commitError = m_error;
        rollback();
        m_error = commitError;
        return false;
    }
    m_active = false;
    return true;
}

void SqlTransaction::rollback()
{
    if (!m_active)
        return;
    run(QStringLiteral("ROLLBACK"));
    m_active = false;
}

} // namespace smtpauth
