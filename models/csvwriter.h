// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QString>
#include <QStringList>

namespace smtpauth {

// RFC 4180 CSV, UTF-8, CRLF line ends, for files that admins open in spreadsheets.
//
// A cell that starts with = + - @ tab or CR is prefixed with an apostrophe so that a spreadsheet shows
// it as text instead of evaluating it: mailbox display names are chosen by users, and a name like
// `=HYPERLINK(...)` must not become a live formula in an auditor's export (OWASP "CSV injection").
class CsvWriter
{
public:
    void addRow(const QStringList &cells);
    QString text() const { return m_text; }
    QByteArray toUtf8() const { return m_text.toUtf8(); }

    static QString escapeCell(const QString &cell);

private:
    QString m_text;
};

} // namespace smtpauth
