// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "engine/profileruntime.h"

#include "auth/accountstore.h"
#include "auth/authlogging.h"
#include "auth/keychainsecretstore.h"
#include "auth/memorysecretstore.h"
#include "auth/tokenprovider.h"
#include "engine/demotenant.h"
#include "engine/signedinsession.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QTimer>

namespace smtpauth {

ProfileRuntime::ProfileRuntime(const ProfileLocation &profile, QObject *parent)
    : QObject(parent), m_profile(profile), m_network(new QNetworkAccessManager(this))
{
    // Redirects are part of the protocol the clients check themselves (nextLink origin, loopback
    // sign-in, the report download that must not carry the bearer token).
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

ProfileRuntime::~ProfileRuntime()
{
    // A token renewal in flight has already spent the stored refresh token at the service: torn down
    // now, its rotated successor would never reach the keychain and the next start would sign the person
    // out. It is taken out of the session and allowed to finish (bounded); its callers go with the session.
    TokenProvider *renewing = m_session && m_session->tokens()->isRenewing() ? m_session->tokens() : nullptr;
    if (renewing) {
        QObject::disconnect(renewing, nullptr, nullptr, nullptr);
        renewing->setParent(nullptr);
        renewing->abandonCallers();
    }
    // Children die in creation order and the network manager was created first: a request still in
    // flight (a sign-in, a token refresh) would then be torn down after its manager.
    deleteChildrenExcept(this, m_network);
    if (renewing) {
        waitForRenewal(renewing);
        delete renewing;
    }
    m_demo.reset();
}

void ProfileRuntime::waitForRenewal(TokenProvider *tokens)
{
    if (!tokens->isRenewing())
        return;
    QEventLoop loop;
    connect(tokens, &TokenProvider::renewalSettled, &loop, &QEventLoop::quit);
    // Past the token endpoint's own timeout the renewal is lost anyway; closing must not hang on it.
    QTimer::singleShot(kRenewalWaitOnCloseMs, &loop, &QEventLoop::quit);
    qCInfo(lcAuth) << "closing: waiting for the token renewal in flight, so that its refresh token is kept";
    loop.exec();
    if (tokens->isRenewing())
        qCWarning(lcAuth)
            << "closing: the token renewal did not finish; the next start may ask to sign in again";
}

void ProfileRuntime::deleteChildrenExcept(QObject *parent, const QObject *kept)
{
    QList<QPointer<QObject>> others;
    for (QObject *child : parent->children()) {
        if (child != kept)
            others.append(child);
    }
    for (const QPointer<QObject> &child : std::as_const(others))
        delete child.data();
}

bool ProfileRuntime::open(bool resetDemo, QString *problem)
{
    if (!m_profile.ensureExists(problem))
        return false;
    m_accounts = std::make_unique<AccountStore>(m_profile.directory());
    if (m_profile.isDemo()) {
        // The demo signs in afresh on every run; its tokens never need to outlive the process.
        m_secrets = std::make_unique<MemorySecretStore>();
        if (resetDemo) {
            const QString journal = journalPath();
            const QString snapshot = snapshotPath();
            const QString history = snapshotHistoryPath();
            const QStringList files = {journal,
                                       journal + QStringLiteral("-wal"),
                                       journal + QStringLiteral("-shm"),
                                       snapshot,
                                       snapshot + QStringLiteral("-journal"),
                                       history,
                                       history + QStringLiteral("-journal")};
            for (const QString &file : files) {
                if (QFile::exists(file) && !QFile::remove(file)) {
                    *problem = tr("Cannot remove %1 to start the demo over.").arg(file);
                    return false;
                }
            }
            if (!DemoTenant::reset(m_profile, problem))
                return false;
        }
        return true;
    }
    makeKeychainStore();
    return true;
}

void ProfileRuntime::makeKeychainStore()
{
    m_secrets =
        std::make_unique<KeychainSecretStore>(m_profile.name(), m_profile.filePath(keychainIndexFileName()));
}

std::optional<AccountProfile> ProfileRuntime::rememberedAccount() const
{
    return m_accounts ? m_accounts->load() : std::nullopt;
}

void ProfileRuntime::keepInMemoryOnly()
{
    if (!qobject_cast<MemorySecretStore *>(m_secrets.get()))
        m_secrets = std::make_unique<MemorySecretStore>();
}

void ProfileRuntime::keepInKeychain()
{
    if (m_profile.isDemo())
        return;
    if (!qobject_cast<KeychainSecretStore *>(m_secrets.get()))
        makeKeychainStore();
}

bool ProfileRuntime::startDemoTenant(QString *problem)
{
    if (!m_profile.isDemo()) {
        *problem = tr("Profile '%1' is not the demo profile.").arg(m_profile.name());
        return false;
    }
    if (m_demo)
        return true;
    auto demo = std::make_unique<DemoTenant>();
    if (!demo->start(m_profile, problem))
        return false;
    m_demo = std::move(demo);
    return true;
}

SignedInSession *ProfileRuntime::restoreSession()
{
    const std::optional<AccountProfile> account = rememberedAccount();
    if (!account || !m_secrets)
        return nullptr;
    return useSession(new SignedInSession(*account, m_secrets.get(), m_network, {}, this));
}

InteractiveSignIn *ProfileRuntime::newSignIn(const InteractiveSignIn::Options &options)
{
    return new InteractiveSignIn(options, m_secrets.get(), m_accounts.get(), m_network, this);
}

InteractiveSignIn *ProfileRuntime::newDemoSignIn(const QString &demoUserAlias)
{
    Q_ASSERT(m_demo);
    return newSignIn(m_demo->signInOptions(demoUserAlias));
}

SignedInSession *ProfileRuntime::adoptSignIn(InteractiveSignIn *signIn)
{
    SignedInSession *session = signIn->takeSession();
    if (!session)
        return nullptr;
    session->setParent(this);
    signIn->deleteLater();
    return useSession(session);
}

SignedInSession *ProfileRuntime::useSession(SignedInSession *session)
{
    closeSession();
    m_session = session;
    connect(session->tokens(), &TokenProvider::signedOut, this, [this, session](const QString &reason) {
        if (m_session != session)
            return;
        if (m_accounts)
            m_accounts->clear();
        Q_EMIT signInEnded(reason);
    });
    return session;
}

SignedInSession *ProfileRuntime::session() const
{
    return m_session;
}

void ProfileRuntime::closeSession()
{
    if (m_session)
        m_session->deleteLater();
    m_session = nullptr;
}

void ProfileRuntime::signOut(std::function<void(const SecretStore::Result &)> done)
{
    // A renewal still out must not store its rotated token after the keychain was emptied.
    if (m_session)
        m_session->tokens()->endForSignOut();
    closeSession();
    if (m_accounts)
        m_accounts->clear();
    if (auto *keychain = qobject_cast<KeychainSecretStore *>(m_secrets.get())) {
        keychain->deleteAll(std::move(done));
        return;
    }
    // Memory-only tokens go with the store.
    if (!m_profile.isDemo())
        makeKeychainStore();
    else
        m_secrets = std::make_unique<MemorySecretStore>();
    QMetaObject::invokeMethod(
        this, [done = std::move(done)] { done({}); }, Qt::QueuedConnection);
}

QString ProfileRuntime::roleText(IdTokenClaims::Role role)
{
    switch (role) {
    case IdTokenClaims::Role::Administrator:
        return tr("Administrator");
    case IdTokenClaims::Role::RecipientAdministrator:
        return tr("Recipient administrator");
    case IdTokenClaims::Role::Helpdesk:
        return tr("Helpdesk (read-only)");
    case IdTokenClaims::Role::ReadOnly:
        break;
    }
    return tr("Read-only");
}

} // namespace smtpauth
