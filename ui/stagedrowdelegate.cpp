#include "stagedrowdelegate.h"

#include "mailboxtablemodel.h"

namespace smtpauth {

void StagedRowDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.data(MailboxTableModel::StagedRole).isValid())
        option->font.setBold(true);
}

} // namespace smtpauth
