// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/smtpauthpolicy.h"

#include <QJsonValue>
#include <QTest>

using namespace smtpauth;

class TestSmtpAuthPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void effective_data()
    {
        QTest::addColumn<Override>("mailbox");
        QTest::addColumn<OrgSetting>("org");
        QTest::addColumn<EffectiveState>("state");
        QTest::addColumn<StateSource>("source");
        QTest::addColumn<QString>("description");

        QTest::newRow("inherit, org enabled")
            << Override::Inherit << OrgSetting::Enabled << EffectiveState::Enabled << StateSource::Org
            << QStringLiteral("Inherits (Enabled)");
        QTest::newRow("inherit, org disabled")
            << Override::Inherit << OrgSetting::Disabled << EffectiveState::Disabled << StateSource::Org
            << QStringLiteral("Inherits (Disabled)");
        QTest::newRow("enabled, org enabled")
            << Override::Enabled << OrgSetting::Enabled << EffectiveState::Enabled << StateSource::Mailbox
            << QStringLiteral("Enabled");
        QTest::newRow("enabled, org disabled")
            << Override::Enabled << OrgSetting::Disabled << EffectiveState::Enabled << StateSource::Mailbox
            << QStringLiteral("Enabled");
        QTest::newRow("disabled, org enabled")
            << Override::Disabled << OrgSetting::Enabled << EffectiveState::Disabled << StateSource::Mailbox
            << QStringLiteral("Disabled");
        QTest::newRow("disabled, org disabled")
            << Override::Disabled << OrgSetting::Disabled << EffectiveState::Disabled << StateSource::Mailbox
            << QStringLiteral("Disabled");
    }
    void effective()
    {
        QFETCH(Override, mailbox);
        QFETCH(OrgSetting, org);
        QFETCH(EffectiveState, state);
        QFETCH(StateSource, source);
        QFETCH(QString, description);
        const Effective effective = resolveEffective(mailbox, org);
        QCOMPARE(effective.state, state);
        QCOMPARE(effective.source, source);
        QCOMPARE(describeMailboxSetting(mailbox, org), description);
    }

    void overrideWire_data()
    {
        QTest::addColumn<QJsonValue>("wire");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<Override>("value");
        QTest::newRow("null inherits") << QJsonValue(QJsonValue::Null) << true << Override::Inherit;
        QTest::newRow("true is disabled") << QJsonValue(true) << true << Override::Disabled;
        QTest::newRow("false is enabled") << QJsonValue(false) << true << Override::Enabled;
        QTest::newRow("missing is not a value")
            << QJsonValue(QJsonValue::Undefined) << false << Override::Inherit;
        QTest::newRow("string is refused")
            << QJsonValue(QStringLiteral("True")) << false << Override::Inherit;
        QTest::newRow("number is refused") << QJsonValue(1) << false << Override::Inherit;
    }
    void overrideWire()
    {
        QFETCH(QJsonValue, wire);
        QFETCH(bool, valid);
        QFETCH(Override, value);
        Override parsed = Override::Enabled;
        QCOMPARE(overrideFromWire(wire, &parsed), valid);
        if (valid) {
            QCOMPARE(parsed, value);
            QCOMPARE(overrideToWire(parsed), wire);
        } else {
            QCOMPARE(parsed, Override::Enabled); // untouched on failure
        }
    }

    void orgWire()
    {
        OrgSetting org = OrgSetting::Enabled;
        QVERIFY(orgSettingFromWire(QJsonValue(true), &org));
        QCOMPARE(org, OrgSetting::Disabled);
        QVERIFY(orgSettingFromWire(QJsonValue(false), &org));
        QCOMPARE(org, OrgSetting::Enabled);
        // The org setting has no inherit: null is a protocol error, not "enabled".
        QVERIFY(!orgSettingFromWire(QJsonValue(QJsonValue::Null), &org));
        QCOMPARE(orgSettingToWire(OrgSetting::Disabled), QJsonValue(true));
        QCOMPARE(orgSettingToWire(OrgSetting::Enabled), QJsonValue(false));
    }

    void names_data()
    {
        QTest::addColumn<QString>("word");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<Override>("value");
        QTest::newRow("enabled") << QStringLiteral("enabled") << true << Override::Enabled;
        QTest::newRow("Disabled mixed case") << QStringLiteral("Disabled") << true << Override::Disabled;
        QTest::newRow("inherit with spaces") << QStringLiteral("  INHERIT ") << true << Override::Inherit;
        QTest::newRow("raw boolean refused") << QStringLiteral("true") << false << Override::Inherit;
        QTest::newRow("empty refused") << QString() << false << Override::Inherit;
    }
    void names()
    {
        QFETCH(QString, word);
        QFETCH(bool, valid);
        QFETCH(Override, value);
        Override parsed = Override::Inherit;
        QCOMPARE(overrideFromName(word, &parsed), valid);
        if (valid) {
            QCOMPARE(parsed, value);
            Override roundTrip = Override::Enabled;
            QVERIFY(overrideFromName(machineName(parsed), &roundTrip));
            QCOMPARE(roundTrip, parsed);
        }
    }

    void otherNames()
    {
        OrgSetting org = OrgSetting::Enabled;
        QVERIFY(!orgSettingFromName(u"inherit", &org));
        QVERIFY(orgSettingFromName(u"DISABLED", &org));
        QCOMPARE(org, OrgSetting::Disabled);
        StateSource source = StateSource::Org;
        QVERIFY(stateSourceFromName(u"Mailbox", &source));
        QCOMPARE(source, StateSource::Mailbox);
        QVERIFY(!stateSourceFromName(u"user", &source));
        EffectiveState state = EffectiveState::Disabled;
        QVERIFY(effectiveStateFromName(u"enabled", &state));
        QCOMPARE(state, EffectiveState::Enabled);
        QCOMPARE(machineName(StateSource::Org), QStringLiteral("org"));
        QCOMPARE(displayText(StateSource::Mailbox), QStringLiteral("Mailbox"));
    }
};

QTEST_GUILESS_MAIN(TestSmtpAuthPolicy)
#include "test_smtpauthpolicy.moc"
