#include "snapshotstore.h"

#include "sqltransaction.h"

#include <QAtomicInteger>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace smtpauth {

namespace {
QAtomicInteger<quint64> snapshotConnections;

// Rows are inserted in chunks of this many per statement: one prepared INSERT per mailbox costs more in
// statement overhead than the data itself at 100k rows.
constexpr int kRowsPerInsert = 200;

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}
} // namespace

SnapshotStore::SnapshotStore(QString path)
    : m_path(std::move(path)),
      m_connectionName(QStringLiteral("smtpauth-snapshot-") + QString::number(snapshotConnections.fetchAndAddRelaxed(1)))
{
}

SnapshotStore::~SnapshotStore()
{
    if (QSqlDatabase::contains(m_connectionName)) {
        QSqlDatabase::database(m_connectionName, false).close();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool SnapshotStore::openDatabase(QString *error) const
{
    QSqlDatabase db = QSqlDatabase::contains(m_connectionName)
                          ? QSqlDatabase::database(m_connectionName, false)
                          : QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    if (db.isOpen())
        return true;
    db.setDatabaseName(m_path);
    if (!db.open())
        return fail(error, QStringLiteral("cannot open %1: %2").arg(m_path, db.lastError().text()));
    QSqlQuery query(db);
    const QStringList setup{
        QStringLiteral("PRAGMA journal_mode=WAL"),
        QStringLiteral("PRAGMA synchronous=NORMAL"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS snapshot_meta (singleton INTEGER PRIMARY KEY CHECK (singleton = 1),"
                       " tenant_id TEXT NOT NULL, org_disabled INTEGER NOT NULL, saved_utc TEXT NOT NULL,"
                       " mailbox_count INTEGER NOT NULL)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS snapshot_mailboxes (row INTEGER PRIMARY KEY, guid BLOB NOT NULL,"
                       " external_id BLOB, display_name TEXT NOT NULL, address TEXT NOT NULL, alias TEXT NOT NULL,"
                       " override INTEGER NOT NULL)"),
    };
    for (const QString &statement : setup) {
        if (!query.exec(statement))
            return fail(error, QStringLiteral("cannot prepare %1: %2").arg(m_path, query.lastError().text()));
    }
    return true;
}

bool SnapshotStore::save(const MailboxStore &mailboxes, OrgSetting org, const QString &tenantId,
                         const QDateTime &savedUtc, QString *error)
{
    if (!openDatabase(error))
        return false;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    SqlTransaction transaction(db);
    if (!transaction.isActive())
        return fail(error, QStringLiteral("cannot start a transaction: %1").arg(transaction.errorText()));
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("DELETE FROM snapshot_mailboxes")) || !query.exec(QStringLiteral("DELETE FROM snapshot_meta")))
        return fail(error, query.lastError().text());

    auto prepareInsert = [&db](int rows) {
        QString sql = QStringLiteral("INSERT INTO snapshot_mailboxes VALUES ");
        for (int i = 0; i < rows; ++i)
            sql += i == 0 ? QStringLiteral("(?,?,?,?,?,?,?)") : QStringLiteral(",(?,?,?,?,?,?,?)");
        QSqlQuery insert(db);
        insert.prepare(sql);
        return insert;
    };
    QSqlQuery fullChunk = prepareInsert(kRowsPerInsert);
    const int total = mailboxes.size();
    for (int first = 0; first < total; first += kRowsPerInsert) {
        const int rows = std::min(kRowsPerInsert, total - first);
        QSqlQuery partialChunk;
        QSqlQuery &insert = rows == kRowsPerInsert ? fullChunk : (partialChunk = prepareInsert(rows));
        int position = 0;
        for (int row = first; row < first + rows; ++row) {
            const QUuid external = mailboxes.externalDirectoryObjectId(row);
            insert.bindValue(position++, row);
            insert.bindValue(position++, mailboxes.guid(row).toRfc4122());
            insert.bindValue(position++, external.isNull() ? QVariant() : QVariant(external.toRfc4122()));
            insert.bindValue(position++, mailboxes.displayName(row).toString());
            insert.bindValue(position++, mailboxes.primarySmtpAddress(row).toString());
            insert.bindValue(position++, mailboxes.alias(row).toString());
            insert.bindValue(position++, int(mailboxes.smtpAuthOverride(row)));
        }
        if (!insert.exec())
            return fail(error, QStringLiteral("cannot save the snapshot: %1").arg(insert.lastError().text()));
    }
    query.prepare(QStringLiteral("INSERT INTO snapshot_meta VALUES (1, ?, ?, ?, ?)"));
    query.addBindValue(tenantId);
    query.addBindValue(org == OrgSetting::Disabled ? 1 : 0);
    query.addBindValue(savedUtc.toUTC().toString(Qt::ISODateWithMs));
    query.addBindValue(total);
    if (!query.exec())
        return fail(error, QStringLiteral("cannot save the snapshot: %1").arg(query.lastError().text()));
    if (!transaction.commit())
        return fail(error, QStringLiteral("cannot commit the snapshot: %1").arg(transaction.errorText()));
    return true;
}

std::optional<SnapshotStore::Snapshot> SnapshotStore::load(const QString &tenantId, QString *error) const
{
    if (!QFile::exists(m_path))
        return std::nullopt;
    if (!openDatabase(error))
        return std::nullopt;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery meta(db);
    if (!meta.exec(QStringLiteral("SELECT tenant_id, org_disabled, saved_utc, mailbox_count FROM snapshot_meta")) ||
        !meta.next())
        return std::nullopt;
    if (meta.value(0).toString() != tenantId)
        return std::nullopt; // another tenant's: a profile was reused for a different tenant
    Snapshot snapshot;
    snapshot.tenantId = tenantId;
    snapshot.org = meta.value(1).toInt() ? OrgSetting::Disabled : OrgSetting::Enabled;
    snapshot.savedUtc = QDateTime::fromString(meta.value(2).toString(), Qt::ISODateWithMs);
    const int expected = meta.value(3).toInt();

    QSqlQuery rows(db);
    rows.setForwardOnly(true);
    if (!rows.exec(QStringLiteral("SELECT guid, external_id, display_name, address, alias, override"
                                  " FROM snapshot_mailboxes ORDER BY row"))) {
        fail(error, rows.lastError().text());
        return std::nullopt;
    }
    snapshot.mailboxes.reserve(expected);
    Mailbox mailbox;
    while (rows.next()) {
        mailbox.guid = QUuid::fromRfc4122(rows.value(0).toByteArray());
        const QByteArray external = rows.value(1).toByteArray();
        mailbox.externalDirectoryObjectId = external.isEmpty() ? QUuid() : QUuid::fromRfc4122(external);
        mailbox.displayName = rows.value(2).toString();
        mailbox.primarySmtpAddress = rows.value(3).toString();
        mailbox.alias = rows.value(4).toString();
        const int value = rows.value(5).toInt();
        mailbox.smtpAuthOverride = value == int(Override::Enabled)    ? Override::Enabled
                                   : value == int(Override::Disabled) ? Override::Disabled
                                                                      : Override::Inherit;
        snapshot.mailboxes.upsert(mailbox);
    }
    if (snapshot.mailboxes.size() != expected) {
        // A torn or edited cache must not pass for the tenant.
        fail(error, QStringLiteral("the snapshot holds %1 mailboxes but says %2").arg(snapshot.mailboxes.size()).arg(expected));
        return std::nullopt;
    }
    return snapshot;
}

bool SnapshotStore::clear(QString *error)
{
    if (!QFile::exists(m_path))
        return true;
    if (!openDatabase(error))
        return false;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(QStringLiteral("DELETE FROM snapshot_mailboxes")) || !query.exec(QStringLiteral("DELETE FROM snapshot_meta")))
        return fail(error, query.lastError().text());
    return true;
}

} // namespace smtpauth
