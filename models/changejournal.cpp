// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/changejournal.h"

#include "models/smtpauthpolicy.h"
#include "models/sqlitestatement.h"
#include "models/sqltransaction.h"

#include <QAtomicInteger>
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <cmath>
#include <memory>
#include <vector>

namespace smtpauth {

namespace {

Q_LOGGING_CATEGORY(lcJournal, "smtpauth.journal")

// The columns that make up each table's canonical serialisation, in their fixed order. `seq` and `hash`
// are handled separately (seq is serialised first, hash is the output). Changing an existing list
// invalidates every hash already written: add new columns only, and only with an empty default.
struct TableSpec
{
    TableSpec(QString tableName, QStringList columnNames)
        : name(std::move(tableName)), columns(std::move(columnNames))
    {
        for (const QString &column : std::as_const(columns))
            utf8Columns.append(column.toUtf8());
    }
    QString name;
    QStringList columns;
    QList<QByteArray> utf8Columns; // the same names, encoded once for the canonical serialisation
};

const TableSpec &batchesSpec()
{
    static const TableSpec spec{QStringLiteral("batches"),
                                {QStringLiteral("id"), QStringLiteral("created_utc"),
                                 QStringLiteral("operator_upn"), QStringLiteral("tenant_id"),
                                 QStringLiteral("reason"), QStringLiteral("ticket"), QStringLiteral("kind"),
                                 QStringLiteral("undo_of_batch"), QStringLiteral("undo_of_change")}};
    return spec;
}

const TableSpec &changesSpec()
{
    static const TableSpec spec{
        QStringLiteral("changes"),
        {QStringLiteral("id"), QStringLiteral("batch_id"), QStringLiteral("target_kind"),
         QStringLiteral("target_guid"), QStringLiteral("target_address"),
         QStringLiteral("target_display_name"), QStringLiteral("before_value"), QStringLiteral("after_value"),
         QStringLiteral("created_utc"), QStringLiteral("reason"), QStringLiteral("ticket")}};
    return spec;
}

const TableSpec &eventsSpec()
{
    static const TableSpec spec{QStringLiteral("change_events"),
                                {QStringLiteral("id"), QStringLiteral("change_id"), QStringLiteral("state"),
                                 QStringLiteral("server_message"), QStringLiteral("client_request_id"),
                                 QStringLiteral("created_utc")}};
    return spec;
}

QByteArray genesisHash()
{
    return QByteArray(32, '\0');
}

void appendField(QByteArray &out, QByteArrayView name, QByteArrayView utf8)
{
    if (utf8.isEmpty())
        return;
    out.append(name);
    out.append('=');
    out.append(QByteArray::number(utf8.size()));
    out.append(':');
    out.append(utf8);
    out.append('\n');
}

QByteArray canonicalUtf8(const QVariant &value)
{
    if (value.isNull())
        return QByteArray();
    // Integers (ids, sequence numbers) are the bulk of the columns: skip the detour through QString.
    if (value.typeId() == QMetaType::LongLong)
        return QByteArray::number(value.toLongLong());
    if (value.typeId() == QMetaType::Int)
        return QByteArray::number(value.toInt());
    return value.toString().toUtf8();
}

// Length-prefixed, so no value can imitate a field boundary (a display name containing "\nreason=..."
// serialises differently from a real reason column). Byte for byte what format 1 describes: changing
// the output breaks every hash already written. utf8Values: canonicalUtf8() of each column, in order.
QByteArray canonicalRowOf(const TableSpec &spec, qint64 sequence, const QList<QByteArray> &utf8Values)
{
    QByteArray out;
    out.reserve(320);
    appendField(out, "table", spec.name.toUtf8());
    appendField(out, "seq", QByteArray::number(sequence));
    for (qsizetype i = 0; i < spec.columns.size(); ++i)
        appendField(out, spec.utf8Columns.at(i), utf8Values.value(i));
    return out;
}

QByteArray canonicalRow(const TableSpec &spec, qint64 sequence, const QVariantList &values)
{
    QList<QByteArray> utf8Values;
    utf8Values.reserve(values.size());
    for (const QVariant &value : values)
        utf8Values.append(canonicalUtf8(value));
    return canonicalRowOf(spec, sequence, utf8Values);
}

QByteArray chainHash(const QByteArray &previousHash, const QByteArray &canonical)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(previousHash);
    hash.addData(canonical);
    return hash.result();
}

QVariant nullIfZero(qint64 value)
{
    return value == 0 ? QVariant() : QVariant(value);
}

QVariant textValue(const QString &value)
{
    // Columns are NOT NULL DEFAULT '': bind an empty string, never a null QString (which binds NULL).
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
}

// Rows written in one transaction share their timestamp text: a result of 10,000 rows parses a handful
// of distinct texts (created and updated times alternate, hence a few remembered, not just the last).
class TimeParser
{
public:
    QDateTime operator()(const QVariant &value)
    {
        const QString text = value.toString();
        const auto known = m_parsed.constFind(text);
        if (known != m_parsed.constEnd())
            return *known;
        if (m_parsed.size() >= 64)
            m_parsed.clear();
        QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (time.isValid())
            time = time.toUTC();
        m_parsed.insert(text, time);
        return time;
    }

private:
    QHash<QString, QDateTime> m_parsed;
};

QDateTime parseTime(const QVariant &value)
{
    QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return time.isValid() ? time.toUTC() : time;
}

QString timeText(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QString guidText(const QUuid &guid)
{
    return guid.isNull() ? QStringLiteral("") : guid.toString(QUuid::WithoutBraces);
}

// Inserts rows of one table and extends the chain; the statement is prepared once per write call so that
// 10,000 events cost one prepare, not 10,000. Each value is encoded once, for the hash and for the
// binding (SqliteStatement: a journal row through QSqlQuery costs a third more, see its comment).
class RowAppender
{
public:
    RowAppender(const QSqlDatabase &db, const TableSpec &spec)
        : m_spec(spec), m_statement(db, insertSql(spec))
    {
        m_utf8Values.reserve(spec.columns.size());
    }

    // values: one per spec column, in order; a qint64 or int binds an integer, a null QVariant or null
    // QString binds NULL, anything else its text (what QSqlQuery with the QSQLITE driver binds for them).
    bool append(qint64 *headSequence, QByteArray *headHash, const QVariantList &values, QString *error)
    {
        if (!m_statement.isValid()) {
            *error = m_statement.errorText();
            return false;
        }
        // A value for each column, or the hash would cover other columns than the row stores.
        Q_ASSERT(values.size() == m_spec.columns.size());
        const qint64 sequence = *headSequence + 1;
        m_utf8Values.clear();
        for (const QVariant &value : values)
            m_utf8Values.append(canonicalUtf8(value));
        const QByteArray hash = chainHash(*headHash, canonicalRowOf(m_spec, sequence, m_utf8Values));
        m_statement.bindInteger(0, sequence);
        m_statement.bindText(1, hash.toHex());
        for (qsizetype i = 0; i < values.size(); ++i) {
            const QVariant &value = values.at(i);
            const int parameter = int(i) + 2;
            if (!value.isValid() || (value.typeId() == QMetaType::QString && value.toString().isNull()))
                m_statement.bindNull(parameter);
            else if (value.typeId() == QMetaType::LongLong || value.typeId() == QMetaType::Int)
                m_statement.bindInteger(parameter, value.toLongLong());
            else
                m_statement.bindText(parameter, m_utf8Values.at(i));
        }
        if (!m_statement.execute()) {
            *error = m_spec.name + QStringLiteral(": ") + m_statement.errorText();
            return false;
        }
        *headSequence = sequence;
        *headHash = hash;
        return true;
    }

private:
    static QString insertSql(const TableSpec &spec)
    {
        QStringList placeholders;
        for (qsizetype i = 0; i < spec.columns.size() + 2; ++i)
            placeholders.append(QStringLiteral("?"));
        return QStringLiteral("INSERT INTO ") + spec.name + QStringLiteral(" (seq, hash, ") +
               spec.columns.join(QStringLiteral(", ")) + QStringLiteral(") VALUES (") +
               placeholders.join(QStringLiteral(", ")) + QStringLiteral(")");
    }

    const TableSpec &m_spec;
    SqliteStatement m_statement;
    QList<QByteArray> m_utf8Values;
};

// Ordered migrations: step N brings the schema from version N-1 to N. Never edit a released step; add one.
QList<QStringList> migrationSteps()
{
    const QString zeros = QString(64, QLatin1Char('0'));
    QStringList v1{
        QStringLiteral("CREATE TABLE journal_head (singleton INTEGER PRIMARY KEY CHECK (singleton = 1),"
                       " last_seq INTEGER NOT NULL, last_hash TEXT NOT NULL)"),
        QStringLiteral("INSERT INTO journal_head (singleton, last_seq, last_hash) VALUES (1, 0, '") + zeros +
            QStringLiteral("')"),
        QStringLiteral(
            "CREATE TABLE batches (id INTEGER PRIMARY KEY,"
            " seq INTEGER NOT NULL UNIQUE CHECK (typeof(seq) = 'integer'),"
            " created_utc TEXT NOT NULL, operator_upn TEXT NOT NULL DEFAULT '',"
            " tenant_id TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL DEFAULT '', kind TEXT NOT NULL,"
            " undo_of_batch INTEGER REFERENCES batches(id), undo_of_change INTEGER REFERENCES changes(id),"
            " hash TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE changes (id INTEGER PRIMARY KEY,"
                       " seq INTEGER NOT NULL UNIQUE CHECK (typeof(seq) = 'integer'),"
                       " batch_id INTEGER NOT NULL REFERENCES batches(id), target_kind TEXT NOT NULL,"
                       " target_guid TEXT NOT NULL DEFAULT '', target_address TEXT NOT NULL DEFAULT '',"
                       " target_display_name TEXT NOT NULL DEFAULT '', before_value TEXT NOT NULL,"
                       " after_value TEXT NOT NULL, created_utc TEXT NOT NULL, hash TEXT NOT NULL)"),
        QStringLiteral("CREATE TABLE change_events (id INTEGER PRIMARY KEY,"
                       " seq INTEGER NOT NULL UNIQUE CHECK (typeof(seq) = 'integer'),"
                       " change_id INTEGER NOT NULL REFERENCES changes(id), state TEXT NOT NULL,"
                       " server_message TEXT NOT NULL DEFAULT '', client_request_id TEXT NOT NULL DEFAULT '',"
                       " created_utc TEXT NOT NULL, hash TEXT NOT NULL)"),
        QStringLiteral("CREATE INDEX changes_by_batch ON changes (batch_id)"),
        QStringLiteral("CREATE INDEX changes_by_target ON changes (target_guid)"),
        QStringLiteral("CREATE INDEX changes_by_time ON changes (created_utc)"),
        QStringLiteral("CREATE INDEX change_events_by_change ON change_events (change_id, seq)"),
    };
    QStringList v2{
        // The ticket number became a column of its own (it used to be typed into the reason).
        QStringLiteral("ALTER TABLE batches ADD COLUMN ticket TEXT NOT NULL DEFAULT ''"),
    };
    // Append-only, enforced by the database too: a bug in this program cannot rewrite history. (Someone
    // with sqlite3 can drop these triggers; verify() is what catches that.)
    for (const QString &table :
         {QStringLiteral("batches"), QStringLiteral("changes"), QStringLiteral("change_events")}) {
        for (const QString &operation : {QStringLiteral("UPDATE"), QStringLiteral("DELETE")}) {
            v2.append(QStringLiteral("CREATE TRIGGER ") + table + QLatin1Char('_') + operation.toLower() +
                      QStringLiteral("_forbidden BEFORE ") + operation + QStringLiteral(" ON ") + table +
                      QStringLiteral(" BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END"));
        }
    }
    const QStringList v3{
        // A CSV import is one batch whose rows each carry their own reason and ticket.
        QStringLiteral("ALTER TABLE changes ADD COLUMN reason TEXT NOT NULL DEFAULT ''"),
        QStringLiteral("ALTER TABLE changes ADD COLUMN ticket TEXT NOT NULL DEFAULT ''"),
    };
    return {v1, v2, v3};
}

const QString changeSelect = QStringLiteral(
    "SELECT c.id, c.batch_id, c.target_kind, c.target_guid, c.target_address, c.target_display_name,"
    " c.before_value, c.after_value, c.created_utc, e.state, e.server_message, e.client_request_id, "
    "e.created_utc,"
    " b.id, b.created_utc, b.operator_upn, b.tenant_id, b.reason, b.ticket, b.kind, b.undo_of_batch, "
    "b.undo_of_change, c.reason, c.ticket"
    " FROM changes c"
    " JOIN change_events e ON e.seq = (SELECT MAX(x.seq) FROM change_events x WHERE x.change_id = c.id)"
    " JOIN batches b ON b.id = c.batch_id");

const QString batchColumns = QStringLiteral(
    "id, created_utc, operator_upn, tenant_id, reason, ticket, kind, undo_of_batch, undo_of_change");

BatchRecord batchFromQuery(const QSqlQuery &query, int first, TimeParser &times)
{
    BatchRecord batch;
    batch.id = query.value(first).toLongLong();
    batch.createdUtc = times(query.value(first + 1));
    batch.operatorUpn = query.value(first + 2).toString();
    batch.tenantId = query.value(first + 3).toString();
    batch.reason = query.value(first + 4).toString();
    batch.ticket = query.value(first + 5).toString();
    batchKindFromName(query.value(first + 6).toString(), &batch.kind);
    batch.undoOfBatch = query.value(first + 7).toLongLong();
    batch.undoOfChange = query.value(first + 8).toLongLong();
    return batch;
}

// Columns 0-12, the same in both selects: the change and its latest event.
void readChangeColumns(const QSqlQuery &query, TimeParser &times, ChangeRecord &change)
{
    change.id = query.value(0).toLongLong();
    change.batchId = query.value(1).toLongLong();
    changeTargetKindFromName(query.value(2).toString(), &change.targetKind);
    change.targetGuid = QUuid::fromString(query.value(3).toString());
    change.targetAddress = query.value(4).toString();
    change.targetDisplayName = query.value(5).toString();
    change.before = query.value(6).toString();
    change.after = query.value(7).toString();
    change.createdUtc = times(query.value(8));
    changeStateFromName(query.value(9).toString(), &change.state);
    change.serverMessage = query.value(10).toString();
    change.clientRequestId = query.value(11).toString();
    change.updatedUtc = times(query.value(12));
}

HistoryEntry entryFromQuery(const QSqlQuery &query, TimeParser &times, TimeParser &batchTimes)
{
    HistoryEntry entry;
    ChangeRecord &change = entry.change;
    readChangeColumns(query, times, change);
    entry.batch = batchFromQuery(query, 13, batchTimes);
    change.reason = query.value(22).toString();
    change.ticket = query.value(23).toString();
    return entry;
}

// What queryChanges() needs: the change and its latest event, without the batch's columns (a report of
// a 10,000-change batch converts every column of every row).
const QString changeOnlySelect = QStringLiteral(
    "SELECT c.id, c.batch_id, c.target_kind, c.target_guid, c.target_address, c.target_display_name,"
    " c.before_value, c.after_value, c.created_utc, e.state, e.server_message, e.client_request_id,"
    " e.created_utc, c.reason, c.ticket"
    " FROM changes c"
    " JOIN change_events e ON e.seq = (SELECT MAX(x.seq) FROM change_events x WHERE x.change_id = c.id)");

ChangeRecord changeFromQuery(const QSqlQuery &query, TimeParser &times)
{
    ChangeRecord change;
    readChangeColumns(query, times, change);
    change.reason = query.value(13).toString();
    change.ticket = query.value(14).toString();
    return change;
}

QAtomicInteger<quint64> connectionCounter;

} // namespace

ChangeJournal::ChangeJournal(Clock clock) : m_clock(std::move(clock))
{
    if (!m_clock)
        m_clock = [] { return QDateTime::currentDateTimeUtc(); };
    m_connectionName =
        QStringLiteral("smtpauth-journal-") + QString::number(connectionCounter.fetchAndAddRelaxed(1));
}

ChangeJournal::~ChangeJournal()
{
    close();
}

void ChangeJournal::close()
{
    if (!m_db.isValid())
        return;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
    m_path.clear();
}

bool ChangeJournal::isOpen() const
{
    return m_db.isValid() && m_db.isOpen();
}

bool ChangeJournal::fail(const QString &message, QString *error) const
{
    m_lastError = message;
    if (error)
        *error = message;
    qCWarning(lcJournal).noquote() << message;
    return false;
}

QString ChangeJournal::nowText() const
{
    return timeText(m_clock());
}

bool ChangeJournal::open(const QString &path, QString *error)
{
    close();
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return fail(QStringLiteral("cannot create the directory of the journal %1").arg(path), error);
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QSQLITE")))
        return fail(QStringLiteral("the Qt SQLite driver (libqt6sql6-sqlite) is not installed"), error);
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(info.absoluteFilePath());
    // Another process (CLI next to the console) may hold the write lock for a moment: wait, don't fail.
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!m_db.open()) {
        const QString message =
            QStringLiteral("cannot open the journal %1: %2").arg(path, m_db.lastError().text());
        close();
        return fail(message, error);
    }
    m_path = info.absoluteFilePath();
    if (!configureConnection(error) || !migrate(error)) {
        close();
        return false;
    }
    return true;
}

