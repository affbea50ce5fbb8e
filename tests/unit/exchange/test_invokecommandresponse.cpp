// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "exchange/invokecommandresponse.h"

#include <QJsonArray>
#include <QTest>

using smtpauth::CmdletResult;
using smtpauth::ExchangeError;
using smtpauth::InvokeCommandResponse;

namespace {

const QByteArray kTwoMailboxes = QByteArray(
    R"J({"@odata.context":"https://outlook.office.com/adminapi/beta/t/$metadata#Collection(Exchange.GenericHashTable)",)J"
    R"J("adminapi.warnings@odata.type":"#Collection(String)","@adminapi.warnings":[],)J"
    R"("value":[{"Guid@data.type":"System.Guid","Guid@odata.type":"#Guid","Guid":"11111111-1111-1111-1111-111111111111",)"
    R"("DisplayName":"Zoë Ångström 山田","PrimarySmtpAddress":"zoe@contoso.com","SmtpClientAuthenticationDisabled":null},)"
    R"({"Guid":"22222222-2222-2222-2222-222222222222","DisplayName":"Bob","SmtpClientAuthenticationDisabled":false}],)"
    R"("@odata.nextLink":"https://outlook.office365.com/adminapi/beta/t/InvokeCommand?%24skiptoken=abc"})");

} // namespace

class TestInvokeCommandResponse : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void realShapedPage();
    void warnings_data();
    void warnings();
    void setEnvelopeWithoutValue();
    void protocolErrors_data();
    void protocolErrors();
    void errorStatusKeepsWarnings();
    void batchSubResponseValue();
};

void TestInvokeCommandResponse::realShapedPage()
{
    const CmdletResult result = InvokeCommandResponse::parse(200, kTwoMailboxes);
    QVERIFY(result.ok());
    QCOMPARE(result.httpStatus, 200);
    QCOMPARE(result.objects.size(), 2);
    const QJsonObject first = result.objects.at(0);
    QCOMPARE(first.keys(), (QStringList{QStringLiteral("DisplayName"), QStringLiteral("Guid"),
                                        QStringLiteral("PrimarySmtpAddress"),
                                        QStringLiteral("SmtpClientAuthenticationDisabled")}));
    QCOMPARE(first.value(QLatin1String("DisplayName")).toString(), QString::fromUtf8("Zoë Ångström 山田"));
    // null stays present and null; a missing key stays missing
    QVERIFY(first.contains(QLatin1String("SmtpClientAuthenticationDisabled")));
    QVERIFY(first.value(QLatin1String("SmtpClientAuthenticationDisabled")).isNull());
    const QJsonObject second = result.objects.at(1);
    QVERIFY(!second.contains(QLatin1String("PrimarySmtpAddress")));
    QCOMPARE(second.value(QLatin1String("SmtpClientAuthenticationDisabled")), QJsonValue(false));
    QCOMPARE(result.nextLink,
             QStringLiteral("https://outlook.office365.com/adminapi/beta/t/InvokeCommand?%24skiptoken=abc"));
    QVERIFY(result.warnings.isEmpty());
    QVERIFY(!result.truncated);
    QVERIFY(!result.noChange);

    // A consumer that reads named properties only may keep the sidecar keys: same values, same link.
    const CmdletResult kept =
        InvokeCommandResponse::parse(200, kTwoMailboxes, {}, InvokeCommandResponse::Annotations::Keep);
    QVERIFY(kept.ok());
    QCOMPARE(kept.objects.size(), 2);
    QVERIFY(kept.objects.at(0).contains(QLatin1String("Guid@odata.type")));
    QCOMPARE(InvokeCommandResponse::withoutAnnotations(kept.objects.at(0)), first);
    QCOMPARE(InvokeCommandResponse::withoutAnnotations(kept.objects.at(1)), second);
    QCOMPARE(kept.nextLink, result.nextLink);
}

void TestInvokeCommandResponse::warnings_data()
{
    QTest::addColumn<QString>("warning");
    QTest::addColumn<bool>("truncated");
    QTest::addColumn<bool>("noChange");
    QTest::newRow("truncation") << QStringLiteral(
                                       "There are more results available than are currently displayed. To "
                                       "view them, increase the value for the ResultSize parameter.")
                                << true << false;
    QTest::newRow("no-op") << QStringLiteral("The command completed successfully but no settings of "
                                             "'contoso.onmicrosoft.com/Users/Zoë' have been modified.")
                           << false << true;
    QTest::newRow("other") << QStringLiteral("The mailbox is hidden.") << false << false;
}

