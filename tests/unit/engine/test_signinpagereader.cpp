// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// SignInPageReader is a shortcut past the full parse of Graph's sign-in pages (P8): whatever it accepts
// must read exactly as QJsonDocument + SignInAggregate::Record::fromJson read it, and whatever is not the
// plain case must be left to the full parse. Checked on hand-written pages, on pages written the way the
// real service and Qt write them, and on thousands of randomly damaged ones.
#include "damagedpage.h"
#include "engine/signinpagereader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace smtpauth;
using Record = SignInAggregate::Record;

namespace {

// What the full way makes of a page: nullopt when it is not a JSON object with a "value" list.
std::optional<SignInPageReader::Page> readTheFullWay(const QByteArray &body)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const QJsonObject object = document.object();
    if (!object.value(QLatin1String("value")).isArray())
        return std::nullopt;
    SignInPageReader::Page page;
    page.nextLink = object.value(QLatin1String("@odata.nextLink")).toString();
    for (const QJsonValue &value : object.value(QLatin1String("value")).toArray())
        page.records.push_back(Record::fromJson(value.toObject()));
    return page;
}

QString describe(const Record &r)
{
    return QStringLiteral("%1|%2|%3|%4|%5|%6|%7")
        .arg(r.userId.toString(), r.userPrincipalName, QString::number(r.createdMs),
             r.success ? u"ok"_qs : u"failed"_qs, QString::number(r.errorCode), r.failureReason, r.ipAddress);
}

void compareWithTheFullWay(const QByteArray &body, const SignInPageReader::Page &fast)
{
    const auto full = readTheFullWay(body);
    QVERIFY2(full.has_value(), body.left(200).constData());
    QCOMPARE(fast.nextLink, full->nextLink);
    QCOMPARE(fast.records.size(), full->records.size());
    for (size_t i = 0; i < fast.records.size(); ++i)
        QCOMPARE(describe(fast.records[i]), describe(full->records[i]));
}

// One record the way Graph writes it (member order and the fields the aggregate ignores included).
QByteArray signInJson(int n)
{
    static const QByteArray codes[] = {"0", "50126", "0", "53003", "0", "-0"};
    static const QByteArray reasons[] = {
        "\"Other.\"",
        "\"Error validating credentials due to invalid username or password.\"",
        "null",
        "\"Access has been blocked by Conditional Access policies.\"",
        "\"Caf\\u00e9 \\\"quoted\\\" \\/ reason\"",
        "\"Emoji \\ud83d\\ude00 \xc3\xa9\""};
    const QByteArray id = QUuid::createUuidV5(QUuid(), QString::number(n)).toByteArray(QUuid::WithoutBraces);
    const QByteArray user =
        QUuid::createUuidV5(QUuid(), QString::number(n % 7)).toByteArray(QUuid::WithoutBraces);
    QByteArray out = "{\"id\":\"" + id + "\",";
    out += "\"createdDateTime\":\"2026-11-" + QByteArray::number(10 + n % 20) + "T0" +
           QByteArray::number(n % 10) + ":15:41." + QByteArray::number(1000000 + n).mid(1, 7 - n % 4) +
           "Z\",";
    out += "\"userDisplayName\":\"Printer " + QByteArray::number(n % 7) + "\",";
    out += "\"userPrincipalName\":\"printer" + QByteArray::number(n % 7) + "@contoso.com\",";
    out += n % 11 == 5 ? QByteArray("\"userId\":null,") : "\"userId\":\"" + user + "\",";
    out += "\"appId\":\"00000002-0000-0ff1-ce00-000000000000\",\"appDisplayName\":\"Office 365 Exchange "
           "Online\",";
    out += "\"ipAddress\":\"203.0.113." + QByteArray::number(n % 5) + "\",";
    out += "\"clientAppUsed\":\"Authenticated SMTP\",\"conditionalAccessStatus\":\"notApplied\",";
    out += "\"isInteractive\":false,\"deviceDetail\":{\"browser\":\"\",\"isCompliant\":false,\"trustType\":"
           "null},";
    out += "\"location\":{\"city\":\"Z\\u00fcrich\",\"geoCoordinates\":{\"latitude\":47.37,\"longitude\":8."
           "54}},";
    out += "\"appliedConditionalAccessPolicies\":[],";
    out += "\"status\":{\"errorCode\":" + codes[n % 6] + ",\"failureReason\":" + reasons[n % 6] +
           ",\"additionalDetails\":null}}";
    return out;
}

