#pragma once

#include "mailboxstore.h"

#include <QAbstractTableModel>
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
    enum Column { DisplayNameColumn, AddressColumn, OverrideColumn, EffectiveColumn, SourceColumn, ColumnCount };
    enum Role {
        GuidRole = Qt::UserRole + 1, // QUuid
        OverrideRole,                // smtpauth::Override
        EffectiveStateRole,          // smtpauth::EffectiveState
        StateSourceRole,             // smtpauth::StateSource
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

Q_SIGNALS:
    void countsChanged();

private:
    MailboxStore m_store;
    OrgSetting m_org = OrgSetting::Disabled;
};

} // namespace smtpauth
