// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/tenantstate.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace smtpauth {

// Every complete load of a tenant, kept for drift reviews (snapshot-history.sqlite in the profile): what
// the tenant looked like at each load, so that two of them, or a date and now, can be compared
// (TenantDiff). Unlike SnapshotStore (the last state only, a start-up cache), this is evidence: a file it
// cannot read (damaged, or from a newer console) is refused with a message and never overwritten.
//
// Compact by construction: a snapshot is stored whole only every kFullEvery loads; the ones between hold
// what changed since the previous snapshot of the tenant (overrides and names of the mailboxes that
// changed, came or went), each as one compressed BLOB. Every append is one transaction, so a process
// killed during a write leaves the previous snapshots as they were.
//
// Format (PRAGMA user_version): 1. docs/architecture.md, Snapshots and drift.
class SnapshotHistory
{
public:
    // Whole snapshots this often (a chain of at most kFullEvery - 1 deltas to replay on a read).
    static constexpr int kFullEvery = 30;
    static constexpr int kFormat = 1;
    // How long the profile keeps its snapshots (SnapshotSaver applies it after every append): a quarter,
    // enough to compare with the last review before the cutoff and the one before that.
    static constexpr int kRetentionDays = 90;

    struct Info
    {
        qint64 id = 0;
        QString tenantId;
        QDateTime takenUtc;
        OrgSetting org = OrgSetting::Disabled;
        int mailboxCount = 0;
        // Mailboxes whose own override changed, or that came or went, since the previous snapshot of the
        // tenant, plus 1 when the org switch moved; -1 for the tenant's first snapshot.
        int changeCount = -1;
        bool stored = false; // stored whole (else as what changed since the previous one)
    };

    explicit SnapshotHistory(QString path);
    ~SnapshotHistory();
    SnapshotHistory(const SnapshotHistory &) = delete;
    SnapshotHistory &operator=(const SnapshotHistory &) = delete;

    QString path() const { return m_path; }

    // Adds a snapshot (state must be sorted by guid). nullopt with error when it was not added; the
    // history is then as it was.
    std::optional<Info> append(const QString &tenantId, const QDateTime &takenUtc, const TenantState &state,
                               QString *error = nullptr);
    // The tenant's snapshots, oldest first. Empty (and error empty) when there are none yet.
    QList<Info> list(const QString &tenantId, QString *error = nullptr) const;
    std::optional<Info> info(qint64 id, QString *error = nullptr) const;
    // The newest snapshot of the tenant taken at or before `utc`, or nullopt.
    std::optional<Info> latestAtOrBefore(const QString &tenantId, const QDateTime &utc,
                                         QString *error = nullptr) const;
    // The tenant as snapshot `id` saw it.
    std::optional<TenantState> state(qint64 id, QString *error = nullptr) const;
    // Retention: removes the tenant's snapshots taken before `cutoffUtc`, always keeping the newest one.
    // The oldest kept snapshot is rewritten whole first when it was stored as a change. Returns how many
    // were removed, or -1 with error (then nothing was removed).
    int removeOlderThan(const QString &tenantId, const QDateTime &cutoffUtc, QString *error = nullptr);

private:
    bool open(QString *error) const;
    bool createOrCheckSchema(QString *error) const;
    std::optional<TenantState> replay(qint64 id, QString *error) const;

    QString m_path;
    QString m_connectionName;
    mutable bool m_checked = false;
};

} // namespace smtpauth