bool ChangeJournal::configureConnection(QString *error)
{
    QSqlQuery query(m_db);
    // WAL: readers never block the writer; synchronous=FULL: a committed change survives power loss,
    // which is the whole point of writing intent before sending.
    if (!query.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !query.next() ||
        query.value(0).toString().compare(QStringLiteral("wal"), Qt::CaseInsensitive) != 0) {
        return fail(QStringLiteral("cannot switch the journal %1 to WAL mode: %2")
                        .arg(m_path, query.lastError().text()),
                    error);
    }
    for (const QString &pragma :
         {QStringLiteral("PRAGMA synchronous=FULL"), QStringLiteral("PRAGMA foreign_keys=ON")}) {
        if (!query.exec(pragma))
            return fail(QStringLiteral("cannot configure the journal %1 (%2): %3")
                            .arg(m_path, pragma, query.lastError().text()),
                        error);
    }
    // The file may not be a database at all: the first real read tells.
    if (!query.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")))
        return fail(QStringLiteral("%1 is not a usable journal: %2").arg(m_path, query.lastError().text()),
                    error);
    return true;
}

int ChangeJournal::schemaVersion() const
{
    if (!isOpen())
        return 0;
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT MAX(version) FROM schema_version")) || !query.next())
        return 0;
    return query.value(0).toInt();
}

bool ChangeJournal::migrate(QString *error)
{
    const QList<QStringList> steps = migrationSteps();
    Q_ASSERT(steps.size() == CurrentSchemaVersion);

    SqlTransaction transaction(m_db);
    if (!transaction.isActive())
        return fail(
            QStringLiteral("cannot start a transaction on %1: %2").arg(m_path, transaction.errorText()),
            error);
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version"
                                   " (version INTEGER PRIMARY KEY, applied_utc TEXT NOT NULL)")))
        return fail(
            QStringLiteral("cannot read the schema version of %1: %2").arg(m_path, query.lastError().text()),
            error);
    const int found = schemaVersion();
    if (found > CurrentSchemaVersion) {
        return fail(QStringLiteral("the journal %1 has schema version %2, newer than this program knows (%3)")
                        .arg(m_path)
                        .arg(found)
                        .arg(CurrentSchemaVersion),
                    error);
    }
    if (found == CurrentSchemaVersion)
        return true; // the transaction only read; its rollback is harmless
    const QString appliedUtc = nowText();
    for (int version = found + 1; version <= CurrentSchemaVersion; ++version) {
        for (const QString &statement : steps.at(version - 1)) {
            if (!query.exec(statement)) {
                return fail(QStringLiteral("migration of %1 to schema version %2 failed: %3")
                                .arg(m_path)
                                .arg(version)
                                .arg(query.lastError().text()),
                            error);
            }
        }
        query.prepare(QStringLiteral("INSERT INTO schema_version (version, applied_utc) VALUES (?, ?)"));
        query.addBindValue(version);
        query.addBindValue(appliedUtc);
        if (!query.exec())
            return fail(QStringLiteral("cannot record schema version %1: %2")
                            .arg(version)
                            .arg(query.lastError().text()),
                        error);
    }
    if (!transaction.commit())
        return fail(
            QStringLiteral("cannot commit the migration of %1: %2").arg(m_path, transaction.errorText()),
            error);
    if (found > 0)
        qCInfo(lcJournal) << "journal migrated from schema version" << found << "to" << CurrentSchemaVersion;
    return true;
}

