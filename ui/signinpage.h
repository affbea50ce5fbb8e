// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "engine/consolesession.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace smtpauth {

// First start, or after sign-out: which tenant, which cloud, and (under Advanced) which application,
// then sign in in the system browser. Shows that it waits, can be cancelled, and names every failure
// plainly with a way to try again. When the keychain is not available it says why and offers the
// explicit session-only choice; there is no plain-text fallback.
class SignInPage : public QWidget
{
    Q_OBJECT
public:
    explicit SignInPage(QWidget *parent = nullptr);

    void prefill(const ConsoleSession::SignInRequest &request);
    ConsoleSession::SignInRequest request() const;

public Q_SLOTS:
    void showReason(const QString &reason);
    void showWaiting();
    void showMessage(const QString &message);
    void showFailure(const QString &message);
    void showKeychainUnavailable(const QString &message);

Q_SIGNALS:
    void signInRequested(const smtpauth::ConsoleSession::SignInRequest &request);
    void cancelRequested();
    // "Try the demo tenant": open the embedded demo tenant, as `smtpauth-console --demo` does.
    void demoRequested();

private:
    void updateState();
    void setBusy(bool busy);

    QLineEdit *m_tenant = nullptr;
    QComboBox *m_cloud = nullptr;
    QLineEdit *m_apiBase = nullptr;
    QLineEdit *m_authority = nullptr;
    QCheckBox *m_advanced = nullptr;
    QGroupBox *m_advancedBox = nullptr;
    QLineEdit *m_clientId = nullptr;
    QLineEdit *m_user = nullptr;
    QPushButton *m_signIn = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_sessionOnly = nullptr;
    QPushButton *m_tryDemo = nullptr;
    QLabel *m_message = nullptr;
    bool m_busy = false;
};

} // namespace smtpauth
