// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/mailboxstore.h"
#include "models/packedverdict.h"
#include "models/smtpauthpolicy.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace smtpauth {

// The current state of selected mailboxes as a document: what `smtpauth-cli list` prints and what a
// reviewer exports. Every format carries the effective value AND its source, never the raw boolean.
class MailboxListExport
{
public:
    MailboxListExport(const MailboxStore &store, OrgSetting org, QList<int> rows);
    // With each listed row's Basic-now verdict (MailboxTableModel::basicNowOf(rows), in the order of
    // `rows`): two more columns at the end, basicNow (allowed|blocked|unknown) and decidedBy (the
    // blocking layer's id, empty / null when nothing blocks, as in `why --format json`). Values that do
    // not match the rows one for one are ignored (the document is then the one without readiness).
    MailboxListExport(const MailboxStore &store, OrgSetting org, QList<int> rows,
                      QList<PackedVerdict> basicNow);

    // RFC 4180 with a header row (see CsvWriter for the formula-injection guard).
    QByteArray toCsv() const;
    // One JSON document: {"org": "...", "count": N, "mailboxes": [{...}]}.
    QByteArray toJson() const;
    // Aligned columns for a terminal.
    QString toTable() const;

    // The columns of the document: the readiness ones only when the verdicts were given.
    QStringList columns() const;
    static QStringList columnNames(); // without readiness
    static QStringList columnNamesWithReadiness();

private:
    QStringList cells(int index) const; // index into m_rows

    const MailboxStore &m_store;
    OrgSetting m_org;
    QList<int> m_rows;
    QList<PackedVerdict> m_basicNow; // empty, or one per row of m_rows
};

} // namespace smtpauth