bool ChangeJournal::readHead(Head *head, QString *error) const
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("SELECT last_seq, last_hash FROM journal_head WHERE singleton = 1")))
        return fail(QStringLiteral("cannot read the journal head: %1").arg(query.lastError().text()), error);
    if (!query.next())
        return fail(QStringLiteral("the journal head is missing"), error);
    head->sequence = query.value(0).toLongLong();
    head->hash = QByteArray::fromHex(query.value(1).toString().toLatin1());
    return true;
}

bool ChangeJournal::writeHead(const Head &head, QString *error)
{
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("UPDATE journal_head SET last_seq = ?, last_hash = ? WHERE singleton = 1"));
    query.addBindValue(head.sequence);
    query.addBindValue(QString::fromLatin1(head.hash.toHex()));
    if (!query.exec() || query.numRowsAffected() != 1)
        return fail(QStringLiteral("cannot update the journal head: %1").arg(query.lastError().text()),
                    error);
    return true;
}

namespace {
qint64 nextId(const QSqlDatabase &db, const QString &table)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT COALESCE(MAX(id), 0) + 1 FROM ") + table) || !query.next())
        return 0;
    return query.value(0).toLongLong();
}

bool exists(const QSqlDatabase &db, const QString &table, qint64 id)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT 1 FROM ") + table + QStringLiteral(" WHERE id = ?"));
    query.addBindValue(id);
    return query.exec() && query.next();
}
} // namespace

