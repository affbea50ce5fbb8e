// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/mailboxtablemodel.h"

#include <QLocale>
#include <algorithm>
#include <thread>

namespace smtpauth {

MailboxTableModel::MailboxTableModel(QObject *parent)
    : QAbstractTableModel(parent), m_evaluated(std::make_shared<const TenantDirectory>()),
      m_evaluator(std::make_unique<ReadinessEvaluator>(*m_evaluated, QDateTime::currentDateTimeUtc().date()))
{
}

int MailboxTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_store.size();
}

int MailboxTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MailboxTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case DisplayNameColumn:
            return m_store.displayName(row).toString();
        case AddressColumn:
            return m_store.primarySmtpAddress(row).toString();
        case OverrideColumn:
            return displayText(m_store.smtpAuthOverride(row));
        case EffectiveColumn:
            return displayText(effectiveAt(row).state);
        case SourceColumn:
            return displayText(effectiveAt(row).source);
        case StagedColumn: {
            const auto staged = m_staged.constFind(m_store.guid(row));
            if (staged == m_staged.constEnd())
                return {};
            return tr("→ %1").arg(displayText(*staged));
        }
        case LastChangeColumn: {
            const auto last = m_lastChanges.constFind(m_store.guid(row));
            if (last == m_lastChanges.constEnd())
                return {};
            return tr("%1, %2").arg(last->operatorUpn,
                                    QLocale().toString(last->whenUtc.toLocalTime(), QLocale::ShortFormat));
        }
        case BasicNowColumn:
        case DecidedByColumn: {
            const PackedVerdict verdict = basicNowAt(row);
            const std::optional<ReadinessLayer> layer = verdict.shownLayer();
            if (role == Qt::ToolTipRole) {
                // One row's full explanation: cheap, and only asked for on hover.
                if (!layer)
                    return displayText(verdict.verdict());
                return tr("%1: %2").arg(displayText(*layer), explain(row).layer(*layer).detail);
            }
            if (index.column() == BasicNowColumn)
                return displayText(verdict.verdict());
            if (!layer)
                return {};
            return verdict.verdict() == Verdict::Unknown ? tr("Unknown: %1").arg(displayText(*layer))
                                                         : displayText(*layer);
        }
        default:
            return {};
        }
    case Qt::AccessibleDescriptionRole: {
        // What a screen reader says of the row in whichever cell: its state, where that comes from, and
        // any staged change (the bold type of a staged row is not heard).
        const Effective effective = effectiveAt(row);
        QString text =
            tr("SMTP AUTH %1, from %2").arg(displayText(effective.state), displayText(effective.source));
        const auto staged = m_staged.constFind(m_store.guid(row));
        if (staged != m_staged.constEnd())
            text += QLatin1String("; ") + tr("staged: %1, not applied yet").arg(displayText(*staged));
        return text;
    }
    case StagedRole: {
        const auto staged = m_staged.constFind(m_store.guid(row));
        return staged == m_staged.constEnd() ? QVariant() : QVariant::fromValue(*staged);
    }
    case GuidRole:
        return m_store.guid(row);
    case OverrideRole:
        return QVariant::fromValue(m_store.smtpAuthOverride(row));
    case EffectiveStateRole:
        return QVariant::fromValue(effectiveAt(row).state);
    case StateSourceRole:
        return QVariant::fromValue(effectiveAt(row).source);
    case BasicNowRole:
        return QVariant::fromValue(basicNowAt(row).verdict());
    case DecidedByRole: {
        const std::optional<ReadinessLayer> layer = basicNowAt(row).shownLayer();
        return layer ? QVariant::fromValue(*layer) : QVariant();
    }
    case PackedBasicNowRole:
        return QVariant::fromValue(basicNowAt(row));
    default:
        return {};
    }
}

QVariant MailboxTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case DisplayNameColumn:
        return tr("Display name");
    case AddressColumn:
        return tr("Primary address");
    case OverrideColumn:
        return tr("Override");
    case EffectiveColumn:
        return tr("Effective");
    case SourceColumn:
        return tr("Source");
    case StagedColumn:
        return tr("Staged");
    case LastChangeColumn:
        return tr("Last change (console)");
    case BasicNowColumn:
        return tr("Basic now");
    case DecidedByColumn:
        return tr("Decided by");
    default:
        return {};
    }
}

EffectiveCounts MailboxTableModel::counts() const
{
    const int inheriting = m_store.size() - m_enabledOverrides - m_disabledOverrides;
    EffectiveCounts counts;
    counts.enabledByMailbox = m_enabledOverrides;
    counts.disabledByMailbox = m_disabledOverrides;
    (m_org == OrgSetting::Enabled ? counts.enabledByOrg : counts.disabledByOrg) = inheriting;
    return counts;
}

void MailboxTableModel::countOverride(Override value, int delta)
{
    if (value == Override::Enabled)
        m_enabledOverrides += delta;
    else if (value == Override::Disabled)
        m_disabledOverrides += delta;
}

void MailboxTableModel::recountOverrides()
{
    m_enabledOverrides = 0;
    m_disabledOverrides = 0;
    for (int row = 0; row < m_store.size(); ++row)
        countOverride(m_store.smtpAuthOverride(row), 1);
}

