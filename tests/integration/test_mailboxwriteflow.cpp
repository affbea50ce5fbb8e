// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// Writes against the real emulator process: a $batch of 12 Set-CASMailbox with one unknown mailbox, and
// a Set that changes nothing.
#include "emulatorprocess.h"
#include "exchange/batchcall.h"
#include "exchange/casmailboxrequests.h"
#include "exchange/invokecommandcall.h"
#include "exchange/invokecommandclient.h"
#include "signedinclient.h"

#include <QSignalSpy>
#include <QTest>

using namespace smtpauth;
using namespace smtpauth::test;

namespace {

// A value different from the current one, so every accepted write is a visible change.
Override nextValue(Override current)
{
    switch (current) {
    case Override::Inherit:
        return Override::Enabled;
    case Override::Enabled:
        return Override::Disabled;
    case Override::Disabled:
        break;
    }
    return Override::Inherit;
}

} // namespace

class TestMailboxWriteFlow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void batchOfTwelveWithOneUnknownMailbox()
    {
        EmulatorProcess emulator({QStringLiteral("--mailboxes"), QStringLiteral("40"),
                                  QStringLiteral("--override-share"), QStringLiteral("0.5"),
                                  QStringLiteral("--seed"), QStringLiteral("3")});
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        SignedInClient admin(emulator, emulator.userPrincipalName(QStringLiteral("admin")));
        QVERIFY2(admin.signIn(), qPrintable(admin.errorString()));
        const auto before = emulator.truth();
        QVERIFY2(before, qPrintable(emulator.errorString()));
        QCOMPARE(emulator.control(QStringLiteral("reset-stats")).status, 204);

        constexpr int unknownAt = 6;
        const QString unknownGuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QList<CmdletRequest> requests;
        QList<QPair<QUuid, Override>> intended; // per request index; null Guid for the unknown one
        for (int i = 0, mailbox = 0; i < 12; ++i) {
            if (i == unknownAt) {
                requests.append(CasMailboxRequests::setMailbox(unknownGuid, Override::Enabled));
                intended.append({QUuid(), Override::Enabled});
                continue;
            }
            const EmulatorTruth::Mailbox &m = before->mailboxes.at(mailbox++);
            requests.append(CasMailboxRequests::setMailbox(m.guid.toString(QUuid::WithoutBraces),
                                                           nextValue(m.smtpAuthOverride)));
            intended.append({m.guid, nextValue(m.smtpAuthOverride)});
        }

        BatchCall *batch = admin.client()->invokeBatch(requests);
        QSignalSpy finished(batch, &BatchCall::finished);
        QTRY_VERIFY_WITH_TIMEOUT(batch->isFinished(), 30000);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(batch->results().size(), 12);
        QCOMPARE(batch->failedCount(), 1);
        for (int i = 0; i < 12; ++i) {
            const CmdletResult &result = batch->resultAt(i);
            if (i == unknownAt) {
                QVERIFY(!result.ok());
                QCOMPARE(result.error.category(), ExchangeError::Category::NotFound);
                // The server's own words (the last '|' segment of details[0].message), for this request.
                QVERIFY2(result.error.message().contains(QStringLiteral("couldn't be found")),
                         qPrintable(result.error.message()));
                QVERIFY2(result.error.message().contains(unknownGuid), qPrintable(result.error.message()));
                QVERIFY(!result.error.message().contains(QLatin1Char('|')));
            } else {
                QVERIFY2(result.ok(),
                         qPrintable(QStringLiteral("request %1: %2").arg(i).arg(result.error.userMessage())));
                QVERIFY(!result.noChange);
            }
        }
        // At most 10 sub-requests per $batch: two HTTP requests, twelve cmdlets.
        QCOMPARE(batch->batchRequestsSent(), 2);
        const QJsonObject counts = emulator.stats().value(QStringLiteral("cmdletCounts")).toObject();
        QCOMPARE(counts.value(QStringLiteral("$batch")).toInt(), 2);
        QCOMPARE(counts.value(QStringLiteral("Set-CASMailbox")).toInt(), 12);

        const auto after = emulator.truth();
        QVERIFY(after);
        int changed = 0;
        for (const auto &[guid, value] : std::as_const(intended)) {
            if (guid.isNull())
                continue;
            QCOMPARE(after->mailbox(guid)->smtpAuthOverride, value);
            ++changed;
        }
        QCOMPARE(changed, 11);
        // Nothing else moved.
        for (int i = 11; i < before->mailboxes.size(); ++i)
            QCOMPARE(after->mailboxes.at(i).smtpAuthOverride, before->mailboxes.at(i).smtpAuthOverride);
        QCOMPARE(after->mailboxes.size(), before->mailboxes.size());
        batch->deleteLater();
    }

    void setToTheCurrentValueIsSuccessWithoutChange_data()
    {
        QTest::addColumn<bool>("organization");
        QTest::newRow("Set-CASMailbox") << false;
        QTest::newRow("Set-TransportConfig") << true;
    }

    void setToTheCurrentValueIsSuccessWithoutChange()
    {
        QFETCH(bool, organization);
        EmulatorProcess emulator({QStringLiteral("--mailboxes"), QStringLiteral("10"),
                                  QStringLiteral("--override-share"), QStringLiteral("0.5")});
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        SignedInClient admin(emulator, emulator.userPrincipalName(QStringLiteral("admin")));
        QVERIFY2(admin.signIn(), qPrintable(admin.errorString()));
        const auto before = emulator.truth();
        QVERIFY(before);
        const EmulatorTruth::Mailbox target = before->mailboxes.at(2);

        InvokeCommandCall *call = admin.client()->invoke(
            organization ? CasMailboxRequests::setTransportConfig(before->org)
                         : CasMailboxRequests::setMailbox(target.guid.toString(QUuid::WithoutBraces),
                                                          target.smtpAuthOverride));
        QTRY_VERIFY_WITH_TIMEOUT(call->isFinished(), 30000);
        QVERIFY2(call->result().ok(), qPrintable(call->error().userMessage()));
        QVERIFY(call->result().noChange);
        QVERIFY(!call->warnings().isEmpty());

        const auto after = emulator.truth();
        QVERIFY(after);
        QCOMPARE(after->org, before->org);
        QCOMPARE(after->mailbox(target.guid)->smtpAuthOverride, target.smtpAuthOverride);

        // The control: a real change is NOT reported as "no change".
        InvokeCommandCall *change = admin.client()->invoke(
            organization
                ? CasMailboxRequests::setTransportConfig(
                      before->org == OrgSetting::Enabled ? OrgSetting::Disabled : OrgSetting::Enabled)
                : CasMailboxRequests::setMailbox(target.guid.toString(QUuid::WithoutBraces),
                                                 nextValue(target.smtpAuthOverride)));
        QTRY_VERIFY_WITH_TIMEOUT(change->isFinished(), 30000);
        QVERIFY2(change->result().ok(), qPrintable(change->error().userMessage()));
        QVERIFY(!change->result().noChange);
        delete call;
        delete change;
    }
};

QTEST_GUILESS_MAIN(TestMailboxWriteFlow)
#include "test_mailboxwriteflow.moc"
