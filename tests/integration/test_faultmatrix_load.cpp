// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// Fault matrix (docs/testing.md, "Fault matrix"), the load flow: a full TenantLoader load of a 300-mailbox
// tenant (pages of 50) under every fault the emulator can produce. A load either delivers every mailbox
// exactly once and says finished, or says failed with a message naming the cause: a list cut short is never
// reported complete.
#include "engine/tenantloader.h"
#include "faultmatrix.h"

#include <QSignalSpy>

using namespace smtpauth;
using namespace smtpauth::test;

class TestFaultMatrixLoad : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void loadUnderFault_data()
    {
        // The org setting and two pages get through, the fault hits the third page of seven.
        addFaultRows(3, true);
    }

    void loadUnderFault()
    {
        QFETCH(FaultCase, fault);
        EmulatorProcess emulator(emulatorArguments());
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        SignedInClient admin(emulator, emulator.userPrincipalName(QStringLiteral("admin")),
                             clientOptionsFor(fault));
        QVERIFY2(admin.signIn(), qPrintable(admin.errorString()));
        QVERIFY(armFault(emulator, fault));

        TenantLoader loader(admin.client());
        QList<Mailbox> received;
        bool triggerPulled = false;
        bool triggerOk = true;
        connect(&loader, &TenantLoader::mailboxesReceived, this, [&](const QList<Mailbox> &page) {
            received += page;
            if (!triggerPulled) {
                triggerPulled = true;
                triggerOk = pullTrigger(emulator, fault.trigger);
            }
        });
        connect(&loader, &TenantLoader::restarted, this, [&] { received.clear(); });
        QSignalSpy finished(&loader, &TenantLoader::finished);
        QSignalSpy failed(&loader, &TenantLoader::failed);
        loader.start();
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty() || !failed.isEmpty(), 45000);
        QVERIFY(triggerOk);
        QVERIFY(disarmFault(emulator));
        // Exactly one of finished / failed, once.
        QCOMPARE(finished.size() + failed.size(), 1);
        QVERIFY(!loader.isRunning());

        const auto truth = emulator.truth();
        QVERIFY2(truth, qPrintable(emulator.errorString()));
        if (!failed.isEmpty()) {
            const auto error = failed.constFirst().constFirst().value<ExchangeError>();
            QVERIFY2(error.isError(), "failed() carried no error");
            QVERIFY2(namesCause(error.userMessage(), fault.cause), qPrintable(error.userMessage()));
            QVERIFY2(!fault.mustSucceed,
                     qPrintable(QStringLiteral("expected to ride it out, failed: ") + error.userMessage()));
            qInfo("failed after %d of %d mailboxes: %s", int(received.size()), int(truth->mailboxes.size()),
                  qPrintable(error.userMessage()));
            return;
        }
        QVERIFY2(!fault.mustFail, "the fault was meant to outlast the retry budget but the load finished");
        // Finished: the list is complete, each mailbox once, and equal to the server's.
        QCOMPARE(loader.skippedCount(), 0);
        QCOMPARE(received.size(), truth->mailboxes.size());
        QCOMPARE(loader.mailboxCount(), int(truth->mailboxes.size()));
        const QHash<QUuid, int> index = truth->indexByGuid();
        QSet<QUuid> seen;
        for (const Mailbox &mailbox : std::as_const(received)) {
            QVERIFY2(!seen.contains(mailbox.guid),
                     qPrintable(QStringLiteral("duplicate ") + mailbox.primarySmtpAddress));
            seen.insert(mailbox.guid);
            QVERIFY2(index.contains(mailbox.guid),
                     qPrintable(QStringLiteral("unknown ") + mailbox.primarySmtpAddress));
            QCOMPARE(mailbox.smtpAuthOverride,
                     truth->mailboxes.at(index.value(mailbox.guid)).smtpAuthOverride);
        }
    }
};

QTEST_GUILESS_MAIN(TestFaultMatrixLoad)
#include "test_faultmatrix_load.moc"
