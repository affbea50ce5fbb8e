// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/mailboxstore.h"
#include "models/smtpauthpolicy.h"

#include <QDateTime>
#include <QString>
#include <optional>

class QSqlDatabase;

namespace smtpauth {

// The last known tenant state of a profile (snapshot.sqlite), so the window can show every mailbox at
// once on start, marked with its age, while a fresh load runs. It is a cache: losing it costs one load,
// so it is written with synchronous=NORMAL, unlike the journal. Only complete loads are saved: a
// partial list must never come back looking complete.
//
// Format (PRAGMA user_version): 2 stores the MailboxStore's records and arenas as BLOBs, with the
// case-folded search keys, so a start does one read and a few copies; 0 (one SQL row per mailbox)
// is still read. A file from a newer console is refused with a message, and the list comes from the
// server as on a first start.
class SnapshotStore
{
public:
    struct Snapshot
    {
        MailboxStore mailboxes;
        OrgSetting org = OrgSetting::Disabled;
        QString tenantId;
        QDateTime savedUtc;
    };

    explicit SnapshotStore(QString path);
    ~SnapshotStore();

    QString path() const { return m_path; }

    // Replaces the saved snapshot in one transaction.
    bool save(const MailboxStore &mailboxes, OrgSetting org, const QString &tenantId,
              const QDateTime &savedUtc, QString *error = nullptr);
    // nullopt when there is none, it belongs to another tenant, or it cannot be read (error says why).
    std::optional<Snapshot> load(const QString &tenantId, QString *error = nullptr) const;
    bool clear(QString *error = nullptr);

private:
    bool openDatabase(QString *error) const;
    int fileFormat(QString *error) const;
    bool loadRowPerMailbox(QSqlDatabase &db, int expected, MailboxStore *mailboxes, QString *error) const;

    QString m_path;
    QString m_connectionName;
};

} // namespace smtpauth
