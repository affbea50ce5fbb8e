#include "mailboxstore.h"

namespace smtpauth {

void MailboxStore::reserve(int rows)
{
    m_rows.reserve(size_t(rows));
    m_rowByGuid.reserve(rows);
    // Names and addresses average well under 64 UTF-16 units per mailbox, the folded key about as much.
    m_text.reserve(qsizetype(rows) * 128);
}

void MailboxStore::clear()
{
    m_rows.clear();
    m_rows.shrink_to_fit();
    m_text.clear();
    m_text.squeeze();
    m_rowByGuid.clear();
}

MailboxStore::TextRef MailboxStore::appendText(QStringView text)
{
    TextRef ref{quint32(m_text.size()), quint32(text.size())};
    m_text.append(text);
    return ref;
}

QString MailboxStore::foldForSearch(QStringView text)
{
    // QString folds one code unit to one code unit, so German ß would never match a typed "ss"
    // (full Unicode folding maps it to "ss"); that is the one multi-letter folding staff type often.
    QString folded = text.toString().toCaseFolded();
    folded.replace(QChar(0x00DF), QLatin1String("ss"));
    return folded;
}

int MailboxStore::upsert(const Mailbox &mailbox)
{
    Row row;
    row.guid = mailbox.guid;
    row.externalId = mailbox.externalDirectoryObjectId;
    row.displayName = appendText(mailbox.displayName);
    row.address = appendText(mailbox.primarySmtpAddress);
    row.alias = appendText(mailbox.alias);
    // '\n' cannot occur in a typed needle, so a match can never span two fields.
    row.searchKey = appendText(foldForSearch(
        QString(mailbox.displayName + QLatin1Char('\n') + mailbox.primarySmtpAddress + QLatin1Char('\n') +
                mailbox.alias)));
    row.smtpAuthOverride = mailbox.smtpAuthOverride;

    const auto existing = m_rowByGuid.constFind(mailbox.guid);
    if (existing != m_rowByGuid.constEnd()) {
        m_rows[size_t(*existing)] = row;
        return *existing;
    }
    const int index = int(m_rows.size());
    m_rows.push_back(row);
    m_rowByGuid.insert(mailbox.guid, index);
    return index;
}

Mailbox MailboxStore::at(int row) const
{
    const Row &r = m_rows[size_t(row)];
    return Mailbox{r.guid, r.externalId, text(r.displayName).toString(), text(r.address).toString(),
                   text(r.alias).toString(), r.smtpAuthOverride};
}

QStringView MailboxStore::displayName(int row) const
{
    return text(m_rows[size_t(row)].displayName);
}

QStringView MailboxStore::primarySmtpAddress(int row) const
{
    return text(m_rows[size_t(row)].address);
}

QStringView MailboxStore::alias(int row) const
{
    return text(m_rows[size_t(row)].alias);
}

bool MailboxStore::matchesSearch(int row, QStringView foldedNeedle) const
{
    if (foldedNeedle.isEmpty())
        return true;
    return text(m_rows[size_t(row)].searchKey).contains(foldedNeedle, Qt::CaseSensitive);
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
            if (m_rows[size_t(row)].externalId == asUuid)
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

} // namespace smtpauth
