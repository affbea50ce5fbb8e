// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/orgswitchdialog.h"

#include "engine/consolesession.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace smtpauth {

OrgSwitchDialog::OrgSwitchDialog(ConsoleSession *session, OrgSetting current, int mailboxesFlipped,
                                 bool ticketRequired, QWidget *parent)
    : QDialog(parent), m_session(session),
      m_target(current == OrgSetting::Enabled ? OrgSetting::Disabled : OrgSetting::Enabled),
      m_ticketRequired(ticketRequired)
{
    setObjectName(QStringLiteral("orgSwitchDialog"));
    setWindowTitle(tr("Change the organization setting"));
    auto *layout = new QVBoxLayout(this);
    // Big enough to read the consequence without resizing, and plain about it: this is the one change
    // that moves many mailboxes at once.
    setMinimumWidth(560);
    auto *what =
        new QLabel(tr("SMTP AUTH is <b>%1</b> for the whole organization. This changes it to <b>%2</b>.")
                       .arg(displayText(current).toLower(), displayText(m_target).toLower()),
                   this);
    what->setObjectName(QStringLiteral("orgSwitchWhat"));
    what->setWordWrap(true);
    layout->addWidget(what);
    m_consequence = new QLabel(
        m_target == OrgSetting::Disabled
            ? tr("<b>%n mailbox(es) will lose SMTP AUTH</b>: they inherit the organization setting, so "
                 "devices and applications that send through them with SMTP AUTH stop working. Mailboxes "
                 "with their own override keep it.",
                 nullptr, mailboxesFlipped)
            : tr("<b>%n mailbox(es) will be allowed SMTP AUTH</b>: they inherit the organization setting. "
                 "Mailboxes with their own override keep it.",
                 nullptr, mailboxesFlipped),
        this);
    m_consequence->setObjectName(QStringLiteral("consequenceLabel"));
    m_consequence->setWordWrap(true);
    layout->addWidget(m_consequence);
    auto *undoNote = new QLabel(tr("The change is recorded in the journal with your reason and can be undone "
                                   "from the History tab."),
                                this);
    undoNote->setObjectName(QStringLiteral("orgSwitchUndoNote"));
    undoNote->setWordWrap(true);
    layout->addWidget(undoNote);

    auto *form = new QFormLayout;
    m_reason = new QLineEdit(this);
    m_reason->setObjectName(QStringLiteral("reasonEdit"));
    m_reason->setAccessibleName(tr("Reason"));
    m_reason->setAccessibleDescription(
        tr("Required: why the organization setting changes, recorded in the journal."));
    form->addRow(tr("&Reason:"), m_reason);
    m_ticket = new QLineEdit(this);
    m_ticket->setObjectName(QStringLiteral("ticketEdit"));
    m_ticket->setAccessibleName(tr("Ticket"));
    m_ticket->setAccessibleDescription(
        m_ticketRequired ? tr("Required by this profile: the change ticket, recorded in the journal.")
                         : tr("Optional: the change ticket, recorded in the journal."));
    form->addRow(tr("&Ticket:"), m_ticket);
    layout->addLayout(form);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("orgStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    auto *buttons = new QDialogButtonBox(this);
    m_apply = buttons->addButton(m_target == OrgSetting::Disabled
                                     ? tr("&Disable for %n mailbox(es)", nullptr, mailboxesFlipped)
                                     : tr("&Enable for %n mailbox(es)", nullptr, mailboxesFlipped),
                                 QDialogButtonBox::AcceptRole);
    m_apply->setObjectName(QStringLiteral("applyButton"));
    m_apply->setAccessibleDescription(
        tr("Sends the new organization setting to Exchange Online and records it in the journal."));
    m_close = buttons->addButton(QDialogButtonBox::Cancel);
    m_close->setObjectName(QStringLiteral("cancelButton"));
    m_close->setAccessibleDescription(tr("Closes the dialog without changing the organization setting."));
    layout->addWidget(buttons);

    connect(m_reason, &QLineEdit::textChanged, this, &OrgSwitchDialog::updateApplyEnabled);
    connect(m_ticket, &QLineEdit::textChanged, this, &OrgSwitchDialog::updateApplyEnabled);
    connect(m_close, &QPushButton::clicked, this, [this] {
        if (!m_running)
            reject();
    });
    connect(m_apply, &QPushButton::clicked, this, [this] {
        m_running = true;
        updateApplyEnabled();
        m_session->switchOrgSetting(m_target, m_reason->text().trimmed(), m_ticket->text().trimmed());
    });
    connect(m_session, &ConsoleSession::applyStage, m_status, &QLabel::setText);
    connect(m_session, &ConsoleSession::applyFinished, this, [this](const ChangeApplier::Report &report) {
        if (!m_running)
            return;
        m_running = false;
        m_finished = true;
        m_close->setText(tr("Close"));
        updateApplyEnabled();
        if (!report.error.isEmpty() || report.changes.isEmpty()) {
            m_status->setText(report.error);
            return;
        }
        const ChangeRecord &change = report.changes.constFirst();
        m_status->setText(
            tr("%1: %2. %3").arg(changeLabel(change.id), machineName(change.state), change.serverMessage));
    });
    updateApplyEnabled();
    resize(640, sizeHint().height());
}

void OrgSwitchDialog::updateApplyEnabled()
{
    const bool ready =
        !m_reason->text().trimmed().isEmpty() && (!m_ticketRequired || !m_ticket->text().trimmed().isEmpty());
    m_apply->setEnabled(ready && !m_running && !m_finished);
}

} // namespace smtpauth