qint64 ChangeJournal::beginBatch(const BatchRecord &batch, QString *error)
{
    if (!isOpen()) {
        fail(QStringLiteral("the journal is not open"), error);
        return 0;
    }
    SqlTransaction transaction(m_db);
    if (!transaction.isActive()) {
        fail(QStringLiteral("cannot start a transaction: %1").arg(transaction.errorText()), error);
        return 0;
    }
    if (batch.undoOfBatch != 0 && !exists(m_db, QStringLiteral("batches"), batch.undoOfBatch)) {
        fail(
            QStringLiteral("the batch to undo, %1, is not in the journal").arg(batchLabel(batch.undoOfBatch)),
            error);
        return 0;
    }
    if (batch.undoOfChange != 0 && !exists(m_db, QStringLiteral("changes"), batch.undoOfChange)) {
        fail(QStringLiteral("the change to undo, %1, is not in the journal")
                 .arg(changeLabel(batch.undoOfChange)),
             error);
        return 0;
    }
    Head head;
    if (!readHead(&head, error))
        return 0;
    const qint64 id = nextId(m_db, batchesSpec().name);
    if (id <= 0) {
        fail(QStringLiteral("cannot allocate a batch id"), error);
        return 0;
    }
    RowAppender appender(m_db, batchesSpec());
    QString message;
    const QVariantList values{id,
                              nowText(),
                              textValue(batch.operatorUpn),
                              textValue(batch.tenantId),
                              textValue(batch.reason),
                              textValue(batch.ticket),
                              machineName(batch.kind),
                              nullIfZero(batch.undoOfBatch),
                              nullIfZero(batch.undoOfChange)};
    if (!appender.append(&head.sequence, &head.hash, values, &message)) {
        fail(QStringLiteral("cannot write the batch: %1").arg(message), error);
        return 0;
    }
    if (!writeHead(head, error))
        return 0;
    if (!transaction.commit()) {
        fail(QStringLiteral("cannot commit the batch: %1").arg(transaction.errorText()), error);
        return 0;
    }
    return id;
}

