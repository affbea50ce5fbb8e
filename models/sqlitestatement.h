// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QByteArrayView>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <optional>

struct sqlite3;
struct sqlite3_stmt;

namespace smtpauth {

// One prepared write statement on a QSQLITE connection, run once per row inside that connection's
// transaction: the journal's insert path.
//
// Why not just QSqlQuery: its positional binding builds a placeholder string and a hash entry for every
// bound value (Qt 6.4), about a third of the cost of a journal row. Where the QSQLITE driver links the
// same shared libsqlite3 as this library (checked when the project is configured: Debian and most
// distributions), the row goes through the SQLite C API on the driver's own handle instead, bound from
// the integers and UTF-8 texts the caller already has. Elsewhere (Qt's own builds carry a private SQLite
// inside the plugin, which must not be mixed with another copy) it goes through QSqlQuery. Both bind the
// same: an integer column gets an integer, a text the same text ('' stays ''), NULL stays NULL.
class SqliteStatement
{
public:
    enum class Binding
    {
        Native,
        QtSql
    };
    // Native when this build may use the SQLite C API on a QSQLITE connection.
    static bool nativeAvailable();

    // Not valid (errorText() says why) when db is not an open QSQLITE connection or the SQL is refused.
    // Binding::Native falls back to QtSql where it is not available.
    SqliteStatement(const QSqlDatabase &db, const QString &sql, Binding binding = Binding::Native);
    ~SqliteStatement();

    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    bool isValid() const { return m_valid; }
    Binding binding() const { return m_native ? Binding::Native : Binding::QtSql; }
    QString errorText() const { return m_error; }

    // Parameters are numbered from 0, in the order of the statement's placeholders.
    void bindNull(int parameter);
    void bindInteger(int parameter, qint64 value);
    void bindText(int parameter, QByteArrayView utf8); // an empty view binds '' (not NULL)

    // Runs the statement once (a write: no rows expected) and makes it ready for the next bindings.
    // False with errorText() set when SQLite refused it (a constraint, a full disk, ...).
    bool execute();

private:
    void noteBindResult(int result);

    bool m_valid = false;
    bool m_native = false;
    sqlite3 *m_connection = nullptr;
    sqlite3_stmt *m_statement = nullptr;
    std::optional<QSqlQuery> m_query; // the QtSql binding only
    QString m_error;                  // of the last failure
    QString m_bindError;              // a binding of the current row failed: execute() refuses it
};

} // namespace smtpauth
