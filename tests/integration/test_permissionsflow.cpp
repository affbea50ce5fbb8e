// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// Exchange RBAC seen through the client: the server's 403 is the truth. reader@ (and helpdesk@, whose
// 403 body is NUL bytes) cannot Set-CASMailbox; recipients@ can, but cannot Set-TransportConfig.
#include "emulatorprocess.h"
#include "exchange/casmailboxrequests.h"
#include "exchange/invokecommandcall.h"
#include "exchange/invokecommandclient.h"
#include "signedinclient.h"

#include <QSignalSpy>
#include <QTest>

using namespace smtpauth;
using namespace smtpauth::test;

class TestPermissionsFlow : public QObject
{
    Q_OBJECT
private:
    static InvokeCommandCall *run(SignedInClient &signedIn, const CmdletRequest &request)
    {
        InvokeCommandCall *call = signedIn.client()->invoke(request);
        QSignalSpy finished(call, &InvokeCommandCall::finished);
        if (!call->isFinished())
            finished.wait(30000);
        return call;
    }

private Q_SLOTS:
    void forbiddenCmdletsAreForbidden_data()
    {
        QTest::addColumn<QString>("alias");
        QTest::addColumn<QString>("cmdlet");
        QTest::newRow("reader: Set-CASMailbox")
            << QStringLiteral("reader") << QStringLiteral("Set-CASMailbox");
        QTest::newRow("reader: Set-TransportConfig")
            << QStringLiteral("reader") << QStringLiteral("Set-TransportConfig");
        QTest::newRow("helpdesk (NUL body): Set-CASMailbox")
            << QStringLiteral("helpdesk") << QStringLiteral("Set-CASMailbox");
        QTest::newRow("recipients: Set-TransportConfig")
            << QStringLiteral("recipients") << QStringLiteral("Set-TransportConfig");
    }

    void forbiddenCmdletsAreForbidden()
    {
        QFETCH(QString, alias);
        QFETCH(QString, cmdlet);
        EmulatorProcess emulator({QStringLiteral("--mailboxes"), QStringLiteral("10")});
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        const auto before = emulator.truth();
        QVERIFY2(before, qPrintable(emulator.errorString()));
        SignedInClient user(emulator, emulator.userPrincipalName(alias));
        QVERIFY2(user.signIn(), qPrintable(user.errorString()));
        QCOMPARE(emulator.control(QStringLiteral("reset-stats")).status, 204);

        const EmulatorTruth::Mailbox target = before->mailboxes.first();
        const CmdletRequest request =
            cmdlet == QLatin1String("Set-CASMailbox")
                ? CasMailboxRequests::setMailbox(
                      target.guid.toString(QUuid::WithoutBraces),
                      target.smtpAuthOverride == Override::Enabled ? Override::Disabled : Override::Enabled)
                : CasMailboxRequests::setTransportConfig(
                      before->org == OrgSetting::Enabled ? OrgSetting::Disabled : OrgSetting::Enabled);
        InvokeCommandCall *call = run(user, request);
        QVERIFY(call->isFinished());
        QCOMPARE(call->httpStatus(), 403);
        QCOMPARE(call->error().category(), ExchangeError::Category::Forbidden);
        // The reason from x-ms-diagnostics, not a generic "forbidden".
        QCOMPARE(call->error().message(),
                 QStringLiteral("The user does not have the required role to run %1.").arg(cmdlet));
        QVERIFY2(call->error().userMessage().contains(call->error().message()),
                 qPrintable(call->error().userMessage()));
        // 403 is never retried, and nothing changed.
        QCOMPARE(emulator.stats().value(QStringLiteral("apiRequests")).toInt(), 1);
        const auto after = emulator.truth();
        QVERIFY(after);
        QCOMPARE(after->org, before->org);
        QCOMPARE(after->mailboxes.first().smtpAuthOverride, target.smtpAuthOverride);

        // Reading is allowed for everyone.
        InvokeCommandCall *read = run(user, CasMailboxRequests::getTransportConfig());
        QVERIFY2(read->result().ok(), qPrintable(read->error().userMessage()));
        delete call;
        delete read;
    }

    void recipientAdministratorMaySetMailboxes()
    {
        EmulatorProcess emulator({QStringLiteral("--mailboxes"), QStringLiteral("10"),
                                  QStringLiteral("--override-share"), QStringLiteral("0")});
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        SignedInClient recipients(emulator, emulator.userPrincipalName(QStringLiteral("recipients")));
        QVERIFY2(recipients.signIn(), qPrintable(recipients.errorString()));
        const auto before = emulator.truth();
        QVERIFY(before);
        const QUuid target = before->mailboxes.at(3).guid;
        QCOMPARE(before->mailboxes.at(3).smtpAuthOverride, Override::Inherit);

        InvokeCommandCall *call =
            run(recipients,
                CasMailboxRequests::setMailbox(target.toString(QUuid::WithoutBraces), Override::Enabled));
        QVERIFY2(call->result().ok(), qPrintable(call->error().userMessage()));
        QVERIFY(!call->result().noChange);
        const auto after = emulator.truth();
        QVERIFY(after);
        QCOMPARE(after->mailbox(target)->smtpAuthOverride, Override::Enabled);
        delete call;
    }
};

QTEST_GUILESS_MAIN(TestPermissionsFlow)
#include "test_permissionsflow.moc"
