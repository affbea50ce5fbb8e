// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/readinessreport.h"

#include "models/csvwriter.h"
#include "models/emailappusagereport.h"
#include "models/signinaggregate.h"
#include "models/smtpaddressindex.h"
#include "models/smtpauthclientsreport.h"
#include "models/tenantdirectory.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

namespace smtpauth {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ReadinessReport", text);
}

// Finds mailbox rows by the identifiers the sources use (readiness.md §2, "Joining").
class MailboxJoin
{
public:
    MailboxJoin(const MailboxStore &store, const TenantDirectory *directory,
                const SmtpAddressIndex *addresses)
        : m_store(store), m_directory(directory), m_addresses(addresses)
    {
        m_byExternalId.reserve(store.size());
        m_byAddress.reserve(store.size());
        for (int row = 0; row < store.size(); ++row) {
            if (const QUuid id = store.externalDirectoryObjectId(row); !id.isNull())
                m_byExternalId.insert(id, row);
            if (const quint64 hash = TenantDirectory::foldedHash(store.primarySmtpAddress(row)); hash != 0)
                m_byAddress.insert(hash, row);
        }
    }

    // The user's UserPrincipalName from Get-User; a tenant whose users were not read falls back to the
    // primary SMTP address, which is the UPN in most tenants.
    int byPrincipalName(QStringView userPrincipalName) const
    {
        QUuid externalId;
        QUuid guid;
        if (m_directory && m_directory->userIdsByPrincipalName(userPrincipalName, &externalId, &guid)) {
            if (const int row = m_store.rowOfGuid(guid); row >= 0)
                return row;
            if (const int row = byExternalId(externalId); row >= 0)
                return row;
        }
        return byAddress(userPrincipalName);
    }
    int byExternalId(const QUuid &id) const { return id.isNull() ? -1 : m_byExternalId.value(id, -1); }
    int byAddress(QStringView address) const
    {
        const quint64 hash = TenantDirectory::foldedHash(address);
        if (hash == 0)
            return -1;
        const int row = m_byAddress.value(hash, -1);
        // The hash is 64 bits; the comparison makes a collision harmless.
        return row >= 0 && m_store.primarySmtpAddress(row).compare(address, Qt::CaseInsensitive) == 0 ? row
                                                                                                      : -1;
    }
    // Any SMTP address of the mailbox (EmailAddresses), when they were read; an address the index holds
    // for a mailbox no longer in the list joins nothing.
    int byAnySmtpAddress(QStringView address) const
    {
        if (!m_addresses)
            return -1;
        const QUuid guid = m_addresses->mailboxOf(address);
        return guid.isNull() ? -1 : m_store.rowOfGuid(guid);
    }
    bool isAmbiguousAddress(QStringView address) const
    {
        return m_addresses && m_addresses->isAmbiguous(address);
    }

private:
    const MailboxStore &m_store;
    const TenantDirectory *m_directory;
    const SmtpAddressIndex *m_addresses;
    QHash<QUuid, int> m_byExternalId;
    QHash<quint64, int> m_byAddress;
};

QString stateWord(SourceStatus::State state)
{
    switch (state) {
    case SourceStatus::Read:
        return QStringLiteral("read");
    case SourceStatus::Unavailable:
        return QStringLiteral("unavailable");
    case SourceStatus::NotRead:
        return QStringLiteral("not-given");
    }
    return QStringLiteral("not-given");
}

QString number(qsizetype value)
{
    return QLocale::c().toString(value);
}

QString isoOrEmpty(qint64 ms)
{
    return ms == 0 ? QString() : QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

void addDetail(QString &detail, const QString &more)
{
    if (more.isEmpty())
        return;
    if (!detail.isEmpty())
        detail += QStringLiteral("; ");
    detail += more;
}

} // namespace

QString UsageEvidence::machineName(Source source)
{
    switch (source) {
    case Source::UsageReport:
        return QStringLiteral("usage-report");
    case Source::SignInLogs:
        return QStringLiteral("sign-in-logs");
    case Source::SmtpAuthReport:
        return QStringLiteral("smtp-auth-report");
    }
    return QString();
}

