// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// SqliteStatement: the journal's insert path. Both bindings (the SQLite C API on the QSQLITE handle, and
// QSqlQuery) must store exactly what QSqlQuery stores, take part in the connection's transaction, and
// report SQLite's refusals by name.
#include "models/sqlitestatement.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace smtpauth;

namespace {

struct StoredValue
{
    QString type; // SQLite's typeof()
    QString text;
    bool operator==(const StoredValue &other) const { return type == other.type && text == other.text; }
};

QList<StoredValue> storedRow(const QSqlDatabase &db, qint64 id)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT typeof(number), number, typeof(word), word, typeof(note), note "
                                 "FROM samples WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec() || !query.next())
        return {};
    QList<StoredValue> row;
    for (int column = 0; column < 6; column += 2)
        row.append({query.value(column).toString(), query.value(column + 1).toString()});
    return row;
}

const QString kInsert = QStringLiteral("INSERT INTO samples (id, number, word, note) VALUES (?, ?, ?, ?)");

} // namespace

class TestSqliteStatement : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_directory;
    QSqlDatabase m_db;
    int m_nextConnection = 0;

    QList<SqliteStatement::Binding> bindings() const
    {
        return {SqliteStatement::Binding::Native, SqliteStatement::Binding::QtSql};
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_directory.isValid());
        const QString name = QStringLiteral("statement-test-%1").arg(++m_nextConnection);
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        m_db.setDatabaseName(m_directory.filePath(name + QStringLiteral(".sqlite")));
        QVERIFY(m_db.open());
        QSqlQuery create(m_db);
        QVERIFY2(create.exec(QStringLiteral("CREATE TABLE samples (id INTEGER PRIMARY KEY, number INTEGER, "
                                            "word TEXT NOT NULL, note TEXT)")),
                 qPrintable(create.lastError().text()));
    }

    void cleanup()
    {
        const QString name = m_db.connectionName();
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
    }

    void nativeBindingIsUsedWhereTheBuildAllowsIt()
    {
        SqliteStatement statement(m_db, kInsert);
        QVERIFY2(statement.isValid(), qPrintable(statement.errorText()));
        QCOMPARE(statement.binding(), SqliteStatement::nativeAvailable() ? SqliteStatement::Binding::Native
                                                                         : SqliteStatement::Binding::QtSql);
        SqliteStatement qtSql(m_db, kInsert, SqliteStatement::Binding::QtSql);
        QCOMPARE(qtSql.binding(), SqliteStatement::Binding::QtSql);
    }

    void bothBindingsStoreWhatQSqlQueryStores()
    {
        // The reference row, written the way the journal wrote rows before: QSqlQuery with QVariants.
        const QString word = QStringLiteral("Ærøskøbing ✓ 𝄞 \"quoted\" 'single'");
        QSqlQuery reference(m_db);
        reference.prepare(kInsert);
        reference.addBindValue(qint64(1));
        reference.addBindValue(qint64(-9007199254740993LL));
        reference.addBindValue(word);
        reference.addBindValue(QVariant());
        QVERIFY2(reference.exec(), qPrintable(reference.lastError().text()));
        QSqlQuery emptyReference(m_db);
        emptyReference.prepare(kInsert);
        emptyReference.addBindValue(qint64(2));
        emptyReference.addBindValue(qint64(0));
        emptyReference.addBindValue(QStringLiteral(""));
        emptyReference.addBindValue(QStringLiteral("12"));
        QVERIFY2(emptyReference.exec(), qPrintable(emptyReference.lastError().text()));

        qint64 id = 10;
        for (const SqliteStatement::Binding binding : bindings()) {
            SqliteStatement statement(m_db, kInsert, binding);
            QVERIFY2(statement.isValid(), qPrintable(statement.errorText()));
            const QByteArray utf8 = word.toUtf8();
            statement.bindInteger(0, ++id);
            statement.bindInteger(1, -9007199254740993LL);
            statement.bindText(2, utf8);
            statement.bindNull(3);
            QVERIFY2(statement.execute(), qPrintable(statement.errorText()));
            QCOMPARE(storedRow(m_db, id), storedRow(m_db, 1));

            // An empty text is '' (the journal's NOT NULL DEFAULT '' columns), a digit text stays text.
            statement.bindInteger(0, ++id);
            statement.bindInteger(1, 0);
            statement.bindText(2, QByteArrayView());
            statement.bindText(3, "12");
            QVERIFY2(statement.execute(), qPrintable(statement.errorText()));
            QCOMPARE(storedRow(m_db, id), storedRow(m_db, 2));
        }
        const QList<StoredValue> first = storedRow(m_db, 1);
        QCOMPARE(first.size(), 3);
        QCOMPARE(first.at(0).type, QStringLiteral("integer"));
        QCOMPARE(first.at(1), (StoredValue{QStringLiteral("text"), word}));
        QCOMPARE(first.at(2).type, QStringLiteral("null"));
        QCOMPARE(storedRow(m_db, 2).at(1), (StoredValue{QStringLiteral("text"), QString()}));
        QCOMPARE(storedRow(m_db, 2).at(2), (StoredValue{QStringLiteral("text"), QStringLiteral("12")}));
    }

    void aRefusedRowIsReportedAndTheNextRowStillGoesIn()
    {
        qint64 id = 100;
        for (const SqliteStatement::Binding binding : bindings()) {
            SqliteStatement statement(m_db, kInsert, binding);
            QVERIFY(statement.isValid());
            statement.bindInteger(0, ++id);
            statement.bindInteger(1, 1);
            statement.bindNull(2); // word is NOT NULL
            statement.bindNull(3);
            QVERIFY(!statement.execute());
            QVERIFY2(statement.errorText().contains(QStringLiteral("NOT NULL"), Qt::CaseInsensitive),
                     qPrintable(statement.errorText()));
            QVERIFY2(statement.errorText().contains(QStringLiteral("samples.word")),
                     qPrintable(statement.errorText()));
            QVERIFY(storedRow(m_db, id).isEmpty());

            statement.bindInteger(0, id);
            statement.bindInteger(1, 2);
            statement.bindText(2, "after the refusal");
            statement.bindNull(3);
            QVERIFY2(statement.execute(), qPrintable(statement.errorText()));
            QCOMPARE(storedRow(m_db, id).at(1).text, QStringLiteral("after the refusal"));

            // The same primary key again: refused by name, nothing overwritten.
            statement.bindInteger(0, id);
            statement.bindInteger(1, 3);
            statement.bindText(2, "duplicate");
            statement.bindNull(3);
            QVERIFY(!statement.execute());
            QVERIFY2(statement.errorText().contains(QStringLiteral("UNIQUE"), Qt::CaseInsensitive),
                     qPrintable(statement.errorText()));
            QCOMPARE(storedRow(m_db, id).at(1).text, QStringLiteral("after the refusal"));
        }
    }

    void rowsBelongToTheConnectionsTransaction()
    {
        for (const SqliteStatement::Binding binding : bindings()) {
            QVERIFY(m_db.transaction());
            {
                SqliteStatement statement(m_db, kInsert, binding);
                for (qint64 id = 200; id < 205; ++id) {
                    statement.bindInteger(0, id);
                    statement.bindInteger(1, id);
                    statement.bindText(2, "rolled back");
                    statement.bindNull(3);
                    QVERIFY2(statement.execute(), qPrintable(statement.errorText()));
                }
                QVERIFY(!storedRow(m_db, 204).isEmpty()); // visible inside the transaction
            }
            QVERIFY(m_db.rollback());
            QVERIFY(storedRow(m_db, 200).isEmpty());
            QVERIFY(storedRow(m_db, 204).isEmpty());

            QVERIFY(m_db.transaction());
            {
                SqliteStatement statement(m_db, kInsert, binding);
                statement.bindInteger(0, 210);
                statement.bindInteger(1, 1);
                statement.bindText(2, "committed");
                statement.bindNull(3);
                QVERIFY(statement.execute());
                // Committed while the statement still exists: a reset statement holds nothing open.
                QVERIFY2(m_db.commit(), qPrintable(m_db.lastError().text()));
            }
            QCOMPARE(storedRow(m_db, 210).at(1).text, QStringLiteral("committed"));
            QSqlQuery remove(m_db);
            QVERIFY(remove.exec(QStringLiteral("DELETE FROM samples WHERE id = 210")));
        }
    }

    void badStatementsAndConnectionsAreNotUsable()
    {
        for (const SqliteStatement::Binding binding : bindings()) {
            SqliteStatement misspelt(m_db, QStringLiteral("INSERT INTO no_such_table (x) VALUES (?)"),
                                     binding);
            QVERIFY(!misspelt.isValid());
            QVERIFY2(misspelt.errorText().contains(QStringLiteral("no_such_table")),
                     qPrintable(misspelt.errorText()));
            misspelt.bindInteger(0, 1);
            QVERIFY(!misspelt.execute());

            QSqlDatabase closed =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("never-opened"));
            {
                SqliteStatement statement(closed, kInsert, binding);
                QVERIFY(!statement.isValid());
                QVERIFY(!statement.errorText().isEmpty());
            }
            closed = QSqlDatabase();
            QSqlDatabase::removeDatabase(QStringLiteral("never-opened"));
        }
    }
};

QTEST_GUILESS_MAIN(TestSqliteStatement)
#include "test_sqlitestatement.moc"
