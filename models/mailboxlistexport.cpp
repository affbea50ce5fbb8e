#include "mailboxlistexport.h"

#include "csvwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace smtpauth {

MailboxListExport::MailboxListExport(const MailboxStore &store, OrgSetting org, QList<int> rows)
    : m_store(store), m_org(org), m_rows(std::move(rows))
{
}

QStringList MailboxListExport::columnNames()
{
    return {QStringLiteral("displayName"), QStringLiteral("primarySmtpAddress"), QStringLiteral("override"),
            QStringLiteral("effective"),   QStringLiteral("source"),             QStringLiteral("guid"),
            QStringLiteral("externalDirectoryObjectId")};
}

QStringList MailboxListExport::cells(int row) const
{
    const Effective effective = resolveEffective(m_store.smtpAuthOverride(row), m_org);
    const QUuid external = m_store.externalDirectoryObjectId(row);
    return {m_store.displayName(row).toString(),
            m_store.primarySmtpAddress(row).toString(),
            machineName(m_store.smtpAuthOverride(row)),
            machineName(effective.state),
            machineName(effective.source),
            m_store.guid(row).toString(QUuid::WithoutBraces),
            external.isNull() ? QString() : external.toString(QUuid::WithoutBraces)};
}

QByteArray MailboxListExport::toCsv() const
{
    CsvWriter writer;
    writer.addRow(columnNames());
    for (int row : m_rows)
        writer.addRow(cells(row));
    return writer.toUtf8();
}

QByteArray MailboxListExport::toJson() const
{
    const QStringList names = columnNames();
    QJsonArray mailboxes;
    for (int row : m_rows) {
        const QStringList values = cells(row);
        QJsonObject object;
        for (qsizetype i = 0; i < names.size(); ++i) {
            // An absent identifier is null in JSON, not an empty string that looks like a value.
            object.insert(names.at(i), values.at(i).isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(values.at(i)));
        }
        mailboxes.append(object);
    }
    QJsonObject document;
    document.insert(QStringLiteral("org"), machineName(m_org));
    document.insert(QStringLiteral("count"), int(m_rows.size()));
    document.insert(QStringLiteral("mailboxes"), mailboxes);
    return QJsonDocument(document).toJson(QJsonDocument::Indented);
}

QString MailboxListExport::toTable() const
{
    const QStringList headers{QStringLiteral("DISPLAY NAME"), QStringLiteral("ADDRESS"), QStringLiteral("OVERRIDE"),
                              QStringLiteral("EFFECTIVE"), QStringLiteral("SOURCE")};
    const int columns = int(headers.size());
    QList<QStringList> lines;
    lines.reserve(m_rows.size() + 1);
    lines.append(headers);
    for (int row : m_rows)
        lines.append(cells(row).mid(0, columns));
    QList<qsizetype> widths(columns, 0);
    for (const QStringList &line : std::as_const(lines)) {
        for (int c = 0; c < columns; ++c)
            widths[c] = std::max(widths[c], line.at(c).size());
    }
    QString out;
    for (const QStringList &line : std::as_const(lines)) {
        for (int c = 0; c < columns; ++c) {
            // Control characters in a name must not move the terminal's cursor or fake extra rows.
            QString cell = line.at(c);
            for (QChar &ch : cell) {
                if (ch.category() == QChar::Other_Control)
                    ch = QChar(0xFFFD);
            }
            out += c + 1 < columns ? cell.leftJustified(widths[c]) + QLatin1String("  ") : cell;
        }
        out += QLatin1Char('\n');
    }
    return out;
}

} // namespace smtpauth
