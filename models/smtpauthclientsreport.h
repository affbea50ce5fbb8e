// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <vector>

namespace smtpauth {

// The Exchange admin center's "SMTP AUTH clients" report, exported by the admin as CSV and imported here
// (graph-protocol.md §6; there is no API for it). Per sender: messages sent and the authentication
// protocols seen (Basic, OAuth).
//
// Columns are matched by header name: the sender column is the one named "Sender address" (or any header
// with "sender" in it), the protocol column any header with "protocol" in it, whose values containing
// "basic" or "oauth" (any case) mean Basic or OAuth. Unknown columns are kept by name. A file with no
// sender column is refused with the headers found. A sender on several rows is one sender (their
// messages added, their protocols joined); the duplicates are counted.
class SmtpAuthClientsReport
{
public:
    enum Protocol : quint8
    {
        NoProtocol = 0,
        Basic = 1,
        OAuth = 2,
        OtherProtocol = 4
    };

    struct Sender
    {
        QString address; // as in the file, trimmed
        quint64 messagesSent = 0;
        quint8 protocols = NoProtocol; // Protocol bits
        int line = 0;                  // where the sender first appears
    };

    static SmtpAuthClientsReport parse(const QByteArray &bytes);

    bool ok() const { return m_error.isEmpty(); }
    const QString &error() const { return m_error; }
    const std::vector<Sender> &senders() const { return m_senders; }
    bool hasProtocolColumn() const { return m_protocolColumn >= 0; }
    QStringList headers() const { return m_headers; }
    QStringList extraHeaders() const { return m_extraHeaders; } // kept, not interpreted
    qsizetype dataRows() const { return m_dataRows; }
    qsizetype duplicateRows() const { return m_duplicateRows; }
    QString encoding() const { return m_encoding; }
    QChar separator() const { return m_separator; }
    // Per-line problems that did not stop the import, for people (at most kMaxListedWarnings, then a count).
    const QStringList &warnings() const { return m_warnings; }
    static constexpr int kMaxListedWarnings = 50;

    // One line for a person: "812 senders from 815 rows (UTF-16LE, ';'), 3 duplicate rows joined".
    QString summary() const;
    static QStringList protocolNames(quint8 protocols); // ["Basic", "OAuth"]

private:
    void warn(const QString &message);

    QString m_error;
    std::vector<Sender> m_senders;
    QStringList m_headers;
    QStringList m_extraHeaders;
    int m_protocolColumn = -1;
    qsizetype m_dataRows = 0;
    qsizetype m_duplicateRows = 0;
    qsizetype m_unlistedWarnings = 0;
    QString m_encoding;
    QChar m_separator = QLatin1Char(',');
    QStringList m_warnings;
};

} // namespace smtpauth
