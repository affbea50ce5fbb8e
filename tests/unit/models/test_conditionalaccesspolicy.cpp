// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/conditionalaccesspolicy.h"
#include "readinesstestdata.h"

#include <QTest>

using namespace smtpauth;
using namespace readinesstest;

using Aspect = ConditionalAccessPolicy::Aspect;

class TestConditionalAccessPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readsWhatTheRulesNeed()
    {
        QJsonObject source = blockLegacyPolicy();
        source = with(source, QStringLiteral("conditions.users.excludeUsers"),
                      strings({kUserId.toString(QUuid::WithoutBraces)}));
        source = with(source, QStringLiteral("conditions.users.excludeGroups"),
                      strings({kGroup.toString(QUuid::WithoutBraces)}));
        source = with(source, QStringLiteral("conditions.users.includeRoles"),
                      strings({kRole.toString(QUuid::WithoutBraces)}));
        const ConditionalAccessPolicy policy = ConditionalAccessPolicy::fromGraphJson(source);
        QCOMPARE(policy.id(), QStringLiteral("aaaaaaaa-0000-0000-0000-000000000001"));
        QCOMPARE(policy.displayName(), QStringLiteral("Block legacy authentication"));
        QCOMPARE(policy.state(), ConditionalAccessPolicy::State::Enabled);
        QCOMPARE(policy.clientAppTypes(),
                 (QStringList{QStringLiteral("exchangeActiveSync"), QStringLiteral("other")}));
        QCOMPARE(policy.includeApplications(), QStringList{QStringLiteral("All")});
        QVERIFY(policy.excludeApplications().isEmpty());
        QCOMPARE(policy.includeUsers(), QStringList{QStringLiteral("All")});
        QCOMPARE(policy.excludeUsers(), QStringList{kUserId.toString(QUuid::WithoutBraces)});
        QCOMPARE(policy.excludeGroups(), QStringList{kGroup.toString(QUuid::WithoutBraces)});
        QCOMPARE(policy.includeRoles(), QStringList{kRole.toString(QUuid::WithoutBraces)});
        QVERIFY(policy.hasGrantControls());
        QCOMPARE(policy.grantOperator(), QStringLiteral("OR"));
        QCOMPARE(policy.builtInControls(), QStringList{QStringLiteral("block")});
        QVERIFY(policy.otherGrantRequirements().isEmpty());
        QCOMPARE(policy.modifiedUtc(), QDateTime(QDate(2026, 2, 1), QTime(9, 30), Qt::UTC));
        // Graph's many nulls and empty lists are "not set": nothing narrows, nothing is unknown.
        QVERIFY(policy.narrowing().isEmpty());
        QVERIFY2(policy.notUnderstood().isEmpty(), qPrintable(policy.notUnderstood().value(0).name));
        QCOMPARE(policy.source(), source);
    }

    void states_data()
    {
        QTest::addColumn<QJsonValue>("state");
        QTest::addColumn<ConditionalAccessPolicy::State>("parsed");
        QTest::newRow("enabled") << QJsonValue(QStringLiteral("enabled"))
                                 << ConditionalAccessPolicy::State::Enabled;
        QTest::newRow("disabled") << QJsonValue(QStringLiteral("Disabled"))
                                  << ConditionalAccessPolicy::State::Disabled;
        QTest::newRow("report-only") << QJsonValue(QStringLiteral("enabledForReportingButNotEnforced"))
                                     << ConditionalAccessPolicy::State::ReportOnly;
        QTest::newRow("unknown word")
            << QJsonValue(QStringLiteral("paused")) << ConditionalAccessPolicy::State::NotUnderstood;
        QTest::newRow("missing") << QJsonValue(QJsonValue::Null)
                                 << ConditionalAccessPolicy::State::NotUnderstood;
    }
    void states()
    {
        QFETCH(QJsonValue, state);
        QFETCH(ConditionalAccessPolicy::State, parsed);
        const ConditionalAccessPolicy policy =
            ConditionalAccessPolicy::fromGraphJson(with(blockLegacyPolicy(), QStringLiteral("state"), state));
        QCOMPARE(policy.state(), parsed);
        const bool recorded =
            !policy.notUnderstood().isEmpty() && policy.notUnderstood().first().aspect == Aspect::State;
        QCOMPARE(recorded, parsed == ConditionalAccessPolicy::State::NotUnderstood);
    }

    void notUnderstood_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<Aspect>("aspect");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("text");
        const auto row = [](const char *tag, const char *path, const QJsonValue &value, Aspect aspect,
                            const char *name, const char *text) {
            QTest::newRow(tag) << QString::fromLatin1(path) << value << aspect << QString::fromLatin1(name)
                               << QString::fromUtf8(text);
        };
        row("client app type", "conditions.clientAppTypes",
            strings({QStringLiteral("other"), QStringLiteral("foo")}), Aspect::ClientApps, "clientAppTypes",
            "'foo'");
        row("unknown condition", "conditions.deviceFlavours", strings({QStringLiteral("purple")}),
            Aspect::Conditions, "conditions.deviceFlavours", "[\"purple\"]");
        row("user actions", "conditions.applications.includeUserActions",
            strings({QStringLiteral("urn:user:registerdevice")}), Aspect::Applications,
            "applications.includeUserActions", "[\"urn:user:registerdevice\"]");
        row("authentication context", "conditions.applications.includeAuthenticationContextClassReferences",
            strings({QStringLiteral("c1")}), Aspect::Applications,
            "applications.includeAuthenticationContextClassReferences", "[\"c1\"]");
        row("application filter", "conditions.applications.applicationFilter",
            json(R"({"mode": "include", "rule": "x"})"), Aspect::Applications,
            "applications.applicationFilter", R"({"mode":"include","rule":"x"})");
        row("an app word", "conditions.applications.includeApplications",
            strings({QStringLiteral("AllMicrosoftApps")}), Aspect::Applications,
            "applications.includeApplications", "'AllMicrosoftApps'");
        row("guests", "conditions.users.includeGuestsOrExternalUsers",
            json(R"({"guestOrExternalUserTypes": "internalGuest"})"), Aspect::IncludeUsers,
            "users.includeGuestsOrExternalUsers", R"({"guestOrExternalUserTypes":"internalGuest"})");
        row("excluded guests", "conditions.users.excludeGuestsOrExternalUsers",
            json(R"({"guestOrExternalUserTypes": "b2bDirectConnectUser"})"), Aspect::ExcludeUsers,
            "users.excludeGuestsOrExternalUsers", R"({"guestOrExternalUserTypes":"b2bDirectConnectUser"})");
        row("unknown users key", "conditions.users.includeAgents", strings({QStringLiteral("x")}),
            Aspect::Users, "users.includeAgents", "[\"x\"]");
        row("a user that is not an id", "conditions.users.excludeUsers",
            strings({QStringLiteral("scanner@contoso.com")}), Aspect::ExcludeUsers, "users.excludeUsers",
            "'scanner@contoso.com'");
        row("a group that is not an id", "conditions.users.includeGroups", strings({QStringLiteral("Sales")}),
            Aspect::IncludeUsers, "users.includeGroups", "'Sales'");
        row("grant control", "grantControls.builtInControls", strings({QStringLiteral("unknownFutureValue")}),
            Aspect::Grant, "grantControls.builtInControls", "'unknownFutureValue'");
        row("grant key", "grantControls.somethingElse", true, Aspect::Grant, "grantControls.somethingElse",
            "true");
        row("locations key", "conditions.locations",
            json(R"({"includeLocations": ["All"], "excludeLocations": [], "countryLookup": "x"})"),
            Aspect::Conditions, "conditions.locations.countryLookup", "'x'");
    }
    void notUnderstood()
    {
        QFETCH(QString, path);
        QFETCH(QJsonValue, value);
        QFETCH(Aspect, aspect);
        QFETCH(QString, name);
        QFETCH(QString, text);
        const ConditionalAccessPolicy policy =
            ConditionalAccessPolicy::fromGraphJson(with(blockLegacyPolicy(), path, value));
        QCOMPARE(policy.notUnderstood().size(), 1);
        QCOMPARE(policy.notUnderstood().first().aspect, aspect);
        QCOMPARE(policy.notUnderstood().first().name, name);
        QCOMPARE(policy.notUnderstood().first().value, text);
    }

    void narrowing_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("description"); // empty: not narrowing
        QTest::newRow("locations")
            << QStringLiteral("conditions.locations")
            << QJsonValue(json(R"({"includeLocations": ["All"], "excludeLocations": ["AllTrusted"]})"))
            << QStringLiteral("include All; exclude AllTrusted");
        QTest::newRow("locations everywhere")
            << QStringLiteral("conditions.locations")
            << QJsonValue(json(R"({"includeLocations": ["All"], "excludeLocations": null})")) << QString();
        QTest::newRow("platforms") << QStringLiteral("conditions.platforms")
                                   << QJsonValue(json(
                                          R"({"includePlatforms": ["all"], "excludePlatforms": ["iOS"]})"))
                                   << QStringLiteral("include all; exclude iOS");
        QTest::newRow("sign-in risk")
            << QStringLiteral("conditions.signInRiskLevels")
            << QJsonValue(strings({QStringLiteral("high"), QStringLiteral("medium")}))
            << QStringLiteral("high, medium");
        QTest::newRow("insider risk, flags string")
            << QStringLiteral("conditions.insiderRiskLevels") << QJsonValue(QStringLiteral("elevated"))
            << QStringLiteral("elevated");
        QTest::newRow("device filter")
            << QStringLiteral("conditions.devices")
            << QJsonValue(
                   json(R"({"deviceFilter": {"mode": "exclude", "rule": "device.isCompliant -eq True"}})"))
            << QStringLiteral("filter (exclude): device.isCompliant -eq True");
        QTest::newRow("authentication flows") << QStringLiteral("conditions.authenticationFlows")
                                              << QJsonValue(json(R"({"transferMethods": "deviceCodeFlow"})"))
                                              << QStringLiteral(R"({"transferMethods":"deviceCodeFlow"})");
        QTest::newRow("client applications")
            << QStringLiteral("conditions.clientApplications")
            << QJsonValue(json(R"({"includeServicePrincipals": ["ServicePrincipalsInMyTenant"]})"))
            << QStringLiteral(R"({"includeServicePrincipals":["ServicePrincipalsInMyTenant"]})");
        QTest::newRow("empty risk list")
            << QStringLiteral("conditions.userRiskLevels") << QJsonValue(QJsonArray()) << QString();
        QTest::newRow("all-null devices")
            << QStringLiteral("conditions.devices")
            << QJsonValue(json(R"({"deviceFilter": null, "includeDevices": []})")) << QString();
    }
    void narrowing()
    {
        QFETCH(QString, path);
        QFETCH(QJsonValue, value);
        QFETCH(QString, description);
        const ConditionalAccessPolicy policy =
            ConditionalAccessPolicy::fromGraphJson(with(blockLegacyPolicy(), path, value));
        QVERIFY(policy.notUnderstood().isEmpty());
        if (description.isEmpty()) {
            QVERIFY(policy.narrowing().isEmpty());
            return;
        }
        QCOMPARE(policy.narrowing().size(), 1);
        QCOMPARE(policy.narrowing().first().condition, path.section(QLatin1Char('.'), 1));
        QCOMPARE(policy.narrowing().first().description, description);
    }

    void grantWithoutControlsAndOtherRequirements()
    {
        const ConditionalAccessPolicy sessionOnly = ConditionalAccessPolicy::fromGraphJson(
            with(blockLegacyPolicy(), QStringLiteral("grantControls"), QJsonValue(QJsonValue::Null)));
        QVERIFY(!sessionOnly.hasGrantControls());
        const ConditionalAccessPolicy strength = ConditionalAccessPolicy::fromGraphJson(
            with(with(blockLegacyPolicy(), QStringLiteral("grantControls.builtInControls"), QJsonArray()),
                 QStringLiteral("grantControls.authenticationStrength"),
                 json(R"({"displayName": "Phishing-resistant MFA"})")));
        QCOMPARE(strength.otherGrantRequirements(), QStringList{QStringLiteral("authenticationStrength")});
        QVERIFY(strength.notUnderstood().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestConditionalAccessPolicy)
#include "test_conditionalaccesspolicy.moc"
