// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// TargetValueReader against a real smtpauth-emulator process: every target is announced exactly once,
// before finished(), and every value carries the tick before which its request had not left, which is
// what ChangeApplier relies on to tell a read-back that shows a write from one that cannot.
#include "emulatorprocess.h"
#include "engine/targetvaluereader.h"
#include "signedinclient.h"

#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace smtpauth;
using namespace smtpauth::test;

class TestTargetValueReader : public QObject
{
    Q_OBJECT
private:
    EmulatorProcess m_emulator{{QStringLiteral("--mailboxes"), QStringLiteral("260"),
                                QStringLiteral("--page-size"), QStringLiteral("40"),
                                QStringLiteral("--override-share"), QStringLiteral("0.5"),
                                QStringLiteral("--seed"), QStringLiteral("3")}};
    std::unique_ptr<SignedInClient> m_admin;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_emulator.start(), qPrintable(m_emulator.errorString()));
        m_admin = std::make_unique<SignedInClient>(m_emulator,
                                                   m_emulator.userPrincipalName(QStringLiteral("admin")));
        QVERIFY2(m_admin->signIn(), qPrintable(m_admin->errorString()));
    }

    void announcesEveryTargetOnceWithItsReadTick_data()
    {
        QTest::addColumn<int>("mailboxes");
        QTest::addColumn<bool>("withOrg");
        QTest::addColumn<bool>("withGhost");
        QTest::newRow("a few, one Get each") << 12 << false << true;
        QTest::newRow("a few and the org") << 5 << true << false;
        QTest::newRow("many, by enumeration (7 pages)")
            << TargetValueReader::kEnumerateThreshold + 40 << true << true;
    }

    void announcesEveryTargetOnceWithItsReadTick()
    {
        QFETCH(int, mailboxes);
        QFETCH(bool, withOrg);
        QFETCH(bool, withGhost);
        const auto truth = m_emulator.truth();
        QVERIFY(truth);
        QList<TargetValueReader::Target> targets;
        for (int i = 0; i < mailboxes; ++i)
            targets.append({ChangeTargetKind::Mailbox, truth->mailboxes.at(i).guid});
        const TargetValueReader::Target ghost{ChangeTargetKind::Mailbox, QUuid::createUuid()};
        if (withGhost)
            targets.append(ghost);
        if (withOrg)
            targets.append({ChangeTargetKind::Org, QUuid()});
        targets.append(targets.constFirst()); // asked twice, announced once

        TargetValueReader reader(m_admin->client());
        QList<TargetValueReader::Target> announced;
        int announcements = 0;
        bool finished = false;
        bool announcedAfterFinished = false;
        connect(&reader, &TargetValueReader::valuesReady, this,
                [&](const QList<TargetValueReader::Target> &ready) {
                    announcedAfterFinished = announcedAfterFinished || finished;
                    announced.append(ready);
                    ++announcements;
                });
        connect(&reader, &TargetValueReader::finished, this, [&] { finished = true; });
        const quint64 before = TargetValueReader::nextTick();
        reader.read(targets);
        QVERIFY2(announced.isEmpty(), "announced from inside read()");
        QTRY_VERIFY_WITH_TIMEOUT(finished, 30000);
        const quint64 after = TargetValueReader::nextTick();
        QVERIFY(!announcedAfterFinished);

        const QSet<TargetValueReader::Target> asked(targets.cbegin(), targets.cend());
        QCOMPARE(announced.size(), asked.size());
        QCOMPARE(QSet<TargetValueReader::Target>(announced.cbegin(), announced.cend()), asked);
        for (const TargetValueReader::Target &target : std::as_const(announced)) {
            const TargetValueReader::Value value = reader.valueOf(target);
            QVERIFY2(value.issuedTick > before && value.issuedTick < after,
                     qPrintable(target.guid.toString()));
            if (target == ghost) {
                QVERIFY(!value.ok);
                QVERIFY(value.error.isError());
            } else if (target.kind == ChangeTargetKind::Org) {
                QVERIFY(value.ok);
                QCOMPARE(value.value, changeValueOf(truth->org));
            } else {
                QVERIFY2(value.ok, qPrintable(value.error.userMessage()));
                QCOMPARE(value.value, changeValueOf(truth->mailbox(target.guid)->smtpAuthOverride));
            }
        }
        // Many targets come page by page: more than one announcement, and later pages carry later ticks
        // (each page leaves only after the one before it was received).
        if (mailboxes > TargetValueReader::kEnumerateThreshold) {
            QVERIFY2(announcements > 3, qPrintable(QString::number(announcements)));
            const quint64 firstPageTick = reader.valueOf(targets.constFirst()).issuedTick;
            const quint64 lastPageTick = reader.valueOf(targets.at(mailboxes - 1)).issuedTick;
            QVERIFY(lastPageTick > firstPageTick);
        }
    }
};

QTEST_GUILESS_MAIN(TestTargetValueReader)
#include "test_targetvaluereader.moc"
