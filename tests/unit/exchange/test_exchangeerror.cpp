// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "exchange/exchangeerror.h"

#include <QTest>

using smtpauth::ExchangeError;
using Category = ExchangeError::Category;

class TestExchangeError : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void messageAndCategory_data();
    void messageAndCategory();
    void retryable_data();
    void retryable();
    void userMessageNamesTheCause();
    void successIsNoError();
    void unreadableAnswer_data();
    void unreadableAnswer();
    void truncatedAnswerIsNotUnreachable();
    void oversizedAnswer();
};

void TestExchangeError::messageAndCategory_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("diagnostics");
    QTest::addColumn<Category>("category");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");

    QTest::newRow("details with pipes")
        << 400
        << QByteArray(
               R"({"error":{"code":"BadRequest","message":"Error executing cmdlet",)"
               R"("details":[{"code":"Client","target":"","message":"Ex6F9304|Microsoft.Exchange.Configuration.Tasks.ManagementObjectNotFoundException|The operation couldn't be performed because object 'x' couldn't be found on 'EURP1.PROD'."}],)"
               R"("innererror":{"message":"outer","type":"T","internalexception":{"message":"inner real","type":"T2"}}},"@adminapi.warnings":[]})")
        << QByteArray() << Category::BadRequest << QStringLiteral("BadRequest")
        << QStringLiteral(
               "The operation couldn't be performed because object 'x' couldn't be found on 'EURP1.PROD'.");
    QTest::newRow("innererror only")
        << 400
        << QByteArray(
               R"({"error":{"code":"BadRequest","message":"Error executing cmdlet","innererror":{"message":"m","internalexception":{"message":"A parameter cannot be found that matches parameter name 'Foo'."}}}})")
        << QByteArray() << Category::BadRequest << QStringLiteral("BadRequest")
        << QStringLiteral("A parameter cannot be found that matches parameter name 'Foo'.");
    QTest::newRow("empty details falls through")
        << 400
        << QByteArray(
               R"({"error":{"code":"BadRequest","message":"Error executing cmdlet","details":[{"message":""}],"innererror":{"internalexception":{"message":"inner"}}}})")
        << QByteArray() << Category::BadRequest << QStringLiteral("BadRequest") << QStringLiteral("inner");
    QTest::newRow("message only")
        << 404 << QByteArray(R"({"error":{"code":"NotFound","message":"The object was not found."}})")
        << QByteArray() << Category::NotFound << QStringLiteral("NotFound")
        << QStringLiteral("The object was not found.");
    QTest::newRow("403 empty body with diagnostics")
        << 403 << QByteArray()
        << QByteArray(
               R"(2000008;reason="The user does not have the Organization Management role.";error_category="insufficient_auth")")
        << Category::Forbidden << QString()
        << QStringLiteral("The user does not have the Organization Management role.");
    QTest::newRow("403 NUL bytes with diagnostics")
        << 403 << QByteArray(16, '\0')
        << QByteArray(R"(2000003;reason="Cmdlet Set-TransportConfig is not allowed.")") << Category::Forbidden
        << QString() << QStringLiteral("Cmdlet Set-TransportConfig is not allowed.");
    QTest::newRow("403 NUL bytes, no header")
        << 403 << QByteArray(4, '\0') << QByteArray() << Category::Forbidden << QString()
        << QStringLiteral("Access denied (HTTP 403); the server gave no reason (a body of 4 NUL bytes).");
    QTest::newRow("403 empty body, no header")
        << 403 << QByteArray() << QByteArray() << Category::Forbidden << QString()
        << QStringLiteral("Access denied (HTTP 403); the server gave no reason (empty body).");
    QTest::newRow("plain text concurrency 429")
        << 429
        << QByteArray("You have reached the maximum number of concurrent requests per tenant. Please wait "
                      "and try again.")
        << QByteArray() << Category::Throttled << QString()
        << QStringLiteral("You have reached the maximum number of concurrent requests per tenant. Please "
                          "wait and try again.");
    QTest::newRow("HTML 503") << 503 << QByteArray("<html><body>Service Unavailable</body></html>")
                              << QByteArray() << Category::ServerUnavailable << QString()
                              << QStringLiteral("The service is temporarily unavailable (HTTP 503).");
    QTest::newRow("expired pagination")
        << 400
        << QByteArray(
               R"({"error":{"code":"BadRequest","message":"Expired or Invalid pagination request. Default Expiry time is 00:30:00"}})")
        << QByteArray() << Category::PaginationExpired << QStringLiteral("BadRequest")
        << QStringLiteral("Expired or Invalid pagination request. Default Expiry time is 00:30:00");
    QTest::newRow("401") << 401 << QByteArray() << QByteArray() << Category::Unauthorized << QString()
                         << QStringLiteral("The access token was rejected (HTTP 401).");
    QTest::newRow("redirect")
        << 302 << QByteArray() << QByteArray() << Category::Protocol << QString()
        << QStringLiteral("The server answered with a redirect (HTTP 302), which is not followed.");
    QTest::newRow("non-ascii message")
        << 400
        << QByteArray(
               R"({"error":{"code":"BadRequest","message":"x","details":[{"message":"A|B|L'objet « Zoë Ångström » est introuvable."}]}})")
        << QByteArray() << Category::BadRequest << QStringLiteral("BadRequest")
        << QString::fromUtf8("L'objet « Zoë Ångström » est introuvable.");
}

