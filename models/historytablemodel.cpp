// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/historytablemodel.h"

#include "models/smtpauthpolicy.h"

#include <algorithm>

namespace smtpauth {

namespace {

QString isoUtc(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

// Rows have one height (100k-row journals must scroll smoothly), so a line break in a name or a server
// message would cut the cell in half and hide what follows it. The display shows a visible marker instead;
// the tooltip and the raw roles keep the text exactly as recorded.
QString singleLine(QString text)
{
    static const QChar marker(0x23CE); // ⏎
    text.replace(QLatin1String("\r\n"), QString(marker));
    for (const QChar lineBreak : {QChar(u'\n'), QChar(u'\r'), QChar(0x2028), QChar(0x2029)})
        text.replace(lineBreak, marker);
    return text;
}

} // namespace

HistoryTableModel::HistoryTableModel(QObject *parent) : QAbstractTableModel(parent) {}

int HistoryTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int HistoryTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString HistoryTableModel::outcomeText(ChangeState state)
{
    switch (state) {
    case ChangeState::Intended:
        return tr("Not sent");
    case ChangeState::Sent:
        return tr("Sent, no answer yet");
    case ChangeState::Applied:
        return tr("Applied");
    case ChangeState::NoOp:
        return tr("Already set");
    case ChangeState::Failed:
        return tr("Failed");
    case ChangeState::Conflict:
        return tr("Conflict");
    case ChangeState::Unknown:
        return tr("Unknown (may have reached the server)");
    }
    return machineName(state);
}

QString HistoryTableModel::valueText(ChangeTargetKind kind, const QString &machineWord)
{
    if (kind == ChangeTargetKind::Org) {
        OrgSetting org;
        if (orgSettingFromName(machineWord, &org))
            return smtpauth::displayText(org);
    } else {
        Override value;
        if (overrideFromName(machineWord, &value))
            return smtpauth::displayText(value);
    }
    return machineWord;
}

QString HistoryTableModel::targetText(const ChangeRecord &change)
{
    if (change.targetKind == ChangeTargetKind::Org)
        return tr("Organization");
    return change.targetAddress;
}

QString HistoryTableModel::effectiveReason(const HistoryEntry &entry)
{
    return entry.change.reason.isEmpty() ? entry.batch.reason : entry.change.reason;
}

QString HistoryTableModel::effectiveTicket(const HistoryEntry &entry)
{
    return entry.change.ticket.isEmpty() ? entry.batch.ticket : entry.change.ticket;
}

QString HistoryTableModel::displayText(const HistoryEntry &entry, int column) const
{
    const ChangeRecord &change = entry.change;
    switch (column) {
    case ChangeColumn:
        return changeLabel(change.id);
    case BatchColumn:
        return batchLabel(change.batchId);
    case TimeColumn:
        // Local time for the person reading; seconds matter when comparing with server logs.
        return change.createdUtc.isValid()
                   ? change.createdUtc.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                   : QString();
    case OperatorColumn:
        return entry.batch.operatorUpn;
    case TargetColumn:
        return targetText(change);
    case NameColumn:
        return change.targetDisplayName;
    case BeforeAfterColumn:
        return tr("%1 → %2").arg(valueText(change.targetKind, change.before),
                                 valueText(change.targetKind, change.after));
    case OutcomeColumn:
        return outcomeText(change.state);
    case MessageColumn:
        return change.serverMessage;
    case ReasonColumn:
        return effectiveReason(entry);
    case TicketColumn:
        return effectiveTicket(entry);
    default:
        return QString();
    }
}

QVariant HistoryTableModel::sortValue(const HistoryEntry &entry, int column) const
{
    switch (column) {
    case ChangeColumn:
        return entry.change.id;
    case BatchColumn:
        return entry.change.batchId;
    case TimeColumn:
        return isoUtc(entry.change.createdUtc);
    default:
        return displayText(entry, column);
    }
}

QVariant HistoryTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const HistoryEntry &entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return singleLine(displayText(entry, index.column()));
    case Qt::ToolTipRole:
        if (index.column() == TimeColumn)
            return isoUtc(entry.change.createdUtc);
        if (index.column() == TargetColumn && entry.change.targetKind == ChangeTargetKind::Mailbox &&
            !entry.change.targetGuid.isNull())
            return QString(entry.change.targetAddress + QLatin1Char('\n') +
                           entry.change.targetGuid.toString(QUuid::WithoutBraces));
        return displayText(entry, index.column());
    case ChangeRecordRole:
        return QVariant::fromValue(entry.change);
    case BatchRecordRole:
        return QVariant::fromValue(entry.batch);
    case ChangeLabelRole:
        return changeLabel(entry.change.id);
    case BatchLabelRole:
        return batchLabel(entry.change.batchId);
    case ChangeIdRole:
        return entry.change.id;
    case BatchIdRole:
        return entry.change.batchId;
    case ChangeStateRole:
        return QVariant::fromValue(entry.change.state);
    case SortRole:
        return sortValue(entry, index.column());
    default:
        return {};
    }
}

QVariant HistoryTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ChangeColumn:
        return tr("Change");
    case BatchColumn:
        return tr("Batch");
    case TimeColumn:
        return tr("Time");
    case OperatorColumn:
        return tr("Operator");
    case TargetColumn:
        return tr("Target");
    case NameColumn:
        return tr("Name");
    case BeforeAfterColumn:
        return tr("Before → After");
    case OutcomeColumn:
        return tr("Outcome");
    case MessageColumn:
        return tr("Message");
    case ReasonColumn:
        return tr("Reason");
    case TicketColumn:
        return tr("Ticket");
    default:
        return {};
    }
}

QHash<int, QByteArray> HistoryTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(ChangeRecordRole, "changeRecord");
    names.insert(BatchRecordRole, "batchRecord");
    names.insert(ChangeLabelRole, "changeLabel");
    names.insert(BatchLabelRole, "batchLabel");
    names.insert(ChangeIdRole, "changeId");
    names.insert(BatchIdRole, "batchId");
    names.insert(ChangeStateRole, "changeState");
    names.insert(SortRole, "sortValue");
    return names;
}

void HistoryTableModel::setEntries(QList<HistoryEntry> entries)
{
    std::stable_sort(entries.begin(), entries.end(),
                     [](const HistoryEntry &a, const HistoryEntry &b) { return a.change.id > b.change.id; });
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

void HistoryTableModel::clear()
{
    setEntries({});
}

int HistoryTableModel::rowOfChange(qint64 changeId) const
{
    // Rows are sorted by descending id: a binary search keeps selection restore cheap on big journals.
    const auto it =
        std::lower_bound(m_entries.cbegin(), m_entries.cend(), changeId,
                         [](const HistoryEntry &entry, qint64 id) { return entry.change.id > id; });
    if (it == m_entries.cend() || it->change.id != changeId)
        return -1;
    return int(it - m_entries.cbegin());
}

} // namespace smtpauth