void MailboxTableModel::setOrgSetting(OrgSetting org)
{
    if (org == m_org)
        return;
    m_org = org;
    if (!m_store.isEmpty()) {
        // The Basic-now verdict follows the switch too: one range up to the readiness columns.
        Q_EMIT dataChanged(index(0, OverrideColumn), index(rowCount() - 1, DecidedByColumn),
                           {Qt::DisplayRole, Qt::ToolTipRole, EffectiveStateRole, StateSourceRole,
                            BasicNowRole, DecidedByRole, PackedBasicNowRole});
    }
    Q_EMIT countsChanged();
}

void MailboxTableModel::replaceAll(MailboxStore store, OrgSetting org)
{
    beginResetModel();
    m_store = std::move(store);
    m_org = org;
    recountOverrides();
    recomputeReadiness();
    // Staging survives a refresh, but only for mailboxes that still exist.
    for (auto it = m_staged.begin(); it != m_staged.end();) {
        if (m_store.rowOfGuid(it.key()) < 0)
            it = m_staged.erase(it);
        else
            ++it;
    }
    endResetModel();
    Q_EMIT countsChanged();
    Q_EMIT stagingChanged();
}

void MailboxTableModel::appendMailboxes(const QList<Mailbox> &mailboxes)
{
    QList<Mailbox> fresh;
    // A listing may name a mailbox twice (the tenant changed while it was paged): the later entry wins
    // and it is still one row, or the inserted-row count would not match the store.
    QHash<QUuid, qsizetype> freshIndex;
    for (const Mailbox &mailbox : mailboxes) {
        const int existing = m_store.rowOfGuid(mailbox.guid);
        if (existing < 0) {
            if (const auto seen = freshIndex.constFind(mailbox.guid); seen != freshIndex.cend()) {
                fresh[*seen] = mailbox;
                continue;
            }
            freshIndex.insert(mailbox.guid, fresh.size());
            fresh.append(mailbox);
            continue;
        }
        countOverride(m_store.smtpAuthOverride(existing), -1);
        countReadiness(existing, -1);
        m_store.upsert(mailbox);
        countOverride(mailbox.smtpAuthOverride, 1);
        evaluateRow(existing); // its ids or address may have changed
        Q_EMIT dataChanged(index(existing, 0), index(existing, ColumnCount - 1));
    }
    if (!fresh.isEmpty()) {
        beginInsertRows({}, m_store.size(), m_store.size() + int(fresh.size()) - 1);
        m_basicLayers.resize(size_t(m_store.size() + fresh.size()), PackedVerdict::kInvalidBits);
        for (const Mailbox &mailbox : std::as_const(fresh)) {
            const int row = m_store.upsert(mailbox);
            countOverride(mailbox.smtpAuthOverride, 1);
            evaluateRow(row);
        }
        endInsertRows();
    }
    Q_EMIT countsChanged();
}

void MailboxTableModel::clear()
{
    beginResetModel();
    m_store.clear();
    m_enabledOverrides = 0;
    m_disabledOverrides = 0;
    std::vector<quint8>().swap(m_basicLayers);
    m_basicCounts = {};
    endResetModel();
    Q_EMIT countsChanged();
}

