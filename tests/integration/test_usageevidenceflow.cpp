// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// The usage evidence read by the client (UsageEvidenceLoader and GraphReportDownload over the real Graph
// client, signed in through the real flow) from a real smtpauth-emulator process (readiness.md §2,
// graph-protocol.md §4–§5): the usage report and the Basic SMTP AUTH sign-ins equal the emulator's truth
// for every user, and each way a source can fail (an expired download link, concealed names, no Entra
// ID P1, sign-in pages that stop half-way, a role without Reports access, no consent) is named while
// the other source still counts. Every number is the emulator's, never a hard-coded count.
#include "auth/tokenprovider.h"
#include "emulatorprocess.h"
#include "emulatorusagetruth.h"
#include "engine/usageevidenceloader.h"
#include "exchange/invokecommandclient.h"
#include "graph/graphclient.h"
#include "graph/graphreportdownload.h"
#include "models/emailappusagereport.h"
#include "models/mailboxstore.h"
#include "models/readinessreport.h"
#include "models/signinaggregate.h"
#include "signedinclient.h"
#include "synchttp.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <memory>

using namespace smtpauth;
using namespace smtpauth::test;

namespace {

constexpr int kWaitMs = 90000; // generous: a busy 2-core machine

QStringList mailboxes(int count)
{
    return {QStringLiteral("--mailboxes"), QString::number(count)};
}

// One signed-in user with a Graph client on that sign-in.
struct Reader
{
    explicit Reader(EmulatorProcess &emulator, const QString &alias = QStringLiteral("admin"))
        : signedIn(emulator, emulator.userPrincipalName(alias))
    {
    }
    bool signIn()
    {
        if (!signedIn.signIn())
            return false;
        graph = std::make_unique<GraphClient>(signedIn.network(), signedIn.client()->endpoint().apiBase,
                                              signedIn.tokens()->graphTokens(),
                                              SignedInClient::fastClientOptions());
        return true;
    }
    // Reads the evidence; the loader stays for its results. False when finished() did not come.
    bool read(UsageEvidenceLoader::Options options = {})
    {
        loader = std::make_unique<UsageEvidenceLoader>(graph.get(), std::move(options));
        QSignalSpy finished(loader.get(), &UsageEvidenceLoader::finished);
        loader->start();
        if (!finished.wait(kWaitMs))
            return false;
        return finished.size() == 1 && loader->isFinished();
    }
    QUrl reportUrl(const QString &period = QStringLiteral("D30")) const
    {
        const QString path = QStringLiteral("reports/getEmailAppUsageUserDetail(period='%1')").arg(period);
        return graph->v1Url(QString::fromLatin1(QUrl::toPercentEncoding(path, "/()='")));
    }
    // One download through GraphReportDownload; null when it did not finish.
    GraphReportDownload *download(const QString &period = QStringLiteral("D30"))
    {
        GraphReportDownload *report = graph->downloadReport(reportUrl(period));
        QSignalSpy finished(report, &GraphReportDownload::finished);
        if (!report->isFinished() && !finished.wait(kWaitMs))
            return nullptr;
        return report;
    }

