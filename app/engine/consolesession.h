#pragma once

#include "profilelocation.h"

#include <QObject>
#include <QPointer>

#include <memory>

class QNetworkAccessManager;

namespace smtpauth {

class AccountStore;
class DemoTenant;
class MailboxTableModel;
class SecretStore;
class SignedInSession;
class TenantLoader;

// What the window runs on: signs in (silently from the keychain, or as the demo tenant's admin),
// then loads the tenant into the given model and refreshes it on request. The window only listens.
class ConsoleSession : public QObject
{
    Q_OBJECT
public:
    ConsoleSession(const ProfileLocation &profile, MailboxTableModel *mailboxes, QObject *parent = nullptr);
    ~ConsoleSession() override;

    // Demo profiles start the embedded demo tenant first (reset: start it over).
    void start(bool resetDemo = false);
    void refresh();

Q_SIGNALS:
    void accountReady(const QString &account, const QString &tenant, const QString &role);
    void loadStarted();
    void loadProgress(int mailboxesLoaded);
    void loadRestarted(const QString &reason);
    void loadFinished();
    void problem(const QString &message);

private:
    void useSession(SignedInSession *session);

    ProfileLocation m_profile;
    MailboxTableModel *m_mailboxes;
    QNetworkAccessManager *m_network;
    std::unique_ptr<SecretStore> m_secrets;
    std::unique_ptr<AccountStore> m_accounts;
    std::unique_ptr<DemoTenant> m_demo;
    QPointer<SignedInSession> m_session;
    QPointer<TenantLoader> m_loader;
};

} // namespace smtpauth
