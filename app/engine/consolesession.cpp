// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "engine/consolesession.h"

#include "auth/tokenprovider.h"
#include "engine/applicationregistration.h"
#include "engine/cutoffreadiness.h"
#include "engine/demotenant.h"
#include "engine/directoryloader.h"
#include "engine/graphconsent.h"
#include "engine/interactivesignin.h"
#include "engine/journalreconciler.h"
#include "engine/mailboxpagefeeder.h"
#include "engine/profileruntime.h"
#include "engine/signedinsession.h"
#include "engine/snapshotsaver.h"
#include "engine/tenantloader.h"
#include "engine/undoplanner.h"
#include "exchange/invokecommandclient.h"
#include "models/changejournal.h"
#include "models/journalhistoryfilter.h"
#include "models/mailboxtablemodel.h"
#include "models/readinessvocabulary.h"
#include "models/snapshotstore.h"
#include "models/tenantdirectory.h"

#include <QFile>
#include <QLocale>
#include <QPointer>
#include <QSaveFile>

namespace smtpauth {

ConsoleSession::ConsoleSession(const ProfileLocation &profile, MailboxTableModel *mailboxes, QObject *parent)
    : QObject(parent), m_profile(profile), m_mailboxes(mailboxes),
      m_journal(std::make_unique<ChangeJournal>()), m_feeder(new MailboxPageFeeder(mailboxes, this)),
      m_readiness(new CutoffReadiness(
          mailboxes, [this] { return m_directory; }, this))
{
    // The readiness classes follow the list and the verdicts: a finished load or an applied change
    // rebuilds them (the usage evidence stays until it is read again).
    connect(this, &ConsoleSession::loadFinished, m_readiness, &CutoffReadiness::rebuild);
    connect(this, &ConsoleSession::applyFinished, m_readiness, &CutoffReadiness::rebuild);
}

ConsoleSession::~ConsoleSession()
{
    // Everything that can hold a request (a load, an apply, a reconciliation) goes before the runtime,
    // which owns the network manager they send through.
    ProfileRuntime::deleteChildrenExcept(this, m_runtime);
    delete m_runtime;
}

DemoTenant *ConsoleSession::demoTenant() const
{
    return m_runtime ? m_runtime->demoTenant() : nullptr;
}

void ConsoleSession::start(bool resetDemo)
{
    QString problemText;
    m_runtime = new ProfileRuntime(m_profile, this);
    connect(m_runtime, &ProfileRuntime::signInEnded, this, [this](const QString &reason) {
        closeSession();
        Q_EMIT signInRequired(reason);
    });
    // A demo reset removes the demo journal, so the journal is opened only after the runtime.
    if (!m_runtime->open(resetDemo, &problemText)) {
        Q_EMIT problem(problemText);
        return;
    }
    m_snapshots = std::make_unique<SnapshotStore>(m_runtime->snapshotPath());
    m_snapshotSaver = std::make_unique<SnapshotSaver>(m_snapshots->path(), m_runtime->snapshotHistoryPath());
    connect(m_snapshotSaver.get(), &SnapshotSaver::saved, this, &ConsoleSession::snapshotSaved);
    connect(m_snapshotSaver.get(), &SnapshotSaver::failed, this, [this](const QString &error) {
        Q_EMIT problem(tr("The mailbox list could not be cached for the next start: %1").arg(error));
    });
    m_journal->close();
    if (!m_journal->open(m_runtime->journalPath(), &problemText)) {
        // Without its journal the console must not change anything; reading is still useful.
        Q_EMIT problem(
            tr("The change journal cannot be opened, so changes are disabled: %1").arg(problemText));
    }
    Q_EMIT journalChanged();

    if (!m_profile.isDemo()) {
        SignedInSession *session = m_runtime->restoreSession();
        if (!session) {
            Q_EMIT signInRequired(
                tr("Sign in to use profile '%1', or choose \"Try the demo tenant\" to look around first.")
                    .arg(m_profile.name()));
            return;
        }
        useSession(session);
        return;
    }

    if (!m_runtime->startDemoTenant(&problemText)) {
        Q_EMIT problem(tr("The demo tenant did not start: %1").arg(problemText));
        return;
    }
    InteractiveSignIn *signIn = m_runtime->newDemoSignIn(m_demoUser);
    connect(signIn, &InteractiveSignIn::failed, this, [this](const QString &message) {
        Q_EMIT problem(tr("Signing in to the demo tenant failed: %1").arg(message));
    });
    adoptWhenSignedIn(signIn);
    signIn->start();
}

void ConsoleSession::useSession(SignedInSession *session)
{
    m_session = session;
    m_readiness->setGraph(session->graph());
    m_readiness->setExchange(session->client());
    const AccountProfile &account = session->account();
    m_role = account.role;
    Q_EMIT accountReady(account.userPrincipalName, account.tenantId, ProfileRuntime::roleText(m_role));
    connect(session->client(), &InvokeCommandClient::retryScheduled, this, &ConsoleSession::throttled);
    showSnapshot();
    showCachedDirectory();
    updateLastChanges();
    if (m_journal->isOpen()) {
        // Changes a crash or kill left unsettled are settled against the server before anything else.
        auto *reconciler = new JournalReconciler(session->client(), m_journal.get(), this);
        connect(reconciler, &JournalReconciler::finished, this, [this, reconciler] {
            reconciler->deleteLater();
            if (!reconciler->settled().isEmpty()) {
                updateLastChanges();
                Q_EMIT journalChanged();
            }
        });
        reconciler->start();
    }
    refresh();
}

void ConsoleSession::showSnapshot()
{
    if (!m_snapshots || !m_session)
        return;
    QString error;
    std::optional<SnapshotStore::Snapshot> snapshot =
        m_snapshots->load(m_session->account().tenantId, &error);
    if (!snapshot) {
        if (!error.isEmpty())
            Q_EMIT problem(tr("The cached mailbox list was not usable and is ignored: %1").arg(error));
        return;
    }
    const QDateTime saved = snapshot->savedUtc;
    m_mailboxes->replaceAll(std::move(snapshot->mailboxes), snapshot->org);
    Q_EMIT snapshotShown(saved);
}

void ConsoleSession::saveSnapshot()
{
    if (!m_snapshotSaver || !m_session)
        return;
    m_snapshotSaver->save(m_mailboxes->store(), m_mailboxes->orgSetting(), m_session->account().tenantId,
                          QDateTime::currentDateTimeUtc());
}

void ConsoleSession::refresh()
{
    if (!m_session)
        return;
    if (m_loader) {
        m_loader->abort();
        m_loader->deleteLater();
    }
    stopFeeding();
    // Behind a shown list (the snapshot, or the previous load) the new one is collected aside and
    // swapped in when complete, so a failed load keeps what was shown. An empty window fills page by page.
    const bool behindShownList = m_mailboxes->rowCount() > 0;
    m_incoming = behindShownList ? std::make_unique<MailboxStore>() : nullptr;
    m_loader = new TenantLoader(m_session->client(), this);
    connect(m_loader, &TenantLoader::orgSettingLoaded, this, [this](OrgSetting org) {
        if (m_incoming)
            m_incomingOrg = org;
        else
            m_mailboxes->setOrgSetting(org);
    });
    connect(m_loader, &TenantLoader::mailboxesReceived, this, [this](const QList<Mailbox> &page) {
        if (!m_incoming) {
            m_feeder->enqueue(page);
            return;
        }
        for (const Mailbox &mailbox : page)
            m_incoming->upsert(mailbox);
    });
    connect(m_loader, &TenantLoader::restarted, this, [this](const QString &reason) {
        if (m_incoming) {
            m_incoming = std::make_unique<MailboxStore>();
        } else {
            m_feeder->discardQueued();
            m_mailboxes->clear();
        }
        Q_EMIT loadRestarted(reason);
    });
    connect(m_loader, &TenantLoader::progress, this, &ConsoleSession::loadProgress);
    connect(m_loader, &TenantLoader::finished, this, [this] {
        if (m_incoming) {
            m_mailboxes->replaceAll(std::move(*m_incoming), m_incomingOrg);
            m_incoming.reset();
        }
        if (m_feeder->isIdle()) {
            finishLoad();
            return;
        }
        m_finishWhenFed = connect(m_feeder, &MailboxPageFeeder::drained, this, [this] {
            disconnect(m_finishWhenFed);
            finishLoad();
        });
    });
    connect(m_loader, &TenantLoader::failed, this, [this](const ExchangeError &error) {
        if (error.category() == ExchangeError::Category::Unauthorized && !m_profile.isDemo()) {
            // The remembered sign-in no longer works (revoked, expired, session-only last time).
            closeSession();
            Q_EMIT signInRequired(error.userMessage());
            return;
        }
        const bool kept = m_incoming != nullptr;
        m_incoming.reset();
        Q_EMIT problem(kept ? tr("Refreshing failed; showing the earlier list. %1").arg(error.userMessage())
                            : error.userMessage());
    });
    Q_EMIT loadStarted();
    m_loader->start();
    refreshDirectory();
}

void ConsoleSession::stopFeeding()
{
    disconnect(m_finishWhenFed);
    m_feeder->discardQueued();
}

void ConsoleSession::finishLoad()
{
    saveSnapshot();
    Q_EMIT loadFinished();
}

int ConsoleSession::mailboxesFlippedBy(OrgSetting value) const
{
    if (value == m_mailboxes->orgSetting())
        return 0;
    const EffectiveCounts counts = m_mailboxes->counts();
    return counts.enabledByOrg + counts.disabledByOrg;
}

void ConsoleSession::applyStaged(const QString &reason, const QString &ticket,
                                 const QHash<QUuid, OwnReason> &ownReasons)
{
    QList<StagedChange> changes;
    const MailboxStore &store = m_mailboxes->store();
    for (const QUuid &guid : m_mailboxes->stagedGuids()) {
        const int row = store.rowOfGuid(guid);
        StagedChange change;
        change.targetGuid = guid;
        change.targetAddress = store.primarySmtpAddress(row).toString();
        change.targetDisplayName = store.displayName(row).toString();
        change.expectedBefore = changeValueOf(store.smtpAuthOverride(row)); // what the person saw
        change.after = changeValueOf(*m_mailboxes->stagedValue(guid));
        changes.append(change);
    }
    // As `smtpauth-cli apply FILE.csv` does: each imported row keeps its own reason and ticket.
    for (StagedChange &change : changes) {
        const auto own = ownReasons.constFind(change.targetGuid);
        if (own != ownReasons.cend()) {
            change.reason = own->reason;
            change.ticket = own->ticket;
        }
    }
    ChangeApplier::Request request;
    request.batch.kind = BatchKind::Apply;
    request.batch.reason = reason;
    request.batch.ticket = ticket;
    request.changes = changes;
    runApplier(request);
}

void ConsoleSession::undo(const QString &label, const QString &reason, bool force)
{
    if (!m_journal->isOpen())
        return;
    const UndoPlanner::Plan plan = UndoPlanner::plan(*m_journal, label);
    if (!plan.ok) {
        Q_EMIT problem(plan.error);
        return;
    }
    ChangeApplier::Request request;
    request.batch.kind = BatchKind::Undo;
    request.batch.reason = reason.isEmpty() ? tr("Undo of %1").arg(label.toUpper()) : reason;
    request.batch.undoOfBatch = plan.undoOfBatch;
    request.batch.undoOfChange = plan.undoOfChange;
    request.changes = plan.changes;
    request.force = force;
    runApplier(request);
}

void ConsoleSession::switchOrgSetting(OrgSetting value, const QString &reason, const QString &ticket)
{
    StagedChange change;
    change.targetKind = ChangeTargetKind::Org;
    change.expectedBefore = changeValueOf(m_mailboxes->orgSetting());
    change.after = changeValueOf(value);
    ChangeApplier::Request request;
    request.batch.kind = BatchKind::Org;
    request.batch.reason = reason;
    request.batch.ticket = ticket;
    request.changes = {change};
    runApplier(request);
}

void ConsoleSession::runApplier(const ChangeApplier::Request &base)
{
    if (!m_session || !m_journal->isOpen() || m_applier || base.changes.isEmpty()) {
        if (!m_journal->isOpen())
            Q_EMIT problem(tr("Changes are disabled: the change journal is not open."));
        return;
    }
    ChangeApplier::Request request = base;
    request.batch.operatorUpn = m_session->account().userPrincipalName;
    request.batch.tenantId = m_session->account().tenantId;
    m_applier = new ChangeApplier(m_session->client(), m_journal.get(), this);
    connect(m_applier, &ChangeApplier::stageChanged, this, &ConsoleSession::applyStage);
    connect(m_applier, &ChangeApplier::changesRecorded, this, &ConsoleSession::applyChangesRecorded);
    connect(m_applier, &ChangeApplier::cancelPossibleChanged, this,
            &ConsoleSession::applyCancelPossibleChanged);
    connect(m_applier, &ChangeApplier::finished, this, &ConsoleSession::onApplyFinished);
    Q_EMIT applyStarted(int(request.changes.size()));
    m_applier->start(request);
}

bool ConsoleSession::cancelApply()
{
    return m_applier && m_applier->cancel();
}

void ConsoleSession::onApplyFinished(const ChangeApplier::Report &report)
{
    m_applier->deleteLater();
    m_applier = nullptr;
    for (const ChangeRecord &change : report.changes) {
        const bool serverHasAfter = change.state == ChangeState::Applied || change.state == ChangeState::NoOp;
        if (!serverHasAfter)
            continue;
        if (change.targetKind == ChangeTargetKind::Org) {
            OrgSetting org;
            if (orgSettingFromName(change.after, &org))
                m_mailboxes->setOrgSetting(org);
            continue;
        }
        Override value;
        if (overrideFromName(change.after, &value)) {
            m_mailboxes->setOverride(change.targetGuid, value);
            m_mailboxes->unstage({change.targetGuid});
        }
    }
    if (report.permissionDenied) {
        // The server is the truth about roles: show less, and say why (the reason is in the report).
        const bool orgRefused =
            std::any_of(report.changes.cbegin(), report.changes.cend(), [](const ChangeRecord &c) {
                return c.targetKind == ChangeTargetKind::Org && c.state == ChangeState::Failed;
            });
        if (!orgRefused)
            m_role = IdTokenClaims::Role::ReadOnly; // a mailbox write was refused: nothing may be edited
        else if (m_role == IdTokenClaims::Role::Administrator)
            m_role = IdTokenClaims::Role::RecipientAdministrator; // mailboxes yes, the org switch no
        Q_EMIT permissionsChanged();
    }
    updateLastChanges();
    Q_EMIT applyFinished(report);
    Q_EMIT journalChanged();
}

void ConsoleSession::updateLastChanges()
{
    if (!m_journal->isOpen())
        return;
    HistoryFilter appliedOnly;
    appliedOnly.outcome = ChangeState::Applied;
    QHash<QUuid, MailboxTableModel::LastChange> last;
    for (const HistoryEntry &entry : m_journal->history(appliedOnly)) {
        if (entry.change.targetKind != ChangeTargetKind::Mailbox)
            continue;
        // Oldest first: later entries overwrite earlier ones.
        last.insert(entry.change.targetGuid,
                    {entry.batch.operatorUpn, entry.change.updatedUtc, changeLabel(entry.change.id)});
    }
    m_mailboxes->setLastChanges(std::move(last));
}

} // namespace smtpauth