ReadinessReport ReadinessReport::build(const MailboxStore &store, OrgSetting org,
                                       const QList<PackedVerdict> &basicNow, const TenantDirectory *directory,
                                       const UsageEvidence &evidence, const CutoffCalendar &calendar)
{
    ReadinessReport report;
    report.m_org = org;
    report.m_cutoff = calendar.cutoff();
    report.m_daysLeft = calendar.daysLeft();
    report.m_rows.resize(size_t(store.size()));
    const bool verdictsGiven = basicNow.size() == store.size();
    for (int row = 0; row < store.size(); ++row) {
        Row &entry = report.m_rows[size_t(row)];
        entry.mailboxRow = row;
        entry.basicNow = verdictsGiven && basicNow.at(row).isValid()
                             ? basicNow.at(row)
                             : PackedVerdict(Verdict::Unknown, std::nullopt, std::nullopt);
        // OAuth clients pass every layer but the switch (readiness.md §1: the others apply to Basic only).
        entry.oauth = resolveEffective(store.smtpAuthOverride(row), org).state == EffectiveState::Enabled
                          ? Verdict::Allowed
                          : Verdict::Blocked;
    }
    const bool addressesRead = evidence.smtpAddresses && evidence.smtpAddressesStatus.isRead();
    const MailboxJoin join(store, directory, addressesRead ? evidence.smtpAddresses : nullptr);

    const bool usageRead = evidence.usageReport && evidence.usageReportStatus.isRead();
    const bool signInsRead = evidence.signIns && evidence.signInStatus.isRead();
    const bool smtpReportRead = evidence.smtpAuthReport && evidence.smtpAuthReportStatus.isRead();
    report.m_anySourceRead = usageRead || signInsRead || smtpReportRead;

    // Usage report: SMTP App used in the period, by UPN.
    QString usageDetail;
    if (usageRead) {
        Unmatched &unmatched = report.m_unmatched[size_t(UsageEvidence::Source::UsageReport)];
        qsizetype concealed = 0;
        for (const EmailAppUsageReport::Row &usage : evidence.usageReport->rows()) {
            if (usage.concealed) {
                ++concealed;
                continue;
            }
            const int row = join.byPrincipalName(usage.userPrincipalName);
            if (row < 0) {
                ++unmatched.count;
                unmatched.identifiers.append(usage.userPrincipalName);
                continue;
            }
            report.m_rows[size_t(row)].smtpAppUsed |= usage.smtpAppUsed;
        }
        usageDetail = tr("period D%1: %2 users, %3 used SMTP AUTH")
                          .arg(evidence.periodDays)
                          .arg(number(qsizetype(evidence.usageReport->rows().size())),
                               number(evidence.usageReport->smtpRows()));
        if (unmatched.count > 0)
            addDetail(usageDetail, tr("%1 rows match no mailbox").arg(number(unmatched.count)));
        if (concealed > 0)
            addDetail(usageDetail,
                      tr("%1 rows have concealed names and cannot be joined").arg(number(concealed)));
    }

    // Sign-in logs: Basic sign-ins per user, by user id, else by UPN.
    QString signInDetail;
    if (signInsRead) {
        Unmatched &unmatched = report.m_unmatched[size_t(UsageEvidence::Source::SignInLogs)];
        qsizetype successes = 0;
        qsizetype failures = 0;
        const auto &users = evidence.signIns->users();
        for (size_t index = 0; index < users.size(); ++index) {
            const SignInAggregate::UserSignIns &user = users[index];
            successes += user.successes;
            failures += user.failures;
            int row = join.byExternalId(user.userId);
            if (row < 0 && !user.userPrincipalName.isEmpty())
                row = join.byPrincipalName(user.userPrincipalName);
            if (row < 0) {
                ++unmatched.count;
                unmatched.identifiers.append(user.userPrincipalName.isEmpty()
                                                 ? user.userId.toString(QUuid::WithoutBraces)
                                                 : user.userPrincipalName);
                continue;
            }
            Row &entry = report.m_rows[size_t(row)];
            entry.basicSignIns += user.successes;
            entry.basicFailures += user.failures;
            entry.lastBasicSignInMs = std::max(entry.lastBasicSignInMs, user.lastMs);
            entry.signInUser = qint32(index);
        }
        signInDetail =
            evidence.signInsComplete
                ? tr("last %1 days: %2 Basic sign-ins (%3 failed) by %4 users")
                      .arg(evidence.signInDaysAsked)
                      .arg(number(successes + failures), number(failures), number(qsizetype(users.size())))
                : tr("incomplete: %1 of %2 days read, %3 Basic sign-ins (%4 failed) by %5 users so far")
                      .arg(evidence.signInDaysCovered)
                      .arg(evidence.signInDaysAsked)
                      .arg(number(successes + failures), number(failures), number(qsizetype(users.size())));
        if (unmatched.count > 0)
            addDetail(signInDetail, tr("%1 users match no mailbox").arg(number(unmatched.count)));
    }

    // SMTP AUTH clients report: senders by the primary address, then by any other SMTP address of the
    // mailbox (when the addresses were read), then by UPN. The primary address goes first so that a list
    // read while an address moved still joins a sender to the mailbox the table shows with it.
    QString reportDetail;
    if (smtpReportRead) {
        Unmatched &unmatched = report.m_unmatched[size_t(UsageEvidence::Source::SmtpAuthReport)];
        qsizetype byOtherAddress = 0;
        qsizetype ambiguous = 0;
        for (const SmtpAuthClientsReport::Sender &sender : evidence.smtpAuthReport->senders()) {
            int row = join.byAddress(sender.address);
            if (row < 0) {
                row = join.byAnySmtpAddress(sender.address);
                if (row >= 0 &&
                    store.primarySmtpAddress(row).compare(sender.address, Qt::CaseInsensitive) != 0)
                    ++byOtherAddress;
                else if (row < 0 && join.isAmbiguousAddress(sender.address))
                    ++ambiguous;
            }
            if (row < 0)
                row = join.byPrincipalName(sender.address);
            if (row < 0) {
                ++unmatched.count;
                unmatched.identifiers.append(sender.address);
                continue;
            }
            Row &entry = report.m_rows[size_t(row)];
            // OtherProtocol still counts as SMTP AUTH use; only Basic/OAuth tell the protocols apart.
            entry.reportProtocols |=
                sender.protocols == 0 ? quint8(SmtpAuthClientsReport::OtherProtocol) : sender.protocols;
            entry.reportMessages += sender.messagesSent;
        }
        reportDetail = evidence.smtpAuthReport->summary();
        if (addressesRead) {
            if (byOtherAddress > 0)
                addDetail(reportDetail, tr("%1 senders matched by another SMTP address of the mailbox")
                                            .arg(number(byOtherAddress)));
            if (ambiguous > 0)
                addDetail(reportDetail, tr("%1 senders name an address held by more than one mailbox, so it "
                                           "joins none of them")
                                            .arg(number(ambiguous)));
        } else {
            // readiness.md §2: without the mailboxes' addresses a sender that uses an alias matches nothing.
            const QString why = evidence.smtpAddressesStatus.reason.isEmpty()
                                    ? tr("the mailboxes' other addresses were not read")
                                    : evidence.smtpAddressesStatus.reason;
            addDetail(reportDetail, tr("matched by primary address and UPN only (%1)").arg(why));
        }
        if (unmatched.count > 0)
            addDetail(reportDetail, tr("%1 senders match no mailbox").arg(number(unmatched.count)));
        if (!evidence.smtpAuthReport->hasProtocolColumn())
            addDetail(reportDetail,
                      tr("no authentication protocol column: Basic and OAuth cannot be told apart"));
    }

    // readiness.md §2: told apart with the report's protocols, or sign-ins over the whole usage period
    // (without a usage report: over the days asked, so that an interrupted read never tells apart).
    const int neededDays = usageRead ? evidence.periodDays : evidence.signInDaysAsked;
    report.m_toldApart = (smtpReportRead && evidence.smtpAuthReport->hasProtocolColumn()) ||
                         (signInsRead && evidence.signInDaysCovered >= neededDays);

    for (Row &entry : report.m_rows) {
        ReadinessFacts facts;
        facts.anyUsageSourceRead = report.m_anySourceRead;
        const bool reportBasic = (entry.reportProtocols & SmtpAuthClientsReport::Basic) != 0;
        facts.basicUse = entry.basicSignIns > 0 || reportBasic;
        facts.basicAttempt = entry.basicSignIns + entry.basicFailures > 0 || reportBasic;
        facts.smtpAuthUse = entry.smtpAppUsed || entry.reportProtocols != 0 || facts.basicAttempt;
        facts.basicVsOAuthToldApart = report.m_toldApart;
        facts.basicNow = entry.basicNow.verdict();
        facts.oauth = entry.oauth;
        facts.smtpAuthOverride = store.smtpAuthOverride(entry.mailboxRow);
        entry.readinessClass = ReadinessClassifier::classify(facts);
        ++report.m_counts[size_t(entry.readinessClass)];
    }

    const auto sourceLine = [](UsageEvidence::Source source, const SourceStatus &status, bool given,
                               QString detail) {
        SourceLine line{source, given ? stateWord(status.state) : QStringLiteral("not-given"), QString()};
        if (line.state == QLatin1String("read")) {
            addDetail(detail, status.reason); // e.g. "--sign-in-days 45 capped at the 30 days of retention"
            line.detail = detail;
        } else {
            line.detail = status.reason;
        }
        return line;
    };
    report.m_sources = {
        sourceLine(UsageEvidence::Source::UsageReport, evidence.usageReportStatus,
                   evidence.usageReport || !evidence.usageReportStatus.reason.isEmpty(), usageDetail),
        sourceLine(UsageEvidence::Source::SignInLogs, evidence.signInStatus,
                   evidence.signIns || !evidence.signInStatus.reason.isEmpty(), signInDetail),
        sourceLine(UsageEvidence::Source::SmtpAuthReport, evidence.smtpAuthReportStatus,
                   evidence.smtpAuthReport || !evidence.smtpAuthReportStatus.reason.isEmpty(), reportDetail),
    };
    return report;
}

