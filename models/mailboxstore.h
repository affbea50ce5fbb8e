#pragma once

#include "mailbox.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringView>
#include <QUuid>

#include <cstdint>
#include <vector>

namespace smtpauth {

// Every mailbox of a tenant, built for 100k–500k rows.
//
// Why not QList<Mailbox>: five QStrings per row cost ~100 bytes of headers and allocations each.
// Rows here are fixed-size records pointing into one shared text arena, and the case-folded search key
// (display name, address, alias) is precomputed once per row, so a keystroke search is a linear scan
// over contiguous memory with no allocation per row.
class MailboxStore
{
public:
    int size() const { return int(m_rows.size()); }
    bool isEmpty() const { return m_rows.empty(); }
    void reserve(int rows);
    void clear();

    // Appends or, when a mailbox with the same Guid is present, replaces it. Returns its row.
    int upsert(const Mailbox &mailbox);

    Mailbox at(int row) const;
    QUuid guid(int row) const { return m_rows[size_t(row)].guid; }
    QUuid externalDirectoryObjectId(int row) const { return m_rows[size_t(row)].externalId; }
    QStringView displayName(int row) const;
    QStringView primarySmtpAddress(int row) const;
    QStringView alias(int row) const;
    Override smtpAuthOverride(int row) const { return m_rows[size_t(row)].smtpAuthOverride; }
    void setSmtpAuthOverride(int row, Override value) { m_rows[size_t(row)].smtpAuthOverride = value; }

    // -1 when unknown.
    int rowOfGuid(const QUuid &guid) const { return m_rowByGuid.value(guid, -1); }
    // Finds a mailbox by any identifier a person or a CSV may use: Guid, ExternalDirectoryObjectId,
    // primary SMTP address, or alias (case-insensitive). -1 when unknown.
    int findByIdentifier(QStringView identifier) const;

    // The case-folded text a search matches against. `foldedNeedle` must be folded with foldForSearch.
    bool matchesSearch(int row, QStringView foldedNeedle) const;
    static QString foldForSearch(QStringView text);

private:
    struct TextRef
    {
        quint32 offset = 0;
        quint32 length = 0;
    };
    struct Row
    {
        QUuid guid;
        QUuid externalId;
        TextRef displayName;
        TextRef address;
        TextRef alias;
        TextRef searchKey;
        Override smtpAuthOverride = Override::Inherit;
    };

    TextRef appendText(QStringView text);
    QStringView text(TextRef ref) const { return QStringView(m_text).mid(ref.offset, ref.length); }

    std::vector<Row> m_rows;
    QString m_text; // arena: replaced rows leave garbage behind; clear() reclaims it
    QHash<QUuid, int> m_rowByGuid;
};

} // namespace smtpauth
