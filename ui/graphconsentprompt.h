// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QMessageBox>

class QPushButton;

namespace smtpauth {

// "Allow access to readiness data": asks once whether to open the browser for the Graph consent, and
// says what each permission is for before anyone grants it (graph-protocol.md §1).
class GraphConsentPrompt : public QMessageBox
{
    Q_OBJECT
public:
    GraphConsentPrompt(const QString &reason, QWidget *parent = nullptr);

    QPushButton *allowButton() const { return m_allow; }

private:
    QPushButton *m_allow = nullptr;
};

} // namespace smtpauth
