// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// The demo tenant's usage evidence (graph-protocol.md §4–§6, readiness.md §2): the usage report's 302
// and pre-authenticated download, report settings and concealed names, the sign-in logs' strict filter,
// paging, retention, licence and faults, the generated million-record log, the EAC export, and the
// seeded history against the truth of GET /_emulator/usage. Real HTTP on 127.0.0.1.
#include "emulator/emulatorserver.h"
#include "emulatortestclient.h"
#include "emulatorusagetruth.h"

#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace smtpauth;
using namespace smtpauth::test;

namespace {

const QString kSignInFilterTail =
    QStringLiteral(" and (clientAppUsed eq 'Authenticated SMTP' or clientAppUsed eq 'SMTP')");
const QStringList kDocumentedColumns{QStringLiteral("Report Refresh Date"),
                                     QStringLiteral("User Principal Name"),
                                     QStringLiteral("Display Name"),
                                     QStringLiteral("Is Deleted"),
                                     QStringLiteral("Deleted Date"),
                                     QStringLiteral("Last Activity Date"),
                                     QStringLiteral("Mail For Mac"),
                                     QStringLiteral("Outlook For Mac"),
                                     QStringLiteral("Outlook For Windows"),
                                     QStringLiteral("Outlook For Mobile"),
                                     QStringLiteral("Other For Mobile"),
                                     QStringLiteral("Outlook For Web"),
                                     QStringLiteral("POP3 App"),
                                     QStringLiteral("IMAP4 App"),
                                     QStringLiteral("SMTP App"),
                                     QStringLiteral("Report Period")};

// RFC 4180 as the tests need it: quoted fields, doubled quotes, CRLF records.
QList<QStringList> parseCsv(const QString &text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                field += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            row.append(field);
            field.clear();
        } else if (c == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n')) {
            row.append(field);
            rows.append(row);
            row.clear();
            field.clear();
            ++i;
        } else {
            field += c;
        }
    }
    if (!field.isEmpty() || !row.isEmpty()) {
        row.append(field);
        rows.append(row);
    }
    return rows;
}

// Rows as name -> value, keyed by the header (clients match by name, so do the tests).
QList<QHash<QString, QString>> byHeader(const QList<QStringList> &rows)
{
    QList<QHash<QString, QString>> out;
    for (qsizetype r = 1; r < rows.size(); ++r) {
        QHash<QString, QString> row;
        for (qsizetype c = 0; c < rows.first().size(); ++c)
            row.insert(rows.first().at(c), rows.at(r).value(c));
        out.append(row);
    }
    return out;
}

struct SignInListing
{
    QList<QJsonObject> records;
    int pages = 0;
    int lastStatus = 0;
    QJsonObject lastError;
    int largestPage = 0;
};

} // namespace

class TestEmulatorUsage : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<EmulatorServer> m_server;
    std::unique_ptr<EmulatorTestClient> m_client;
    QByteArray m_adminToken;

    QString tenant() const { return m_server->tenantDomain(); }
    QString upn(const char *alias) const { return QLatin1String(alias) + QLatin1Char('@') + tenant(); }

    void startServer(const EmulatorOptions &options)
    {
        m_client.reset();
        m_server = std::make_unique<EmulatorServer>(options);
        QVERIFY(m_server->start());
        m_client = std::make_unique<EmulatorTestClient>(m_server->baseUrl());
        m_adminToken = m_client->graphTokenFor(tenant(), upn("admin"));
        QVERIFY(!m_adminToken.isEmpty());
    }
    static EmulatorOptions smallTenant()
    {
        EmulatorOptions options;
        options.mailboxCount = 400;
        options.seed = 11;
        options.overrideShare = 0.2;
        options.controlKey = QStringLiteral("test-key");
        return options;
    }
    EmulatorUsageTruth truth(const QDateTime &since = {}, bool all = false)
    {
        QString problem;
        const auto parsed = EmulatorUsageTruth::fromJson(m_server->usageTruth(since, all), &problem);
        if (!parsed)
            qFatal("%s", qPrintable(problem));
        return *parsed;
    }
    HttpResult graphGet(const QString &pathAndQuery, const QByteArray &token)
    {
        return m_client->graphGet(m_client->url(pathAndQuery), token);
    }
    HttpResult report(const QString &period, const QByteArray &token)
    {
        return graphGet(QStringLiteral("/v1.0/reports/getEmailAppUsageUserDetail(period='%1')").arg(period),
                        token);
    }
    // The 302 and the download without Authorization, as graph-protocol.md §4 says.
    QByteArray downloadReport(const QString &period)
    {
        const HttpResult redirect = report(period, m_adminToken);
        if (redirect.status != 302)
            return {};
        const HttpResult csv = m_client->get(QUrl::fromEncoded(redirect.header("location")));
        return csv.status == 200 ? csv.body : QByteArray();
    }
    static QString signInQuery(const QDateTime &since, const QString &tail = kSignInFilterTail,
                               const QString &extra = {})
    {
        const QString filter =
            QStringLiteral("createdDateTime ge ") + since.toUTC().toString(Qt::ISODate) + tail;
        return QStringLiteral("/v1.0/auditLogs/signIns?$filter=") +
               QString::fromLatin1(QUrl::toPercentEncoding(filter)) + extra;
    }
    SignInListing readSignIns(const QString &pathAndQuery, int maxPages = 100000)
    {
        SignInListing listing;
        QUrl next = m_client->url(pathAndQuery);
        while (next.isValid() && listing.pages < maxPages) {
            const HttpResult page = m_client->graphGet(next, m_adminToken);
            listing.lastStatus = page.status;
            if (page.status != 200) {
                listing.lastError = page.json().value(QStringLiteral("error")).toObject();
                break;
            }
            ++listing.pages;
            const QJsonArray value = page.json().value(QStringLiteral("value")).toArray();
            listing.largestPage = qMax(listing.largestPage, int(value.size()));
            for (const QJsonValue &row : value)
                listing.records.append(row.toObject());
            const QString link = page.json().value(QStringLiteral("@odata.nextLink")).toString();
            next = link.isEmpty() ? QUrl() : QUrl(link);
        }
        return listing;
    }

