// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "auth/cloudenvironment.h"
#include "auth/idtokenclaims.h"
#include "engine/changeapplier.h"
#include "engine/profilelocation.h"
#include "models/smtpauthpolicy.h"

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <QUuid>
#include <chrono>
#include <memory>
#include <optional>

namespace smtpauth {

class ChangeJournal;
class CutoffReadiness;
class DemoTenant;
class DirectoryLoader;
class GraphConsent;
class TenantDirectory;
class InteractiveSignIn;
class MailboxPageFeeder;
class MailboxStore;
class MailboxTableModel;
class ProfileRuntime;
class SignedInSession;
class SnapshotStore;
class SnapshotSaver;
class TenantLoader;

// What the window runs on: signs in (silently from the keychain, or as the demo tenant's admin), shows
// the cached snapshot at once, loads the tenant into the given model, and applies, undoes and switches
// through the same write-ahead path as the CLI. The window only listens and asks.
class ConsoleSession : public QObject
{
    Q_OBJECT
public:
    // What the sign-in screen asks for.
    struct SignInRequest
    {
        CloudEnvironment cloud = CloudEnvironment::global();
        QString tenant;
        QString clientId;
        QString loginHint;
        // Tokens only in memory for this run: the explicit choice when no keychain is available.
        bool sessionOnly = false;
    };

    // A change's own reason and ticket (a CSV import row has them), recorded instead of the batch's.
    struct OwnReason
    {
        QString reason;
        QString ticket;
    };

    ConsoleSession(const ProfileLocation &profile, MailboxTableModel *mailboxes, QObject *parent = nullptr);
    ~ConsoleSession() override;

    const ProfileLocation &profile() const { return m_profile; }
    // Closes this profile (its data stays) and opens another one, signing in silently when it can.
    void openProfile(const ProfileLocation &profile);
    // Names of the profiles that exist under the same base directory (not the demo).
    QStringList knownProfiles() const;

    // Interactive sign-in: authorizationUrlReady asks the window to open the system browser.
    void signIn(const SignInRequest &request);
    // How long an interactive sign-in may wait for the browser (default 5 minutes).
    void setSignInTimeout(std::chrono::milliseconds timeout) { m_signInTimeout = timeout; }
    void cancelSignIn();
    // Removes this profile's keychain entries, forgets tokens and, if asked, the cached mailbox list.
    // The journal stays: it is the record of what was changed.
    void signOut(bool deleteCachedData);
    // The remembered connection of this profile, to prefill the sign-in screen.
    std::optional<SignInRequest> rememberedConnection() const;
    // Demo profiles start the embedded demo tenant first (reset: start it over).
    void start(bool resetDemo = false);
    // Which demo user signs in (admin, recipients, helpdesk, reader); before start(). Default admin.
    void setDemoUser(const QString &alias) { m_demoUser = alias; }
    // The embedded demo tenant, when this is a demo session (tests change it "as another admin").
    DemoTenant *demoTenant() const;
    // The profile's engine (sign-in, stores, demo tenant), shared with the command line's way of working.
    ProfileRuntime *runtime() const { return m_runtime; }
    // The cutoff readiness of this session's tenant (the Readiness tab): never null.
    CutoffReadiness *readiness() const { return m_readiness; }
    void refresh();

    ChangeJournal *journal() const { return m_journal.get(); }
    IdTokenClaims::Role role() const { return m_role; }
    bool canEditMailboxes() const { return IdTokenClaims::canEditMailboxes(m_role); }
    bool canEditOrgSetting() const { return IdTokenClaims::canEditOrgSetting(m_role); }
    bool isBusy() const { return m_applier != nullptr; }

    // Applies the model's staged changes. Applied and unchanged ones leave the staging; failed and
    // conflicting ones stay staged with their outcome in the report. A mailbox in `ownReasons` is
    // journalled with its own reason and ticket, the others with the batch's.
    void applyStaged(const QString &reason, const QString &ticket,
                     const QHash<QUuid, OwnReason> &ownReasons = {});
    void undo(const QString &label, const QString &reason, bool force);
    void switchOrgSetting(OrgSetting value, const QString &reason, const QString &ticket);
    bool cancelApply();
    // How many mailboxes change effective state if the org setting becomes `value`.
    int mailboxesFlippedBy(OrgSetting value) const;

