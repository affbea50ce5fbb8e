// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/mailboxstore.h"

#include <QHashFunctions>
#include <cstring>
#include <limits>
#include <type_traits>

namespace smtpauth {

namespace {

// The records go to disk as they are in memory; anything that is not plain bytes must not be in them.
static_assert(std::is_trivially_copyable_v<QUuid>);

constexpr quint32 kSerialMagic = 0x534d4231; // "SMB1"; also tells a byte-swapped file apart

struct SerialHeader
{
    quint32 magic;
    quint32 recordSize;
    quint32 rowCount;
    quint32 reserved;
};

// Index slots for this many rows at most 70 % full (probes stay short).
qsizetype slotsFor(qsizetype rows)
{
    qsizetype slots = 16;
    while (slots * 7 / 10 < rows)
        slots *= 2;
    return slots;
}

char *putUtf8(char *out, char32_t cp)
{
    if (cp < 0x80) {
        *out++ = char(cp);
    } else if (cp < 0x800) {
        *out++ = char(0xC0 | (cp >> 6));
        *out++ = char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *out++ = char(0xE0 | (cp >> 12));
        *out++ = char(0x80 | ((cp >> 6) & 0x3F));
        *out++ = char(0x80 | (cp & 0x3F));
    } else {
        *out++ = char(0xF0 | (cp >> 18));
        *out++ = char(0x80 | ((cp >> 12) & 0x3F));
        *out++ = char(0x80 | ((cp >> 6) & 0x3F));
        *out++ = char(0x80 | (cp & 0x3F));
    }
    return out;
}

// At most this many bytes per UTF-16 unit come out of foldInto (a BMP letter: 3; ß: 2; a surrogate
// pair: 4 for 2 units).
constexpr qsizetype kMaxFoldedBytesPerUnit = 3;

// Simple (one-to-one) Unicode case folding, as QString::toCaseFolded does, plus ß -> "ss": QString
// folding would never let a typed "ss" find "Straße", and that is the one multi-letter folding staff
// type often. Written as UTF-8 straight into `out`; ASCII, nearly every character of real names and
// addresses, takes the short path. Returns the end of what was written.
char *foldInto(char *out, QStringView text)
{
    const qsizetype length = text.size();
    const char16_t *units = text.utf16();
    for (qsizetype i = 0; i < length; ++i) {
        const char16_t unit = units[i];
        if (unit < 0x80) {
            *out++ = char(unit >= u'A' && unit <= u'Z' ? unit + 32 : unit);
            continue;
        }
        char32_t cp = unit;
        if (QChar::isHighSurrogate(unit) && i + 1 < length && QChar::isLowSurrogate(units[i + 1])) {
            cp = QChar::surrogateToUcs4(unit, units[i + 1]);
            ++i;
        } else if (QChar::isSurrogate(unit)) {
            cp = QChar::ReplacementCharacter;
        }
        cp = QChar::toCaseFolded(cp);
        if (cp == 0x00DF) {
            *out++ = 's';
            *out++ = 's';
            continue;
        }
        out = putUtf8(out, cp);
    }
    return out;
}

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

} // namespace

void MailboxStore::reserve(int rows)
{
    if (rows <= m_size)
        return;
    // Only the index benefits: the chunks never move, so there is nothing to save by reserving them.
    const qsizetype wanted = slotsFor(rows);
    if (wanted > qsizetype(m_slots.size()))
        rehash(wanted);
}

void MailboxStore::clear()
{
    m_rows.clear();
    m_rows.shrink_to_fit();
    m_text.clear();
    m_text.squeeze();
    m_keys.clear();
    m_keys.squeeze();
    m_slots.clear();
    m_slots.shrink_to_fit();
    m_tags.clear();
    m_tags.shrink_to_fit();
    m_size = 0;
}

void MailboxStore::squeeze()
{
    if (!m_rows.empty())
        m_rows.back().shrink_to_fit();
    if (!m_text.isEmpty())
        m_text.last().squeeze();
    if (!m_keys.isEmpty())
        m_keys.last().squeeze();
}

QByteArray MailboxStore::searchNeedle(QStringView typed)
{
    QByteArray needle(typed.size() * kMaxFoldedBytesPerUnit, Qt::Uninitialized);
    needle.truncate(foldInto(needle.data(), typed) - needle.constData());
    return needle;
}

void MailboxStore::fillRow(Row &row, const Mailbox &mailbox)
{
    const QStringView name = QStringView(mailbox.displayName).left(kMaxFieldLength);
    const QStringView address = QStringView(mailbox.primarySmtpAddress).left(kMaxFieldLength);
    const QStringView alias = QStringView(mailbox.alias).left(kMaxFieldLength);
    row.guid = mailbox.guid;
    row.externalId = mailbox.externalDirectoryObjectId;
    row.smtpAuthOverride = mailbox.smtpAuthOverride;
    row.nameLength = quint16(name.size());
    row.addressLength = quint16(address.size());
    row.aliasLength = quint16(alias.size());
    row.aliasInAddress = address.startsWith(alias) ? 1 : 0;

    // A chunk is never grown past its reserved capacity, so views into it stay valid and nothing is
    // copied; a record that does not fit starts the next chunk.
    const qsizetype units = textUnits(row);
    if (m_text.isEmpty() || m_text.last().capacity() - m_text.last().size() < units) {
        QString chunk;
        chunk.reserve(qMax(kTextChunkUnits, units));
        m_text.append(chunk);
    }
    QString &text = m_text.last();
    row.textChunk = quint16(m_text.size() - 1);
    row.textOffset = quint32(text.size());
    text.append(name);
    text.append(address);
    if (!row.aliasInAddress)
        text.append(alias);

    const qsizetype worstKey = kMaxFoldedBytesPerUnit * units + 2;
    if (m_keys.isEmpty() || m_keys.last().capacity() - m_keys.last().size() < worstKey) {
        QByteArray chunk;
        chunk.reserve(qMax(kKeyChunkBytes, worstKey));
        m_keys.append(chunk);
    }
    QByteArray &keys = m_keys.last();
    row.keyChunk = quint16(m_keys.size() - 1);
    row.keyOffset = quint32(keys.size());
    // Written in place within the reserved capacity (resize does not reallocate there), then cut back.
    keys.resize(row.keyOffset + worstKey);
    char *out = keys.data() + row.keyOffset;
    out = foldInto(out, name);
    *out++ = '\n';
    out = foldInto(out, address);
    *out++ = '\n';
    if (!row.aliasInAddress)
        out = foldInto(out, alias);
    row.keyLength = quint16(out - (keys.constData() + row.keyOffset));
    keys.resize(row.keyOffset + row.keyLength);
}

void MailboxStore::appendRow(const Row &row)
{
    if (m_rows.empty() || m_rows.back().size() == size_t(kRowsPerChunk)) {
        m_rows.emplace_back();
        m_rows.back().reserve(kRowsPerChunk);
    }
    m_rows.back().push_back(row);
    ++m_size;
}

// One hash of a Guid gives both its home slot (low bits) and its tag (the top byte, independent of the
// table size), so a rehash needs no second hash function.
struct MailboxStore::GuidHash
{
    explicit GuidHash(const QUuid &guid) : value(quint64(qHash(guid, 0))) {}
    size_t home(size_t mask) const { return size_t(value) & mask; }
    quint8 tag() const { return quint8(value >> 56); }
    quint64 value;
};

int MailboxStore::upsert(const Mailbox &mailbox)
{
    Row row;
    fillRow(row, mailbox);
    // Grow first, so that the slot the probe ends on is the one the new row takes: one probe, not two.
    if ((qsizetype(m_size) + 1) * 10 > qsizetype(m_slots.size()) * 7)
        rehash(slotsFor(qsizetype(m_size) + 1));
    const GuidHash hash(mailbox.guid);
    const size_t slot = probe(mailbox.guid, hash);
    if (const qint32 existing = m_slots[slot]; existing >= 0) {
        rowAt(existing) = row;
        return existing;
    }
    appendRow(row);
    m_slots[slot] = m_size - 1;
    m_tags[slot] = hash.tag();
    return m_size - 1;
}

size_t MailboxStore::probe(const QUuid &guid, const GuidHash &hash) const
{
    // The tag is checked before the row: a row is a random read into tens of megabytes at 500k
    // mailboxes (a cache miss each), and an unsuccessful lookup, the common one while a tenant loads,
    // would otherwise read one row per occupied slot it passes.
    const size_t mask = m_slots.size() - 1;
    const quint8 tag = hash.tag();
    for (size_t slot = hash.home(mask);; slot = (slot + 1) & mask) {
        const qint32 row = m_slots[slot];
        if (row < 0 || (m_tags[slot] == tag && rowAt(row).guid == guid))
            return slot;
    }
}

int MailboxStore::rowOfGuid(const QUuid &guid) const
{
    if (m_slots.empty())
        return -1;
    return m_slots[probe(guid, GuidHash(guid))];
}

void MailboxStore::rehash(qsizetype slots)
{
    m_slots.assign(size_t(slots), -1);
    m_slots.shrink_to_fit();
    m_tags.assign(size_t(slots), 0);
    m_tags.shrink_to_fit();
    const size_t mask = m_slots.size() - 1;
    for (int row = 0; row < m_size; ++row) {
        const GuidHash hash(rowAt(row).guid);
        size_t slot = hash.home(mask);
        while (m_slots[slot] >= 0)
            slot = (slot + 1) & mask;
        m_slots[slot] = row;
        m_tags[slot] = hash.tag();
    }
}

Mailbox MailboxStore::at(int row) const
{
    const Row &r = rowAt(row);
    return Mailbox{r.guid,
                   r.externalId,
                   displayName(row).toString(),
                   primarySmtpAddress(row).toString(),
                   alias(row).toString(),
                   r.smtpAuthOverride};
}

QStringView MailboxStore::displayName(int row) const
{
    const Row &r = rowAt(row);
    return rowText(r).left(r.nameLength);
}

QStringView MailboxStore::primarySmtpAddress(int row) const
{
    const Row &r = rowAt(row);
    return rowText(r).mid(r.nameLength, r.addressLength);
}

QStringView MailboxStore::alias(int row) const
{
    const Row &r = rowAt(row);
    if (r.aliasInAddress)
        return rowText(r).mid(r.nameLength, r.aliasLength);
    return rowText(r).mid(qsizetype(r.nameLength) + r.addressLength, r.aliasLength);
}

QByteArrayView MailboxStore::searchKey(int row) const
{
    const Row &r = rowAt(row);
    return QByteArrayView(m_keys[r.keyChunk].constData() + r.keyOffset, r.keyLength);
}

QByteArrayView MailboxStore::foldedDisplayName(int row) const
{
    const QByteArrayView key = searchKey(row);
    return key.first(key.indexOf('\n'));
}

QByteArrayView MailboxStore::foldedAddress(int row) const
{
    const QByteArrayView key = searchKey(row);
    const qsizetype start = key.indexOf('\n') + 1;
    const qsizetype end = key.indexOf('\n', start);
    return key.sliced(start, end - start);
}

bool MailboxStore::matchesNeedle(int row, QByteArrayView needle) const
{
    if (needle.isEmpty())
        return true;
    const QByteArrayView key = searchKey(row);
    // glibc's memmem is vectorised; this runs once per row per keystroke.
    return memmem(key.data(), size_t(key.size()), needle.data(), size_t(needle.size())) != nullptr;
}

int MailboxStore::findByIdentifier(QStringView identifier) const
{
    const QStringView trimmed = identifier.trimmed();
    if (trimmed.isEmpty())
        return -1;
    const QUuid asUuid = QUuid::fromString(trimmed);
    if (!asUuid.isNull()) {
        const int byGuid = rowOfGuid(asUuid);
        if (byGuid >= 0)
            return byGuid;
        for (int row = 0; row < size(); ++row) {
            if (rowAt(row).externalId == asUuid)
                return row;
        }
        return -1;
    }
    for (int row = 0; row < size(); ++row) {
        if (primarySmtpAddress(row).compare(trimmed, Qt::CaseInsensitive) == 0 ||
            alias(row).compare(trimmed, Qt::CaseInsensitive) == 0)
            return row;
    }
    return -1;
}

qsizetype MailboxStore::memoryUsage() const
{
    qsizetype bytes = qsizetype(m_rows.capacity() * sizeof(std::vector<Row>));
    for (const std::vector<Row> &chunk : m_rows)
        bytes += qsizetype(chunk.capacity() * sizeof(Row));
    for (const QString &chunk : m_text)
        bytes += chunk.capacity() * qsizetype(sizeof(QChar));
    for (const QByteArray &chunk : m_keys)
        bytes += chunk.capacity();
    bytes += qsizetype(m_slots.capacity() * sizeof(qint32));
    bytes += qsizetype(m_tags.capacity());
    return bytes;
}

quint32 MailboxStore::serialFormat()
{
    // Bump the high half when Row changes; sizeof catches most changes on its own.
    return 2u << 16 | quint32(sizeof(Row));
}

MailboxStore MailboxStore::detachedCopy() const
{
    MailboxStore copy(*this);
    if (!copy.m_text.isEmpty()) {
        const QString &open = m_text.last();
        copy.m_text.last() = QString(open.constData(), open.size());
    }
    if (!copy.m_keys.isEmpty()) {
        const QByteArray &open = m_keys.last();
        copy.m_keys.last() = QByteArray(open.constData(), open.size());
    }
    return copy;
}

MailboxStore::Serialized MailboxStore::serialize() const
{
    Serialized out;
    qsizetype textUnitCount = 0;
    qsizetype keyBytes = 0;
    for (int row = 0; row < m_size; ++row) {
        const Row &r = rowAt(row);
        textUnitCount += textUnits(r);
        keyBytes += r.keyLength;
    }
    QString text;
    text.reserve(textUnitCount);
    out.keys.reserve(keyBytes);
    const SerialHeader header{kSerialMagic, quint32(sizeof(Row)), quint32(m_size), 0};
    out.rows.resize(qsizetype(sizeof(SerialHeader) + sizeof(Row) * size_t(m_size)));
    char *cursor = out.rows.data();
    std::memcpy(cursor, &header, sizeof header);
    cursor += sizeof header;
    for (int row = 0; row < m_size; ++row) {
        Row r = rowAt(row);
        const QStringView rowUnits = rowText(r);
        r.textChunk = 0;
        r.textOffset = quint32(text.size());
        text.append(rowUnits);
        r.keyChunk = 0;
        r.keyOffset = quint32(out.keys.size());
        out.keys.append(searchKey(row));
        std::memcpy(cursor, &r, sizeof r);
        cursor += sizeof r;
    }
    out.text =
        QByteArray(reinterpret_cast<const char *>(text.constData()), text.size() * qsizetype(sizeof(QChar)));
    return out;
}

std::optional<MailboxStore> MailboxStore::deserialize(QByteArrayView rows, QByteArrayView text,
                                                      QByteArrayView keys, QString *error)
{
    SerialHeader header{};
    if (rows.size() < qsizetype(sizeof header)) {
        fail(error, QStringLiteral("the mailbox records are truncated"));
        return std::nullopt;
    }
    std::memcpy(&header, rows.data(), sizeof header);
    if (header.magic != kSerialMagic || header.recordSize != sizeof(Row)) {
        fail(error, QStringLiteral("the mailbox records were written in another layout"));
        return std::nullopt;
    }
    if (rows.size() != qsizetype(sizeof header + size_t(header.rowCount) * sizeof(Row)) ||
        text.size() % qsizetype(sizeof(QChar)) != 0 ||
        header.rowCount > quint32(std::numeric_limits<int>::max())) {
        fail(error, QStringLiteral("the mailbox records are truncated"));
        return std::nullopt;
    }
    MailboxStore store;
    // One chunk each for the whole arenas: later upserts start new chunks after them.
    store.m_text.append(
        QString(reinterpret_cast<const QChar *>(text.data()), text.size() / qsizetype(sizeof(QChar))));
    store.m_keys.append(keys.toByteArray());
    const qsizetype arenaUnits = store.m_text.first().size();
    const qsizetype keyBytes = store.m_keys.first().size();
    const int count = int(header.rowCount);
    store.reserve(count);
    const char *cursor = rows.data() + sizeof header;
    for (int first = 0; first < count; first += kRowsPerChunk) {
        const int inChunk = qMin(kRowsPerChunk, count - first);
        std::vector<Row> &chunk = store.m_rows.emplace_back(size_t(inChunk));
        std::memcpy(static_cast<void *>(chunk.data()), cursor, sizeof(Row) * size_t(inChunk));
        cursor += sizeof(Row) * size_t(inChunk);
        if (inChunk < kRowsPerChunk)
            chunk.reserve(kRowsPerChunk);
    }
    store.rehash(slotsFor(count)); // before m_size is set: sized once, filled below
    store.m_size = count;
    // A damaged cache must fail here, not crash a view later.
    for (int row = 0; row < count; ++row) {
        const Row &r = store.rowAt(row);
        const bool valid =
            r.textChunk == 0 && r.keyChunk == 0 && qsizetype(r.textOffset) + textUnits(r) <= arenaUnits &&
            r.aliasInAddress <= 1 && (!r.aliasInAddress || r.aliasLength <= r.addressLength) &&
            qsizetype(r.keyOffset) + r.keyLength <= keyBytes &&
            quint8(r.smtpAuthOverride) <= quint8(Override::Disabled) && store.searchKey(row).count('\n') == 2;
        if (!valid) {
            fail(error, QStringLiteral("mailbox record %1 is damaged").arg(row));
            return std::nullopt;
        }
        const GuidHash hash(r.guid);
        const size_t slot = store.probe(r.guid, hash);
        if (store.m_slots[slot] >= 0) {
            fail(error, QStringLiteral("mailbox record %1 repeats a Guid").arg(row));
            return std::nullopt;
        }
        store.m_slots[slot] = row;
        store.m_tags[slot] = hash.tag();
    }
    return store;
}

} // namespace smtpauth
