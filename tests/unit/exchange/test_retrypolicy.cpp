// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "exchange/retrypolicy.h"

#include <QTest>

using namespace std::chrono_literals;
using smtpauth::ExchangeError;
using smtpauth::RetryPolicy;
using Category = ExchangeError::Category;

namespace {

const QDateTime kNow = QDateTime(QDate(2026, 3, 2), QTime(10, 0, 0), Qt::UTC);

RetryPolicy policyWithJitter(double value)
{
    RetryPolicy policy;
    policy.jitter = [value] { return value; };
    return policy;
}

} // namespace

class TestRetryPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shouldRetry_data();
    void shouldRetry();
    void stopsAfterMaxRetries();
    void retryAfter_data();
    void retryAfter();
    void retryAfterIsCapped();
    void backoffGrowsAndIsCapped();
    void jitterStaysInBounds_data();
    void jitterStaysInBounds();
};

void TestRetryPolicy::shouldRetry_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("category"); // used when status == 0
    QTest::addColumn<bool>("idempotent");
    QTest::addColumn<bool>("retry");
    QTest::newRow("400") << 400 << 0 << true << false;
    QTest::newRow("403") << 403 << 0 << true << false;
    QTest::newRow("404") << 404 << 0 << true << false;
    QTest::newRow("401 (refresh is separate)") << 401 << 0 << true << false;
    QTest::newRow("429") << 429 << 0 << true << true;
    QTest::newRow("429 write") << 429 << 0 << false << true; // never processed, so safe
    QTest::newRow("503") << 503 << 0 << true << true;
    QTest::newRow("504") << 504 << 0 << true << true;
    QTest::newRow("500") << 500 << 0 << true << false;
    QTest::newRow("network read") << 0 << int(Category::Network) << true << true;
    QTest::newRow("network non-idempotent") << 0 << int(Category::Network) << false << false;
    QTest::newRow("timeout read") << 0 << int(Category::Timeout) << true << true;
    QTest::newRow("protocol") << 0 << int(Category::Protocol) << true << false;
    QTest::newRow("insecure") << 0 << int(Category::InsecureTransport) << true << false;
}

void TestRetryPolicy::shouldRetry()
{
    QFETCH(int, status);
    QFETCH(int, category);
    QFETCH(bool, idempotent);
    QFETCH(bool, retry);
    const ExchangeError error = status ? ExchangeError::fromHttpResponse(status, QByteArray())
                                       : ExchangeError(Category(category), QStringLiteral("x"));
    QCOMPARE(RetryPolicy().shouldRetry(error, 0, idempotent), retry);
}

void TestRetryPolicy::stopsAfterMaxRetries()
{
    RetryPolicy policy;
    const ExchangeError throttled = ExchangeError::fromHttpResponse(429, QByteArray());
    QCOMPARE(policy.maxRetries, 5);
    QVERIFY(policy.shouldRetry(throttled, 4, true));
    QVERIFY(!policy.shouldRetry(throttled, 5, true));
    policy.maxRetries = 0;
    QVERIFY(!policy.shouldRetry(throttled, 0, true));
}

void TestRetryPolicy::retryAfter_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<qint64>("expectedMs"); // -1: not understood
    QTest::newRow("seconds") << QByteArray("30") << qint64(30000);
    QTest::newRow("zero") << QByteArray("0") << qint64(0);
    QTest::newRow("spaces") << QByteArray(" 7 ") << qint64(7000);
    QTest::newRow("http-date") << QByteArray("Mon, 02 Mar 2026 10:00:45 GMT") << qint64(45000);
    QTest::newRow("http-date in the past") << QByteArray("Mon, 02 Mar 2026 09:00:00 GMT") << qint64(0);
    QTest::newRow("negative") << QByteArray("-5") << qint64(-1);
    QTest::newRow("garbage") << QByteArray("soon") << qint64(-1);
    QTest::newRow("empty") << QByteArray() << qint64(-1);
}

void TestRetryPolicy::retryAfter()
{
    QFETCH(QByteArray, header);
    QFETCH(qint64, expectedMs);
    const auto parsed = RetryPolicy::parseRetryAfter(header, kNow);
    if (expectedMs < 0) {
        QVERIFY(!parsed.has_value());
        return;
    }
    QVERIFY(parsed.has_value());
    QCOMPARE(parsed->count(), expectedMs);
    // and it wins over the computed backoff
    QCOMPARE(policyWithJitter(0.5).delayBeforeRetry(3, header, kNow).count(), expectedMs);
}

void TestRetryPolicy::retryAfterIsCapped()
{
    RetryPolicy policy = policyWithJitter(0.5);
    QCOMPARE(policy.delayBeforeRetry(0, "86400", kNow), 120000ms);
    QCOMPARE(policy.delayBeforeRetry(0, "Tue, 03 Mar 2026 10:00:00 GMT", kNow), 120000ms);
    policy.retryAfterCap = 5s;
    QCOMPARE(policy.delayBeforeRetry(0, "30", kNow), 5000ms);
}

void TestRetryPolicy::backoffGrowsAndIsCapped()
{
    RetryPolicy policy = policyWithJitter(0.5); // factor 1.0
    QCOMPARE(policy.delayBeforeRetry(0, {}, kNow), 2000ms);
    QCOMPARE(policy.delayBeforeRetry(1, {}, kNow), 4000ms);
    QCOMPARE(policy.delayBeforeRetry(2, {}, kNow), 8000ms);
    QCOMPARE(policy.delayBeforeRetry(4, {}, kNow), 32000ms);
    QCOMPARE(policy.delayBeforeRetry(5, {}, kNow), 60000ms);
    QCOMPARE(policy.delayBeforeRetry(40, {}, kNow), 60000ms); // no overflow
    policy.backoffBase = 10ms;
    QCOMPARE(policy.delayBeforeRetry(3, {}, kNow), 80ms);
}

void TestRetryPolicy::jitterStaysInBounds_data()
{
    QTest::addColumn<double>("random");
    QTest::newRow("0") << 0.0;
    QTest::newRow("0.25") << 0.25;
    QTest::newRow("0.999") << 0.999;
    QTest::newRow("out of range high") << 7.0;
    QTest::newRow("out of range low") << -3.0;
}

void TestRetryPolicy::jitterStaysInBounds()
{
    QFETCH(double, random);
    const RetryPolicy policy = policyWithJitter(random);
    for (int retry = 0; retry < 8; ++retry) {
        const auto step = policy.exponentialStep(retry);
        const auto delay = policy.delayBeforeRetry(retry, {}, kNow);
        QVERIFY2(delay >= step * 3 / 4, qPrintable(QString::number(delay.count())));
        QVERIFY(delay <= std::min<std::chrono::milliseconds>(step * 5 / 4, policy.backoffCap));
    }
    // the real random source also stays in bounds
    RetryPolicy real;
    for (int i = 0; i < 200; ++i) {
        const auto delay = real.delayBeforeRetry(1, {}, kNow);
        QVERIFY(delay >= 3000ms && delay <= 5000ms);
    }
}

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "test_retrypolicy.moc"
