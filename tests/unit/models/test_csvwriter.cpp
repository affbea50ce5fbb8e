// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/csvwriter.h"

#include <QTest>

using namespace smtpauth;

class TestCsvWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void escapesCells_data()
    {
        QTest::addColumn<QString>("cell");
        QTest::addColumn<QString>("escaped");
        QTest::newRow("plain") << QStringLiteral("alice@contoso.com") << QStringLiteral("alice@contoso.com");
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("comma") << QStringLiteral("Müller, Anna") << QStringLiteral("\"Müller, Anna\"");
        QTest::newRow("quote") << QStringLiteral("O\"Brien") << QStringLiteral("\"O\"\"Brien\"");
        QTest::newRow("newline") << QStringLiteral("a\nb") << QStringLiteral("\"a\nb\"");
        QTest::newRow("formula =") << QStringLiteral("=HYPERLINK(\"x\")")
                                   << QStringLiteral("\"'=HYPERLINK(\"\"x\"\")\"");
        QTest::newRow("formula +") << QStringLiteral("+1") << QStringLiteral("'+1");
        QTest::newRow("formula -") << QStringLiteral("-1+2") << QStringLiteral("'-1+2");
        QTest::newRow("formula @") << QStringLiteral("@SUM(A1)") << QStringLiteral("'@SUM(A1)");
        QTest::newRow("leading tab") << QStringLiteral("\tx") << QStringLiteral("'\tx");
        QTest::newRow("leading CR") << QStringLiteral("\rx") << QStringLiteral("\"'\rx\"");
        QTest::newRow("at inside is fine") << QStringLiteral("a@b") << QStringLiteral("a@b");
        QTest::newRow("leading space kept") << QStringLiteral(" x") << QStringLiteral("\" x\"");
    }
    void escapesCells()
    {
        QFETCH(QString, cell);
        QFETCH(QString, escaped);
        QCOMPARE(CsvWriter::escapeCell(cell), escaped);
    }

    void rowsUseCrLf()
    {
        CsvWriter writer;
        writer.addRow({QStringLiteral("a"), QStringLiteral("b")});
        writer.addRow({QStringLiteral("王"), QString()});
        QCOMPARE(writer.text(), QStringLiteral("a,b\r\n王,\r\n"));
        QCOMPARE(writer.toUtf8(), QByteArray("a,b\r\n\xe7\x8e\x8b,\r\n"));
    }
};

QTEST_GUILESS_MAIN(TestCsvWriter)
#include "test_csvwriter.moc"
