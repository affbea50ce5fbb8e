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

namespace smtpauth {

ReviewDialog::ReviewDialog(ConsoleSession *session, MailboxTableModel *mailboxes, bool ticketRequired,
                           QWidget *parent)
    : QDialog(parent), m_session(session), m_mailboxes(mailboxes), m_ticketRequired(ticketRequired)
{
    setObjectName(QStringLiteral("reviewDialog"));
    setWindowTitle(tr("Review changes"));
    auto *layout = new QVBoxLayout(this);

    auto *intro =
        new QLabel(tr("These changes are sent to Exchange Online when you apply them. Each is recorded "
                      "in the journal with your reason and can be undone from the History tab."),
                   this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("reviewTable"));
    m_table->setAccessibleName(tr("Changes to apply"));
    m_table->setHorizontalHeaderLabels(
        {tr("Mailbox"), tr("Override"), tr("Effective"), tr("Outcome"), tr("Server message")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_table, 1);

    auto *form = new QFormLayout;
    m_reason = new QLineEdit(this);
    m_reason->setObjectName(QStringLiteral("reasonEdit"));
    m_reason->setAccessibleName(tr("Reason"));
    m_reason->setPlaceholderText(tr("Why? (required; recorded with every change)"));
    form->addRow(tr("&Reason:"), m_reason);
    m_ticket = new QLineEdit(this);
    m_ticket->setObjectName(QStringLiteral("ticketEdit"));
    m_ticket->setAccessibleName(tr("Ticket"));
    m_ticket->setPlaceholderText(m_ticketRequired ? tr("Ticket number (required)")
                                                  : tr("Ticket number (optional)"));
    form->addRow(tr("&Ticket:"), m_ticket);
    layout->addLayout(form);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("reviewStatus"));
    m_status->setWordWrap(true);
    layout->addWidget(m_status);

    auto *buttons = new QDialogButtonBox(this);
    m_apply = buttons->addButton(tr("&Apply"), QDialogButtonBox::AcceptRole);
    m_apply->setObjectName(QStringLiteral("applyButton"));
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    layout->addWidget(buttons);
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
        m_table->setItem(i, OutcomeColumn, new QTableWidgetItem(tr("staged")));
        m_table->setItem(i, MessageColumn, new QTableWidgetItem);
        m_rowOfGuid.insert(guids.at(i), i);
    }
    m_table->resizeColumnsToContents();
    m_status->setText(tr("%n change(s) staged.", nullptr, int(guids.size())));
}

void ReviewDialog::updateApplyEnabled()
{
    const bool reasonGiven = !m_reason->text().trimmed().isEmpty();
    const bool ticketGiven = !m_ticketRequired || !m_ticket->text().trimmed().isEmpty();
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
    m_session->applyStaged(m_reason->text().trimmed(), m_ticket->text().trimmed());
}

void ReviewDialog::onCancel()
{
    if (m_finished || !m_running) {
        reject();
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
