// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// CasMailboxPageReader is a shortcut past the full parse: whatever it accepts must read exactly as the
// full parse (InvokeCommandResponse + CasMailboxMapper) reads it, and whatever is not the plain case must
// be left to the full parse. Checked on hand-written pages and on thousands of mutated ones.
#include "damagedpage.h"
#include "engine/casmailboxmapper.h"
#include "engine/casmailboxpagereader.h"
#include "exchange/invokecommandresponse.h"

#include <QRandomGenerator>
#include <QTest>

using namespace smtpauth;

namespace {

// What the full way makes of a page: nullopt when it is not a successful, warning-free page.
std::optional<CasMailboxPageReader::Page> readTheFullWay(const QByteArray &body)
{
    const CmdletResult result =
        InvokeCommandResponse::parse(200, body, {}, InvokeCommandResponse::Annotations::Keep);
    if (!result.ok() || !result.warnings.isEmpty())
        return std::nullopt;
    CasMailboxPageReader::Page page;
    page.nextLink = result.nextLink;
    page.objectCount = int(result.objects.size());
    for (const QJsonObject &object : result.objects) {
        QString problem;
        if (auto mailbox = CasMailboxMapper::fromObject(object, &problem))
            page.mailboxes.append(*mailbox);
        else
            page.problems.append(problem);
    }
    return page;
}

void compareWithTheFullWay(const QByteArray &body, const CasMailboxPageReader::Page &fast)
{
    const auto full = readTheFullWay(body);
    QVERIFY2(full.has_value(), body.left(200).constData());
    QCOMPARE(fast.objectCount, full->objectCount);
    QCOMPARE(fast.nextLink, full->nextLink);
    QCOMPARE(fast.problems, full->problems);
    QCOMPARE(fast.mailboxes.size(), full->mailboxes.size());
    for (qsizetype i = 0; i < fast.mailboxes.size(); ++i)
        QCOMPARE(fast.mailboxes.at(i), full->mailboxes.at(i));
}

QByteArray mailboxJson(int n)
{
    const QByteArray guid =
        QUuid::createUuidV5(QUuid(), QString::number(n)).toByteArray(QUuid::WithoutBraces);
    const QByteArray external =
        QUuid::createUuidV5(QUuid(), QString::number(-n)).toByteArray(QUuid::WithoutBraces);
    static const QByteArray overrides[] = {"null", "true", "false"};
    static const QByteArray names[] = {"Ana Mar\\u00eda",     "J\\u00fcrgen \\\"JB\\\" Berg",
                                       "Zo\xc3\xab \\/ Ops",  "Emoji \\ud83d\\ude00 Desk",
                                       "Tab\\tand\\nnewline", "Plain Name"};
    QByteArray out = "{\"Identity\":\"user" + QByteArray::number(n) + "\",";
    out += "\"Guid@odata.type\":\"#Guid\",\"Guid\":\"" + guid + "\",";
    out += "\"ExternalDirectoryObjectId\":\"" + external + "\",";
    out += "\"DisplayName\":\"" + names[n % 6] + " " + QByteArray::number(n) + "\",";
    out += "\"PrimarySmtpAddress\":\"user" + QByteArray::number(n) + "@contoso.com\",";
    out += "\"Name\":" + (n % 7 == 3 ? QByteArray("\"\"") : "\"user" + QByteArray::number(n) + "\"") + ",";
    out +=
        "\"EmailAddresses\":[\"SMTP:user" + QByteArray::number(n) + "@contoso.com\",{\"x\":[1,2.5,-0.25]}],";
    out += "\"MaxSendSize\":" + QByteArray::number(n * 3) +
           ",\"Extra\":{\"nested\":{\"deeper\":[true,false,null]}},";
    out += "\"SmtpClientAuthenticationDisabled@odata.type\":\"#Boolean\",";
    out += "\"SmtpClientAuthenticationDisabled\":" + overrides[n % 3] + "}";
    return out;
}

QByteArray page(const QList<QByteArray> &items,
                const QByteArray &nextLink =
                    "\"https://outlook.office365.com/adminapi/beta/t/InvokeCommand?%24skiptoken=abc\"")
{
    QByteArray out =
        "{\"@odata.context\":\"https://outlook.office.com/adminapi/beta/t/"
        "$metadata#Collection(Exchange.GenericHashTable)\",\r\n"
        " \"adminapi.warnings@odata.type\":\"#Collection(String)\",\"@adminapi.warnings\":[],\n \"value\":[";
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (i)
            out += ",\n  ";
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
        items.append(mailboxJson(n));
    // Refused by the mapper, the same way on both paths.
    items.append("{\"Identity\":\"noguid\",\"PrimarySmtpAddress\":\"noguid@contoso.com\","
                 "\"SmtpClientAuthenticationDisabled\":null}");
    items.append("{\"Identity\":\"textual\",\"Guid\":\"" +
                 QUuid::createUuid().toByteArray(QUuid::WithoutBraces) +
                 "\",\"SmtpClientAuthenticationDisabled\":\"True\"}");
    items.append("{\"Identity\":\"unset\",\"Guid\":\"" +
                 QUuid::createUuid().toByteArray(QUuid::WithoutBraces) + "\"}");
    items.append("{}");
    return items;
}

} // namespace

class TestCasMailboxPageReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsAPlainPageAsTheFullParseDoes()
    {
        const QByteArray body = page(plainItems(60));
        const auto fast = CasMailboxPageReader::read(body);
        QVERIFY(fast.has_value());
        QCOMPARE(fast->objectCount, 64);
        QCOMPARE(fast->mailboxes.size(), 60);
        QCOMPARE(fast->problems.size(), 4);
        QCOMPARE(fast->mailboxes.at(3).displayName, QString::fromUtf8("Emoji \xf0\x9f\x98\x80 Desk 3"));
        QCOMPARE(fast->mailboxes.at(3).alias, QStringLiteral("user3")); // empty Name: the Identity
        QCOMPARE(fast->mailboxes.at(1).smtpAuthOverride, Override::Disabled);
        compareWithTheFullWay(body, *fast);
    }

    void readsTheLastPageAndAnEmptyOne()
    {
        for (const QByteArray &body : {page(plainItems(3), "null"), page(plainItems(3), ""), page({}, ""),
                                       QByteArray("{\"value\":[]}"),
                                       QByteArray(" \t{\"@odata.nextLink\":\"\\/x\",\"value\":[]} \r\n")}) {
            const auto fast = CasMailboxPageReader::read(body);
            QVERIFY2(fast.has_value(), body.constData());
            compareWithTheFullWay(body, *fast);
        }
    }

    void leavesAnythingElseToTheFullParse_data()
    {
        QTest::addColumn<QByteArray>("body");
        const QByteArray guid = "\"Guid\":\"" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces) + "\"";
        QTest::newRow("error") << QByteArray(
            "{\"error\":{\"code\":\"BadRequest\",\"message\":\"x\"},\"value\":[]}");
        QTest::newRow("warning") << QByteArray("{\"@adminapi.warnings\":[\"There are more results available "
                                               "than are currently displayed.\"],\"value\":[]}");
        QTest::newRow("warnings twice")
            << QByteArray("{\"@adminapi.warnings\":[],\"@adminapi.warnings\":[],\"value\":[]}");
        QTest::newRow("no value") << QByteArray("{\"@odata.context\":\"x\"}");
        QTest::newRow("value twice") << QByteArray("{\"value\":[],\"value\":[]}");
        QTest::newRow("value not a list") << QByteArray("{\"value\":{}}");
        QTest::newRow("item not an object") << QByteArray("{\"value\":[1]}");
        QTest::newRow("unknown member") << QByteArray("{\"value\":[],\"odata.count\":3}");
        QTest::newRow("nextLink twice")
            << QByteArray("{\"value\":[],\"@odata.nextLink\":\"a\",\"@odata.nextLink\":\"b\"}");
        QTest::newRow("nextLink a number") << QByteArray("{\"value\":[],\"@odata.nextLink\":5}");
        QTest::newRow("escaped nextLink name twice")
            << QByteArray("{\"value\":[],\"@odata.nextLink\":\"a\",\"@odata.next\\u004cink\":\"b\"}");
        QTest::newRow("property named twice") << QByteArray("{\"value\":[{" + guid + "," + guid + "}]}");
        QTest::newRow("number where text is read")
            << QByteArray("{\"value\":[{" + guid + ",\"DisplayName\":5}]}");
        QTest::newRow("object where text is read") << QByteArray("{\"value\":[{" + guid + ",\"Name\":{}}]}");
        QTest::newRow("invalid UTF-8") << QByteArray("{\"value\":[{\"DisplayName\":\"a\xff\"}]}");
        QTest::newRow("overlong UTF-8") << QByteArray("{\"value\":[{\"DisplayName\":\"\xc0\xaf\"}]}");
        QTest::newRow("UTF-8 surrogate") << QByteArray("{\"value\":[{\"DisplayName\":\"\xed\xa0\x80\"}]}");
        QTest::newRow("lone high surrogate") << QByteArray("{\"value\":[{\"DisplayName\":\"\\ud83d!\"}]}");
        QTest::newRow("lone low surrogate") << QByteArray("{\"value\":[{\"DisplayName\":\"\\ude00\"}]}");
        QTest::newRow("escaped NUL") << QByteArray("{\"value\":[{\"DisplayName\":\"\\u0000\"}]}");
        QTest::newRow("raw control character") << QByteArray("{\"value\":[{\"DisplayName\":\"a\x01\"}]}");
        QTest::newRow("unknown escape") << QByteArray("{\"value\":[{\"DisplayName\":\"\\x41\"}]}");
        QTest::newRow("exponent") << QByteArray("{\"value\":[{\"Size\":1e400}]}");
        QTest::newRow("leading zero") << QByteArray("{\"value\":[{\"Size\":01}]}");
        QTest::newRow("long number") << QByteArray("{\"value\":[{\"Size\":12345678901234567890}]}");
        QTest::newRow("trailing comma") << QByteArray("{\"value\":[{\"a\":1,}]}");
        QTest::newRow("truncated") << QByteArray("{\"value\":[{\"Identity\":\"a\"},{\"Identity\":\"b");
        QTest::newRow("garbage after") << QByteArray("{\"value\":[]} x");
        QTest::newRow("two documents") << QByteArray("{\"value\":[]}{\"value\":[]}");
        QTest::newRow("byte order mark") << QByteArray("\xef\xbb\xbf{\"value\":[]}");
        QTest::newRow("not an object") << QByteArray("[]");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("html") << QByteArray("<html><title>Service Error</title></html>");
        QByteArray deep = "{\"value\":[{\"x\":";
        for (int i = 0; i < 40; ++i)
            deep += '[';
        for (int i = 0; i < 40; ++i)
            deep += ']';
        QTest::newRow("deeply nested") << deep + "}]}";
    }

    void leavesAnythingElseToTheFullParse()
    {
        QFETCH(QByteArray, body);
        QVERIFY(!CasMailboxPageReader::read(body).has_value());
    }

    void everyMutatedPageItAcceptsReadsAsTheFullParseDoes()
    {
        // Random damage to a realistic page (bytes deleted, replaced, inserted, the end cut off). The
        // reader may refuse any of them; what it accepts must match the full parse exactly.
        const QByteArray original = page(plainItems(12));
        QRandomGenerator random(20261128);
        int accepted = 0;
        int refused = 0;
        for (int round = 0; round < 4000; ++round) {
            const QByteArray body = damagedPage(original, random);
            const auto fast = CasMailboxPageReader::read(body);
            if (!fast) {
                ++refused;
                continue;
            }
            ++accepted;
            compareWithTheFullWay(body, *fast);
            if (QTest::currentTestFailed()) {
                qWarning().noquote() << "mutated page read differently:"
                                     << body.toPercentEncoding(" {}[]\":,@./");
                return;
            }
        }
        // Both outcomes must actually occur, or the test proves nothing.
        QVERIFY2(accepted > 300, qPrintable(QString::number(accepted)));
        QVERIFY2(refused > 300, qPrintable(QString::number(refused)));
    }
};

QTEST_GUILESS_MAIN(TestCasMailboxPageReader)
#include "test_casmailboxpagereader.moc"
