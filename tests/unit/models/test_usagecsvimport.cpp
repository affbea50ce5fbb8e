// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// The CSV files of the readiness sources: CsvTextDecoder (encodings and separators), the EAC "SMTP AUTH
// clients" export (SmtpAuthClientsReport, graph-protocol.md §6) and the Graph email app usage report
// (EmailAppUsageReport, graph-protocol.md §4).
#include "models/csvtextdecoder.h"
#include "models/emailappusagereport.h"
#include "models/smtpauthclientsreport.h"

#include <QStringEncoder>
#include <QTest>

using namespace smtpauth;
using Sender = SmtpAuthClientsReport::Sender;

namespace {

const QByteArray kUtf8Bom("\xEF\xBB\xBF");

QByteArray utf8(const QString &text)
{
    return text.toUtf8();
}

QByteArray encoded(const QString &text, QStringEncoder::Encoding encoding, bool bom)
{
    QStringEncoder encoder(encoding, bom ? QStringEncoder::Flag::WriteBom : QStringEncoder::Flag::Default);
    QByteArray bytes = encoder(text);
    Q_ASSERT(!encoder.hasError());
    return bytes;
}

// The EAC export as documented, plus the protocol column of October 2024.
const QString kEacHeader =
    QStringLiteral("Sender address,Domain,TLS 1.0,TLS 1.1,TLS 1.2,Messages sent,Authentication protocol");

QString eacFile(const QStringList &rows, const QString &header = kEacHeader,
                const QString &lineEnd = QStringLiteral("\r\n"))
{
    return header + lineEnd + rows.join(lineEnd) + lineEnd;
}

bool anyContains(const QStringList &list, const QString &needle)
{
    for (const QString &entry : list) {
        if (entry.contains(needle, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

// A small file with every interesting value, used in several encodings.
const QStringList kSampleRows{
    QStringLiteral("printer@contoso.com,contoso.com,0,0,100,1234,Basic Authentication"),
    QStringLiteral("jürgen.müller@contoso.com,contoso.com,0,10,90,7,OAuth"),
    QStringLiteral("app@contoso.com,contoso.com,0,0,100,12,Basic Authentication"),
};

void checkSample(const SmtpAuthClientsReport &report)
{
    QVERIFY2(report.ok(), qPrintable(report.error()));
    QCOMPARE(report.headers().first(), QStringLiteral("Sender address")); // no BOM left in the header
    QCOMPARE(report.senders().size(), size_t(3));
    QVERIFY(report.hasProtocolColumn());
    QCOMPARE(report.dataRows(), 3);
    QCOMPARE(report.duplicateRows(), 0);
    const Sender &printer = report.senders()[0];
    QCOMPARE(printer.address, QStringLiteral("printer@contoso.com"));
    QCOMPARE(printer.messagesSent, quint64(1234));
    QCOMPARE(printer.protocols, quint8(SmtpAuthClientsReport::Basic));
    QCOMPARE(printer.line, 2);
    const Sender &jurgen = report.senders()[1];
    QCOMPARE(jurgen.address, QStringLiteral("jürgen.müller@contoso.com"));
    QCOMPARE(jurgen.messagesSent, quint64(7));
    QCOMPARE(jurgen.protocols, quint8(SmtpAuthClientsReport::OAuth));
    QCOMPARE(jurgen.line, 3);
    QCOMPARE(report.senders()[2].line, 4);
    QVERIFY2(report.warnings().isEmpty(), qPrintable(report.warnings().join(u'\n')));
}

// The Graph usage report as downloaded: the columns of graph-protocol.md §4 in Microsoft's order.
const QStringList kUsageColumns{QStringLiteral("Report Refresh Date"),
                                QStringLiteral("User Principal Name"),
                                QStringLiteral("Display Name"),
                                QStringLiteral("Is Deleted"),
                                QStringLiteral("Deleted Date"),
                                QStringLiteral("Last Activity Date"),
                                QStringLiteral("Mail For Mac"),
                                QStringLiteral("Outlook For Mac"),
                                QStringLiteral("Outlook For Windows"),
                                QStringLiteral("Outlook For Mobile"),
                                QStringLiteral("Other For Mobile"),
                                QStringLiteral("Outlook For Web"),
                                QStringLiteral("POP3 App"),
                                QStringLiteral("IMAP4 App"),
                                QStringLiteral("SMTP App"),
                                QStringLiteral("Report Period")};

struct UsageLine
{
    QString upn;
    QString displayName; // written as a CSV cell (quote it yourself when needed)
    QString smtpApp;
    QString lastActivity = QStringLiteral("2026-12-05");
};

// A usage file with the columns in `order` (indexes into kUsageColumns).
QByteArray usageFile(const QList<UsageLine> &lines, const QList<int> &order, bool bom = true)
{
    QStringList header;
    for (int column : order)
        header.append(kUsageColumns.at(column));
    QString text = header.join(u',') + QStringLiteral("\r\n");
    for (const UsageLine &line : lines) {
        QStringList cells;
        for (int column : order) {
            switch (column) {
            case 0:
                cells.append(QStringLiteral("2026-12-06"));
                break;
            case 1:
                cells.append(line.upn);
                break;
            case 2:
                cells.append(line.displayName);
                break;
            case 3:
                cells.append(QStringLiteral("False"));
                break;
            case 5:
                cells.append(line.lastActivity);
                break;
            case 8:
                cells.append(QStringLiteral("Yes"));
                break;
            case 14:
                cells.append(line.smtpApp);
                break;
            case 15:
                cells.append(QStringLiteral("30"));
                break;
            default:
                cells.append(QString());
            }
        }
        text += cells.join(u',') + QStringLiteral("\r\n");
    }
    return (bom ? kUtf8Bom : QByteArray()) + text.toUtf8();
}

QList<int> microsoftOrder()
{
    QList<int> order;
    for (int i = 0; i < kUsageColumns.size(); ++i)
        order.append(i);
    return order;
}

} // namespace

class TestUsageCsvImport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // --- CsvTextDecoder ---------------------------------------------------------------------------

    void decoderEncodings_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("encoding");
        const QString text = QStringLiteral("Sender address,Messages sent\r\nzoë@contoso.com,3\r\n");
        QTest::newRow("utf-8") << utf8(text) << QStringLiteral("UTF-8");
        QTest::newRow("utf-8 bom") << kUtf8Bom + utf8(text) << QStringLiteral("UTF-8");
        QTest::newRow("utf-16le bom")
            << encoded(text, QStringEncoder::Utf16LE, true) << QStringLiteral("UTF-16LE");
        QTest::newRow("utf-16be bom")
            << encoded(text, QStringEncoder::Utf16BE, true) << QStringLiteral("UTF-16BE");
        QTest::newRow("utf-16le no bom")
            << encoded(text, QStringEncoder::Utf16LE, false) << QStringLiteral("UTF-16LE");
        QTest::newRow("utf-16be no bom")
            << encoded(text, QStringEncoder::Utf16BE, false) << QStringLiteral("UTF-16BE");
    }
    void decoderEncodings()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, encoding);
        const CsvTextDecoder::Decoded decoded = CsvTextDecoder::decode(bytes);
        QCOMPARE(decoded.encoding, encoding);
        QCOMPARE(decoded.text, QStringLiteral("Sender address,Messages sent\r\nzoë@contoso.com,3\r\n"));
        QCOMPARE(decoded.separator, QLatin1Char(','));
        QVERIFY(decoded.warnings.isEmpty());
    }

