// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/emailappusagereport.h"

#include "models/csvreader.h"
#include "models/csvtextdecoder.h"

#include <QCoreApplication>

namespace smtpauth {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("EmailAppUsageReport", text);
}

int columnOf(const QStringList &normalizedHeaders, const char *name)
{
    return int(normalizedHeaders.indexOf(CsvTextDecoder::normalizedHeader(QString::fromLatin1(name))));
}

QString cellAt(const CsvRecord &record, int column)
{
    return column >= 0 && column < record.cells.size() ? record.cells.at(column).trimmed() : QString();
}
} // namespace

bool EmailAppUsageReport::looksConcealed(QStringView userPrincipalName)
{
    if (userPrincipalName.size() != 32)
        return false;
    for (const QChar c : userPrincipalName) {
        const bool hex = (c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
                         (c >= QLatin1Char('A') && c <= QLatin1Char('F')) ||
                         (c >= QLatin1Char('a') && c <= QLatin1Char('f'));
        if (!hex)
            return false;
    }
    return true;
}

EmailAppUsageReport EmailAppUsageReport::parse(const QByteArray &bytes)
{
    EmailAppUsageReport report;
    const CsvTextDecoder::Decoded decoded = CsvTextDecoder::decode(bytes);
    report.m_warnings = decoded.warnings;
    CsvReader reader(decoded.text, decoded.separator);
    if (reader.atEnd()) {
        report.m_error = tr("The usage report is empty.");
        return report;
    }
    const CsvRecord header = reader.next();
    QStringList normalized;
    for (const QString &cell : header.cells)
        normalized.append(CsvTextDecoder::normalizedHeader(cell));
    const int upnColumn = columnOf(normalized, "User Principal Name");
    const int smtpColumn = columnOf(normalized, "SMTP App");
    if (upnColumn < 0 || smtpColumn < 0) {
        QStringList missing;
        if (upnColumn < 0)
            missing.append(QStringLiteral("User Principal Name"));
        if (smtpColumn < 0)
            missing.append(QStringLiteral("SMTP App"));
        report.m_error =
            tr("The usage report has no column %1; the columns found are: %2.")
                .arg(missing.join(QStringLiteral(", ")), header.cells.join(QStringLiteral(", ")));
        return report;
    }
    const int activityColumn = columnOf(normalized, "Last Activity Date");
    const int refreshColumn = columnOf(normalized, "Report Refresh Date");
    const int periodColumn = columnOf(normalized, "Report Period");

    while (!reader.atEnd()) {
        const CsvRecord record = reader.next();
        if (record.isBlank())
            continue;
        if (record.problem != CsvRecord::Problem::None && report.m_warnings.size() < kMaxListedWarnings) {
            report.m_warnings.append(tr("line %1: the quoting is broken; the row was read as far as it goes")
                                         .arg(record.problemLine));
        }
        Row row;
        row.line = record.line;
        row.userPrincipalName = cellAt(record, upnColumn);
        if (row.userPrincipalName.isEmpty()) {
            if (report.m_warnings.size() < kMaxListedWarnings)
                report.m_warnings.append(
                    tr("line %1: no user principal name; the row is skipped").arg(record.line));
            continue;
        }
        row.smtpAppUsed = !cellAt(record, smtpColumn).isEmpty();
        row.concealed = looksConcealed(row.userPrincipalName);
        row.lastActivity = QDate::fromString(cellAt(record, activityColumn), Qt::ISODate);
        if (report.m_refreshDate.isNull())
            report.m_refreshDate = QDate::fromString(cellAt(record, refreshColumn), Qt::ISODate);
        if (report.m_reportPeriod.isEmpty())
            report.m_reportPeriod = cellAt(record, periodColumn);
        report.m_concealedRows += row.concealed ? 1 : 0;
        report.m_smtpRows += row.smtpAppUsed ? 1 : 0;
        report.m_rows.push_back(std::move(row));
    }
    return report;
}

} // namespace smtpauth
