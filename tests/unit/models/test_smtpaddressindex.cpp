// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// SmtpAddressIndex: which EmailAddresses entries are SMTP addresses, case folding, and what an address
// held by two mailboxes joins (readiness.md §2, "Joining").
#include "models/smtpaddressindex.h"

#include <QTest>

using namespace smtpauth;

namespace {

QUuid mailbox(int n)
{
    return QUuid(uint(0x1000 + n), 0, 0x4000, 0x80, 0, 0, 0, 0, 0, 0, uchar(n));
}

} // namespace

class TestSmtpAddressIndex : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void smtpAddressOf_data()
    {
        QTest::addColumn<QString>("entry");
        QTest::addColumn<QString>("address");
        QTest::newRow("primary") << QStringLiteral("SMTP:anna@contoso.com")
                                 << QStringLiteral("anna@contoso.com");
        QTest::newRow("secondary") << QStringLiteral("smtp:a.berg@fabrikam.com")
                                   << QStringLiteral("a.berg@fabrikam.com");
        QTest::newRow("mixed-case prefix")
            << QStringLiteral("Smtp:x@contoso.com") << QStringLiteral("x@contoso.com");
        QTest::newRow("spaces around")
            << QStringLiteral("  smtp: x@contoso.com ") << QStringLiteral("x@contoso.com");
        QTest::newRow("x500") << QStringLiteral("X500:/o=ExchangeLabs/ou=Exchange Administrative Group/cn=x")
                              << QString();
        QTest::newRow("sip") << QStringLiteral("SIP:anna@contoso.com") << QString();
        QTest::newRow("spo") << QStringLiteral("SPO:SPO_1234@SPO_5678") << QString();
        QTest::newRow("eum") << QStringLiteral("eum:1234;phone-context=contoso.com") << QString();
        QTest::newRow("no prefix") << QStringLiteral("anna@contoso.com") << QString();
        QTest::newRow("prefix only") << QStringLiteral("smtp:") << QString();
        QTest::newRow("prefix and blanks") << QStringLiteral("SMTP:   ") << QString();
        QTest::newRow("smtp inside another kind")
            << QStringLiteral("X400:smtp:anna@contoso.com") << QString();
    }
    void smtpAddressOf()
    {
        QFETCH(QString, entry);
        QFETCH(QString, address);
        QCOMPARE(SmtpAddressIndex::smtpAddressOf(entry).toString(), address);
    }

    void keepsOnlySmtpEntriesAndFoldsCase()
    {
        SmtpAddressIndex index;
        QVERIFY(index.addEntry(mailbox(1), u"SMTP:Anna.Berg@Contoso.com"));
        QVERIFY(index.addEntry(mailbox(1), u"smtp:anna@fabrikam.com"));
        QVERIFY(!index.addEntry(mailbox(1), u"X500:/o=ExchangeLabs/cn=Recipients/cn=printer@contoso.com"));
        QVERIFY(!index.addEntry(mailbox(1), u"SIP:sip-only@contoso.com"));
        QVERIFY(!index.addEntry(QUuid(), u"smtp:nobody@contoso.com"));
        // Nothing is visible before finish().
        QVERIFY(index.mailboxOf(u"anna@fabrikam.com").isNull());
        index.finish();
        QCOMPARE(index.addressCount(), 2);
        QCOMPARE(index.mailboxOf(u"anna.berg@contoso.com"), mailbox(1));
        QCOMPARE(index.mailboxOf(u"ANNA@FABRIKAM.COM"), mailbox(1));
        QCOMPARE(index.mailboxOf(u" anna@fabrikam.com "), mailbox(1));
        // Non-SMTP entries join nothing, even when their text holds an address.
        QVERIFY(index.mailboxOf(u"printer@contoso.com").isNull());
        QVERIFY(index.mailboxOf(u"sip-only@contoso.com").isNull());
        QVERIFY(index.mailboxOf(u"nobody@contoso.com").isNull());
        QVERIFY(index.mailboxOf(u"").isNull());
        // Case folding is Unicode's, not ASCII's (an IDN-style local part).
        SmtpAddressIndex unicode;
        unicode.addEntry(mailbox(2), u"smtp:JÜRGEN@contoso.com");
        unicode.finish();
        QCOMPARE(unicode.mailboxOf(u"jürgen@CONTOSO.com"), mailbox(2));
    }

    // Exchange keeps proxy addresses unique across recipients, so two mailboxes holding one address means
    // the list was read while the address moved (or two hashes collided). Neither wins: joining the
    // sender's Basic use to the wrong mailbox is worse than listing it as unmatched, where it is seen.
    void duplicatesAcrossMailboxesJoinNeither()
    {
        SmtpAddressIndex index;
        index.addEntry(mailbox(1), u"SMTP:printer@contoso.com");
        index.addEntry(mailbox(1), u"smtp:PRINTER@contoso.com"); // the same mailbox twice: one entry
        index.addEntry(mailbox(2), u"smtp:scanner@contoso.com");
        index.addEntry(mailbox(3), u"smtp:Scanner@Contoso.com");
        index.addEntry(mailbox(4), u"smtp:scanner@contoso.com");
        index.finish();
        QCOMPARE(index.addressCount(), 2);
        QCOMPARE(index.ambiguousCount(), 1);
        QCOMPARE(index.mailboxOf(u"printer@contoso.com"), mailbox(1));
        QVERIFY(!index.isAmbiguous(u"printer@contoso.com"));
        QVERIFY(index.mailboxOf(u"scanner@contoso.com").isNull());
        QVERIFY(index.isAmbiguous(u"SCANNER@contoso.com"));
        QVERIFY(!index.isAmbiguous(u"unknown@contoso.com"));
    }

    // Pages read on a worker are appended; an address that turns up for another mailbox on a later page
    // (or a later finish) is ambiguous too, and stays so.
    void appendedPagesAndALaterFinish()
    {
        SmtpAddressIndex index;
        SmtpAddressIndex page1;
        page1.addEntry(mailbox(1), u"SMTP:a@contoso.com");
        page1.addEntry(mailbox(1), u"smtp:alias@contoso.com");
        SmtpAddressIndex page2;
        page2.addEntry(mailbox(2), u"SMTP:b@contoso.com");
        index.append(std::move(page1));
        index.append(std::move(page2));
        QCOMPARE(page1.addressCount(), 0);
        index.finish();
        QCOMPARE(index.addressCount(), 3);
        QCOMPARE(index.mailboxOf(u"alias@contoso.com"), mailbox(1));
        QCOMPARE(index.mailboxOf(u"b@contoso.com"), mailbox(2));

        index.addEntry(mailbox(3), u"smtp:ALIAS@contoso.com");
        index.addEntry(mailbox(3), u"smtp:c@contoso.com");
        index.finish();
        QCOMPARE(index.addressCount(), 4);
        QVERIFY(index.isAmbiguous(u"alias@contoso.com"));
        index.addEntry(mailbox(1), u"smtp:alias@contoso.com");
        index.finish();
        QVERIFY(index.isAmbiguous(u"alias@contoso.com"));
        QCOMPARE(index.ambiguousCount(), 1);
        QCOMPARE(index.mailboxOf(u"c@contoso.com"), mailbox(3));

        index.clear();
        QCOMPARE(index.addressCount(), 0);
        QVERIFY(index.mailboxOf(u"a@contoso.com").isNull());
    }

    // The budget of the class comment: no text kept, 24 bytes an address.
    void compact()
    {
        SmtpAddressIndex index;
        for (int i = 0; i < 1000; ++i) {
            index.addEntry(mailbox(i), QStringLiteral("SMTP:user%1@contoso.com").arg(i));
            index.addEntry(mailbox(i), QStringLiteral("smtp:user%1@fabrikam.com").arg(i));
        }
        index.finish();
        QCOMPARE(index.addressCount(), 2000);
        QVERIFY2(index.memoryUsage() <= 2000 * 24, qPrintable(QString::number(index.memoryUsage())));
        QCOMPARE(index.mailboxOf(u"USER999@fabrikam.com"), mailbox(999));
    }
};

QTEST_GUILESS_MAIN(TestSmtpAddressIndex)
#include "test_smtpaddressindex.moc"
