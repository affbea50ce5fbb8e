// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/mailbox.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringView>
#include <QUuid>
#include <cstdint>
#include <optional>
#include <vector>

namespace smtpauth {

// Every mailbox of a tenant, built for 100k–500k rows.
//
// Why not QList<Mailbox>: five QStrings per row cost ~100 bytes of headers and allocations each.
// Rows here are fixed-size records pointing into shared text arenas, and the case-folded search key
// (display name, address, alias) is precomputed once per row, so a keystroke search is a linear scan
// over contiguous memory with no allocation per row.
//
// Memory (benchmark P2, docs/benchmarks.md: ≤ 300 bytes per mailbox): rows and text live in fixed-size chunks
// that are never reallocated, so a load that does not know its final size neither doubles a buffer (up to 2×
// slack) nor leaves the old buffer behind in the heap; the search key is UTF-8 (half the size of the
// UTF-16 original for the names people have); an alias that starts the address is kept once; the Guid index
// is an open-addressing table of row numbers (4 bytes a slot, plus a 1-byte hash tag that spares a probe
// reading rows) instead of a QHash that stores every Guid a second time.
class MailboxStore
{
public:
    // Longer display names, addresses or aliases are cut here. Exchange's own limits are 256, 320
    // and 64 characters; the cap only bounds what a misbehaving server can make the console hold.
    static constexpr int kMaxFieldLength = 4096;

    int size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    void reserve(int rows);
    void clear();
    // Gives back the spare capacity of the last chunks (call when a load is complete).
    void squeeze();

    // Appends or, when a mailbox with the same Guid is present, replaces it. Returns its row.
    int upsert(const Mailbox &mailbox);

    Mailbox at(int row) const;
    QUuid guid(int row) const { return rowAt(row).guid; }
    QUuid externalDirectoryObjectId(int row) const { return rowAt(row).externalId; }
    QStringView displayName(int row) const;
    QStringView primarySmtpAddress(int row) const;
    QStringView alias(int row) const;
    Override smtpAuthOverride(int row) const { return rowAt(row).smtpAuthOverride; }
    void setSmtpAuthOverride(int row, Override value) { rowAt(row).smtpAuthOverride = value; }

    // -1 when unknown.
    int rowOfGuid(const QUuid &guid) const;
    // Finds a mailbox by any identifier a person or a CSV may use: Guid, ExternalDirectoryObjectId,
    // primary SMTP address, or alias (case-insensitive). -1 when unknown.
    int findByIdentifier(QStringView identifier) const;

    // Search. A needle is what a person typed, case-folded and UTF-8 encoded exactly like the keys.
    static QByteArray searchNeedle(QStringView typed);
    bool matchesNeedle(int row, QByteArrayView needle) const;
    // The folded key: display name '\n' address '\n' alias. '\n' cannot occur in a typed needle, so a
    // match never spans two fields.
    QByteArrayView searchKey(int row) const;
    // The folded display name and address (prefixes of the key): collator-free sort keys, the same
    // order as a case-insensitive compare, with no folding at sort time.
    QByteArrayView foldedDisplayName(int row) const;
    QByteArrayView foldedAddress(int row) const;

    // Heap bytes held (rows, text, keys, index), for the memory benchmark.
    qsizetype memoryUsage() const;

    // The snapshot's representation: the row records and the two arenas, compacted (replaced rows'
    // text left out), so loading is three copies instead of 100k upserts with a fold each.
    // The records are in host byte order; `serialFormat()` changes whenever their layout does.
    struct Serialized
    {
        QByteArray rows;
        QByteArray text;
        QByteArray keys;
    };
    static quint32 serialFormat();
    Serialized serialize() const;
    // A copy for another thread to read (to serialise, say) while this store goes on: the full text and
    // key chunks, which are never written again, are shared; the open last ones are copied, so that this
    // store keeps appending in place (its views stay valid, nothing it holds is shared with a writer).
    MailboxStore detachedCopy() const;
    // nullopt (error says why) when the parts do not describe a consistent store.
    static std::optional<MailboxStore> deserialize(QByteArrayView rows, QByteArrayView text,
                                                   QByteArrayView keys, QString *error = nullptr);

private:
    struct Row
    {
        QUuid guid;
        QUuid externalId;
        quint32 textOffset = 0; // display name, address and alias, back to back
        quint32 keyOffset = 0;
        quint16 textChunk = 0;
        quint16 keyChunk = 0;
        quint16 nameLength = 0;
        quint16 addressLength = 0;
        quint16 aliasLength = 0;
        quint16 keyLength = 0;
        Override smtpAuthOverride = Override::Inherit;
        // The alias is the start of the address (Exchange's default: alias = local part): it is then
        // neither stored again nor part of the search key (anything found in it is found in the address).
        quint8 aliasInAddress = 0; // 0 or 1 (a byte, not bool: records are read back from disk)
    };
    static constexpr int kRowChunkShift = 11; // 2048 rows (~112 KiB) a chunk
    static constexpr int kRowsPerChunk = 1 << kRowChunkShift;
    static constexpr qsizetype kTextChunkUnits = 1 << 16; // 128 KiB
    static constexpr qsizetype kKeyChunkBytes = 1 << 16;

    const Row &rowAt(int row) const
    {
        return m_rows[size_t(row) >> kRowChunkShift][size_t(row) & (kRowsPerChunk - 1)];
    }
    Row &rowAt(int row) { return m_rows[size_t(row) >> kRowChunkShift][size_t(row) & (kRowsPerChunk - 1)]; }
    static qsizetype textUnits(const Row &row)
    {
        return qsizetype(row.nameLength) + row.addressLength + (row.aliasInAddress ? 0 : row.aliasLength);
    }
    QStringView rowText(const Row &row) const
    {
        return QStringView(m_text[row.textChunk].constData() + row.textOffset, textUnits(row));
    }
    void fillRow(Row &row, const Mailbox &mailbox);
    void appendRow(const Row &row);
    struct GuidHash;
    // The slot holding `guid`, or the empty slot where the probe for it ends. The table is not empty.
    size_t probe(const QUuid &guid, const GuidHash &hash) const;
    void rehash(qsizetype slots);

    std::vector<std::vector<Row>> m_rows; // chunks of kRowsPerChunk, only the last one partly filled
    QList<QString> m_text;                // arenas: replaced rows leave garbage behind; clear() reclaims it
    QList<QByteArray> m_keys;
    std::vector<qint32> m_slots; // Guid -> row, linear probing, -1 = empty, power-of-two size
    std::vector<quint8> m_tags;  // per slot: the top byte of its Guid's hash (1 byte a slot)
    int m_size = 0;
};

} // namespace smtpauth
