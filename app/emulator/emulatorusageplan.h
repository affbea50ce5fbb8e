// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "emulator/emulatorsigninrecord.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUuid>
#include <vector>

namespace smtpauth {

class EmulatorTenant;

// Who used SMTP AUTH in the demo tenant, and how (readiness.md §2): the history behind the usage
// report, the sign-in logs and the EAC "SMTP AUTH clients" export.
//
// Stored: one usage kind per mailbox (a character each, saved with the tenant), decided once at seeding
// from the seed and what the tenant would do with Basic then (EmulatorBasicAuthGate). The kind is history:
// an admin changing the override afterwards does not rewrite it. Everything else (counts, client
// addresses, days of last use, the apps of the usage report) is derived from the seed and the user's
// index by arithmetic, and the sign-in log is generated record by record, so a million records at 100k
// mailboxes cost a few bytes per signing user, not per record.
//
// "Usage users" are the mailbox users (index = mailbox index) followed by a few accounts without a
// mailbox (orphans: a relay account, an unlicensed LOB app, a deleted printer user) whose rows match no
// mailbox on purpose.
//
// Time: the history ends at the anchor (the server's start, whole seconds, UTC); the report's refresh
// date is the anchor's date. Sign-in records lie in the 29.5 days before the anchor, so a client asking
// for the 30 days of retention gets all of them during the first 12 hours of a run.
class EmulatorUsagePlan
{
public:
    enum class Kind : char
    {
        None = '.',
        BasicAccepted = 'S',    // a device that signs in with Basic and is let through
        BasicRefusedByCa = 'C', // a device whose Basic sign-ins Conditional Access blocks (53003)
        BasicRefused = 'F',     // a device refused elsewhere (setting, policy, security defaults): 50126
        OAuth = 'O',            // an app sending with OAuth in the last four weeks
        OldBasic = 'b',         // Basic use 31-88 days ago only: beyond the sign-in retention
        OldOAuth = 'o',         // OAuth use 31-88 days ago only
    };
    enum class Protocol
    {
        Basic,
        OAuth
    };

    struct Orphan
    {
        QString userPrincipalName;
        QString displayName;
        QUuid objectId;
        Kind kind = Kind::None;
        bool deleted = false;
    };

    // What one user's sign-ins add up to over [since, anchor].
    struct SignInTally
    {
        int successes = 0;
        int failures = 0;
        qint64 lastTicks = 0;        // 0 = none
        qint64 lastSuccessTicks = 0; // 0 = none
        QList<int> errorCodes;       // distinct, non-zero
        QList<int> ipIndexes;        // distinct
    };

    static constexpr int kRetentionDays = 30;
    static constexpr qint64 kTicksPerSecond = 10000000;
    static constexpr qint64 kTicksPerDay = 86400 * kTicksPerSecond;
    static constexpr qint64 kSpanTicks = qint64(29) * kTicksPerDay + 12 * 3600 * kTicksPerSecond;

    static QString kindName(Kind kind); // "basic-accepted", ...
    static qint64 ticksOf(const QDateTime &utc) { return utc.toMSecsSinceEpoch() * 10000; }
    static QString isoTicks(qint64 ticks); // 2026-11-30T19:15:41.6195833Z

    // Decides the kinds from the tenant as it is now (mailboxes, org, directory). O(mailboxes).
    void seed(quint64 seed, const EmulatorTenant &tenant);
    bool isSeeded() const { return m_seeded; }
    void clear();
    QJsonObject toJson() const;
    // False when the object is not a plan this version wrote for `mailboxCount` mailboxes.
    bool fromJson(const QJsonObject &object, int mailboxCount, QString *errorMessage);

    // Builds the derived state: the orphans (from the tenant id), the signing users and the log of
    // `recordCount` sign-ins (0 = the plan's natural count). Call after seed/fromJson and on any knob change.
    void prepare(const QUuid &tenantId, const QString &domain, const QDateTime &anchorUtc,
                 qint64 recordCount);

    quint64 seedValue() const { return m_seed; }
    QDateTime anchor() const { return QDateTime::fromMSecsSinceEpoch(m_anchorTicks / 10000, Qt::UTC); }
    qint64 anchorTicks() const { return m_anchorTicks; }
    QDate refreshDate() const { return anchor().date(); }
    int mailboxCount() const { return int(m_kinds.size()); }
    int userCount() const { return mailboxCount() + int(m_orphans.size()); }
    Kind kind(int user) const;
    const QList<Orphan> &orphans() const { return m_orphans; }

    // Days between the refresh date and the last activity, -1 for none in the last 180 days.
    int outlookDaysAgo(int user) const;
    int smtpDaysAgo(int user) const; // a successful SMTP AUTH submission (Basic or OAuth)
    bool usedInPeriod(int days, int daysAgo) const { return daysAgo >= 0 && daysAgo < days; }
    // The usage report's app columns other than SMTP: 0 Mail For Mac ... 7 IMAP4 App.
    bool usesApp(int user, int app) const;
    QList<Protocol> reportProtocols(int user) const; // the EAC report's rows of this sender (90 days)
    int messagesSent(int user, Protocol protocol) const;
    int tls10Percent(int user, Protocol protocol) const;
    int clientIpCount(int user) const;
    QString clientIp(int user, int ipIndex) const;

    // The sign-in log, newest first.
    qint64 signInCount() const { return m_recordCount; }
    qint64 naturalSignInCount() const { return m_naturalCount; }
    EmulatorSignInRecord signInRecord(qint64 sequence) const;
    // How many of the newest records were created at or after `ticks` (the log is sorted by time).
    qint64 recordsNotOlderThan(qint64 ticks) const;
    qint64 createdTicks(qint64 sequence) const;
    // Reads the whole log, O(records): the test truth and the last successful sign-in of each device.
    QHash<int, SignInTally> tally(qint64 sinceTicks) const;

private:
    struct Signer
    {
        int user = -1;
        qint64 begin = 0; // first slot of the user in the permuted log
        int count = 0;
        int failures = 0;
    };

    quint64 hash(int user, quint64 salt) const;
    int naturalSignIns(int user) const;
    int naturalFailures(int user, int count) const;
    void buildLog(qint64 recordCount);

    bool m_seeded = false;
    quint64 m_seed = 0;
    QByteArray m_kinds; // one Kind per mailbox
    QList<Orphan> m_orphans;
    qint64 m_anchorTicks = 0;
    std::vector<Signer> m_signers;
    qint64 m_recordCount = 0;
    qint64 m_naturalCount = 0;
    quint64 m_stride =
        1; // the log is a permutation of the signers' slots: slot = (stride * k + offset) mod count
    quint64 m_offset = 0;
    mutable QHash<int, qint64> m_lastSuccess; // cache of tally(0) for smtpDaysAgo
    mutable bool m_lastSuccessKnown = false;
};

} // namespace smtpauth