namespace {

// The before/after words of intended changes, checked and in their canonical spelling.
struct NormalisedValues
{
    QString before, after;
};

bool normaliseIntended(const QList<ChangeRecord> &changes, QList<NormalisedValues> *normalised,
                       QString *error)
{
    auto refuse = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    normalised->clear();
    normalised->reserve(changes.size());
    for (qsizetype i = 0; i < changes.size(); ++i) {
        const ChangeRecord &change = changes.at(i);
        NormalisedValues values;
        if (change.targetKind == ChangeTargetKind::Mailbox) {
            Override before = Override::Inherit, after = Override::Inherit;
            if (change.targetGuid.isNull())
                return refuse(
                    QStringLiteral("change %1 of the list: a mailbox change needs the mailbox's Guid")
                        .arg(i + 1));
            if (!overrideFromName(change.before, &before) || !overrideFromName(change.after, &after))
                return refuse(
                    QStringLiteral("change %1 of the list: before/after must be inherit, enabled or disabled")
                        .arg(i + 1));
            values.before = machineName(before);
            values.after = machineName(after);
        } else {
            OrgSetting before = OrgSetting::Enabled, after = OrgSetting::Enabled;
            if (!orgSettingFromName(change.before, &before) || !orgSettingFromName(change.after, &after))
                return refuse(
                    QStringLiteral("change %1 of the list: the org setting must be enabled or disabled")
                        .arg(i + 1));
            values.before = machineName(before);
            values.after = machineName(after);
        }
        normalised->append(values);
    }
    return true;
}

} // namespace

bool ChangeJournal::checkIntendedChanges(const QList<ChangeRecord> &changes, QString *error)
{
    QList<NormalisedValues> normalised;
    return normaliseIntended(changes, &normalised, error);
}

QList<qint64> ChangeJournal::addIntendedChanges(qint64 batchId, const QList<ChangeRecord> &changes,
                                                QString *error)
{
    if (error)
        error->clear();
    if (!isOpen()) {
        fail(QStringLiteral("the journal is not open"), error);
        return {};
    }
    if (changes.isEmpty())
        return {};

    // Validate everything before writing anything, so that a bad row is reported by its position.
    QList<NormalisedValues> normalised;
    QString refusal;
    if (!normaliseIntended(changes, &normalised, &refusal)) {
        fail(refusal, error);
        return {};
    }

    SqlTransaction transaction(m_db);
    if (!transaction.isActive()) {
        fail(QStringLiteral("cannot start a transaction: %1").arg(transaction.errorText()), error);
        return {};
    }
    if (!exists(m_db, batchesSpec().name, batchId)) {
        fail(QStringLiteral("the batch %1 is not in the journal").arg(batchLabel(batchId)), error);
        return {};
    }
    Head head;
    if (!readHead(&head, error))
        return {};
    qint64 changeId = nextId(m_db, changesSpec().name);
    qint64 eventId = nextId(m_db, eventsSpec().name);
    if (changeId <= 0 || eventId <= 0) {
        fail(QStringLiteral("cannot allocate change ids"), error);
        return {};
    }

    const QString now = nowText();
    RowAppender changeAppender(m_db, changesSpec());
    RowAppender eventAppender(m_db, eventsSpec());
    QList<qint64> ids;
    ids.reserve(changes.size());
    QString message;
    for (qsizetype i = 0; i < changes.size(); ++i) {
        const ChangeRecord &change = changes.at(i);
        const bool isOrg = change.targetKind == ChangeTargetKind::Org;
        const QVariantList changeValues{changeId,
                                        batchId,
                                        machineName(change.targetKind),
                                        isOrg ? QStringLiteral("") : guidText(change.targetGuid),
                                        textValue(change.targetAddress),
                                        textValue(change.targetDisplayName),
                                        normalised.at(i).before,
                                        normalised.at(i).after,
                                        now,
                                        textValue(change.reason),
                                        textValue(change.ticket)};
        const QVariantList eventValues{eventId,
                                       changeId,
                                       machineName(ChangeState::Intended),
                                       textValue(change.serverMessage),
                                       textValue(change.clientRequestId),
                                       now};
        if (!changeAppender.append(&head.sequence, &head.hash, changeValues, &message) ||
            !eventAppender.append(&head.sequence, &head.hash, eventValues, &message)) {
            {
                fail(QStringLiteral("cannot write the intended changes: %1").arg(message), error);
                return {};
            }
        }
        ids.append(changeId);
        ++changeId;
        ++eventId;
    }
    if (!writeHead(head, error))
        return {};
    if (!transaction.commit()) {
        fail(QStringLiteral("cannot commit the intended changes: %1").arg(transaction.errorText()), error);
        return {};
    }
    return ids;
}

