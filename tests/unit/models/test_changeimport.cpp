// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/changeimport.h"
#include "models/mailboxstore.h"

#include <QTest>

using namespace smtpauth;

namespace {

const QUuid kAliceGuid = QUuid::fromString(QLatin1String("{11111111-1111-1111-1111-111111111111}"));
const QUuid kAliceExternalId = QUuid::fromString(QLatin1String("{aaaaaaaa-1111-1111-1111-111111111111}"));
const QUuid kBobGuid = QUuid::fromString(QLatin1String("{22222222-2222-2222-2222-222222222222}"));
const QUuid kJuergenGuid = QUuid::fromString(QLatin1String("{33333333-3333-3333-3333-333333333333}"));
const QUuid kWangGuid = QUuid::fromString(QLatin1String("{44444444-4444-4444-4444-444444444444}"));

MailboxStore makeTenant()
{
    MailboxStore store;
    store.upsert(Mailbox{kAliceGuid, kAliceExternalId, QStringLiteral("Alice Example"),
                         QStringLiteral("alice@contoso.com"), QStringLiteral("alice"), Override::Inherit});
    store.upsert(Mailbox{kBobGuid, QUuid(), QStringLiteral("Bob Scanner"), QStringLiteral("bob@contoso.com"),
                         QStringLiteral("bob"), Override::Enabled});
    store.upsert(Mailbox{kJuergenGuid, QUuid(), QStringLiteral("Jürgen Müller"),
                         QStringLiteral("juergen.mueller@contoso.com"), QStringLiteral("jürgen.müller"),
                         Override::Disabled});
    store.upsert(Mailbox{kWangGuid, QUuid(), QStringLiteral("王伟"), QStringLiteral("wang.wei@contoso.com"),
                         QStringLiteral("王伟"), Override::Inherit});
    return store;
}

MailboxResolver resolverFor(const MailboxStore &store)
{
    return [&store](const QString &identifier) -> std::optional<Mailbox> {
        const int row = store.findByIdentifier(identifier);
        if (row < 0)
            return std::nullopt;
        return store.at(row);
    };
}

QByteArray utf8(const QString &text)
{
    return text.toUtf8();
}

} // namespace

class TestChangeImport : public QObject
{
    Q_OBJECT
private:
    MailboxStore m_store = makeTenant();
    ChangeImportResult parse(const QByteArray &bytes, const ChangeImportLimits &limits = ChangeImportLimits())
    {
        return ChangeImport::parse(bytes, resolverFor(m_store), limits);
    }

private Q_SLOTS:
    void acceptsAValidFile()
    {
        const ChangeImportResult result =
            parse(QByteArray("mailbox,to,reason,ticket\n"
                             "alice@contoso.com,enabled,Scanner floor 3,4711\n"
                             " bob , Disabled ,  no longer needed  ,\n"
                             "{33333333-3333-3333-3333-333333333333},INHERIT,cleanup,CHG-1\n"));
        QVERIFY2(result.ok(), qPrintable(result.describeProblems().join(QLatin1Char('\n'))));
        QCOMPARE(result.changes.size(), 3);
        const ImportedChange &first = result.changes.at(0);
        QCOMPARE(first.line, 2);
        QCOMPARE(first.mailboxText, QStringLiteral("alice@contoso.com"));
        QCOMPARE(first.mailbox.guid, kAliceGuid);
        QCOMPARE(first.to, Override::Enabled);
        QCOMPARE(first.reason, QStringLiteral("Scanner floor 3"));
        QCOMPARE(first.ticket, QStringLiteral("4711"));
        const ImportedChange &second = result.changes.at(1);
        QCOMPARE(second.line, 3);
        QCOMPARE(second.mailboxText, QStringLiteral("bob"));
        QCOMPARE(second.mailbox.guid, kBobGuid);
        QCOMPARE(second.to, Override::Disabled);
        QCOMPARE(second.reason, QStringLiteral("no longer needed"));
        QVERIFY(second.ticket.isEmpty());
        QCOMPARE(result.changes.at(2).mailbox.guid, kJuergenGuid);
        QCOMPARE(result.changes.at(2).to, Override::Inherit);
        QCOMPARE(result.changes.at(2).ticket, QStringLiteral("CHG-1"));
    }

