// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/mailboxtablemodel.h"
#include "readinesstestdata.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace smtpauth;

namespace {
QList<Mailbox> makeMailboxes(int count, int firstId = 0)
{
    QList<Mailbox> list;
    for (int i = firstId; i < firstId + count; ++i) {
        Mailbox m;
        m.guid = QUuid::createUuidV5(QUuid(), QString::number(i));
        m.displayName = QStringLiteral("User %1").arg(i);
        m.primarySmtpAddress = QStringLiteral("user%1@contoso.com").arg(i);
        m.alias = QStringLiteral("user%1").arg(i);
        m.smtpAuthOverride = i % 10 == 0   ? Override::Enabled
                             : i % 10 == 1 ? Override::Disabled
                                           : Override::Inherit;
        list.append(m);
    }
    return list;
}
// Users for mailboxes 0..n-1 (joined by Guid): every third has 'Block Basic Auth' of its own.
std::shared_ptr<const TenantDirectory> directoryFor(int count)
{
    auto directory = std::make_shared<TenantDirectory>(readinesstest::readDirectory());
    directory->clearUsers();
    for (int i = 0; i < count; ++i) {
        directory->addUser(QUuid::createUuidV5(QUuid(), QStringLiteral("ext%1").arg(i)),
                           QUuid::createUuidV5(QUuid(), QString::number(i)),
                           QStringLiteral("user%1@contoso.com").arg(i),
                           i % 3 == 0 ? u"Block Basic Auth" : u"");
    }
    directory->finishUsers();
    directory->setUsersStatus(SourceStatus::read());
    return directory;
}

VerdictCounts recountVerdicts(const MailboxTableModel &model)
{
    VerdictCounts counts;
    for (int row = 0; row < model.rowCount(); ++row) {
        const Verdict verdict = model.index(row, 0).data(MailboxTableModel::BasicNowRole).value<Verdict>();
        ++(verdict == Verdict::Allowed   ? counts.allowed
           : verdict == Verdict::Blocked ? counts.blocked
                                         : counts.unknown);
    }
    return counts;
}
} // namespace

class TestMailboxTableModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void passesModelTesterWhileLoadingAndChanging()
    {
        MailboxTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.appendMailboxes(makeMailboxes(50));
        model.appendMailboxes(makeMailboxes(50, 50));
        QCOMPARE(model.rowCount(), 100);
        model.setOrgSetting(OrgSetting::Enabled);
        QVERIFY(model.setOverride(model.store().guid(5), Override::Disabled));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void showsEffectiveStateAndSource()
    {
        MailboxTableModel model;
        model.appendMailboxes(makeMailboxes(3)); // 0: Enabled override, 1: Disabled override, 2: Inherit
        model.setOrgSetting(OrgSetting::Disabled);
        auto text = [&](int row, int column) { return model.index(row, column).data().toString(); };
        QCOMPARE(text(0, MailboxTableModel::EffectiveColumn), QStringLiteral("Enabled"));
        QCOMPARE(text(0, MailboxTableModel::SourceColumn), QStringLiteral("Mailbox"));
        QCOMPARE(text(2, MailboxTableModel::OverrideColumn), QStringLiteral("Inherit"));
        QCOMPARE(text(2, MailboxTableModel::EffectiveColumn), QStringLiteral("Disabled"));
        QCOMPARE(text(2, MailboxTableModel::SourceColumn), QStringLiteral("Org"));
        QCOMPARE(model.index(1, 0).data(MailboxTableModel::EffectiveStateRole).value<EffectiveState>(),
                 EffectiveState::Disabled);
    }

    void orgFlipChangesInheritingRowsInOneSignal()
    {
        MailboxTableModel model;
        model.appendMailboxes(makeMailboxes(20));
        model.setOrgSetting(OrgSetting::Disabled);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setOrgSetting(OrgSetting::Enabled);
        QCOMPARE(changed.count(), 1);
        const QModelIndex topLeft = changed.at(0).at(0).toModelIndex();
        const QModelIndex bottomRight = changed.at(0).at(1).toModelIndex();
        QCOMPARE(topLeft.row(), 0);
        QCOMPARE(bottomRight.row(), 19);
        QCOMPARE(model.index(2, MailboxTableModel::EffectiveColumn).data().toString(),
                 QStringLiteral("Enabled"));
        QCOMPARE(model.index(1, MailboxTableModel::EffectiveColumn).data().toString(),
                 QStringLiteral("Disabled"));
    }

    void countsFollowOrgAndOverrides()
    {
        MailboxTableModel model;
        model.appendMailboxes(makeMailboxes(100)); // 10 enabled, 10 disabled, 80 inherit
        model.setOrgSetting(OrgSetting::Disabled);
        EffectiveCounts expected;
        expected.enabledByMailbox = 10;
        expected.disabledByMailbox = 10;
        expected.disabledByOrg = 80;
        QCOMPARE(model.counts(), expected);
        model.setOrgSetting(OrgSetting::Enabled);
        expected.disabledByOrg = 0;
        expected.enabledByOrg = 80;
        QCOMPARE(model.counts(), expected);
        QSignalSpy countsChanged(&model, &MailboxTableModel::countsChanged);
        QVERIFY(model.setOverride(model.store().guid(2), Override::Disabled));
        QCOMPARE(countsChanged.count(), 1);
        QCOMPARE(model.counts().disabledByMailbox, 11);
        QVERIFY(!model.setOverride(QUuid::createUuid(), Override::Disabled));
    }

    // counts() is kept as rows change rather than recounted: after every kind of change it must equal
    // a count over the rows.
    void keptCountsMatchARecountAfterEveryChange()
    {
        MailboxTableModel model;
        const auto recount = [&model] {
            EffectiveCounts counts;
            for (int row = 0; row < model.rowCount(); ++row) {
                const Effective effective = model.effectiveAt(row);
                const bool enabled = effective.state == EffectiveState::Enabled;
                int &slot = effective.source == StateSource::Org
                                ? (enabled ? counts.enabledByOrg : counts.disabledByOrg)
                                : (enabled ? counts.enabledByMailbox : counts.disabledByMailbox);
                ++slot;
            }
            return counts;
        };
        model.appendMailboxes(makeMailboxes(100));
        QCOMPARE(model.counts(), recount());
        // an existing Guid arrives again with another override (a restarted page, a refresh)
        QList<Mailbox> again = makeMailboxes(3, 0); // 0: Enabled, 1: Disabled, 2: Inherit
        again[0].smtpAuthOverride = Override::Disabled;
        again[1].smtpAuthOverride = Override::Inherit;
        again[2].smtpAuthOverride = Override::Enabled;
        model.appendMailboxes(again + makeMailboxes(10, 100));
        QCOMPARE(model.rowCount(), 110);
        QCOMPARE(model.counts(), recount());
        QVERIFY(model.setOverride(model.store().guid(5), Override::Enabled));
        QVERIFY(model.setOverride(model.store().guid(10), Override::Inherit));
        QCOMPARE(model.counts(), recount());
        model.setOrgSetting(OrgSetting::Enabled);
        QCOMPARE(model.counts(), recount());
        MailboxStore store;
        for (const Mailbox &mailbox : makeMailboxes(30, 500))
            store.upsert(mailbox);
        model.replaceAll(std::move(store), OrgSetting::Disabled);
        QCOMPARE(model.counts(), recount());
        QCOMPARE(model.counts().total(), 30);
        model.clear();
        QCOMPARE(model.counts(), EffectiveCounts());
        model.appendMailboxes(makeMailboxes(20));
        QCOMPARE(model.counts(), recount());
    }

    void appendUpdatesExistingGuidInPlace()
    {
        MailboxTableModel model;
        model.appendMailboxes(makeMailboxes(5));
        QList<Mailbox> again = makeMailboxes(1, 3);
        again[0].displayName = QStringLiteral("Renamed");
        model.appendMailboxes(again);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.index(3, 0).data().toString(), QStringLiteral("Renamed"));
    }

    void aPageNamingAMailboxTwiceAddsOneRow()
    {
        MailboxTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QList<Mailbox> page = makeMailboxes(4);
        Mailbox twice = page.at(1);
        twice.displayName = QStringLiteral("Later entry");
        twice.smtpAuthOverride = Override::Enabled;
        page.append(twice);
        model.appendMailboxes(page);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.store().size(), 4);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.first().at(2).toInt(), 3); // rows 0..3
        const int row = model.store().rowOfGuid(twice.guid);
        QCOMPARE(model.index(row, 0).data().toString(), QStringLiteral("Later entry"));
        QCOMPARE(model.counts().enabledByMailbox + model.counts().disabledByMailbox,
                 2); // 0: Enabled, 1: now Enabled
    }

    void stagingMarksRowsAndSkipsNoOps()
    {
        MailboxTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.appendMailboxes(makeMailboxes(12)); // 0 and 10: Enabled; 1 and 11: Disabled; rest Inherit
        QSignalSpy staging(&model, &MailboxTableModel::stagingChanged);
        const QList<QUuid> guids{model.store().guid(0), model.store().guid(1), model.store().guid(2)};
        // Row 0 is already Enabled: staging Enabled there is a no-op and is skipped.
        QCOMPARE(model.stage(guids, Override::Enabled), 2);
        QCOMPARE(staging.count(), 1);
        QCOMPARE(model.stagedCount(), 2);
        QCOMPARE(model.stagedGuids(), (QList<QUuid>{guids.at(1), guids.at(2)}));
        QCOMPARE(model.index(1, MailboxTableModel::StagedColumn).data().toString(),
                 QStringLiteral("→ Enabled"));
        QCOMPARE(model.index(1, 0).data(MailboxTableModel::StagedRole).value<Override>(), Override::Enabled);
        QVERIFY(!model.index(0, 0).data(MailboxTableModel::StagedRole).isValid());
        // Re-staging to the current value withdraws the staged change.
        model.stage({guids.at(1)}, Override::Disabled);
        QCOMPARE(model.stagedCount(), 1);
        model.unstage({guids.at(2)});
        QCOMPARE(model.stagedCount(), 0);
        model.stage(guids, Override::Inherit);
        QCOMPARE(model.stagedCount(), 2);
        model.clearStaged();
        QCOMPARE(model.stagedCount(), 0);
        QVERIFY(model.index(2, MailboxTableModel::StagedColumn).data().toString().isEmpty());
    }

    void stagingSurvivesRefreshOfExistingMailboxes()
    {
        MailboxTableModel model;
        model.appendMailboxes(makeMailboxes(5));
        model.stage({model.store().guid(2), model.store().guid(4)}, Override::Disabled);
        MailboxStore fresh;
        for (const Mailbox &m : makeMailboxes(4)) // mailbox 4 is gone now
            fresh.upsert(m);
        model.replaceAll(std::move(fresh), OrgSetting::Enabled);
        QCOMPARE(model.stagedCount(), 1);
        QCOMPARE(model.stagedValue(model.store().guid(2)), std::optional(Override::Disabled));
    }

    void lastChangeColumn()
    {
        MailboxTableModel model;
        model.appendMailboxes(makeMailboxes(3));
        QHash<QUuid, MailboxTableModel::LastChange> last;
        last.insert(model.store().guid(1), {QStringLiteral("admin@contoso.com"),
                                            QDateTime::currentDateTimeUtc(), QStringLiteral("C7")});
        model.setLastChanges(last);
        QVERIFY(model.index(1, MailboxTableModel::LastChangeColumn)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("admin@contoso.com")));
        QVERIFY(model.index(0, MailboxTableModel::LastChangeColumn).data().toString().isEmpty());
    }

    void readinessColumnsKeepTheirPlace()
    {
        MailboxTableModel model;
        QCOMPARE(int(MailboxTableModel::LastChangeColumn), 6); // existing column numbers are kept
        QCOMPARE(int(MailboxTableModel::BasicNowColumn), 7);
        QCOMPARE(int(MailboxTableModel::DecidedByColumn), 8);
        QCOMPARE(model.columnCount(), 9);
        QCOMPARE(model.headerData(MailboxTableModel::BasicNowColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Basic now"));
        QCOMPARE(model.headerData(MailboxTableModel::DecidedByColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Decided by"));
    }

    void readinessColumnsShowTheVerdict()
    {
        MailboxTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.appendMailboxes(makeMailboxes(6)); // 0: Enabled override, 1: Disabled, others Inherit
        model.setOrgSetting(OrgSetting::Enabled);
        const auto text = [&](int row, int column) { return model.index(row, column).data().toString(); };
        // Nothing read yet: unknown from the first Basic layer on; the switch still decides where it blocks.
        model.setReadinessContext(nullptr, readinesstest::kBefore);
        QCOMPARE(text(2, MailboxTableModel::BasicNowColumn), QStringLiteral("Unknown"));
        QCOMPARE(text(2, MailboxTableModel::DecidedByColumn),
                 QStringLiteral("Unknown: Authentication policy"));
        QCOMPARE(model.index(2, 0).data(MailboxTableModel::DecidedByRole).value<ReadinessLayer>(),
                 ReadinessLayer::AuthenticationPolicy);
        QCOMPARE(text(1, MailboxTableModel::BasicNowColumn), QStringLiteral("Blocked"));
        QCOMPARE(text(1, MailboxTableModel::DecidedByColumn), QStringLiteral("SMTP AUTH setting"));
        QCOMPARE(model.basicNowCounts(), (VerdictCounts{0, 1, 5}));

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy counts(&model, &MailboxTableModel::countsChanged);
        model.setReadinessContext(directoryFor(6), readinesstest::kBefore);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex(), model.index(0, MailboxTableModel::BasicNowColumn));
        QCOMPARE(changed.first().at(1).toModelIndex(), model.index(5, MailboxTableModel::DecidedByColumn));
        QCOMPARE(counts.size(), 1);
        QCOMPARE(text(3, MailboxTableModel::BasicNowColumn), QStringLiteral("Blocked"));
        QCOMPARE(text(3, MailboxTableModel::DecidedByColumn), QStringLiteral("Authentication policy"));
        QCOMPARE(text(2, MailboxTableModel::BasicNowColumn), QStringLiteral("Allowed"));
        QVERIFY(text(2, MailboxTableModel::DecidedByColumn).isEmpty());
        QVERIFY(model.index(3, MailboxTableModel::DecidedByColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral(
                        "'Block Basic Auth' (assigned to this user) has AllowBasicAuthSmtp off")));
        QCOMPARE(model.explain(3).basicNow.decidedBy, std::optional(ReadinessLayer::AuthenticationPolicy));
        QCOMPARE(model.basicNowCounts(), recountVerdicts(model));

        // After the cutoff everything Basic is blocked; the first blocking layer still decides.
        model.setReadinessContext(directoryFor(6), readinesstest::kAfter);
        QCOMPARE(text(2, MailboxTableModel::DecidedByColumn), QStringLiteral("Basic retirement"));
        QCOMPARE(text(3, MailboxTableModel::DecidedByColumn), QStringLiteral("Authentication policy"));
        QCOMPARE(model.basicNowCounts(), (VerdictCounts{0, 6, 0}));
    }

    void orgFlipAndOverridesChangeTheVerdictWithoutRecomputing()
    {
        MailboxTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.appendMailboxes(makeMailboxes(20));
        model.setReadinessContext(directoryFor(20), readinesstest::kBefore);
        model.setOrgSetting(OrgSetting::Disabled);
        QCOMPARE(model.index(2, MailboxTableModel::DecidedByColumn).data().toString(),
                 QStringLiteral("SMTP AUTH setting"));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setOrgSetting(OrgSetting::Enabled);
        QCOMPARE(changed.size(), 1); // one ranged signal, the readiness columns included
        QCOMPARE(changed.first().at(1).toModelIndex(), model.index(19, MailboxTableModel::DecidedByColumn));
        QVERIFY(changed.first().at(2).value<QList<int>>().contains(MailboxTableModel::BasicNowRole));
        QCOMPARE(model.index(2, MailboxTableModel::BasicNowColumn).data().toString(),
                 QStringLiteral("Allowed"));
        QCOMPARE(model.basicNowCounts(), recountVerdicts(model));

        changed.clear();
        QVERIFY(model.setOverride(model.store().guid(2), Override::Disabled));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex(), model.index(2, MailboxTableModel::OverrideColumn));
        QCOMPARE(changed.first().at(1).toModelIndex(), model.index(2, MailboxTableModel::DecidedByColumn));
        QCOMPARE(model.index(2, MailboxTableModel::BasicNowColumn).data().toString(),
                 QStringLiteral("Blocked"));
        QCOMPARE(model.basicNowCounts(), recountVerdicts(model));
    }

    // The per-row verdicts and their counts follow appends (new rows, and known rows whose ids changed),
    // replacements and clears: after each they equal a fresh evaluation of every row.
    void readinessFollowsEveryChange()
    {
        MailboxTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto check = [&model] {
            for (int row = 0; row < model.rowCount(); ++row) {
                const PackedVerdict fresh = model.readinessEvaluator().packedBasicNow(
                    model.store().smtpAuthOverride(row), model.orgSetting(), model.store().guid(row),
                    model.store().externalDirectoryObjectId(row), model.store().primarySmtpAddress(row));
                if (model.basicNowAt(row) != fresh)
                    return false;
            }
            return model.basicNowCounts() == recountVerdicts(model);
        };
        model.setReadinessContext(directoryFor(30), readinesstest::kBefore);
        model.setOrgSetting(OrgSetting::Enabled);
        model.appendMailboxes(makeMailboxes(10));
        QVERIFY(check());
        model.appendMailboxes(makeMailboxes(30, 10)); // rows 30.. have no user: unknown
        QVERIFY(check());
        QCOMPARE(model.index(35, MailboxTableModel::BasicNowColumn).data().toString(),
                 QStringLiteral("Unknown"));
        // A known mailbox comes back with another Guid's user behind its address: re-evaluated.
        QList<Mailbox> again = makeMailboxes(1, 35);
        again[0].primarySmtpAddress =
            QStringLiteral("user3@contoso.com"); // joins user 3 by UPN: own policy blocks
        model.appendMailboxes(again);
        QCOMPARE(model.index(35, MailboxTableModel::DecidedByColumn).data().toString(),
                 QStringLiteral("Authentication policy"));
        QVERIFY(check());
        model.setOrgSetting(OrgSetting::Disabled);
        QVERIFY(model.setOverride(model.store().guid(4), Override::Enabled));
        QVERIFY(check());
        MailboxStore fresh;
        for (const Mailbox &m : makeMailboxes(12, 3))
            fresh.upsert(m);
        model.replaceAll(std::move(fresh), OrgSetting::Disabled);
        QVERIFY(check());
        model.clear();
        QCOMPARE(model.basicNowCounts(), VerdictCounts());
        model.appendMailboxes(makeMailboxes(5));
        QVERIFY(check());
    }

    void hundredThousandRowsStayCorrect()
    {
        MailboxTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        MailboxStore store;
        store.reserve(100000);
        for (const Mailbox &m : makeMailboxes(100000))
            store.upsert(m);
        model.replaceAll(std::move(store), OrgSetting::Enabled);
        QCOMPARE(model.rowCount(), 100000);
        QCOMPARE(model.counts().total(), 100000);
        QCOMPARE(model.counts().enabledByMailbox, 10000);
        QCOMPARE(model.index(99999, MailboxTableModel::AddressColumn).data().toString(),
                 QStringLiteral("user99999@contoso.com"));
        QCOMPARE(model.store().rowOfGuid(QUuid::createUuidV5(QUuid(), QStringLiteral("77777"))), 77777);
        std::shared_ptr<const TenantDirectory> directory = directoryFor(100000);
        QElapsedTimer timer;
        timer.start();
        model.setReadinessContext(std::move(directory), readinesstest::kBefore);
        qInfo("readiness for 100k rows: %lld ms", qlonglong(timer.elapsed()));
        QCOMPARE(model.basicNowCounts().total(), 100000);
        QCOMPARE(model.basicNowCounts(), recountVerdicts(model));
        // A tenant this large is evaluated on several threads: every row must still hold its own verdict.
        for (int row = 0; row < model.rowCount(); ++row) {
            const PackedVerdict fresh = model.readinessEvaluator().packedBasicNow(
                model.store().smtpAuthOverride(row), model.orgSetting(), model.store().guid(row),
                model.store().externalDirectoryObjectId(row), model.store().primarySmtpAddress(row));
            if (model.basicNowAt(row) != fresh)
                QFAIL(qPrintable(QStringLiteral("row %1 holds another verdict than its own").arg(row)));
        }
        QVERIFY(model.basicNowCounts().blocked > 30000 && model.basicNowCounts().allowed > 30000);
    }
};

QTEST_GUILESS_MAIN(TestMailboxTableModel)
#include "test_mailboxtablemodel.moc"