QString ReadinessReport::headline() const
{
    const QString date = QLocale::c().toString(m_cutoff, QStringLiteral("d MMMM yyyy"));
    if (!m_anySourceRead)
        return tr("No usage evidence could be read: who still uses Basic is unknown. %1 days left to the "
                  "cutoff on %2.")
            .arg(m_daysLeft)
            .arg(date);
    const int breaking = count(ReadinessClass::BreaksAtCutoff);
    if (m_daysLeft == 0)
        return (breaking == 1
                    ? tr("1 mailbox still signs in with Basic; Basic has been off since %1.")
                    : tr("%1 mailboxes still sign in with Basic; Basic has been off since %2.").arg(breaking))
            .arg(date);
    const QString who =
        breaking == 1 ? tr("1 mailbox still signs in") : tr("%1 mailboxes still sign in").arg(breaking);
    const QString left = m_daysLeft == 1 ? tr("1 day left") : tr("%1 days left").arg(m_daysLeft);
    return tr("%1 with Basic and will stop sending on %2: %3.").arg(who, date, left);
}

std::optional<ReadinessLayer> ReadinessReport::decidedBy(const Row &row)
{
    if (row.basicNow.verdict() == Verdict::Blocked)
        return row.basicNow.decidedBy();
    if (row.oauth == Verdict::Blocked)
        return ReadinessLayer::SmtpAuthSetting;
    return std::nullopt;
}