    void headerInAnyOrderAndCase_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::newRow("lower") << QByteArray("mailbox,to,reason\nalice@contoso.com,enabled,r\n");
        QTest::newRow("reordered, mixed case, spaces")
            << QByteArray(" Reason , TO,MailBox \nr,enabled,alice@contoso.com\n");
        QTest::newRow("quoted header names")
            << QByteArray("\"to\",\"reason\",\"mailbox\"\nenabled,r,alice@contoso.com\n");
        QTest::newRow("ticket first")
            << QByteArray("Ticket,mailbox,to,reason\n,alice@contoso.com,enabled,r\n");
        QTest::newRow("Excel sep line")
            << QByteArray("sep=,\nmailbox,to,reason\nalice@contoso.com,enabled,r\n");
        QTest::newRow("blank lines before header")
            << QByteArray("\n\nmailbox,to,reason\nalice@contoso.com,enabled,r\n");
    }
    void headerInAnyOrderAndCase()
    {
        QFETCH(QByteArray, csv);
        const ChangeImportResult result = parse(csv);
        QVERIFY2(result.ok(), qPrintable(result.describeProblems().join(QLatin1Char('\n'))));
        QCOMPARE(result.changes.size(), 1);
        QCOMPARE(result.changes.front().mailbox.guid, kAliceGuid);
        QCOMPARE(result.changes.front().to, Override::Enabled);
        QCOMPARE(result.changes.front().reason, QStringLiteral("r"));
        QVERIFY(result.changes.front().ticket.isEmpty());
    }

    void lineEndingsAndBom_data()
    {
        QTest::addColumn<QByteArray>("csv");
        const QByteArray lf(
            "mailbox,to,reason\nalice@contoso.com,enabled,\"a\nb\"\n\nbob@contoso.com,disabled,c\n");
        QByteArray crlf = lf;
        crlf.replace("\n", "\r\n");
        QTest::newRow("LF") << lf;
        QTest::newRow("CRLF") << crlf;
        QTest::newRow("LF, no final newline") << lf.chopped(1);
        QTest::newRow("CRLF, no final newline") << crlf.chopped(2);
        QTest::newRow("BOM + LF") << QByteArray("\xEF\xBB\xBF") + lf;
        QTest::newRow("BOM + CRLF") << QByteArray("\xEF\xBB\xBF") + crlf;
    }
    void lineEndingsAndBom()
    {
        QFETCH(QByteArray, csv);
        const ChangeImportResult result = parse(csv);
        QVERIFY2(result.ok(), qPrintable(result.describeProblems().join(QLatin1Char('\n'))));
        QCOMPARE(result.changes.size(), 2);
        QCOMPARE(result.changes.at(0).line, 2);
        QCOMPARE(result.changes.at(0).mailbox.guid, kAliceGuid);
        QVERIFY(result.changes.at(0).reason == QStringLiteral("a\nb") ||
                result.changes.at(0).reason == QStringLiteral("a\r\nb"));
        QCOMPARE(result.changes.at(1).line, 5); // after the 2-line cell and the blank line
        QCOMPARE(result.changes.at(1).mailbox.guid, kBobGuid);
    }

    void quotedCellsKeepTheirText()
    {
        const ChangeImportResult result =
            parse(QByteArray("mailbox,to,reason,ticket\n"
                             "alice@contoso.com,enabled,\"Printer, floor 3\",\"T-1\"\n"
                             "bob@contoso.com,enabled,\"He said \"\"urgent\"\"\",\n"
                             "\"juergen.mueller@contoso.com\",inherit,\"line one\nline two, with comma\nline "
                             "\"\"three\"\"\",X\n"
                             "wang.wei@contoso.com,disabled,last,\n"));
        QVERIFY2(result.ok(), qPrintable(result.describeProblems().join(QLatin1Char('\n'))));
        QCOMPARE(result.changes.size(), 4);
        QCOMPARE(result.changes.at(0).reason, QStringLiteral("Printer, floor 3"));
        QCOMPARE(result.changes.at(0).ticket, QStringLiteral("T-1"));
        QCOMPARE(result.changes.at(1).reason, QStringLiteral("He said \"urgent\""));
        QCOMPARE(result.changes.at(2).reason,
                 QStringLiteral("line one\nline two, with comma\nline \"three\""));
        QCOMPARE(result.changes.at(2).line, 4);
        QCOMPARE(result.changes.at(3).line, 7);
    }

    void lineNumbersStayRightAfterAMultiLineCell()
    {
        const ChangeImportResult result = parse(QByteArray("mailbox,to,reason\r\n"
                                                           "alice@contoso.com,enabled,\"a\r\nb\r\nc\"\r\n"
                                                           "nobody@contoso.com,enabled,x\r\n"));
        QVERIFY(!result.ok());
        QCOMPARE(result.problems.size(), 1);
        QCOMPARE(result.problems.front().line, 5);
        QCOMPARE(
            result.problems.front().describe(),
            QStringLiteral("line 5: mailbox 'nobody@contoso.com' was not found; check the spelling, or use "
                           "its primary SMTP address or Guid"));
    }

    void nonAsciiNamesAndReasons()
    {
        const ChangeImportResult result =
            parse(utf8(QStringLiteral("mailbox,to,reason,ticket\n"
                                      "JÜRGEN.MÜLLER,enabled,Zähler für Drucker – Büro 3,Ärger-1\n"
                                      "王伟,disabled,扫描仪已更换,\n")));
        QVERIFY2(result.ok(), qPrintable(result.describeProblems().join(QLatin1Char('\n'))));
        QCOMPARE(result.changes.size(), 2);
        QCOMPARE(result.changes.at(0).mailbox.guid, kJuergenGuid);
        QCOMPARE(result.changes.at(0).mailboxText, QStringLiteral("JÜRGEN.MÜLLER"));
        QCOMPARE(result.changes.at(0).reason, QStringLiteral("Zähler für Drucker – Büro 3"));
        QCOMPARE(result.changes.at(0).ticket, QStringLiteral("Ärger-1"));
        QCOMPARE(result.changes.at(1).mailbox.guid, kWangGuid);
        QCOMPARE(result.changes.at(1).reason, QStringLiteral("扫描仪已更换"));

        const ChangeImportResult unknown = parse(utf8(QStringLiteral("mailbox,to,reason\nZoë,enabled,x\n")));
        QCOMPARE(unknown.problems.size(), 1);
        QVERIFY(unknown.problems.front().message.startsWith(QStringLiteral("mailbox 'Zoë' was not found")));
    }

    void formulaLookingReasonsAreData_data()
    {
        QTest::addColumn<QString>("reason");
        QTest::newRow("=") << QStringLiteral("=HYPERLINK(\"http://evil.example\",\"x\")");
        QTest::newRow("+") << QStringLiteral("+1+2");
        QTest::newRow("-") << QStringLiteral("-cmd|' /C calc'!A0");
        QTest::newRow("@") << QStringLiteral("@SUM(A1:A9)");
        QTest::newRow("apostrophe") << QStringLiteral("'=1");
    }
    void formulaLookingReasonsAreData()
    {
        QFETCH(QString, reason);
        QString escaped = reason;
        escaped.replace(QLatin1Char('"'), QLatin1String("\"\""));
        const ChangeImportResult result =
            parse(utf8(QStringLiteral("mailbox,to,reason\nalice@contoso.com,enabled,\"") + escaped +
                       QStringLiteral("\"\n")));
        QVERIFY2(result.ok(), qPrintable(result.describeProblems().join(QLatin1Char('\n'))));
        QCOMPARE(result.changes.front().reason, reason);
    }

    void identifiersOfAllKindsResolve_data()
    {
        QTest::addColumn<QString>("identifier");
        QTest::newRow("address") << QStringLiteral("alice@contoso.com");
        QTest::newRow("address upper case") << QStringLiteral("ALICE@CONTOSO.COM");
        QTest::newRow("alias") << QStringLiteral("alice");
        QTest::newRow("guid") << QStringLiteral("11111111-1111-1111-1111-111111111111");
        QTest::newRow("guid with braces") << QStringLiteral("{11111111-1111-1111-1111-111111111111}");
        QTest::newRow("external id") << QStringLiteral("aaaaaaaa-1111-1111-1111-111111111111");
    }
    void identifiersOfAllKindsResolve()
    {
        QFETCH(QString, identifier);
        const ChangeImportResult result =
            parse(utf8(QStringLiteral("mailbox,to,reason\n") + identifier + QStringLiteral(",enabled,r\n")));
        QVERIFY2(result.ok(), qPrintable(result.describeProblems().join(QLatin1Char('\n'))));
        QCOMPARE(result.changes.front().mailbox.guid, kAliceGuid);
        QCOMPARE(result.changes.front().mailboxText, identifier);

        // The indexed resolver for big tenants agrees with MailboxStore::findByIdentifier.
        const MailboxResolver indexed = ChangeImport::resolverOver(m_store);
        const std::optional<Mailbox> found = indexed(identifier);
        QVERIFY(found.has_value());
        QCOMPARE(found->guid, kAliceGuid);
    }

    void indexedResolverAgreesWithTheStore_data()
    {
        QTest::addColumn<QString>("identifier");
        QTest::newRow("bob") << QStringLiteral("  BOB ");
        QTest::newRow("non-ASCII alias") << QStringLiteral("JÜRGEN.MÜLLER");
        QTest::newRow("chinese alias") << QStringLiteral("王伟");
        QTest::newRow("unknown") << QStringLiteral("nobody@contoso.com");
        QTest::newRow("unknown guid") << QStringLiteral("99999999-9999-9999-9999-999999999999");
        QTest::newRow("empty") << QString();
    }
    void indexedResolverAgreesWithTheStore()
    {
        QFETCH(QString, identifier);
        const MailboxResolver indexed = ChangeImport::resolverOver(m_store);
        const std::optional<Mailbox> viaIndex = indexed(identifier);
        const int row = m_store.findByIdentifier(identifier);
        QCOMPARE(viaIndex.has_value(), row >= 0);
        if (row >= 0)
            QCOMPARE(*viaIndex, m_store.at(row));
    }

    // One bad thing per file: the problem names the right line and column, says what is wrong, and
    // nothing is returned to apply.
    void reportsEachKindOfBadInput_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("message");

        const QByteArray header("mailbox,to,reason\n");
        QTest::newRow("too many cells")
            << header + "alice@contoso.com,enabled,Printer, floor 3\n"
            << 2 << QString()
            << QStringLiteral(
                   "this row has 4 cells but the header has 3 columns (mailbox,to,reason); put a cell "
                   "that contains a comma in double quotes");
        QTest::newRow("too few cells")
            << header + "bob@contoso.com,enabled,ok\n\nalice@contoso.com,enabled\n"
            << 4 << QString()
            << QStringLiteral(
                   "this row has 2 cells but the header has 3 columns (mailbox,to,reason); add the "
                   "missing cells");
        QTest::newRow("empty mailbox")
            << header + "  ,enabled,r\n"
            << 2 << QStringLiteral("mailbox")
            << QStringLiteral("the mailbox cell is empty; write the mailbox's address, UPN, Guid or "
                              "ExternalDirectoryObjectId");
        QTest::newRow("bad value") << header + "alice@contoso.com, Enable ,r\n"
                                   << 2 << QStringLiteral("to")
                                   << QStringLiteral("'to' is 'Enable'; write enabled, disabled or inherit");
        QTest::newRow("wire value is not a word we accept")
            << header + "alice@contoso.com,false,r\n"
            << 2 << QStringLiteral("to")
            << QStringLiteral("'to' is 'false'; write enabled, disabled or inherit");
        QTest::newRow("empty value") << header + "alice@contoso.com,,r\n"
                                     << 2 << QStringLiteral("to")
                                     << QStringLiteral(
                                            "the 'to' cell is empty; write enabled, disabled or inherit");
        QTest::newRow("missing reason")
            << header + "alice@contoso.com,enabled,   \n"
            << 2 << QStringLiteral("reason")
            << QStringLiteral(
                   "the reason is empty; every change needs a reason (it is kept in the journal), for "
                   "example the ticket or the device that needs SMTP AUTH");
        QTest::newRow("duplicate target, same text")
            << header +
                   "alice@contoso.com,enabled,a\nbob@contoso.com,enabled,b\nALICE@contoso.com,disabled,c\n"
            << 4 << QStringLiteral("mailbox")
            << QStringLiteral(
                   "mailbox 'ALICE@contoso.com' is already changed on line 2; keep one row per mailbox");
        QTest::newRow("duplicate target by Guid")
            << header + "alice@contoso.com,enabled,a\n{11111111-1111-1111-1111-111111111111},disabled,c\n"
            << 3 << QStringLiteral("mailbox")
            << QStringLiteral("mailbox '{11111111-1111-1111-1111-111111111111}' is the same mailbox as "
                              "'alice@contoso.com' on line 2; keep one row per mailbox");
        QTest::newRow("duplicate target by alias")
            << header + "alice,enabled,a\nalice@contoso.com,enabled,b\n"
            << 3 << QStringLiteral("mailbox")
            << QStringLiteral(
                   "mailbox 'alice@contoso.com' is the same mailbox as 'alice' on line 2; keep one row "
                   "per mailbox");
        QTest::newRow("unknown mailbox")
            << header + "nobody@contoso.com,enabled,r\n"
            << 2 << QStringLiteral("mailbox")
            << QStringLiteral(
                   "mailbox 'nobody@contoso.com' was not found; check the spelling, or use its primary "
                   "SMTP address or Guid");
        QTest::newRow("unterminated quote")
            << header + "alice@contoso.com,enabled,ok\nbob@contoso.com,enabled,\"never closed\nmore text\n"
            << 3 << QString()
            << QStringLiteral(
                   "the quoted cell in column 3 (reason) starts on this line and is never closed; add "
                   "the closing double quote (\")");
        QTest::newRow("text after closing quote")
            << header + "alice@contoso.com,\"enabled\"x,r\n"
            << 2 << QString()
            << QStringLiteral(
                   "there is text after the closing double quote in column 2 (to); put the whole cell "
                   "in double quotes and write every quote inside it twice (\"\")");
        QTest::newRow("quote in unquoted cell")
            << header + "alice@contoso.com,enabled,5\" screen\n"
            << 2 << QString()
            << QStringLiteral(
                   "column 3 (reason) contains a double quote but is not quoted; put the whole cell in "
                   "double quotes and write the quote twice (\"\")");
        QTest::newRow("unknown column")
            << QByteArray("mailbox,to,reason,comment\nalice@contoso.com,enabled,r,c\n") << 1
            << QStringLiteral("comment")
            << QStringLiteral(
                   "the header has an unknown column 'comment'; the columns are mailbox, to, reason and "
                   "optionally ticket; remove or rename it");
        QTest::newRow("missing required column")
            << QByteArray("mailbox,reason\nalice@contoso.com,r\n") << 1 << QStringLiteral("to")
            << QStringLiteral(
                   "the header has no 'to' column; the first line must name the columns, for example "
                   "mailbox,to,reason,ticket");
        QTest::newRow("column named twice")
            << QByteArray("mailbox,to,reason,TO\nalice@contoso.com,enabled,r,disabled\n") << 1
            << QStringLiteral("to")
            << QStringLiteral("the header names the column 'to' twice (columns 2 and 4); keep one");
        QTest::newRow("unnamed column")
            << QByteArray("mailbox,to,reason,\nalice@contoso.com,enabled,r,\n") << 1 << QString()
            << QStringLiteral(
                   "column 4 of the header has no name; name it (mailbox,to,reason,ticket) or remove "
                   "the extra comma");
        QTest::newRow("no header")
            << QByteArray("alice@contoso.com,enabled,r\n") << 1 << QString()
            << QStringLiteral(
                   "this line is not a header (no column is named mailbox, to or reason); the first "
                   "line must name the columns, for example mailbox,to,reason,ticket");
        QTest::newRow("semicolon separated")
            << QByteArray("mailbox;to;reason\nalice@contoso.com;enabled;r\n") << 1 << QString()
            << QStringLiteral("the columns are separated by ';', not by commas; save the file as \"CSV UTF-8 "
                              "(comma delimited)\"");
        QTest::newRow("Excel separator hint for semicolons")
            << QByteArray("sep=;\nmailbox;to;reason\nalice@contoso.com;enabled;r\n") << 1 << QString()
            << QStringLiteral("the columns are separated by ';', not by commas; save the file as \"CSV UTF-8 "
                              "(comma delimited)\"");
        QTest::newRow("tab separated")
            << QByteArray("mailbox\tto\treason\nalice@contoso.com\tenabled\tr\n") << 1 << QString()
            << QStringLiteral(
                   "the columns are separated by tabs, not by commas; save the file as \"CSV UTF-8 "
                   "(comma delimited)\"");
        QTest::newRow("invalid UTF-8 (Windows-1252 file)")
            << header + "juergen.mueller@contoso.com,enabled,Z\xE4"
                        "hler\n"
            << 2 << QString()
            << QStringLiteral(
                   "this line is not valid UTF-8 (byte 0xE4 at byte 38); the file was probably saved "
                   "in a legacy encoding; save it as \"CSV UTF-8\"");
        QTest::newRow("overlong UTF-8")
            << header + "\n\nalice@contoso.com,enabled,\xC0\xAF\n"
            << 4 << QString()
            << QStringLiteral(
                   "this line is not valid UTF-8 (byte 0xC0 at byte 27); the file was probably saved "
                   "in a legacy encoding; save it as \"CSV UTF-8\"");
        QTest::newRow("NUL byte")
            << header + QByteArray("alice@contoso.com,enabled,r\0x\n", 30) << 2 << QString()
            << QStringLiteral(
                   "this line contains a NUL byte (at byte 28): the file looks like UTF-16 or is not a "
                   "text file; save it as \"CSV UTF-8\"");
        QTest::newRow("UTF-16 LE")
            << QByteArray("\xFF\xFE") + QByteArray("m\0a\0i\0l\0", 8) << 0 << QString()
            << QStringLiteral(
                   "the file is UTF-16; save it as UTF-8 (in Excel: \"CSV UTF-8 (comma delimited)\")");
        QTest::newRow("UTF-16 BE")
            << QByteArray("\xFE\xFF") + QByteArray("\0m\0a", 4) << 0 << QString()
            << QStringLiteral(
                   "the file is UTF-16; save it as UTF-8 (in Excel: \"CSV UTF-8 (comma delimited)\")");
        const QString empty =
            QStringLiteral("the file is empty; it needs a header line (mailbox,to,reason,ticket) "
                           "and one row per change");
        QTest::newRow("empty file") << QByteArray() << 0 << QString() << empty;
        QTest::newRow("BOM only") << QByteArray("\xEF\xBB\xBF") << 0 << QString() << empty;
        QTest::newRow("blank lines only") << QByteArray("\r\n\n  \n") << 0 << QString() << empty;
        const QString headerOnly =
            QStringLiteral("the file has a header but no rows; add one row per change below the header");
        QTest::newRow("header only") << QByteArray("mailbox,to,reason\r\n") << 0 << QString() << headerOnly;
        QTest::newRow("header and blank rows")
            << QByteArray("mailbox,to,reason\n,,\n\n") << 0 << QString() << headerOnly;
    }
    void reportsEachKindOfBadInput()
    {
        QFETCH(QByteArray, csv);
        QFETCH(int, line);
        QFETCH(QString, column);
        QFETCH(QString, message);
        const ChangeImportResult result = parse(csv);
        QVERIFY(!result.ok());
        QVERIFY(result.changes.isEmpty());
        QVERIFY(!result.problems.isEmpty());
        const ImportProblem &problem = result.problems.front();
        QCOMPARE(problem.line, line);
        QCOMPARE(problem.column, column);
        QCOMPARE(problem.message, message);
        QCOMPARE(problem.describe(),
                 line > 0 ? QStringLiteral("line %1: %2").arg(line).arg(problem.message) : problem.message);
        QCOMPARE(result.problems.size(), 1);
    }

    void everyProblemIsReportedInLineOrder()
    {
        const ChangeImportResult result =
            parse(QByteArray("Mailbox,To,Reason,Ticket\n"
                             "alice@contoso.com,enabled,printer,1\n"          // 2 ok
                             "nobody@contoso.com,enabled,x,\n"                // 3
                             "bob@contoso.com,maybe,\"two\nlines\",\n"        // 4-5
                             "alice,disabled,,\n"                             // 6
                             "\n"                                             // 7
                             "wang.wei@contoso.com,inherit,too,many,cells\n"  // 8
                             "nobody@contoso.com,enabled,again,\n"            // 9
                             "juergen.mueller@contoso.com,enabled,fine,\n")); // 10 ok
        QVERIFY(!result.ok());
        QVERIFY(result.changes.isEmpty());
        const QStringList expected{
            QStringLiteral(
                "line 3: mailbox 'nobody@contoso.com' was not found; check the spelling, or use its "
                "primary SMTP address or Guid"),
            QStringLiteral("line 4: 'to' is 'maybe'; write enabled, disabled or inherit"),
            QStringLiteral(
                "line 6: mailbox 'alice' is the same mailbox as 'alice@contoso.com' on line 2; keep one "
                "row per mailbox"),
            QStringLiteral(
                "line 6: the reason is empty; every change needs a reason (it is kept in the journal), "
                "for example the ticket or the device that needs SMTP AUTH"),
            QStringLiteral(
                "line 8: this row has 5 cells but the header has 4 columns (mailbox,to,reason,ticket); "
                "put a cell that contains a comma in double quotes"),
            QStringLiteral(
                "line 9: mailbox 'nobody@contoso.com' was not found; check the spelling, or use its "
                "primary SMTP address or Guid"),
            QStringLiteral(
                "line 9: mailbox 'nobody@contoso.com' is already changed on line 3; keep one row per "
                "mailbox"),
        };
        QCOMPARE(result.describeProblems(), expected);
        QCOMPARE(result.problems.at(1).column, QStringLiteral("to"));
        QCOMPARE(result.problems.at(3).column, QStringLiteral("reason"));
    }

    void rowsAreCheckedEvenWhenTheHeaderHasAnExtraColumn()
    {
        const ChangeImportResult result =
            parse(QByteArray("mailbox,to,reason,note\nnobody@contoso.com,enabled,r,n\n"));
        QCOMPARE(result.problems.size(), 2);
        QCOMPARE(result.problems.at(0).line, 1);
        QCOMPARE(result.problems.at(1).line, 2);
        QCOMPARE(result.problems.at(1).column, QStringLiteral("mailbox"));
    }

    void everyBadlyEncodedLineIsNamed()
    {
        const ChangeImportResult result =
            parse(QByteArray("mailbox,to,reason\n"
                             "alice@contoso.com,enabled,M\xFC"
                             "ller \xFC\n"
                             "bob@contoso.com,enabled,ok\n"
                             "juergen.mueller@contoso.com,enabled,\xE9t\xE9\n"));
        QVERIFY(result.changes.isEmpty());
        QCOMPARE(result.problems.size(), 2); // one per line, not one per byte
        QCOMPARE(result.problems.at(0).line, 2);
        QCOMPARE(result.problems.at(1).line, 4);
    }

    void limitsAreEnforced()
    {
        ChangeImportLimits limits;
        limits.maxRows = 2;
        ChangeImportResult result = parse(QByteArray("mailbox,to,reason\n"
                                                     "alice@contoso.com,enabled,a\n"
                                                     "bob@contoso.com,enabled,b\n"
                                                     "wang.wei@contoso.com,enabled,c\n"),
                                          limits);
        QVERIFY(result.changes.isEmpty());
        QCOMPARE(result.describeProblems(),
                 QStringList{
                     QStringLiteral("line 4: the file has more than 2 rows; split it into smaller files")});

        limits = ChangeImportLimits();
        limits.maxFileBytes = 20;
        result = parse(QByteArray("mailbox,to,reason\nalice@contoso.com,enabled,a\n"), limits);
        QVERIFY(result.changes.isEmpty());
        QCOMPARE(result.describeProblems(),
                 QStringList{QStringLiteral(
                     "the file is 46 bytes; the limit is 20 bytes; split it into smaller files")});

        QCOMPARE(ChangeImportLimits().maxFileBytes, 50LL * 1024 * 1024);
        QCOMPARE(ChangeImportLimits().maxRows, 1'000'000);
    }

    void longProblemListsAreCappedButCounted()
    {
        ChangeImportLimits limits;
        limits.maxListedProblems = 3;
        QByteArray csv("mailbox,to,reason\n");
        for (int i = 0; i < 5; ++i)
            csv += "nobody" + QByteArray::number(i) + "@contoso.com,enabled,r\n";
        const ChangeImportResult result = parse(csv, limits);
        QCOMPARE(result.problems.size(), 4);
        QCOMPARE(result.problems.at(2).line, 4);
        QCOMPARE(
            result.problems.at(3).describe(),
            QStringLiteral("2 more problems are not listed; fix the ones above and check the file again"));
    }

    void longValuesAreShortenedInMessages()
    {
        const QString longValue(200, QLatin1Char('x'));
        const ChangeImportResult result = parse(utf8(QStringLiteral("mailbox,to,reason\nalice@contoso.com,") +
                                                     longValue + QStringLiteral(",r\n")));
        QCOMPARE(result.problems.size(), 1);
        QVERIFY(result.problems.front().message.size() < 150);
        QVERIFY(result.problems.front().message.contains(QString(80, QLatin1Char('x')) + QChar(0x2026)));
    }

    void aLargeFileAgainstALargeTenant()
    {
        constexpr int kMailboxes = 20'000;
        MailboxStore tenant;
        tenant.reserve(kMailboxes);
        for (int i = 0; i < kMailboxes; ++i) {
            tenant.upsert(Mailbox{QUuid::createUuid(), QUuid(), QStringLiteral("User %1").arg(i),
                                  QStringLiteral("user%1@contoso.com").arg(i),
                                  QStringLiteral("user%1").arg(i), Override::Inherit});
        }
        QByteArray csv("mailbox,to,reason,ticket\r\n");
        for (int i = 0; i < kMailboxes; ++i)
            csv += "user" + QByteArray::number(i) + "@contoso.com,enabled,\"bulk, cleanup\",T-" +
                   QByteArray::number(i) + "\r\n";
        const ChangeImportResult result = ChangeImport::parse(csv, ChangeImport::resolverOver(tenant));
        QVERIFY(result.ok());
        QCOMPARE(result.changes.size(), kMailboxes);
        QCOMPARE(result.changes.back().line, kMailboxes + 1);
        QCOMPARE(result.changes.back().mailbox, tenant.at(kMailboxes - 1));
        QCOMPARE(result.changes.back().reason, QStringLiteral("bulk, cleanup"));
    }

    void aMissingResolverFindsNothing()
    {
        const ChangeImportResult result = ChangeImport::parse(
            QByteArray("mailbox,to,reason\nalice@contoso.com,enabled,r\n"), MailboxResolver());
        QCOMPARE(result.problems.size(), 1);
        QCOMPARE(result.problems.front().column, QStringLiteral("mailbox"));
    }
};

QTEST_GUILESS_MAIN(TestChangeImport)
#include "test_changeimport.moc"
