// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "engine/changeapplier.h"
#include "models/smtpauthpolicy.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace smtpauth {

class ConsoleSession;

// The org switch (product.md flow 8, administrators only): the same review, reason and journal path as
// mailbox changes, and before anything is sent it says how many mailboxes change effective state.
class OrgSwitchDialog : public QDialog
{
    Q_OBJECT
public:
    OrgSwitchDialog(ConsoleSession *session, OrgSetting current, int mailboxesFlipped, bool ticketRequired,
                    QWidget *parent = nullptr);

private:
    void updateApplyEnabled();

    ConsoleSession *m_session;
    OrgSetting m_target;
    bool m_ticketRequired;
    QLabel *m_consequence = nullptr;
    QLabel *m_status = nullptr;
    QLineEdit *m_reason = nullptr;
    QLineEdit *m_ticket = nullptr;
    QPushButton *m_apply = nullptr;
    QPushButton *m_close = nullptr;
    bool m_running = false;
    bool m_finished = false;
};

} // namespace smtpauth
