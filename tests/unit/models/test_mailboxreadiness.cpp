// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/mailboxreadiness.h"
#include "models/readinessevaluator.h"
#include "readinesstestdata.h"

#include <QJsonArray>
#include <QTest>

using namespace smtpauth;
using namespace readinesstest;

class TestMailboxReadiness : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // readiness.md §4: the `why --format json` object, key for key.
    void whyJsonIsTheContract()
    {
        TenantDirectory directory = readDirectory();
        setUserPolicy(directory, u"Block Basic Auth");
        directory.setConditionalAccessPolicies(
            {}, SourceStatus::unavailable(QStringLiteral("403 Authorization_RequestDenied")));
        const MailboxReadiness readiness =
            ReadinessEvaluator(directory, kBefore)
                .evaluate(Override::Inherit, OrgSetting::Enabled, kMailboxGuid, kUserId, kAddress);
        const QJsonObject why = readiness.toWhyJson(kMailboxGuid, kAddress, u"Scanner 3rd floor");

        const QJsonObject expected = json(R"json({
          "mailbox": {"guid": "11111111-1111-1111-1111-111111111111", "address": "scanner@contoso.com",
                      "displayName": "Scanner 3rd floor"},
          "verdict": {"oauth": "allowed", "basicNow": "blocked", "basicAfterCutoff": "blocked",
                      "decidedBy": "authentication-policy"},
          "layers": [
            {"layer": "smtp-auth-setting", "effect": "allows", "appliesTo": "all",
             "detail": "Inherits Enabled from the organization setting"},
            {"layer": "authentication-policy", "effect": "blocks", "appliesTo": "basic",
             "detail": "Policy 'Block Basic Auth' (assigned to this user) has AllowBasicAuthSmtp off; changed policies take up to 24 hours"},
            {"layer": "security-defaults", "effect": "allows", "appliesTo": "basic",
             "detail": "Security defaults are off for the tenant"},
            {"layer": "conditional-access", "effect": "unknown", "appliesTo": "basic",
             "detail": "Conditional Access policies could not be read: 403 Authorization_RequestDenied"},
            {"layer": "basic-retirement", "effect": "allows", "appliesTo": "basic",
             "detail": "Basic authentication for SMTP AUTH works until Microsoft turns it off by default for existing tenants at the end of December 2026 (24 days left)"}
          ]})json");
        QCOMPARE(why, expected);
        QCOMPARE(why.keys(), (QStringList{QStringLiteral("layers"), QStringLiteral("mailbox"),
                                          QStringLiteral("verdict")}));
    }

    void decidedByIsNullWhenNothingBlocks()
    {
        TenantDirectory directory = readDirectory();
        directory.setSecurityDefaultsStatus({});
        const MailboxReadiness readiness =
            ReadinessEvaluator(directory, kBefore)
                .evaluate(Override::Enabled, OrgSetting::Disabled, kMailboxGuid, kUserId, kAddress);
        const QJsonObject verdict =
            readiness.toWhyJson(kMailboxGuid, kAddress, u"x").value(QStringLiteral("verdict")).toObject();
        QCOMPARE(verdict.value(QStringLiteral("basicNow")).toString(), QStringLiteral("unknown"));
        QVERIFY(verdict.value(QStringLiteral("decidedBy")).isNull());
        QVERIFY(verdict.contains(QStringLiteral("decidedBy")));
        QCOMPARE(verdict.value(QStringLiteral("basicAfterCutoff")).toString(), QStringLiteral("blocked"));
    }

    void decidedByIsTheSettingWhenItBlocksEverything()
    {
        const MailboxReadiness readiness =
            ReadinessEvaluator(readDirectory(), kAfter)
                .evaluate(Override::Inherit, OrgSetting::Disabled, kMailboxGuid, kUserId, kAddress);
        const QJsonObject why = readiness.toWhyJson(kMailboxGuid, kAddress, u"x");
        const QJsonObject verdict = why.value(QStringLiteral("verdict")).toObject();
        QCOMPARE(verdict.value(QStringLiteral("oauth")).toString(), QStringLiteral("blocked"));
        QCOMPARE(verdict.value(QStringLiteral("decidedBy")).toString(), QStringLiteral("smtp-auth-setting"));
        const QJsonArray layers = why.value(QStringLiteral("layers")).toArray();
        QCOMPARE(layers.size(), 5);
        QCOMPARE(layers.at(4).toObject().value(QStringLiteral("effect")).toString(),
                 QStringLiteral("blocks"));
    }
};

QTEST_GUILESS_MAIN(TestMailboxReadiness)
#include "test_mailboxreadiness.moc"
