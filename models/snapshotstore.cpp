// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/snapshotstore.h"

#include "models/sqltransaction.h"

#include <QAtomicInteger>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace smtpauth {

namespace {
QAtomicInteger<quint64> snapshotConnections;

// PRAGMA user_version of the file. 0: the first format (one SQL row per mailbox, no version), read
// for compatibility; 2: the mailbox store's own records and text arenas as three BLOBs, so a start
// reads them in one statement and copies them instead of re-parsing and re-folding every mailbox.
constexpr int kFormatRowPerMailbox = 0;
constexpr int kFormatStoreBlobs = 2;

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

Override overrideFromStored(int value)
{
    return value == int(Override::Enabled)    ? Override::Enabled
           : value == int(Override::Disabled) ? Override::Disabled
                                              : Override::Inherit;
}
} // namespace

SnapshotStore::SnapshotStore(QString path)
    : m_path(std::move(path)), m_connectionName(QStringLiteral("smtpauth-snapshot-") +
                                                QString::number(snapshotConnections.fetchAndAddRelaxed(1)))
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
    for (const QString &statement :
         {QStringLiteral("PRAGMA journal_mode=WAL"), QStringLiteral("PRAGMA synchronous=NORMAL")}) {
        if (!query.exec(statement))
            return fail(error, QStringLiteral("cannot prepare %1: %2").arg(m_path, query.lastError().text()));
    }
    return true;
}

int SnapshotStore::fileFormat(QString *error) const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next()) {
        fail(error, query.lastError().text());
        return -1;
    }
    return query.value(0).toInt();
}

bool SnapshotStore::save(const MailboxStore &mailboxes, OrgSetting org, const QString &tenantId,
                         const QDateTime &savedUtc, QString *error)
{
    if (!openDatabase(error))
        return false;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    const MailboxStore::Serialized parts = mailboxes.serialize();
    SqlTransaction transaction(db);
    if (!transaction.isActive())
        return fail(error, QStringLiteral("cannot start a transaction: %1").arg(transaction.errorText()));
    QSqlQuery query(db);
    // Whatever format the file had, it is replaced as a whole: a cache has nothing worth migrating.
    const QStringList statements{
        QStringLiteral("DROP TABLE IF EXISTS snapshot_mailboxes"),
        QStringLiteral("DROP TABLE IF EXISTS snapshot_store"),
        QStringLiteral("DROP TABLE IF EXISTS snapshot_meta"),
        QStringLiteral("CREATE TABLE snapshot_meta (singleton INTEGER PRIMARY KEY CHECK (singleton = 1),"
                       " tenant_id TEXT NOT NULL, org_disabled INTEGER NOT NULL, saved_utc TEXT NOT NULL,"
                       " mailbox_count INTEGER NOT NULL)"),
        QStringLiteral("CREATE TABLE snapshot_store (singleton INTEGER PRIMARY KEY CHECK (singleton = 1),"
                       " record_format INTEGER NOT NULL, records BLOB NOT NULL, text BLOB NOT NULL,"
                       " search_keys BLOB NOT NULL)"),
        QStringLiteral("PRAGMA user_version = %1").arg(kFormatStoreBlobs),
    };
    for (const QString &statement : statements) {
        if (!query.exec(statement))
            return fail(error, QStringLiteral("cannot save the snapshot: %1").arg(query.lastError().text()));
    }
    query.prepare(QStringLiteral("INSERT INTO snapshot_store VALUES (1, ?, ?, ?, ?)"));
    query.addBindValue(qint64(MailboxStore::serialFormat()));
    query.addBindValue(parts.rows);
    query.addBindValue(parts.text);
    query.addBindValue(parts.keys);
    if (!query.exec())
        return fail(error, QStringLiteral("cannot save the snapshot: %1").arg(query.lastError().text()));
    query.prepare(QStringLiteral("INSERT INTO snapshot_meta VALUES (1, ?, ?, ?, ?)"));
    query.addBindValue(tenantId);
    query.addBindValue(org == OrgSetting::Disabled ? 1 : 0);
    query.addBindValue(savedUtc.toUTC().toString(Qt::ISODateWithMs));
    query.addBindValue(mailboxes.size());
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
    const int format = fileFormat(error);
    if (format != kFormatRowPerMailbox && format != kFormatStoreBlobs) {
        if (format >= 0)
            fail(error,
                 QStringLiteral("it was written by a newer version of the console (format %1); the list is "
                                "read from the server instead")
                     .arg(format));
        return std::nullopt;
    }
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery meta(db);
    // No table (a new file) or no row (cleared) is simply no snapshot.
    if (!meta.exec(
            QStringLiteral("SELECT tenant_id, org_disabled, saved_utc, mailbox_count FROM snapshot_meta")) ||
        !meta.next())
        return std::nullopt;
    if (meta.value(0).toString() != tenantId)
        return std::nullopt; // another tenant's: a profile was reused for a different tenant
    Snapshot snapshot;
    snapshot.tenantId = tenantId;
    snapshot.org = meta.value(1).toInt() ? OrgSetting::Disabled : OrgSetting::Enabled;
    snapshot.savedUtc = QDateTime::fromString(meta.value(2).toString(), Qt::ISODateWithMs);
    const int expected = meta.value(3).toInt();
    meta.finish();

    if (format == kFormatRowPerMailbox) {
        if (!loadRowPerMailbox(db, expected, &snapshot.mailboxes, error))
            return std::nullopt;
    } else {
        QSqlQuery parts(db);
        parts.setForwardOnly(true);
        if (!parts.exec(
                QStringLiteral("SELECT record_format, records, text, search_keys FROM snapshot_store")) ||
            !parts.next()) {
            fail(error, QStringLiteral("the mailbox records are missing"));
            return std::nullopt;
        }
        if (parts.value(0).toLongLong() != qint64(MailboxStore::serialFormat())) {
            fail(error,
                 QStringLiteral("it was written by another version of the console; the list is read from the "
                                "server instead"));
            return std::nullopt;
        }
        QString why;
        std::optional<MailboxStore> store = MailboxStore::deserialize(
            parts.value(1).toByteArray(), parts.value(2).toByteArray(), parts.value(3).toByteArray(), &why);
        if (!store) {
            fail(error, why);
            return std::nullopt;
        }
        snapshot.mailboxes = std::move(*store);
    }
    if (snapshot.mailboxes.size() != expected) {
        // A torn or edited cache must not pass for the tenant.
        fail(error, QStringLiteral("the snapshot holds %1 mailboxes but says %2")
                        .arg(snapshot.mailboxes.size())
                        .arg(expected));
        return std::nullopt;
    }
    return snapshot;
}

