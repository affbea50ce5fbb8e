// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/journalrecords.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QStringList>

namespace smtpauth {

// The change history as a document for auditors (`smtpauth-cli history --format csv|json`, the history
// view's export). Both formats carry the same columns, ids as the labels people type (C12, B3) and every
// time as ISO 8601 UTC.
class JournalExport
{
public:
    // change, batch, time_utc, operator, tenant, kind, target_kind, target_guid, target_address,
    // target_display_name, before, after, state, server_message, client_request_id, reason, ticket, undo_of
    static QStringList columnNames();

    // RFC 4180, UTF-8, header row; cells a spreadsheet would run as a formula are neutralised (CsvWriter).
    static QByteArray toCsv(const QList<HistoryEntry> &entries);

    // {"exportedUtc": "...", "count": N, "changes": [{<column>: value, ...}]}; an empty value is null.
    static QByteArray toJson(const QList<HistoryEntry> &entries,
                             const QDateTime &exportedUtc = QDateTime::currentDateTimeUtc());

    // The cells of one entry, in columnNames() order, before any CSV escaping.
    static QStringList cells(const HistoryEntry &entry);
};

} // namespace smtpauth
