#pragma once

#include "mailboxstore.h"
#include "smtpauthpolicy.h"

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

    // RFC 4180 with a header row (see CsvWriter for the formula-injection guard).
    QByteArray toCsv() const;
    // One JSON document: {"org": "...", "count": N, "mailboxes": [{...}]}.
    QByteArray toJson() const;
    // Aligned columns for a terminal.
    QString toTable() const;

    static QStringList columnNames();

private:
    QStringList cells(int row) const;

    const MailboxStore &m_store;
    OrgSetting m_org;
    QList<int> m_rows;
};

} // namespace smtpauth