    SignedInClient signedIn;
    std::unique_ptr<GraphClient> graph;
    std::unique_ptr<UsageEvidenceLoader> loader;
};

QNetworkRequest controlRequest(const EmulatorProcess &emulator, const QString &action,
                               const QString &query = {})
{
    QUrl url = emulator.baseUrl();
    url.setPath(QStringLiteral("/_emulator/") + action);
    if (!query.isEmpty())
        url.setQuery(query);
    QNetworkRequest request(url);
    request.setRawHeader("X-Emulator-Control", emulator.controlKey().toUtf8());
    return request;
}

// GET /_emulator/usage?all=true: every usage user, also those without any usage.
EmulatorUsageTruth usageTruth(EmulatorProcess &emulator)
{
    QNetworkAccessManager network;
    const HttpAnswer answer = SyncHttp::get(
        &network, controlRequest(emulator, QStringLiteral("usage"), QStringLiteral("all=true")));
    if (answer.status != 200)
        qFatal("GET /_emulator/usage answered %d", answer.status);
    QString problem;
    const auto truth = EmulatorUsageTruth::fromJson(answer.json(), &problem);
    if (!truth)
        qFatal("the emulator's usage truth is unreadable: %s", qPrintable(problem));
    return *truth;
}

bool setUsageKnobs(EmulatorProcess &emulator, const QJsonObject &knobs)
{
    return emulator.control(QStringLiteral("usage"), knobs).status == 204;
}

int routeCount(EmulatorProcess &emulator, const QString &route)
{
    return emulator.stats().value(QLatin1String("graphRouteCounts")).toObject().value(route).toInt();
}

// The parsed report, keyed by folded UPN: what a reader of the report can see.
QMap<QString, QString> reportRows(const EmailAppUsageReport &report)
{
    QMap<QString, QString> rows;
    for (const EmailAppUsageReport::Row &row : report.rows()) {
        rows.insert(row.userPrincipalName.toLower(), QStringLiteral("%1|%2|%3")
                                                         .arg(row.smtpAppUsed)
                                                         .arg(row.concealed)
                                                         .arg(row.lastActivity.toString(Qt::ISODate)));
    }
    return rows;
}

// Every usage-report row of `period` and every user's sign-ins, compared with the truth; empty = equal.
QString compareWithTruth(const EmulatorUsageTruth &truth, const EmailAppUsageReport *report,
                         const SignInAggregate *signIns, const QString &period = QStringLiteral("D30"))
{
    if (report) {
        QHash<QString, const EmailAppUsageReport::Row *> byName;
        for (const EmailAppUsageReport::Row &row : report->rows())
            byName.insert(row.userPrincipalName.toLower(), &row);
        qsizetype expectedRows = 0;
        qsizetype expectedSmtp = 0;
        for (const EmulatorUsageTruth::User &user : truth.users) {
            const bool inReport = user.inUsageReport.value(period);
            const EmailAppUsageReport::Row *row = byName.value(user.userPrincipalName.toLower());
            if (!inReport) {
                if (row)
                    return QStringLiteral("%1 has a row in the %2 report, the truth has none")
                        .arg(user.userPrincipalName, period);
                continue;
            }
            ++expectedRows;
            if (!row)
                return QStringLiteral("%1 has no row in the %2 report").arg(user.userPrincipalName, period);
            if (row->smtpAppUsed != user.smtpAppUsed.value(period)) {
                return QStringLiteral("%1: SMTP App used %2 in the report, %3 in the truth")
                    .arg(user.userPrincipalName)
                    .arg(row->smtpAppUsed)
                    .arg(user.smtpAppUsed.value(period));
            }
            expectedSmtp += user.smtpAppUsed.value(period) ? 1 : 0;
        }
        if (qsizetype(report->rows().size()) != expectedRows)
            return QStringLiteral("%1 rows in the report, %2 in the truth")
                .arg(report->rows().size())
                .arg(expectedRows);
        if (report->smtpRows() != expectedSmtp)
            return QStringLiteral("%1 SMTP rows in the report, %2 in the truth")
                .arg(report->smtpRows())
                .arg(expectedSmtp);
        if (expectedSmtp == 0)
            return QStringLiteral("the truth has nobody using SMTP AUTH in %1: the check proves nothing")
                .arg(period);
    }
    if (signIns) {
        QHash<QUuid, const SignInAggregate::UserSignIns *> byId;
        for (const SignInAggregate::UserSignIns &user : signIns->users())
            byId.insert(user.userId, &user);
        qsizetype signing = 0;
        qsizetype failures = 0;
        for (const EmulatorUsageTruth::User &user : truth.users) {
            const SignInAggregate::UserSignIns *read = byId.value(user.objectId);
            if (user.basicSignIns + user.basicFailures == 0) {
                if (read)
                    return QStringLiteral("%1 has sign-ins read, none in the truth")
                        .arg(user.userPrincipalName);
                continue;
            }
            ++signing;
            failures += user.basicFailures;
            if (!read)
                return QStringLiteral("%1 has no sign-ins read").arg(user.userPrincipalName);
            if (int(read->successes) != user.basicSignIns || int(read->failures) != user.basicFailures) {
                return QStringLiteral("%1: %2/%3 read, %4/%5 in the truth")
                    .arg(user.userPrincipalName)
                    .arg(read->successes)
                    .arg(read->failures)
                    .arg(user.basicSignIns)
                    .arg(user.basicFailures);
            }
            if (!user.lastBasicSignIn || read->lastMs != user.lastBasicSignIn->toMSecsSinceEpoch()) {
                return QStringLiteral("%1: last sign-in %2 read, %3 in the truth")
                    .arg(user.userPrincipalName,
                         QDateTime::fromMSecsSinceEpoch(read->lastMs, Qt::UTC).toString(Qt::ISODateWithMs),
                         user.lastBasicSignIn ? user.lastBasicSignIn->toString(Qt::ISODateWithMs)
                                              : QStringLiteral("none"));
            }
            if (read->failures > 0 && !user.errorCodes.contains(read->lastErrorCode))
                return QStringLiteral("%1: error code %2 is not one of the truth's")
                    .arg(user.userPrincipalName)
                    .arg(read->lastErrorCode);
        }
        if (qsizetype(signIns->users().size()) != signing)
            return QStringLiteral("%1 signing users read, %2 in the truth")
                .arg(signIns->users().size())
                .arg(signing);
        if (signIns->recordCount() != truth.signInRecordsSince)
            return QStringLiteral("%1 records read, %2 in the truth")
                .arg(signIns->recordCount())
                .arg(truth.signInRecordsSince);
        if (signing == 0 || failures == 0)
            return QStringLiteral(
                "the truth has no Basic sign-ins or no failures: the check proves too little");
    }
    return {};
}

MailboxStore storeOf(const EmulatorTruth &truth)
{
    MailboxStore store;
    for (const EmulatorTruth::Mailbox &m : truth.mailboxes) {
        Mailbox mailbox;
        mailbox.guid = m.guid;
        mailbox.externalDirectoryObjectId = m.externalDirectoryObjectId;
        mailbox.displayName = m.displayName;
        mailbox.primarySmtpAddress = m.primarySmtpAddress;
        mailbox.alias = m.primarySmtpAddress.section(QLatin1Char('@'), 0, 0);
        mailbox.smtpAuthOverride = m.smtpAuthOverride;
        store.upsert(mailbox);
    }
    return store;
}

const ReadinessReport::SourceLine &sourceLine(const ReadinessReport &report, UsageEvidence::Source source)
{
    for (const ReadinessReport::SourceLine &line : report.sources()) {
        if (line.source == source)
            return line;
    }
    qFatal("no source line");
}

} // namespace