namespace smtpauth {

QStringList ConsoleSession::knownProfiles() const
{
    return ProfileLocation::profileNames(m_profile.baseDirectory());
}

void ConsoleSession::closeSession()
{
    if (m_loader) {
        m_loader->abort();
        m_loader->deleteLater();
    }
    stopFeeding();
    if (m_signIn)
        m_signIn->deleteLater();
    if (m_directoryLoader) {
        m_directoryLoader->abort();
        m_directoryLoader->deleteLater();
    }
    if (m_graphConsent)
        m_graphConsent->deleteLater();
    m_directory.reset();
    m_directoryProblems.clear();
    m_consentOffered = false;
    m_graphConsentMissing = false;
    m_mailboxes->setReadinessContext(nullptr, readinessDate());
    m_readiness->clear();
    m_usageRead = false;
    if (m_runtime)
        m_runtime->closeSession();
    m_session = nullptr;
    m_incoming.reset();
    m_role = IdTokenClaims::Role::ReadOnly;
}

void ConsoleSession::openProfile(const ProfileLocation &profile)
{
    if (isBusy())
        return; // never walk away from a batch being written
    closeSession();
    m_mailboxes->clearStaged();
    m_mailboxes->clear();
    m_journal->close();
    if (m_snapshotSaver)
        m_snapshotSaver->finishWrites();
    m_snapshotSaver.reset();
    m_snapshots.reset();
    if (m_runtime) {
        // Requests of the closed session were aborted above; their objects go first (posted earlier).
        disconnect(m_runtime, nullptr, this, nullptr);
        m_runtime->deleteLater();
        m_runtime = nullptr;
    }
    m_profile = profile;
    start();
}

std::optional<ConsoleSession::SignInRequest> ConsoleSession::rememberedConnection() const
{
    const std::optional<AccountProfile> account = m_runtime ? m_runtime->rememberedAccount() : std::nullopt;
    if (!account)
        return std::nullopt;
    SignInRequest request;
    request.cloud = account->cloudEnvironment();
    request.tenant = account->tenantId;
    request.clientId = account->clientId;
    request.loginHint = account->userPrincipalName;
    return request;
}

void ConsoleSession::signIn(const SignInRequest &request)
{
    if (m_profile.isDemo() || m_session || !m_runtime)
        return;
    if (request.sessionOnly) {
        m_runtime->keepInMemoryOnly();
        startInteractiveSignIn(request);
        return;
    }
    m_runtime->keepInKeychain();
    // Ask the keychain first: finding out after the browser sign-in would waste the person's MFA.
    const QString probeKey = QStringLiteral("keychain-check");
    QPointer<SecretStore> secrets = m_runtime->secrets();
    secrets->writeSecret(probeKey, QStringLiteral("ok"),
                         [this, secrets, request, probeKey](const SecretStore::Result &written) {
                             if (!written.ok()) {
                                 Q_EMIT keychainUnavailable(written.errorMessage);
                                 return;
                             }
                             if (secrets)
                                 secrets->deleteSecret(probeKey, [](const SecretStore::Result &) {});
                             startInteractiveSignIn(request);
                         });
}

void ConsoleSession::startInteractiveSignIn(const SignInRequest &request)
{
    QString problemText;
    const QString clientId =
        ApplicationRegistration::clientIdFor(request.cloud, request.clientId, &problemText);
    if (clientId.isEmpty()) {
        Q_EMIT signInFailed(problemText);
        return;
    }
    InteractiveSignIn::Options options;
    options.cloud = request.cloud;
    options.tenant =
        request.tenant.trimmed().isEmpty() ? QStringLiteral("organizations") : request.tenant.trimmed();
    options.clientId = clientId;
    options.loginHint = request.loginHint.trimmed();
    options.timeout = m_signInTimeout;
    InteractiveSignIn *signIn = m_runtime->newSignIn(options);
    m_signIn = signIn;
    connect(signIn, &InteractiveSignIn::authorizationUrlReady, this, &ConsoleSession::authorizationUrlReady);
    connect(signIn, &InteractiveSignIn::failed, this, [this, signIn](const QString &message) {
        signIn->deleteLater();
        Q_EMIT signInFailed(message);
    });
    adoptWhenSignedIn(signIn);
    signIn->start();
}

void ConsoleSession::adoptWhenSignedIn(InteractiveSignIn *signIn)
{
    connect(signIn, &InteractiveSignIn::succeeded, this, [this, signIn] {
        if (SignedInSession *session = m_runtime->adoptSignIn(signIn))
            useSession(session);
    });
}

void ConsoleSession::cancelSignIn()
{
    if (auto *signIn = qobject_cast<InteractiveSignIn *>(m_signIn.data()))
        signIn->cancel();
}

void ConsoleSession::signOut(bool deleteCachedData)
{
    if (isBusy() || m_profile.isDemo())
        return;
    closeSession();
    m_mailboxes->clearStaged();
    m_mailboxes->clear();
    if (deleteCachedData && m_snapshots) {
        m_snapshotSaver->finishWrites(); // else a write still running would bring the list back
        m_snapshots->clear();
    }
    if (!m_runtime)
        return;
    m_runtime->signOut([this](const SecretStore::Result &result) {
        Q_EMIT signedOut();
        Q_EMIT signInRequired(result.ok() || result.error == SecretStore::ErrorKind::NotFound
                                  ? tr("Signed out.")
                                  : tr("Signed out, but the keychain entries could not be removed: %1")
                                        .arg(result.errorMessage));
    });
}

} // namespace smtpauth

