// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/summarytiles.h"

#include "models/mailboxtablemodel.h"

#include <QHBoxLayout>
#include <QIcon>
#include <QLocale>
#include <QPushButton>

namespace smtpauth {

namespace {
const char *const kStateProperty = "smtpauthState";
const char *const kSourceProperty = "smtpauthSource";

int countFor(const EffectiveCounts &counts, EffectiveState state, StateSource source)
{
    if (state == EffectiveState::Enabled)
        return source == StateSource::Org ? counts.enabledByOrg : counts.enabledByMailbox;
    return source == StateSource::Org ? counts.disabledByOrg : counts.disabledByMailbox;
}

QString tileTitle(EffectiveState state, StateSource source)
{
    if (state == EffectiveState::Enabled)
        return source == StateSource::Org ? SummaryTiles::tr("Enabled by org")
                                          : SummaryTiles::tr("Enabled by override");
    return source == StateSource::Org ? SummaryTiles::tr("Disabled by org")
                                      : SummaryTiles::tr("Disabled by override");
}

} // namespace

SummaryTiles::SummaryTiles(MailboxTableModel *mailboxes, QWidget *parent)
    : QWidget(parent), m_mailboxes(mailboxes)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    for (EffectiveState state : {EffectiveState::Enabled, EffectiveState::Disabled}) {
        for (StateSource source : {StateSource::Org, StateSource::Mailbox})
            layout->addWidget(addTile(state, source));
    }
    connect(m_mailboxes, &MailboxTableModel::countsChanged, this, &SummaryTiles::updateCounts);
    connect(m_mailboxes, &QAbstractItemModel::modelReset, this, &SummaryTiles::updateCounts);
    updateCounts();
}

QPushButton *SummaryTiles::addTile(EffectiveState state, StateSource source)
{
    auto *tile = new QPushButton(this);
    tile->setObjectName(QStringLiteral("tile_%1_%2").arg(machineName(state), machineName(source)));
    tile->setProperty(kStateProperty, int(state));
    tile->setProperty(kSourceProperty, int(source));
    tile->setToolTip(tr("Show only these mailboxes"));
    // A native push button with the state's icon (a green check, a red bar: shape and colour, both
    // mid-tone for light and dark palettes) and the count with its share in words: no text-drawn bars.
    tile->setIcon(QIcon(state == EffectiveState::Enabled ? QStringLiteral(":/actions/enable.svg")
                                                         : QStringLiteral(":/actions/disable.svg")));
    tile->setIconSize(QSize(24, 24));
    tile->setMinimumHeight(48);
    tile->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    connect(tile, &QPushButton::clicked, this, [this, state, source] { Q_EMIT tileClicked(state, source); });
    m_tiles.append(tile);
    return tile;
}

void SummaryTiles::updateCounts()
{
    const EffectiveCounts counts = m_mailboxes->counts();
    for (QPushButton *tile : std::as_const(m_tiles)) {
        const auto state = EffectiveState(tile->property(kStateProperty).toInt());
        const auto source = StateSource(tile->property(kSourceProperty).toInt());
        const int count = countFor(counts, state, source);
        const int total = counts.total();
        const int percent = total > 0 ? qRound(100.0 * count / total) : 0;
        const QString share = tr("%1 (%2%)").arg(QLocale().toString(count), QLocale().toString(percent));
        tile->setText(QStringLiteral("%1\n%2").arg(tileTitle(state, source), share));
        tile->setAccessibleName(QStringLiteral("%1: %2").arg(tileTitle(state, source), share));
        tile->setAccessibleDescription(tr("Shows only these mailboxes in the table"));
    }
}

} // namespace smtpauth
