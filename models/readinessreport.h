// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/cutoffcalendar.h"
#include "models/mailboxstore.h"
#include "models/packedverdict.h"
#include "models/readinessclass.h"
#include "models/smtpauthpolicy.h"
#include "models/sourcestatus.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <array>
#include <vector>

namespace smtpauth {

class EmailAppUsageReport;
class SignInAggregate;
class SmtpAddressIndex;
class SmtpAuthClientsReport;
class TenantDirectory;

// Which usage evidence there is (readiness.md §2). Each source is optional: a null pointer or a status
// that is not Read leaves it out, with its status and reason reported as given.
struct UsageEvidence
{
    enum class Source : quint8
    {
        UsageReport,
        SignInLogs,
        SmtpAuthReport
    };
    static constexpr int kSourceCount = 3;
    static QString machineName(Source source); // usage-report | sign-in-logs | smtp-auth-report

    const EmailAppUsageReport *usageReport = nullptr;
    SourceStatus usageReportStatus;
    int periodDays = 30; // the usage report's period (D7 = 7 ...)

    const SignInAggregate *signIns = nullptr;
    SourceStatus signInStatus;
    int signInDaysAsked = 30;
    // The days the records actually cover: the days asked when every page arrived, else back to the
    // oldest record read (the pages come newest first). Basic and OAuth are told apart only when this
    // reaches the usage report's period.
    int signInDaysCovered = 30;
    bool signInsComplete = true;

    const SmtpAuthClientsReport *smtpAuthReport = nullptr;
    SourceStatus smtpAuthReportStatus;
    // Every SMTP address of the mailboxes (Get-CASMailbox EmailAddresses), read when a report is
    // imported: senders that name an alias join by it. Not Read (or null): the senders join by the
    // primary address and the UPN only, and the report's source detail says so with this reason.
    const SmtpAddressIndex *smtpAddresses = nullptr;
    SourceStatus smtpAddressesStatus;
};

// The readiness of every mailbox (readiness.md §3) with the evidence joined to it (§2), the counts per
// class, the sources and what matched no mailbox: the data behind `smtpauth-cli readiness`, the
// Readiness tab and its exports. Built once from immutable inputs; nothing here reads the network.
class ReadinessReport
{
public:
    struct Row
    {
        int mailboxRow = -1; // in the MailboxStore
        ReadinessClass readinessClass = ReadinessClass::NoUse;
        PackedVerdict basicNow;
        Verdict oauth = Verdict::Unknown;
        quint32 basicSignIns = 0;
        quint32 basicFailures = 0;
        qint64 lastBasicSignInMs = 0; // 0: none
        qint32 signInUser = -1;       // index into SignInAggregate::users(), for the client IPs
        bool smtpAppUsed = false;
        quint8 reportProtocols = 0; // SmtpAuthClientsReport::Protocol bits
        quint64 reportMessages = 0;
    };
    struct SourceLine
    {
        UsageEvidence::Source source;
        QString state; // read | unavailable | not-given
        QString detail;
    };
    struct Unmatched
    {
        qsizetype count = 0;
        QStringList identifiers; // what the source named (UPN, sender address, user id), in source order
    };

    // `basicNow`: per mailbox row (MailboxTableModel::basicNowOf over all rows); a size that does not
    // match the store leaves every Basic-now verdict unknown. `directory` joins UPNs (may be null).
    static ReadinessReport build(const MailboxStore &store, OrgSetting org,
                                 const QList<PackedVerdict> &basicNow, const TenantDirectory *directory,
                                 const UsageEvidence &evidence, const CutoffCalendar &calendar);

    const std::vector<Row> &rows() const { return m_rows; }
    const Row &rowForMailbox(int mailboxRow) const { return m_rows[size_t(mailboxRow)]; }
    int count(ReadinessClass readinessClass) const { return m_counts[size_t(readinessClass)]; }
    const QList<SourceLine> &sources() const { return m_sources; }
    const Unmatched &unmatched(UsageEvidence::Source source) const { return m_unmatched[size_t(source)]; }
    bool basicVsOAuthToldApart() const { return m_toldApart; }
    bool anySourceRead() const { return m_anySourceRead; }
    QDate cutoff() const { return m_cutoff; }
    int daysLeft() const { return m_daysLeft; }
    OrgSetting orgSetting() const { return m_org; }
    // "412 mailboxes still sign in with Basic and will stop sending on 31 December: 24 days left."
    QString headline() const;

    // The decidedBy of readiness.md §4: the blocking layer of Basic now, or the switch when OAuth is blocked.
    static std::optional<ReadinessLayer> decidedBy(const Row &row);
    // The mailbox rows of `classes` (all when empty), in store order.
    QList<int> rowsOfClasses(const QList<ReadinessClass> &classes) const;

    // readiness.md §4, `smtpauth-cli readiness --format json`, with the mailboxes of `reportRows`.
    QJsonObject toJson(const MailboxStore &store, const QList<int> &reportRows) const;
    // One row per mailbox of `reportRows`, with a header (CsvWriter: formula-guarded).
    QByteArray toCsv(const MailboxStore &store, const QList<int> &reportRows,
                     const SignInAggregate *signIns = nullptr) const;
    static QStringList csvColumns();
    // "203.0.113.7 (41), 198.51.100.2 (3)": a row's top client addresses, when the sign-ins are at hand.
    static QString topAddressesText(const Row &row, const SignInAggregate *signIns, int count = 3);

private:
    std::vector<Row> m_rows;
    std::array<int, kReadinessClassCount> m_counts{};
    QList<SourceLine> m_sources;
    std::array<Unmatched, UsageEvidence::kSourceCount> m_unmatched;
    bool m_toldApart = false;
    bool m_anySourceRead = false;
    QDate m_cutoff;
    int m_daysLeft = 0;
    OrgSetting m_org = OrgSetting::Disabled;
};

} // namespace smtpauth
