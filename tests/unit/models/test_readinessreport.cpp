// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// ReadinessReport::build: the usage evidence joined to the mailboxes (readiness.md §2), the classes (§3),
// the counts, and the exports (the JSON object of §4 and the formula-guarded CSV).
#include "models/csvreader.h"
#include "models/emailappusagereport.h"
#include "models/readinessreport.h"
#include "models/signinaggregate.h"
#include "models/smtpaddressindex.h"
#include "models/smtpauthclientsreport.h"
#include "models/tenantdirectory.h"
#include "readinesstestdata.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QTest>
#include <QTimeZone>

using namespace smtpauth;
using Source = UsageEvidence::Source;

namespace {

QUuid numbered(int kind, int n)
{
    return QUuid(uint(0x10000000 + kind), 0, 0x4000, 0x80, 0, 0, 0, 0, 0, 0, uchar(n));
}

enum MailboxIndex
{
    Alice,
    Printer,
    Carol,
    Dave,
    Erin,
    Frank,
    Grace,
    Heidi,
    kMailboxCount
};

const char *const kNames[] = {"alice", "printer", "carol", "dave", "erin", "frank", "grace", "heidi"};

QString addressOf(int index)
{
    return QString::fromLatin1(kNames[index]) + QStringLiteral("@contoso.com");
}
QUuid mailboxGuid(int index)
{
    return numbered(1, index);
}
QUuid userId(int index) // the mailbox's ExternalDirectoryObjectId
{
    return numbered(2, index);
}

const QString kEvilName = QStringLiteral("=HYPERLINK(\"http://evil.example/\",\"Frank\")");
const QString kPrinterUpn = QStringLiteral("printer.svc@contoso.onmicrosoft.com");
const QString kCarolUpn = QStringLiteral("carol.upn@contoso.onmicrosoft.com");

QDateTime at(int day, int hour)
{
    return QDateTime(QDate(2026, 11, day), QTime(hour, 0), QTimeZone::utc());
}

CutoffCalendar december7()
{
    return CutoffCalendar(QDate(2026, 12, 31),
                          [] { return QDateTime(QDate(2026, 12, 7), QTime(9, 0), QTimeZone::utc()); });
}

QByteArray usageCsv(const QList<std::pair<QString, QString>> &upnAndSmtpApp, int periodDays = 30)
{
    QByteArray bytes(
        "\xEF\xBB\xBF"
        "Report Refresh Date,User Principal Name,Display Name,Is Deleted,Deleted Date,Last Activity Date,"
        "Mail For Mac,Outlook For Mac,Outlook For Windows,Outlook For Mobile,Other For Mobile,"
        "Outlook For Web,POP3 App,IMAP4 App,SMTP App,Report Period\r\n");
    for (const auto &[upn, smtp] : upnAndSmtpApp) {
        bytes += QStringLiteral("2026-12-06,%1,Someone,False,,2026-12-05,,,Yes,,,,,,%2,%3\r\n")
                     .arg(upn, smtp)
                     .arg(periodDays)
                     .toUtf8();
    }
    return bytes;
}

QJsonObject signIn(const QUuid &id, const QString &upn, const QDateTime &when, int errorCode,
                   const QString &ip = QStringLiteral("203.0.113.7"))
{
    QJsonObject record{
        {QStringLiteral("createdDateTime"), when.toString(Qt::ISODate)},
        {QStringLiteral("clientAppUsed"), QStringLiteral("Authenticated SMTP")},
        {QStringLiteral("ipAddress"), ip},
        {QStringLiteral("status"),
         QJsonObject{{QStringLiteral("errorCode"), errorCode},
                     {QStringLiteral("failureReason"),
                      errorCode ? QStringLiteral("Invalid username or password.") : QString()}}}};
    if (!id.isNull())
        record.insert(QStringLiteral("userId"), id.toString(QUuid::WithoutBraces));
    if (!upn.isEmpty())
        record.insert(QStringLiteral("userPrincipalName"), upn);
    return record;
}

// Eight mailboxes, a directory of their users, the three sources, and the Basic-now verdicts, made so
// that each mailbox lands in a known class:
//   alice    Basic sign-ins, Basic allowed                         -> breaks-at-cutoff
//   printer  failed Basic sign-ins, blocked by its policy          -> blocked-now
//   carol    SMTP App used (UPN differs, joined by user id)        -> oauth-only (told apart)
//   dave     OAuth rows in the SMTP AUTH report, switch disabled   -> blocked-now (OAuth blocked)
//   erin     override Enabled, no use                              -> stale-exception
//   frank    nothing (display name is a formula)                   -> no-use
//   grace    Basic rows in the SMTP AUTH report, Basic unknown     -> breaks-at-cutoff
//   heidi    a Basic sign-in joined by UPN only                    -> breaks-at-cutoff
struct Tenant
{
    MailboxStore store;
    TenantDirectory directory;
    QList<PackedVerdict> basicNow;
    EmailAppUsageReport usage;
    SignInAggregate signIns;
    SmtpAuthClientsReport smtpReport;

    Tenant()
    {
        for (int i = 0; i < kMailboxCount; ++i) {
            Mailbox mailbox;
            mailbox.guid = mailboxGuid(i);
            // heidi's mailbox carries another id than her sign-ins (a re-created user, say).
            mailbox.externalDirectoryObjectId = i == Heidi ? numbered(9, 9) : userId(i);
            mailbox.displayName = i == Frank ? kEvilName : QString::fromLatin1(kNames[i]).toUpper();
            mailbox.primarySmtpAddress = addressOf(i);
            mailbox.alias = QString::fromLatin1(kNames[i]);
            mailbox.smtpAuthOverride = i == Erin || i == Printer ? Override::Enabled
                                       : i == Dave               ? Override::Disabled
                                                                 : Override::Inherit;
            store.upsert(mailbox);
        }
        for (int i = 0; i < kMailboxCount; ++i) {
            if (i == Printer)
                directory.addUser(userId(i), mailboxGuid(i), kPrinterUpn, {});
            else if (i == Carol)
                directory.addUser(userId(i), {}, kCarolUpn, {}); // no Guid: joined by the user id
            else if (i != Heidi)
                directory.addUser(userId(i), mailboxGuid(i), addressOf(i), {});
        }
        directory.finishUsers();
        directory.setUsersStatus(SourceStatus::read());

        const auto allowed = PackedVerdict(Verdict::Allowed, std::nullopt, std::nullopt);
        basicNow = {allowed,
                    PackedVerdict(Verdict::Blocked, ReadinessLayer::AuthenticationPolicy, std::nullopt),
                    allowed,
                    PackedVerdict(Verdict::Blocked, ReadinessLayer::SmtpAuthSetting, std::nullopt),
                    allowed,
                    allowed,
                    PackedVerdict(Verdict::Unknown, std::nullopt, ReadinessLayer::ConditionalAccess),
                    allowed};

        usage = EmailAppUsageReport::parse(usageCsv({
            {kPrinterUpn, QStringLiteral("Yes")},
            {kCarolUpn, QStringLiteral("Yes")},
            {QStringLiteral("Alice@Contoso.com"), QStringLiteral("Yes")},
            {addressOf(Erin), QString()},
            {QStringLiteral("ghost@contoso.com"), QStringLiteral("Yes")},
            {QStringLiteral("FE7CC8C15246EDCCA289C9A4022762F7"), QStringLiteral("Yes")},
        }));
        Q_ASSERT(usage.ok());

        signIns.addPage(QJsonArray{
            signIn(userId(Alice), addressOf(Alice), at(30, 19), 0, QStringLiteral("198.51.100.2")),
            signIn(userId(Printer), kPrinterUpn, at(30, 18), 50126),
            signIn(numbered(7, 1), QStringLiteral("contractor@fabrikam.com"), at(30, 17), 0),
        });
        signIns.addPage(QJsonArray{
            signIn(userId(Alice), QStringLiteral("whatever@else.example"), at(20, 8), 0,
                   QStringLiteral("198.51.100.2")),
            signIn(userId(Alice), addressOf(Alice), at(19, 8), 0, QStringLiteral("203.0.113.9")),
            signIn(userId(Printer), kPrinterUpn, at(19, 7), 50126),
            signIn(numbered(7, 2), QStringLiteral("HEIDI@contoso.com"), at(18, 7), 0), // no id match: by UPN
            signIn(numbered(7, 3), QString(), at(18, 6), 0),                           // neither matches
        });

        smtpReport =
            SmtpAuthClientsReport::parse("Sender address,Domain,Messages sent,Authentication protocol\r\n"
                                         "dave@contoso.com,contoso.com,12,OAuth\r\n"
                                         "GRACE@CONTOSO.COM,contoso.com,40,Basic Authentication\r\n"
                                         "nobody@contoso.com,contoso.com,3,Basic Authentication\r\n"
                                         "grace@contoso.com,contoso.com,2,OAuth\r\n");
        Q_ASSERT(smtpReport.ok());
    }

