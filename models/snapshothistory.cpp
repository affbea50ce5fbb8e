// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/snapshothistory.h"

#include "models/sqltransaction.h"
#include "models/tenantdiff.h"

#include <QAtomicInteger>
#include <QDataStream>
#include <QFile>
#include <QIODevice>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace smtpauth {

namespace {
QAtomicInteger<quint64> historyConnections;

constexpr quint32 kWholeMagic = 0x53484631; // "SHF1": every mailbox
constexpr quint32 kDeltaMagic = 0x53484431; // "SHD1": the mailboxes that changed, came or went
constexpr int kCompression = 6;

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

QString timeText(const QDateTime &utc)
{
    return utc.toUTC().toString(Qt::ISODateWithMs);
}

QDateTime timeFromText(const QString &text)
{
    QDateTime utc = QDateTime::fromString(text, Qt::ISODateWithMs);
    utc.setTimeSpec(Qt::UTC);
    return utc;
}

void writeMailbox(QDataStream &out, const TenantState::Mailbox &mailbox)
{
    const QByteArray guid = mailbox.guid.toRfc4122();
    out.writeRawData(guid.constData(), int(guid.size()));
    out << quint8(mailbox.value) << mailbox.address << mailbox.displayName;
}

bool readMailbox(QDataStream &in, TenantState::Mailbox *mailbox)
{
    char guid[16];
    quint8 value = 0;
    if (in.readRawData(guid, 16) != 16)
        return false;
    in >> value >> mailbox->address >> mailbox->displayName;
    if (in.status() != QDataStream::Ok || value > quint8(Override::Disabled))
        return false;
    mailbox->guid = QUuid::fromRfc4122(QByteArrayView(guid, 16));
    mailbox->value = Override(value);
    return true;
}

QDataStream &versioned(QDataStream &stream)
{
    stream.setVersion(QDataStream::Qt_6_4);
    return stream;
}

QByteArray encodeWhole(const TenantState &state)
{
    QByteArray raw;
    QDataStream out(&raw, QIODevice::WriteOnly);
    versioned(out) << kWholeMagic << quint32(state.mailboxes.size());
    for (const TenantState::Mailbox &mailbox : state.mailboxes)
        writeMailbox(out, mailbox);
    return qCompress(raw, kCompression);
}

// What `later` has that `earlier` has not: mailboxes new or changed (override or names), and the guids
// of those gone. Both in guid order.
QByteArray encodeDelta(const TenantState &earlier, const TenantState &later)
{
    QList<const TenantState::Mailbox *> changed;
    QList<QUuid> removed;
    qsizetype i = 0;
    qsizetype j = 0;
    while (i < earlier.mailboxes.size() || j < later.mailboxes.size()) {
        const TenantState::Mailbox *before = i < earlier.mailboxes.size() ? &earlier.mailboxes[i] : nullptr;
        const TenantState::Mailbox *after = j < later.mailboxes.size() ? &later.mailboxes[j] : nullptr;
        if (before && (!after || before->guid < after->guid)) {
            removed.append(before->guid);
            ++i;
        } else if (after && (!before || after->guid < before->guid)) {
            changed.append(after);
            ++j;
        } else {
            if (!(*before == *after))
                changed.append(after);
            ++i;
            ++j;
        }
    }
    QByteArray raw;
    QDataStream out(&raw, QIODevice::WriteOnly);
    versioned(out) << kDeltaMagic << quint32(changed.size());
    for (const TenantState::Mailbox *mailbox : std::as_const(changed))
        writeMailbox(out, *mailbox);
    out << quint32(removed.size());
    for (const QUuid &guid : std::as_const(removed)) {
        const QByteArray bytes = guid.toRfc4122();
        out.writeRawData(bytes.constData(), int(bytes.size()));
    }
    return qCompress(raw, kCompression);
}

// A whole payload into `state`, or a delta applied onto it (one merge; both are in guid order).
bool decodeOnto(const QByteArray &payload, bool whole, TenantState *state)
{
    const QByteArray raw = qUncompress(payload);
    if (raw.isEmpty())
        return false;
    QDataStream in(raw);
    versioned(in);
    quint32 magic = 0;
    quint32 count = 0;
    in >> magic >> count;
    if (in.status() != QDataStream::Ok || magic != (whole ? kWholeMagic : kDeltaMagic) ||
        qsizetype(count) > raw.size())
        return false;
    QList<TenantState::Mailbox> listed;
    listed.reserve(count);
    for (quint32 k = 0; k < count; ++k) {
        TenantState::Mailbox mailbox;
        if (!readMailbox(in, &mailbox) || (!listed.isEmpty() && !(listed.constLast().guid < mailbox.guid)))
            return false;
        listed.append(std::move(mailbox));
    }
    if (whole) {
        state->mailboxes = std::move(listed);
        return in.atEnd();
    }
    quint32 removedCount = 0;
    in >> removedCount;
    if (in.status() != QDataStream::Ok || qsizetype(removedCount) > raw.size())
        return false;
    QList<QUuid> removed;
    removed.reserve(removedCount);
    for (quint32 k = 0; k < removedCount; ++k) {
        char guid[16];
        if (in.readRawData(guid, 16) != 16)
            return false;
        removed.append(QUuid::fromRfc4122(QByteArrayView(guid, 16)));
        if (removed.size() > 1 && !(removed[removed.size() - 2] < removed.constLast()))
            return false;
    }
    if (!in.atEnd())
        return false;

    QList<TenantState::Mailbox> merged;
    merged.reserve(state->mailboxes.size() + listed.size());
    qsizetype i = 0; // state
    qsizetype j = 0; // listed (new or changed)
    qsizetype r = 0; // removed
    const QList<TenantState::Mailbox> &old = state->mailboxes;
    while (i < old.size() || j < listed.size()) {
        if (j >= listed.size() || (i < old.size() && old[i].guid < listed[j].guid)) {
            while (r < removed.size() && removed[r] < old[i].guid)
                ++r;
            if (r < removed.size() && removed[r] == old[i].guid)
                ++r;
            else
                merged.append(old[i]);
            ++i;
        } else {
            if (i < old.size() && old[i].guid == listed[j].guid)
                ++i;
            merged.append(listed[j]);
            ++j;
        }
    }
    state->mailboxes = std::move(merged);
    return true;
}

SnapshotHistory::Info infoFrom(const QSqlQuery &query)
{
    // Columns: id, tenant_id, taken_utc, org, mailbox_count, change_count, base_id
    SnapshotHistory::Info info;
    info.id = query.value(0).toLongLong();
    info.tenantId = query.value(1).toString();
    info.takenUtc = timeFromText(query.value(2).toString());
    OrgSetting org = OrgSetting::Disabled;
    orgSettingFromName(query.value(3).toString(), &org);
    info.org = org;
    info.mailboxCount = query.value(4).toInt();
    info.changeCount = query.value(5).toInt();
    info.stored = query.value(6).isNull();
    return info;
}

const QString kInfoColumns =
    QStringLiteral("id, tenant_id, taken_utc, org, mailbox_count, change_count, base_id");
} // namespace

