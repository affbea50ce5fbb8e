// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/sqlitestatement.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QVariant>

#ifdef SMTPAUTH_NATIVE_SQLITE
#include <sqlite3.h>
#endif

namespace smtpauth {

namespace {
#ifdef SMTPAUTH_NATIVE_SQLITE
sqlite3 *nativeConnection(const QSqlDatabase &db)
{
    if (!db.isOpen() || !db.driver() || db.driverName() != QLatin1String("QSQLITE"))
        return nullptr;
    const QVariant handle = db.driver()->handle();
    // The QSQLITE driver hands out its connection as a QVariant of type "sqlite3*".
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}
#endif
} // namespace

bool SqliteStatement::nativeAvailable()
{
#ifdef SMTPAUTH_NATIVE_SQLITE
    return true;
#else
    return false;
#endif
}

SqliteStatement::SqliteStatement(const QSqlDatabase &db, const QString &sql, Binding binding)
{
    if (!db.isOpen()) {
        m_error = QStringLiteral("the database is not open");
        return;
    }
#ifdef SMTPAUTH_NATIVE_SQLITE
    if (binding == Binding::Native) {
        m_connection = nativeConnection(db);
        if (!m_connection) {
            m_error = QStringLiteral("not an open SQLite connection");
            return;
        }
        m_native = true;
        const QByteArray utf8 = sql.toUtf8();
        sqlite3_stmt *statement = nullptr;
        if (sqlite3_prepare_v2(m_connection, utf8.constData(), int(utf8.size()), &statement, nullptr) !=
            SQLITE_OK) {
            m_error = QString::fromUtf8(sqlite3_errmsg(m_connection));
            sqlite3_finalize(statement);
            return;
        }
        m_statement = statement;
        m_valid = true;
        return;
    }
#else
    Q_UNUSED(binding);
#endif
    m_query.emplace(db);
    m_valid = m_query->prepare(sql);
    if (!m_valid)
        m_error = m_query->lastError().text();
}

SqliteStatement::~SqliteStatement()
{
#ifdef SMTPAUTH_NATIVE_SQLITE
    sqlite3_finalize(m_statement);
#endif
}

void SqliteStatement::noteBindResult(int result)
{
#ifdef SMTPAUTH_NATIVE_SQLITE
    if (result != SQLITE_OK && m_bindError.isEmpty())
        m_bindError = QString::fromUtf8(sqlite3_errmsg(m_connection));
#else
    Q_UNUSED(result);
#endif
}

void SqliteStatement::bindNull(int parameter)
{
    if (!m_valid)
        return;
#ifdef SMTPAUTH_NATIVE_SQLITE
    if (m_native) {
        noteBindResult(sqlite3_bind_null(m_statement, parameter + 1));
        return;
    }
#endif
    m_query->bindValue(parameter, QVariant());
}

void SqliteStatement::bindInteger(int parameter, qint64 value)
{
    if (!m_valid)
        return;
#ifdef SMTPAUTH_NATIVE_SQLITE
    if (m_native) {
        noteBindResult(sqlite3_bind_int64(m_statement, parameter + 1, value));
        return;
    }
#endif
    m_query->bindValue(parameter, value);
}

void SqliteStatement::bindText(int parameter, QByteArrayView utf8)
{
    if (!m_valid)
        return;
#ifdef SMTPAUTH_NATIVE_SQLITE
    if (m_native) {
        // A null data pointer would bind NULL: an empty text is bound from a non-null empty string.
        const char *data = utf8.isEmpty() ? "" : utf8.data();
        noteBindResult(sqlite3_bind_text64(m_statement, parameter + 1, data, sqlite3_uint64(utf8.size()),
                                           SQLITE_TRANSIENT, SQLITE_UTF8));
        return;
    }
#endif
    // QString::fromUtf8 of an empty view is empty but not null, so it binds '' too.
    m_query->bindValue(parameter, utf8.isEmpty() ? QStringLiteral("") : QString::fromUtf8(utf8));
}

bool SqliteStatement::execute()
{
    if (!m_valid)
        return false;
#ifdef SMTPAUTH_NATIVE_SQLITE
    if (m_native) {
        bool ok = m_bindError.isEmpty(); // a failed binding is reported, not run with a missing value
        if (!ok) {
            m_error = m_bindError;
        } else {
            const int result = sqlite3_step(m_statement);
            if (result != SQLITE_DONE && result != SQLITE_ROW) {
                ok = false;
                m_error = QString::fromUtf8(sqlite3_errmsg(m_connection));
            }
        }
        m_bindError.clear();
        sqlite3_reset(m_statement);
        sqlite3_clear_bindings(m_statement);
        return ok;
    }
#endif
    if (!m_query->exec()) {
        m_error = m_query->lastError().text();
        return false;
    }
    return true;
}

} // namespace smtpauth