bool SnapshotStore::loadRowPerMailbox(QSqlDatabase &db, int expected, MailboxStore *mailboxes,
                                      QString *error) const
{
    QSqlQuery rows(db);
    rows.setForwardOnly(true);
    if (!rows.exec(QStringLiteral("SELECT guid, external_id, display_name, address, alias, override"
                                  " FROM snapshot_mailboxes ORDER BY row")))
        return fail(error, rows.lastError().text());
    mailboxes->reserve(expected);
    Mailbox mailbox;
    while (rows.next()) {
        mailbox.guid = QUuid::fromRfc4122(rows.value(0).toByteArray());
        const QByteArray external = rows.value(1).toByteArray();
        mailbox.externalDirectoryObjectId = external.isEmpty() ? QUuid() : QUuid::fromRfc4122(external);
        mailbox.displayName = rows.value(2).toString();
        mailbox.primarySmtpAddress = rows.value(3).toString();
        mailbox.alias = rows.value(4).toString();
        mailbox.smtpAuthOverride = overrideFromStored(rows.value(5).toInt());
        mailboxes->upsert(mailbox);
    }
    mailboxes->squeeze();
    return true;
}

bool SnapshotStore::clear(QString *error)
{
    if (!QFile::exists(m_path))
        return true;
    if (!openDatabase(error))
        return false;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    // Without its meta row no format has a snapshot; the bulk goes too, so a cleared cache is small.
    for (const QString &statement : {QStringLiteral("DROP TABLE IF EXISTS snapshot_mailboxes"),
                                     QStringLiteral("DROP TABLE IF EXISTS snapshot_store"),
                                     QStringLiteral("DROP TABLE IF EXISTS snapshot_meta")}) {
        if (!query.exec(statement))
            return fail(error, query.lastError().text());
    }
    return true;
}

} // namespace smtpauth
