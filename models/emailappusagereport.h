// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QByteArray>
#include <QDate>
#include <QString>
#include <QStringList>
#include <vector>

namespace smtpauth {

// The Graph email app usage report (graph-protocol.md §4, getEmailAppUsageUserDetail) as far as the
// readiness needs it: per user, whether SMTP AUTH was used in the period. Columns are found by header
// name, never by position (Microsoft has moved them before). Concealed user names (32 hex characters,
// the report's default pseudonyms) are recognised: such rows cannot be joined to a mailbox.
class EmailAppUsageReport
{
public:
    struct Row
    {
        QString userPrincipalName;
        bool smtpAppUsed = false;
        bool concealed = false;
        QDate lastActivity;
        int line = 0;
    };

    // ok() false: the file is not a usage report this console can read (error() says what is missing,
    // with the headers found).
    static EmailAppUsageReport parse(const QByteArray &bytes);
    // "FE7CC8C15246EDCCA289C9A4022762F7": the report's pseudonym for a user.
    static bool looksConcealed(QStringView userPrincipalName);

    bool ok() const { return m_error.isEmpty(); }
    const QString &error() const { return m_error; }
    const std::vector<Row> &rows() const { return m_rows; }
    qsizetype concealedRows() const { return m_concealedRows; }
    qsizetype smtpRows() const { return m_smtpRows; }
    QDate refreshDate() const { return m_refreshDate; }
    QString reportPeriod() const { return m_reportPeriod; }    // "30" as the report writes it, when present
    const QStringList &warnings() const { return m_warnings; } // at most kMaxListedWarnings
    static constexpr int kMaxListedWarnings = 50;

private:
    QString m_error;
    std::vector<Row> m_rows;
    qsizetype m_concealedRows = 0;
    qsizetype m_smtpRows = 0;
    QDate m_refreshDate;
    QString m_reportPeriod;
    QStringList m_warnings;
};

} // namespace smtpauth
