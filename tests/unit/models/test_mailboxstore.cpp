#include "mailboxstore.h"

#include <QTest>

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
        const Mailbox a = makeMailbox(1, QStringLiteral("Zoë Ødegård-Müller"), QStringLiteral("zoe@contoso.com"),
                                      Override::Enabled);
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
        QVERIFY(!store.matchesSearch(0, MailboxStore::foldForSearch(u"old")));
        QVERIFY(store.matchesSearch(0, MailboxStore::foldForSearch(u"new name")));
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
        store.upsert(makeMailbox(3, QStringLiteral("Scanner Floor 3"), QStringLiteral("scanner-floor3@fabrikam.com")));
        const QString folded = MailboxStore::foldForSearch(needle);
        QList<int> found;
        for (int row = 0; row < store.size(); ++row) {
            if (store.matchesSearch(row, folded))
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
};

QTEST_GUILESS_MAIN(TestMailboxStore)
#include "test_mailboxstore.moc"
