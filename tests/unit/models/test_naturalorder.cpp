// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/naturalorder.h"
#include "naturalreference.h"

#include <QRandomGenerator>
#include <QTest>
#include <algorithm>

using namespace smtpauth;

namespace {
int sign(int value)
{
    return value < 0 ? -1 : (value > 0 ? 1 : 0);
}

int natural(const char *left, const char *right)
{
    return sign(NaturalOrder::compare(QByteArrayView(left), QByteArrayView(right)));
}

// Short texts over an alphabet that puts digits next to what sorts below them (space, '-', '.') and
// above them (letters, ':'), with runs of zeros, so every branch of the compare is met often.
QByteArray randomKey(QRandomGenerator &random)
{
    static constexpr char kAlphabet[] = " -.0012389:abz";
    QByteArray key;
    const int length = random.bounded(14);
    for (int i = 0; i < length; ++i)
        key.append(kAlphabet[random.bounded(int(sizeof(kAlphabet) - 1))]);
    return key;
}
} // namespace

class TestNaturalOrder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void numbersCompareByValue_data()
    {
        QTest::addColumn<QByteArray>("left");
        QTest::addColumn<QByteArray>("right");
        QTest::addColumn<int>("expected");
        QTest::newRow("2 before 10") << QByteArray("scanner floor 3 2") << QByteArray("scanner floor 3 10")
                                     << -1;
        QTest::newRow("first number decides") << QByteArray("floor 10 1") << QByteArray("floor 9 99") << 1;
        QTest::newRow("leading zeros ignored") << QByteArray("a007") << QByteArray("a7") << 0;
        QTest::newRow("then the text after") << QByteArray("a007b") << QByteArray("a7c") << -1;
        QTest::newRow("difference after the first digit")
            << QByteArray("room 19") << QByteArray("room 2") << 1;
        QTest::newRow("number below letter") << QByteArray("a1") << QByteArray("ab") << -1;
        QTest::newRow("number above space") << QByteArray("a1") << QByteArray("a ") << 1;
        QTest::newRow("shorter first") << QByteArray("abc") << QByteArray("abcd") << -1;
        QTest::newRow("plain text") << QByteArray("alice") << QByteArray("bob") << -1;
        QTest::newRow("equal") << QByteArray("x 12 y") << QByteArray("x 12 y") << 0;
        QTest::newRow("long numbers")
            << QByteArray("n 123456789012345678901") << QByteArray("n 99999999999999999999") << 1;
        QTest::newRow("utf-8 after digits") << QByteArray("2 \xc3\xa9") << QByteArray("10 a") << -1;
    }
    void numbersCompareByValue()
    {
        QFETCH(QByteArray, left);
        QFETCH(QByteArray, right);
        QFETCH(int, expected);
        QCOMPARE(sign(NaturalOrder::compare(left, right)), expected);
        QCOMPARE(sign(NaturalOrder::compare(right, left)), -expected);
    }

    void agreesWithTheReferenceOnRandomKeys()
    {
        QRandomGenerator random(20261207);
        for (int round = 0; round < 20000; ++round) {
            const QByteArray a = randomKey(random);
            const QByteArray b = random.bounded(4) == 0
                                     ? a.left(random.bounded(int(a.size()) + 1)) + randomKey(random)
                                     : randomKey(random);
            const int order = sign(NaturalOrder::compare(a, b));
            QCOMPARE(order, sign(naturalreference::compare(QString::fromUtf8(a), QString::fromUtf8(b))));
            // The prefix may only ever agree with the full order, or stay silent (equal).
            const quint64 pa = NaturalOrder::prefixKey(a);
            const quint64 pb = NaturalOrder::prefixKey(b);
            if (pa != pb)
                QCOMPARE(order, pa < pb ? -1 : 1);
        }
    }

    void sortingByPrefixThenCompareGivesTheNaturalOrder()
    {
        QList<QByteArray> keys{
            "scanner floor 3 10", "scanner floor 3 2", "scanner floor 3", "scanner floor 10",
            "scanner-floor",      "scanner 1",         "scanner",         "a"};
        std::sort(keys.begin(), keys.end(), [](const QByteArray &a, const QByteArray &b) {
            const quint64 pa = NaturalOrder::prefixKey(a);
            const quint64 pb = NaturalOrder::prefixKey(b);
            return pa != pb ? pa < pb : NaturalOrder::compare(a, b) < 0;
        });
        const QList<QByteArray> expected{"a",
                                         "scanner",
                                         "scanner 1",
                                         "scanner floor 3",
                                         "scanner floor 3 2",
                                         "scanner floor 3 10",
                                         "scanner floor 10",
                                         "scanner-floor"};
        QCOMPARE(keys, expected);
        QCOMPARE(natural("scanner floor 3", "scanner floor 3 2"), -1);
    }
};

QTEST_GUILESS_MAIN(TestNaturalOrder)
#include "test_naturalorder.moc"