QList<int> ReadinessReport::rowsOfClasses(const QList<ReadinessClass> &classes) const
{
    QList<int> rows;
    for (const Row &entry : m_rows) {
        if (classes.isEmpty() || classes.contains(entry.readinessClass))
            rows.append(entry.mailboxRow);
    }
    return rows;
}

QJsonObject ReadinessReport::toJson(const MailboxStore &store, const QList<int> &reportRows) const
{
    QJsonObject root;
    root.insert(QStringLiteral("cutoff"), m_cutoff.toString(Qt::ISODate));
    root.insert(QStringLiteral("daysLeft"), m_daysLeft);
    QJsonArray sources;
    for (const SourceLine &line : m_sources) {
        sources.append(QJsonObject{{QStringLiteral("source"), UsageEvidence::machineName(line.source)},
                                   {QStringLiteral("state"), line.state},
                                   {QStringLiteral("detail"), line.detail}});
    }
    root.insert(QStringLiteral("sources"), sources);
    QJsonObject counts;
    for (ReadinessClass readinessClass : kReadinessClasses)
        counts.insert(machineName(readinessClass), count(readinessClass));
    root.insert(QStringLiteral("counts"), counts);
    QJsonArray mailboxes;
    for (int mailboxRow : reportRows) {
        const Row &entry = rowForMailbox(mailboxRow);
        const Override override = store.smtpAuthOverride(mailboxRow);
        const Effective effective = resolveEffective(override, m_org);
        const std::optional<ReadinessLayer> layer = decidedBy(entry);
        // readiness.md §4 names Basic and OAuth only; a protocol the report words otherwise stays out.
        QJsonArray protocols;
        for (const QString &name : SmtpAuthClientsReport::protocolNames(quint8(
                 entry.reportProtocols & (SmtpAuthClientsReport::Basic | SmtpAuthClientsReport::OAuth))))
            protocols.append(name);
        mailboxes.append(QJsonObject{
            {QStringLiteral("guid"), store.guid(mailboxRow).toString(QUuid::WithoutBraces)},
            {QStringLiteral("address"), store.primarySmtpAddress(mailboxRow).toString()},
            {QStringLiteral("displayName"), store.displayName(mailboxRow).toString()},
            {QStringLiteral("class"), machineName(entry.readinessClass)},
            {QStringLiteral("effective"), machineName(effective.state)},
            {QStringLiteral("source"), machineName(effective.source)},
            {QStringLiteral("override"), machineName(override)},
            {QStringLiteral("basicNow"), machineName(entry.basicNow.verdict())},
            {QStringLiteral("decidedBy"),
             layer ? QJsonValue(machineName(*layer)) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("lastBasicSignIn"), entry.lastBasicSignInMs == 0
                                                    ? QJsonValue(QJsonValue::Null)
                                                    : QJsonValue(isoOrEmpty(entry.lastBasicSignInMs))},
            {QStringLiteral("basicSignIns"), qint64(entry.basicSignIns)},
            {QStringLiteral("basicFailures"), qint64(entry.basicFailures)},
            {QStringLiteral("smtpAppUsed"), entry.smtpAppUsed},
            {QStringLiteral("reportProtocols"), protocols},
        });
    }
    root.insert(QStringLiteral("mailboxes"), mailboxes);
    QJsonObject unmatched;
    for (UsageEvidence::Source source :
         {UsageEvidence::Source::UsageReport, UsageEvidence::Source::SignInLogs,
          UsageEvidence::Source::SmtpAuthReport})
        unmatched.insert(UsageEvidence::machineName(source), qint64(m_unmatched[size_t(source)].count));
    root.insert(QStringLiteral("unmatched"), unmatched);
    return root;
}

