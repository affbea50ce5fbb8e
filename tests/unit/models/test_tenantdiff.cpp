// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// TenantDiff: the org switch and every mailbox whose override or effective state moved, or that came or
// went, between two tenant states. Hand-made cases, then seeded random pairs against a map-based reading.
#include "models/mailboxstore.h"
#include "models/tenantdiff.h"

#include <QMap>
#include <QRandomGenerator>
#include <QTest>

using namespace smtpauth;

namespace {

QUuid guidOf(int n)
{
    return QUuid(uint(n), 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
}

TenantState::Mailbox mailbox(int n, Override value, const QString &name = QString())
{
    const QString shown = name.isEmpty() ? QStringLiteral("Mailbox %1").arg(n) : name;
    return TenantState::Mailbox{guidOf(n), value, QStringLiteral("m%1@contoso.com").arg(n), shown};
}

TenantState stateOf(OrgSetting org, QList<TenantState::Mailbox> mailboxes)
{
    std::sort(mailboxes.begin(), mailboxes.end(),
              [](const auto &a, const auto &b) { return a.guid < b.guid; });
    return TenantState{org, mailboxes};
}

} // namespace

class TestTenantDiff : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sameStateHasNoDifference()
    {
        const TenantState state =
            stateOf(OrgSetting::Disabled, {mailbox(1, Override::Enabled), mailbox(2, Override::Inherit)});
        QVERIFY(TenantDiff::between(state, state).isEmpty());
    }

    void aRenameAloneIsNotAChange()
    {
        const TenantState before =
            stateOf(OrgSetting::Disabled, {mailbox(1, Override::Enabled, QStringLiteral("Old"))});
        const TenantState after =
            stateOf(OrgSetting::Disabled, {mailbox(1, Override::Enabled, QStringLiteral("New"))});
        QVERIFY(TenantDiff::between(before, after).isEmpty());
    }

    void overrideChangeAddAndRemove()
    {
        const TenantState before =
            stateOf(OrgSetting::Disabled, {mailbox(1, Override::Inherit), mailbox(2, Override::Enabled),
                                           mailbox(3, Override::Disabled)});
        const TenantState after =
            stateOf(OrgSetting::Disabled, {mailbox(1, Override::Enabled), mailbox(3, Override::Disabled),
                                           mailbox(4, Override::Inherit)});
        const TenantDiff diff = TenantDiff::between(before, after);
        QVERIFY(!diff.orgChanged());
        QCOMPARE(diff.mailboxes().size(), 3);
        const auto &changed = diff.mailboxes()[0];
        QCOMPARE(changed.guid, guidOf(1));
        QCOMPARE(changed.kind, TenantDiff::Kind::Changed);
        QCOMPARE(changed.valueBefore, std::optional(Override::Inherit));
        QCOMPARE(changed.valueAfter, std::optional(Override::Enabled));
        QCOMPARE(changed.effectiveBefore, std::optional(EffectiveState::Disabled));
        QCOMPARE(changed.effectiveAfter, std::optional(EffectiveState::Enabled));
        const auto &removed = diff.mailboxes()[1];
        QCOMPARE(removed.guid, guidOf(2));
        QCOMPARE(removed.kind, TenantDiff::Kind::Removed);
        QCOMPARE(removed.address, QStringLiteral("m2@contoso.com")); // named from the earlier state
        QVERIFY(!removed.valueAfter && !removed.effectiveAfter);
        const auto &added = diff.mailboxes()[2];
        QCOMPARE(added.guid, guidOf(4));
        QCOMPARE(added.kind, TenantDiff::Kind::Added);
        QVERIFY(!added.valueBefore);
        QCOMPARE(added.effectiveAfter, std::optional(EffectiveState::Disabled));
        QCOMPARE(diff.ownChangeCount(), 3);
    }

