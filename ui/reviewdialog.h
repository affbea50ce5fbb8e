// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "engine/changeapplier.h"
#include "engine/consolesession.h"

#include <QDialog>
#include <QHash>
#include <QUuid>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace smtpauth {

class MailboxTableModel;

// Review and apply (product.md flow 5): every staged change with before → after and the effective
// before → after, a reason (always required) and a ticket (required when configured), then Apply with
// progress, cancel while changes are still waiting to be sent (they stay staged and say so; those already
// sent finish), and each row's outcome with the server's message.
//
// Rows imported from a CSV file bring their own reason and ticket: they are shown per row and journalled
// per change, and the batch reason is then asked for only when some row has none of its own.
//
// Without a mouse: the reason has the focus, Tab goes reason → ticket → Apply → Cancel, Enter applies
// once Apply is enabled, Esc cancels (while an apply runs, it cancels what has not been sent yet).
class ReviewDialog : public QDialog
{
    Q_OBJECT
public:
    ReviewDialog(ConsoleSession *session, MailboxTableModel *mailboxes, bool ticketRequired,
                 const QHash<QUuid, ConsoleSession::OwnReason> &ownReasons = {}, QWidget *parent = nullptr);

    enum Column
    {
        MailboxColumn,
        ChangeColumn,
        EffectiveColumn,
        ReasonColumn,
        OutcomeColumn,
        MessageColumn,
        ColumnCount
    };

public Q_SLOTS:
    // Esc and the window's close button: Cancel's meaning (an apply that runs is cancelled, not left).
    void reject() override;

private:
    void fillTable();
    bool everyRowHasOwnReason() const;
    bool everyRowHasOwnTicket() const;
    void updateApplyEnabled();
    void startApply();
    void onCancel();
    void onFinished(const ChangeApplier::Report &report);

    ConsoleSession *m_session;
    MailboxTableModel *m_mailboxes;
    bool m_ticketRequired;
    QHash<QUuid, ConsoleSession::OwnReason> m_ownReasons; // only the staged mailboxes
    QTableWidget *m_table = nullptr;
    QLineEdit *m_reason = nullptr;
    QLineEdit *m_ticket = nullptr;
    QLabel *m_status = nullptr;
    QPushButton *m_apply = nullptr;
    QPushButton *m_cancel = nullptr;
    QHash<QUuid, int> m_rowOfGuid;
    bool m_running = false;
    bool m_finished = false;
};

} // namespace smtpauth