SnapshotHistory::SnapshotHistory(QString path)
    : m_path(std::move(path)), m_connectionName(QStringLiteral("smtpauth-snapshot-history-") +
                                                QString::number(historyConnections.fetchAndAddRelaxed(1)))
{
}

SnapshotHistory::~SnapshotHistory()
{
    if (QSqlDatabase::contains(m_connectionName)) {
        QSqlDatabase::database(m_connectionName, false).close();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

bool SnapshotHistory::open(QString *error) const
{
    QSqlDatabase db = QSqlDatabase::contains(m_connectionName)
                          ? QSqlDatabase::database(m_connectionName, false)
                          : QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    if (!db.isOpen()) {
        db.setDatabaseName(m_path);
        if (!db.open())
            return fail(error, QStringLiteral("cannot open %1: %2").arg(m_path, db.lastError().text()));
    }
    return m_checked || createOrCheckSchema(error);
}

bool SnapshotHistory::createOrCheckSchema(QString *error) const
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return fail(error, QStringLiteral("%1 cannot be read (%2); it is left as it is")
                               .arg(m_path, query.lastError().text()));
    const int format = query.value(0).toInt();
    query.finish();
    if (format > kFormat)
        return fail(error,
                    QStringLiteral("%1 was written by a newer console (snapshot format %2; this one reads "
                                   "format %3); it is left as it is")
                        .arg(m_path)
                        .arg(format)
                        .arg(kFormat));
    if (format == 0) {
        // A new file, or one that is not ours: only an empty database becomes a snapshot history.
        if (!query.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !query.next())
            return fail(error, QStringLiteral("%1 cannot be read (%2); it is left as it is")
                                   .arg(m_path, query.lastError().text()));
        if (query.value(0).toInt() != 0)
            return fail(error,
                        QStringLiteral("%1 is not a snapshot history; it is left as it is").arg(m_path));
        query.finish();
        SqlTransaction transaction(db);
        const QStringList statements{
            QStringLiteral("CREATE TABLE snapshots (id INTEGER PRIMARY KEY AUTOINCREMENT,"
                           " tenant_id TEXT NOT NULL, taken_utc TEXT NOT NULL, org TEXT NOT NULL,"
                           " mailbox_count INTEGER NOT NULL, change_count INTEGER NOT NULL,"
                           " base_id INTEGER REFERENCES snapshots(id), chain_length INTEGER NOT NULL,"
                           " payload BLOB NOT NULL)"),
            QStringLiteral("CREATE INDEX snapshots_by_tenant ON snapshots (tenant_id, taken_utc)"),
            QStringLiteral("PRAGMA user_version = %1").arg(kFormat),
        };
        for (const QString &statement : statements) {
            if (!query.exec(statement))
                return fail(error,
                            QStringLiteral("cannot create %1: %2").arg(m_path, query.lastError().text()));
        }
        if (!transaction.commit())
            return fail(error, QStringLiteral("cannot create %1: %2").arg(m_path, transaction.errorText()));
    }
    m_checked = true;
    return true;
}

std::optional<TenantState> SnapshotHistory::replay(qint64 id, QString *error) const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(QStringLiteral("SELECT base_id, payload, org FROM snapshots WHERE id = ?"));
    // The chain back to a whole snapshot, newest first.
    QList<std::pair<qint64, QByteArray>> chain;
    QString org;
    for (qint64 at = id;;) {
        query.bindValue(0, at);
        if (!query.exec()) {
            fail(error, QStringLiteral("cannot read snapshot %1: %2").arg(id).arg(query.lastError().text()));
            return std::nullopt;
        }
        if (!query.next()) {
            fail(error,
                 chain.isEmpty()
                     ? QStringLiteral("there is no snapshot %1").arg(id)
                     : QStringLiteral("snapshot %1 is damaged: snapshot %2, which it builds on, is missing")
                           .arg(id)
                           .arg(at));
            return std::nullopt;
        }
        if (chain.isEmpty())
            org = query.value(2).toString();
        chain.append({at, query.value(1).toByteArray()});
        if (query.value(0).isNull())
            break;
        const qint64 base = query.value(0).toLongLong();
        if (base >= at || chain.size() > kFullEvery * 4) {
            fail(error, QStringLiteral("snapshot %1 is damaged (its chain of changes is broken)").arg(id));
            return std::nullopt;
        }
        at = base;
    }
    TenantState state;
    if (!orgSettingFromName(org, &state.org)) {
        fail(error, QStringLiteral("snapshot %1 is damaged (org setting '%2')").arg(id).arg(org));
        return std::nullopt;
    }
    for (qsizetype k = chain.size() - 1; k >= 0; --k) {
        if (!decodeOnto(chain[k].second, k == chain.size() - 1, &state)) {
            fail(error, QStringLiteral("snapshot %1 is damaged (its stored data cannot be read)")
                            .arg(chain[k].first));
            return std::nullopt;
        }
    }
    return state;
}