    void theOrgSwitchMovesEveryInheritingMailbox()
    {
        const TenantState before =
            stateOf(OrgSetting::Disabled, {mailbox(1, Override::Inherit), mailbox(2, Override::Enabled),
                                           mailbox(3, Override::Inherit)});
        TenantState after = before;
        after.org = OrgSetting::Enabled;
        const TenantDiff diff = TenantDiff::between(before, after);
        QVERIFY(diff.orgChanged());
        QCOMPARE(diff.orgBefore(), OrgSetting::Disabled);
        QCOMPARE(diff.orgAfter(), OrgSetting::Enabled);
        QCOMPARE(diff.mailboxes().size(), 2); // mailbox 2 has its own Enabled: not moved
        for (const auto &change : diff.mailboxes()) {
            QVERIFY(change.onlyThroughOrg());
            QCOMPARE(change.effectiveAfter, std::optional(EffectiveState::Enabled));
        }
        QCOMPARE(diff.ownChangeCount(), 0);
    }

    void fromStoreSortsByGuid()
    {
        MailboxStore store;
        for (int n : {5, 1, 3}) {
            Mailbox m;
            m.guid = guidOf(n);
            m.displayName = QStringLiteral("Mailbox %1").arg(n);
            m.primarySmtpAddress = QStringLiteral("m%1@contoso.com").arg(n);
            m.smtpAuthOverride = n == 3 ? Override::Disabled : Override::Inherit;
            store.upsert(m);
        }
        const TenantState state = TenantState::fromStore(store, OrgSetting::Enabled);
        QVERIFY(state.isSorted());
        QCOMPARE(state.mailboxes.size(), 3);
        QCOMPARE(state.mailboxes[1].guid, guidOf(3));
        QCOMPARE(state.mailboxes[1].value, Override::Disabled);
        QCOMPARE(state.mailboxes[1].address, QStringLiteral("m3@contoso.com"));
        QVERIFY(state.find(guidOf(5)));
        QVERIFY(!state.find(guidOf(4)));
    }

    void randomPairsMatchAMapReading()
    {
        QRandomGenerator random(20261207);
        for (int round = 0; round < 300; ++round) {
            QMap<int, Override> a;
            QMap<int, Override> b;
            for (int n = 0; n < 60; ++n) {
                const auto pick = [&] { return Override(random.bounded(3)); };
                if (random.bounded(4) != 0)
                    a.insert(n, pick());
                if (random.bounded(4) != 0)
                    b.insert(n, random.bounded(2) == 0 && a.contains(n) ? a.value(n) : pick());
            }
            const OrgSetting orgA = random.bounded(2) ? OrgSetting::Enabled : OrgSetting::Disabled;
            const OrgSetting orgB = random.bounded(5) ? orgA
                                                      : (orgA == OrgSetting::Enabled ? OrgSetting::Disabled
                                                                                     : OrgSetting::Enabled);
            QList<TenantState::Mailbox> listA;
            QList<TenantState::Mailbox> listB;
            for (auto it = a.cbegin(); it != a.cend(); ++it)
                listA.append(mailbox(it.key(), it.value()));
            for (auto it = b.cbegin(); it != b.cend(); ++it)
                listB.append(mailbox(it.key(), it.value()));
            const TenantDiff diff = TenantDiff::between(stateOf(orgA, listA), stateOf(orgB, listB));

            // The reference: every guid in either map, in guid order, kept when anything differs.
            QMap<QUuid, int> expected; // guid -> n
            for (int n = 0; n < 60; ++n) {
                const bool inA = a.contains(n);
                const bool inB = b.contains(n);
                if (!inA && !inB)
                    continue;
                const bool differs =
                    inA != inB || a.value(n) != b.value(n) ||
                    resolveEffective(a.value(n), orgA).state != resolveEffective(b.value(n), orgB).state;
                if (differs)
                    expected.insert(guidOf(n), n);
            }
            QCOMPARE(diff.mailboxes().size(), expected.size());
            qsizetype k = 0;
            for (auto it = expected.cbegin(); it != expected.cend(); ++it, ++k) {
                const auto &change = diff.mailboxes()[k];
                const int n = it.value();
                QCOMPARE(change.guid, it.key());
                QCOMPARE(change.kind, !a.contains(n)   ? TenantDiff::Kind::Added
                                      : !b.contains(n) ? TenantDiff::Kind::Removed
                                                       : TenantDiff::Kind::Changed);
                QCOMPARE(change.valueBefore, a.contains(n) ? std::optional(a.value(n)) : std::nullopt);
                QCOMPARE(change.valueAfter, b.contains(n) ? std::optional(b.value(n)) : std::nullopt);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestTenantDiff)
#include "test_tenantdiff.moc"