bool ChangeJournal::recordOutcomes(const QList<ChangeOutcome> &outcomes, QString *error)
{
    if (!isOpen())
        return fail(QStringLiteral("the journal is not open"), error);
    if (outcomes.isEmpty())
        return true;
    for (const ChangeOutcome &outcome : outcomes) {
        if (outcome.state == ChangeState::Intended)
            return fail(QStringLiteral("%1: intended is written by addIntendedChanges, not as an outcome")
                            .arg(changeLabel(outcome.changeId)),
                        error);
    }
    SqlTransaction transaction(m_db);
    if (!transaction.isActive())
        return fail(QStringLiteral("cannot start a transaction: %1").arg(transaction.errorText()), error);
    Head head;
    if (!readHead(&head, error))
        return false;
    qint64 eventId = nextId(m_db, eventsSpec().name);
    if (eventId <= 0)
        return fail(QStringLiteral("cannot allocate event ids"), error);
    const QString now = nowText();
    RowAppender appender(m_db, eventsSpec());
    QString message;
    for (const ChangeOutcome &outcome : outcomes) {
        const QVariantList values{eventId,
                                  outcome.changeId,
                                  machineName(outcome.state),
                                  textValue(outcome.serverMessage),
                                  textValue(outcome.clientRequestId),
                                  now};
        // The foreign key rejects an unknown change id; the guard then rolls back every event of the
        // call.
        if (!appender.append(&head.sequence, &head.hash, values, &message))
            return fail(QStringLiteral("cannot record the outcome of %1: %2")
                            .arg(changeLabel(outcome.changeId), message),
                        error);
        ++eventId;
    }
    if (!writeHead(head, error))
        return false;
    if (!transaction.commit())
        return fail(QStringLiteral("cannot commit the outcomes: %1").arg(transaction.errorText()), error);
    return true;
}

QList<ChangeRecord> ChangeJournal::queryChanges(const QString &where, const QVariantList &values,
                                                const QString &tail) const
{
    QList<ChangeRecord> result;
    if (!isOpen())
        return result;
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    QString sql = changeOnlySelect;
    if (!where.isEmpty())
        sql += QStringLiteral(" WHERE ") + where;
    sql += tail.isEmpty() ? QStringLiteral(" ORDER BY c.id") : QString(QLatin1Char(' ') + tail);
    query.prepare(sql);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec()) {
        fail(QStringLiteral("cannot read changes: %1").arg(query.lastError().text()), nullptr);
        return result;
    }
    TimeParser times;
    while (query.next())
        result.append(changeFromQuery(query, times));
    return result;
}

std::optional<ChangeRecord> ChangeJournal::change(qint64 id) const
{
    const QList<ChangeRecord> found = queryChanges(QStringLiteral("c.id = ?"), {id});
    if (found.isEmpty())
        return std::nullopt;
    return found.first();
}

