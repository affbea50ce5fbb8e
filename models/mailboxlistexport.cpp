// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/mailboxlistexport.h"

#include "models/csvwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

namespace smtpauth {

MailboxListExport::MailboxListExport(const MailboxStore &store, OrgSetting org, QList<int> rows)
    : m_store(store), m_org(org), m_rows(std::move(rows))
{
}

MailboxListExport::MailboxListExport(const MailboxStore &store, OrgSetting org, QList<int> rows,
                                     QList<PackedVerdict> basicNow)
    : m_store(store), m_org(org), m_rows(std::move(rows))
{
    if (basicNow.size() == m_rows.size())
        m_basicNow = std::move(basicNow);
}

QStringList MailboxListExport::columnNamesWithReadiness()
{
    return columnNames() + QStringList{QStringLiteral("basicNow"), QStringLiteral("decidedBy")};
}

QStringList MailboxListExport::columns() const
{
    return m_basicNow.isEmpty() ? columnNames() : columnNamesWithReadiness();
}

QStringList MailboxListExport::columnNames()
{
    return {QStringLiteral("displayName"),
            QStringLiteral("primarySmtpAddress"),
            QStringLiteral("override"),
            QStringLiteral("effective"),
            QStringLiteral("source"),
            QStringLiteral("guid"),
            QStringLiteral("externalDirectoryObjectId")};
}

QStringList MailboxListExport::cells(int index) const
{
    const int row = m_rows.at(index);
    const Effective effective = resolveEffective(m_store.smtpAuthOverride(row), m_org);
    const QUuid external = m_store.externalDirectoryObjectId(row);
    QStringList cells{m_store.displayName(row).toString(),
                      m_store.primarySmtpAddress(row).toString(),
                      machineName(m_store.smtpAuthOverride(row)),
                      machineName(effective.state),
                      machineName(effective.source),
                      m_store.guid(row).toString(QUuid::WithoutBraces),
                      external.isNull() ? QString() : external.toString(QUuid::WithoutBraces)};
    if (!m_basicNow.isEmpty()) {
        const PackedVerdict verdict = m_basicNow.at(index);
        cells << machineName(verdict.verdict())
              << (verdict.decidedBy() ? machineName(*verdict.decidedBy()) : QString());
    }
    return cells;
}

QByteArray MailboxListExport::toCsv() const
{
    CsvWriter writer;
    writer.addRow(columns());
    for (int i = 0; i < int(m_rows.size()); ++i)
        writer.addRow(cells(i));
    return writer.toUtf8();
}

QByteArray MailboxListExport::toJson() const
{
    const QStringList names = columns();
    QJsonArray mailboxes;
    for (int i = 0; i < int(m_rows.size()); ++i) {
        const QStringList values = cells(i);
        QJsonObject object;
        for (qsizetype i = 0; i < names.size(); ++i) {
            // An absent identifier is null in JSON, not an empty string that looks like a value.
            object.insert(names.at(i),
                          values.at(i).isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(values.at(i)));
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
    QStringList headers{QStringLiteral("DISPLAY NAME"), QStringLiteral("ADDRESS"), QStringLiteral("OVERRIDE"),
                        QStringLiteral("EFFECTIVE"), QStringLiteral("SOURCE")};
    const int settingColumns = int(headers.size());
    const int readinessFirst = int(columnNames().size()); // after the ids, which a terminal table leaves out
    if (!m_basicNow.isEmpty())
        headers << QStringLiteral("BASIC NOW") << QStringLiteral("DECIDED BY");
    const int columns = int(headers.size());
    QList<QStringList> lines;
    lines.reserve(m_rows.size() + 1);
    lines.append(headers);
    for (int i = 0; i < int(m_rows.size()); ++i) {
        const QStringList all = cells(i);
        QStringList line = all.mid(0, settingColumns);
        if (!m_basicNow.isEmpty())
            line << all.mid(readinessFirst, 2);
        lines.append(line);
    }
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
