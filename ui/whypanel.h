// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/mailboxreadiness.h"

#include <QList>
#include <QUuid>
#include <QWidget>
#include <optional>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace smtpauth {

// "Why can this mailbox (not) send?": every layer of readiness.md §1 for the selected mailbox, each
// with its effect, what it applies to and its detail in words, then the three verdicts with the layer
// that decides each. It only shows what MailboxReadiness says; the rules are in models/.
//
// The one action it offers is the consent for the readiness data, when Graph has not been allowed yet;
// nothing here changes a mailbox, so every role (a helpdesk account included) sees the same read-only panel.
class WhyPanel : public QWidget
{
    Q_OBJECT
public:
    explicit WhyPanel(QWidget *parent = nullptr);

    // Shows one mailbox's explanation; std::nullopt shows "select a mailbox".
    void showMailbox(const QString &displayName, const QString &address,
                     const std::optional<MailboxReadiness> &readiness);
    // Whether to offer "Allow access to readiness data" (Graph consent is missing).
    void setConsentOffered(bool offered);
    // A line about where the data comes from (when it was read, what could not be read).
    void setSourceNote(const QString &note);
    // The labels are named whyTitle, effect-<layer>, detail-<layer> (layer's machine name) and
    // verdict-0..2 (OAuth, Basic now, Basic after the cutoff), the button consentButton.

Q_SIGNALS:
    void consentRequested();

private:
    QLabel *m_title = nullptr;
    QLabel *m_sourceNote = nullptr;
    QList<QLabel *> m_effects;
    QList<QLabel *> m_scopes;
    QList<QLabel *> m_details;
    QList<QLabel *> m_verdicts;
    QPushButton *m_consent = nullptr;
    QWidget *m_body = nullptr;
};

} // namespace smtpauth
