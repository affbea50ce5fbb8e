// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "engine/changeapplier.h"

#include <QDialog>
#include <QHash>
#include <QUuid>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace smtpauth {

class ConsoleSession;
class MailboxTableModel;

// Review and apply (product.md flow 5): every staged change with before → after and the effective
// before → after, a reason (always required) and a ticket (required when configured), then Apply with
// progress, cancel while changes are still waiting to be sent (they stay staged and say so; those already
// sent finish), and each row's outcome with the server's message.
class ReviewDialog : public QDialog
{
    Q_OBJECT
public:
    ReviewDialog(ConsoleSession *session, MailboxTableModel *mailboxes, bool ticketRequired,
                 QWidget *parent = nullptr);

    QTableWidget *changesTable() const { return m_table; }
    QLineEdit *reasonEdit() const { return m_reason; }
    QLineEdit *ticketEdit() const { return m_ticket; }
    QPushButton *applyButton() const { return m_apply; }
    QPushButton *cancelButton() const { return m_cancel; }
    QLabel *statusLabel() const { return m_status; }
    bool isFinished() const { return m_finished; }

    enum Column
    {
        MailboxColumn,
        ChangeColumn,
        EffectiveColumn,
        OutcomeColumn,
        MessageColumn,
        ColumnCount
    };

private:
    void fillTable();
    void updateApplyEnabled();
    void startApply();
    void onCancel();
    void onFinished(const ChangeApplier::Report &report);

    ConsoleSession *m_session;
    MailboxTableModel *m_mailboxes;
    bool m_ticketRequired;
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
