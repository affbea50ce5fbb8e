// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/csvreader.h"

namespace smtpauth {

namespace {

bool isBlankSpace(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t');
}

} // namespace

bool CsvRecord::isBlank() const
{
    for (const QString &cell : cells) {
        if (!cell.trimmed().isEmpty())
            return false;
    }
    return true;
}

bool CsvReader::atLineBreak() const
{
    if (m_pos >= m_text.size())
        return false;
    const QChar c = m_text[m_pos];
    return c == QLatin1Char('\n') || c == QLatin1Char('\r');
}

void CsvReader::consumeLineBreak()
{
    // CRLF, LF and a lone CR (old Mac exports) each end exactly one physical line.
    if (m_text[m_pos] == QLatin1Char('\r') && m_pos + 1 < m_text.size() &&
        m_text[m_pos + 1] == QLatin1Char('\n'))
        ++m_pos;
    ++m_pos;
    ++m_line;
}

void CsvReader::notePlainProblem(CsvRecord &record, CsvRecord::Problem problem, int cellNumber) const
{
    // Only the first problem of a record is kept: later ones are usually its consequences.
    if (record.problem != CsvRecord::Problem::None)
        return;
    record.problem = problem;
    record.problemLine = m_line;
    record.problemCell = cellNumber;
}

QString CsvReader::readQuotedCell(CsvRecord &record, int cellNumber)
{
    const int openingLine = m_line;
    ++m_pos; // opening quote
    QString cell;
    for (;;) {
        if (m_pos >= m_text.size()) {
            if (record.problem == CsvRecord::Problem::None) {
                record.problem = CsvRecord::Problem::UnterminatedQuote;
                record.problemLine = openingLine;
                record.problemCell = cellNumber;
            }
            return cell;
        }
        const QChar c = m_text[m_pos];
        if (c == QLatin1Char('"')) {
            if (m_pos + 1 < m_text.size() && m_text[m_pos + 1] == QLatin1Char('"')) {
                cell += QLatin1Char('"');
                m_pos += 2;
                continue;
            }
            ++m_pos; // closing quote
            break;
        }
        if (c == QLatin1Char('\r') || c == QLatin1Char('\n')) {
            // Kept verbatim: a multi-line reason is data. Only the line counter needs care.
            const qsizetype start = m_pos;
            consumeLineBreak();
            cell += m_text.mid(start, m_pos - start);
            continue;
        }
        cell += c;
        ++m_pos;
    }

    while (m_pos < m_text.size() && isBlankSpace(m_text[m_pos]))
        ++m_pos;
    if (m_pos < m_text.size() && m_text[m_pos] != m_separator && !atLineBreak()) {
        notePlainProblem(record, CsvRecord::Problem::TextAfterClosingQuote, cellNumber);
        // Keep what follows so the caller can still show it; the record is marked unreliable anyway.
        while (m_pos < m_text.size() && m_text[m_pos] != m_separator && !atLineBreak())
            cell += m_text[m_pos++];
    }
    return cell;
}

QString CsvReader::readUnquotedCell(CsvRecord &record, int cellNumber)
{
    const qsizetype start = m_pos;
    while (m_pos < m_text.size()) {
        const QChar c = m_text[m_pos];
        if (c == m_separator || c == QLatin1Char('\n') || c == QLatin1Char('\r'))
            break;
        if (c == QLatin1Char('"'))
            notePlainProblem(record, CsvRecord::Problem::QuoteInUnquotedCell, cellNumber);
        ++m_pos;
    }
    return m_text.mid(start, m_pos - start).toString();
}

CsvRecord CsvReader::next()
{
    CsvRecord record;
    record.line = m_line;
    for (;;) {
        const int cellNumber = int(record.cells.size()) + 1;
        qsizetype lookahead = m_pos;
        while (lookahead < m_text.size() && isBlankSpace(m_text[lookahead]))
            ++lookahead;
        if (lookahead < m_text.size() && m_text[lookahead] == QLatin1Char('"')) {
            m_pos = lookahead;
            record.cells.append(readQuotedCell(record, cellNumber));
        } else {
            record.cells.append(readUnquotedCell(record, cellNumber));
        }
        if (m_pos < m_text.size() && m_text[m_pos] == m_separator) {
            ++m_pos;
            continue;
        }
        break;
    }
    if (atLineBreak())
        consumeLineBreak();
    return record;
}

} // namespace smtpauth