void TestInvokeCommandResponse::warnings()
{
    QFETCH(QString, warning);
    QFETCH(bool, truncated);
    QFETCH(bool, noChange);
    const QByteArray body = R"({"@adminapi.warnings":[")" + warning.toUtf8() + R"("],"value":[]})";
    const CmdletResult result = InvokeCommandResponse::parse(200, body);
    QVERIFY(result.ok());
    QCOMPARE(result.warnings, QStringList{warning});
    QCOMPARE(result.truncated, truncated);
    QCOMPARE(result.noChange, noChange);
    QCOMPARE(InvokeCommandResponse::isTruncationWarning(warning), truncated);
    QCOMPARE(InvokeCommandResponse::isNoChangeWarning(warning), noChange);
}

void TestInvokeCommandResponse::setEnvelopeWithoutValue()
{
    const CmdletResult result =
        InvokeCommandResponse::parse(200, R"({"@odata.context":"x","@adminapi.warnings":[]})");
    QVERIFY(result.ok());
    QVERIFY(result.objects.isEmpty());
}

void TestInvokeCommandResponse::protocolErrors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("cause"); // what the message must say
    QTest::newRow("html page") << QByteArray(
                                      "<!DOCTYPE html><html><body>Sign in to your account</body></html>")
                               << QStringLiteral("an HTML page instead of JSON (status 200)");
    QTest::newRow("malformed json") << QByteArray(R"({"value":[{"Guid":"1"})")
                                    << QStringLiteral("not valid JSON (status 200)");
    QTest::newRow("broken OData stream")
        << QByteArray("{\"value\":[{\"Guid\":\"1\"},{\"Gu{\"error\":{\"code\":\"X\",\"message\":\"m\"}}")
        << QStringLiteral("not valid JSON (status 200)");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("not valid JSON (status 200): it is empty");
    QTest::newRow("array document") << QByteArray("[1,2]") << QStringLiteral("not a JSON object");
    QTest::newRow("value not array") << QByteArray(R"({"value":{"Guid":"1"}})")
                                     << QStringLiteral("'value' is not a list");
    QTest::newRow("value of scalars") << QByteArray(R"({"value":[1,2]})") << QStringLiteral("not an object");
    QTest::newRow("no envelope") << QByteArray(R"({"something":"else"})")
                                 << QStringLiteral("no 'value' list");
    QTest::newRow("nextLink not string")
        << QByteArray(R"({"value":[],"@odata.nextLink":5})") << QStringLiteral("not a URL");
    QTest::newRow("error with 200") << QByteArray(R"({"error":{"code":"X","message":"boom"}})")
                                    << QStringLiteral("boom");
}

void TestInvokeCommandResponse::protocolErrors()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, cause);
    const CmdletResult result = InvokeCommandResponse::parse(200, body);
    QCOMPARE(result.error.category(), ExchangeError::Category::Protocol);
    QVERIFY(!result.error.isRetryable());
    QVERIFY2(result.error.userMessage().contains(cause), qPrintable(result.error.userMessage()));
    QVERIFY(result.objects.isEmpty());
}

void TestInvokeCommandResponse::errorStatusKeepsWarnings()
{
    const CmdletResult result = InvokeCommandResponse::parse(
        400, R"({"error":{"code":"BadRequest","message":"m"},"@adminapi.warnings":["careful"]})");
    QCOMPARE(result.error.category(), ExchangeError::Category::BadRequest);
    QCOMPARE(result.warnings, QStringList{QStringLiteral("careful")});
    QCOMPARE(result.httpStatus, 400);
}

void TestInvokeCommandResponse::batchSubResponseValue()
{
    QJsonObject ok{{QStringLiteral("value"),
                    QJsonArray{QJsonObject{{QStringLiteral("A@odata.type"), QStringLiteral("#String")},
                                           {QStringLiteral("A"), QStringLiteral("1")}}}}};
    const CmdletResult fine = InvokeCommandResponse::parseValue(200, ok);
    QVERIFY(fine.ok());
    QCOMPARE(fine.objects.value(0), (QJsonObject{{QStringLiteral("A"), QStringLiteral("1")}}));

    const QJsonObject failed{
        {QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), QStringLiteral("NotFound")},
                                              {QStringLiteral("message"), QStringLiteral("gone")}}}};
    const CmdletResult notFound = InvokeCommandResponse::parseValue(404, failed);
    QCOMPARE(notFound.error.category(), ExchangeError::Category::NotFound);
    QCOMPARE(notFound.error.message(), QStringLiteral("gone"));

    const CmdletResult throttled =
        InvokeCommandResponse::parseValue(429, QJsonValue(QStringLiteral("Too many")));
    QCOMPARE(throttled.error.category(), ExchangeError::Category::Throttled);
    QCOMPARE(throttled.error.message(), QStringLiteral("Too many"));
}

QTEST_GUILESS_MAIN(TestInvokeCommandResponse)
#include "test_invokecommandresponse.moc"
