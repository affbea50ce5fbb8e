// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// UserPolicyPageReader's one-pass read of plain Get-User pages must give exactly the rows the full parse
// gives (InvokeCommandResponse + UserPolicyPageReader::fromObject), and leave every page that is not plain
// to the full parse. Hand-written pages, then randomly damaged ones.
#include "engine/userpolicypagereader.h"
#include "exchange/invokecommandresponse.h"

#include <QRandomGenerator>
#include <QTest>

using namespace smtpauth;

namespace {

std::optional<UserPolicyPageReader::Page> readTheFullWay(const QByteArray &body)
{
    const CmdletResult result =
        InvokeCommandResponse::parse(200, body, {}, InvokeCommandResponse::Annotations::Keep);
    if (!result.ok() || !result.warnings.isEmpty())
        return std::nullopt;
    UserPolicyPageReader::Page page;
    page.nextLink = result.nextLink;
    page.objectCount = int(result.objects.size());
    for (const QJsonObject &object : result.objects)
        page.rows.push_back(UserPolicyPageReader::fromObject(object));
    return page;
}

QByteArray userJson(int n)
{
    const QByteArray guid =
        QUuid::createUuidV5(QUuid(), QString::number(n)).toByteArray(QUuid::WithoutBraces);
    const QByteArray external =
        QUuid::createUuidV5(QUuid(), QString::number(-n)).toByteArray(QUuid::WithoutBraces);
    static const QByteArray policies[] = {
        "null", "\"\"", "\"Block Basic Auth\"",
        "\"CN=Block Basic Auth,CN=Auth Policies,CN=contoso.onmicrosoft.com,DC=PROD\"",
        "\"Legacy \\\"apps\\\" \\u00e9\""};
    QByteArray out =
        "{\"Guid@data.type\":\"System.Guid\",\"Guid@odata.type\":\"#Guid\",\"Guid\":\"" + guid + "\",";
    if (n % 11 != 5)
        out += "\"ExternalDirectoryObjectId\":\"" + external + "\",";
    out += "\"UserPrincipalName\":\"user" + QByteArray::number(n) +
           (n % 13 == 0 ? "@contoso.com\"," : "@contoso.onmicrosoft.com\",");
    out += "\"RecipientTypeDetails\":{\"Value\":[1,2]},";
    out += "\"AuthenticationPolicy\":" + policies[n % 5] + "}";
    return out;
}

QByteArray page(int first, int count, bool last = false)
{
    QByteArray out =
        "{\"@odata.context\":\"https://outlook.office.com/adminapi/beta/t/"
        "$metadata#Collection(Exchange.GenericHashTable)\","
        "\"adminapi.warnings@odata.type\":\"#Collection(String)\",\"@adminapi.warnings\":[],\"value\":[";
    for (int i = 0; i < count; ++i) {
        if (i)
            out += ',';
        out += userJson(first + i);
    }
    out += "]";
    if (!last)
        out += ",\"@odata.nextLink\":\"https://outlook.office365.com/adminapi/beta/t/"
               "InvokeCommand?%24skiptoken=u" +
               QByteArray::number(first) + "\"";
    return out + "}";
}

void compareWithTheFullWay(const QByteArray &body)
{
    const std::optional<UserPolicyPageReader::Page> fast = UserPolicyPageReader::read(body);
    const std::optional<UserPolicyPageReader::Page> full = readTheFullWay(body);
    if (!fast)
        return; // left to the full parse: always allowed
    QVERIFY2(full.has_value(), body.left(200).constData());
    QCOMPARE(fast->objectCount, full->objectCount);
    QCOMPARE(fast->nextLink, full->nextLink);
    QCOMPARE(fast->rows.size(), full->rows.size());
    for (size_t i = 0; i < fast->rows.size(); ++i)
        QVERIFY2(fast->rows[i] == full->rows[i], qPrintable(QStringLiteral("row %1").arg(i)));
}

} // namespace

class TestUserPolicyPageReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void plainPagesReadAsTheFullParseReadsThem()
    {
        for (const QByteArray &body : {page(0, 1000), page(1000, 17, true), page(0, 0, true)}) {
            const auto fast = UserPolicyPageReader::read(body);
            QVERIFY2(fast.has_value(), "a plain Get-User page is read in one pass");
            compareWithTheFullWay(body);
        }
        const auto fast = UserPolicyPageReader::read(page(0, 5, true));
        QCOMPARE(fast->rows[2].authenticationPolicy, QStringLiteral("Block Basic Auth"));
        QCOMPARE(fast->rows[4].authenticationPolicy, QString::fromUtf8("Legacy \"apps\" \u00e9"));
        QVERIFY(fast->rows[0].authenticationPolicy.isEmpty()); // null: none of its own
        QVERIFY(!fast->rows[0].externalDirectoryObjectId.isNull());
    }

    void whatIsNotPlainIsLeftToTheFullParse_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("a warning") << QByteArray(page(0, 3, true))
                                          .replace("\"@adminapi.warnings\":[]",
                                                   "\"@adminapi.warnings\":[\"There are more results\"]");
        QTest::newRow("an error") << QByteArray(R"({"error":{"code":"BadRequest","message":"x"}})");
        QTest::newRow("a number for a policy")
            << QByteArray(page(0, 3, true))
                   .replace("\"AuthenticationPolicy\":null", "\"AuthenticationPolicy\":7");
        QTest::newRow("a name twice")
            << QByteArray(page(0, 1, true))
                   .replace("\"AuthenticationPolicy\":null",
                            "\"AuthenticationPolicy\":null,\"AuthenticationPolicy\":\"x\"");
        QTest::newRow("cut off") << page(0, 3, true).left(200);
    }

    void whatIsNotPlainIsLeftToTheFullParse()
    {
        QFETCH(QByteArray, body);
        QVERIFY(!UserPolicyPageReader::read(body).has_value());
    }

    void aPolicyThatIsNotTextIsKeptAsWrittenNeverNone()
    {
        const QJsonObject user{
            {QStringLiteral("Guid"), QStringLiteral("11111111-1111-1111-1111-111111111111")},
            {QStringLiteral("AuthenticationPolicy"),
             QJsonObject{{QStringLiteral("Name"), QStringLiteral("P")}}}};
        const UserPolicyRow row = UserPolicyPageReader::fromObject(user);
        QCOMPARE(row.authenticationPolicy, QStringLiteral(R"({"Name":"P"})"));
        QVERIFY(row.canBeJoined());
        QVERIFY(!UserPolicyPageReader::fromObject(QJsonObject{}).canBeJoined());
    }

    void damagedPagesNeverReadDifferently()
    {
        QRandomGenerator random(42);
        const QByteArray base = page(0, 40, false);
        for (int round = 0; round < 3000; ++round) {
            QByteArray body = base;
            const int edits = 1 + int(random.bounded(3));
            for (int e = 0; e < edits; ++e) {
                const int at = int(random.bounded(body.size()));
                switch (random.bounded(3)) {
                case 0:
                    body[at] = char(random.bounded(256));
                    break;
                case 1:
                    body.remove(at, 1 + int(random.bounded(8)));
                    break;
                default:
                    body.insert(at, "\\\"{,:]");
                    break;
                }
            }
            compareWithTheFullWay(body);
            if (QTest::currentTestFailed())
                return;
        }
    }
};

QTEST_GUILESS_MAIN(TestUserPolicyPageReader)
#include "test_userpolicypagereader.moc"