QByteArray
page(const QList<QByteArray> &items,
     const QByteArray &nextLink = "\"https://graph.microsoft.com/v1.0/auditLogs/signIns?$skiptoken=abc\"")
{
    QByteArray out =
        "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns\",\n\"value\":[";
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (i)
            out += ",\r\n ";
        out += items.at(i);
    }
    out += "]";
    if (!nextLink.isEmpty())
        out += ",\"@odata.nextLink\":" + nextLink;
    out += "}\n";
    return out;
}

QList<QByteArray> plainItems(int count)
{
    QList<QByteArray> items;
    for (int n = 0; n < count; ++n)
        items.append(signInJson(n));
    // The cases the aggregate counts apart or reads as failures, the same way on both paths.
    items.append("{}");
    items.append("{\"userPrincipalName\":\"nobody@contoso.com\",\"status\":null}");
    items.append("{\"userId\":\"not-a-guid\",\"userPrincipalName\":null,\"status\":{}}");
    items.append("{\"userId\":\"{aaaaaaaa-0000-4000-8000-000000000001}\",\"status\":{\"errorCode\":null}}");
    items.append(
        "{\"userPrincipalName\":\"late@contoso.com\",\"createdDateTime\":\"2026-11-30T19:15:41+01:00\"}");
    items.append(
        "{\"userPrincipalName\":\"odd@contoso.com\",\"createdDateTime\":\"yesterday\",\"ipAddress\":null}");
    items.append("{\"userPrincipalName\":\"nul@contoso.com\",\"createdDateTime\":null,\"status\":{"
                 "\"errorCode\":-2147483648}}");
    return items;
}

} // namespace

class TestSignInPageReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsAPlainPageAsTheFullParseDoes()
    {
        const QByteArray body = page(plainItems(60));
        const auto fast = SignInPageReader::read(body);
        QVERIFY(fast.has_value());
        QCOMPARE(fast->records.size(), size_t(67));
        QCOMPARE(fast->nextLink,
                 QStringLiteral("https://graph.microsoft.com/v1.0/auditLogs/signIns?$skiptoken=abc"));
        QVERIFY(fast->records[0].success);
        QVERIFY(!fast->records[1].success);
        QCOMPARE(fast->records[1].errorCode, 50126);
        QCOMPARE(fast->records[4].failureReason, QStringLiteral("Caf\u00e9 \"quoted\" / reason"));
        QCOMPARE(fast->records[5].failureReason, QString::fromUtf8("Emoji \xf0\x9f\x98\x80 \xc3\xa9"));
        QVERIFY(fast->records[5].success);         // -0 is 0
        QVERIFY(fast->records[5].userId.isNull()); // "userId": null
        QCOMPARE(
            fast->records[0].createdMs,
            QDateTime::fromString(u"2026-11-10T00:15:41.0000000Z"_qs, Qt::ISODateWithMs).toMSecsSinceEpoch());
        compareWithTheFullWay(body, *fast);
    }

    void readsPagesAsQtAndTheServiceWriteThem()
    {
        // The same records written compactly and indented by QJsonDocument (members in another order).
        const auto original = readTheFullWay(page(plainItems(20)));
        QVERIFY(original.has_value());
        const QJsonDocument document = QJsonDocument::fromJson(page(plainItems(20)));
        for (const auto format : {QJsonDocument::Compact, QJsonDocument::Indented}) {
            const QByteArray body = document.toJson(format);
            const auto fast = SignInPageReader::read(body);
            QVERIFY(fast.has_value());
            compareWithTheFullWay(body, *fast);
        }
    }

    void readsTheLastPageAndAnEmptyOne()
    {
        for (const QByteArray &body :
             {page(plainItems(3), "null"), page(plainItems(3), ""), page({}, ""),
              QByteArray("{\"value\":[]}"),
              QByteArray(" \t{\"@odata.count\":3,\"@odata.nextLink\":\"\\/x\",\"value\":[]} \r\n")}) {
            const auto fast = SignInPageReader::read(body);
            QVERIFY2(fast.has_value(), body.constData());
            compareWithTheFullWay(body, *fast);
        }
    }

    void leavesAnythingElseToTheFullParse_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("error") << QByteArray(
            "{\"error\":{\"code\":\"Authentication_RequestFromNonPremiumTenantOrB2CTenant\","
            "\"message\":\"x\"}}");
        QTest::newRow("no value") << QByteArray("{\"@odata.context\":\"x\"}");
        QTest::newRow("value twice") << QByteArray("{\"value\":[],\"value\":[]}");
        QTest::newRow("value not a list") << QByteArray("{\"value\":{}}");
        QTest::newRow("item not an object") << QByteArray("{\"value\":[1]}");
        QTest::newRow("unknown member") << QByteArray("{\"value\":[],\"odata.count\":3}");
        QTest::newRow("nextLink twice")
            << QByteArray("{\"value\":[],\"@odata.nextLink\":\"a\",\"@odata.nextLink\":\"b\"}");
        QTest::newRow("nextLink a number") << QByteArray("{\"value\":[],\"@odata.nextLink\":5}");
        QTest::newRow("userId twice") << QByteArray("{\"value\":[{\"userId\":\"a\",\"userId\":\"b\"}]}");
        QTest::newRow("userId a number") << QByteArray("{\"value\":[{\"userId\":5}]}");
        QTest::newRow("name an object") << QByteArray("{\"value\":[{\"userPrincipalName\":{}}]}");
        QTest::newRow("time a number") << QByteArray("{\"value\":[{\"createdDateTime\":20261130}]}");
        QTest::newRow("ip a list") << QByteArray("{\"value\":[{\"ipAddress\":[\"1.2.3.4\"]}]}");
        QTest::newRow("status a string") << QByteArray("{\"value\":[{\"status\":\"ok\"}]}");
        QTest::newRow("status twice") << QByteArray("{\"value\":[{\"status\":{},\"status\":{}}]}");
        QTest::newRow("errorCode text") << QByteArray("{\"value\":[{\"status\":{\"errorCode\":\"0\"}}]}");
        QTest::newRow("errorCode a fraction") << QByteArray("{\"value\":[{\"status\":{\"errorCode\":0.0}}]}");
        QTest::newRow("errorCode an exponent")
            << QByteArray("{\"value\":[{\"status\":{\"errorCode\":5e4}}]}");
        QTest::newRow("errorCode beyond int")
            << QByteArray("{\"value\":[{\"status\":{\"errorCode\":2147483648}}]}");
        QTest::newRow("errorCode leading zero")
            << QByteArray("{\"value\":[{\"status\":{\"errorCode\":00}}]}");
        QTest::newRow("errorCode twice")
            << QByteArray("{\"value\":[{\"status\":{\"errorCode\":0,\"errorCode\":1}}]}");
        QTest::newRow("reason a number") << QByteArray("{\"value\":[{\"status\":{\"failureReason\":1}}]}");
        QTest::newRow("invalid UTF-8") << QByteArray("{\"value\":[{\"userPrincipalName\":\"a\xff\"}]}");
        QTest::newRow("lone surrogate") << QByteArray("{\"value\":[{\"userPrincipalName\":\"\\ud83d!\"}]}");
        QTest::newRow("escaped NUL") << QByteArray("{\"value\":[{\"ipAddress\":\"\\u0000\"}]}");
        QTest::newRow("trailing comma") << QByteArray("{\"value\":[{\"id\":1,}]}");
        QTest::newRow("truncated") << QByteArray("{\"value\":[{\"id\":\"a\"},{\"id\":\"b");
        QTest::newRow("garbage after") << QByteArray("{\"value\":[]} x");
        QTest::newRow("byte order mark") << QByteArray("\xef\xbb\xbf{\"value\":[]}");
        QTest::newRow("not an object") << QByteArray("[]");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("html") << QByteArray("<html><title>Service Error</title></html>");
    }

    void leavesAnythingElseToTheFullParse()
    {
        QFETCH(QByteArray, body);
        QVERIFY(!SignInPageReader::read(body).has_value());
    }

    void everyDamagedPageItAcceptsReadsAsTheFullParseDoes()
    {
        // Random damage to a realistic page (bytes deleted, replaced, inserted, the end cut off). The
        // reader may refuse any of them; what it accepts must match the full parse exactly.
        const QByteArray original = page(plainItems(8));
        QRandomGenerator random(20261207);
        int accepted = 0;
        int refused = 0;
        for (int round = 0; round < 4000; ++round) {
            const QByteArray body = damagedPage(original, random);
            const auto fast = SignInPageReader::read(body);
            if (!fast) {
                ++refused;
                continue;
            }
            ++accepted;
            compareWithTheFullWay(body, *fast);
            if (QTest::currentTestFailed()) {
                qWarning("round %d: %s", round, body.constData());
                return;
            }
        }
        // Both outcomes must occur, or the damage did not exercise the reader.
        QVERIFY2(accepted > 100, qPrintable(QString::number(accepted)));
        QVERIFY2(refused > 100, qPrintable(QString::number(refused)));
    }
};

QTEST_APPLESS_MAIN(TestSignInPageReader)
#include "test_signinpagereader.moc"