void TestExchangeError::messageAndCategory()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, diagnostics);
    QFETCH(Category, category);
    QFETCH(QString, code);
    QFETCH(QString, message);

    const ExchangeError error = ExchangeError::fromHttpResponse(status, body, diagnostics);
    QVERIFY(error.isError());
    QCOMPARE(error.category(), category);
    QCOMPARE(error.httpStatus(), status);
    QCOMPARE(error.errorCode(), code);
    QCOMPARE(error.message(), message);
}

void TestExchangeError::retryable_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("retryable");
    QTest::newRow("400") << 400 << false;
    QTest::newRow("401") << 401 << false; // token refresh is handled apart, once
    QTest::newRow("403") << 403 << false;
    QTest::newRow("404") << 404 << false;
    QTest::newRow("429") << 429 << true;
    QTest::newRow("500") << 500 << false;
    QTest::newRow("503") << 503 << true;
    QTest::newRow("504") << 504 << true;
}

void TestExchangeError::retryable()
{
    QFETCH(int, status);
    QFETCH(bool, retryable);
    QCOMPARE(ExchangeError::fromHttpResponse(status, QByteArray()).isRetryable(), retryable);
}

void TestExchangeError::userMessageNamesTheCause()
{
    const ExchangeError forbidden =
        ExchangeError::fromHttpResponse(403, QByteArray(), R"(reason="No role.")");
    QVERIFY(forbidden.userMessage().contains(QLatin1String("Permission denied")));
    QVERIFY(forbidden.userMessage().contains(QLatin1String("No role.")));
    const ExchangeError throttled = ExchangeError::fromHttpResponse(429, QByteArray());
    QVERIFY(throttled.userMessage().contains(QLatin1String("throttling")));
    QVERIFY(ExchangeError(Category::Network, QStringLiteral("Connection refused"))
                .userMessage()
                .contains(QLatin1String("Connection refused")));
    QVERIFY(ExchangeError(Category::Network, {}).isRetryable());
    QVERIFY(ExchangeError(Category::Timeout, {}).isRetryable());
    QVERIFY(!ExchangeError(Category::Protocol, {}).isRetryable());
}

void TestExchangeError::successIsNoError()
{
    QVERIFY(!ExchangeError::fromHttpResponse(200, "{}").isError());
    QVERIFY(!ExchangeError().isError());
    QCOMPARE(ExchangeError().userMessage(), QString());
}