class TestUsageEvidenceFlow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void theReportAndTheSignInsEqualTheTruth()
    {
        EmulatorProcess emulator(mailboxes(400));
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        const EmulatorUsageTruth truth = usageTruth(emulator);
        Reader reader(emulator);
        QVERIFY2(reader.signIn(), qPrintable(reader.signedIn.errorString()));
        QVERIFY(reader.read());
        const UsageEvidence evidence = reader.loader->evidence();
        QVERIFY2(evidence.usageReportStatus.isRead(), qPrintable(evidence.usageReportStatus.reason));
        QVERIFY2(evidence.signInStatus.isRead(), qPrintable(evidence.signInStatus.reason));
        QVERIFY2(evidence.signInStatus.reason.isEmpty(), qPrintable(evidence.signInStatus.reason));
        QVERIFY(!reader.loader->graphInteractionRequired());
        QVERIFY(evidence.usageReport && evidence.signIns);
        QCOMPARE(evidence.usageReport, reader.loader->usageReport().get());
        QCOMPARE(evidence.periodDays, 30);
        QVERIFY(evidence.signInsComplete);
        QCOMPARE(evidence.signInDaysAsked, 30);
        QCOMPARE(evidence.signInDaysCovered, 30);
        QCOMPARE(evidence.usageReport->refreshDate().toString(Qt::ISODate), truth.refreshDate);
        const QString problem = compareWithTruth(truth, evidence.usageReport, evidence.signIns);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        // Both clientAppUsed values were asked for (graph-protocol.md §5: tools use one, the docs the other).
        QVERIFY(truth.authenticatedSmtpRecords > 0 && truth.smtpRecords > 0);
    }

    void otherPeriodsAreAskedForByName()
    {
        EmulatorProcess emulator(mailboxes(300));
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        const EmulatorUsageTruth truth = usageTruth(emulator);
        Reader reader(emulator);
        QVERIFY2(reader.signIn(), qPrintable(reader.signedIn.errorString()));
        for (int days : {7, 90, 180}) {
            UsageEvidenceLoader::Options options;
            options.periodDays = days;
            options.readSignIns = false;
            QVERIFY(reader.read(options));
            const UsageEvidence evidence = reader.loader->evidence();
            QVERIFY2(evidence.usageReportStatus.isRead(), qPrintable(evidence.usageReportStatus.reason));
            QCOMPARE(evidence.periodDays, days);
            QVERIFY(!evidence.signIns);
            const QString problem =
                compareWithTruth(truth, evidence.usageReport, nullptr, QStringLiteral("D%1").arg(days));
            QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("D%1: ").arg(days) + problem));
        }
    }

    void anExpiredLinkIsFetchedAgainOnce()
    {
        EmulatorProcess emulator(mailboxes(200));
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        const EmulatorUsageTruth truth = usageTruth(emulator);
        Reader reader(emulator);
        QVERIFY2(reader.signIn(), qPrintable(reader.signedIn.errorString()));

        QVERIFY(setUsageKnobs(emulator, {{QStringLiteral("expiredLinks"), 1}}));
        QCOMPARE(emulator.control(QStringLiteral("reset-stats")).status, 204);
        GraphReportDownload *download = reader.download();
        QVERIFY(download);
        QVERIFY2(!download->error().isError(), qPrintable(download->error().message()));
        QCOMPARE(download->linksFetched(), 2);
        QCOMPARE(routeCount(emulator, QStringLiteral("emailAppUsageUserDetail")), 2);
        QCOMPARE(routeCount(emulator, QStringLiteral("reportDownload")),
                 2); // the expired one, then the new one
        const EmailAppUsageReport report = EmailAppUsageReport::parse(download->body());
        QVERIFY2(report.ok(), qPrintable(report.error()));
        const QString problem = compareWithTruth(truth, &report, nullptr);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        // Through the loader: the same recovery, the report read.
        QVERIFY(setUsageKnobs(emulator, {{QStringLiteral("expiredLinks"), 1}}));
        UsageEvidenceLoader::Options options;
        options.readSignIns = false;
        QVERIFY(reader.read(options));
        QVERIFY2(reader.loader->evidence().usageReportStatus.isRead(),
                 qPrintable(reader.loader->evidence().usageReportStatus.reason));
    }

    void twoExpiredLinksLeaveTheReportUnavailableNaming403()
    {
        EmulatorProcess emulator(mailboxes(200));
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        Reader reader(emulator);
        QVERIFY2(reader.signIn(), qPrintable(reader.signedIn.errorString()));

        QVERIFY(setUsageKnobs(emulator, {{QStringLiteral("expiredLinks"), 2}}));
        QCOMPARE(emulator.control(QStringLiteral("reset-stats")).status, 204);
        GraphReportDownload *download = reader.download();
        QVERIFY(download);
        QVERIFY(download->error().isError());
        QCOMPARE(download->linksFetched(), 2); // one new link, never a third
        QCOMPARE(download->httpStatus(), 403);
        QCOMPARE(routeCount(emulator, QStringLiteral("emailAppUsageUserDetail")), 2);

        QVERIFY(setUsageKnobs(emulator, {{QStringLiteral("expiredLinks"), 2}}));
        QVERIFY(reader.read());
        const UsageEvidence evidence = reader.loader->evidence();
        QCOMPARE(evidence.usageReportStatus.state, SourceStatus::Unavailable);
        QVERIFY2(evidence.usageReportStatus.reason.contains(QLatin1String("403")),
                 qPrintable(evidence.usageReportStatus.reason));
        QVERIFY(!evidence.usageReport);
        QVERIFY2(evidence.signInStatus.isRead(),
                 qPrintable(evidence.signInStatus.reason)); // the other source counts
        QVERIFY(!reader.loader->graphInteractionRequired());
    }

    void theDownloadCarriesNoAuthorization()
    {
        EmulatorProcess emulator(mailboxes(100));
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        // The emulator's download host refuses any Authorization header, before it even looks at the link.
        QNetworkAccessManager network;
        QUrl anyLink = emulator.baseUrl();
        anyLink.setPath(QStringLiteral("/_reportdownload/no-such-token"));
        QNetworkRequest withBearer(anyLink);
        withBearer.setRawHeader("Authorization", "Bearer not-for-the-storage-host");
        QCOMPARE(SyncHttp::get(&network, withBearer).status, 400);
        QCOMPARE(SyncHttp::get(&network, QNetworkRequest(anyLink)).status,
                 403); // without: only the link counts

        Reader reader(emulator);
        QVERIFY2(reader.signIn(), qPrintable(reader.signedIn.errorString()));
        QCOMPARE(emulator.control(QStringLiteral("reset-stats")).status, 204);
        GraphReportDownload *download = reader.download();
        QVERIFY(download);
        QVERIFY2(!download->error().isError(), qPrintable(download->error().message()));
        // One link, one download, and it was served: it carried no bearer token.
        QCOMPARE(download->linksFetched(), 1);
        QCOMPARE(routeCount(emulator, QStringLiteral("reportDownload")), 1);
        QVERIFY(EmailAppUsageReport::parse(download->body()).ok());
    }

    void concealedNamesLeaveTheReportUnavailableAndSayHowToFixIt()
    {
        EmulatorProcess emulator(mailboxes(200));
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        QVERIFY(setUsageKnobs(emulator, {{QStringLiteral("concealedNames"), true}}));
        Reader reader(emulator);
        QVERIFY2(reader.signIn(), qPrintable(reader.signedIn.errorString()));
        QVERIFY(reader.read());
        const UsageEvidence evidence = reader.loader->evidence();
        QCOMPARE(evidence.usageReportStatus.state, SourceStatus::Unavailable);
        const QString reason = evidence.usageReportStatus.reason;
        QVERIFY2(reason.contains(QLatin1String("concealed"), Qt::CaseInsensitive), qPrintable(reason));
        QVERIFY2(
            reason.contains(QLatin1String("Microsoft 365 admin center > Settings > Org settings > Reports")),
            qPrintable(reason));
        QVERIFY(!evidence.usageReport);
        QVERIFY2(evidence.signInStatus.isRead(), qPrintable(evidence.signInStatus.reason));

        // Concealment off again: the same reader reads it.
        QVERIFY(setUsageKnobs(emulator, {{QStringLiteral("concealedNames"), false}}));
        QVERIFY(reader.read());
        QVERIFY2(reader.loader->evidence().usageReportStatus.isRead(),
                 qPrintable(reader.loader->evidence().usageReportStatus.reason));
    }

    void withoutEntraIdP1TheSignInsSaySoAndTheReportIsRead()
    {
        EmulatorProcess emulator(mailboxes(200) << QStringLiteral("--no-entra-p1"));
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        const EmulatorUsageTruth truth = usageTruth(emulator);
        Reader reader(emulator);
        QVERIFY2(reader.signIn(), qPrintable(reader.signedIn.errorString()));
        QVERIFY(reader.read());
        const UsageEvidence evidence = reader.loader->evidence();
        QCOMPARE(evidence.signInStatus.state, SourceStatus::Unavailable);
        QVERIFY2(evidence.signInStatus.reason.contains(QLatin1String("Entra ID P1")),
                 qPrintable(evidence.signInStatus.reason));
        QVERIFY2(evidence.signInStatus.reason.contains(QLatin1String("403")),
                 qPrintable(evidence.signInStatus.reason));
        QVERIFY(!evidence.signIns);
        QVERIFY(!evidence.signInsComplete);
        QVERIFY2(evidence.usageReportStatus.isRead(), qPrintable(evidence.usageReportStatus.reason));
        const QString problem = compareWithTruth(truth, evidence.usageReport, nullptr);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }

    void signInPagesThatStopHalfWayNeverClaimCompleteness()
    {
        EmulatorProcess emulator(mailboxes(400));
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        // Enough records for several pages of 1,000, then every page after the second fails with 503.
        QVERIFY(setUsageKnobs(emulator, {{QStringLiteral("signInRecords"), 4500},
                                         {QStringLiteral("signInsFailAfterPages"), 2},
                                         {QStringLiteral("signInsFailureStatus"), 503}}));
        const EmulatorUsageTruth truth = usageTruth(emulator);
        QCOMPARE(truth.signInRecordsSince, 4500);
        const auto tenant = emulator.truth();
        QVERIFY(tenant);
        Reader reader(emulator);
        QVERIFY2(reader.signIn(), qPrintable(reader.signedIn.errorString()));
        QVERIFY(reader.read());
        const UsageEvidence evidence = reader.loader->evidence();
        QVERIFY2(evidence.signInStatus.isRead(),
                 qPrintable(evidence.signInStatus.reason)); // what arrived counts
        QVERIFY(!evidence.signInsComplete);
        QVERIFY(evidence.signIns);
        QCOMPARE(evidence.signIns->pageCount(), 2);
        QCOMPARE(evidence.signIns->recordCount(), 2000);
        QVERIFY2(evidence.signInDaysCovered < 30, qPrintable(QString::number(evidence.signInDaysCovered)));
        QCOMPARE(evidence.signInDaysAsked, 30);
        const QString reason = evidence.signInStatus.reason;
        QVERIFY2(reason.contains(QLatin1String("stopped after 2 pages")), qPrintable(reason));
        QVERIFY2(reason.contains(QLatin1String("503")), qPrintable(reason));
        QVERIFY2(evidence.usageReportStatus.isRead(), qPrintable(evidence.usageReportStatus.reason));

        // The report built from it cannot tell Basic from OAuth over a 30-day period, and says why.
        const MailboxStore store = storeOf(*tenant);
        const ReadinessReport report =
            ReadinessReport::build(store, tenant->org, {}, nullptr, evidence, CutoffCalendar());
        QVERIFY(!report.basicVsOAuthToldApart());
        const ReadinessReport::SourceLine &line = sourceLine(report, UsageEvidence::Source::SignInLogs);
        QCOMPARE(line.state, QStringLiteral("read"));
        QVERIFY2(line.detail.contains(QLatin1String("incomplete")), qPrintable(line.detail));
        QVERIFY2(line.detail.contains(QLatin1String("stopped after 2 pages")), qPrintable(line.detail));

        // The same evidence complete over the period is told apart (the cause is the incomplete read).
        UsageEvidence complete = evidence;
        complete.signInsComplete = true;
        complete.signInDaysCovered = 30;
        QVERIFY(ReadinessReport::build(store, tenant->org, {}, nullptr, complete, CutoffCalendar())
                    .basicVsOAuthToldApart());
    }

    void signInDaysBeyondTheRetentionAreCappedAndSaidSo()
    {
        EmulatorProcess emulator(mailboxes(200));
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        const EmulatorUsageTruth truth = usageTruth(emulator);
        Reader reader(emulator);
        QVERIFY2(reader.signIn(), qPrintable(reader.signedIn.errorString()));
        UsageEvidenceLoader::Options options;
        options.signInDays = 45;
        QVERIFY(reader.read(options));
        const UsageEvidence evidence = reader.loader->evidence();
        QVERIFY2(evidence.signInStatus.isRead(), qPrintable(evidence.signInStatus.reason));
        QCOMPARE(evidence.signInDaysAsked, 30);
        QCOMPARE(evidence.signInDaysCovered, 30);
        QVERIFY(evidence.signInsComplete);
        const QString reason = evidence.signInStatus.reason;
        QVERIFY2(reason.contains(QLatin1String("45")) && reason.contains(QLatin1String("capped")),
                 qPrintable(reason));
        QVERIFY2(reason.contains(QLatin1String("30")), qPrintable(reason));
        const QString problem = compareWithTruth(truth, nullptr, evidence.signIns);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        // The cap reaches the report's source line.
        const ReadinessReport report = ReadinessReport::build(MailboxStore(), OrgSetting::Disabled, {},
                                                              nullptr, evidence, CutoffCalendar());
        QVERIFY2(
            sourceLine(report, UsageEvidence::Source::SignInLogs).detail.contains(QLatin1String("capped")),
            qPrintable(sourceLine(report, UsageEvidence::Source::SignInLogs).detail));
    }

    void aRoleWithoutReportsAccessIsNamed()
    {
        EmulatorProcess emulator(mailboxes(100));
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        Reader reader(emulator, QStringLiteral("recipients"));
        QVERIFY2(reader.signIn(), qPrintable(reader.signedIn.errorString()));
        QVERIFY(reader.read());
        const UsageEvidence evidence = reader.loader->evidence();
        QCOMPARE(evidence.usageReportStatus.state, SourceStatus::Unavailable);
        QCOMPARE(evidence.signInStatus.state, SourceStatus::Unavailable);
        const QString usage = evidence.usageReportStatus.reason;
        QVERIFY2(usage.contains(QLatin1String("403")), qPrintable(usage));
        QVERIFY2(usage.contains(QLatin1String("Reports.Read.All")) &&
                     usage.contains(QLatin1String("Reports Reader")),
                 qPrintable(usage));
        const QString signIns = evidence.signInStatus.reason;
        QVERIFY2(signIns.contains(QLatin1String("403")), qPrintable(signIns));
        QVERIFY2(signIns.contains(QLatin1String("AuditLog.Read.All")) &&
                     signIns.contains(QLatin1String("Security Reader")),
                 qPrintable(signIns));
        QVERIFY2(!signIns.contains(QLatin1String("Entra ID P1")),
                 qPrintable(signIns)); // a role, not a licence
        QVERIFY(!evidence.usageReport && !evidence.signIns);
        QVERIFY(!reader.loader->graphInteractionRequired());

        // The same tenant with a Global Reader: both read (the role is the cause, not the tenant).
        Reader globalReader(emulator, QStringLiteral("reader"));
        QVERIFY2(globalReader.signIn(), qPrintable(globalReader.signedIn.errorString()));
        QVERIFY(globalReader.read());
        QVERIFY2(globalReader.loader->evidence().usageReportStatus.isRead(),
                 qPrintable(globalReader.loader->evidence().usageReportStatus.reason));
        QVERIFY2(globalReader.loader->evidence().signInStatus.isRead(),
                 qPrintable(globalReader.loader->evidence().signInStatus.reason));
    }

    void missingConsentAsksForInteraction()
    {
        EmulatorProcess emulator(mailboxes(50) << QStringLiteral("--no-graph-consent"));
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        Reader reader(emulator);
        QVERIFY2(reader.signIn(), qPrintable(reader.signedIn.errorString()));
        QVERIFY(reader.read());
        QVERIFY(reader.loader->graphInteractionRequired());
        const UsageEvidence evidence = reader.loader->evidence();
        QCOMPARE(evidence.usageReportStatus.state, SourceStatus::Unavailable);
        QCOMPARE(evidence.signInStatus.state, SourceStatus::Unavailable);
        QVERIFY2(evidence.usageReportStatus.reason.contains(QLatin1String("signin --graph")),
                 qPrintable(evidence.usageReportStatus.reason));
        QVERIFY2(evidence.signInStatus.reason.contains(QLatin1String("signin --graph")),
                 qPrintable(evidence.signInStatus.reason));
    }

    void aLoaderDestroyedOrAbortedMidReadNeverFinishes()
    {
        EmulatorProcess emulator(mailboxes(200));
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        Reader reader(emulator);
        QVERIFY2(reader.signIn(), qPrintable(reader.signedIn.errorString()));
        auto aborted =
            std::make_unique<UsageEvidenceLoader>(reader.graph.get(), UsageEvidenceLoader::Options{});
        QSignalSpy abortedFinished(aborted.get(), &UsageEvidenceLoader::finished);
        aborted->start();
        aborted->abort();
        auto destroyed =
            std::make_unique<UsageEvidenceLoader>(reader.graph.get(), UsageEvidenceLoader::Options{});
        destroyed->start();
        destroyed.reset(); // its requests are in flight
        // A loader started after them finishes normally, on the same client: the answers to the others
        // arrived (or were cancelled) without a crash or a late finished().
        QVERIFY(reader.read());
        QVERIFY2(reader.loader->evidence().usageReportStatus.isRead(),
                 qPrintable(reader.loader->evidence().usageReportStatus.reason));
        QVERIFY2(reader.loader->evidence().signInStatus.isRead(),
                 qPrintable(reader.loader->evidence().signInStatus.reason));
        QCOMPARE(abortedFinished.size(), 0);
    }

    void movedColumnsAreReadIdentically()
    {
        EmulatorProcess emulator(mailboxes(300));
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        const EmulatorUsageTruth truth = usageTruth(emulator);
        Reader reader(emulator);
        QVERIFY2(reader.signIn(), qPrintable(reader.signedIn.errorString()));
        GraphReportDownload *plain = reader.download();
        QVERIFY(plain && !plain->error().isError());
        QVERIFY(setUsageKnobs(emulator, {{QStringLiteral("columnsMoved"), true}}));
        GraphReportDownload *moved = reader.download();
        QVERIFY(moved && !moved->error().isError());
        // The files do differ in their header (else the check proves nothing) ...
        const QByteArray plainHeader = plain->body().left(plain->body().indexOf('\n'));
        const QByteArray movedHeader = moved->body().left(moved->body().indexOf('\n'));
        QVERIFY2(plainHeader != movedHeader, plainHeader.constData());
        // ... and read the same.
        const EmailAppUsageReport plainReport = EmailAppUsageReport::parse(plain->body());
        const EmailAppUsageReport movedReport = EmailAppUsageReport::parse(moved->body());
        QVERIFY2(movedReport.ok(), qPrintable(movedReport.error()));
        QCOMPARE(reportRows(movedReport), reportRows(plainReport));
        QCOMPARE(movedReport.refreshDate(), plainReport.refreshDate());

        // And through the loader, against the truth.
        QVERIFY(reader.read());
        const UsageEvidence evidence = reader.loader->evidence();
        QVERIFY2(evidence.usageReportStatus.isRead(), qPrintable(evidence.usageReportStatus.reason));
        const QString problem = compareWithTruth(truth, evidence.usageReport, evidence.signIns);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
};

QTEST_GUILESS_MAIN(TestUsageEvidenceFlow)
#include "test_usageevidenceflow.moc"
