// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QString>
#include <QStringList>
#include <QStringView>

namespace smtpauth {

// One record of a CSV file, as read; the cells are not trimmed (the reader does not interpret data).
struct CsvRecord
{
    enum class Problem : quint8
    {
        None,
        UnterminatedQuote,     // a quoted cell runs to the end of the file
        TextAfterClosingQuote, // "abc"def
        QuoteInUnquotedCell    // abc"def
    };

    // Physical line (1-based) the record starts on; a quoted cell with line breaks makes the record span
    // several lines, and people look for the row where it starts.
    int line = 0;
    QStringList cells;
    Problem problem = Problem::None;
    int problemLine = 0; // physical line of the first quoting problem (may lie inside a multi-line record)
    int problemCell = 0; // 1-based cell index of that problem

    bool isBlank() const; // an empty line, or only empty/whitespace cells
};

// RFC 4180 reader over already-decoded text: comma separator, double-quoted cells with "" for a quote,
// commas and line breaks (CRLF, LF or a lone CR) allowed inside quotes, last line break optional.
//
// Two deliberate liberties, both unambiguous: spaces or tabs around a quoted cell are ignored (hand-edited
// files often have `a, "b"`), and reading goes on after a quoting problem so that a caller can report every
// bad row of a file rather than only the first. A quote inside an unquoted cell is a problem rather than
// a literal, because it usually means a cell that should have been quoted and is about to be split wrongly.
class CsvReader
{
public:
    explicit CsvReader(QStringView text) : m_text(text) {}
    // A file saved by a spreadsheet with a European locale separates cells with ';'. Space and tab are
    // not allowed: the reader skips them around quoted cells.
    CsvReader(QStringView text, QChar separator) : m_text(text), m_separator(separator) {}

    bool atEnd() const { return m_pos >= m_text.size(); }
    // Reads the next record. Must not be called when atEnd().
    CsvRecord next();

private:
    QString readQuotedCell(CsvRecord &record, int cellNumber);
    QString readUnquotedCell(CsvRecord &record, int cellNumber);
    bool atLineBreak() const;
    void consumeLineBreak();
    void notePlainProblem(CsvRecord &record, CsvRecord::Problem problem, int cellNumber) const;

    QStringView m_text;
    QChar m_separator = QLatin1Char(',');
    qsizetype m_pos = 0;
    int m_line = 1;
};

} // namespace smtpauth
