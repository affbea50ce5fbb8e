// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/journalhistoryfilter.h"
#include "models/journalrecords.h"

#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QUuid>
#include <functional>
#include <optional>

namespace smtpauth {

// The durable, append-only record of every change and its outcome (product.md "Journal").
//
// Storage: one SQLite file in WAL mode with synchronous=FULL, so a change reported as applied survives a
// power loss. Batches and changes are inserted once and never updated; every state transition of a change
// is a new row in `change_events`, and the current state of a change is its latest event.
//
// Tamper evidence: every row of every table gets a journal-wide sequence number and
// hash = SHA-256(previous row's raw hash || canonical serialisation of the row) (the first row chains from
// 32 zero bytes; stored as lower-case hex), and the last sequence number and hash (the "head") are kept in
// `journal_head`, updated in the same transaction. verify() walks all rows in sequence order and names the
// first bad one. Against someone with sqlite3 and this source code:
//   detected: a row's content or id edited (its hash no longer matches: "content altered"); a row edited
//     AND its hash recomputed (the next row no longer chains; the message names both suspects); a row
//     deleted anywhere but at the end (sequence gap); the last rows deleted (the head records more);
//     a row inserted with a sequence number already in use, a fractional one, a hash that does not chain,
//     or after the recorded head; the head row deleted or edited alone.
//   not detected: rewriting every row from the edited one onwards (or appending correctly chained rows)
//     AND moving the head to match, or replacing/deleting the whole file. The hash is unkeyed, so it proves
//     internal consistency, not authorship; that needs an anchor outside the file (e.g. the head printed in
//     every export, or a keyed MAC with the key in the keychain). UPDATE/DELETE are also refused by
//     triggers, which only guards against bugs: an attacker can drop them.
//
// Canonical serialisation (format 1): for the pseudo columns `table` and `seq`, then each column in the
// fixed order of its table, skipping NULL and empty values:  name '=' UTF-8 byte length ':' UTF-8 bytes '\n'.
//   batches: id, created_utc, operator_upn, tenant_id, reason, ticket, kind, undo_of_batch, undo_of_change
//   changes: id, batch_id, target_kind, target_guid, target_address, target_display_name, before_value,
//     after_value, created_utc
//   change_events: id, change_id, state, server_message, client_request_id, created_utc
// Skipping empty values is what lets a migration add a column with an empty default (v2: ticket) without
// invalidating the hashes of the rows written before it.
//
// Every public write is one transaction. Owns its own named connection; use it from one thread.
class ChangeJournal
{
public:
    using Clock = std::function<QDateTime()>;

    static constexpr int CurrentSchemaVersion = 3;

    // clock: the source of every timestamp the journal writes (default: the current UTC time).
    explicit ChangeJournal(Clock clock = {});
    ~ChangeJournal();

    ChangeJournal(const ChangeJournal &) = delete;
    ChangeJournal &operator=(const ChangeJournal &) = delete;

    // Opens or creates the file and brings its schema to CurrentSchemaVersion.
    bool open(const QString &path, QString *error = nullptr);
    bool isOpen() const;
    void close();
    int schemaVersion() const;
    QString path() const { return m_path; }
    // The Qt SQL connection name, for diagnostics and tests (e.g. to check the pragmas in force).
    QString connectionName() const { return m_connectionName; }
    // The error of the last call that failed.
    QString lastError() const { return m_lastError; }

    // Writes a new batch (id and createdUtc are assigned here; the record's own are ignored).
    // Returns its id, 0 on failure.
    qint64 beginBatch(const BatchRecord &batch, QString *error = nullptr);

    // Writes every change as Intended, in one transaction, before anything is sent (write-ahead).
    // Ids, batchId, createdUtc, updatedUtc and state of the records are ignored; a clientRequestId already
    // chosen is kept on the intended event. Before/after must be machine words valid for the target kind.
    // Returns the new ids in input order; empty with *error set on failure (nothing is written then).
    QList<qint64> addIntendedChanges(qint64 batchId, const QList<ChangeRecord> &changes,
                                     QString *error = nullptr);
    // The checks addIntendedChanges makes before writing, alone: a caller that writes a long list in
    // several calls refuses a bad row (named by its position in the whole list) before the first one.
    static bool checkIntendedChanges(const QList<ChangeRecord> &changes, QString *error = nullptr);

    // Appends one event per outcome, all in one transaction (one fsync however many there are). Several
    // outcomes for the same change are appended in list order. Intended cannot be recorded here.
    // All or nothing: an unknown change id fails the whole call.
    bool recordOutcomes(const QList<ChangeOutcome> &outcomes, QString *error = nullptr);

    std::optional<ChangeRecord> change(qint64 id) const;
    std::optional<BatchRecord> batch(qint64 id) const;
    QList<ChangeRecord> changesOfBatch(qint64 batchId) const;
    // Changes whose latest state is Intended or Sent: what a crash interrupted (oldest first).
    QList<ChangeRecord> unfinishedChanges() const;
    // The most recent change of this target whose latest state is Applied; QUuid() means the org target.
    std::optional<ChangeRecord> lastAppliedChangeFor(const QUuid &target) const;
    // Changes joined with their batch, oldest first (see HistoryFilter).
    QList<HistoryEntry> history(const HistoryFilter &filter = {}) const;
    // The full trail of one change, oldest first.
    QList<ChangeEvent> eventsOf(qint64 changeId) const;

    VerifyResult verify() const;

    // User-facing ids (same as the free functions in journalrecords.h).
    static QString batchLabel(qint64 id) { return smtpauth::batchLabel(id); }
    static QString changeLabel(qint64 id) { return smtpauth::changeLabel(id); }
    static std::optional<JournalLabel> parseLabel(QStringView text) { return smtpauth::parseLabel(text); }

private:
    struct Head
    {
        qint64 sequence = 0;
        QByteArray hash; // raw 32 bytes
    };

    bool configureConnection(QString *error);
    bool migrate(QString *error);
    QString nowText() const;
    bool fail(const QString &message, QString *error) const;
    bool readHead(Head *head, QString *error) const;
    bool writeHead(const Head &head, QString *error);
    QList<ChangeRecord> queryChanges(const QString &where, const QVariantList &values,
                                     const QString &tail = QString()) const;

    Clock m_clock;
    QString m_connectionName;
    QString m_path;
    QSqlDatabase m_db;
    mutable QString m_lastError;
};

} // namespace smtpauth
