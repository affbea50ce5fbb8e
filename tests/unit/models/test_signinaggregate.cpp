// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// SignInAggregate: Basic SMTP AUTH sign-ins (graph-protocol.md §5) summed per user as pages arrive.
#include "models/signinaggregate.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>
#include <QTimeZone>

using namespace smtpauth;
using UserSignIns = SignInAggregate::UserSignIns;

namespace {

const QUuid kAlice = QUuid::fromString(QLatin1String("aaaaaaaa-0000-4000-8000-000000000001"));
const QUuid kBob = QUuid::fromString(QLatin1String("bbbbbbbb-0000-4000-8000-000000000002"));

QDateTime at(int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2026, 11, day), QTime(hour, minute), QTimeZone::utc());
}

// One record as Graph sends it (only the fields the aggregate reads, plus some it ignores).
QJsonObject record(const QUuid &userId, const QString &upn, const QDateTime &when, int errorCode = 0,
                   const QString &reason = QString(), const QString &ip = QStringLiteral("203.0.113.7"))
{
    QJsonObject object{
        {QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
        {QStringLiteral("createdDateTime"), when.toString(Qt::ISODateWithMs)},
        {QStringLiteral("appDisplayName"), QStringLiteral("Office 365 Exchange Online")},
        {QStringLiteral("clientAppUsed"), QStringLiteral("Authenticated SMTP")},
        {QStringLiteral("conditionalAccessStatus"), QStringLiteral("notApplied")},
        {QStringLiteral("status"),
         QJsonObject{{QStringLiteral("errorCode"), errorCode},
                     {QStringLiteral("failureReason"),
                      reason.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(reason)},
                     {QStringLiteral("additionalDetails"), QJsonValue(QJsonValue::Null)}}},
    };
    if (!userId.isNull())
        object.insert(QStringLiteral("userId"), userId.toString(QUuid::WithoutBraces));
    if (!upn.isNull())
        object.insert(QStringLiteral("userPrincipalName"), upn);
    if (!ip.isNull())
        object.insert(QStringLiteral("ipAddress"), ip);
    return object;
}

const UserSignIns *userById(const SignInAggregate &aggregate, const QUuid &id)
{
    for (const UserSignIns &user : aggregate.users()) {
        if (user.userId == id)
            return &user;
    }
    return nullptr;
}

const UserSignIns *userByName(const SignInAggregate &aggregate, const QString &upn)
{
    for (const UserSignIns &user : aggregate.users()) {
        if (user.userPrincipalName.compare(upn, Qt::CaseInsensitive) == 0)
            return &user;
    }
    return nullptr;
}

} // namespace