QStringList ReadinessReport::csvColumns()
{
    return {
        QStringLiteral("class"),        QStringLiteral("displayName"),   QStringLiteral("address"),
        QStringLiteral("guid"),         QStringLiteral("effective"),     QStringLiteral("source"),
        QStringLiteral("override"),     QStringLiteral("basicNow"),      QStringLiteral("decidedBy"),
        QStringLiteral("basicSignIns"), QStringLiteral("basicFailures"), QStringLiteral("lastBasicSignIn"),
        QStringLiteral("topClientIps"), QStringLiteral("smtpAppUsed"),   QStringLiteral("reportProtocols"),
        QStringLiteral("advice")};
}

QString ReadinessReport::topAddressesText(const Row &row, const SignInAggregate *signIns, int count)
{
    if (!signIns || row.signInUser < 0 || size_t(row.signInUser) >= signIns->users().size())
        return QString();
    QStringList parts;
    for (const SignInAggregate::ClientAddress &address :
         signIns->users()[size_t(row.signInUser)].topAddresses(count))
        parts.append(QStringLiteral("%1 (%2)").arg(address.ip).arg(address.count));
    return parts.join(QStringLiteral(", "));
}

QByteArray ReadinessReport::toCsv(const MailboxStore &store, const QList<int> &reportRows,
                                  const SignInAggregate *signIns) const
{
    CsvWriter writer;
    writer.addRow(csvColumns());
    for (int mailboxRow : reportRows) {
        const Row &entry = rowForMailbox(mailboxRow);
        const Override override = store.smtpAuthOverride(mailboxRow);
        const Effective effective = resolveEffective(override, m_org);
        const std::optional<ReadinessLayer> layer = decidedBy(entry);
        writer.addRow({machineName(entry.readinessClass), store.displayName(mailboxRow).toString(),
                       store.primarySmtpAddress(mailboxRow).toString(),
                       store.guid(mailboxRow).toString(QUuid::WithoutBraces), machineName(effective.state),
                       machineName(effective.source), machineName(override),
                       machineName(entry.basicNow.verdict()), layer ? machineName(*layer) : QString(),
                       QString::number(entry.basicSignIns), QString::number(entry.basicFailures),
                       isoOrEmpty(entry.lastBasicSignInMs), topAddressesText(entry, signIns),
                       entry.smtpAppUsed ? QStringLiteral("true") : QStringLiteral("false"),
                       SmtpAuthClientsReport::protocolNames(entry.reportProtocols).join(QLatin1Char(' ')),
                       adviceText(entry.readinessClass)});
    }
    return writer.text().toUtf8();
}

} // namespace smtpauth