void TestExchangeError::unreadableAnswer_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<ExchangeError::Cause>("cause");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("html by content type")
        << QByteArray("  <html><head><title>Service  Error</title></head></html>")
        << QByteArray("text/html; charset=utf-8") << ExchangeError::Cause::HtmlPage
        << QString::fromUtf8("an HTML page (\u201cService Error\u201d) instead of JSON (status 200)");
    QTest::newRow("html by sniffing")
        << QByteArray("<!DOCTYPE html><p>Sign in</p>") << QByteArray("application/json")
        << ExchangeError::Cause::HtmlPage << QStringLiteral("an HTML page instead of JSON (status 200)");
    QTest::newRow("broken OData stream")
        << QByteArray("{\"value\":[{\"Guid\":\"1\"},{\"Gu{\"error\":{\"code\":\"X\"}}")
        << QByteArray("application/json") << ExchangeError::Cause::MalformedJson
        << QStringLiteral("not valid JSON (status 200): ");
    QTest::newRow("empty") << QByteArray() << QByteArray() << ExchangeError::Cause::MalformedJson
                           << QStringLiteral("not valid JSON (status 200): it is empty");
    QTest::newRow("NUL bytes") << QByteArray(8, '\0') << QByteArray() << ExchangeError::Cause::MalformedJson
                               << QStringLiteral("not valid JSON (status 200): it is empty");
    QTest::newRow("array") << QByteArray("[1]") << QByteArray() << ExchangeError::Cause::MalformedJson
                           << QStringLiteral("not a JSON object");
}

void TestExchangeError::unreadableAnswer()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(ExchangeError::Cause, cause);
    QFETCH(QString, messagePart);
    const ExchangeError error = ExchangeError::fromUnreadableAnswer(200, body, contentType);
    QCOMPARE(error.category(), Category::Protocol);
    QCOMPARE(error.cause(), cause);
    QCOMPARE(error.httpStatus(), 200);
    QVERIFY2(error.userMessage().contains(messagePart), qPrintable(error.userMessage()));
    // Not retried: the protocol retries 401/429/503/504 and lost connections only, and a write whose
    // answer was unreadable may have been applied, so it is read back, never reported applied.
    QVERIFY(!error.isRetryable());
    QVERIFY(!ExchangeError::fromUnreadableAnswer(200, R"({"value":[]})").isError());
}

void TestExchangeError::truncatedAnswerIsNotUnreachable()
{
    const ExchangeError known = ExchangeError::truncatedAnswer(200, 400, 1000);
    QCOMPARE(known.category(), Category::Network);
    QCOMPARE(known.cause(), ExchangeError::Cause::TruncatedAnswer);
    QVERIFY(known.isRetryable());
    QVERIFY2(known.userMessage().startsWith(
                 QLatin1String("The server's answer was cut off after 400 of 1000 bytes (status 200)")),
             qPrintable(known.userMessage()));
    QVERIFY(!known.userMessage().contains(QLatin1String("Could not reach")));
    const ExchangeError unknownLength = ExchangeError::truncatedAnswer(200, 17, -1);
    QVERIFY2(unknownLength.userMessage().contains(QLatin1String("cut off after 17 bytes")),
             qPrintable(unknownLength.userMessage()));
}

void TestExchangeError::oversizedAnswer()
{
    const ExchangeError announced = ExchangeError::oversizedAnswer(200, 50'000'000, 32 * 1024 * 1024, true);
    QCOMPARE(announced.category(), Category::Protocol);
    QCOMPARE(announced.cause(), ExchangeError::Cause::OversizedAnswer);
    QVERIFY(!announced.isRetryable());
    QVERIFY2(announced.userMessage().contains(
                 QLatin1String("too large: 50000000 bytes announced, above the limit of 32 MiB")),
             qPrintable(announced.userMessage()));
    const ExchangeError streamed = ExchangeError::oversizedAnswer(200, 33554433, 32 * 1024 * 1024, false);
    QVERIFY2(streamed.userMessage().contains(QLatin1String("more than 33554433 bytes received")),
             qPrintable(streamed.userMessage()));
}

QTEST_GUILESS_MAIN(TestExchangeError)
#include "test_exchangeerror.moc"