    UsageEvidence allSources(int periodDays = 30) const
    {
        UsageEvidence evidence;
        evidence.usageReport = &usage;
        evidence.usageReportStatus = SourceStatus::read();
        evidence.periodDays = periodDays;
        evidence.signIns = &signIns;
        evidence.signInStatus = SourceStatus::read();
        evidence.signInDaysAsked = 30;
        evidence.signInDaysCovered = 30;
        evidence.smtpAuthReport = &smtpReport;
        evidence.smtpAuthReportStatus = SourceStatus::read();
        return evidence;
    }

    ReadinessReport build(const UsageEvidence &evidence, const TenantDirectory *dir = nullptr,
                          OrgSetting org = OrgSetting::Enabled) const
    {
        return ReadinessReport::build(store, org, basicNow, dir, evidence, december7());
    }
    ReadinessReport buildAll() const { return build(allSources(), &directory); }
};

QString classOf(const ReadinessReport &report, int mailbox)
{
    return machineName(report.rowForMailbox(mailbox).readinessClass);
}

int sumOfCounts(const ReadinessReport &report)
{
    int sum = 0;
    for (ReadinessClass value : kReadinessClasses)
        sum += report.count(value);
    return sum;
}

QSet<QString> keysOf(const QJsonObject &object)
{
    const QStringList keys = object.keys();
    return QSet<QString>(keys.begin(), keys.end());
}

QSet<QString> set(std::initializer_list<const char *> names)
{
    QSet<QString> out;
    for (const char *name : names)
        out.insert(QString::fromLatin1(name));
    return out;
}

const ReadinessReport::SourceLine &sourceLine(const ReadinessReport &report, Source source)
{
    for (const ReadinessReport::SourceLine &line : report.sources()) {
        if (line.source == source)
            return line;
    }
    qFatal("source missing");
}

QList<QStringList> readCsv(const QByteArray &bytes)
{
    const QString text = QString::fromUtf8(bytes);
    CsvReader reader(text);
    QList<QStringList> records;
    while (!reader.atEnd()) {
        const CsvRecord record = reader.next();
        Q_ASSERT(record.problem == CsvRecord::Problem::None);
        records.append(record.cells);
    }
    return records;
}

} // namespace

