// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/smtpauthpolicy.h"

#include <QWidget>

class QPushButton;

namespace smtpauth {

class MailboxTableModel;

// Counts per effective state × source as four tiles, each with its count and share; clicking one
// filters the table to it. The admin's first question before the December cutoff, always visible.
class SummaryTiles : public QWidget
{
    Q_OBJECT
public:
    explicit SummaryTiles(MailboxTableModel *mailboxes, QWidget *parent = nullptr);

Q_SIGNALS:
    void tileClicked(smtpauth::EffectiveState state, smtpauth::StateSource source);

private:
    void updateCounts();
    QPushButton *addTile(EffectiveState state, StateSource source);

    MailboxTableModel *m_mailboxes;
    QList<QPushButton *> m_tiles;
};

} // namespace smtpauth
