// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/reviewdialog.h"

#include "engine/consolesession.h"
#include "models/mailboxtablemodel.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace smtpauth {

ReviewDialog::ReviewDialog(ConsoleSession *session, MailboxTableModel *mailboxes, bool ticketRequired,
                           const QHash<QUuid, ConsoleSession::OwnReason> &ownReasons, QWidget *parent)
    : QDialog(parent), m_session(session), m_mailboxes(mailboxes), m_ticketRequired(ticketRequired)
{
    for (const QUuid &guid : m_mailboxes->stagedGuids()) {
        const auto own = ownReasons.constFind(guid);
        if (own != ownReasons.cend())
            m_ownReasons.insert(guid, *own);
    }
    setObjectName(QStringLiteral("reviewDialog"));
    setWindowTitle(tr("Review changes"));
    auto *layout = new QVBoxLayout(this);

    auto *intro =
        new QLabel(tr("These changes are sent to Exchange Online when you apply them. Each is recorded "
                      "in the journal with your reason and can be undone from the History tab."),
                   this);
    intro->setObjectName(QStringLiteral("reviewIntro"));
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("reviewTable"));
    m_table->setAccessibleName(tr("Changes to apply"));
    m_table->setAccessibleDescription(
        tr("One row per staged change: the mailbox, its override and effective state before and after, "
           "the reason it is recorded with, and once applied its outcome and the server's message."));
    m_table->setHorizontalHeaderLabels(
        {tr("Mailbox"), tr("Override"), tr("Effective"), tr("Reason"), tr("Outcome"), tr("Server message")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_table, 1);

    const int ownCount = int(m_ownReasons.size());
    const int stagedCount = m_mailboxes->stagedCount();
    auto *form = new QFormLayout;
    m_reason = new QLineEdit(this);
    m_reason->setObjectName(QStringLiteral("reasonEdit"));
    m_reason->setAccessibleName(tr("Reason"));
    if (ownCount == 0) {
        m_reason->setPlaceholderText(tr("Why? (required; recorded with every change)"));
        m_reason->setAccessibleDescription(tr("Required: why these changes are made, recorded in the "
                                              "journal with every change."));
    } else if (everyRowHasOwnReason()) {
        m_reason->setPlaceholderText(tr("Optional: every change has its own reason from the file"));
        m_reason->setAccessibleDescription(
            tr("Optional: every change is recorded with its own reason from the imported file; this "
               "reason describes the batch."));
    } else {
        m_reason->setPlaceholderText(tr("Why? (required for the %n change(s) without a reason of their own)",
                                        nullptr, stagedCount - ownCount));
        m_reason->setAccessibleDescription(
            tr("Required for the changes without a reason of their own; imported changes keep theirs."));
    }
    form->addRow(tr("&Reason:"), m_reason);
    m_ticket = new QLineEdit(this);
    m_ticket->setObjectName(QStringLiteral("ticketEdit"));
    m_ticket->setAccessibleName(tr("Ticket"));
    const bool ticketNeeded = m_ticketRequired && !everyRowHasOwnTicket();
    m_ticket->setPlaceholderText(ticketNeeded ? tr("Ticket number (required)")
                                              : tr("Ticket number (optional)"));
    m_ticket->setAccessibleDescription(ticketNeeded
                                           ? tr("Required by this profile: the change ticket these changes "
                                                "belong to, recorded in the journal.")
                                           : tr("Optional: the change ticket these changes belong to, "
                                                "recorded in the journal."));
    form->addRow(tr("&Ticket:"), m_ticket);
    layout->addLayout(form);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("reviewStatus"));
    m_status->setAccessibleName(tr("Review status"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    auto *buttons = new QDialogButtonBox(this);
    m_apply = buttons->addButton(tr("&Apply"), QDialogButtonBox::AcceptRole);
    m_apply->setObjectName(QStringLiteral("applyButton"));
    m_apply->setAccessibleDescription(
        tr("Sends the changes to Exchange Online and records each in the journal (Enter)."));
    // Enter in the reason or ticket field applies, once Apply is enabled (QDialog's default button).
    m_apply->setDefault(true);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setAccessibleDescription(
        tr("Closes the review; the changes stay staged. While applying, stops the changes not sent yet "
           "(Esc)."));
    layout->addWidget(buttons);
    // Reason first: the one thing to type before applying; then ticket, Apply, Cancel.
    setTabOrder(m_reason, m_ticket);
    setTabOrder(m_ticket, m_apply);
    setTabOrder(m_apply, m_cancel);
    m_reason->setFocus();
    // The buttons are handled here: the box must not close the dialog on Apply.
    connect(m_apply, &QPushButton::clicked, this, &ReviewDialog::startApply);
    connect(m_cancel, &QPushButton::clicked, this, &ReviewDialog::onCancel);
    connect(m_reason, &QLineEdit::textChanged, this, &ReviewDialog::updateApplyEnabled);
    connect(m_ticket, &QLineEdit::textChanged, this, &ReviewDialog::updateApplyEnabled);

    connect(m_session, &ConsoleSession::applyStage, m_status, &QLabel::setText);
    connect(m_session, &ConsoleSession::throttled, this, [this](int delayMs, const QString &reason) {
        m_status->setText(
            tr("The server asked to wait %1 s (%2).").arg(qMax(1, (delayMs + 500) / 1000)).arg(reason));
    });
    connect(m_session, &ConsoleSession::applyFinished, this, &ReviewDialog::onFinished);
    // Each row follows its change while the apply runs (sent, applied, failed …), as the journal records it.
    connect(m_session, &ConsoleSession::applyChangesRecorded, this,
            [this](const QList<ChangeApplier::RecordedChange> &changes) {
                if (!m_running)
                    return;
                for (const ChangeApplier::RecordedChange &change : changes) {
                    const int row = m_rowOfGuid.value(change.targetGuid, -1);
                    if (row < 0)
                        continue;
                    m_table->item(row, OutcomeColumn)->setText(machineName(change.state));
                    m_table->item(row, MessageColumn)->setText(change.serverMessage);
                }
            });
    // Once every write has left, Cancel has nothing left to stop: say so instead of offering it.
    connect(m_session, &ConsoleSession::applyCancelPossibleChanged, this, [this](bool possible) {
        if (m_running && !possible && m_cancel->isEnabled()) {
            m_cancel->setEnabled(false);
            m_cancel->setToolTip(tr("Every change has been sent: the apply can no longer be cancelled."));
        }
    });

    fillTable();
    updateApplyEnabled();
    resize(900, 520);
}

bool ReviewDialog::everyRowHasOwnReason() const
{
    if (m_ownReasons.size() != m_mailboxes->stagedCount())
        return false;
    return std::all_of(m_ownReasons.cbegin(), m_ownReasons.cend(),
                       [](const ConsoleSession::OwnReason &own) { return !own.reason.trimmed().isEmpty(); });
}

bool ReviewDialog::everyRowHasOwnTicket() const
{
    if (m_ownReasons.size() != m_mailboxes->stagedCount())
        return false;
    return std::all_of(m_ownReasons.cbegin(), m_ownReasons.cend(),
                       [](const ConsoleSession::OwnReason &own) { return !own.ticket.trimmed().isEmpty(); });
}

void ReviewDialog::reject()
{
    if (m_running) {
        onCancel();
        return;
    }
    QDialog::reject();
}

void ReviewDialog::fillTable()
{
    const MailboxStore &store = m_mailboxes->store();
    const OrgSetting org = m_mailboxes->orgSetting();
    const QList<QUuid> guids = m_mailboxes->stagedGuids();
    m_table->setRowCount(int(guids.size()));
    for (int i = 0; i < guids.size(); ++i) {
        const int row = store.rowOfGuid(guids.at(i));
        const Override before = store.smtpAuthOverride(row);
        const Override after = *m_mailboxes->stagedValue(guids.at(i));
        const Effective effectiveBefore = resolveEffective(before, org);
        const Effective effectiveAfter = resolveEffective(after, org);
        const QString mailbox =
            QStringLiteral("%1 <%2>").arg(store.displayName(row), store.primarySmtpAddress(row));
        m_table->setItem(i, MailboxColumn, new QTableWidgetItem(mailbox));
        m_table->setItem(i, ChangeColumn,
                         new QTableWidgetItem(tr("%1 → %2").arg(displayText(before), displayText(after))));
        m_table->setItem(i, EffectiveColumn,
                         new QTableWidgetItem(tr("%1 → %2").arg(displayText(effectiveBefore.state),
                                                                displayText(effectiveAfter.state))));
        const auto own = m_ownReasons.constFind(guids.at(i));
        QString reason = tr("the reason below");
        if (own != m_ownReasons.cend() && !own->reason.isEmpty())
            reason = own->ticket.isEmpty() ? own->reason : tr("%1 (ticket %2)").arg(own->reason, own->ticket);
        m_table->setItem(i, ReasonColumn, new QTableWidgetItem(reason));
        m_table->setItem(i, OutcomeColumn, new QTableWidgetItem(tr("staged")));
        m_table->setItem(i, MessageColumn, new QTableWidgetItem);
        m_rowOfGuid.insert(guids.at(i), i);
    }
    m_table->resizeColumnsToContents();
    m_status->setText(tr("%n change(s) staged.", nullptr, int(guids.size())));
}

void ReviewDialog::updateApplyEnabled()
{
    const bool reasonGiven = !m_reason->text().trimmed().isEmpty() || everyRowHasOwnReason();
    const bool ticketGiven =
        !m_ticketRequired || !m_ticket->text().trimmed().isEmpty() || everyRowHasOwnTicket();
    m_apply->setEnabled(!m_running && !m_finished && reasonGiven && ticketGiven && m_table->rowCount() > 0);
    if (!m_running && !m_finished && m_table->rowCount() > 0) {
        if (!reasonGiven)
            m_apply->setToolTip(tr("Enter a reason first: it is recorded with every change."));
        else if (!ticketGiven)
            m_apply->setToolTip(tr("Enter the ticket number first: this profile requires one."));
        else
            m_apply->setToolTip(QString());
    }
}

void ReviewDialog::startApply()
{
    if (!m_apply->isEnabled())
        return;
    m_running = true;
    m_reason->setReadOnly(true);
    m_ticket->setReadOnly(true);
    updateApplyEnabled();
    for (int row = 0; row < m_table->rowCount(); ++row)
        m_table->item(row, OutcomeColumn)->setText(tr("sending…"));
    QString batchReason = m_reason->text().trimmed();
    if (batchReason.isEmpty())
        batchReason = tr("Imported changes, each with its own reason");
    m_session->applyStaged(batchReason, m_ticket->text().trimmed(), m_ownReasons);
}

void ReviewDialog::onCancel()
{
    if (m_finished || !m_running) {
        QDialog::reject();
        return;
    }
    const bool cancelled = m_session->cancelApply();
    if (m_finished)
        return; // nothing had been sent: the outcome (every change cancelled, still staged) is shown already
    // Either way the button has nothing more to do until the writes that left are settled; it then
    // becomes Close.
    m_cancel->setEnabled(false);
    if (cancelled) {
        m_status->setText(
            tr("Cancelling: the changes not sent yet stay staged; the ones already sent are being "
               "finished and checked."));
        return;
    }
    m_status->setText(tr("The changes are already being written and can no longer be cancelled; "
                         "their outcome follows."));
}

void ReviewDialog::onFinished(const ChangeApplier::Report &report)
{
    if (!m_running)
        return;
    m_running = false;
    m_finished = true;
    m_cancel->setText(tr("Close"));
    m_cancel->setEnabled(true);
    updateApplyEnabled();
    if (!report.error.isEmpty()) {
        m_status->setText(report.error);
        return;
    }
    const QSet<qint64> cancelledIds(report.cancelledIds.cbegin(), report.cancelledIds.cend());
    for (const ChangeRecord &change : report.changes) {
        const int row = m_rowOfGuid.value(change.targetGuid, -1);
        if (row < 0)
            continue;
        const bool cancelled = cancelledIds.contains(change.id);
        m_table->item(row, OutcomeColumn)
            ->setText(cancelled ? tr("cancelled, still staged") : machineName(change.state));
        m_table->item(row, MessageColumn)->setText(change.serverMessage);
    }
    const int cancelled = int(cancelledIds.size());
    const int stillStaged = report.count(ChangeState::Failed) + report.count(ChangeState::Conflict) +
                            report.count(ChangeState::Unknown);
    QString summary;
    if (cancelled > 0 && cancelled == report.changes.size()) {
        summary = tr("Cancelled before anything was sent: nothing was changed; the %n change(s) stay staged.",
                     nullptr, cancelled);
    } else {
        summary =
            tr("Batch %1: %2 applied, %3 already so, %4 in conflict, %5 failed.")
                .arg(batchLabel(report.batchId))
                .arg(report.count(ChangeState::Applied))
                .arg(report.count(ChangeState::NoOp))
                .arg(report.count(ChangeState::Conflict))
                .arg(report.count(ChangeState::Failed) - cancelled + report.count(ChangeState::Unknown));
        if (cancelled > 0)
            summary += QLatin1Char(' ') +
                       tr("%n change(s) cancelled before sending: not sent, nothing changed for them.",
                          nullptr, cancelled);
        if (stillStaged > 0)
            summary += QLatin1Char(' ') + tr("Changes that were not applied stay staged.");
    }
    m_status->setText(summary);
}

} // namespace smtpauth