private Q_SLOTS:
    void init() { startServer(smallTenant()); }
    void cleanup()
    {
        m_client.reset();
        m_server.reset();
    }

    // --- usage report ---------------------------------------------------------------------------

    void reportRedirectsToAPreauthenticatedDownload()
    {
        const HttpResult redirect = report(QStringLiteral("D30"), m_adminToken);
        QCOMPARE(redirect.status, 302);
        const QUrl location = QUrl::fromEncoded(redirect.header("location"));
        QVERIFY2(location.toString().startsWith(m_server->baseUrl().toString() +
                                                QStringLiteral("/_reportdownload/")),
                 redirect.header("location").constData());
        const HttpResult csv = m_client->get(location);
        QCOMPARE(csv.status, 200);
        QVERIFY(csv.body.startsWith("\xEF\xBB\xBF"));
        // Every line ends with CRLF, none with a bare LF.
        QVERIFY(csv.body.endsWith("\r\n"));
        QCOMPARE(csv.body.count("\n"), csv.body.count("\r\n"));
        const QList<QStringList> rows = parseCsv(QString::fromUtf8(csv.body.mid(3)));
        QCOMPARE(rows.first(), kDocumentedColumns);
        for (const QStringList &row : rows)
            QCOMPARE(row.size(), kDocumentedColumns.size());
        // The link can be fetched again while it lives.
        QCOMPARE(m_client->get(location).status, 200);
    }

    void urlEncodedFunctionFormIsAccepted()
    {
        const HttpResult redirect = m_client->graphGet(
            m_client->url(QStringLiteral("/v1.0/reports/getEmailAppUsageUserDetail%28period%3D%27D7%27%29")),
            m_adminToken);
        QCOMPARE(redirect.status, 302);
        const HttpResult beta = graphGet(
            QStringLiteral("/beta/reports/getEmailAppUsageUserDetail(period=%27D90%27)"), m_adminToken);
        QCOMPARE(beta.status, 302);
    }

    void badPeriodsAreRefused_data()
    {
        QTest::addColumn<QString>("segment");
        QTest::newRow("unknown period") << QStringLiteral("getEmailAppUsageUserDetail(period='D14')");
        QTest::newRow("lower case") << QStringLiteral("getEmailAppUsageUserDetail(period='d30')");
        QTest::newRow("unquoted") << QStringLiteral("getEmailAppUsageUserDetail(period=D30)");
        QTest::newRow("no parameter") << QStringLiteral("getEmailAppUsageUserDetail");
    }
    void badPeriodsAreRefused()
    {
        QFETCH(QString, segment);
        const HttpResult answer = graphGet(QStringLiteral("/v1.0/reports/") + segment, m_adminToken);
        QCOMPARE(answer.status, 400);
        const QJsonObject error = answer.json().value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("BadRequest"));
        QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
        QVERIFY(error.value(QStringLiteral("innerError")).isObject());
    }

    void downloadRefusesABearerToken()
    {
        const HttpResult redirect = report(QStringLiteral("D30"), m_adminToken);
        QCOMPARE(redirect.status, 302);
        const QUrl location = QUrl::fromEncoded(redirect.header("location"));
        const HttpResult withBearer = m_client->get(location, {{"Authorization", "Bearer " + m_adminToken}});
        QCOMPARE(withBearer.status, 400);
        QVERIFY(withBearer.json()
                    .value(QStringLiteral("error"))
                    .toObject()
                    .value(QStringLiteral("message"))
                    .toString()
                    .contains(QStringLiteral("pre-authenticated")));
        QVERIFY(!withBearer.body.contains(m_adminToken));
        // Any Authorization header, not only a valid bearer.
        QCOMPARE(m_client->get(location, {{"Authorization", "Basic Zm9vOmJhcg=="}}).status, 400);
        QCOMPARE(m_client->get(location).status, 200);
    }

    void expiredLinksAnswer403WithAnEmptyBody()
    {
        m_server->expireNextReportLinks(1);
        const HttpResult first = report(QStringLiteral("D30"), m_adminToken);
        QCOMPARE(first.status, 302);
        const HttpResult expired = m_client->get(QUrl::fromEncoded(first.header("location")));
        QCOMPARE(expired.status, 403);
        QVERIFY(expired.body.isEmpty());
        // A new link works: the knob counts links, not requests.
        const HttpResult second = report(QStringLiteral("D30"), m_adminToken);
        QCOMPARE(m_client->get(QUrl::fromEncoded(second.header("location"))).status, 200);
        // An unknown token is as dead as an expired one.
        const HttpResult forged = m_client->get(m_client->url(QStringLiteral("/_reportdownload/notatoken")));
        QCOMPARE(forged.status, 403);
        QVERIFY(forged.body.isEmpty());
    }

    void reportNeedsAReportsRole_data()
    {
        QTest::addColumn<QString>("alias");
        QTest::addColumn<int>("status");
        QTest::newRow("admin") << QStringLiteral("admin") << 302;
        QTest::newRow("reader") << QStringLiteral("reader") << 302;
        QTest::newRow("recipients") << QStringLiteral("recipients") << 403;
        QTest::newRow("helpdesk") << QStringLiteral("helpdesk") << 403;
    }
    void reportNeedsAReportsRole()
    {
        QFETCH(QString, alias);
        QFETCH(int, status);
        const QByteArray token = m_client->graphTokenFor(tenant(), alias + QLatin1Char('@') + tenant());
        QCOMPARE(report(QStringLiteral("D30"), token).status, status);
        QCOMPARE(graphGet(QStringLiteral("/v1.0/admin/reportSettings"), token).status,
                 status == 302 ? 200 : 403);
        // An Exchange token is not a Graph token.
        QCOMPARE(report(QStringLiteral("D30"), m_client->accessTokenFor(tenant(), upn("admin"))).status, 401);
    }

    void quotingFollowsTheFields()
    {
        const QByteArray body = downloadReport(QStringLiteral("D180"));
        QVERIFY(!body.isEmpty());
        const QString text = QString::fromUtf8(body.mid(3));
        const auto rows = byHeader(parseCsv(text));
        int commas = 0;
        for (const auto &row : rows) {
            const QString name = row.value(QStringLiteral("Display Name"));
            if (name.contains(QLatin1Char(','))) {
                ++commas;
                QVERIFY2(text.contains(QLatin1Char('"') + name + QLatin1Char('"')), qPrintable(name));
            }
            static const QRegularExpression date(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
            QVERIFY(date.match(row.value(QStringLiteral("Report Refresh Date"))).hasMatch());
            QVERIFY(date.match(row.value(QStringLiteral("Last Activity Date"))).hasMatch());
            QCOMPARE(row.value(QStringLiteral("Report Period")), QStringLiteral("180"));
        }
        QVERIFY(commas > 0); // "ERP relay, Plant 2" and the "Lab, Floor 3 scanner" mailboxes
        QVERIFY(text.contains(QStringLiteral("Jürgen")) || text.contains(QStringLiteral("Søren")) ||
                text.contains(QStringLiteral("Zoë"))); // UTF-8 intact
    }

    void periodsDecideRowsAndSmtpApp()
    {
        const EmulatorUsageTruth t = truth({}, true);
        for (const QString &period :
             {QStringLiteral("D7"), QStringLiteral("D30"), QStringLiteral("D90"), QStringLiteral("D180")}) {
            const auto rows = byHeader(parseCsv(QString::fromUtf8(downloadReport(period).mid(3))));
            QSet<QString> listed;
            QSet<QString> smtp;
            for (const auto &row : rows) {
                listed.insert(row.value(QStringLiteral("User Principal Name")).toLower());
                if (!row.value(QStringLiteral("SMTP App")).isEmpty())
                    smtp.insert(row.value(QStringLiteral("User Principal Name")).toLower());
            }
            QSet<QString> expectedRows;
            QSet<QString> expectedSmtp;
            for (const EmulatorUsageTruth::User &u : t.users) {
                if (u.inUsageReport.value(period))
                    expectedRows.insert(u.userPrincipalName.toLower());
                if (u.smtpAppUsed.value(period))
                    expectedSmtp.insert(u.userPrincipalName.toLower());
            }
            QCOMPARE(listed, expectedRows);
            QCOMPARE(smtp, expectedSmtp);
            QCOMPARE(int(rows.size()), int(expectedRows.size()));
        }
        // Use older than the sign-in retention shows only in the long periods.
        bool oldUseSeen = false;
        for (const EmulatorUsageTruth::User &u : t.users) {
            if (u.kind == QLatin1String("old-basic") || u.kind == QLatin1String("old-oauth")) {
                QVERIFY(!u.smtpAppUsed.value(QStringLiteral("D30")));
                QVERIFY(u.smtpAppUsed.value(QStringLiteral("D90")));
                QCOMPARE(u.basicSignIns + u.basicFailures, 0);
                oldUseSeen = true;
            }
        }
        QVERIFY(oldUseSeen);
    }

    void rowsWithoutAMailboxAreListed()
    {
        const EmulatorUsageTruth t = truth();
        QSet<QString> mailboxUpns;
        for (int i = 0; i < m_server->mailboxCount(); ++i)
            mailboxUpns.insert(m_server->mailboxes().at(i).primarySmtpAddress.toLower());
        const auto rows =
            byHeader(parseCsv(QString::fromUtf8(downloadReport(QStringLiteral("D180")).mid(3))));
        int orphans = 0;
        bool deletedSeen = false;
        for (const auto &row : rows) {
            const QString name = row.value(QStringLiteral("User Principal Name")).toLower();
            const auto user = std::find_if(t.users.cbegin(), t.users.cend(), [&name](const auto &u) {
                return u.userPrincipalName.toLower() == name;
            });
            if (user != t.users.cend() && !user->hasMailbox) {
                ++orphans;
                if (row.value(QStringLiteral("Is Deleted")) == QLatin1String("True")) {
                    deletedSeen = true;
                    QVERIFY(!row.value(QStringLiteral("Deleted Date")).isEmpty());
                }
            }
        }
        QVERIFY(orphans >= 2);
        QVERIFY(deletedSeen);
    }

    void concealedNamesArePseudonyms()
    {
        const HttpResult plain = graphGet(QStringLiteral("/v1.0/admin/reportSettings"), m_adminToken);
        QCOMPARE(plain.status, 200);
        QCOMPARE(plain.json().value(QStringLiteral("displayConcealedNames")), QJsonValue(false));
        QVERIFY(plain.json()
                    .value(QStringLiteral("@odata.context"))
                    .toString()
                    .contains(QStringLiteral("reportSettings")));

        m_server->setConcealedReportNames(true);
        QCOMPARE(graphGet(QStringLiteral("/v1.0/admin/reportSettings"), m_adminToken)
                     .json()
                     .value(QStringLiteral("displayConcealedNames")),
                 QJsonValue(true));
        const auto first =
            byHeader(parseCsv(QString::fromUtf8(downloadReport(QStringLiteral("D30")).mid(3))));
        const auto again =
            byHeader(parseCsv(QString::fromUtf8(downloadReport(QStringLiteral("D30")).mid(3))));
        QVERIFY(!first.isEmpty());
        static const QRegularExpression hex(QStringLiteral("^[0-9A-F]{32}$"));
        QSet<QString> pseudonyms;
        for (qsizetype i = 0; i < first.size(); ++i) {
            const QString name = first.at(i).value(QStringLiteral("User Principal Name"));
            QVERIFY2(hex.match(name).hasMatch(), qPrintable(name));
            QVERIFY(hex.match(first.at(i).value(QStringLiteral("Display Name"))).hasMatch());
            QCOMPARE(again.at(i).value(QStringLiteral("User Principal Name")), name); // stable
            pseudonyms.insert(name);
        }
        QCOMPARE(int(pseudonyms.size()), int(first.size())); // one per user
    }

    void movedColumnsKeepTheirNames()
    {
        const auto documented = parseCsv(QString::fromUtf8(downloadReport(QStringLiteral("D30")).mid(3)));
        m_server->setReportColumnsMoved(true);
        const auto moved = parseCsv(QString::fromUtf8(downloadReport(QStringLiteral("D30")).mid(3)));
        QVERIFY(moved.first() != kDocumentedColumns);
        QStringList sorted = moved.first();
        sorted.sort();
        QStringList expected = kDocumentedColumns;
        expected.sort();
        QCOMPARE(sorted, expected);
        QCOMPARE(byHeader(moved), byHeader(documented));
    }

    // --- sign-in logs ---------------------------------------------------------------------------

    void signInFilters_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("named"); // a word the 400's message must contain
        const QString since = QStringLiteral("createdDateTime ge 2026-01-01T00:00:00Z");
        QTest::newRow("documented") << since + kSignInFilterTail << 200 << QString();
        QTest::newRow("other order")
            << since +
                   QStringLiteral(" and (clientAppUsed eq 'SMTP' or clientAppUsed eq 'Authenticated SMTP')")
            << 200 << QString();
        QTest::newRow("one value") << since + QStringLiteral(" and clientAppUsed eq 'Authenticated SMTP'")
                                   << 200 << QString();
        QTest::newRow("one value in parentheses")
            << since + QStringLiteral(" and (clientAppUsed eq 'SMTP')") << 200 << QString();
        QTest::newRow("fraction and gt")
            << QStringLiteral("createdDateTime gt 2026-01-01T00:00:00.1234567Z") + kSignInFilterTail << 200
            << QString();
        QTest::newRow("apps first")
            << QStringLiteral("(clientAppUsed eq 'SMTP' or clientAppUsed eq 'Authenticated SMTP') "
                              "and createdDateTime ge 2026-01-01T00:00:00Z")
            << 200 << QString();
        QTest::newRow("other app") << since + QStringLiteral(" and clientAppUsed eq 'Browser'") << 400
                                   << QStringLiteral("Browser");
        QTest::newRow("other property") << since + QStringLiteral(" and status/errorCode eq 0") << 400
                                        << QStringLiteral("status/errorCode");
        QTest::newRow("no Z") << QStringLiteral("createdDateTime ge 2026-01-01T00:00:00") + kSignInFilterTail
                              << 400 << QStringLiteral("2026-01-01T00:00:00");
        QTest::newRow("quoted date") << QStringLiteral("createdDateTime ge '2026-01-01T00:00:00Z'") +
                                            kSignInFilterTail
                                     << 400 << QStringLiteral("unquoted");
        QTest::newRow("le") << QStringLiteral("createdDateTime le 2026-01-01T00:00:00Z") + kSignInFilterTail
                            << 400 << QStringLiteral("'le'");
        QTest::newRow("or at the top")
            << since + QStringLiteral(" or clientAppUsed eq 'SMTP'") << 400 << QStringLiteral("'or'");
        QTest::newRow("date only") << since << 400 << QStringLiteral("clientAppUsed");
        QTest::newRow("twice") << since + QStringLiteral(
                                              " and (clientAppUsed eq 'SMTP' or clientAppUsed eq 'SMTP')")
                               << 400 << QStringLiteral("twice");
        QTest::newRow("unclosed") << since + QStringLiteral(" and (clientAppUsed eq 'SMTP'") << 400
                                  << QStringLiteral("')'");
        QTest::newRow("unterminated")
            << since + QStringLiteral(" and clientAppUsed eq 'SMTP") << 400 << QStringLiteral("unterminated");
    }
    void signInFilters()
    {
        QFETCH(QString, filter);
        QFETCH(int, status);
        QFETCH(QString, named);
        const HttpResult answer =
            graphGet(QStringLiteral("/v1.0/auditLogs/signIns?$filter=") +
                         QString::fromLatin1(QUrl::toPercentEncoding(filter)) + QStringLiteral("&$top=5"),
                     m_adminToken);
        QCOMPARE(answer.status, status);
        if (status == 400) {
            const QJsonObject error = answer.json().value(QStringLiteral("error")).toObject();
            QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("BadRequest"));
            QVERIFY2(error.value(QStringLiteral("message")).toString().contains(named),
                     qPrintable(error.value(QStringLiteral("message")).toString()));
        }
    }

    void otherQueryOptionsAreRefused_data()
    {
        QTest::addColumn<QString>("extra");
        QTest::addColumn<int>("status");
        QTest::newRow("top 0") << QStringLiteral("&$top=0") << 400;
        QTest::newRow("top 1001") << QStringLiteral("&$top=1001") << 400;
        QTest::newRow("top 1000") << QStringLiteral("&$top=1000") << 200;
        QTest::newRow("select") << QStringLiteral("&$select=id,createdDateTime,status,userId") << 200;
        QTest::newRow("select typo") << QStringLiteral("&$select=id,createdDate") << 400;
        QTest::newRow("orderby desc") << QStringLiteral("&$orderby=createdDateTime%20desc") << 200;
        QTest::newRow("orderby asc") << QStringLiteral("&$orderby=createdDateTime%20asc") << 400;
        QTest::newRow("count") << QStringLiteral("&$count=true") << 400;
        QTest::newRow("no filter") << QStringLiteral("NOFILTER") << 400;
    }
    void otherQueryOptionsAreRefused()
    {
        QFETCH(QString, extra);
        QFETCH(int, status);
        const QString path =
            extra == QLatin1String("NOFILTER")
                ? QStringLiteral("/v1.0/auditLogs/signIns?$top=10")
                : signInQuery(QDateTime::currentDateTimeUtc().addDays(-30), kSignInFilterTail, extra);
        const HttpResult answer = graphGet(path, m_adminToken);
        QCOMPARE(answer.status, status);
        if (extra.startsWith(QLatin1String("&$select")) && status == 200) {
            const QJsonObject first =
                answer.json().value(QStringLiteral("value")).toArray().first().toObject();
            const QStringList keys = first.keys();
            QCOMPARE(QSet<QString>(keys.cbegin(), keys.cend()),
                     (QSet<QString>{QStringLiteral("id"), QStringLiteral("createdDateTime"),
                                    QStringLiteral("status"), QStringLiteral("userId")}));
        }
    }

    void signInsPagedToTheEndMatchTheTruth()
    {
        const QDateTime since = QDateTime::currentDateTimeUtc().addDays(-30);
        const EmulatorUsageTruth t = truth(since);
        QVERIFY(t.signInRecordsSince > 500);
        const SignInListing listing =
            readSignIns(signInQuery(since, kSignInFilterTail, QStringLiteral("&$top=250")));
        QCOMPARE(listing.lastStatus, 200);
        QCOMPARE(qint64(listing.records.size()), t.signInRecordsSince);
        QCOMPARE(listing.largestPage, 250);
        QCOMPARE(qint64(listing.pages), (t.signInRecordsSince + 249) / 250);

        static const QRegularExpression created(
            QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{7}Z$"));
        QHash<QUuid, QPair<int, int>> counts; // userId -> successes, failures
        QHash<QUuid, QString> last;
        QSet<QString> ids;
        QSet<QString> apps;
        QString previous;
        for (const QJsonObject &r : listing.records) {
            const QString time = r.value(QStringLiteral("createdDateTime")).toString();
            QVERIFY2(created.match(time).hasMatch(), qPrintable(time));
            QVERIFY2(previous.isEmpty() || time <= previous, "newest first");
            previous = time;
            ids.insert(r.value(QStringLiteral("id")).toString());
            apps.insert(r.value(QStringLiteral("clientAppUsed")).toString());
            const QJsonObject status = r.value(QStringLiteral("status")).toObject();
            QVERIFY(status.contains(QStringLiteral("errorCode")) &&
                    status.contains(QStringLiteral("failureReason")));
            const QUuid user(r.value(QStringLiteral("userId")).toString());
            QVERIFY(!user.isNull());
            QVERIFY(!r.value(QStringLiteral("userPrincipalName")).toString().isEmpty());
            QVERIFY(!r.value(QStringLiteral("ipAddress")).toString().isEmpty());
            if (status.value(QStringLiteral("errorCode")).toInt() == 0)
                ++counts[user].first;
            else
                ++counts[user].second;
            if (!last.contains(user))
                last.insert(user, time);
        }
        QCOMPARE(int(ids.size()), int(listing.records.size()));
        QCOMPARE(apps, (QSet<QString>{QStringLiteral("Authenticated SMTP"), QStringLiteral("SMTP")}));
        int withoutMailbox = 0;
        int signingUsers = 0;
        for (const EmulatorUsageTruth::User &u : t.users) {
            if (u.basicSignIns + u.basicFailures == 0) {
                QVERIFY(!counts.contains(u.objectId));
                continue;
            }
            ++signingUsers;
            QCOMPARE(counts.value(u.objectId).first, u.basicSignIns);
            QCOMPARE(counts.value(u.objectId).second, u.basicFailures);
            QCOMPARE(QDateTime::fromString(last.value(u.objectId), Qt::ISODateWithMs), *u.lastBasicSignIn);
            withoutMailbox += u.hasMailbox ? 0 : 1;
        }
        QCOMPARE(int(counts.size()), signingUsers);
        QVERIFY(withoutMailbox > 0);
    }

    void oneClientAppValueFiltersRecords()
    {
        const QDateTime since = QDateTime::currentDateTimeUtc().addDays(-30);
        const EmulatorUsageTruth t = truth(since);
        const SignInListing smtp =
            readSignIns(signInQuery(since, QStringLiteral(" and clientAppUsed eq 'SMTP'")));
        QCOMPARE(qint64(smtp.records.size()), t.smtpRecords);
        for (const QJsonObject &r : smtp.records)
            QCOMPARE(r.value(QStringLiteral("clientAppUsed")).toString(), QStringLiteral("SMTP"));
        const SignInListing authenticated =
            readSignIns(signInQuery(since, QStringLiteral(" and clientAppUsed eq 'Authenticated SMTP'")));
        QCOMPARE(qint64(authenticated.records.size()), t.authenticatedSmtpRecords);
        QCOMPARE(t.smtpRecords + t.authenticatedSmtpRecords, t.signInRecordsSince);
    }

    void nothingOlderThanTheRetention()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const SignInListing listing = readSignIns(signInQuery(now.addDays(-90)));
        QCOMPARE(listing.lastStatus, 200);
        QCOMPARE(qint64(listing.records.size()), truth(now.addDays(-90)).signInRecordsSince);
        const QDateTime oldestAllowed = now.addDays(-30).addSecs(-5);
        for (const QJsonObject &r : listing.records)
            QVERIFY(QDateTime::fromString(r.value(QStringLiteral("createdDateTime")).toString(),
                                          Qt::ISODateWithMs) >= oldestAllowed);
        // A window inside the retention gets only its part of the log.
        const QDateTime recent = m_server->usageAnchor().addDays(-3);
        const SignInListing lastDays = readSignIns(signInQuery(recent));
        QCOMPARE(qint64(lastDays.records.size()), truth(recent).signInRecordsSince);
        QVERIFY(lastDays.records.size() < listing.records.size());
    }

    void signInsNeedEntraP1AndARole()
    {
        const QString path = signInQuery(QDateTime::currentDateTimeUtc().addDays(-7));
        QCOMPARE(graphGet(path, m_client->graphTokenFor(tenant(), upn("reader"))).status, 200);
        for (const char *alias : {"recipients", "helpdesk"}) {
            const HttpResult answer = graphGet(path, m_client->graphTokenFor(tenant(), upn(alias)));
            QCOMPARE(answer.status, 403);
            QCOMPARE(answer.json()
                         .value(QStringLiteral("error"))
                         .toObject()
                         .value(QStringLiteral("code"))
                         .toString(),
                     QStringLiteral("Authorization_RequestDenied"));
        }
        m_server->setEntraP1Licensed(false);
        const HttpResult unlicensed = graphGet(path, m_adminToken);
        QCOMPARE(unlicensed.status, 403);
        const QJsonObject error = unlicensed.json().value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toString(),
                 QStringLiteral("Authentication_RequestFromNonPremiumTenantOrB2CTenant"));
        QCOMPARE(error.value(QStringLiteral("message")).toString(),
                 QStringLiteral("Tenant is not a B2C tenant and doesn't have premium license"));
    }

    void pagesFailHalfWay()
    {
        m_server->failSignInsAfterPages(2);
        const SignInListing listing = readSignIns(signInQuery(QDateTime::currentDateTimeUtc().addDays(-30),
                                                              kSignInFilterTail, QStringLiteral("&$top=50")));
        QCOMPARE(listing.pages, 2);
        QCOMPARE(listing.records.size(), 100);
        QCOMPARE(listing.lastStatus, 503);
        QCOMPARE(listing.lastError.value(QStringLiteral("code")).toString(),
                 QStringLiteral("ServiceUnavailable"));
        m_server->failSignInsAfterPages(1, 500);
        const SignInListing again = readSignIns(signInQuery(QDateTime::currentDateTimeUtc().addDays(-30),
                                                            kSignInFilterTail, QStringLiteral("&$top=50")));
        QCOMPARE(again.pages, 1);
        QCOMPARE(again.lastStatus, 500);
        m_server->failSignInsAfterPages(0);
        QCOMPARE(readSignIns(signInQuery(QDateTime::currentDateTimeUtc().addDays(-1))).lastStatus, 200);
    }

    void signInLinksExpire()
    {
        const HttpResult first = graphGet(signInQuery(QDateTime::currentDateTimeUtc().addDays(-30),
                                                      kSignInFilterTail, QStringLiteral("&$top=10")),
                                          m_adminToken);
        const QString link = first.json().value(QStringLiteral("@odata.nextLink")).toString();
        QVERIFY(link.contains(QStringLiteral("$skiptoken=")));
        QCOMPARE(m_client->graphGet(QUrl(link), m_adminToken).status, 200); // re-fetchable while alive
        m_server->expireNextLinks();
        const HttpResult expired = m_client->graphGet(QUrl(link), m_adminToken);
        QCOMPARE(expired.status, 400);
        QCOMPARE(
            expired.json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString(),
            QStringLiteral("Directory_ExpiredPageToken"));
    }

    void aMillionRecordsAreGeneratedLazily()
    {
        m_server->setSignInRecordCount(1000000);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const HttpResult first = graphGet(signInQuery(now.addDays(-30)), m_adminToken);
        QCOMPARE(first.status, 200);
        QCOMPARE(first.json().value(QStringLiteral("value")).toArray().size(), 1000);
        QVERIFY(first.json().contains(QStringLiteral("@odata.nextLink")));
        // A later page through its link, and a window near the newest end counted exactly.
        HttpResult page = first;
        for (int i = 0; i < 3; ++i) {
            page = m_client->graphGet(QUrl(page.json().value(QStringLiteral("@odata.nextLink")).toString()),
                                      m_adminToken);
            QCOMPARE(page.status, 200);
            QCOMPARE(page.json().value(QStringLiteral("value")).toArray().size(), 1000);
        }
        const QDateTime recent = m_server->usageAnchor().addSecs(-3600);
        const EmulatorUsageTruth t = truth(recent);
        QCOMPARE(t.signInRecords, qint64(1000000));
        QCOMPARE(qint64(readSignIns(signInQuery(recent)).records.size()), t.signInRecordsSince);
        // The log keeps the plan's proportions: every signing user still signs in.
        const EmulatorUsageTruth whole = truth(now.addDays(-30));
        QCOMPARE(whole.signInRecordsSince, qint64(1000000));
        qint64 sum = 0;
        for (const EmulatorUsageTruth::User &u : whole.users)
            sum += u.basicSignIns + u.basicFailures;
        QCOMPARE(sum, qint64(1000000));
    }

    // --- the EAC export and the seeded history -------------------------------------------------

    void smtpAuthClientsReportMatchesTheTruth()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("smtp.csv"));
        QString why;
        QVERIFY2(m_server->writeSmtpAuthClientsReport(path, &why), qPrintable(why));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray body = file.readAll();
        QCOMPARE(body, m_server->smtpAuthClientsReport());
        QVERIFY(body.startsWith("\xEF\xBB\xBF"));
        QCOMPARE(body.count("\n"), body.count("\r\n"));
        const QList<QStringList> rows = parseCsv(QString::fromUtf8(body.mid(3)));
        QCOMPARE(rows.first(),
                 (QStringList{QStringLiteral("Sender address"), QStringLiteral("Domain"),
                              QStringLiteral("TLS 1.0"), QStringLiteral("TLS 1.1"), QStringLiteral("TLS 1.2"),
                              QStringLiteral("Messages sent"), QStringLiteral("Authentication protocol")}));
        QHash<QString, QStringList> protocols;
        for (const auto &row : byHeader(rows)) {
            const QString protocol = row.value(QStringLiteral("Authentication protocol"));
            QVERIFY(protocol == QLatin1String("Basic Authentication") || protocol == QLatin1String("OAuth"));
            protocols[row.value(QStringLiteral("Sender address")).toLower()].append(
                protocol.startsWith(QLatin1String("Basic")) ? QStringLiteral("Basic")
                                                            : QStringLiteral("OAuth"));
            QCOMPARE(row.value(QStringLiteral("TLS 1.0")).toInt() +
                         row.value(QStringLiteral("TLS 1.1")).toInt() +
                         row.value(QStringLiteral("TLS 1.2")).toInt(),
                     100);
            QVERIFY(row.value(QStringLiteral("Messages sent")).toInt() > 0);
        }
        const EmulatorUsageTruth t = truth();
        int expectedSenders = 0;
        int withoutMailbox = 0;
        int bySecondary = 0;
        const QList<EmulatorMailbox> mailboxes = m_server->mailboxes();
        for (const EmulatorUsageTruth::User &u : t.users) {
            if (u.reportProtocols.isEmpty())
                continue;
            ++expectedSenders;
            // A mailbox's sender is its primary address or one of its secondary smtp: addresses (a device
            // set up with an alias); an account without a mailbox is named by its UPN.
            if (u.hasMailbox) {
                const QStringList addresses = mailboxes.at(u.index).emailAddresses;
                if (u.reportSender.compare(u.primarySmtpAddress, Qt::CaseInsensitive) != 0) {
                    QVERIFY2(addresses.contains(QStringLiteral("smtp:") + u.reportSender),
                             qPrintable(u.reportSender));
                    ++bySecondary;
                }
            } else {
                QCOMPARE(u.reportSender, u.userPrincipalName);
            }
            QCOMPARE(protocols.value(u.reportSender.toLower()), u.reportProtocols);
            withoutMailbox += u.hasMailbox ? 0 : 1;
        }
        QCOMPARE(int(protocols.size()), expectedSenders);
        QVERIFY(withoutMailbox >= 1);
        QVERIFY(bySecondary >= 1);
    }

    void everyKindOfEvidenceIsSeeded()
    {
        // The default demo tenant (org Disabled, 10 % overrides).
        EmulatorOptions options;
        options.controlKey = QStringLiteral("test-key");
        startServer(options);
        const EmulatorUsageTruth t = truth();
        for (const char *kind :
             {"basic-accepted", "basic-refused-by-ca", "oauth", "old-basic", "old-oauth", "none"})
            QVERIFY2(t.kinds.value(QLatin1String(kind)) > 0, kind);
        QHash<QUuid, Override> overrides;
        for (const EmulatorMailbox &m : m_server->mailboxes())
            overrides.insert(m.guid, m.smtpClientAuthentication);
        int acceptedOnExceptions = 0;
        int busyDevices = 0;
        for (const EmulatorUsageTruth::User &u : t.users) {
            if (u.kind == QLatin1String("basic-accepted") && u.hasMailbox &&
                overrides.value(u.guid) == Override::Enabled && u.basicSignIns > 0)
                ++acceptedOnExceptions;
            if (u.kind == QLatin1String("basic-refused-by-ca")) {
                QCOMPARE(u.basicSignIns, 0);
                QCOMPARE(u.errorCodes, QList<int>{53003});
            }
            if (u.clientIps.size() >= 2)
                ++busyDevices;
            if (u.kind == QLatin1String("oauth"))
                QCOMPARE(u.basicSignIns + u.basicFailures, 0);
        }
        QVERIFY(acceptedOnExceptions > 0);
        QVERIFY(busyDevices > 0);
        // Explicit exceptions nobody uses.
        int stale = 0;
        for (const EmulatorUsageTruth::User &u : truth({}, true).users)
            stale += u.hasMailbox && u.kind == QLatin1String("none") &&
                     overrides.value(u.guid) == Override::Enabled;
        QVERIFY(stale > 0);
        // Served over HTTP too.
        QNetworkRequest request(m_client->url(QStringLiteral("/_emulator/usage?all=true")));
        request.setRawHeader("X-Emulator-Control", "test-key");
        const HttpResult overHttp = m_client->send(request, "GET");
        QCOMPARE(overHttp.status, 200);
        qsizetype users = 0;
        for (const int count : std::as_const(t.kinds))
            users += count;
        QCOMPARE(overHttp.json().value(QStringLiteral("users")).toArray().size(), users);
        QCOMPARE(users, qsizetype(m_server->mailboxCount() + 3)); // the mailboxes and the senders without one
    }

    void historySurvivesTheStateFile()
    {
        QTemporaryDir dir;
        EmulatorOptions options = smallTenant();
        options.stateFile = dir.filePath(QStringLiteral("tenant.json"));
        startServer(options);
        const EmulatorUsageTruth before = truth();
        const QByteArray eac = m_server->smtpAuthClientsReport();
        // Someone resets every exception: the history does not change with it.
        for (const EmulatorMailbox &m : m_server->mailboxes()) {
            if (m.smtpClientAuthentication == Override::Enabled)
                QVERIFY(
                    m_server->setMailboxOverride(m.guid.toString(QUuid::WithoutBraces), Override::Inherit));
        }
        options.seed = 999; // the file wins over the options
        startServer(options);
        const EmulatorUsageTruth after = truth();
        QCOMPARE(after.kinds, before.kinds);
        QCOMPARE(after.users.size(), before.users.size());
        for (qsizetype i = 0; i < before.users.size(); ++i) {
            QCOMPARE(after.users.at(i).objectId, before.users.at(i).objectId);
            QCOMPARE(after.users.at(i).kind, before.users.at(i).kind);
            QCOMPARE(after.users.at(i).basicSignIns + after.users.at(i).basicFailures,
                     before.users.at(i).basicSignIns + before.users.at(i).basicFailures);
        }
        QCOMPARE(m_server->smtpAuthClientsReport(), eac);
    }
};

QTEST_GUILESS_MAIN(TestEmulatorUsage)
#include "test_emulatorusage.moc"