    // Readiness (readiness.md §1): what was read about the tenant beyond the switch. The table's Basic-now
    // columns and the Why panel follow it; it is read with every refresh, beside the mailbox list, and
    // the last one read is shown at start from the profile's cache, marked with the time it was read.
    std::shared_ptr<const TenantDirectory> directory() const { return m_directory; }
    bool isReadingDirectory() const;
    // Sources that could not be read the last time, one line each with the server's reason.
    QStringList directoryProblems() const { return m_directoryProblems; }
    // Graph could not be read the last time because the consent (or another browser step) is missing.
    bool graphConsentMissing() const { return m_graphConsentMissing; }
    // Reads the directory again (after consent was given, say), without reloading the mailboxes.
    void refreshDirectory();
    // Facts that hold for every mailbox whatever its switch says (security defaults on, ...), for the
    // org banner. Empty when there are none or they are not known.
    QStringList tenantWideNotices() const;
    // For one mailbox of the Why panel: reads its user's directory roles when a Conditional Access policy
    // scoped to roles needs them (never for every user); explanationUpdated() follows.
    void completeExplanation(const QUuid &guid);
    // "Allow access to readiness data": the Graph consent in the browser (graphConsentUrlReady asks the
    // window to open it; the demo approves at once). On success the directory is read again.
    void allowGraphAccess();
    void cancelGraphAccess();
    // The date verdicts are computed for (tests); default: today, UTC.
    void setReadinessDate(QDate today);
    QDate readinessDate() const;

Q_SIGNALS:
    // Not signed in (first start, signed out, refresh token refused): the window shows the sign-in
    // screen with the reason.
    void signInRequired(const QString &reason);
    void authorizationUrlReady(const QUrl &url);
    void signInFailed(const QString &message);
    // The keychain cannot keep the sign-in; the window offers the session-only choice.
    void keychainUnavailable(const QString &message);
    void signedOut();
    void accountReady(const QString &account, const QString &tenant, const QString &role);
    // The server refused a write for lack of rights: what is shown is downgraded (a 403 always wins).
    void permissionsChanged();
    void snapshotShown(const QDateTime &savedUtc);
    // The list of a finished load is cached for the next start (written off the window's thread).
    void snapshotSaved(const QDateTime &savedUtc);
    void loadStarted();
    void loadProgress(int mailboxesLoaded);
    void loadRestarted(const QString &reason);
    void loadFinished();
    void problem(const QString &message);
    void applyStarted(int changes);
    void applyStage(const QString &description);
    void applyChangesRecorded(const QList<smtpauth::ChangeApplier::RecordedChange> &changes);
    void applyCancelPossibleChanged(bool possible);
    void applyFinished(const smtpauth::ChangeApplier::Report &report);
    void throttled(int delayMs, const QString &reason);
    void journalChanged();
    void directoryReadStarted();
    // The directory (and so the table's readiness columns and explanations) is up to date.
    void directoryRead();
    // Graph needs the admin's consent first (AADSTS65001); the window offers it once per session.
    void graphConsentNeeded(const QString &message);
    void graphConsentUrlReady(const QUrl &url);
    void graphConsentFinished(bool ok, const QString &message);
    // A mailbox's explanation has more to say now (its user's roles arrived).
    void explanationUpdated(const QUuid &guid);

private:
    void useSession(SignedInSession *session);
    void startInteractiveSignIn(const SignInRequest &request);
    void adoptWhenSignedIn(InteractiveSignIn *signIn);
    void closeSession();
    void showSnapshot();
    void saveSnapshot();
    void stopFeeding();
    void finishLoad();
    void runApplier(const ChangeApplier::Request &request);
    void onApplyFinished(const ChangeApplier::Report &report);
    void updateLastChanges();
    void showCachedDirectory();
    void useDirectory(std::shared_ptr<TenantDirectory> directory);
    QString directoryCachePath() const;

    ProfileLocation m_profile;
    MailboxTableModel *m_mailboxes;
    // The open profile's engine; replaced when another profile is opened. Owns the network manager.
    ProfileRuntime *m_runtime = nullptr;
    std::unique_ptr<ChangeJournal> m_journal;
    std::unique_ptr<SnapshotStore> m_snapshots;
    // Writes the snapshot of a finished load off the window's thread; waited for before the file is
    // cleared or the profile changes, and on destruction (a member, so after the children are gone).
    std::unique_ptr<SnapshotSaver> m_snapshotSaver;
    std::unique_ptr<MailboxStore> m_incoming; // a load in progress behind a shown snapshot
    QPointer<SignedInSession> m_session;      // the runtime's, once the window uses it
    QPointer<QObject> m_signIn;               // the InteractiveSignIn in progress
    QPointer<TenantLoader> m_loader;
    // An empty window fills page by page, a slice per turn of the event loop (the window never freezes).
    MailboxPageFeeder *m_feeder = nullptr;
    CutoffReadiness *m_readiness = nullptr;
    bool m_usageRead = false;                // read once per session, after the first directory read
    QMetaObject::Connection m_finishWhenFed; // a finished load waits for its last rows to be shown
    QPointer<ChangeApplier> m_applier;
    IdTokenClaims::Role m_role = IdTokenClaims::Role::ReadOnly;
    OrgSetting m_incomingOrg = OrgSetting::Disabled;
    QString m_demoUser = QStringLiteral("admin");
    std::shared_ptr<TenantDirectory> m_directory;
    QPointer<DirectoryLoader> m_directoryLoader;
    QPointer<GraphConsent> m_graphConsent;
    QStringList m_directoryProblems;
    QDate m_readinessDate;
    bool m_consentOffered = false;
    bool m_graphConsentMissing = false;
    std::chrono::milliseconds m_signInTimeout = std::chrono::minutes(5);
};

} // namespace smtpauth