class TestReadinessReport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyClassOfATenant()
    {
        const Tenant tenant;
        const ReadinessReport report = tenant.buildAll();
        QVERIFY(report.anySourceRead());
        QVERIFY(report.basicVsOAuthToldApart());
        QCOMPARE(report.rows().size(), size_t(kMailboxCount));
        QCOMPARE(classOf(report, Alice), QStringLiteral("breaks-at-cutoff"));
        QCOMPARE(classOf(report, Printer), QStringLiteral("blocked-now"));
        QCOMPARE(classOf(report, Carol), QStringLiteral("oauth-only"));
        QCOMPARE(classOf(report, Dave), QStringLiteral("blocked-now"));
        QCOMPARE(classOf(report, Erin), QStringLiteral("stale-exception"));
        QCOMPARE(classOf(report, Frank), QStringLiteral("no-use"));
        QCOMPARE(classOf(report, Grace), QStringLiteral("breaks-at-cutoff"));
        QCOMPARE(classOf(report, Heidi), QStringLiteral("breaks-at-cutoff"));

        QCOMPARE(report.count(ReadinessClass::BreaksAtCutoff), 3);
        QCOMPARE(report.count(ReadinessClass::BlockedNow), 2);
        QCOMPARE(report.count(ReadinessClass::OAuthOnly), 1);
        QCOMPARE(report.count(ReadinessClass::UnclearAuth), 0);
        QCOMPARE(report.count(ReadinessClass::StaleException), 1);
        QCOMPARE(report.count(ReadinessClass::NoUse), 1);
        QCOMPARE(report.count(ReadinessClass::Unknown), 0);
        QCOMPARE(sumOfCounts(report), tenant.store.size());
        for (ReadinessClass value : kReadinessClasses)
            QCOMPARE(report.rowsOfClasses({value}).size(), report.count(value));

        QCOMPARE(report.cutoff(), QDate(2026, 12, 31));
        QCOMPARE(report.daysLeft(), 24);
        QCOMPARE(report.orgSetting(), OrgSetting::Enabled);
        for (int i = 0; i < kMailboxCount; ++i)
            QCOMPARE(report.rowForMailbox(i).mailboxRow, i);
    }

    void usageJoinedByUpnThroughTheDirectory()
    {
        const Tenant tenant;
        const ReadinessReport report = tenant.buildAll();
        // The UPN differs from the primary address: the directory's user gives the mailbox (by Guid)...
        QVERIFY(report.rowForMailbox(Printer).smtpAppUsed);
        // ...or, when the user has no Guid, by its ExternalDirectoryObjectId.
        QVERIFY(report.rowForMailbox(Carol).smtpAppUsed);
        QVERIFY(report.rowForMailbox(Alice).smtpAppUsed); // case-insensitive UPN
        QVERIFY(!report.rowForMailbox(Erin).smtpAppUsed); // a row with SMTP App empty
        QVERIFY(!report.rowForMailbox(Frank).smtpAppUsed);
        const ReadinessReport::Unmatched &unmatched = report.unmatched(Source::UsageReport);
        QCOMPARE(unmatched.count, 1); // the concealed row is not "unmatched": it is counted apart
        QCOMPARE(unmatched.identifiers, QStringList{QStringLiteral("ghost@contoso.com")});
        const QString detail = sourceLine(report, Source::UsageReport).detail;
        QVERIFY2(detail.contains(QStringLiteral("period D30")), qPrintable(detail));
        QVERIFY2(detail.contains(QStringLiteral("6 users, 5 used SMTP AUTH")), qPrintable(detail));
        QVERIFY2(detail.contains(QStringLiteral("1 rows match no mailbox")), qPrintable(detail));
        QVERIFY2(detail.contains(QStringLiteral("1 rows have concealed names")), qPrintable(detail));
    }

    void usageFallsBackToThePrimaryAddress()
    {
        const Tenant tenant;
        UsageEvidence evidence;
        evidence.usageReport = &tenant.usage;
        evidence.usageReportStatus = SourceStatus::read();
        TenantDirectory notRead; // users not read
        notRead.addUser(userId(Printer), mailboxGuid(Printer), kPrinterUpn, {});
        notRead.finishUsers();
        TenantDirectory noUsers;
        noUsers.finishUsers();
        noUsers.setUsersStatus(SourceStatus::read());
        const std::array<const TenantDirectory *, 3> directories{nullptr, &notRead, &noUsers};
        for (const TenantDirectory *directory : directories) {
            const ReadinessReport report = tenant.build(evidence, directory);
            QVERIFY(report.rowForMailbox(Alice).smtpAppUsed); // "Alice@Contoso.com" = the primary address
            QVERIFY(!report.rowForMailbox(Printer).smtpAppUsed);
            QVERIFY(!report.rowForMailbox(Carol).smtpAppUsed);
            const ReadinessReport::Unmatched &unmatched = report.unmatched(Source::UsageReport);
            QCOMPARE(unmatched.count, 3);
            QCOMPARE(unmatched.identifiers,
                     (QStringList{kPrinterUpn, kCarolUpn, QStringLiteral("ghost@contoso.com")}));
        }
        // A directory whose users were read but that has no user for a UPN still falls back.
        const ReadinessReport withDirectory = tenant.build(evidence, &tenant.directory);
        QVERIFY(withDirectory.rowForMailbox(Alice).smtpAppUsed);
    }

    void signInsJoinedByUserId()
    {
        const Tenant tenant;
        const ReadinessReport report = tenant.buildAll();
        const ReadinessReport::Row &alice = report.rowForMailbox(Alice);
        // By userId, whatever UPN the record carries.
        QCOMPARE(alice.basicSignIns, 3u);
        QCOMPARE(alice.basicFailures, 0u);
        QCOMPARE(alice.lastBasicSignInMs, at(30, 19).toMSecsSinceEpoch());
        QVERIFY(alice.signInUser >= 0);
        QCOMPARE(tenant.signIns.users()[size_t(alice.signInUser)].userId, userId(Alice));
        const ReadinessReport::Row &printer = report.rowForMailbox(Printer);
        QCOMPARE(printer.basicSignIns, 0u);
        QCOMPARE(printer.basicFailures, 2u);
        QCOMPARE(printer.lastBasicSignInMs, at(30, 18).toMSecsSinceEpoch()); // the latest of either
        // No user id match: by UPN.
        QCOMPARE(report.rowForMailbox(Heidi).basicSignIns, 1u);
        QCOMPARE(report.rowForMailbox(Frank).basicSignIns, 0u);
        QCOMPARE(report.rowForMailbox(Frank).signInUser, -1);
        QCOMPARE(report.rowForMailbox(Frank).lastBasicSignInMs, 0);

        const ReadinessReport::Unmatched &unmatched = report.unmatched(Source::SignInLogs);
        QCOMPARE(unmatched.count, 2);
        QCOMPARE(unmatched.identifiers, (QStringList{QStringLiteral("contractor@fabrikam.com"),
                                                     numbered(7, 3).toString(QUuid::WithoutBraces)}));
        const QString detail = sourceLine(report, Source::SignInLogs).detail;
        QVERIFY2(detail.contains(QStringLiteral("last 30 days: 8 Basic sign-ins (2 failed) by 5 users")),
                 qPrintable(detail));
        QVERIFY2(detail.contains(QStringLiteral("2 users match no mailbox")), qPrintable(detail));

        QCOMPARE(ReadinessReport::topAddressesText(alice, &tenant.signIns),
                 QStringLiteral("198.51.100.2 (2), 203.0.113.9 (1)"));
        QCOMPARE(ReadinessReport::topAddressesText(alice, &tenant.signIns, 1),
                 QStringLiteral("198.51.100.2 (2)"));
        QCOMPARE(ReadinessReport::topAddressesText(alice, nullptr), QString());
        QCOMPARE(ReadinessReport::topAddressesText(report.rowForMailbox(Frank), &tenant.signIns), QString());
    }

    void smtpReportJoinedByAddress()
    {
        const Tenant tenant;
        const ReadinessReport report = tenant.buildAll();
        const ReadinessReport::Row &grace = report.rowForMailbox(Grace);
        QCOMPARE(grace.reportProtocols, quint8(SmtpAuthClientsReport::Basic | SmtpAuthClientsReport::OAuth));
        QCOMPARE(grace.reportMessages, quint64(42));
        QCOMPARE(report.rowForMailbox(Dave).reportProtocols, quint8(SmtpAuthClientsReport::OAuth));
        QCOMPARE(report.rowForMailbox(Dave).reportMessages, quint64(12));
        QCOMPARE(report.rowForMailbox(Alice).reportProtocols, quint8(0));
        const ReadinessReport::Unmatched &unmatched = report.unmatched(Source::SmtpAuthReport);
        QCOMPARE(unmatched.count, 1);
        QCOMPARE(unmatched.identifiers, QStringList{QStringLiteral("nobody@contoso.com")});
        const QString detail = sourceLine(report, Source::SmtpAuthReport).detail;
        QVERIFY2(detail.contains(QStringLiteral("3 senders from 4 rows")), qPrintable(detail));
        QVERIFY2(detail.contains(QStringLiteral("1 senders match no mailbox")), qPrintable(detail));
    }

    void smtpReportSenderByUpn()
    {
        const Tenant tenant;
        const SmtpAuthClientsReport byUpn = SmtpAuthClientsReport::parse(
            QStringLiteral(
                "Sender address,Messages sent,Authentication protocol\r\n%1,5,Basic Authentication\r\n")
                .arg(kPrinterUpn.toUpper())
                .toUtf8());
        UsageEvidence evidence;
        evidence.smtpAuthReport = &byUpn;
        evidence.smtpAuthReportStatus = SourceStatus::read();
        const ReadinessReport report = tenant.build(evidence, &tenant.directory);
        QCOMPARE(report.rowForMailbox(Printer).reportProtocols, quint8(SmtpAuthClientsReport::Basic));
        QCOMPARE(report.unmatched(Source::SmtpAuthReport).count, 0);
        QCOMPARE(classOf(report, Printer), QStringLiteral("blocked-now"));
    }

    // readiness.md §2: a sender that names another SMTP address of a mailbox (an alias the device was
    // set up with) joins that mailbox when the addresses were read; without them it stays unmatched and
    // the source says the join was by primary address and UPN only, and why.
    void smtpReportSenderBySecondaryAddress()
    {
        const Tenant tenant;
        const SmtpAuthClientsReport aliases = SmtpAuthClientsReport::parse(
            "Sender address,Messages sent,Authentication protocol\r\n"
            "Scanner.Frank@Legacy.Example,7,Basic Authentication\r\n" // frank's smtp: alias, other case
            "frank@contoso.com,1,OAuth\r\n"                           // his primary: the same mailbox
            "x500-only@contoso.com,2,Basic Authentication\r\n"        // only in an X500: entry: no join
            "shared@contoso.com,4,Basic Authentication\r\n"           // held by two mailboxes: neither
            "stranger@elsewhere.example,3,Basic Authentication\r\n");
        QVERIFY(aliases.ok());
        SmtpAddressIndex index;
        index.addEntry(mailboxGuid(Frank), u"SMTP:frank@contoso.com");
        index.addEntry(mailboxGuid(Frank), u"smtp:scanner.frank@legacy.example");
        index.addEntry(mailboxGuid(Frank), u"X500:/o=ExchangeLabs/cn=Recipients/cn=x500-only@contoso.com");
        index.addEntry(mailboxGuid(Erin), u"smtp:shared@contoso.com");
        index.addEntry(mailboxGuid(Heidi), u"smtp:shared@contoso.com");
        index.finish();

        UsageEvidence evidence;
        evidence.smtpAuthReport = &aliases;
        evidence.smtpAuthReportStatus = SourceStatus::read();
        evidence.smtpAddresses = &index;
        evidence.smtpAddressesStatus = SourceStatus::read();
        const ReadinessReport joined = tenant.build(evidence, &tenant.directory);
        const ReadinessReport::Row &frank = joined.rowForMailbox(Frank);
        QCOMPARE(frank.reportProtocols, quint8(SmtpAuthClientsReport::Basic | SmtpAuthClientsReport::OAuth));
        QCOMPARE(frank.reportMessages, quint64(8));
        QCOMPARE(classOf(joined, Frank), QStringLiteral("breaks-at-cutoff"));
        QCOMPARE(joined.rowForMailbox(Erin).reportProtocols, quint8(0));
        QCOMPARE(joined.rowForMailbox(Heidi).reportProtocols, quint8(0));
        QCOMPARE(joined.unmatched(Source::SmtpAuthReport).count, 3);
        QCOMPARE(joined.unmatched(Source::SmtpAuthReport).identifiers,
                 (QStringList{QStringLiteral("x500-only@contoso.com"), QStringLiteral("shared@contoso.com"),
                              QStringLiteral("stranger@elsewhere.example")}));
        const QString detail = sourceLine(joined, Source::SmtpAuthReport).detail;
        QVERIFY2(detail.contains(QStringLiteral("1 senders matched by another SMTP address of the mailbox")),
                 qPrintable(detail));
        QVERIFY2(detail.contains(QStringLiteral("1 senders name an address held by more than one mailbox")),
                 qPrintable(detail));
        QVERIFY2(detail.contains(QStringLiteral("3 senders match no mailbox")), qPrintable(detail));
        QVERIFY2(!detail.contains(QStringLiteral("primary address and UPN only")), qPrintable(detail));

        // The same report when the addresses could not be read: the alias matches nothing, listed apart.
        evidence.smtpAddressesStatus =
            SourceStatus::unavailable(QStringLiteral("Get-CASMailbox: HTTP 403: Access denied"));
        const ReadinessReport primaryOnly = tenant.build(evidence, &tenant.directory);
        QCOMPARE(primaryOnly.rowForMailbox(Frank).reportProtocols, quint8(SmtpAuthClientsReport::OAuth));
        QCOMPARE(primaryOnly.rowForMailbox(Frank).reportMessages, quint64(1));
        QCOMPARE(primaryOnly.unmatched(Source::SmtpAuthReport).count, 4);
        QCOMPARE(primaryOnly.unmatched(Source::SmtpAuthReport).identifiers.constFirst(),
                 QStringLiteral("Scanner.Frank@Legacy.Example"));
        const QString why = sourceLine(primaryOnly, Source::SmtpAuthReport).detail;
        QVERIFY2(why.contains(QStringLiteral(
                     "matched by primary address and UPN only (Get-CASMailbox: HTTP 403: Access denied)")),
                 qPrintable(why));
        QCOMPARE(sourceLine(primaryOnly, Source::SmtpAuthReport).state, QStringLiteral("read"));

        // An index handed over with a status that is not Read (a read that stopped half-way) is not used.
        evidence.smtpAddressesStatus = SourceStatus::unavailable(QStringLiteral("stopped half-way"));
        QCOMPARE(tenant.build(evidence, &tenant.directory).rowForMailbox(Frank).reportMessages, quint64(1));
    }

    // The primary address is tried first: an alias index that (wrongly) names another mailbox for an
    // address that is a mailbox's primary one never moves the sender away from the mailbox shown with it.
    void smtpReportPrimaryAddressWinsOverTheIndex()
    {
        const Tenant tenant;
        const SmtpAuthClientsReport report =
            SmtpAuthClientsReport::parse("Sender address,Messages sent,Authentication "
                                         "protocol\r\ngrace@contoso.com,5,Basic Authentication\r\n");
        SmtpAddressIndex index;
        index.addEntry(mailboxGuid(Alice), u"smtp:grace@contoso.com");
        index.finish();
        UsageEvidence evidence;
        evidence.smtpAuthReport = &report;
        evidence.smtpAuthReportStatus = SourceStatus::read();
        evidence.smtpAddresses = &index;
        evidence.smtpAddressesStatus = SourceStatus::read();
        const ReadinessReport built = tenant.build(evidence, &tenant.directory);
        QCOMPARE(built.rowForMailbox(Grace).reportMessages, quint64(5));
        QCOMPARE(built.rowForMailbox(Alice).reportMessages, quint64(0));
    }

    void toldApart_data()
    {
        QTest::addColumn<bool>("usage");
        QTest::addColumn<int>("period");
        QTest::addColumn<bool>("signIns");
        QTest::addColumn<int>("covered");
        QTest::addColumn<bool>("complete");
        QTest::addColumn<int>("smtpReport"); // 0 none, 1 with the protocol column, 2 without
        QTest::addColumn<bool>("toldApart");
        QTest::addColumn<QString>("carol"); // SMTP App used, nothing else
        QTest::newRow("report with protocols")
            << true << 90 << false << 0 << true << 1 << true << QStringLiteral("oauth-only");
        QTest::newRow("report without protocols")
            << true << 30 << false << 0 << true << 2 << false << QStringLiteral("unclear-auth");
        QTest::newRow("usage only") << true << 30 << false << 0 << true << 0 << false
                                    << QStringLiteral("unclear-auth");
        QTest::newRow("D30 + 30 days of sign-ins")
            << true << 30 << true << 30 << true << 0 << true << QStringLiteral("oauth-only");
        QTest::newRow("D7 + 30 days of sign-ins")
            << true << 7 << true << 30 << true << 0 << true << QStringLiteral("oauth-only");
        QTest::newRow("D90 + 30 days of sign-ins")
            << true << 90 << true << 30 << true << 0 << false << QStringLiteral("unclear-auth");
        QTest::newRow("D30 + incomplete sign-ins")
            << true << 30 << true << 12 << false << 0 << false << QStringLiteral("unclear-auth");
        QTest::newRow("D7 + incomplete sign-ins covering 9 days")
            << true << 7 << true << 9 << false << 0 << true << QStringLiteral("oauth-only");
        QTest::newRow("D90 + report with protocols")
            << true << 90 << true << 30 << true << 1 << true << QStringLiteral("oauth-only");
        QTest::newRow("D90 + report without protocols")
            << true << 90 << true << 30 << true << 2 << false << QStringLiteral("unclear-auth");
        QTest::newRow("sign-ins only")
            << false << 30 << true << 30 << true << 0 << true << QStringLiteral("no-use");
        // Without a usage report the sign-ins must cover the days asked: two days of an interrupted read
        // do not make a report row without protocols OAuth.
        QTest::newRow("incomplete sign-ins + report without protocols")
            << false << 30 << true << 2 << false << 2 << false << QStringLiteral("no-use");
        QTest::newRow("complete sign-ins + report without protocols")
            << false << 30 << true << 30 << true << 2 << true << QStringLiteral("no-use");
    }
    void toldApart()
    {
        QFETCH(bool, usage);
        QFETCH(int, period);
        QFETCH(bool, signIns);
        QFETCH(int, covered);
        QFETCH(bool, complete);
        QFETCH(int, smtpReport);
        QFETCH(bool, toldApart);
        QFETCH(QString, carol);
        const Tenant tenant;
        const SmtpAuthClientsReport withProtocols = SmtpAuthClientsReport::parse(
            "Sender address,Messages sent,Authentication protocol\r\nfrank@contoso.com,3,OAuth\r\n");
        const SmtpAuthClientsReport withoutProtocols =
            SmtpAuthClientsReport::parse("Sender address,Messages sent\r\nfrank@contoso.com,3\r\n");
        UsageEvidence evidence;
        if (usage) {
            evidence.usageReport = &tenant.usage;
            evidence.usageReportStatus = SourceStatus::read();
            evidence.periodDays = period;
        }
        if (signIns) {
            evidence.signIns = &tenant.signIns;
            evidence.signInStatus = SourceStatus::read();
            evidence.signInDaysAsked = 30;
            evidence.signInDaysCovered = covered;
            evidence.signInsComplete = complete;
        }
        if (smtpReport) {
            evidence.smtpAuthReport = smtpReport == 1 ? &withProtocols : &withoutProtocols;
            evidence.smtpAuthReportStatus = SourceStatus::read();
        }
        const ReadinessReport report = tenant.build(evidence, &tenant.directory);
        QCOMPARE(report.basicVsOAuthToldApart(), toldApart);
        QCOMPARE(classOf(report, Carol), carol);
        if (smtpReport) {
            // frank's only evidence is the report's row: OAuth when told apart, else unclear.
            QCOMPARE(classOf(report, Frank),
                     toldApart ? QStringLiteral("oauth-only") : QStringLiteral("unclear-auth"));
            QCOMPARE(report.rowForMailbox(Frank).reportProtocols,
                     quint8(smtpReport == 1 ? SmtpAuthClientsReport::OAuth
                                            : SmtpAuthClientsReport::OtherProtocol));
        }
        if (!toldApart)
            QVERIFY(report.count(ReadinessClass::UnclearAuth) > 0);
        if (signIns) {
            // Basic sign-ins decide whatever the period: alice breaks in every case.
            QCOMPARE(classOf(report, Alice), QStringLiteral("breaks-at-cutoff"));
            const QString detail = sourceLine(report, Source::SignInLogs).detail;
            QCOMPARE(detail.contains(QStringLiteral("incomplete")), !complete);
            if (!complete)
                QVERIFY2(detail.contains(QStringLiteral("%1 of 30 days read").arg(covered)),
                         qPrintable(detail));
        }
        if (smtpReport == 2) {
            const QString detail = sourceLine(report, Source::SmtpAuthReport).detail;
            QVERIFY2(detail.contains(QStringLiteral("no authentication protocol column")),
                     qPrintable(detail));
        }
        QCOMPARE(sumOfCounts(report), tenant.store.size());
    }

    void noSourceReadMeansEveryMailboxUnknown()
    {
        const Tenant tenant;
        // Given but unavailable, each with its reason.
        UsageEvidence evidence = tenant.allSources();
        evidence.usageReportStatus = SourceStatus::unavailable(QStringLiteral("the names are concealed"));
        evidence.signInStatus = SourceStatus::unavailable(QStringLiteral("sign-in logs need Entra ID P1"));
        evidence.smtpAuthReportStatus = SourceStatus::unavailable(QStringLiteral("not a report"));
        const ReadinessReport report = tenant.build(evidence, &tenant.directory);
        QVERIFY(!report.anySourceRead());
        QVERIFY(!report.basicVsOAuthToldApart());
        QCOMPARE(report.count(ReadinessClass::Unknown), kMailboxCount);
        QCOMPARE(sumOfCounts(report), kMailboxCount);
        for (int i = 0; i < kMailboxCount; ++i) {
            QCOMPARE(classOf(report, i), QStringLiteral("unknown"));
            // Nothing of an unread source is joined.
            QCOMPARE(report.rowForMailbox(i).basicSignIns, 0u);
            QVERIFY(!report.rowForMailbox(i).smtpAppUsed);
            QCOMPARE(report.rowForMailbox(i).reportProtocols, quint8(0));
        }
        QCOMPARE(report.sources().size(), 3);
        QCOMPARE(sourceLine(report, Source::UsageReport).state, QStringLiteral("unavailable"));
        QCOMPARE(sourceLine(report, Source::UsageReport).detail, QStringLiteral("the names are concealed"));
        QCOMPARE(sourceLine(report, Source::SignInLogs).state, QStringLiteral("unavailable"));
        QCOMPARE(sourceLine(report, Source::SignInLogs).detail,
                 QStringLiteral("sign-in logs need Entra ID P1"));
        QCOMPARE(sourceLine(report, Source::SmtpAuthReport).state, QStringLiteral("unavailable"));
        for (Source source : {Source::UsageReport, Source::SignInLogs, Source::SmtpAuthReport})
            QCOMPARE(report.unmatched(source).count, 0);
        QVERIFY(report.headline().contains(QStringLiteral("unknown")));
        QVERIFY(report.headline().contains(QStringLiteral("24 days left")));

        // Not given at all.
        const ReadinessReport nothing = tenant.build(UsageEvidence(), &tenant.directory);
        QCOMPARE(nothing.count(ReadinessClass::Unknown), kMailboxCount);
        for (const ReadinessReport::SourceLine &line : nothing.sources()) {
            QCOMPARE(line.state, QStringLiteral("not-given"));
            QVERIFY(line.detail.isEmpty());
        }
        // Unavailable without a pointer (the reader failed before it had anything).
        UsageEvidence failed;
        failed.signInStatus = SourceStatus::unavailable(QStringLiteral("403 Forbidden"));
        const ReadinessReport failedReport = tenant.build(failed);
        QCOMPARE(sourceLine(failedReport, Source::SignInLogs).state, QStringLiteral("unavailable"));
        QCOMPARE(sourceLine(failedReport, Source::SignInLogs).detail, QStringLiteral("403 Forbidden"));
        QCOMPARE(sourceLine(failedReport, Source::UsageReport).state, QStringLiteral("not-given"));
        QCOMPARE(failedReport.count(ReadinessClass::Unknown), kMailboxCount);
    }

    void sourceLinesInContractOrderWithTheReadersNote()
    {
        const Tenant tenant;
        UsageEvidence evidence = tenant.allSources();
        evidence.signInStatus.reason = QStringLiteral("--sign-in-days 45 capped at the 30 days of retention");
        const ReadinessReport report = tenant.build(evidence, &tenant.directory);
        QCOMPARE(report.sources().size(), 3);
        QCOMPARE(report.sources()[0].source, Source::UsageReport);
        QCOMPARE(report.sources()[1].source, Source::SignInLogs);
        QCOMPARE(report.sources()[2].source, Source::SmtpAuthReport);
        for (const ReadinessReport::SourceLine &line : report.sources())
            QCOMPARE(line.state, QStringLiteral("read"));
        QVERIFY(report.sources()[1].detail.contains(QStringLiteral("capped at the 30 days")));
        QVERIFY(report.sources()[1].detail.contains(QStringLiteral("Basic sign-ins")));
    }

    void verdictsOfAnotherSizeAreUnknown()
    {
        const Tenant tenant;
        const ReadinessReport report = ReadinessReport::build(
            tenant.store, OrgSetting::Enabled, {}, &tenant.directory, tenant.allSources(), december7());
        for (const ReadinessReport::Row &row : report.rows())
            QCOMPARE(row.basicNow.verdict(), Verdict::Unknown);
        QCOMPARE(classOf(report, Alice),
                 QStringLiteral("breaks-at-cutoff"));                   // Basic now unknown still breaks
        QCOMPARE(classOf(report, Printer), QStringLiteral("no-use"));   // failures, Basic not known blocked
        QCOMPARE(classOf(report, Dave), QStringLiteral("blocked-now")); // OAuth blocked by the switch
        QCOMPARE(sumOfCounts(report), kMailboxCount);
        // An invalid (not computed) verdict is unknown too.
        QList<PackedVerdict> verdicts = tenant.basicNow;
        verdicts[Alice] = PackedVerdict();
        const ReadinessReport partial = ReadinessReport::build(
            tenant.store, OrgSetting::Enabled, verdicts, &tenant.directory, tenant.allSources(), december7());
        QCOMPARE(partial.rowForMailbox(Alice).basicNow.verdict(), Verdict::Unknown);
        QCOMPARE(partial.rowForMailbox(Printer).basicNow.verdict(), Verdict::Blocked);
    }

    void oauthFollowsTheSwitch()
    {
        const Tenant tenant;
        const ReadinessReport enabled = tenant.buildAll();
        QCOMPARE(enabled.rowForMailbox(Carol).oauth, Verdict::Allowed);
        QCOMPARE(enabled.rowForMailbox(Dave).oauth, Verdict::Blocked); // override Disabled
        QCOMPARE(enabled.rowForMailbox(Erin).oauth, Verdict::Allowed); // override Enabled
        const ReadinessReport disabled =
            tenant.build(tenant.allSources(), &tenant.directory, OrgSetting::Disabled);
        QCOMPARE(disabled.orgSetting(), OrgSetting::Disabled);
        QCOMPARE(disabled.rowForMailbox(Carol).oauth, Verdict::Blocked); // inherits the org's Disabled
        QCOMPARE(classOf(disabled, Carol), QStringLiteral("blocked-now"));
        QCOMPARE(disabled.rowForMailbox(Erin).oauth, Verdict::Allowed);
        QCOMPARE(ReadinessReport::decidedBy(disabled.rowForMailbox(Carol)), ReadinessLayer::SmtpAuthSetting);
    }

    void decidedBy()
    {
        const Tenant tenant;
        const ReadinessReport report = tenant.buildAll();
        QCOMPARE(ReadinessReport::decidedBy(report.rowForMailbox(Printer)),
                 ReadinessLayer::AuthenticationPolicy);
        QCOMPARE(ReadinessReport::decidedBy(report.rowForMailbox(Dave)), ReadinessLayer::SmtpAuthSetting);
        QCOMPARE(ReadinessReport::decidedBy(report.rowForMailbox(Alice)), std::nullopt);
        QCOMPARE(ReadinessReport::decidedBy(report.rowForMailbox(Grace)),
                 std::nullopt); // unknown is not a block
    }

    void headline()
    {
        const Tenant tenant;
        const ReadinessReport report = tenant.buildAll();
        QCOMPARE(report.headline(),
                 QStringLiteral(
                     "3 mailboxes still sign in with Basic and will stop sending on 31 December 2026: 24 "
                     "days left."));
        const ReadinessReport after =
            ReadinessReport::build(tenant.store, OrgSetting::Enabled, tenant.basicNow, &tenant.directory,
                                   tenant.allSources(), CutoffCalendar(QDate(2026, 12, 31), [] {
                                       return QDateTime(QDate(2027, 1, 2), QTime(), QTimeZone::utc());
                                   }));
        QCOMPARE(after.daysLeft(), 0);
        QVERIFY2(after.headline().contains(QStringLiteral("off since 31 December 2026")),
                 qPrintable(after.headline()));
    }

    void rowsOfClasses()
    {
        const Tenant tenant;
        const ReadinessReport report = tenant.buildAll();
        QList<int> all;
        for (int i = 0; i < kMailboxCount; ++i)
            all.append(i);
        QCOMPARE(report.rowsOfClasses({}), all);
        QCOMPARE(report.rowsOfClasses({ReadinessClass::StaleException}), QList<int>{Erin});
        QCOMPARE(report.rowsOfClasses({ReadinessClass::BreaksAtCutoff}), (QList<int>{Alice, Grace, Heidi}));
        QCOMPARE(report.rowsOfClasses({ReadinessClass::NoUse, ReadinessClass::BlockedNow}),
                 (QList<int>{Printer, Dave, Frank})); // store order, not the order asked
        QCOMPARE(report.rowsOfClasses({ReadinessClass::Unknown}), QList<int>());
    }

    void jsonHasExactlyTheContractKeys()
    {
        const Tenant tenant;
        const ReadinessReport report = tenant.buildAll();
        const QJsonObject json = report.toJson(tenant.store, report.rowsOfClasses({}));
        QCOMPARE(keysOf(json), set({"cutoff", "daysLeft", "sources", "counts", "mailboxes", "unmatched"}));
        QCOMPARE(json.value(QStringLiteral("cutoff")).toString(), QStringLiteral("2026-12-31"));
        QVERIFY(json.value(QStringLiteral("daysLeft")).isDouble());
        QCOMPARE(json.value(QStringLiteral("daysLeft")).toInt(), 24);

        const QJsonArray sources = json.value(QStringLiteral("sources")).toArray();
        QCOMPARE(sources.size(), 3);
        QStringList sourceNames;
        for (const QJsonValue &value : sources) {
            QCOMPARE(keysOf(value.toObject()), set({"source", "state", "detail"}));
            sourceNames.append(value[QLatin1String("source")].toString());
            QCOMPARE(value[QLatin1String("state")].toString(), QStringLiteral("read"));
            QVERIFY(value[QLatin1String("detail")].isString());
        }
        QCOMPARE(sourceNames, (QStringList{QStringLiteral("usage-report"), QStringLiteral("sign-in-logs"),
                                           QStringLiteral("smtp-auth-report")}));

        const QJsonObject counts = json.value(QStringLiteral("counts")).toObject();
        QCOMPARE(keysOf(counts), set({"breaks-at-cutoff", "blocked-now", "oauth-only", "unclear-auth",
                                      "stale-exception", "no-use", "unknown"}));
        QCOMPARE(counts.value(QStringLiteral("breaks-at-cutoff")).toInt(), 3);
        QCOMPARE(counts.value(QStringLiteral("blocked-now")).toInt(), 2);
        QCOMPARE(counts.value(QStringLiteral("oauth-only")).toInt(), 1);
        QCOMPARE(counts.value(QStringLiteral("unclear-auth")).toInt(), 0);
        QCOMPARE(counts.value(QStringLiteral("stale-exception")).toInt(), 1);
        QCOMPARE(counts.value(QStringLiteral("no-use")).toInt(), 1);
        QCOMPARE(counts.value(QStringLiteral("unknown")).toInt(), 0);

        const QJsonArray mailboxes = json.value(QStringLiteral("mailboxes")).toArray();
        QCOMPARE(mailboxes.size(), kMailboxCount);
        const QSet<QString> mailboxKeys =
            set({"guid", "address", "displayName", "class", "effective", "source", "override", "basicNow",
                 "decidedBy", "lastBasicSignIn", "basicSignIns", "basicFailures", "smtpAppUsed",
                 "reportProtocols"});
        QCOMPARE(mailboxKeys.size(), 14);
        for (const QJsonValue &value : mailboxes)
            QCOMPARE(keysOf(value.toObject()), mailboxKeys);

        const QJsonObject alice = mailboxes[Alice].toObject();
        QCOMPARE(alice.value(QStringLiteral("guid")).toString(),
                 mailboxGuid(Alice).toString(QUuid::WithoutBraces));
        QCOMPARE(alice.value(QStringLiteral("address")).toString(), addressOf(Alice));
        QCOMPARE(alice.value(QStringLiteral("displayName")).toString(), QStringLiteral("ALICE"));
        QCOMPARE(alice.value(QStringLiteral("class")).toString(), QStringLiteral("breaks-at-cutoff"));
        QCOMPARE(alice.value(QStringLiteral("effective")).toString(), QStringLiteral("enabled"));
        QCOMPARE(alice.value(QStringLiteral("source")).toString(), QStringLiteral("org"));
        QCOMPARE(alice.value(QStringLiteral("override")).toString(), QStringLiteral("inherit"));
        QCOMPARE(alice.value(QStringLiteral("basicNow")).toString(), QStringLiteral("allowed"));
        QVERIFY(alice.value(QStringLiteral("decidedBy")).isNull());
        QCOMPARE(alice.value(QStringLiteral("lastBasicSignIn")).toString(),
                 QStringLiteral("2026-11-30T19:00:00Z"));
        QVERIFY(alice.value(QStringLiteral("basicSignIns")).isDouble());
        QCOMPARE(alice.value(QStringLiteral("basicSignIns")).toInt(), 3);
        QCOMPARE(alice.value(QStringLiteral("basicFailures")).toInt(), 0);
        QCOMPARE(alice.value(QStringLiteral("smtpAppUsed")), QJsonValue(true));
        QCOMPARE(alice.value(QStringLiteral("reportProtocols")), QJsonValue(QJsonArray()));

        const QJsonObject printer = mailboxes[Printer].toObject();
        QCOMPARE(printer.value(QStringLiteral("class")).toString(), QStringLiteral("blocked-now"));
        QCOMPARE(printer.value(QStringLiteral("effective")).toString(), QStringLiteral("enabled"));
        QCOMPARE(printer.value(QStringLiteral("source")).toString(), QStringLiteral("mailbox"));
        QCOMPARE(printer.value(QStringLiteral("override")).toString(), QStringLiteral("enabled"));
        QCOMPARE(printer.value(QStringLiteral("basicNow")).toString(), QStringLiteral("blocked"));
        QCOMPARE(printer.value(QStringLiteral("decidedBy")).toString(),
                 QStringLiteral("authentication-policy"));
        QCOMPARE(printer.value(QStringLiteral("basicFailures")).toInt(), 2);

        const QJsonObject dave = mailboxes[Dave].toObject();
        QCOMPARE(dave.value(QStringLiteral("effective")).toString(), QStringLiteral("disabled"));
        QCOMPARE(dave.value(QStringLiteral("override")).toString(), QStringLiteral("disabled"));
        QCOMPARE(dave.value(QStringLiteral("decidedBy")).toString(), QStringLiteral("smtp-auth-setting"));
        QCOMPARE(dave.value(QStringLiteral("reportProtocols")),
                 QJsonValue(QJsonArray{QStringLiteral("OAuth")}));

        const QJsonObject frank = mailboxes[Frank].toObject();
        QCOMPARE(frank.value(QStringLiteral("displayName")).toString(), kEvilName); // JSON is not guarded
        QVERIFY(frank.value(QStringLiteral("decidedBy")).isNull());
        QVERIFY(frank.value(QStringLiteral("lastBasicSignIn")).isNull());
        QCOMPARE(frank.value(QStringLiteral("smtpAppUsed")), QJsonValue(false));
        QCOMPARE(frank.value(QStringLiteral("basicSignIns")).toInt(), 0);

        const QJsonObject grace = mailboxes[Grace].toObject();
        QCOMPARE(grace.value(QStringLiteral("basicNow")).toString(), QStringLiteral("unknown"));
        QVERIFY(grace.value(QStringLiteral("decidedBy")).isNull());
        QCOMPARE(grace.value(QStringLiteral("reportProtocols")),
                 QJsonValue(QJsonArray{QStringLiteral("Basic"), QStringLiteral("OAuth")}));

        const QJsonObject unmatched = json.value(QStringLiteral("unmatched")).toObject();
        QCOMPARE(keysOf(unmatched), set({"usage-report", "sign-in-logs", "smtp-auth-report"}));
        QCOMPARE(unmatched.value(QStringLiteral("usage-report")).toInt(), 1);
        QCOMPARE(unmatched.value(QStringLiteral("sign-in-logs")).toInt(), 2);
        QCOMPARE(unmatched.value(QStringLiteral("smtp-auth-report")).toInt(), 1);
    }

    void jsonOfSomeMailboxesKeepsTheTenantCounts()
    {
        const Tenant tenant;
        const ReadinessReport report = tenant.buildAll();
        const QJsonObject json =
            report.toJson(tenant.store, report.rowsOfClasses({ReadinessClass::StaleException}));
        const QJsonArray mailboxes = json.value(QStringLiteral("mailboxes")).toArray();
        QCOMPARE(mailboxes.size(), 1);
        QCOMPARE(mailboxes[0][QLatin1String("address")].toString(), addressOf(Erin));
        QCOMPARE(mailboxes[0][QLatin1String("class")].toString(), QStringLiteral("stale-exception"));
        QCOMPARE(json.value(QStringLiteral("counts"))[QLatin1String("breaks-at-cutoff")].toInt(), 3);

        const ReadinessReport nothing = tenant.build(UsageEvidence());
        const QJsonObject unknown = nothing.toJson(tenant.store, nothing.rowsOfClasses({}));
        QCOMPARE(unknown.value(QStringLiteral("counts"))[QLatin1String("unknown")].toInt(), kMailboxCount);
        for (const QJsonValue &value : unknown.value(QStringLiteral("mailboxes")).toArray())
            QCOMPARE(value[QLatin1String("class")].toString(), QStringLiteral("unknown"));
        for (const QJsonValue &value : unknown.value(QStringLiteral("sources")).toArray())
            QCOMPARE(value[QLatin1String("state")].toString(), QStringLiteral("not-given"));
    }

    void csvExport()
    {
        const Tenant tenant;
        const ReadinessReport report = tenant.buildAll();
        const QByteArray bytes = report.toCsv(tenant.store, report.rowsOfClasses({}), &tenant.signIns);
        QVERIFY(bytes.startsWith(
            QByteArray(ReadinessReport::csvColumns().join(QLatin1Char(',')).toUtf8() + "\r\n")));
        const QList<QStringList> records = readCsv(bytes);
        QCOMPARE(records.size(), 1 + kMailboxCount);
        QCOMPARE(records.first(), ReadinessReport::csvColumns());
        const QStringList columns = ReadinessReport::csvColumns();
        const auto cell = [&](int mailbox, const char *column) {
            return records.at(1 + mailbox).at(columns.indexOf(QString::fromLatin1(column)));
        };
        for (const QStringList &record : records)
            QCOMPARE(record.size(), columns.size());
        // A display name that is a formula is guarded.
        QCOMPARE(cell(Frank, "displayName"), QLatin1Char('\'') + kEvilName);
        QVERIFY(bytes.contains("\"'=HYPERLINK("));
        QCOMPARE(cell(Alice, "class"), QStringLiteral("breaks-at-cutoff"));
        QCOMPARE(cell(Alice, "address"), addressOf(Alice));
        QCOMPARE(cell(Alice, "guid"), mailboxGuid(Alice).toString(QUuid::WithoutBraces));
        QCOMPARE(cell(Alice, "basicSignIns"), QStringLiteral("3"));
        QCOMPARE(cell(Alice, "lastBasicSignIn"), QStringLiteral("2026-11-30T19:00:00Z"));
        QCOMPARE(cell(Alice, "topClientIps"), QStringLiteral("198.51.100.2 (2), 203.0.113.9 (1)"));
        QCOMPARE(cell(Alice, "smtpAppUsed"), QStringLiteral("true"));
        QCOMPARE(cell(Alice, "decidedBy"), QString());
        QCOMPARE(cell(Alice, "advice"), adviceText(ReadinessClass::BreaksAtCutoff));
        QCOMPARE(cell(Printer, "decidedBy"), QStringLiteral("authentication-policy"));
        QCOMPARE(cell(Printer, "basicFailures"), QStringLiteral("2"));
        QCOMPARE(cell(Printer, "source"), QStringLiteral("mailbox"));
        QCOMPARE(cell(Grace, "reportProtocols"), QStringLiteral("Basic OAuth"));
        QCOMPARE(cell(Frank, "lastBasicSignIn"), QString());
        QCOMPARE(cell(Frank, "smtpAppUsed"), QStringLiteral("false"));
        QCOMPARE(cell(Erin, "class"), QStringLiteral("stale-exception"));
        QCOMPARE(cell(Erin, "override"), QStringLiteral("enabled"));

        // Without the sign-ins at hand the addresses column is empty; a filtered export has its rows only.
        const QByteArray filtered =
            report.toCsv(tenant.store, report.rowsOfClasses({ReadinessClass::BreaksAtCutoff}));
        const QList<QStringList> filteredRecords = readCsv(filtered);
        QCOMPARE(filteredRecords.size(), 4);
        QCOMPARE(filteredRecords.first(), columns);
        const int addressColumn = int(columns.indexOf(QStringLiteral("address")));
        QCOMPARE(filteredRecords[1][addressColumn], addressOf(Alice));
        QCOMPARE(filteredRecords[2][addressColumn], addressOf(Grace));
        QCOMPARE(filteredRecords[3][addressColumn], addressOf(Heidi));
        QCOMPARE(filteredRecords[1][int(columns.indexOf(QStringLiteral("topClientIps")))], QString());
        // No rows: the header alone.
        QCOMPARE(readCsv(report.toCsv(tenant.store, {})).size(), 1);
    }

    void csvColumns()
    {
        const QStringList columns = ReadinessReport::csvColumns();
        QCOMPARE(columns.first(), QStringLiteral("class"));
        QCOMPARE(QSet<QString>(columns.begin(), columns.end()).size(), columns.size());
        for (const char *name : {"displayName", "address", "guid", "effective", "source", "override",
                                 "basicNow", "decidedBy", "basicSignIns", "basicFailures", "lastBasicSignIn",
                                 "topClientIps", "smtpAppUsed", "reportProtocols", "advice"})
            QVERIFY2(columns.contains(QString::fromLatin1(name)), name);
    }

    void machineNamesOfSources()
    {
        QCOMPARE(UsageEvidence::machineName(Source::UsageReport), QStringLiteral("usage-report"));
        QCOMPARE(UsageEvidence::machineName(Source::SignInLogs), QStringLiteral("sign-in-logs"));
        QCOMPARE(UsageEvidence::machineName(Source::SmtpAuthReport), QStringLiteral("smtp-auth-report"));
    }

    void emptyStore()
    {
        const Tenant tenant;
        const MailboxStore empty;
        const ReadinessReport report = ReadinessReport::build(
            empty, OrgSetting::Enabled, {}, &tenant.directory, tenant.allSources(), december7());
        QVERIFY(report.rows().empty());
        QCOMPARE(sumOfCounts(report), 0);
        // Everything the sources name is unmatched, never dropped.
        QCOMPARE(report.unmatched(Source::UsageReport).count, 5);
        QCOMPARE(report.unmatched(Source::SignInLogs).count, qsizetype(tenant.signIns.users().size()));
        QCOMPARE(report.unmatched(Source::SmtpAuthReport).count, 3);
        const QJsonObject json = report.toJson(empty, {});
        QVERIFY(json.value(QStringLiteral("mailboxes")).toArray().isEmpty());
        QCOMPARE(json.value(QStringLiteral("unmatched"))[QLatin1String("usage-report")].toInt(), 5);
    }
};

QTEST_GUILESS_MAIN(TestReadinessReport)
#include "test_readinessreport.moc"
