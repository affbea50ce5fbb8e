#pragma once

#include "mailboxstore.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QList>

#include <optional>

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

// The tenant's mailboxes with their effective SMTP AUTH state, as a table.
// Owns the MailboxStore; the effective value and its source are derived on the fly from the
// override and the org setting, so flipping the org setting is one ranged dataChanged.
class MailboxTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        DisplayNameColumn,
        AddressColumn,
        OverrideColumn,
        EffectiveColumn,
        SourceColumn,
        StagedColumn,     // the override staged for this mailbox, not sent yet
        LastChangeColumn, // the last change the console applied to it (who, when)
        ColumnCount
    };
    enum Role {
        GuidRole = Qt::UserRole + 1, // QUuid
        OverrideRole,                // smtpauth::Override
        EffectiveStateRole,          // smtpauth::EffectiveState
        StateSourceRole,             // smtpauth::StateSource
        StagedRole,                  // smtpauth::Override, or invalid when nothing is staged
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

    void emitRowChanged(int row);
    void countOverride(Override value, int delta);
    void recountOverrides();
};

} // namespace smtpauth
