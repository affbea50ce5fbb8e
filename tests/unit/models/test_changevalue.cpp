// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/changevalue.h"

#include <QTest>

using namespace smtpauth;

class TestChangeValue : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void wordRoundTrip_data()
    {
        QTest::addColumn<ChangeTargetKind>("kind");
        QTest::addColumn<ChangeValue>("value");
        QTest::newRow("mailbox inherit") << ChangeTargetKind::Mailbox << ChangeValue::Inherit;
        QTest::newRow("mailbox enabled") << ChangeTargetKind::Mailbox << ChangeValue::Enabled;
        QTest::newRow("mailbox disabled") << ChangeTargetKind::Mailbox << ChangeValue::Disabled;
        QTest::newRow("org enabled") << ChangeTargetKind::Org << ChangeValue::Enabled;
        QTest::newRow("org disabled") << ChangeTargetKind::Org << ChangeValue::Disabled;
    }
    void wordRoundTrip()
    {
        QFETCH(ChangeTargetKind, kind);
        QFETCH(ChangeValue, value);
        const QString word = machineName(value);
        QString error;
        QCOMPARE(changeValueFromName(kind, word, &error), value);
        QVERIFY(error.isEmpty());
        // People type them in any case, with blanks around (CSV cells, command lines).
        const QString typed = QLatin1Char(' ') + word.toUpper() + QLatin1Char('\t');
        QCOMPARE(changeValueFromName(kind, typed), value);
    }

    void wordsAreTheJournalsAndThePolicyTypes()
    {
        // The journal and CSV already hold these words: the same spelling as smtpauthpolicy.h.
        for (Override value : {Override::Inherit, Override::Enabled, Override::Disabled}) {
            QCOMPARE(machineName(changeValueOf(value)), machineName(value));
            QCOMPARE(toOverride(changeValueOf(value)), value);
        }
        for (OrgSetting value : {OrgSetting::Enabled, OrgSetting::Disabled}) {
            QCOMPARE(machineName(changeValueOf(value)), machineName(value));
            QCOMPARE(toOrgSetting(changeValueOf(value)), value);
        }
    }

    void theOrgRefusesInherit()
    {
        QVERIFY(!isValueOf(ChangeTargetKind::Org, ChangeValue::Inherit));
        QVERIFY(isValueOf(ChangeTargetKind::Mailbox, ChangeValue::Inherit));
        QString error;
        QCOMPARE(changeValueFromName(ChangeTargetKind::Org, u"Inherit", &error), std::nullopt);
        QVERIFY2(error.contains(QLatin1String("'Inherit'")), qPrintable(error));
        QVERIFY2(error.contains(QLatin1String("enabled or disabled")), qPrintable(error));
    }

    void unknownWordIsNamed_data()
    {
        QTest::addColumn<ChangeTargetKind>("kind");
        QTest::addColumn<QString>("word");
        QTest::newRow("mailbox") << ChangeTargetKind::Mailbox << QStringLiteral("sideways");
        QTest::newRow("org") << ChangeTargetKind::Org << QStringLiteral("sideways");
        QTest::newRow("mailbox, empty") << ChangeTargetKind::Mailbox << QString();
        QTest::newRow("org, a prefix") << ChangeTargetKind::Org << QStringLiteral("enable");
    }
    void unknownWordIsNamed()
    {
        QFETCH(ChangeTargetKind, kind);
        QFETCH(QString, word);
        QString error;
        QCOMPARE(changeValueFromName(kind, word, &error), std::nullopt);
        QVERIFY2(error.contains(QLatin1Char('\'') + word + QLatin1Char('\'')), qPrintable(error));
        QCOMPARE(error.contains(QLatin1String("inherit")), kind == ChangeTargetKind::Mailbox);
        // Without a place for the message the answer is the same.
        QCOMPARE(changeValueFromName(kind, word), std::nullopt);
    }
};

QTEST_GUILESS_MAIN(TestChangeValue)
#include "test_changevalue.moc"
