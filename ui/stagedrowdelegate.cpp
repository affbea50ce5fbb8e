// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/stagedrowdelegate.h"

#include "models/mailboxtablemodel.h"

#include <QIcon>

namespace smtpauth {

QColor StagedRowDelegate::stateColor(EffectiveState state, const QPalette &palette)
{
    const bool darkBase = palette.color(QPalette::Base).lightnessF() < 0.5;
    if (state == EffectiveState::Enabled)
        return darkBase ? QColor(0x7b, 0xd8, 0x8f) : QColor(0x1b, 0x6e, 0x35);
    return darkBase ? QColor(0xff, 0x9e, 0x97) : QColor(0xa8, 0x1f, 0x1a);
}

void StagedRowDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.data(MailboxTableModel::StagedRole).isValid())
        option->font.setBold(true);
    if (index.column() != MailboxTableModel::EffectiveColumn)
        return;
    const QVariant state = index.data(MailboxTableModel::EffectiveStateRole);
    if (!state.isValid())
        return;
    const EffectiveState effective = state.value<EffectiveState>();
    static const QIcon enabled(QStringLiteral(":/actions/enable.svg"));
    static const QIcon disabled(QStringLiteral(":/actions/disable.svg"));
    option->features |= QStyleOptionViewItem::HasDecoration;
    option->icon = effective == EffectiveState::Enabled ? enabled : disabled;
    option->decorationSize = QSize(16, 16);
    option->palette.setColor(QPalette::Text, stateColor(effective, option->palette));
}

} // namespace smtpauth
