// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/csvreader.h"

#include <QTest>

using namespace smtpauth;

namespace {

QList<CsvRecord> readAll(const QString &text)
{
    QList<CsvRecord> records;
    CsvReader reader(text);
    while (!reader.atEnd())
        records.append(reader.next());
    return records;
}

} // namespace

class TestCsvReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsRecords_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QList<QStringList>>("cells");
        QTest::addColumn<QList<int>>("lines");

        QTest::newRow("LF, trailing newline")
            << QStringLiteral("a,b\nc,d\n")
            << QList<QStringList>{{QStringLiteral("a"), QStringLiteral("b")},
                                  {QStringLiteral("c"), QStringLiteral("d")}}
            << QList<int>{1, 2};
        QTest::newRow("CRLF, no trailing newline")
            << QStringLiteral("a,b\r\nc,d")
            << QList<QStringList>{{QStringLiteral("a"), QStringLiteral("b")},
                                  {QStringLiteral("c"), QStringLiteral("d")}}
            << QList<int>{1, 2};
        QTest::newRow("lone CR") << QStringLiteral("a\rb\r")
                                 << QList<QStringList>{{QStringLiteral("a")}, {QStringLiteral("b")}}
                                 << QList<int>{1, 2};
        QTest::newRow("empty cells and trailing comma")
            << QStringLiteral(",x,\n") << QList<QStringList>{{QString(), QStringLiteral("x"), QString()}}
            << QList<int>{1};
        QTest::newRow("empty line is a record of one empty cell")
            << QStringLiteral("a\n\nb")
            << QList<QStringList>{{QStringLiteral("a")}, {QString()}, {QStringLiteral("b")}}
            << QList<int>{1, 2, 3};
        QTest::newRow("quoted comma and doubled quote")
            << QStringLiteral("\"a,b\",\"say \"\"hi\"\"\",\"\"\n")
            << QList<QStringList>{{QStringLiteral("a,b"), QStringLiteral("say \"hi\""), QString()}}
            << QList<int>{1};
        QTest::newRow("multi-line cell LF keeps line numbers")
            << QStringLiteral("h\n\"one\ntwo\nthree\",x\nnext\n")
            << QList<QStringList>{{QStringLiteral("h")},
                                  {QStringLiteral("one\ntwo\nthree"), QStringLiteral("x")},
                                  {QStringLiteral("next")}}
            << QList<int>{1, 2, 5};
        QTest::newRow("multi-line cell CRLF kept verbatim")
            << QStringLiteral("\"one\r\ntwo\"\r\nnext\r\n")
            << QList<QStringList>{{QStringLiteral("one\r\ntwo")}, {QStringLiteral("next")}}
            << QList<int>{1, 3};
        QTest::newRow("spaces around a quoted cell are ignored")
            << QStringLiteral("a, \"b, c\" ,d")
            << QList<QStringList>{{QStringLiteral("a"), QStringLiteral("b, c"), QStringLiteral("d")}}
            << QList<int>{1};
        QTest::newRow("spaces in unquoted cells are kept")
            << QStringLiteral(" a , b ") << QList<QStringList>{{QStringLiteral(" a "), QStringLiteral(" b ")}}
            << QList<int>{1};
        QTest::newRow("non-ASCII") << QStringLiteral("Jürgen,王伟")
                                   << QList<QStringList>{{QStringLiteral("Jürgen"), QStringLiteral("王伟")}}
                                   << QList<int>{1};
    }
    void readsRecords()
    {
        QFETCH(QString, text);
        QFETCH(QList<QStringList>, cells);
        QFETCH(QList<int>, lines);
        const QList<CsvRecord> records = readAll(text);
        QCOMPARE(records.size(), cells.size());
        for (int i = 0; i < records.size(); ++i) {
            QCOMPARE(records.at(i).cells, cells.at(i));
            QCOMPARE(records.at(i).line, lines.at(i));
            QCOMPARE(records.at(i).problem, CsvRecord::Problem::None);
        }
    }

    void reportsQuoteProblems_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("recordIndex");
        QTest::addColumn<CsvRecord::Problem>("problem");
        QTest::addColumn<int>("problemLine");
        QTest::addColumn<int>("problemCell");
        QTest::addColumn<int>("recordCount");

        QTest::newRow("unterminated quote runs to end")
            << QStringLiteral("a\nb,\"open\nmore\nlines") << 1 << CsvRecord::Problem::UnterminatedQuote << 2
            << 2 << 2;
        QTest::newRow("text after closing quote, reading goes on")
            << QStringLiteral("a\n\"x\"y,z\nnext") << 1 << CsvRecord::Problem::TextAfterClosingQuote << 2 << 1
            << 3;
        QTest::newRow("text after quote on a later line of the record")
            << QStringLiteral("\"x\ny\"z\nnext") << 0 << CsvRecord::Problem::TextAfterClosingQuote << 2 << 1
            << 2;
        QTest::newRow("quote inside an unquoted cell")
            << QStringLiteral("a,5\" screen\nnext") << 0 << CsvRecord::Problem::QuoteInUnquotedCell << 1 << 2
            << 2;
    }
    void reportsQuoteProblems()
    {
        QFETCH(QString, text);
        QFETCH(int, recordIndex);
        QFETCH(CsvRecord::Problem, problem);
        QFETCH(int, problemLine);
        QFETCH(int, problemCell);
        QFETCH(int, recordCount);
        const QList<CsvRecord> records = readAll(text);
        QCOMPARE(records.size(), recordCount);
        QCOMPARE(records.at(recordIndex).problem, problem);
        QCOMPARE(records.at(recordIndex).problemLine, problemLine);
        QCOMPARE(records.at(recordIndex).problemCell, problemCell);
        if (recordIndex + 1 < records.size())
            QCOMPARE(records.at(recordIndex + 1).problem, CsvRecord::Problem::None);
    }

    void blankRecords()
    {
        const QList<CsvRecord> records = readAll(QStringLiteral("\n , ,\n\"\"\nx\n"));
        QCOMPARE(records.size(), 4);
        QVERIFY(records.at(0).isBlank());
        QVERIFY(records.at(1).isBlank());
        QVERIFY(records.at(2).isBlank());
        QVERIFY(!records.at(3).isBlank());
    }
};

QTEST_GUILESS_MAIN(TestCsvReader)
#include "test_csvreader.moc"