std::optional<BatchRecord> ChangeJournal::batch(qint64 id) const
{
    if (!isOpen())
        return std::nullopt;
    QSqlQuery query(m_db);
    query.prepare(QStringLiteral("SELECT ") + batchColumns + QStringLiteral(" FROM batches WHERE id = ?"));
    query.addBindValue(id);
    if (!query.exec()) {
        fail(QStringLiteral("cannot read batch %1: %2").arg(batchLabel(id), query.lastError().text()),
             nullptr);
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    TimeParser times;
    return batchFromQuery(query, 0, times);
}

QList<ChangeRecord> ChangeJournal::changesOfBatch(qint64 batchId) const
{
    return queryChanges(QStringLiteral("c.batch_id = ?"), {batchId});
}

QList<ChangeRecord> ChangeJournal::unfinishedChanges() const
{
    return queryChanges(QStringLiteral("e.state IN (?, ?)"),
                        {machineName(ChangeState::Intended), machineName(ChangeState::Sent)});
}

std::optional<ChangeRecord> ChangeJournal::lastAppliedChangeFor(const QUuid &target) const
{
    const QString where = target.isNull() ? QStringLiteral("c.target_kind = ? AND e.state = ?")
                                          : QStringLiteral("c.target_guid = ? AND e.state = ?");
    const QString key = target.isNull() ? machineName(ChangeTargetKind::Org) : guidText(target);
    const QList<ChangeRecord> found = queryChanges(where, {key, machineName(ChangeState::Applied)},
                                                   QStringLiteral("ORDER BY c.id DESC LIMIT 1"));
    if (found.isEmpty())
        return std::nullopt;
    return found.first();
}

QList<HistoryEntry> ChangeJournal::history(const HistoryFilter &filter) const
{
    QList<HistoryEntry> result;
    if (!isOpen())
        return result;
    // Time and outcome are selective and indexed, so SQL does them; address and operator are compared
    // in C++ because SQLite's NOCASE only folds ASCII and both can contain other letters.
    QStringList conditions;
    QVariantList values;
    if (filter.since.isValid()) {
        conditions.append(QStringLiteral("c.created_utc >= ?"));
        values.append(timeText(filter.since));
    }
    if (filter.until.isValid()) {
        conditions.append(QStringLiteral("c.created_utc <= ?"));
        values.append(timeText(filter.until));
    }
    if (filter.outcome) {
        conditions.append(QStringLiteral("e.state = ?"));
        values.append(machineName(*filter.outcome));
    }
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    QString sql = changeSelect;
    if (!conditions.isEmpty())
        sql += QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY c.id");
    query.prepare(sql);
    for (const QVariant &value : std::as_const(values))
        query.addBindValue(value);
    if (!query.exec()) {
        fail(QStringLiteral("cannot read the history: %1").arg(query.lastError().text()), nullptr);
        return result;
    }
    const QString mailbox = filter.mailbox.trimmed();
    const QUuid mailboxGuid = QUuid::fromString(mailbox);
    const QString operatorUpn = filter.operatorUpn.trimmed();
    TimeParser times;
    TimeParser batchTimes;
    while (query.next()) {
        HistoryEntry entry = entryFromQuery(query, times, batchTimes);
        if (!mailbox.isEmpty()) {
            const bool byGuid = !mailboxGuid.isNull() && entry.change.targetGuid == mailboxGuid;
            const bool byAddress = entry.change.targetAddress.compare(mailbox, Qt::CaseInsensitive) == 0;
            if (!byGuid && !byAddress)
                continue;
        }
        if (!operatorUpn.isEmpty() && entry.batch.operatorUpn.compare(operatorUpn, Qt::CaseInsensitive) != 0)
            continue;
        result.append(std::move(entry));
    }
    if (filter.limit > 0 && result.size() > filter.limit)
        result.remove(0, result.size() - filter.limit);
    return result;
}

QList<ChangeEvent> ChangeJournal::eventsOf(qint64 changeId) const
{
    QList<ChangeEvent> result;
    if (!isOpen())
        return result;
    QSqlQuery query(m_db);
    query.prepare(
        QStringLiteral("SELECT seq, change_id, state, server_message, client_request_id, created_utc"
                       " FROM change_events WHERE change_id = ? ORDER BY seq"));
    query.addBindValue(changeId);
    if (!query.exec()) {
        fail(QStringLiteral("cannot read the trail of %1: %2")
                 .arg(changeLabel(changeId), query.lastError().text()),
             nullptr);
        return result;
    }
    while (query.next()) {
        ChangeEvent event;
        event.sequence = query.value(0).toLongLong();
        event.changeId = query.value(1).toLongLong();
        changeStateFromName(query.value(2).toString(), &event.state);
        event.serverMessage = query.value(3).toString();
        event.clientRequestId = query.value(4).toString();
        event.timeUtc = parseTime(query.value(5));
        result.append(event);
    }
    return result;
}

namespace {

struct ChainRow
{
    const TableSpec *spec = nullptr;
    qint64 sequence = 0;
    bool integerSequence = true;
    QString sequenceText;
    QByteArray storedHash;
    QByteArray canonical;
    QString description; // "change C12", "event of change C12", "batch B3"
};

// Reads one table in sequence order; the verifier merges the three streams into the journal's order.
class TableCursor
{
public:
    TableCursor(const QSqlDatabase &db, const TableSpec &spec) : m_spec(spec), m_query(db)
    {
        m_query.setForwardOnly(true);
        m_ok = m_query.exec(QStringLiteral("SELECT seq, typeof(seq), hash, ") +
                            spec.columns.join(QStringLiteral(", ")) + QStringLiteral(" FROM ") + spec.name +
                            QStringLiteral(" ORDER BY seq"));
        advance();
    }

    bool ok() const { return m_ok; }
    QString errorText() const { return m_query.lastError().text(); }
    bool hasRow() const { return m_hasRow; }
    const ChainRow &row() const { return m_row; }

    void advance()
    {
        m_hasRow = m_ok && m_query.next();
        if (!m_hasRow)
            return;
        m_row = ChainRow();
        m_row.spec = &m_spec;
        m_row.sequenceText = m_query.value(0).toString();
        m_row.integerSequence = m_query.value(1).toString() == QStringLiteral("integer");
        // A forged row squeezed between two others can only get a fractional sequence number; floor keeps
        // it next to its neighbours in the walk so that it is reported where it sits.
        m_row.sequence = m_row.integerSequence ? m_query.value(0).toLongLong()
                                               : qint64(std::floor(m_query.value(0).toDouble()));
        m_row.storedHash = QByteArray::fromHex(m_query.value(2).toString().toLatin1());
        QVariantList values;
        for (qsizetype i = 0; i < m_spec.columns.size(); ++i)
            values.append(m_query.value(int(i) + 3));
        m_row.canonical = canonicalRow(m_spec, m_row.sequence, values);
        const qint64 id = values.value(0).toLongLong();
        if (&m_spec == &batchesSpec())
            m_row.description = QStringLiteral("batch ") + batchLabel(id);
        else if (&m_spec == &changesSpec())
            m_row.description = QStringLiteral("change ") + changeLabel(id);
        else
            m_row.description =
                QStringLiteral("event of change ") + changeLabel(values.value(1).toLongLong());
    }

private:
    const TableSpec &m_spec;
    QSqlQuery m_query;
    bool m_ok = false;
    bool m_hasRow = false;
    ChainRow m_row;
};

class MergedRows
{
public:
    explicit MergedRows(const QSqlDatabase &db)
    {
        for (const TableSpec *spec : {&batchesSpec(), &changesSpec(), &eventsSpec()})
            m_cursors.push_back(std::make_unique<TableCursor>(db, *spec));
    }

    QString errorText() const
    {
        for (const auto &cursor : m_cursors) {
            if (!cursor->ok())
                return cursor->errorText();
        }
        return QString();
    }

    // Takes the row with the lowest sequence number; false at the end.
    bool take(ChainRow *row)
    {
        TableCursor *lowest = nullptr;
        for (const auto &cursor : m_cursors) {
            if (cursor->hasRow() && (!lowest || cursor->row().sequence < lowest->row().sequence))
                lowest = cursor.get();
        }
        if (!lowest)
            return false;
        *row = lowest->row();
        lowest->advance();
        return true;
    }

private:
    std::vector<std::unique_ptr<TableCursor>> m_cursors;
};

QString rowName(const ChainRow &row)
{
    return QStringLiteral("row %1 (%2)").arg(row.sequenceText, row.description);
}

} // namespace

VerifyResult ChangeJournal::verify() const
{
    VerifyResult result;
    auto problem = [&result](qint64 sequence, const QString &text) {
        result.ok = false;
        result.firstBadSequence = sequence;
        result.firstProblem = text;
        qCWarning(lcJournal).noquote() << "journal verification failed:" << text;
        return result;
    };
    if (!isOpen())
        return problem(0, QStringLiteral("the journal is not open"));
    // A read transaction: with WAL, the head and the walk see one consistent snapshot even if a writer
    // commits meanwhile.
    QSqlQuery(m_db).exec(QStringLiteral("BEGIN"));
    struct EndSnapshot
    {
        QSqlDatabase db;
        ~EndSnapshot() { QSqlQuery(db).exec(QStringLiteral("COMMIT")); }
    } endSnapshot{m_db};
    Head head;
    QString headError;
    const bool haveHead = readHead(&head, &headError);

    MergedRows rows(m_db);
    if (const QString error = rows.errorText(); !error.isEmpty())
        return problem(0, QStringLiteral("cannot read the journal: %1").arg(error));

    QByteArray previousHash = genesisHash();
    qint64 expected = 1;
    ChainRow current;
    ChainRow next;
    bool haveCurrent = rows.take(&current);
    bool haveNext = haveCurrent && rows.take(&next);
    while (haveCurrent) {
        if (!current.integerSequence)
            return problem(current.sequence,
                           rowName(current) +
                               QStringLiteral(": inserted (its sequence number is not an integer)"));
        if (haveNext && next.sequence == current.sequence) {
            if (!next.integerSequence)
                return problem(next.sequence,
                               rowName(next) + QStringLiteral(": inserted (its sequence number is not "
                                                              "an integer)"));
            // Two rows claim the same place in the chain: the one that does not chain is the intruder.
            const bool currentChains = chainHash(previousHash, current.canonical) == current.storedHash;
            const ChainRow &intruder = currentChains ? next : current;
            const ChainRow &other = currentChains ? current : next;
            return problem(
                intruder.sequence,
                rowName(intruder) +
                    QStringLiteral(": inserted (sequence number also used by %1)").arg(other.description));
        }
        if (current.sequence < expected) // only possible with a duplicate handled above, kept for safety
            return problem(current.sequence,
                           rowName(current) + QStringLiteral(": inserted (sequence number out of order)"));
        if (current.sequence > expected)
            return problem(
                expected,
                QStringLiteral("row %1 missing (sequence gap after %2)").arg(expected).arg(expected - 1));
        if (haveHead && current.sequence > head.sequence)
            return problem(
                current.sequence,
                rowName(current) +
                    QStringLiteral(": inserted after the journal's recorded last row %1").arg(head.sequence));
        if (chainHash(previousHash, current.canonical) != current.storedHash) {
            // Was this row's stored hash the genuine one? Then the next row (or the head) still chains
            // from it, and what changed is the content.
            const bool storedHashIsGenuine =
                haveNext ? chainHash(current.storedHash, next.canonical) == next.storedHash
                         : (haveHead && head.sequence == current.sequence && head.hash == current.storedHash);
            if (storedHashIsGenuine) {
                // What the chain cannot tell apart is named as well, so nobody is misled into blaming the
                // wrong row.
                QString text = rowName(current) + QStringLiteral(": content altered");
                if (!haveNext)
                    text += QStringLiteral(" (or the row was forged and the journal head moved to match it)");
                else if (current.sequence > 1)
                    text += QStringLiteral(" (or row %1 was altered and its hash recomputed)")
                                .arg(current.sequence - 1);
                return problem(current.sequence, text);
            }
            return problem(current.sequence,
                           rowName(current) + QStringLiteral(": inserted or replaced (hash does not chain)"));
        }
        previousHash = current.storedHash;
        ++result.rowsChecked;
        ++expected;
        current = next;
        haveCurrent = haveNext;
        haveNext = haveCurrent && rows.take(&next);
    }
    if (!haveHead)
        return problem(0, QStringLiteral("%1 (rows checked: %2)").arg(headError).arg(result.rowsChecked));
    const qint64 last = expected - 1;
    if (head.sequence > last) {
        return problem(
            last + 1,
            QStringLiteral("row %1 missing (the journal ends at row %2 but its head records row %3)")
                .arg(last + 1)
                .arg(last)
                .arg(head.sequence));
    }
    if (head.hash != previousHash)
        return problem(last, QStringLiteral("the journal head does not match row %1").arg(last));
    result.ok = true;
    return result;
}

} // namespace smtpauth
