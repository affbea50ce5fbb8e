// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// TenantLoader against the real emulator process: every mailbox of a 2,500-mailbox tenant arrives exactly
// once and equals the emulator's truth, with large pages, tiny server pages and tiny client pages; and the
// way an empty window is filled: pages parsed off the owner's thread, rows added in slices, in order.
#include "emulatorprocess.h"
#include "engine/mailboxpagefeeder.h"
#include "engine/tenantloader.h"
#include "models/mailboxtablemodel.h"
#include "signedinclient.h"

#include <QCoreApplication>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace smtpauth;
using namespace smtpauth::test;

class TestTenantLoadFlow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void loadsEveryMailboxOnce_data()
    {
        QTest::addColumn<int>("serverPageSize");
        QTest::addColumn<int>("clientPageSize");
        QTest::addColumn<QString>("org");
        QTest::addColumn<int>("expectedPages");
        // 2,500 mailboxes: 3 pages of at most 1000; ceil(2500 / 7) = 358 pages of 7.
        QTest::newRow("pages of 1000, org disabled") << 1000 << 1000 << QStringLiteral("disabled") << 3;
        QTest::newRow("server caps pages at 7, org enabled") << 7 << 1000 << QStringLiteral("enabled") << 358;
        QTest::newRow("client asks for pages of 7") << 1000 << 7 << QStringLiteral("disabled") << 358;
    }

    void loadsEveryMailboxOnce()
    {
        QFETCH(int, serverPageSize);
        QFETCH(int, clientPageSize);
        QFETCH(QString, org);
        QFETCH(int, expectedPages);

        EmulatorProcess emulator(
            {QStringLiteral("--mailboxes"), QStringLiteral("2500"), QStringLiteral("--seed"),
             QStringLiteral("11"), QStringLiteral("--override-share"), QStringLiteral("0.3"),
             QStringLiteral("--org"), org, QStringLiteral("--page-size"), QString::number(serverPageSize)});
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        ClientOptions options = SignedInClient::fastClientOptions();
        options.pageSize = clientPageSize;
        SignedInClient admin(emulator, emulator.userPrincipalName(QStringLiteral("admin")), options);
        QVERIFY2(admin.signIn(), qPrintable(admin.errorString()));

        TenantLoader loader(admin.client());
        std::optional<OrgSetting> loadedOrg;
        QList<Mailbox> received;
        int batches = 0;
        connect(&loader, &TenantLoader::orgSettingLoaded, this, [&](OrgSetting value) { loadedOrg = value; });
        connect(&loader, &TenantLoader::mailboxesReceived, this, [&](const QList<Mailbox> &page) {
            received += page;
            ++batches;
        });
        QSignalSpy finished(&loader, &TenantLoader::finished);
        QSignalSpy failed(&loader, &TenantLoader::failed);
        QSignalSpy restarted(&loader, &TenantLoader::restarted);
        loader.start();
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty() || !failed.isEmpty(), 60000);
        QVERIFY2(failed.isEmpty(), qPrintable(loader.error().userMessage()));
        QCOMPARE(restarted.size(), 0);
        QCOMPARE(batches, expectedPages);
        QCOMPARE(loader.skippedCount(), 0);

        const auto truth = emulator.truth();
        QVERIFY2(truth, qPrintable(emulator.errorString()));
        QCOMPARE(truth->mailboxes.size(), 2500);
        QVERIFY(loadedOrg.has_value());
        QCOMPARE(*loadedOrg, truth->org);
        QCOMPARE(machineName(*loadedOrg), org);

        QCOMPARE(received.size(), truth->mailboxes.size());
        QCOMPARE(loader.mailboxCount(), int(truth->mailboxes.size()));
        const QHash<QUuid, int> index = truth->indexByGuid();
        QSet<QUuid> seen;
        int overrides = 0;
        for (const Mailbox &mailbox : std::as_const(received)) {
            QVERIFY2(!seen.contains(mailbox.guid),
                     qPrintable(QStringLiteral("duplicate %1").arg(mailbox.primarySmtpAddress)));
            seen.insert(mailbox.guid);
            QVERIFY2(index.contains(mailbox.guid),
                     qPrintable(QStringLiteral("unknown %1").arg(mailbox.primarySmtpAddress)));
            const EmulatorTruth::Mailbox &expected = truth->mailboxes.at(index.value(mailbox.guid));
            QCOMPARE(mailbox.primarySmtpAddress, expected.primarySmtpAddress);
            QCOMPARE(mailbox.displayName, expected.displayName);
            QCOMPARE(mailbox.externalDirectoryObjectId, expected.externalDirectoryObjectId);
            QCOMPARE(mailbox.smtpAuthOverride, expected.smtpAuthOverride);
            if (mailbox.smtpAuthOverride != Override::Inherit)
                ++overrides;
        }
        // The tenant really has all three override values, so the comparison above proved the tri-state.
        QVERIFY(overrides > 0 && overrides < received.size());

        // The pages the server served are the pages the loader delivered: one Get-CASMailbox per page.
        const QJsonObject counts = emulator.stats().value(QStringLiteral("cmdletCounts")).toObject();
        QCOMPARE(counts.value(QStringLiteral("Get-CASMailbox")).toInt(), expectedPages);
        QCOMPARE(counts.value(QStringLiteral("Get-TransportConfig")).toInt(), 1);
    }

    void feedsAnEmptyModelInSlicesInServerOrder()
    {
        EmulatorProcess emulator({QStringLiteral("--mailboxes"), QStringLiteral("2500"),
                                  QStringLiteral("--seed"), QStringLiteral("5"),
                                  QStringLiteral("--page-size"), QStringLiteral("1000")});
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        SignedInClient admin(emulator, emulator.userPrincipalName(QStringLiteral("admin")),
                             SignedInClient::fastClientOptions());
        QVERIFY2(admin.signIn(), qPrintable(admin.errorString()));

        MailboxTableModel model;
        MailboxPageFeeder feeder(&model);
        TenantLoader loader(admin.client());
        QList<Mailbox> received;
        bool everyPageOnThisThread = true;
        connect(&loader, &TenantLoader::mailboxesReceived, this, [&](const QList<Mailbox> &page) {
            everyPageOnThisThread = everyPageOnThisThread && QThread::currentThread() == thread();
            received += page;
        });
        connect(&loader, &TenantLoader::mailboxesReceived, &feeder, &MailboxPageFeeder::enqueue);
        QList<int> sliceSizes;
        connect(&model, &QAbstractItemModel::rowsInserted, this,
                [&](const QModelIndex &, int first, int last) { sliceSizes.append(last - first + 1); });
        QSignalSpy finished(&loader, &TenantLoader::finished);
        QSignalSpy failed(&loader, &TenantLoader::failed);
        QSignalSpy drained(&feeder, &MailboxPageFeeder::drained);
        loader.start();
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty() || !failed.isEmpty(), 60000);
        QVERIFY2(!loader.error().isError(), qPrintable(loader.error().userMessage()));
        QTRY_VERIFY_WITH_TIMEOUT(feeder.isIdle(), 30000);
        QVERIFY(!drained.isEmpty());
        QVERIFY(everyPageOnThisThread);

        QCOMPARE(model.rowCount(), 2500);
        QCOMPARE(feeder.queuedRows(), 0);
        for (int row = 0; row < model.rowCount(); ++row)
            QCOMPARE(model.store().guid(row),
                     received.at(row).guid); // arrival order, nothing lost or doubled
        // Slices never span pages and never exceed the cap.
        QVERIFY2(sliceSizes.size() >= 3, qPrintable(QString::number(sliceSizes.size())));
        for (int size : std::as_const(sliceSizes))
            QVERIFY(size >= 1 && size <= MailboxPageFeeder::kMaxSliceRows);

        // A restarted load: what is still queued is dropped, nothing reaches the model afterwards.
        model.clear();
        feeder.enqueue(received.mid(0, 1500));
        const qsizetype drainedBefore = drained.size();
        feeder.discardQueued();
        QVERIFY(feeder.isIdle());
        // The slice the enqueue scheduled runs now (a posted call), and must find nothing to hand on.
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
        QVERIFY(feeder.isIdle());
        QCOMPARE(drained.size(), drainedBefore);
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestTenantLoadFlow)
#include "test_tenantloadflow.moc"
