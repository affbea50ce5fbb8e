#include "consolesession.h"

#include "accountstore.h"
#include "demotenant.h"
#include "interactivesignin.h"
#include "keychainsecretstore.h"
#include "mailboxtablemodel.h"
#include "memorysecretstore.h"
#include "signedinsession.h"
#include "tenantloader.h"
#include "tokenprovider.h"

#include <QNetworkAccessManager>

namespace smtpauth {

namespace {
QString roleText(IdTokenClaims::Role role)
{
    switch (role) {
    case IdTokenClaims::Role::Administrator:
        return ConsoleSession::tr("Administrator");
    case IdTokenClaims::Role::RecipientAdministrator:
        return ConsoleSession::tr("Recipient administrator");
    case IdTokenClaims::Role::Helpdesk:
        return ConsoleSession::tr("Helpdesk");
    case IdTokenClaims::Role::ReadOnly:
        break;
    }
    return ConsoleSession::tr("Read-only");
}
} // namespace

ConsoleSession::ConsoleSession(const ProfileLocation &profile, MailboxTableModel *mailboxes, QObject *parent)
    : QObject(parent), m_profile(profile), m_mailboxes(mailboxes), m_network(new QNetworkAccessManager(this))
{
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

ConsoleSession::~ConsoleSession() = default;

void ConsoleSession::start(bool resetDemo)
{
    QString problemText;
    if (!m_profile.ensureExists(&problemText)) {
        Q_EMIT problem(problemText);
        return;
    }
    m_accounts = std::make_unique<AccountStore>(m_profile.directory());
    if (!m_profile.isDemo()) {
        m_secrets = std::make_unique<KeychainSecretStore>(m_profile.name(),
                                                          m_profile.filePath(QStringLiteral("keychain-index.ini")));
        const std::optional<AccountProfile> account = m_accounts->load();
        if (!account) {
            Q_EMIT problem(tr("Not signed in to profile '%1'. Sign in with: smtpauth-cli --profile %1 signin "
                              "(or start with --demo to try the demo tenant).")
                               .arg(m_profile.name()));
            return;
        }
        useSession(new SignedInSession(*account, m_secrets.get(), m_network, {}, this));
        return;
    }

    m_secrets = std::make_unique<MemorySecretStore>();
    if (resetDemo && !DemoTenant::reset(m_profile, &problemText)) {
        Q_EMIT problem(problemText);
        return;
    }
    m_demo = std::make_unique<DemoTenant>();
    if (!m_demo->start(m_profile, &problemText)) {
        Q_EMIT problem(tr("The demo tenant did not start: %1").arg(problemText));
        return;
    }
    InteractiveSignIn::Options options;
    options.cloud = CloudEnvironment::custom(m_demo->baseUrl(), m_demo->baseUrl());
    options.tenant = m_demo->tenantDomain();
    options.clientId = QStringLiteral("smtpauth-console-demo");
    options.loginHint = m_demo->adminUserPrincipalName();
    options.headless = true;
    options.timeout = std::chrono::seconds(30);
    auto *signIn = new InteractiveSignIn(options, m_secrets.get(), m_accounts.get(), m_network, this);
    connect(signIn, &InteractiveSignIn::failed, this, [this](const QString &message) {
        Q_EMIT problem(tr("Signing in to the demo tenant failed: %1").arg(message));
    });
    connect(signIn, &InteractiveSignIn::succeeded, this, [this, signIn] {
        SignedInSession *session = signIn->takeSession();
        session->setParent(this);
        signIn->deleteLater();
        useSession(session);
    });
    signIn->start();
}

void ConsoleSession::useSession(SignedInSession *session)
{
    m_session = session;
    const AccountProfile &account = session->account();
    Q_EMIT accountReady(account.userPrincipalName, account.tenantId, roleText(account.role));
    connect(session->tokens(), &TokenProvider::signedOut, this, [this](const QString &reason) {
        m_accounts->clear();
        Q_EMIT problem(tr("Signed out: %1").arg(reason));
    });
    refresh();
}

void ConsoleSession::refresh()
{
    if (!m_session)
        return;
    if (m_loader)
        m_loader->deleteLater();
    m_loader = new TenantLoader(m_session->client(), this);
    // The loaded rows replace the model's only when a run starts; a failed load keeps what was shown.
    bool firstPage = true;
    connect(m_loader, &TenantLoader::orgSettingLoaded, m_mailboxes, &MailboxTableModel::setOrgSetting);
    connect(m_loader, &TenantLoader::mailboxesReceived, this, [this, firstPage](const QList<Mailbox> &page) mutable {
        if (firstPage)
            m_mailboxes->clear();
        firstPage = false;
        m_mailboxes->appendMailboxes(page);
    });
    connect(m_loader, &TenantLoader::restarted, this, [this](const QString &reason) {
        m_mailboxes->clear();
        Q_EMIT loadRestarted(reason);
    });
    connect(m_loader, &TenantLoader::progress, this, &ConsoleSession::loadProgress);
    connect(m_loader, &TenantLoader::finished, this, &ConsoleSession::loadFinished);
    connect(m_loader, &TenantLoader::failed, this,
            [this](const ExchangeError &error) { Q_EMIT problem(error.userMessage()); });
    Q_EMIT loadStarted();
    m_loader->start();
}

} // namespace smtpauth
