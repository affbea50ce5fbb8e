// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// ReadinessClassifier (readiness.md §3, first match wins), the class vocabulary, and CutoffCalendar.
#include "models/cutoffcalendar.h"
#include "models/readinessclass.h"

#include <QSet>
#include <QTest>
#include <QTimeZone>

using namespace smtpauth;

Q_DECLARE_METATYPE(smtpauth::ReadinessFacts)

namespace {

// Facts for one case, read like the columns of §3. Starts from "a source was read, nothing seen".
struct Facts
{
    ReadinessFacts f;
    Facts() { f.anyUsageSourceRead = true; }
    Facts &noSource()
    {
        f.anyUsageSourceRead = false;
        return *this;
    }
    // A successful Basic sign-in (or Basic rows): Basic use implies attempt and SMTP AUTH use.
    Facts &basicUse()
    {
        f.basicUse = f.basicAttempt = f.smtpAuthUse = true;
        return *this;
    }
    // Failed Basic sign-ins only.
    Facts &basicAttemptOnly()
    {
        f.basicAttempt = f.smtpAuthUse = true;
        return *this;
    }
    Facts &smtpUse()
    {
        f.smtpAuthUse = true;
        return *this;
    }
    Facts &toldApart(bool value = true)
    {
        f.basicVsOAuthToldApart = value;
        return *this;
    }
    Facts &basicNow(Verdict value)
    {
        f.basicNow = value;
        return *this;
    }
    Facts &oauth(Verdict value)
    {
        f.oauth = value;
        return *this;
    }
    Facts & override(Override value)
    {
        f.smtpAuthOverride = value;
        return *this;
    }
    operator ReadinessFacts() const { return f; }
};

// readiness.md §3 written out a second time, independently of the rule table in readinessclass.cpp,
// as nested conditions in the order of the document.
ReadinessClass oracle(const ReadinessFacts &f)
{
    if (!f.anyUsageSourceRead)
        return ReadinessClass::Unknown;
    const bool basicNowAllowedOrUnknown = f.basicNow == Verdict::Allowed || f.basicNow == Verdict::Unknown;
    if (f.basicUse && basicNowAllowedOrUnknown)
        return ReadinessClass::BreaksAtCutoff;
    if (f.basicAttempt && f.basicNow == Verdict::Blocked)
        return ReadinessClass::BlockedNow;
    const bool oauthCandidate = f.smtpAuthUse && !f.basicAttempt;
    if (oauthCandidate && f.basicVsOAuthToldApart && f.oauth == Verdict::Blocked)
        return ReadinessClass::BlockedNow;
    if (oauthCandidate && f.basicVsOAuthToldApart && f.oauth == Verdict::Allowed)
        return ReadinessClass::OAuthOnly;
    if (oauthCandidate && !f.basicVsOAuthToldApart)
        return ReadinessClass::UnclearAuth;
    if (f.smtpAuthOverride == Override::Enabled && !f.smtpAuthUse)
        return ReadinessClass::StaleException;
    return ReadinessClass::NoUse;
}

QDateTime utc(int y, int m, int d, int h = 12, int min = 0, int s = 0)
{
    return QDateTime(QDate(y, m, d), QTime(h, min, s), QTimeZone::utc());
}

CutoffCalendar calendarAt(const QDateTime &now, QDate cutoff = QDate(2026, 12, 31))
{
    return CutoffCalendar(cutoff, [now] { return now; });
}

} // namespace

