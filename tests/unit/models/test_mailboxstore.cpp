// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/mailboxstore.h"

#include <QTest>
#include <cstring>

using namespace smtpauth;

namespace {
Mailbox makeMailbox(int n, const QString &name, const QString &address, Override value = Override::Inherit)
{
    Mailbox m;
    m.guid = QUuid::createUuidV5(QUuid(), QString::number(n));
    m.externalDirectoryObjectId = QUuid::createUuidV5(QUuid(), QStringLiteral("ext") + QString::number(n));
    m.displayName = name;
    m.primarySmtpAddress = address;
    m.alias = address.section(QLatin1Char('@'), 0, 0);
    m.smtpAuthOverride = value;
    return m;
}
} // namespace

class TestMailboxStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTripsEveryField()
    {
        MailboxStore store;
        const Mailbox a = makeMailbox(1, QStringLiteral("Zoë Ødegård-Müller"),
                                      QStringLiteral("zoe@contoso.com"), Override::Enabled);
        const Mailbox b = makeMailbox(2, QStringLiteral("王小明 \"quoted\"; =SUM(1)"),
                                      QStringLiteral("wang@contoso.com"), Override::Disabled);
        QCOMPARE(store.upsert(a), 0);
        QCOMPARE(store.upsert(b), 1);
        QCOMPARE(store.size(), 2);
        QCOMPARE(store.at(0), a);
        QCOMPARE(store.at(1), b);
        QCOMPARE(store.rowOfGuid(b.guid), 1);
        QCOMPARE(store.rowOfGuid(QUuid::createUuid()), -1);
    }

    void upsertReplacesSameGuid()
    {
        MailboxStore store;
        Mailbox a = makeMailbox(1, QStringLiteral("Old"), QStringLiteral("old@contoso.com"));
        store.upsert(a);
        a.displayName = QStringLiteral("New name");
        a.primarySmtpAddress = QStringLiteral("new@contoso.com");
        a.alias = QStringLiteral("new");
        a.smtpAuthOverride = Override::Disabled;
        QCOMPARE(store.upsert(a), 0);
        QCOMPARE(store.size(), 1);
        QCOMPARE(store.at(0), a);
        // The old name must no longer match a search.
        QVERIFY(!store.matchesNeedle(0, MailboxStore::searchNeedle(u"old")));
        QVERIFY(store.matchesNeedle(0, MailboxStore::searchNeedle(u"new name")));
    }

    void searchIsCaseInsensitiveSubstring_data()
    {
        QTest::addColumn<QString>("needle");
        QTest::addColumn<QList<int>>("rows");
        QTest::newRow("empty matches all") << QString() << QList<int>{0, 1, 2};
        QTest::newRow("name middle, other case") << QStringLiteral("DEGÅR") << QList<int>{0};
        QTest::newRow("address part") << QStringLiteral("@FABRIKAM") << QList<int>{2};
        QTest::newRow("alias") << QStringLiteral("scanner-floor") << QList<int>{2};
        QTest::newRow("CJK") << QStringLiteral("小明") << QList<int>{1};
        QTest::newRow("german sharp s folds") << QStringLiteral("STRASSE") << QList<int>{1};
        QTest::newRow("no match across fields") << QStringLiteral("müllerzoe") << QList<int>{};
        QTest::newRow("nothing") << QStringLiteral("xyz-none") << QList<int>{};
    }
    void searchIsCaseInsensitiveSubstring()
    {
        QFETCH(QString, needle);
        QFETCH(QList<int>, rows);
        MailboxStore store;
        store.upsert(makeMailbox(1, QStringLiteral("Zoë Ødegård-Müller"), QStringLiteral("zoe@contoso.com")));
        store.upsert(makeMailbox(2, QStringLiteral("王小明 Straße"), QStringLiteral("wang@contoso.com")));
        store.upsert(
            makeMailbox(3, QStringLiteral("Scanner Floor 3"), QStringLiteral("scanner-floor3@fabrikam.com")));
        const QByteArray folded = MailboxStore::searchNeedle(needle);
        QList<int> found;
        for (int row = 0; row < store.size(); ++row) {
            if (store.matchesNeedle(row, folded))
                found.append(row);
        }
        QCOMPARE(found, rows);
    }

    void findByIdentifier()
    {
        MailboxStore store;
        const Mailbox a = makeMailbox(1, QStringLiteral("Alice"), QStringLiteral("alice@contoso.com"));
        const Mailbox b = makeMailbox(2, QStringLiteral("Bob"), QStringLiteral("bob@contoso.com"));
        store.upsert(a);
        store.upsert(b);
        QCOMPARE(store.findByIdentifier(u"BOB@contoso.com"), 1);
        QCOMPARE(store.findByIdentifier(u" alice "), 0);
        QCOMPARE(store.findByIdentifier(b.guid.toString(QUuid::WithoutBraces)), 1);
        QCOMPARE(store.findByIdentifier(a.externalDirectoryObjectId.toString()), 0);
        QCOMPARE(store.findByIdentifier(u"carol@contoso.com"), -1);
        QCOMPARE(store.findByIdentifier(u""), -1);
    }

    void clearForgetsEverything()
    {
        MailboxStore store;
        const Mailbox a = makeMailbox(1, QStringLiteral("Alice"), QStringLiteral("alice@contoso.com"));
        store.upsert(a);
        store.clear();
        QCOMPARE(store.size(), 0);
        QCOMPARE(store.rowOfGuid(a.guid), -1);
        QCOMPARE(store.upsert(a), 0);
    }

    void manyRowsAcrossChunks()
    {
        // Enough rows and text to fill several row and text chunks; every row must read back intact.
        MailboxStore store;
        QList<Mailbox> added;
        for (int i = 0; i < 9000; ++i) {
            Mailbox m =
                makeMailbox(i, QStringLiteral("Person %1 ").arg(i) + QString(i % 97, QLatin1Char('x')),
                            QStringLiteral("person%1@contoso.com").arg(i), Override(i % 3));
            added << m;
            QCOMPARE(store.upsert(m), i);
        }
        for (int i = 0; i < added.size(); i += 7) {
            QCOMPARE(store.at(i), added.at(i));
            QCOMPARE(store.rowOfGuid(added.at(i).guid), i);
        }
        QCOMPARE(store.at(8999), added.at(8999));
        QVERIFY(store.matchesNeedle(4321, MailboxStore::searchNeedle(u"PERSON4321@")));
        QVERIFY(!store.matchesNeedle(4322, MailboxStore::searchNeedle(u"person4321@")));
        store.squeeze();
        QCOMPARE(store.at(8998), added.at(8998));
        QCOMPARE(
            store.upsert(makeMailbox(9000, QStringLiteral("After squeeze"), QStringLiteral("s@contoso.com"))),
            9000);
        QCOMPARE(store.displayName(9000), QStringLiteral("After squeeze"));
    }

    void guidIndexAgreesWithAHashThroughEveryGrowth()
    {
        // The index (linear probing with a one-byte hash tag per slot) against QHash, across every
        // doubling of the table: new Guids, replaced ones, and Guids that were never added.
        MailboxStore store;
        QHash<QUuid, int> reference;
        for (int i = 0; i < 40000; ++i) {
            const Mailbox added =
                makeMailbox(i, QStringLiteral("N%1").arg(i), QStringLiteral("n%1@contoso.com").arg(i));
            const int row = store.upsert(added);
            QCOMPARE(row, int(reference.size()));
            reference.insert(added.guid, row);
            if (i % 5 == 0) { // replace an earlier one: same row, no new slot
                const int earlier = (i * 7919) % (i + 1);
                Mailbox again = makeMailbox(earlier, QStringLiteral("Again %1").arg(earlier),
                                            QStringLiteral("again%1@contoso.com").arg(earlier));
                QCOMPARE(store.upsert(again), reference.value(again.guid));
                QCOMPARE(store.displayName(reference.value(again.guid)), again.displayName);
            }
            QCOMPARE(store.rowOfGuid(makeMailbox(-1 - i, {}, {}).guid), -1);
        }
        QCOMPARE(store.size(), int(reference.size()));
        for (auto it = reference.cbegin(); it != reference.cend(); ++it)
            QCOMPARE(store.rowOfGuid(it.key()), it.value());
    }

    void memoryStaysWithinTheBudget()
    {
        // Benchmark P2 (docs/benchmarks.md): at most 300 bytes per mailbox in total; the store is most of it.
        // Names of a typical tenant: ~14 characters, an address of ~35, an alias of ~14.
        MailboxStore store;
        const int count = 20000;
        for (int i = 0; i < count; ++i) {
            store.upsert(makeMailbox(i, QStringLiteral("Firstname Last%1").arg(i % 1000),
                                     QStringLiteral("firstname.last%1@contoso.onmicrosoft.com").arg(i)));
        }
        const double perMailbox = double(store.memoryUsage()) / count;
        QVERIFY2(perMailbox < 280, qPrintable(QString::number(perMailbox)));
    }

    void overlongFieldsAreCut()
    {
        MailboxStore store;
        const QString huge(MailboxStore::kMaxFieldLength + 100, QLatin1Char('a'));
        store.upsert(makeMailbox(1, huge, QStringLiteral("x@contoso.com")));
        QCOMPARE(store.displayName(0).size(), MailboxStore::kMaxFieldLength);
        QCOMPARE(store.primarySmtpAddress(0), QStringLiteral("x@contoso.com"));
    }

    void foldsBeyondTheBasicPlane()
    {
        MailboxStore store;
        // DESERET CAPITAL LETTER LONG I (U+10400) folds to U+10428; KELVIN SIGN folds to ASCII k.
        store.upsert(
            makeMailbox(1, QString::fromUcs4(U"\U00010400bc \u212A"), QStringLiteral("d@contoso.com")));
        QVERIFY(store.matchesNeedle(0, MailboxStore::searchNeedle(QString::fromUcs4(U"\U00010428BC"))));
        QVERIFY(store.matchesNeedle(0, MailboxStore::searchNeedle(u"c k")));
        QCOMPARE(MailboxStore::searchNeedle(u"STRAẞE"), QByteArrayLiteral("strasse"));
    }

    void sortKeysOrderLikeACaseInsensitiveCompare()
    {
        MailboxStore store;
        store.upsert(makeMailbox(1, QStringLiteral("bob"), QStringLiteral("B@contoso.com")));
        store.upsert(makeMailbox(2, QStringLiteral("Álvaro"), QStringLiteral("a@contoso.com")));
        store.upsert(makeMailbox(3, QStringLiteral("ALICE"), QStringLiteral("c@contoso.com")));
        QCOMPARE(store.foldedDisplayName(2), QByteArrayView("alice"));
        QCOMPARE(store.foldedAddress(0), QByteArrayView("b@contoso.com"));
        QVERIFY(store.foldedDisplayName(2).compare(store.foldedDisplayName(0)) < 0);
        // Same order as QString's case-insensitive compare (by code point after folding).
        QCOMPARE(store.foldedDisplayName(1).compare(store.foldedDisplayName(0)) < 0,
                 QStringLiteral("Álvaro").compare(QStringLiteral("bob"), Qt::CaseInsensitive) < 0);
    }

    void aDetachedCopyLeavesTheStoreAppendingInPlace()
    {
        MailboxStore store;
        for (int i = 0; i < 100; ++i)
            store.upsert(
                makeMailbox(i, QStringLiteral("Name %1").arg(i), QStringLiteral("n%1@contoso.com").arg(i)));
        const QChar *lastName = store.displayName(99).data();
        const char *lastKey = store.searchKey(99).data();
        const MailboxStore copy = store.detachedCopy();
        // The open chunks are the copy's own; the store goes on writing its own in place.
        QVERIFY(copy.displayName(99).data() != lastName);
        QVERIFY(copy.searchKey(99).data() != lastKey);
        for (int i = 100; i < 200; ++i)
            store.upsert(
                makeMailbox(i, QStringLiteral("Later %1").arg(i), QStringLiteral("l%1@contoso.com").arg(i)));
        Mailbox renamed = store.at(3);
        renamed.displayName = QStringLiteral("Renamed");
        store.upsert(renamed);
        QCOMPARE(store.displayName(99).data(), lastName); // views taken before still point at live text
        QCOMPARE(store.searchKey(99).data(), lastKey);
        QCOMPARE(store.size(), 200);
        QCOMPARE(store.displayName(3), QStringLiteral("Renamed"));
        // The copy is the store as it was.
        QCOMPARE(copy.size(), 100);
        QCOMPARE(copy.displayName(3), QStringLiteral("Name 3"));
        QCOMPARE(copy.rowOfGuid(makeMailbox(150, {}, {}).guid), -1);
        for (int row = 0; row < copy.size(); ++row) {
            Mailbox expected = store.at(row);
            if (row == 3)
                expected.displayName = QStringLiteral("Name 3");
            QCOMPARE(copy.at(row), expected);
        }
        QVERIFY(copy.matchesNeedle(3, MailboxStore::searchNeedle(u"name 3")));
        QVERIFY(!copy.matchesNeedle(3, MailboxStore::searchNeedle(u"renamed")));
    }

    void serializedStoreRoundTrips()
    {
        MailboxStore store;
        for (int i = 0; i < 3000; ++i)
            store.upsert(makeMailbox(i, QStringLiteral("Name %1").arg(i),
                                     QStringLiteral("n%1@contoso.com").arg(i), Override(i % 3)));
        Mailbox replaced = store.at(5);
        replaced.displayName = QStringLiteral("Renamed");
        store.upsert(replaced); // leaves garbage that serialize() must drop
        const MailboxStore::Serialized parts = store.serialize();
        QString error;
        const auto copy = MailboxStore::deserialize(parts.rows, parts.text, parts.keys, &error);
        QVERIFY2(copy.has_value(), qPrintable(error));
        QCOMPARE(copy->size(), store.size());
        for (int row = 0; row < store.size(); ++row)
            QCOMPARE(copy->at(row), store.at(row));
        QCOMPARE(copy->rowOfGuid(replaced.guid), 5);
        QVERIFY(copy->matchesNeedle(5, MailboxStore::searchNeedle(u"renamed")));

        QByteArray duplicated = parts.rows;
        duplicated.append(parts.rows.right((parts.rows.size() - 16) / 3000)); // the last record again
        const quint32 oneMore = 3001;
        std::memcpy(duplicated.data() + 8, &oneMore, sizeof oneMore); // the header's row count
        QVERIFY(!MailboxStore::deserialize(duplicated, parts.text, parts.keys, &error).has_value());
        QVERIFY2(error.contains(QStringLiteral("Guid")), qPrintable(error));
        QVERIFY(
            !MailboxStore::deserialize(parts.rows.chopped(3), parts.text, parts.keys, &error).has_value());
        QByteArray badOffset = parts.rows;
        badOffset[16 + 32] = char(0xff); // first record's text offset
        badOffset[16 + 35] = char(0x7f);
        QVERIFY(!MailboxStore::deserialize(badOffset, parts.text, parts.keys, &error).has_value());
        QVERIFY2(error.contains(QStringLiteral("damaged")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestMailboxStore)
#include "test_mailboxstore.moc"
