#pragma once

#include "smtpauthpolicy.h"

#include <QSortFilterProxyModel>

#include <optional>

namespace smtpauth {

class MailboxTableModel;

// Search and filters over a MailboxTableModel: search text (name, address, alias; substring,
// case-insensitive) and optional filters on effective state, source and override value.
// Reads the source model's store directly instead of going through QVariant data(), because it runs
// for every row on every keystroke.
class MailboxFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit MailboxFilterModel(QObject *parent = nullptr);

    void setMailboxModel(MailboxTableModel *model);
    MailboxTableModel *mailboxModel() const { return m_mailboxes; }

    QString searchText() const { return m_searchText; }
    void setSearchText(const QString &text);
    void setEffectiveFilter(std::optional<EffectiveState> state);
    void setSourceFilter(std::optional<StateSource> source);
    void setOverrideFilter(std::optional<Override> value);
    std::optional<EffectiveState> effectiveFilter() const { return m_effective; }
    std::optional<StateSource> sourceFilter() const { return m_source; }
    std::optional<Override> overrideFilter() const { return m_override; }

    // Row test shared by the view and the CLI, so both answer the same question the same way.
    bool acceptsMailboxRow(int sourceRow) const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    MailboxTableModel *m_mailboxes = nullptr;
    QString m_searchText;
    QString m_foldedSearch;
    std::optional<EffectiveState> m_effective;
    std::optional<StateSource> m_source;
    std::optional<Override> m_override;
};

} // namespace smtpauth