class TestReadinessClass : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void classifies_data()
    {
        QTest::addColumn<ReadinessFacts>("facts");
        QTest::addColumn<ReadinessClass>("expected");
        using V = Verdict;
        using O = Override;
        using C = ReadinessClass;

        // Row 1: unknown, whenever no source was read, whatever else is known.
        QTest::newRow("unknown: nothing") << ReadinessFacts(Facts().noSource()) << C::Unknown;
        QTest::newRow("unknown: basic use, allowed")
            << ReadinessFacts(Facts().noSource().basicUse().basicNow(V::Allowed)) << C::Unknown;
        QTest::newRow("unknown: basic attempt, blocked")
            << ReadinessFacts(Facts().noSource().basicAttemptOnly().basicNow(V::Blocked)) << C::Unknown;
        QTest::newRow("unknown: smtp use told apart oauth allowed")
            << ReadinessFacts(Facts().noSource().smtpUse().toldApart().oauth(V::Allowed)) << C::Unknown;
        QTest::newRow("unknown: override enabled, no use")
            << ReadinessFacts(Facts().noSource().override(O::Enabled)) << C::Unknown;

        // Row 2: breaks-at-cutoff: Basic use and Basic now allowed or unknown.
        QTest::newRow("breaks: basic use, allowed")
            << ReadinessFacts(Facts().basicUse().basicNow(V::Allowed).oauth(V::Allowed)) << C::BreaksAtCutoff;
        QTest::newRow("breaks: basic use, unknown")
            << ReadinessFacts(Facts().basicUse().basicNow(V::Unknown).oauth(V::Allowed)) << C::BreaksAtCutoff;
        QTest::newRow("breaks: basic use, unknown, told apart")
            << ReadinessFacts(Facts().basicUse().toldApart().basicNow(V::Unknown)) << C::BreaksAtCutoff;
        QTest::newRow("breaks before stale: override enabled")
            << ReadinessFacts(Facts().basicUse().basicNow(V::Allowed).override(O::Enabled))
            << C::BreaksAtCutoff;
        QTest::newRow("breaks before blocked-now: oauth blocked, told apart")
            << ReadinessFacts(Facts().basicUse().toldApart().basicNow(V::Allowed).oauth(V::Blocked))
            << C::BreaksAtCutoff;

        // Row 3: blocked-now.
        QTest::newRow("blocked: basic use, basic blocked (not breaks)")
            << ReadinessFacts(Facts().basicUse().basicNow(V::Blocked).oauth(V::Allowed)) << C::BlockedNow;
        QTest::newRow("blocked: failures only, basic blocked")
            << ReadinessFacts(Facts().basicAttemptOnly().basicNow(V::Blocked).oauth(V::Allowed))
            << C::BlockedNow;
        QTest::newRow("blocked: failures only, basic blocked, not told apart")
            << ReadinessFacts(Facts().basicAttemptOnly().toldApart(false).basicNow(V::Blocked))
            << C::BlockedNow;
        QTest::newRow("blocked: oauth use, told apart, oauth blocked")
            << ReadinessFacts(Facts().smtpUse().toldApart().basicNow(V::Blocked).oauth(V::Blocked))
            << C::BlockedNow;
        QTest::newRow("blocked: oauth use, told apart, oauth blocked, basic allowed")
            << ReadinessFacts(Facts().smtpUse().toldApart().basicNow(V::Allowed).oauth(V::Blocked))
            << C::BlockedNow;
        QTest::newRow("blocked before stale: failures, override enabled")
            << ReadinessFacts(Facts().basicAttemptOnly().basicNow(V::Blocked).override(O::Enabled))
            << C::BlockedNow;

        // Row 4: oauth-only.
        QTest::newRow("oauth-only")
            << ReadinessFacts(Facts().smtpUse().toldApart().basicNow(V::Allowed).oauth(V::Allowed))
            << C::OAuthOnly;
        QTest::newRow("oauth-only: basic blocked does not matter without attempts")
            << ReadinessFacts(Facts().smtpUse().toldApart().basicNow(V::Blocked).oauth(V::Allowed))
            << C::OAuthOnly;
        QTest::newRow("oauth-only before stale: override enabled")
            << ReadinessFacts(Facts().smtpUse().toldApart().oauth(V::Allowed).override(O::Enabled))
            << C::OAuthOnly;

        // Row 5: unclear-auth.
        QTest::newRow("unclear: not told apart, oauth allowed")
            << ReadinessFacts(Facts().smtpUse().toldApart(false).oauth(V::Allowed)) << C::UnclearAuth;
        QTest::newRow("unclear: not told apart, oauth blocked (not blocked-now)")
            << ReadinessFacts(Facts().smtpUse().toldApart(false).basicNow(V::Allowed).oauth(V::Blocked))
            << C::UnclearAuth;
        QTest::newRow("unclear before stale: override enabled")
            << ReadinessFacts(Facts().smtpUse().toldApart(false).oauth(V::Allowed).override(O::Enabled))
            << C::UnclearAuth;

        // Row 6: stale-exception: override Enabled and no SMTP AUTH use.
        QTest::newRow("stale: override enabled, no use")
            << ReadinessFacts(Facts().override(O::Enabled).oauth(V::Allowed)) << C::StaleException;
        QTest::newRow("stale: told apart or not")
            << ReadinessFacts(Facts().override(O::Enabled).toldApart().basicNow(V::Blocked))
            << C::StaleException;
        QTest::newRow("not stale: override disabled")
            << ReadinessFacts(Facts().override(O::Disabled).oauth(V::Blocked)) << C::NoUse;
        QTest::newRow("not stale: override inherit")
            << ReadinessFacts(Facts().override(O::Inherit).oauth(V::Allowed)) << C::NoUse;
        QTest::newRow("not stale: failures with basic allowed are SMTP AUTH use")
            << ReadinessFacts(Facts().basicAttemptOnly().basicNow(V::Allowed).override(O::Enabled))
            << C::NoUse;

        // Row 7: no-use (none of the above).
        QTest::newRow("no-use: nothing") << ReadinessFacts(Facts()) << C::NoUse;
        QTest::newRow("no-use: failures only, basic allowed")
            << ReadinessFacts(Facts().basicAttemptOnly().basicNow(V::Allowed).oauth(V::Allowed)) << C::NoUse;
        QTest::newRow("no-use: failures only, basic unknown")
            << ReadinessFacts(Facts().basicAttemptOnly().basicNow(V::Unknown)) << C::NoUse;
        QTest::newRow("no-use: told apart, oauth unknown")
            << ReadinessFacts(Facts().smtpUse().toldApart().oauth(V::Unknown)) << C::NoUse;
    }
    void classifies()
    {
        QFETCH(ReadinessFacts, facts);
        QFETCH(ReadinessClass, expected);
        QCOMPARE(machineName(ReadinessClassifier::classify(facts)), machineName(expected));
        QCOMPARE(oracle(facts), expected); // the table above agrees with the second reading of §3
    }

    // Every combination of the facts, against the independent reading of §3.
    void agreesWithTheDocumentOnEveryCombination()
    {
        constexpr std::array<Verdict, 3> verdicts{Verdict::Allowed, Verdict::Blocked, Verdict::Unknown};
        constexpr std::array<Override, 3> overrides{Override::Inherit, Override::Enabled, Override::Disabled};
        QSet<int> seen;
        int combinations = 0;
        for (int bits = 0; bits < 32; ++bits) {
            for (Verdict basicNow : verdicts) {
                for (Verdict oauth : verdicts) {
                    for (Override value : overrides) {
                        ReadinessFacts facts;
                        facts.anyUsageSourceRead = bits & 1;
                        facts.basicUse = bits & 2;
                        facts.basicAttempt = bits & 4;
                        facts.smtpAuthUse = bits & 8;
                        facts.basicVsOAuthToldApart = bits & 16;
                        facts.basicNow = basicNow;
                        facts.oauth = oauth;
                        facts.smtpAuthOverride = value;
                        const ReadinessClass got = ReadinessClassifier::classify(facts);
                        QVERIFY2(got == oracle(facts),
                                 qPrintable(QStringLiteral("bits %1 basicNow %2 oauth %3 override %4: got %5")
                                                .arg(bits)
                                                .arg(machineName(basicNow), machineName(oauth),
                                                     machineName(value), machineName(got))));
                        seen.insert(int(got));
                        ++combinations;
                    }
                }
            }
        }
        QCOMPARE(combinations, 32 * 27);
        QCOMPARE(seen.size(), kReadinessClassCount);
    }

    void machineNames_data()
    {
        QTest::addColumn<ReadinessClass>("value");
        QTest::addColumn<QString>("name");
        QTest::newRow("unknown") << ReadinessClass::Unknown << QStringLiteral("unknown");
        QTest::newRow("breaks") << ReadinessClass::BreaksAtCutoff << QStringLiteral("breaks-at-cutoff");
        QTest::newRow("blocked") << ReadinessClass::BlockedNow << QStringLiteral("blocked-now");
        QTest::newRow("oauth") << ReadinessClass::OAuthOnly << QStringLiteral("oauth-only");
        QTest::newRow("unclear") << ReadinessClass::UnclearAuth << QStringLiteral("unclear-auth");
        QTest::newRow("stale") << ReadinessClass::StaleException << QStringLiteral("stale-exception");
        QTest::newRow("no-use") << ReadinessClass::NoUse << QStringLiteral("no-use");
    }
    void machineNames()
    {
        QFETCH(ReadinessClass, value);
        QFETCH(QString, name);
        QCOMPARE(machineName(value), name);
        ReadinessClass back =
            ReadinessClass::NoUse == value ? ReadinessClass::Unknown : ReadinessClass::NoUse;
        QVERIFY(readinessClassFromName(name, &back));
        QCOMPARE(back, value);
        back = ReadinessClass::NoUse == value ? ReadinessClass::Unknown : ReadinessClass::NoUse;
        QVERIFY(readinessClassFromName(name.toUpper(), &back));
        QCOMPARE(back, value);
        QVERIFY(!displayText(value).isEmpty());
        QVERIFY(!adviceText(value).isEmpty());
    }

    void classListIsInTheOrderOfTheDocument()
    {
        const QStringList expected{QStringLiteral("unknown"),      QStringLiteral("breaks-at-cutoff"),
                                   QStringLiteral("blocked-now"),  QStringLiteral("oauth-only"),
                                   QStringLiteral("unclear-auth"), QStringLiteral("stale-exception"),
                                   QStringLiteral("no-use")};
        QStringList names;
        QSet<QString> displays;
        for (ReadinessClass value : kReadinessClasses) {
            names.append(machineName(value));
            displays.insert(displayText(value));
        }
        QCOMPARE(names, expected);
        QCOMPARE(displays.size(), kReadinessClassCount);
    }

    void fromNameIsCaseInsensitive()
    {
        ReadinessClass out = ReadinessClass::NoUse;
        QVERIFY(readinessClassFromName(u"Breaks-At-Cutoff", &out));
        QCOMPARE(out, ReadinessClass::BreaksAtCutoff);
        QVERIFY(readinessClassFromName(u"OAUTH-ONLY", &out));
        QCOMPARE(out, ReadinessClass::OAuthOnly);
        QVERIFY(readinessClassFromName(u"Stale-exception", &out));
        QCOMPARE(out, ReadinessClass::StaleException);
    }

    void fromNameRejectsJunk_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("empty") << QString();
        QTest::newRow("prefix") << QStringLiteral("blocked");
        QTest::newRow("longer") << QStringLiteral("blocked-now-ish");
        QTest::newRow("trailing space") << QStringLiteral("blocked-now ");
        QTest::newRow("leading space") << QStringLiteral(" no-use");
        QTest::newRow("underscore") << QStringLiteral("no_use");
        QTest::newRow("display text") << QStringLiteral("Breaks at cutoff");
        QTest::newRow("enum name") << QStringLiteral("BreaksAtCutoff");
        QTest::newRow("number") << QStringLiteral("1");
        QTest::newRow("layer name") << QStringLiteral("smtp-auth-setting");
    }
    void fromNameRejectsJunk()
    {
        QFETCH(QString, name);
        ReadinessClass out = ReadinessClass::StaleException;
        QVERIFY(!readinessClassFromName(name, &out));
        QCOMPARE(out, ReadinessClass::StaleException); // untouched
    }

    // --- CutoffCalendar ---------------------------------------------------------------------------

    void daysLeft_data()
    {
        QTest::addColumn<QDateTime>("now");
        QTest::addColumn<int>("daysLeft");
        QTest::addColumn<bool>("past");
        QTest::addColumn<QDate>("today");
        QTest::newRow("7 December") << utc(2026, 12, 7) << 24 << false << QDate(2026, 12, 7);
        QTest::newRow("7 December 00:00") << utc(2026, 12, 7, 0, 0) << 24 << false << QDate(2026, 12, 7);
        QTest::newRow("7 December 23:59:59")
            << utc(2026, 12, 7, 23, 59, 59) << 24 << false << QDate(2026, 12, 7);
        QTest::newRow("1 January before") << utc(2026, 1, 1) << 364 << false << QDate(2026, 1, 1);
        QTest::newRow("day before") << utc(2026, 12, 30, 23, 59, 59) << 1 << false << QDate(2026, 12, 30);
        QTest::newRow("the day itself") << utc(2026, 12, 31, 0, 0) << 0 << true << QDate(2026, 12, 31);
        QTest::newRow("the day itself, evening")
            << utc(2026, 12, 31, 23, 0) << 0 << true << QDate(2026, 12, 31);
        QTest::newRow("after") << utc(2027, 1, 1) << 0 << true << QDate(2027, 1, 1);
        QTest::newRow("long after") << utc(2028, 6, 1) << 0 << true << QDate(2028, 6, 1);
        // A clock in another zone counts in UTC (readiness.md §4).
        QTest::newRow("23:59 at UTC+14 is the same UTC day")
            << QDateTime(QDate(2026, 12, 7), QTime(23, 59), QTimeZone(14 * 3600)) << 24 << false
            << QDate(2026, 12, 7);
        QTest::newRow("00:30 on the 8th at UTC+2 is still the 7th in UTC")
            << QDateTime(QDate(2026, 12, 8), QTime(0, 30), QTimeZone(2 * 3600)) << 24 << false
            << QDate(2026, 12, 7);
        QTest::newRow("23:59 at UTC-5 is the next UTC day")
            << QDateTime(QDate(2026, 12, 7), QTime(23, 59), QTimeZone(-5 * 3600)) << 23 << false
            << QDate(2026, 12, 8);
        QTest::newRow("the cutoff's eve at UTC-10 is the cutoff in UTC")
            << QDateTime(QDate(2026, 12, 30), QTime(23, 59), QTimeZone(-10 * 3600)) << 0 << true
            << QDate(2026, 12, 31);
        QTest::newRow("the cutoff at UTC+9 morning is the 30th in UTC")
            << QDateTime(QDate(2026, 12, 31), QTime(8, 0), QTimeZone(9 * 3600)) << 1 << false
            << QDate(2026, 12, 30);
    }
    void daysLeft()
    {
        QFETCH(QDateTime, now);
        QFETCH(int, daysLeft);
        QFETCH(bool, past);
        QFETCH(QDate, today);
        const CutoffCalendar calendar = calendarAt(now);
        QCOMPARE(calendar.cutoff(), QDate(2026, 12, 31));
        QCOMPARE(calendar.todayUtc(), today);
        QCOMPARE(calendar.daysLeft(), daysLeft);
        QCOMPARE(calendar.isPast(), past);
    }

    void cutoffIsASetting()
    {
        const CutoffCalendar early = calendarAt(utc(2026, 12, 7), QDate(2026, 12, 15));
        QCOMPARE(early.cutoff(), QDate(2026, 12, 15));
        QCOMPARE(early.daysLeft(), 8);
        // An invalid date falls back to Microsoft's.
        const CutoffCalendar invalid = calendarAt(utc(2026, 12, 7), QDate());
        QCOMPARE(invalid.cutoff(), QDate(2026, 12, 31));
        QCOMPARE(invalid.daysLeft(), 24);
        QCOMPARE(CutoffCalendar().cutoff(), QDate(2026, 12, 31));
        QCOMPARE(CutoffCalendar().cutoff(), basicRetirementCutoff());
    }

    void clockIsAskedEveryTime()
    {
        QDateTime now = utc(2026, 12, 7);
        const CutoffCalendar calendar(QDate(2026, 12, 31), [&now] { return now; });
        QCOMPARE(calendar.daysLeft(), 24);
        now = utc(2026, 12, 20);
        QCOMPARE(calendar.daysLeft(), 11);
        now = utc(2027, 2, 1);
        QCOMPARE(calendar.daysLeft(), 0);
        QVERIFY(calendar.isPast());
    }
};

QTEST_GUILESS_MAIN(TestReadinessClass)
#include "test_readinessclass.moc"