class TestSignInAggregate : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void empty()
    {
        const SignInAggregate aggregate;
        QVERIFY(aggregate.users().empty());
        QCOMPARE(aggregate.recordCount(), 0);
        QCOMPARE(aggregate.recordsWithoutUser(), 0);
        QCOMPARE(aggregate.pageCount(), 0);
        QVERIFY(aggregate.oldest().isNull());
        QVERIFY(aggregate.newest().isNull());
    }

    // Pages come newest first; a user's records are spread over several of them.
    void aggregatesPerUserIdOverPages()
    {
        const QString alice = QStringLiteral("alice@contoso.com");
        SignInAggregate aggregate;
        aggregate.addPage(QJsonArray{
            record(kAlice, alice, at(30, 19), 0),
            record(kAlice, alice, at(30, 18), 50126, QStringLiteral("Invalid username or password.")),
            record(kBob, QStringLiteral("bob@contoso.com"), at(30, 17), 0),
        });
        aggregate.addPage(QJsonArray{
            record(kAlice, alice, at(20, 12), 0),
            record(kAlice, alice, at(20, 11), 50053, QStringLiteral("Account is locked.")),
        });
        aggregate.addPage(QJsonArray{});
        aggregate.addPage(QJsonArray{record(kAlice, QStringLiteral("Alice@Contoso.com"), at(2, 8), 0)});

        QCOMPARE(aggregate.pageCount(), 4);
        QCOMPARE(aggregate.recordCount(), 6);
        QCOMPARE(aggregate.recordsWithoutUser(), 0);
        QCOMPARE(aggregate.users().size(), size_t(2));

        const UserSignIns *a = userById(aggregate, kAlice);
        QVERIFY(a);
        QCOMPARE(a->successes, 3u);
        QCOMPARE(a->failures, 2u);
        QCOMPARE(a->lastMs, at(30, 19).toMSecsSinceEpoch());
        // The latest failure's code and reason, not the last one read.
        QCOMPARE(a->lastFailureMs, at(30, 18).toMSecsSinceEpoch());
        QCOMPARE(a->lastErrorCode, 50126);
        QCOMPARE(a->lastFailureReason, QStringLiteral("Invalid username or password."));
        QCOMPARE(a->userPrincipalName, alice); // the latest seen, not the oldest page's spelling

        const UserSignIns *b = userById(aggregate, kBob);
        QVERIFY(b);
        QCOMPARE(b->successes, 1u);
        QCOMPARE(b->failures, 0u);
        QCOMPARE(b->lastFailureMs, 0);
        QCOMPARE(b->lastErrorCode, 0);
        QVERIFY(b->lastFailureReason.isEmpty());

        QCOMPARE(aggregate.oldest(), at(2, 8));
        QCOMPARE(aggregate.newest(), at(30, 19));
        QCOMPARE(aggregate.oldest().timeSpec(), Qt::UTC);
    }

    void outOfOrderRecordsKeepTheLatest()
    {
        SignInAggregate aggregate;
        aggregate.addRecord(
            record(kAlice, QStringLiteral("old.name@contoso.com"), at(1, 8), 50126, QStringLiteral("old")));
        aggregate.addRecord(
            record(kAlice, QStringLiteral("alice@contoso.com"), at(25, 8), 50053, QStringLiteral("new")));
        aggregate.addRecord(record(kAlice, QStringLiteral("older.name@contoso.com"), at(10, 8), 50097,
                                   QStringLiteral("mid")));
        const UserSignIns *a = userById(aggregate, kAlice);
        QVERIFY(a);
        QCOMPARE(a->failures, 3u);
        QCOMPARE(a->successes, 0u);
        QCOMPARE(a->lastMs, at(25, 8).toMSecsSinceEpoch());
        QCOMPARE(a->lastErrorCode, 50053);
        QCOMPARE(a->lastFailureReason, QStringLiteral("new"));
        QCOMPARE(a->userPrincipalName, QStringLiteral("alice@contoso.com"));
        QCOMPARE(aggregate.pageCount(), 0); // records added one by one are no page
    }

    void failuresAreNonZeroErrorCodes_data()
    {
        QTest::addColumn<QJsonValue>("status");
        QTest::addColumn<bool>("success");
        QTest::addColumn<int>("code");
        QTest::newRow("0") << QJsonValue(QJsonObject{{QStringLiteral("errorCode"), 0}}) << true << 0;
        QTest::newRow("50126") << QJsonValue(QJsonObject{{QStringLiteral("errorCode"), 50126}}) << false
                               << 50126;
        QTest::newRow("negative") << QJsonValue(QJsonObject{{QStringLiteral("errorCode"), -1}}) << false
                                  << -1;
        // Without a status (or a code) a record is no evidence of success.
        QTest::newRow("no status") << QJsonValue(QJsonValue::Undefined) << false << 0;
        QTest::newRow("null status") << QJsonValue(QJsonValue::Null) << false << 0;
        QTest::newRow("no code") << QJsonValue(
                                        QJsonObject{{QStringLiteral("failureReason"), QStringLiteral("x")}})
                                 << false << 0;
        QTest::newRow("string code") << QJsonValue(
                                            QJsonObject{{QStringLiteral("errorCode"), QStringLiteral("0")}})
                                     << false << 0;
    }
    void failuresAreNonZeroErrorCodes()
    {
        QFETCH(QJsonValue, status);
        QFETCH(bool, success);
        QFETCH(int, code);
        QJsonObject r = record(kAlice, QStringLiteral("alice@contoso.com"), at(5, 5));
        if (status.isUndefined())
            r.remove(QStringLiteral("status"));
        else
            r.insert(QStringLiteral("status"), status);
        SignInAggregate aggregate;
        aggregate.addRecord(r);
        QCOMPARE(aggregate.users().size(), size_t(1));
        const UserSignIns &user = aggregate.users().front();
        QCOMPARE(user.successes, success ? 1u : 0u);
        QCOMPARE(user.failures, success ? 0u : 1u);
        QCOMPARE(user.lastErrorCode, code);
        QCOMPARE(user.lastMs, at(5, 5).toMSecsSinceEpoch());
        QCOMPARE(user.lastFailureMs, success ? 0 : at(5, 5).toMSecsSinceEpoch());
    }

    void withoutUserIdByCaseInsensitiveName()
    {
        SignInAggregate aggregate;
        aggregate.addPage(QJsonArray{
            record({}, QStringLiteral("Printer@Contoso.com"), at(30, 10), 0),
            record({}, QStringLiteral("printer@contoso.com"), at(29, 10), 50126,
                   QStringLiteral("bad password")),
            record({}, QStringLiteral("PRINTER@CONTOSO.COM"), at(28, 10), 0),
            record({}, QStringLiteral("scanner@contoso.com"), at(28, 9), 0),
        });
        QCOMPARE(aggregate.users().size(), size_t(2));
        const UserSignIns *printer = userByName(aggregate, QStringLiteral("printer@contoso.com"));
        QVERIFY(printer);
        QVERIFY(printer->userId.isNull());
        QCOMPARE(printer->successes, 2u);
        QCOMPARE(printer->failures, 1u);
        QCOMPARE(printer->userPrincipalName, QStringLiteral("Printer@Contoso.com")); // of the latest record
        QCOMPARE(printer->lastErrorCode, 50126);
        QVERIFY(userByName(aggregate, QStringLiteral("scanner@contoso.com")));
    }

    void oneUserSeenWithAndWithoutItsIdIsOneEntry()
    {
        // Records of one device, some without the userId (the name only): one entry, whichever comes first.
        SignInAggregate aggregate;
        aggregate.addPage(QJsonArray{
            record({}, QStringLiteral("Printer@Contoso.com"), at(30, 10), 0, {},
                   QStringLiteral("203.0.113.1")),
            record(kAlice, QStringLiteral("printer@contoso.com"), at(29, 10), 50126,
                   QStringLiteral("bad password"), QStringLiteral("203.0.113.2")),
            record({}, QStringLiteral("PRINTER@contoso.com"), at(28, 10), 0, {},
                   QStringLiteral("203.0.113.1")),
            record(kBob, QStringLiteral("scanner@contoso.com"), at(28, 9), 0),
            record({}, QStringLiteral("Scanner@Contoso.com"), at(28, 8), 0),
        });
        QCOMPARE(aggregate.users().size(), size_t(2));
        const UserSignIns *printer = userById(aggregate, kAlice);
        QVERIFY(printer);
        QCOMPARE(printer->successes, 2u);
        QCOMPARE(printer->failures, 1u);
        QCOMPARE(printer->userPrincipalName, QStringLiteral("Printer@Contoso.com")); // of the latest record
        QCOMPARE(printer->topAddresses(2).value(0).ip, QStringLiteral("203.0.113.1"));
        QCOMPARE(printer->topAddresses(2).value(0).count, 2u);
        const UserSignIns *scanner = userById(aggregate, kBob);
        QVERIFY(scanner);
        QCOMPARE(scanner->successes, 2u);
        // A second id under a name already taken (a user deleted and created again) is another user.
        aggregate.addRecord(record(QUuid::fromString(QLatin1String("cccccccc-0000-4000-8000-000000000003")),
                                   QStringLiteral("printer@contoso.com"), at(27, 10), 0));
        QCOMPARE(aggregate.users().size(), size_t(3));
        QCOMPARE(userById(aggregate, kAlice)->successes, 2u);
    }

    void invalidUserIdFallsBackToName()
    {
        SignInAggregate aggregate;
        QJsonObject r = record({}, QStringLiteral("printer@contoso.com"), at(30, 10));
        r.insert(QStringLiteral("userId"), QStringLiteral("not-a-guid"));
        aggregate.addRecord(r);
        aggregate.addRecord(record({}, QStringLiteral("PRINTER@contoso.com"), at(30, 11)));
        QCOMPARE(aggregate.users().size(), size_t(1));
        QCOMPARE(aggregate.users().front().successes, 2u);
        // A braced id is the same id.
        QJsonObject braced = record({}, QStringLiteral("alice@contoso.com"), at(30, 12));
        braced.insert(QStringLiteral("userId"), kAlice.toString(QUuid::WithBraces));
        aggregate.addRecord(braced);
        aggregate.addRecord(record(kAlice, QStringLiteral("alice@contoso.com"), at(30, 13)));
        QCOMPARE(aggregate.users().size(), size_t(2));
        QCOMPARE(userById(aggregate, kAlice)->successes, 2u);
    }

    void recordsWithNeitherIdNorName()
    {
        SignInAggregate aggregate;
        aggregate.addPage(QJsonArray{
            record({}, QString(), at(30, 10)),
            record({}, QStringLiteral(""), at(30, 9)),
            QJsonValue(QStringLiteral("not an object")),
            record(kBob, QString(), at(30, 8)),
        });
        QCOMPARE(aggregate.recordCount(), 4);
        QCOMPARE(aggregate.recordsWithoutUser(), 3);
        QCOMPARE(aggregate.users().size(), size_t(1));
        QCOMPARE(aggregate.users().front().userId, kBob);
        QVERIFY(aggregate.users().front().userPrincipalName.isEmpty());
        QCOMPARE(aggregate.users().front().successes, 1u);
        // Only the counted user's record dates the aggregate.
        QCOMPARE(aggregate.newest(), at(30, 8));
    }

    void clientAddresses()
    {
        SignInAggregate aggregate;
        // First seen: A B C D (tracked), then E F (others); counts A3 B1 C5 D2 E1 F1.
        const QStringList sequence{QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C"),
                                   QStringLiteral("A"), QStringLiteral("D"), QStringLiteral("C"),
                                   QStringLiteral("E"), QStringLiteral("C"), QStringLiteral("F"),
                                   QStringLiteral("D"), QStringLiteral("C"), QStringLiteral("A"),
                                   QStringLiteral("C")};
        int minute = 0;
        for (const QString &name : sequence) {
            aggregate.addRecord(record(kAlice, QStringLiteral("alice@contoso.com"), at(20, 10, minute++), 0,
                                       QString(), QStringLiteral("198.51.100.") + name));
        }
        aggregate.addRecord(
            record(kAlice, QStringLiteral("alice@contoso.com"), at(20, 11), 0, QString(), QString()));
        aggregate.addRecord(record(kAlice, QStringLiteral("alice@contoso.com"), at(20, 12), 0, QString(),
                                   QStringLiteral("")));
        static_assert(SignInAggregate::kTrackedAddresses == 4,
                      "the sequence above assumes 4 tracked addresses");
        const UserSignIns &user = *userById(aggregate, kAlice);
        QCOMPARE(user.successes, 15u);
        QCOMPARE(user.addresses[0].ip, QStringLiteral("198.51.100.A"));
        QCOMPARE(user.addresses[0].count, 3u);
        QCOMPARE(user.addresses[1].ip, QStringLiteral("198.51.100.B"));
        QCOMPARE(user.addresses[1].count, 1u);
        QCOMPARE(user.addresses[2].ip, QStringLiteral("198.51.100.C"));
        QCOMPARE(user.addresses[2].count, 5u);
        QCOMPARE(user.addresses[3].ip, QStringLiteral("198.51.100.D"));
        QCOMPARE(user.addresses[3].count, 2u);
        QCOMPARE(user.otherAddresses, 2u); // E and F; records without an address are not counted

        const QList<SignInAggregate::ClientAddress> top = user.topAddresses(3);
        QCOMPARE(top.size(), 3);
        QCOMPARE(top[0].ip, QStringLiteral("198.51.100.C"));
        QCOMPARE(top[0].count, 5u);
        QCOMPARE(top[1].ip, QStringLiteral("198.51.100.A"));
        QCOMPARE(top[2].ip, QStringLiteral("198.51.100.D"));
        QCOMPARE(user.topAddresses(10).size(), 4);
        QCOMPARE(user.topAddresses(0).size(), 0);
        QCOMPARE(user.topAddresses(10).last().ip, QStringLiteral("198.51.100.B"));
    }

    void topAddressesTiesKeepFirstSeenOrder()
    {
        SignInAggregate aggregate;
        for (const char *ip : {"10.0.0.2", "10.0.0.1", "10.0.0.3", "10.0.0.1", "10.0.0.2"})
            aggregate.addRecord(record(kBob, QStringLiteral("bob@contoso.com"), at(3, 3), 0, QString(),
                                       QString::fromLatin1(ip)));
        const QList<SignInAggregate::ClientAddress> top = aggregate.users().front().topAddresses(3);
        QCOMPARE(top.size(), 3);
        QCOMPARE(top[0].ip, QStringLiteral("10.0.0.2"));
        QCOMPARE(top[1].ip, QStringLiteral("10.0.0.1"));
        QCOMPARE(top[2].ip, QStringLiteral("10.0.0.3"));
        QVERIFY(aggregate.users().front().topAddresses(3).size() <= 3);
        // A user with no address has none.
        SignInAggregate none;
        none.addRecord(record(kBob, QStringLiteral("bob@contoso.com"), at(3, 3), 0, QString(), QString()));
        QVERIFY(none.users().front().topAddresses(3).isEmpty());
        QCOMPARE(none.users().front().otherAddresses, 0u);
    }

    // Graph writes seven fractional digits (graph-protocol.md §5).
    void parsesGraphTimestamps_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QDateTime>("expected");
        const QDateTime second(QDate(2026, 11, 30), QTime(19, 15, 41), QTimeZone::utc());
        QTest::newRow("7 digits") << QStringLiteral("2026-11-30T19:15:41.6195833Z") << second.addMSecs(619);
        QTest::newRow("3 digits") << QStringLiteral("2026-11-30T19:15:41.619Z") << second.addMSecs(619);
        QTest::newRow("no fraction") << QStringLiteral("2026-11-30T19:15:41Z") << second;
        QTest::newRow("offset") << QStringLiteral("2026-11-30T20:15:41+01:00") << second;
    }
    void parsesGraphTimestamps()
    {
        QFETCH(QString, text);
        QFETCH(QDateTime, expected);
        QJsonObject r = record(kAlice, QStringLiteral("alice@contoso.com"), QDateTime());
        r.insert(QStringLiteral("createdDateTime"), text);
        SignInAggregate aggregate;
        aggregate.addRecord(r);
        const qint64 lastMs = aggregate.users().front().lastMs;
        // Within the millisecond the fraction rounds to, whichever way it rounds.
        QVERIFY2(
            qAbs(lastMs - expected.toMSecsSinceEpoch()) <= 1,
            qPrintable(QDateTime::fromMSecsSinceEpoch(lastMs, QTimeZone::utc()).toString(Qt::ISODateWithMs)));
        QVERIFY(qAbs(aggregate.newest().toMSecsSinceEpoch() - expected.toMSecsSinceEpoch()) <= 1);
        QVERIFY(qAbs(aggregate.oldest().toMSecsSinceEpoch() - expected.toMSecsSinceEpoch()) <= 1);
    }

    void recordsWithoutATimeDoNotDateTheAggregate()
    {
        SignInAggregate aggregate;
        QJsonObject undated =
            record(kAlice, QStringLiteral("alice@contoso.com"), at(10, 10), 50126, QStringLiteral("x"));
        undated.remove(QStringLiteral("createdDateTime"));
        aggregate.addRecord(undated);
        QJsonObject garbage = record(kAlice, QStringLiteral("alice@contoso.com"), at(10, 10));
        garbage.insert(QStringLiteral("createdDateTime"), QStringLiteral("yesterday"));
        aggregate.addRecord(garbage);
        QVERIFY(aggregate.oldest().isNull());
        QVERIFY(aggregate.newest().isNull());
        const UserSignIns &user = aggregate.users().front();
        QCOMPARE(user.successes, 1u);
        QCOMPARE(user.failures, 1u);
        QCOMPARE(user.lastErrorCode, 50126);
        QCOMPARE(user.lastMs, 0);
        // A dated record afterwards is the latest.
        aggregate.addRecord(
            record(kAlice, QStringLiteral("alice@contoso.com"), at(12, 12), 50053, QStringLiteral("y")));
        QCOMPARE(aggregate.users().front().lastMs, at(12, 12).toMSecsSinceEpoch());
        QCOMPARE(aggregate.users().front().lastErrorCode, 50053);
        QCOMPARE(aggregate.oldest(), at(12, 12));
        QCOMPARE(aggregate.newest(), at(12, 12));
    }

    // Memory grows with the users, not with the records (P8): no record is kept.
    void memoryDoesNotGrowWithRecords()
    {
        SignInAggregate aggregate;
        const QString reason = QStringLiteral("Invalid username or password.");
        aggregate.addRecord(record(kAlice, QStringLiteral("alice@contoso.com"), at(1, 0), 50126, reason));
        const qsizetype afterOne = aggregate.memoryUsage();
        QVERIFY(afterOne > 0);
        for (int page = 0; page < 10; ++page) {
            QJsonArray records;
            for (int i = 0; i < 1000; ++i)
                records.append(record(kAlice, QStringLiteral("alice@contoso.com"),
                                      at(2 + page, i % 24, i % 60), i % 2 ? 50126 : 0, reason,
                                      QStringLiteral("203.0.113.%1").arg(i % 3)));
            aggregate.addPage(records);
        }
        QCOMPARE(aggregate.recordCount(), 10001);
        QCOMPARE(aggregate.users().size(), size_t(1));
        QCOMPARE(aggregate.users().front().successes, 5000u);
        QCOMPARE(aggregate.users().front().failures, 5001u);
        QVERIFY2(aggregate.memoryUsage() <= afterOne + 256,
                 qPrintable(QStringLiteral("%1 -> %2").arg(afterOne).arg(aggregate.memoryUsage())));
        // And it does grow with the users.
        for (int i = 0; i < 100; ++i)
            aggregate.addRecord(
                record(QUuid::createUuid(), QStringLiteral("u%1@contoso.com").arg(i), at(3, 3)));
        QCOMPARE(aggregate.users().size(), size_t(101));
        QVERIFY(aggregate.memoryUsage() > afterOne + 100 * qsizetype(sizeof(UserSignIns)));
    }
};

QTEST_GUILESS_MAIN(TestSignInAggregate)
#include "test_signinaggregate.moc"
