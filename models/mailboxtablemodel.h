// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/mailboxstore.h"
#include "models/readinessevaluator.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <array>
#include <memory>
#include <optional>
#include <vector>

namespace smtpauth {

// Counts per effective state × source: the admin's first question before the December cutoff.
struct EffectiveCounts
{
    int enabledByOrg = 0;
    int enabledByMailbox = 0;
    int disabledByOrg = 0;
    int disabledByMailbox = 0;
    int total() const { return enabledByOrg + enabledByMailbox + disabledByOrg + disabledByMailbox; }
    friend bool operator==(const EffectiveCounts &, const EffectiveCounts &) = default;
};

// Counts per Basic-now verdict (readiness.md §1): the banner's and tiles' readiness numbers.
struct VerdictCounts
{
    int allowed = 0;
    int blocked = 0;
    int unknown = 0;
    int total() const { return allowed + blocked + unknown; }
    friend bool operator==(const VerdictCounts &, const VerdictCounts &) = default;
};

// The tenant's mailboxes with their effective SMTP AUTH state, as a table.
// Owns the MailboxStore; the effective value and its source are derived on the fly from the
// override and the org setting, so flipping the org setting is one ranged dataChanged.
//
// Readiness (Basic now, decided by): one byte per row holds the verdict of the Basic-only layers
// (ReadinessEvaluator::packedBasicLayers), which do not depend on the switch; the Basic-now verdict is
// that byte combined with the row's effective state when asked. So an org flip or an applied override
// recomputes nothing, and only new or changed rows and a new directory are evaluated.
class MailboxTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        DisplayNameColumn,
        AddressColumn,
        OverrideColumn,
        EffectiveColumn,
        SourceColumn,
        StagedColumn,     // the override staged for this mailbox, not sent yet
        LastChangeColumn, // the last change the console applied to it (who, when)
        BasicNowColumn,   // can a Basic client send now: Allowed / Blocked / Unknown
        DecidedByColumn,  // the layer that blocks it, or for unknown the first layer not known
        ColumnCount
    };
    enum Role
    {
        GuidRole = Qt::UserRole + 1, // QUuid
        OverrideRole,                // smtpauth::Override
        EffectiveStateRole,          // smtpauth::EffectiveState
        StateSourceRole,             // smtpauth::StateSource
        StagedRole,                  // smtpauth::Override, or invalid when nothing is staged
        BasicNowRole,                // smtpauth::Verdict
        DecidedByRole,               // smtpauth::ReadinessLayer (blocking, or first unknown), or invalid
        PackedBasicNowRole,          // smtpauth::PackedVerdict
    };

    // The last change applied through the console, for the "Last change" column.
    struct LastChange
    {
        QString operatorUpn;
        QDateTime whenUtc;
        QString label; // C12
    };

    explicit MailboxTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    const MailboxStore &store() const { return m_store; }
    OrgSetting orgSetting() const { return m_org; }
    Effective effectiveAt(int row) const { return resolveEffective(m_store.smtpAuthOverride(row), m_org); }
    EffectiveCounts counts() const;

    void setOrgSetting(OrgSetting org);
    // Replaces every row at once (a completed load): one model reset instead of 100k inserts.
    void replaceAll(MailboxStore store, OrgSetting org);
    // Adds rows while a load is still running; existing Guids are updated in place.
    void appendMailboxes(const QList<Mailbox> &mailboxes);
    void clear();
    // Records a new override for one mailbox (after a confirmed write). False when the Guid is unknown.
    bool setOverride(const QUuid &guid, Override value);

    // Staging: intended values, nothing sent. Mailboxes already at `value` are not staged (a no-op
    // change is noise in a review); returns how many were staged.
    int stage(const QList<QUuid> &guids, Override value);
    void unstage(const QList<QUuid> &guids);
    void clearStaged();
    int stagedCount() const { return int(m_staged.size()); }
    std::optional<Override> stagedValue(const QUuid &guid) const;
    // Staged changes in table order.
    QList<QUuid> stagedGuids() const;

    void setLastChanges(QHash<QUuid, LastChange> lastChanges);

    // What was read about the tenant beyond the switch, and the date the verdicts are for (injected:
    // tests and the "after the cutoff" view use other dates). A null directory means nothing was read
    // yet: every Basic layer but the date is unknown. Recomputes every row, one dataChanged.
    void setReadinessContext(std::shared_ptr<const TenantDirectory> directory, QDate today);
    std::shared_ptr<const TenantDirectory> tenantDirectory() const { return m_directory; }
    QDate readinessDate() const { return m_evaluator->today(); }
    const ReadinessEvaluator &readinessEvaluator() const { return *m_evaluator; }
    // The Basic-only layers of a row, and with the row's switch: the Basic-now verdict.
    quint8 basicLayersBits(int row) const { return m_basicLayers[size_t(row)]; }
    PackedVerdict basicLayersAt(int row) const { return PackedVerdict::fromBits(m_basicLayers[size_t(row)]); }
    PackedVerdict basicNowAt(int row) const
    {
        return ReadinessEvaluator::withSetting(effectiveAt(row).state, basicLayersAt(row));
    }
    QList<PackedVerdict> basicNowOf(const QList<int> &rows) const;
    VerdictCounts basicNowCounts() const;
    // The whole explanation of one row (every layer with its detail), for "why" and tooltips.
    MailboxReadiness explain(int row) const;

Q_SIGNALS:
    void countsChanged();
    void stagingChanged();

private:
    MailboxStore m_store;
    OrgSetting m_org = OrgSetting::Disabled;
    // Kept up to date on every change: counts() runs on each page of a load (banner, tiles), and
    // counting 100k rows each time made a load quadratic.
    int m_enabledOverrides = 0;
    int m_disabledOverrides = 0;
    QHash<QUuid, Override> m_staged;
    QHash<QUuid, LastChange> m_lastChanges;

    std::shared_ptr<const TenantDirectory> m_directory; // as given (null: nothing read)
    std::shared_ptr<const TenantDirectory> m_evaluated; // what m_evaluator reads: never null
    std::unique_ptr<ReadinessEvaluator> m_evaluator;
    std::vector<quint8> m_basicLayers;                 // per row: PackedVerdict bits of the Basic layers
    std::array<std::array<int, 3>, 3> m_basicCounts{}; // [override][Basic-layers verdict] -> rows

    void emitRowChanged(int row);
    quint8 evaluatedBasicLayers(int row) const; // the row's Basic layers, evaluated afresh
    void evaluateRow(int row);                  // sets m_basicLayers[row], counts it
    void countReadiness(int row, int delta);
    void recomputeReadiness();
    void countOverride(Override value, int delta);
    void recountOverrides();
};

} // namespace smtpauth