namespace smtpauth {

bool ConsoleSession::isReadingDirectory() const
{
    return m_directoryLoader != nullptr;
}

QDate ConsoleSession::readinessDate() const
{
    return m_readinessDate.isValid() ? m_readinessDate : QDateTime::currentDateTimeUtc().date();
}

void ConsoleSession::setReadinessDate(QDate today)
{
    m_readinessDate = today;
    m_mailboxes->setReadinessContext(m_directory, readinessDate());
    Q_EMIT directoryRead(); // the verdicts (and the banner's days left) are for the new date
}

QString ConsoleSession::directoryCachePath() const
{
    return m_profile.filePath(QStringLiteral("directory.cache"));
}

void ConsoleSession::showCachedDirectory()
{
    if (!m_session)
        return;
    QFile file(directoryCachePath());
    if (!file.exists())
        return;
    QString error;
    std::optional<TenantDirectory> cached;
    if (file.open(QIODevice::ReadOnly))
        cached = TenantDirectory::deserialize(file.readAll(), &error);
    else
        error = file.errorString();
    if (!cached) {
        Q_EMIT problem(tr("The cached readiness data was not usable and is ignored: %1").arg(error));
        return;
    }
    m_directory = std::make_shared<TenantDirectory>(std::move(*cached));
    m_mailboxes->setReadinessContext(m_directory, readinessDate());
    Q_EMIT directoryRead();
}

void ConsoleSession::refreshDirectory()
{
    if (!m_session)
        return;
    if (m_directoryLoader) {
        m_directoryLoader->abort();
        m_directoryLoader->deleteLater();
    }
    auto *loader = new DirectoryLoader(m_session, this);
    m_directoryLoader = loader;
    connect(loader, &DirectoryLoader::finished, this, [this, loader] {
        loader->deleteLater();
        m_directoryLoader = nullptr;
        m_directoryProblems = loader->problems();
        m_graphConsentMissing = loader->graphInteractionRequired();
        useDirectory(loader->directory());
        // The usage evidence needs the same Graph consent; read it once the directory is known.
        if (!m_usageRead && !loader->graphInteractionRequired()) {
            m_usageRead = true;
            m_readiness->readUsage(m_readiness->periodDays(), m_readiness->signInDays());
        }
        if (loader->graphInteractionRequired() && !m_consentOffered) {
            m_consentOffered = true; // once per session: the banner keeps saying it afterwards
            Q_EMIT graphConsentNeeded(
                tr("The readiness data in Microsoft Graph (security defaults, Conditional "
                   "Access) needs your consent before it can be read."));
        }
    });
    Q_EMIT directoryReadStarted();
    loader->start();
}

void ConsoleSession::useDirectory(std::shared_ptr<TenantDirectory> directory)
{
    m_directory = std::move(directory);
    m_mailboxes->setReadinessContext(m_directory, readinessDate());
    // Cached for the next start, like the mailbox list; nothing in it is secret.
    QSaveFile file(directoryCachePath());
    if (!file.open(QIODevice::WriteOnly) || file.write(m_directory->serialize()) < 0 || !file.commit())
        Q_EMIT problem(
            tr("The readiness data could not be cached for the next start: %1").arg(file.errorString()));
    m_readiness->rebuild();
    Q_EMIT directoryRead();
}

QStringList ConsoleSession::tenantWideNotices() const
{
    QStringList notices;
    if (!m_directory)
        return notices;
    if (m_directory->securityDefaultsEnabled().value_or(false))
        notices.append(
            tr("Security defaults are on: Basic SMTP AUTH is blocked for every mailbox, whatever these "
               "switches say."));
    const QDate today = readinessDate();
    if (today >= basicRetirementCutoff())
        notices.append(tr("Microsoft has turned Basic authentication for SMTP AUTH off by default since %1: "
                          "Basic clients are blocked unless it was turned back on.")
                           .arg(QLocale().toString(basicRetirementCutoff(), QLocale::LongFormat)));
    else
        notices.append(tr("Basic authentication for SMTP AUTH goes off by default on %1 (%n day(s) left).",
                          nullptr, int(today.daysTo(basicRetirementCutoff())))
                           .arg(QLocale().toString(basicRetirementCutoff(), QLocale::LongFormat)));
    return notices;
}

void ConsoleSession::completeExplanation(const QUuid &guid)
{
    if (!m_session || !m_directory)
        return;
    const int row = m_mailboxes->store().rowOfGuid(guid);
    if (row < 0 || !m_mailboxes->readinessEvaluator().rolesMatter())
        return;
    const QUuid userId = m_mailboxes->store().externalDirectoryObjectId(row);
    if (userId.isNull() || m_directory->userRoles(userId))
        return; // already read (or being explained without a user id)
    std::shared_ptr<TenantDirectory> directory = m_directory;
    DirectoryLoader::readUserRoles(m_session->graph(), directory, userId, this, [this, directory, guid] {
        if (directory != m_directory)
            return; // a newer directory replaced it meanwhile
        m_mailboxes->setReadinessContext(m_directory, readinessDate());
        Q_EMIT explanationUpdated(guid);
    });
}

void ConsoleSession::allowGraphAccess()
{
    if (!m_session || m_graphConsent)
        return;
    GraphConsent::Options options;
    options.headless = m_profile.isDemo();
    options.timeout = m_signInTimeout;
    m_graphConsent = new GraphConsent(m_session, m_runtime->network(), options, this);
    connect(m_graphConsent, &GraphConsent::authorizationUrlReady, this, [this](const QUrl &url) {
        if (!m_profile.isDemo())
            Q_EMIT graphConsentUrlReady(url);
    });
    connect(m_graphConsent, &GraphConsent::failed, this, [this](const QString &message) {
        m_graphConsent->deleteLater();
        Q_EMIT graphConsentFinished(false, message);
    });
    connect(m_graphConsent, &GraphConsent::succeeded, this, [this] {
        m_graphConsent->deleteLater();
        Q_EMIT graphConsentFinished(true, tr("Access to the readiness data is allowed."));
        refreshDirectory();
    });
    m_graphConsent->start();
}

void ConsoleSession::cancelGraphAccess()
{
    if (m_graphConsent)
        m_graphConsent->cancel();
}

} // namespace smtpauth
