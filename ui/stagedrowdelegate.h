#pragma once

#include <QStyledItemDelegate>

namespace smtpauth {

// Shows staged rows in bold: a marker that does not depend on colour, so it works in dark mode and for
// people who cannot tell colours apart. (models/ stays QtCore-only, so fonts are chosen here.)
class StagedRowDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace smtpauth