    void decoderOddUtf16IsWarned()
    {
        QByteArray bytes =
            encoded(QStringLiteral("Sender address\r\na@b.c\r\n"), QStringEncoder::Utf16LE, true);
        bytes.append('x');
        const CsvTextDecoder::Decoded decoded = CsvTextDecoder::decode(bytes);
        QCOMPARE(decoded.encoding, QStringLiteral("UTF-16LE"));
        QVERIFY(decoded.text.startsWith(QStringLiteral("Sender address\r\na@b.c\r\n")));
        QVERIFY(anyContains(decoded.warnings, QStringLiteral("middle of a character")));
    }

    void decoderEmptyInput()
    {
        const CsvTextDecoder::Decoded decoded = CsvTextDecoder::decode(QByteArray());
        QVERIFY(decoded.text.isEmpty());
        QCOMPARE(decoded.separator, QLatin1Char(','));
        const CsvTextDecoder::Decoded bomOnly = CsvTextDecoder::decode(kUtf8Bom);
        QVERIFY(bomOnly.text.isEmpty());
    }

    // "Windows Latin-1" is what Windows calls ANSI (code page 1252): 0x80-0x9F are letters and
    // punctuation there (€, ’, “ ”, Š, Ÿ ...), not the C1 controls of ISO 8859-1.
    void decoderReadsWindowsLatin1_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("text");
        QTest::newRow("ü") << QByteArray("m\xFCller") << QStringLiteral("müller");
        QTest::newRow("right quote") << QByteArray("O\x92"
                                                   "Brien")
                                     << QStringLiteral("O\u2019Brien");
        QTest::newRow("euro") << QByteArray("\x80 5") << QStringLiteral("\u20AC 5");
        QTest::newRow("quotes and dash")
            << QByteArray("\x93x\x94 \x96 \x85") << QStringLiteral("\u201Cx\u201D \u2013 \u2026");
        QTest::newRow("S caron, Y diaeresis") << QByteArray("\x8A\x9F") << QStringLiteral("\u0160\u0178");
        QTest::newRow("undefined 0x81 kept") << QByteArray("a\x81z") << QStringLiteral("a\u0081z");
    }
    void decoderReadsWindowsLatin1()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, text);
        const CsvTextDecoder::Decoded decoded = CsvTextDecoder::decode("Name\r\n" + bytes + "\r\n");
        QCOMPARE(decoded.text, QStringLiteral("Name\r\n") + text + QStringLiteral("\r\n"));
        QCOMPARE(decoded.warnings.size(), 1);
        QVERIFY(decoded.warnings.first().contains(QStringLiteral("line 2")));
    }

    // Every line that was not UTF-8 is said, if only as a count past the first ones: nothing silently.
    void decoderCountsLatin1LinesPastTheListed()
    {
        QByteArray bytes("Sender address\r\n");
        for (int i = 0; i < 100; ++i)
            bytes += "m\xFCller" + QByteArray::number(i) + "@contoso.com\r\n";
        const CsvTextDecoder::Decoded decoded = CsvTextDecoder::decode(bytes);
        QVERIFY(decoded.text.contains(QStringLiteral("müller99@contoso.com")));
        QVERIFY(decoded.warnings.size() < 100);
        QVERIFY(decoded.warnings.first().contains(QStringLiteral("line 2 ")));
        const QString last = decoded.warnings.last();
        QVERIFY2(last.contains(QStringLiteral("%1 more").arg(100 - (decoded.warnings.size() - 1))),
                 qPrintable(last));

        const SmtpAuthClientsReport report = SmtpAuthClientsReport::parse(bytes);
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QCOMPARE(report.senders().size(), size_t(100));
        QCOMPARE(report.senders()[42].address, QStringLiteral("müller42@contoso.com"));
        QVERIFY(anyContains(report.warnings(), QStringLiteral("more lines")));
    }

    // Old Mac exports end lines with a lone CR (CsvReader reads them as lines): a Latin-1 line is still
    // one line, and the UTF-8 lines around it stay UTF-8.
    void decoderLatin1LineWithLoneCrLineEnds()
    {
        const QByteArray bytes = "Sender address\r" + QStringLiteral("zoë@contoso.com").toUtf8() +
                                 "\rm\xFCller@contoso.com\r" + QStringLiteral("jürgen@contoso.com").toUtf8() +
                                 "\r";
        const CsvTextDecoder::Decoded decoded = CsvTextDecoder::decode(bytes);
        QCOMPARE(decoded.text,
                 QStringLiteral("Sender address\rzoë@contoso.com\rmüller@contoso.com\rjürgen@contoso.com\r"));
        QCOMPARE(decoded.warnings.size(), 1);
        QVERIFY2(decoded.warnings.first().contains(QStringLiteral("line 3 ")),
                 qPrintable(decoded.warnings.first()));
    }

    void separatorOf_data()
    {
        QTest::addColumn<QString>("header");
        QTest::addColumn<QChar>("separator");
        QTest::newRow("commas") << QStringLiteral("a,b,c") << QChar(u',');
        QTest::newRow("semicolons") << QStringLiteral("a;b;c") << QChar(u';');
        QTest::newRow("semicolons inside quotes") << QStringLiteral("\"a;b;c\",d") << QChar(u',');
        QTest::newRow("commas inside quotes") << QStringLiteral("\"a,b,c\";d;e") << QChar(u';');
        QTest::newRow("more semicolons") << QStringLiteral("a;b,c;d") << QChar(u';');
        QTest::newRow("tie is a comma") << QStringLiteral("a;b,c") << QChar(u',');
        QTest::newRow("one column") << QStringLiteral("Sender address") << QChar(u',');
        QTest::newRow("empty") << QString() << QChar(u',');
    }
    void separatorOf()
    {
        QFETCH(QString, header);
        QFETCH(QChar, separator);
        QCOMPARE(CsvTextDecoder::separatorOf(header), separator);
    }

    void normalizedHeader()
    {
        QCOMPARE(CsvTextDecoder::normalizedHeader(u"  Sender   Address \t"),
                 QStringLiteral("sender address"));
        QCOMPARE(CsvTextDecoder::normalizedHeader(u"SMTP App"), QStringLiteral("smtp app"));
        QCOMPARE(CsvTextDecoder::normalizedHeader(u""), QString());
    }

    // --- SmtpAuthClientsReport --------------------------------------------------------------------

    void eacUtf8WithBom()
    {
        const SmtpAuthClientsReport report =
            SmtpAuthClientsReport::parse(kUtf8Bom + utf8(eacFile(kSampleRows)));
        checkSample(report);
        QCOMPARE(report.encoding(), QStringLiteral("UTF-8"));
        QCOMPARE(report.separator(), QLatin1Char(','));
    }

    void eacUtf8WithoutBomAndLf()
    {
        const SmtpAuthClientsReport report =
            SmtpAuthClientsReport::parse(utf8(eacFile(kSampleRows, kEacHeader, QStringLiteral("\n"))));
        checkSample(report);
        QCOMPARE(report.encoding(), QStringLiteral("UTF-8"));
    }

    void eacUtf16_data()
    {
        QTest::addColumn<int>("encoding");
        QTest::addColumn<bool>("bom");
        QTest::addColumn<QString>("name");
        QTest::newRow("LE with BOM") << int(QStringEncoder::Utf16LE) << true << QStringLiteral("UTF-16LE");
        QTest::newRow("BE with BOM") << int(QStringEncoder::Utf16BE) << true << QStringLiteral("UTF-16BE");
        QTest::newRow("LE without BOM")
            << int(QStringEncoder::Utf16LE) << false << QStringLiteral("UTF-16LE");
        QTest::newRow("BE without BOM")
            << int(QStringEncoder::Utf16BE) << false << QStringLiteral("UTF-16BE");
    }
    void eacUtf16()
    {
        QFETCH(int, encoding);
        QFETCH(bool, bom);
        QFETCH(QString, name);
        const QByteArray bytes = encoded(eacFile(kSampleRows), QStringEncoder::Encoding(encoding), bom);
        if (bom)
            QVERIFY(bytes.startsWith(encoding == int(QStringEncoder::Utf16LE) ? "\xFF\xFE" : "\xFE\xFF"));
        const SmtpAuthClientsReport report = SmtpAuthClientsReport::parse(bytes);
        checkSample(report);
        QCOMPARE(report.encoding(), name);
    }

    // Excel's "Unicode text" in a European locale: UTF-16LE, BOM, ';'.
    void eacUtf16Semicolons()
    {
        QStringList rows;
        for (const QString &row : kSampleRows)
            rows.append(QString(row).replace(u',', u';'));
        const QByteArray bytes =
            encoded(eacFile(rows, QString(kEacHeader).replace(u',', u';')), QStringEncoder::Utf16LE, true);
        const SmtpAuthClientsReport report = SmtpAuthClientsReport::parse(bytes);
        checkSample(report);
        QCOMPARE(report.separator(), QLatin1Char(';'));
        QCOMPARE(report.encoding(), QStringLiteral("UTF-16LE"));
        QVERIFY(report.summary().contains(QStringLiteral("UTF-16LE")));
        QVERIFY(report.summary().contains(QStringLiteral("';'")));
    }

    void eacSemicolons()
    {
        const QString text =
            QStringLiteral("Sender address;Domain;Messages sent;Authentication protocol;Note\r\n"
                           "printer@contoso.com;contoso.com;15;Basic Authentication;Floor 2, east\r\n"
                           "\"scan;ner@contoso.com\";contoso.com;\"1,500\";OAuth;\"a;b\"\r\n");
        const SmtpAuthClientsReport report = SmtpAuthClientsReport::parse(utf8(text));
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QCOMPARE(report.separator(), QLatin1Char(';'));
        QCOMPARE(report.headers(),
                 (QStringList{QStringLiteral("Sender address"), QStringLiteral("Domain"),
                              QStringLiteral("Messages sent"), QStringLiteral("Authentication protocol"),
                              QStringLiteral("Note")}));
        QCOMPARE(report.senders().size(), size_t(2));
        QCOMPARE(report.senders()[0].messagesSent, quint64(15));
        QCOMPARE(report.senders()[0].protocols, quint8(SmtpAuthClientsReport::Basic));
        QCOMPARE(report.senders()[1].address, QStringLiteral("scan;ner@contoso.com"));
        QCOMPARE(report.senders()[1].messagesSent, quint64(1500));
        QCOMPARE(report.senders()[1].protocols, quint8(SmtpAuthClientsReport::OAuth));
        QVERIFY(report.warnings().isEmpty());
    }

    void eacQuotedFieldsWithCommas()
    {
        const QString text = QStringLiteral(
            "Sender address,Display name,Messages sent,Authentication protocol\r\n"
            "\"printer@contoso.com\",\"Printer, 2nd floor\",\"1,234\",\"Basic Authentication\"\r\n"
            "  \"o\"\"brien@contoso.com\" ,\"Say \"\"hi\"\", ok\",5,OAuth\r\n"
            "multi@contoso.com,\"line one\r\nline two\",3,OAuth\r\n"
            "after@contoso.com,x,1,OAuth\r\n");
        const SmtpAuthClientsReport report = SmtpAuthClientsReport::parse(utf8(text));
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QCOMPARE(report.senders().size(), size_t(4));
        QCOMPARE(report.senders()[0].address, QStringLiteral("printer@contoso.com"));
        QCOMPARE(report.senders()[0].messagesSent, quint64(1234));
        QCOMPARE(report.senders()[0].protocols, quint8(SmtpAuthClientsReport::Basic));
        QCOMPARE(report.senders()[1].address, QStringLiteral("o\"brien@contoso.com"));
        QCOMPARE(report.senders()[1].messagesSent, quint64(5));
        QCOMPARE(report.senders()[2].messagesSent, quint64(3));
        // A quoted line break makes one record of two lines; the next one starts on line 6.
        QCOMPARE(report.senders()[2].line, 4);
        QCOMPARE(report.senders()[3].line, 6);
        QCOMPARE(report.extraHeaders(), QStringList{QStringLiteral("Display name")});
        QVERIFY2(report.warnings().isEmpty(), qPrintable(report.warnings().join(u'\n')));
    }

    void eacUnknownColumnsKeptByName()
    {
        const QString header = QStringLiteral("Sender address, Domain ,TLS 1.0,TLS 1.1,TLS 1.2,Messages "
                                              "sent,Authentication protocol,Client IP,Custom");
        const SmtpAuthClientsReport report = SmtpAuthClientsReport::parse(utf8(eacFile(
            {QStringLiteral("a@contoso.com,contoso.com,0,0,100,3,Basic Authentication,203.0.113.7,x")},
            header)));
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QCOMPARE(report.headers(),
                 (QStringList{QStringLiteral("Sender address"), QStringLiteral("Domain"),
                              QStringLiteral("TLS 1.0"), QStringLiteral("TLS 1.1"), QStringLiteral("TLS 1.2"),
                              QStringLiteral("Messages sent"), QStringLiteral("Authentication protocol"),
                              QStringLiteral("Client IP"), QStringLiteral("Custom")}));
        QCOMPARE(report.extraHeaders(), (QStringList{QStringLiteral("Domain"), QStringLiteral("TLS 1.0"),
                                                     QStringLiteral("TLS 1.1"), QStringLiteral("TLS 1.2"),
                                                     QStringLiteral("Client IP"), QStringLiteral("Custom")}));
        QCOMPARE(report.senders().size(), size_t(1));
        QCOMPARE(report.senders()[0].messagesSent, quint64(3));
    }

    void eacColumnsInAnotherOrder()
    {
        const QString text =
            QStringLiteral("AUTHENTICATION PROTOCOL,messages sent,TLS 1.2,sender  ADDRESS\r\n"
                           "OAuth,9,100,printer@contoso.com\r\n");
        const SmtpAuthClientsReport report = SmtpAuthClientsReport::parse(utf8(text));
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QCOMPARE(report.senders().size(), size_t(1));
        QCOMPARE(report.senders()[0].address, QStringLiteral("printer@contoso.com"));
        QCOMPARE(report.senders()[0].messagesSent, quint64(9));
        QCOMPARE(report.senders()[0].protocols, quint8(SmtpAuthClientsReport::OAuth));
        QCOMPARE(report.extraHeaders(), QStringList{QStringLiteral("TLS 1.2")});
    }

    void eacSenderColumnByName()
    {
        // "Sender address" wins over an earlier header that merely mentions a sender.
        const QString text = QStringLiteral("Sender domain,Sender address,Messages sent\r\n"
                                            "contoso.com,printer@contoso.com,2\r\n");
        const SmtpAuthClientsReport report = SmtpAuthClientsReport::parse(utf8(text));
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QCOMPARE(report.senders()[0].address, QStringLiteral("printer@contoso.com"));
        QCOMPARE(report.extraHeaders(), QStringList{QStringLiteral("Sender domain")});
        // Any header with "sender" in it when there is no "Sender address".
        const SmtpAuthClientsReport loose = SmtpAuthClientsReport::parse(
            utf8(QStringLiteral("Sender,Messages sent\r\napp@contoso.com,4\r\n")));
        QVERIFY2(loose.ok(), qPrintable(loose.error()));
        QCOMPARE(loose.senders()[0].address, QStringLiteral("app@contoso.com"));
        QCOMPARE(loose.senders()[0].messagesSent, quint64(4));
    }

    // Like the sender column: "Messages sent" wins over an earlier header that merely mentions messages.
    void eacMessagesColumnByName()
    {
        const SmtpAuthClientsReport report = SmtpAuthClientsReport::parse(utf8(
            QStringLiteral("Sender address,TLS 1.2 (% of messages),Messages sent,Authentication protocol\r\n"
                           "printer@contoso.com,\"95,5\",40,Basic Authentication\r\n")));
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QCOMPARE(report.senders()[0].messagesSent, quint64(40));
        QCOMPARE(report.extraHeaders(), QStringList{QStringLiteral("TLS 1.2 (% of messages)")});
        QVERIFY2(report.warnings().isEmpty(), qPrintable(report.warnings().join(u'\n')));
    }

    void eacNoSenderColumnIsRefused()
    {
        const QString text =
            QStringLiteral("Recipient,Domain,Messages sent\r\na@contoso.com,contoso.com,3\r\n");
        const SmtpAuthClientsReport report = SmtpAuthClientsReport::parse(utf8(text));
        QVERIFY(!report.ok());
        QVERIFY(report.senders().empty());
        QVERIFY2(report.error().contains(QStringLiteral("Recipient, Domain, Messages sent")),
                 qPrintable(report.error()));
        QVERIFY(report.error().contains(QStringLiteral("sender"), Qt::CaseInsensitive));
        QCOMPARE(report.headers(), (QStringList{QStringLiteral("Recipient"), QStringLiteral("Domain"),
                                                QStringLiteral("Messages sent")}));
    }

    void eacEmptyFileIsRefused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("nothing") << QByteArray();
        QTest::newRow("bom only") << kUtf8Bom;
        QTest::newRow("blank lines") << QByteArray("\r\n\r\n  \r\n");
        QTest::newRow("utf-16 bom only") << QByteArray("\xFF\xFE");
    }
    void eacEmptyFileIsRefused()
    {
        QFETCH(QByteArray, bytes);
        const SmtpAuthClientsReport report = SmtpAuthClientsReport::parse(bytes);
        QVERIFY(!report.ok());
        QVERIFY(!report.error().isEmpty());
        QVERIFY(report.senders().empty());
    }

    void eacBlankLinesAndEmptySender()
    {
        const QString text = QStringLiteral("\r\n\r\nSender address,Messages sent\r\n"
                                            "a@contoso.com,1\r\n"
                                            "\r\n"
                                            ",5\r\n"
                                            "b@contoso.com,2\r\n");
        const SmtpAuthClientsReport report = SmtpAuthClientsReport::parse(utf8(text));
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QCOMPARE(report.senders().size(), size_t(2));
        QCOMPARE(report.senders()[0].line, 4);
        QCOMPARE(report.senders()[1].line, 7);
        QCOMPARE(report.dataRows(), 3); // the blank line is not a row; the one without a sender is
        QVERIFY(anyContains(report.warnings(), QStringLiteral("line 6: no sender address")));
    }

    void eacDuplicateSendersAreJoined()
    {
        const SmtpAuthClientsReport report = SmtpAuthClientsReport::parse(utf8(eacFile({
            QStringLiteral("Printer@Contoso.com,contoso.com,0,0,100,10,Basic Authentication"),
            QStringLiteral("other@contoso.com,contoso.com,0,0,100,1,OAuth"),
            QStringLiteral("printer@contoso.com,contoso.com,0,0,100,5,OAuth"),
            QStringLiteral(" PRINTER@CONTOSO.COM ,contoso.com,0,0,100,2,Basic Authentication"),
        })));
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QCOMPARE(report.senders().size(), size_t(2));
        QCOMPARE(report.dataRows(), 4);
        QCOMPARE(report.duplicateRows(), 2);
        const Sender &printer = report.senders()[0];
        QCOMPARE(printer.address, QStringLiteral("Printer@Contoso.com")); // as first written
        QCOMPARE(printer.messagesSent, quint64(17));
        QCOMPARE(printer.protocols, quint8(SmtpAuthClientsReport::Basic | SmtpAuthClientsReport::OAuth));
        QCOMPARE(printer.line, 2);
        QCOMPARE(SmtpAuthClientsReport::protocolNames(printer.protocols),
                 (QStringList{QStringLiteral("Basic"), QStringLiteral("OAuth")}));
        QCOMPARE(report.senders()[1].messagesSent, quint64(1));
        QVERIFY(report.summary().contains(QStringLiteral("2 senders from 4 rows")));
        QVERIFY(report.summary().contains(QStringLiteral("2 duplicate rows joined")));
    }

    void eacProtocolValues_data()
    {
        QTest::addColumn<QString>("cell");
        QTest::addColumn<int>("protocols");
        QTest::newRow("Basic Authentication")
            << QStringLiteral("Basic Authentication") << int(SmtpAuthClientsReport::Basic);
        QTest::newRow("OAuth") << QStringLiteral("OAuth") << int(SmtpAuthClientsReport::OAuth);
        QTest::newRow("lower basic") << QStringLiteral("basic") << int(SmtpAuthClientsReport::Basic);
        QTest::newRow("upper BASIC AUTH")
            << QStringLiteral("BASIC AUTH") << int(SmtpAuthClientsReport::Basic);
        QTest::newRow("OAUTH 2.0") << QStringLiteral("OAUTH 2.0") << int(SmtpAuthClientsReport::OAuth);
        QTest::newRow("Modern (OAuth2)")
            << QStringLiteral("Modern (oAuth2)") << int(SmtpAuthClientsReport::OAuth);
        QTest::newRow("both") << QStringLiteral("\"Basic Authentication, OAuth\"")
                              << int(SmtpAuthClientsReport::Basic | SmtpAuthClientsReport::OAuth);
        QTest::newRow("other") << QStringLiteral("NTLM") << int(SmtpAuthClientsReport::OtherProtocol);
        QTest::newRow("empty") << QString() << int(SmtpAuthClientsReport::NoProtocol);
        QTest::newRow("blank") << QStringLiteral("  ") << int(SmtpAuthClientsReport::NoProtocol);
    }
    void eacProtocolValues()
    {
        QFETCH(QString, cell);
        QFETCH(int, protocols);
        const SmtpAuthClientsReport report = SmtpAuthClientsReport::parse(
            utf8(QStringLiteral("Sender address,Messages sent,Authentication Protocol\r\na@contoso.com,1,") +
                 cell));
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QVERIFY(report.hasProtocolColumn());
        QCOMPARE(report.senders().size(), size_t(1));
        QCOMPARE(int(report.senders()[0].protocols), protocols);
    }

    void eacProtocolNames()
    {
        QCOMPARE(SmtpAuthClientsReport::protocolNames(0), QStringList());
        QCOMPARE(SmtpAuthClientsReport::protocolNames(SmtpAuthClientsReport::Basic),
                 QStringList{QStringLiteral("Basic")});
        QCOMPARE(SmtpAuthClientsReport::protocolNames(SmtpAuthClientsReport::OAuth),
                 QStringList{QStringLiteral("OAuth")});
        QCOMPARE(SmtpAuthClientsReport::protocolNames(SmtpAuthClientsReport::Basic |
                                                      SmtpAuthClientsReport::OAuth |
                                                      SmtpAuthClientsReport::OtherProtocol),
                 (QStringList{QStringLiteral("Basic"), QStringLiteral("OAuth"), QStringLiteral("Other")}));
    }

    void eacNoProtocolColumn()
    {
        const SmtpAuthClientsReport report = SmtpAuthClientsReport::parse(
            utf8(QStringLiteral("Sender address,Domain,TLS 1.0,TLS 1.1,TLS 1.2,Messages sent\r\n"
                                "printer@contoso.com,contoso.com,0,0,100,42\r\n"
                                "basic.oauth@contoso.com,contoso.com,0,0,100,1\r\n")));
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QVERIFY(!report.hasProtocolColumn());
        QCOMPARE(report.senders().size(), size_t(2));
        QCOMPARE(report.senders()[0].messagesSent, quint64(42));
        for (const Sender &sender : report.senders())
            QCOMPARE(sender.protocols, quint8(SmtpAuthClientsReport::NoProtocol));
        QCOMPARE(report.warnings().size(), 1);
        QVERIFY(report.warnings().first().contains(QStringLiteral("protocol")));
        QVERIFY(report.warnings().first().contains(QStringLiteral("cannot be told apart")));
    }

    void eacMessagesThatAreNotNumbers_data()
    {
        QTest::addColumn<QString>("cell");
        QTest::addColumn<bool>("number");
        QTest::addColumn<quint64>("messages");
        QTest::newRow("plain") << QStringLiteral("17") << true << quint64(17);
        QTest::newRow("thousands comma") << QStringLiteral("\"12,345\"") << true << quint64(12345);
        QTest::newRow("thousands space") << QStringLiteral("12 345") << true << quint64(12345);
        QTest::newRow("thousands nbsp") << QStringLiteral("12\u00A0345") << true << quint64(12345);
        QTest::newRow("padded") << QStringLiteral(" 8 ") << true << quint64(8);
        QTest::newRow("empty") << QString() << true << quint64(0);
        QTest::newRow("word") << QStringLiteral("lots") << false << quint64(0);
        QTest::newRow("negative") << QStringLiteral("-4") << false << quint64(0);
        QTest::newRow("decimal") << QStringLiteral("1.5") << false << quint64(0);
        QTest::newRow("percent") << QStringLiteral("50%") << false << quint64(0);
    }
    void eacMessagesThatAreNotNumbers()
    {
        QFETCH(QString, cell);
        QFETCH(bool, number);
        QFETCH(quint64, messages);
        const SmtpAuthClientsReport report = SmtpAuthClientsReport::parse(
            utf8(QStringLiteral("Sender address,Messages sent,Authentication protocol\r\n"
                                "first@contoso.com,1,OAuth\r\n"
                                "a@contoso.com,%1,Basic Authentication\r\n")
                     .arg(cell)));
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QCOMPARE(report.senders().size(), size_t(2));
        QCOMPARE(report.senders()[1].messagesSent, messages);
        if (number) {
            QVERIFY2(report.warnings().isEmpty(), qPrintable(report.warnings().join(u'\n')));
        } else {
            QCOMPARE(report.warnings().size(), 1);
            QVERIFY2(report.warnings().first().contains(QStringLiteral("line 3")),
                     qPrintable(report.warnings().first()));
            QVERIFY(report.warnings().first().contains(u'\'' + cell + u'\''));
        }
    }

    void eacTwoHundredThousandRows()
    {
        constexpr int kRows = 200000;
        QByteArray bytes = kUtf8Bom + utf8(kEacHeader) + "\r\n";
        bytes.reserve(kRows * 64);
        for (int i = 0; i < kRows; ++i) {
            bytes += "device";
            bytes += QByteArray::number(i);
            bytes += "@contoso.com,contoso.com,0,0,100,";
            bytes += QByteArray::number(i % 1000);
            bytes += i % 3 == 0 ? ",OAuth\r\n" : ",Basic Authentication\r\n";
        }
        const SmtpAuthClientsReport report = SmtpAuthClientsReport::parse(bytes);
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QCOMPARE(report.senders().size(), size_t(kRows));
        QCOMPARE(report.dataRows(), kRows);
        QCOMPARE(report.duplicateRows(), 0);
        QVERIFY(report.warnings().isEmpty());
        for (int i : {0, 1, 2, 999, 1000, 99999, 123457, kRows - 1}) {
            const Sender &sender = report.senders()[size_t(i)];
            QCOMPARE(sender.address, QStringLiteral("device%1@contoso.com").arg(i));
            QCOMPARE(sender.messagesSent, quint64(i % 1000));
            QCOMPARE(sender.protocols,
                     quint8(i % 3 == 0 ? SmtpAuthClientsReport::OAuth : SmtpAuthClientsReport::Basic));
            QCOMPARE(sender.line, i + 2);
        }
        QVERIFY(report.summary().contains(QStringLiteral("200000 senders from 200000 rows")));
    }

    void eacWarningsAreCapped()
    {
        constexpr int kBadRows = 120;
        QStringList rows;
        for (int i = 0; i < kBadRows; ++i)
            rows.append(QStringLiteral("s%1@contoso.com,contoso.com,0,0,100,many,OAuth").arg(i));
        const SmtpAuthClientsReport report = SmtpAuthClientsReport::parse(utf8(eacFile(rows)));
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QCOMPARE(report.senders().size(), size_t(kBadRows)); // problems never drop a row
        QCOMPARE(report.warnings().size(), SmtpAuthClientsReport::kMaxListedWarnings + 1);
        QVERIFY(report.warnings().first().contains(QStringLiteral("line 2:")));
        QVERIFY(report.warnings()
                    .at(SmtpAuthClientsReport::kMaxListedWarnings - 1)
                    .contains(QStringLiteral("line %1:").arg(SmtpAuthClientsReport::kMaxListedWarnings + 1)));
        QCOMPARE(report.warnings().last(), QStringLiteral("%1 more problems are not listed")
                                               .arg(kBadRows - SmtpAuthClientsReport::kMaxListedWarnings));
    }

    void eacWarningsAtTheCapAreNotCounted()
    {
        QStringList rows;
        for (int i = 0; i < SmtpAuthClientsReport::kMaxListedWarnings; ++i)
            rows.append(QStringLiteral("s%1@contoso.com,contoso.com,0,0,100,many,OAuth").arg(i));
        const SmtpAuthClientsReport report = SmtpAuthClientsReport::parse(utf8(eacFile(rows)));
        QCOMPARE(report.warnings().size(), SmtpAuthClientsReport::kMaxListedWarnings);
        QVERIFY(!report.warnings().last().contains(QStringLiteral("more problems")));
    }

    void eacLatin1LinesAreReadAndWarned()
    {
        QByteArray bytes = kUtf8Bom + utf8(kEacHeader) + "\r\n";
        bytes += utf8(QStringLiteral("zoë@contoso.com,contoso.com,0,0,100,1,OAuth\r\n")); // real UTF-8
        bytes += "m\xFCller@contoso.com,contoso.com,0,0,100,2,Basic Authentication\r\n";  // Latin-1 ü
        bytes += "plain@contoso.com,contoso.com,0,0,100,3,OAuth\r\n";
        const SmtpAuthClientsReport report = SmtpAuthClientsReport::parse(bytes);
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QCOMPARE(report.senders().size(), size_t(3));
        QCOMPARE(report.senders()[0].address, QStringLiteral("zoë@contoso.com"));
        QCOMPARE(report.senders()[1].address, QStringLiteral("müller@contoso.com"));
        QCOMPARE(report.senders()[1].messagesSent, quint64(2));
        QCOMPARE(report.senders()[2].address, QStringLiteral("plain@contoso.com"));
        QCOMPARE(report.warnings().size(), 1);
        QVERIFY2(report.warnings().first().contains(QStringLiteral("line 3")),
                 qPrintable(report.warnings().first()));
        QVERIFY(report.warnings().first().contains(QStringLiteral("Latin-1")));
        QVERIFY(report.encoding().startsWith(QStringLiteral("UTF-8")));
        QVERIFY(report.encoding().contains(QStringLiteral("Latin-1")));
    }

    void eacBrokenQuotingIsWarned()
    {
        const SmtpAuthClientsReport report = SmtpAuthClientsReport::parse(utf8(QStringLiteral(
            "Sender address,Messages sent\r\nok@contoso.com,1\r\n\"bad\"x@contoso.com,2\r\n")));
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QCOMPARE(report.senders().size(), size_t(2));
        QVERIFY(anyContains(report.warnings(), QStringLiteral("line 3: the quoting is broken")));
    }

    // --- EmailAppUsageReport ----------------------------------------------------------------------

    void usageMicrosoftOrderWithBomAndCrLf()
    {
        const QByteArray bytes = usageFile(
            {
                {QStringLiteral("alice@contoso.com"), QStringLiteral("Alice"), QStringLiteral("Yes")},
                {QStringLiteral("bob@contoso.com"), QStringLiteral("Bob"), QString()},
                {QStringLiteral("printer@contoso.com"), QStringLiteral("Printer"),
                 QStringLiteral("2026-12-01")},
            },
            microsoftOrder());
        QVERIFY(bytes.startsWith(kUtf8Bom));
        QVERIFY(bytes.contains("Report Period\r\n"));
        const EmailAppUsageReport report = EmailAppUsageReport::parse(bytes);
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QCOMPARE(report.rows().size(), size_t(3));
        QCOMPARE(report.smtpRows(), 2);
        QCOMPARE(report.concealedRows(), 0);
        QCOMPARE(report.refreshDate(), QDate(2026, 12, 6));
        QCOMPARE(report.reportPeriod(), QStringLiteral("30"));
        const EmailAppUsageReport::Row &alice = report.rows()[0];
        QCOMPARE(alice.userPrincipalName, QStringLiteral("alice@contoso.com"));
        QVERIFY(alice.smtpAppUsed);
        QVERIFY(!alice.concealed);
        QCOMPARE(alice.lastActivity, QDate(2026, 12, 5));
        QCOMPARE(alice.line, 2);
        QVERIFY(!report.rows()[1].smtpAppUsed);
        QVERIFY(report.rows()[2].smtpAppUsed);
        QCOMPARE(report.rows()[2].line, 4);
        QVERIFY(report.warnings().isEmpty());
    }

    void usageColumnsMoved()
    {
        const QList<UsageLine> lines{
            {QStringLiteral("alice@contoso.com"), QStringLiteral("Alice"), QStringLiteral("Yes")},
            {QStringLiteral("bob@contoso.com"), QStringLiteral("Bob"), QString()},
        };
        QList<int> reversed = microsoftOrder();
        std::reverse(reversed.begin(), reversed.end());
        const QList<int> shuffled{14, 7, 1, 15, 0, 2, 13, 5, 3, 12, 4, 6, 8, 9, 10, 11};
        const QList<int> minimal{14, 1}; // only the two columns needed
        for (const QList<int> &order : {reversed, shuffled, minimal}) {
            const EmailAppUsageReport report = EmailAppUsageReport::parse(usageFile(lines, order, false));
            QVERIFY2(report.ok(), qPrintable(report.error()));
            QCOMPARE(report.rows().size(), size_t(2));
            QCOMPARE(report.rows()[0].userPrincipalName, QStringLiteral("alice@contoso.com"));
            QVERIFY(report.rows()[0].smtpAppUsed);
            QCOMPARE(report.rows()[1].userPrincipalName, QStringLiteral("bob@contoso.com"));
            QVERIFY(!report.rows()[1].smtpAppUsed);
            QCOMPARE(report.smtpRows(), 1);
            if (order.contains(5))
                QCOMPARE(report.rows()[0].lastActivity, QDate(2026, 12, 5));
            else
                QVERIFY(report.rows()[0].lastActivity.isNull());
        }
    }

    void usageMissingColumnIsAnError_data()
    {
        QTest::addColumn<int>("dropped");
        QTest::addColumn<QString>("named");
        QTest::newRow("no SMTP App") << 14 << QStringLiteral("SMTP App");
        QTest::newRow("no User Principal Name") << 1 << QStringLiteral("User Principal Name");
    }
    void usageMissingColumnIsAnError()
    {
        QFETCH(int, dropped);
        QFETCH(QString, named);
        QList<int> order = microsoftOrder();
        order.removeAll(dropped);
        const EmailAppUsageReport report = EmailAppUsageReport::parse(usageFile(
            {{QStringLiteral("alice@contoso.com"), QStringLiteral("Alice"), QStringLiteral("Yes")}}, order));
        QVERIFY(!report.ok());
        QVERIFY(report.rows().empty());
        QVERIFY2(report.error().contains(QStringLiteral("no column ") + named), qPrintable(report.error()));
        // The headers found are named, so a person sees what the file is.
        QVERIFY2(report.error().contains(QStringLiteral("Report Refresh Date")), qPrintable(report.error()));
        QVERIFY(report.error().contains(QStringLiteral("IMAP4 App")));
        QVERIFY(report.error().contains(QStringLiteral("Report Period")));
    }

    void usageEmptyFileIsAnError()
    {
        QVERIFY(!EmailAppUsageReport::parse(QByteArray()).ok());
        QVERIFY(!EmailAppUsageReport::parse(kUtf8Bom).ok());
        const EmailAppUsageReport other = EmailAppUsageReport::parse("a,b\r\n1,2\r\n");
        QVERIFY(!other.ok());
        QVERIFY(other.error().contains(QStringLiteral("a, b")));
    }

    void looksConcealed_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("concealed");
        QTest::newRow("docs example") << QStringLiteral("FE7CC8C15246EDCCA289C9A4022762F7") << true;
        QTest::newRow("lower case") << QStringLiteral("fe7cc8c15246edcca289c9a4022762f7") << true;
        QTest::newRow("digits") << QStringLiteral("00000000000000000000000000000000") << true;
        QTest::newRow("31 hex") << QStringLiteral("FE7CC8C15246EDCCA289C9A4022762F") << false;
        QTest::newRow("33 hex") << QStringLiteral("FE7CC8C15246EDCCA289C9A4022762F70") << false;
        QTest::newRow("non-hex G") << QStringLiteral("GE7CC8C15246EDCCA289C9A4022762F7") << false;
        QTest::newRow("guid with dashes") << QStringLiteral("fe7cc8c1-5246-edcc-a289-c9a4022762f7") << false;
        QTest::newRow("address") << QStringLiteral("alice@contoso.com") << false;
        QTest::newRow("empty") << QString() << false;
    }
    void looksConcealed()
    {
        QFETCH(QString, name);
        QFETCH(bool, concealed);
        QCOMPARE(EmailAppUsageReport::looksConcealed(name), concealed);
    }

    void usageConcealedRowsAreFlaggedAndCounted()
    {
        const EmailAppUsageReport report = EmailAppUsageReport::parse(usageFile(
            {
                {QStringLiteral("FE7CC8C15246EDCCA289C9A4022762F7"), QStringLiteral("0A1B2C3D"),
                 QStringLiteral("Yes")},
                {QStringLiteral("alice@contoso.com"), QStringLiteral("Alice"), QStringLiteral("Yes")},
                {QStringLiteral("0123456789abcdef0123456789ABCDEF"), QStringLiteral("x"), QString()},
            },
            microsoftOrder()));
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QCOMPARE(report.rows().size(), size_t(3)); // kept, not dropped: the join counts them
        QCOMPARE(report.concealedRows(), 2);
        QCOMPARE(report.smtpRows(), 2);
        QVERIFY(report.rows()[0].concealed);
        QVERIFY(report.rows()[0].smtpAppUsed);
        QVERIFY(!report.rows()[1].concealed);
        QVERIFY(report.rows()[2].concealed);
    }

    void usageSmtpAppCell_data()
    {
        QTest::addColumn<QString>("cell");
        QTest::addColumn<bool>("used");
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("spaces") << QStringLiteral("  ") << false;
        QTest::newRow("quoted empty") << QStringLiteral("\"\"") << false;
        QTest::newRow("Yes") << QStringLiteral("Yes") << true;
        QTest::newRow("date") << QStringLiteral("2026-11-30") << true;
        QTest::newRow("count") << QStringLiteral("1") << true;
    }
    void usageSmtpAppCell()
    {
        QFETCH(QString, cell);
        QFETCH(bool, used);
        const EmailAppUsageReport report = EmailAppUsageReport::parse(usageFile(
            {{QStringLiteral("alice@contoso.com"), QStringLiteral("Alice"), cell}}, microsoftOrder()));
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QCOMPARE(report.rows().size(), size_t(1));
        QCOMPARE(report.rows()[0].smtpAppUsed, used);
        QCOMPARE(report.smtpRows(), used ? 1 : 0);
    }

    void usageQuotedDisplayNames()
    {
        const EmailAppUsageReport report = EmailAppUsageReport::parse(usageFile(
            {
                {QStringLiteral("anna@contoso.com"), QStringLiteral("\"Müller, Anna\""),
                 QStringLiteral("Yes")},
                {QStringLiteral("\"o'brien@contoso.com\""), QStringLiteral("\"Say \"\"hi\"\", ok\""),
                 QString()},
                {QStringLiteral("multi@contoso.com"), QStringLiteral("\"two\r\nlines, really\""),
                 QStringLiteral("Yes")},
                {QStringLiteral("last@contoso.com"), QStringLiteral("Last"), QStringLiteral("Yes")},
            },
            microsoftOrder()));
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QCOMPARE(report.rows().size(), size_t(4));
        QCOMPARE(report.rows()[0].userPrincipalName, QStringLiteral("anna@contoso.com"));
        QVERIFY(report.rows()[0].smtpAppUsed);
        QCOMPARE(report.rows()[0].lastActivity, QDate(2026, 12, 5));
        QCOMPARE(report.rows()[1].userPrincipalName, QStringLiteral("o'brien@contoso.com"));
        QVERIFY(!report.rows()[1].smtpAppUsed);
        QVERIFY(report.rows()[2].smtpAppUsed);
        QCOMPARE(report.rows()[3].line, 6);
        QVERIFY(report.rows()[3].smtpAppUsed);
        QVERIFY(report.warnings().isEmpty());
    }

    void usageRowWithoutNameIsSkippedAndWarned()
    {
        const EmailAppUsageReport report = EmailAppUsageReport::parse(usageFile(
            {
                {QString(), QStringLiteral("Nobody"), QStringLiteral("Yes")},
                {QStringLiteral("alice@contoso.com"), QStringLiteral("Alice"), QStringLiteral("Yes")},
            },
            microsoftOrder()));
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QCOMPARE(report.rows().size(), size_t(1));
        QCOMPARE(report.smtpRows(), 1);
        QVERIFY(anyContains(report.warnings(), QStringLiteral("line 2: no user principal name")));
    }

    void usageInUtf16()
    {
        const QByteArray utf8Bytes =
            usageFile({{QStringLiteral("zoë@contoso.com"), QStringLiteral("Zoë"), QStringLiteral("Yes")}},
                      microsoftOrder(), false);
        const EmailAppUsageReport report =
            EmailAppUsageReport::parse(encoded(QString::fromUtf8(utf8Bytes), QStringEncoder::Utf16LE, true));
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QCOMPARE(report.rows().size(), size_t(1));
        QCOMPARE(report.rows()[0].userPrincipalName, QStringLiteral("zoë@contoso.com"));
        QVERIFY(report.rows()[0].smtpAppUsed);
    }
};

QTEST_GUILESS_MAIN(TestUsageCsvImport)
#include "test_usagecsvimport.moc"
