// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/journalexport.h"

#include "models/csvwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace smtpauth {

namespace {
QString isoUtc(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}
} // namespace

QStringList JournalExport::columnNames()
{
    return {QStringLiteral("change"),
            QStringLiteral("batch"),
            QStringLiteral("time_utc"),
            QStringLiteral("operator"),
            QStringLiteral("tenant"),
            QStringLiteral("kind"),
            QStringLiteral("target_kind"),
            QStringLiteral("target_guid"),
            QStringLiteral("target_address"),
            QStringLiteral("target_display_name"),
            QStringLiteral("before"),
            QStringLiteral("after"),
            QStringLiteral("state"),
            QStringLiteral("server_message"),
            QStringLiteral("client_request_id"),
            QStringLiteral("reason"),
            QStringLiteral("ticket"),
            QStringLiteral("undo_of")};
}

QStringList JournalExport::cells(const HistoryEntry &entry)
{
    const ChangeRecord &change = entry.change;
    const BatchRecord &batch = entry.batch;
    // An undo batch points at either one change or a whole batch; one column keeps it readable.
    QString undoOf;
    if (batch.undoOfChange != 0)
        undoOf = changeLabel(batch.undoOfChange);
    else if (batch.undoOfBatch != 0)
        undoOf = batchLabel(batch.undoOfBatch);
    return {changeLabel(change.id),
            batchLabel(change.batchId),
            isoUtc(change.createdUtc),
            batch.operatorUpn,
            batch.tenantId,
            machineName(batch.kind),
            machineName(change.targetKind),
            change.targetGuid.isNull() ? QString() : change.targetGuid.toString(QUuid::WithoutBraces),
            change.targetAddress,
            change.targetDisplayName,
            change.before,
            change.after,
            machineName(change.state),
            change.serverMessage,
            change.clientRequestId,
            change.reason.isEmpty() ? batch.reason : change.reason, // a CSV row's own reason wins
            change.ticket.isEmpty() ? batch.ticket : change.ticket,
            undoOf};
}

QByteArray JournalExport::toCsv(const QList<HistoryEntry> &entries)
{
    CsvWriter writer;
    writer.addRow(columnNames());
    for (const HistoryEntry &entry : entries)
        writer.addRow(cells(entry));
    return writer.toUtf8();
}

QByteArray JournalExport::toJson(const QList<HistoryEntry> &entries, const QDateTime &exportedUtc)
{
    const QStringList names = columnNames();
    QJsonArray changes;
    for (const HistoryEntry &entry : entries) {
        const QStringList values = cells(entry);
        QJsonObject object;
        for (qsizetype i = 0; i < names.size(); ++i)
            object.insert(names.at(i),
                          values.at(i).isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(values.at(i)));
        changes.append(object);
    }
    QJsonObject document;
    document.insert(QStringLiteral("exportedUtc"), isoUtc(exportedUtc));
    document.insert(QStringLiteral("count"), int(entries.size()));
    document.insert(QStringLiteral("changes"), changes);
    return QJsonDocument(document).toJson(QJsonDocument::Indented);
}

} // namespace smtpauth