std::optional<SnapshotHistory::Info> SnapshotHistory::append(const QString &tenantId,
                                                             const QDateTime &takenUtc,
                                                             const TenantState &state, QString *error)
{
    Q_ASSERT(state.isSorted());
    if (!open(error))
        return std::nullopt;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    SqlTransaction transaction(db);
    if (!transaction.isActive()) {
        fail(error, QStringLiteral("cannot start a transaction: %1").arg(transaction.errorText()));
        return std::nullopt;
    }
    QSqlQuery query(db);
    query.prepare(
        QStringLiteral("SELECT id, chain_length FROM snapshots WHERE tenant_id = ? ORDER BY id DESC "
                       "LIMIT 1"));
    query.addBindValue(tenantId);
    if (!query.exec()) {
        fail(error, QStringLiteral("cannot read %1: %2").arg(m_path, query.lastError().text()));
        return std::nullopt;
    }
    Info info;
    info.tenantId = tenantId;
    info.takenUtc = takenUtc.toUTC();
    info.org = state.org;
    info.mailboxCount = int(state.mailboxes.size());
    QVariant baseId;
    int chainLength = 0;
    QByteArray payload;
    if (query.next()) {
        const qint64 previousId = query.value(0).toLongLong();
        const int previousChain = query.value(1).toInt();
        query.finish();
        const std::optional<TenantState> previous = replay(previousId, error);
        if (!previous)
            return std::nullopt;
        const TenantDiff diff = TenantDiff::between(*previous, state);
        info.changeCount = diff.ownChangeCount() + (diff.orgChanged() ? 1 : 0);
        if (previousChain + 1 < kFullEvery) {
            baseId = previousId;
            chainLength = previousChain + 1;
            payload = encodeDelta(*previous, state);
        }
    }
    if (payload.isEmpty())
        payload = encodeWhole(state);
    info.stored = baseId.isNull();
    query.prepare(
        QStringLiteral("INSERT INTO snapshots (tenant_id, taken_utc, org, mailbox_count, change_count,"
                       " base_id, chain_length, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(tenantId);
    query.addBindValue(timeText(takenUtc));
    query.addBindValue(machineName(state.org));
    query.addBindValue(info.mailboxCount);
    query.addBindValue(info.changeCount);
    query.addBindValue(baseId);
    query.addBindValue(chainLength);
    query.addBindValue(payload);
    if (!query.exec()) {
        fail(error, QStringLiteral("cannot save the snapshot: %1").arg(query.lastError().text()));
        return std::nullopt;
    }
    info.id = query.lastInsertId().toLongLong();
    if (!transaction.commit()) {
        fail(error, QStringLiteral("cannot commit the snapshot: %1").arg(transaction.errorText()));
        return std::nullopt;
    }
    return info;
}

QList<SnapshotHistory::Info> SnapshotHistory::list(const QString &tenantId, QString *error) const
{
    QList<Info> infos;
    if (!QFile::exists(m_path) || !open(error))
        return infos;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(
        QStringLiteral("SELECT %1 FROM snapshots WHERE tenant_id = ? ORDER BY id").arg(kInfoColumns));
    query.addBindValue(tenantId);
    if (!query.exec()) {
        fail(error, QStringLiteral("cannot read %1: %2").arg(m_path, query.lastError().text()));
        return infos;
    }
    while (query.next())
        infos.append(infoFrom(query));
    return infos;
}

std::optional<SnapshotHistory::Info> SnapshotHistory::info(qint64 id, QString *error) const
{
    if (!QFile::exists(m_path)) {
        fail(error, QStringLiteral("there is no snapshot %1 (no snapshot has been taken yet)").arg(id));
        return std::nullopt;
    }
    if (!open(error))
        return std::nullopt;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(QStringLiteral("SELECT %1 FROM snapshots WHERE id = ?").arg(kInfoColumns));
    query.addBindValue(id);
    if (!query.exec() || !query.next()) {
        fail(error, QStringLiteral("there is no snapshot %1").arg(id));
        return std::nullopt;
    }
    return infoFrom(query);
}

std::optional<SnapshotHistory::Info>
SnapshotHistory::latestAtOrBefore(const QString &tenantId, const QDateTime &utc, QString *error) const
{
    if (!QFile::exists(m_path) || !open(error))
        return std::nullopt;
    QSqlQuery query(QSqlDatabase::database(m_connectionName, false));
    query.prepare(QStringLiteral("SELECT %1 FROM snapshots WHERE tenant_id = ? AND taken_utc <= ? "
                                 "ORDER BY taken_utc DESC, id DESC LIMIT 1")
                      .arg(kInfoColumns));
    query.addBindValue(tenantId);
    query.addBindValue(timeText(utc));
    if (!query.exec()) {
        fail(error, QStringLiteral("cannot read %1: %2").arg(m_path, query.lastError().text()));
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    return infoFrom(query);
}

std::optional<TenantState> SnapshotHistory::state(qint64 id, QString *error) const
{
    if (!QFile::exists(m_path)) {
        fail(error, QStringLiteral("there is no snapshot %1 (no snapshot has been taken yet)").arg(id));
        return std::nullopt;
    }
    if (!open(error))
        return std::nullopt;
    return replay(id, error);
}

int SnapshotHistory::removeOlderThan(const QString &tenantId, const QDateTime &cutoffUtc, QString *error)
{
    if (!QFile::exists(m_path))
        return 0;
    if (!open(error))
        return -1;
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    SqlTransaction transaction(db);
    if (!transaction.isActive()) {
        fail(error, QStringLiteral("cannot start a transaction: %1").arg(transaction.errorText()));
        return -1;
    }
    QSqlQuery query(db);
    // The oldest snapshot kept: the first at or after the cutoff, or the newest of all.
    query.prepare(
        QStringLiteral("SELECT id, base_id FROM snapshots WHERE tenant_id = ? AND "
                       "(taken_utc >= ? OR id = (SELECT max(id) FROM snapshots WHERE tenant_id = ?)) "
                       "ORDER BY id LIMIT 1"));
    query.addBindValue(tenantId);
    query.addBindValue(timeText(cutoffUtc));
    query.addBindValue(tenantId);
    if (!query.exec()) {
        fail(error, QStringLiteral("cannot read %1: %2").arg(m_path, query.lastError().text()));
        return -1;
    }
    if (!query.next())
        return 0;
    const qint64 firstKept = query.value(0).toLongLong();
    const bool keptIsChange = !query.value(1).isNull();
    query.finish();
    if (keptIsChange) {
        // It builds on snapshots about to go: store it whole, and count the chains after it afresh.
        const std::optional<TenantState> kept = replay(firstKept, error);
        if (!kept)
            return -1;
        query.prepare(QStringLiteral("UPDATE snapshots SET base_id = NULL, chain_length = 0, payload = ? "
                                     "WHERE id = ?"));
        query.addBindValue(encodeWhole(*kept));
        query.addBindValue(firstKept);
        if (!query.exec()) {
            fail(error, QStringLiteral("cannot rewrite snapshot %1: %2")
                            .arg(firstKept)
                            .arg(query.lastError().text()));
            return -1;
        }
        QSqlQuery later(db);
        later.prepare(
            QStringLiteral("SELECT id, base_id FROM snapshots WHERE tenant_id = ? AND id > ? ORDER BY id"));
        later.addBindValue(tenantId);
        later.addBindValue(firstKept);
        if (!later.exec()) {
            fail(error, QStringLiteral("cannot read %1: %2").arg(m_path, later.lastError().text()));
            return -1;
        }
        QList<qint64> rechained;
        while (later.next() && !later.value(1).isNull())
            rechained.append(later.value(0).toLongLong());
        later.finish();
        query.prepare(QStringLiteral("UPDATE snapshots SET chain_length = ? WHERE id = ?"));
        for (qsizetype k = 0; k < rechained.size(); ++k) {
            query.bindValue(0, int(k + 1));
            query.bindValue(1, rechained[k]);
            if (!query.exec()) {
                fail(error, QStringLiteral("cannot update %1: %2").arg(m_path, query.lastError().text()));
                return -1;
            }
        }
    }
    query.prepare(QStringLiteral("DELETE FROM snapshots WHERE tenant_id = ? AND id < ?"));
    query.addBindValue(tenantId);
    query.addBindValue(firstKept);
    if (!query.exec()) {
        fail(error, QStringLiteral("cannot remove old snapshots: %1").arg(query.lastError().text()));
        return -1;
    }
    const int removed = query.numRowsAffected();
    if (!transaction.commit()) {
        fail(error, QStringLiteral("cannot commit the removal: %1").arg(transaction.errorText()));
        return -1;
    }
    return removed;
}

} // namespace smtpauth
