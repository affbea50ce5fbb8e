// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/smtpauthpolicy.h"

#include <QColor>
#include <QPalette>
#include <QStyledItemDelegate>

namespace smtpauth {

// Shows staged rows in bold: a marker that does not depend on colour, so it works in dark mode and for
// people who cannot tell colours apart. (models/ stays QtCore-only, so fonts are chosen here.)
// The Effective column carries its state twice over: an icon whose shape differs (a check, a barred
// ring) and a text colour chosen for the palette in use, so Enabled (exposed) and Disabled are told
// apart at a glance, in light and dark palettes and without telling red from green.
class StagedRowDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    // The text colour of a state on `palette`'s base: dark shades on a light base, light on a dark one.
    static QColor stateColor(EffectiveState state, const QPalette &palette);

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace smtpauth