void MailboxTableModel::emitRowChanged(int row)
{
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int MailboxTableModel::stage(const QList<QUuid> &guids, Override value)
{
    int staged = 0;
    for (const QUuid &guid : guids) {
        const int row = m_store.rowOfGuid(guid);
        if (row < 0)
            continue;
        if (m_store.smtpAuthOverride(row) == value) {
            if (m_staged.remove(guid))
                emitRowChanged(row);
            continue;
        }
        m_staged.insert(guid, value);
        ++staged;
        emitRowChanged(row);
    }
    Q_EMIT stagingChanged();
    return staged;
}

void MailboxTableModel::unstage(const QList<QUuid> &guids)
{
    for (const QUuid &guid : guids) {
        if (m_staged.remove(guid)) {
            const int row = m_store.rowOfGuid(guid);
            if (row >= 0)
                emitRowChanged(row);
        }
    }
    Q_EMIT stagingChanged();
}

void MailboxTableModel::clearStaged()
{
    unstage(m_staged.keys());
}

std::optional<Override> MailboxTableModel::stagedValue(const QUuid &guid) const
{
    const auto staged = m_staged.constFind(guid);
    return staged == m_staged.constEnd() ? std::nullopt : std::optional(*staged);
}

QList<QUuid> MailboxTableModel::stagedGuids() const
{
    QList<QUuid> guids = m_staged.keys();
    std::sort(guids.begin(), guids.end(),
              [this](const QUuid &a, const QUuid &b) { return m_store.rowOfGuid(a) < m_store.rowOfGuid(b); });
    return guids;
}

void MailboxTableModel::setLastChanges(QHash<QUuid, LastChange> lastChanges)
{
    m_lastChanges = std::move(lastChanges);
    if (!m_store.isEmpty())
        Q_EMIT dataChanged(index(0, LastChangeColumn), index(rowCount() - 1, LastChangeColumn),
                           {Qt::DisplayRole});
}

bool MailboxTableModel::setOverride(const QUuid &guid, Override value)
{
    const int row = m_store.rowOfGuid(guid);
    if (row < 0)
        return false;
    countOverride(m_store.smtpAuthOverride(row), -1);
    countReadiness(row, -1);
    m_store.setSmtpAuthOverride(row, value);
    countOverride(value, 1);
    countReadiness(row, 1);
    Q_EMIT dataChanged(index(row, OverrideColumn), index(row, DecidedByColumn),
                       {Qt::DisplayRole, Qt::ToolTipRole, OverrideRole, EffectiveStateRole, StateSourceRole,
                        BasicNowRole, DecidedByRole, PackedBasicNowRole});
    Q_EMIT countsChanged();
    return true;
}

// --- readiness -----------------------------------------------------------------------------------

void MailboxTableModel::countReadiness(int row, int delta)
{
    const PackedVerdict basic = basicLayersAt(row);
    if (basic.isValid())
        m_basicCounts[size_t(m_store.smtpAuthOverride(row))][size_t(basic.verdict())] += delta;
}

quint8 MailboxTableModel::evaluatedBasicLayers(int row) const
{
    return m_evaluator
        ->packedBasicLayers(m_store.guid(row), m_store.externalDirectoryObjectId(row),
                            m_store.primarySmtpAddress(row))
        .bits();
}

void MailboxTableModel::evaluateRow(int row)
{
    m_basicLayers[size_t(row)] = evaluatedBasicLayers(row);
    countReadiness(row, 1);
}

void MailboxTableModel::recomputeReadiness()
{
    m_basicCounts = {};
    m_basicLayers.assign(size_t(m_store.size()), PackedVerdict::kInvalidBits);
    // Every row of a large tenant is evaluated again when the directory arrives, on the window's thread:
    // the rows are split over the cores (the evaluator and the store are only read; each thread writes its
    // own rows' bytes), then counted in one pass.
    const int rows = m_store.size();
    constexpr int kRowsPerThreadAtLeast = 20000;
    const int threads = std::clamp(rows / kRowsPerThreadAtLeast, 1,
                                   std::clamp(int(std::thread::hardware_concurrency()), 1, 4));
    const auto evaluateRange = [this](int first, int end) {
        for (int row = first; row < end; ++row)
            m_basicLayers[size_t(row)] = evaluatedBasicLayers(row);
    };
    std::vector<std::thread> helpers;
    helpers.reserve(size_t(threads - 1));
    const int chunk = (rows + threads - 1) / threads;
    for (int t = 1; t < threads; ++t)
        helpers.emplace_back(evaluateRange, t * chunk, std::min(rows, (t + 1) * chunk));
    evaluateRange(0, std::min(rows, chunk));
    for (std::thread &helper : helpers)
        helper.join();
    for (int row = 0; row < rows; ++row)
        countReadiness(row, 1);
}

void MailboxTableModel::setReadinessContext(std::shared_ptr<const TenantDirectory> directory, QDate today)
{
    // The new evaluator is built before the old directory can go: it holds a reference to its own.
    std::shared_ptr<const TenantDirectory> evaluated =
        directory ? directory : std::make_shared<const TenantDirectory>();
    auto evaluator = std::make_unique<ReadinessEvaluator>(*evaluated, today);
    m_evaluator = std::move(evaluator);
    m_evaluated = std::move(evaluated);
    m_directory = std::move(directory);
    recomputeReadiness();
    if (!m_store.isEmpty()) {
        Q_EMIT dataChanged(
            index(0, BasicNowColumn), index(rowCount() - 1, DecidedByColumn),
            {Qt::DisplayRole, Qt::ToolTipRole, BasicNowRole, DecidedByRole, PackedBasicNowRole});
    }
    Q_EMIT countsChanged();
}

VerdictCounts MailboxTableModel::basicNowCounts() const
{
    VerdictCounts counts;
    for (const Override value : {Override::Inherit, Override::Enabled, Override::Disabled}) {
        const auto &byVerdict = m_basicCounts[size_t(value)];
        if (resolveEffective(value, m_org).state == EffectiveState::Disabled) {
            counts.blocked += byVerdict[0] + byVerdict[1] + byVerdict[2];
            continue;
        }
        counts.allowed += byVerdict[size_t(Verdict::Allowed)];
        counts.blocked += byVerdict[size_t(Verdict::Blocked)];
        counts.unknown += byVerdict[size_t(Verdict::Unknown)];
    }
    return counts;
}

QList<PackedVerdict> MailboxTableModel::basicNowOf(const QList<int> &rows) const
{
    QList<PackedVerdict> verdicts;
    verdicts.reserve(rows.size());
    for (const int row : rows)
        verdicts.append(basicNowAt(row));
    return verdicts;
}

MailboxReadiness MailboxTableModel::explain(int row) const
{
    return m_evaluator->evaluate(m_store.smtpAuthOverride(row), m_org, m_store.guid(row),
                                 m_store.externalDirectoryObjectId(row), m_store.primarySmtpAddress(row));
}

} // namespace smtpauth
