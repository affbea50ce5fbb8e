// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/smtpauthclientsreport.h"

#include "models/csvreader.h"
#include "models/csvtextdecoder.h"

#include <QCoreApplication>
#include <QHash>

namespace smtpauth {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("SmtpAuthClientsReport", text);
}

quint8 protocolOf(QStringView value)
{
    quint8 bits = SmtpAuthClientsReport::NoProtocol;
    if (value.contains(QLatin1String("basic"), Qt::CaseInsensitive))
        bits |= SmtpAuthClientsReport::Basic;
    if (value.contains(QLatin1String("oauth"), Qt::CaseInsensitive))
        bits |= SmtpAuthClientsReport::OAuth;
    if (bits == SmtpAuthClientsReport::NoProtocol && !value.trimmed().isEmpty())
        bits = SmtpAuthClientsReport::OtherProtocol;
    return bits;
}

// "1,234" or "1 234" as some locales write counts; anything else is not a count.
bool parseCount(QString text, quint64 *out)
{
    text.remove(QLatin1Char(',')).remove(QLatin1Char(' ')).remove(QChar(0x00A0)).remove(QChar(0x202F));
    if (text.isEmpty()) {
        *out = 0;
        return true;
    }
    bool ok = false;
    *out = text.toULongLong(&ok);
    return ok;
}
} // namespace

void SmtpAuthClientsReport::warn(const QString &message)
{
    if (m_warnings.size() < kMaxListedWarnings)
        m_warnings.append(message);
    else
        ++m_unlistedWarnings;
}

SmtpAuthClientsReport SmtpAuthClientsReport::parse(const QByteArray &bytes)
{
    SmtpAuthClientsReport report;
    const CsvTextDecoder::Decoded decoded = CsvTextDecoder::decode(bytes);
    report.m_encoding = decoded.encoding;
    report.m_separator = decoded.separator;
    for (const QString &warning : decoded.warnings)
        report.warn(warning);
    CsvReader reader(decoded.text, decoded.separator);
    // Skip blank lines before the header (some exports start with one).
    CsvRecord header;
    while (!reader.atEnd()) {
        header = reader.next();
        if (!header.isBlank())
            break;
    }
    if (header.cells.isEmpty() || header.isBlank()) {
        report.m_error = tr("The SMTP AUTH clients report is empty.");
        return report;
    }
    int senderColumn = -1;
    int messagesColumn = -1;
    for (int column = 0; column < header.cells.size(); ++column) {
        const QString name = CsvTextDecoder::normalizedHeader(header.cells.at(column));
        report.m_headers.append(header.cells.at(column).trimmed());
        if (name == QLatin1String("sender address") ||
            (senderColumn < 0 && name.contains(QLatin1String("sender"))))
            senderColumn = column;
        else if (report.m_protocolColumn < 0 && name.contains(QLatin1String("protocol")))
            report.m_protocolColumn = column;
        else if (name == QLatin1String("messages sent") ||
                 (messagesColumn < 0 && name.contains(QLatin1String("messages"))))
            messagesColumn = column;
    }
    if (senderColumn < 0) {
        report.m_error = tr("This file has no sender column, so it is not an SMTP AUTH clients report. The "
                            "columns found are: %1. Export the report from the Exchange admin center "
                            "(Reports > Mail flow > SMTP AUTH clients).")
                             .arg(report.m_headers.join(QStringLiteral(", ")));
        return report;
    }
    for (int column = 0; column < report.m_headers.size(); ++column) {
        if (column != senderColumn && column != messagesColumn && column != report.m_protocolColumn)
            report.m_extraHeaders.append(report.m_headers.at(column));
    }
    if (report.m_protocolColumn < 0) {
        report.warn(tr("the file has no authentication protocol column: Basic and OAuth senders cannot be "
                       "told apart (reports exported before October 2024 lack it)"));
    }

    QHash<QString, qsizetype> indexByAddress; // case-folded address -> m_senders index
    while (!reader.atEnd()) {
        const CsvRecord record = reader.next();
        if (record.isBlank())
            continue;
        ++report.m_dataRows;
        if (record.problem != CsvRecord::Problem::None)
            report.warn(tr("line %1: the quoting is broken; the row was read as far as it goes")
                            .arg(record.problemLine));
        const QString address =
            senderColumn < record.cells.size() ? record.cells.at(senderColumn).trimmed() : QString();
        if (address.isEmpty()) {
            report.warn(tr("line %1: no sender address; the row is skipped").arg(record.line));
            continue;
        }
        quint64 messages = 0;
        if (messagesColumn >= 0 && messagesColumn < record.cells.size() &&
            !parseCount(record.cells.at(messagesColumn).trimmed(), &messages)) {
            report.warn(
                tr("line %1: messages sent %2 is not a number; counted as 0")
                    .arg(record.line)
                    .arg(QLatin1Char('\'') + record.cells.at(messagesColumn).left(40) + QLatin1Char('\'')));
            messages = 0;
        }
        const quint8 protocols = report.m_protocolColumn >= 0 && report.m_protocolColumn < record.cells.size()
                                     ? protocolOf(record.cells.at(report.m_protocolColumn))
                                     : quint8(NoProtocol);
        const QString key = address.toCaseFolded();
        const auto found = indexByAddress.constFind(key);
        if (found != indexByAddress.constEnd()) {
            Sender &sender = report.m_senders[size_t(*found)];
            sender.messagesSent += messages;
            sender.protocols |= protocols;
            ++report.m_duplicateRows;
            continue;
        }
        indexByAddress.insert(key, qsizetype(report.m_senders.size()));
        report.m_senders.push_back(Sender{address, messages, protocols, record.line});
    }
    if (report.m_unlistedWarnings > 0)
        report.m_warnings.append(tr("%1 more problems are not listed").arg(report.m_unlistedWarnings));
    return report;
}

QString SmtpAuthClientsReport::summary() const
{
    QString text = tr("%1 senders from %2 rows (%3, '%4')")
                       .arg(m_senders.size())
                       .arg(m_dataRows)
                       .arg(m_encoding, QString(m_separator));
    if (m_duplicateRows > 0)
        text += tr(", %1 duplicate rows joined").arg(m_duplicateRows);
    return text;
}

QStringList SmtpAuthClientsReport::protocolNames(quint8 protocols)
{
    QStringList names;
    if (protocols & Basic)
        names.append(QStringLiteral("Basic"));
    if (protocols & OAuth)
        names.append(QStringLiteral("OAuth"));
    if (protocols & OtherProtocol)
        names.append(QStringLiteral("Other"));
    return names;
}

} // namespace smtpauth
