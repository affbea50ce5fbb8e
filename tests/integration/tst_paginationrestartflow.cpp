// An @odata.nextLink that expires in the middle of an enumeration (control: expire-nextlinks with
// afterPages, so the emulator expires the link right after serving page N no matter how far ahead the
// client already asks): the enumeration starts over, says so, and the final result is complete and
// never stitched from two runs.
#include "casmailboxrequests.h"
#include "emulatorprocess.h"
#include "invokecommandclient.h"
#include "pagedenumeration.h"
#include "signedinclient.h"
#include "tenantloader.h"

#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace smtpauth;
using namespace smtpauth::test;

class TestPaginationRestartFlow : public QObject
{
    Q_OBJECT
private:
    static QStringList emulatorArguments()
    {
        return {QStringLiteral("--mailboxes"),      QStringLiteral("450"),
                QStringLiteral("--page-size"),      QStringLiteral("100"),
                QStringLiteral("--override-share"), QStringLiteral("0.2")};
    }

private Q_SLOTS:
    void enumerationRestartsAfterExpiredNextLink_data()
    {
        QTest::addColumn<int>("expireAfterPage");
        QTest::newRow("after the first page") << 1;
        QTest::newRow("after the fourth page") << 4;
    }

    void enumerationRestartsAfterExpiredNextLink()
    {
        QFETCH(int, expireAfterPage);
        EmulatorProcess emulator(emulatorArguments());
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        SignedInClient admin(emulator, emulator.userPrincipalName(QStringLiteral("admin")));
        QVERIFY2(admin.signIn(), qPrintable(admin.errorString()));

        QCOMPARE(emulator.control(QStringLiteral("expire-nextlinks"), {{QStringLiteral("afterPages"), expireAfterPage}}).status,
                 204);
        PagedEnumeration *enumeration = admin.client()->enumerate(CasMailboxRequests::getAllMailboxes());
        QList<QJsonObject> everythingReceived; // what a consumer that ignored restarted() would hold
        connect(enumeration, &PagedEnumeration::pageReceived, this,
                [&](const QList<QJsonObject> &objects) { everythingReceived += objects; });
        QSignalSpy restarted(enumeration, &PagedEnumeration::restarted);
        QSignalSpy finished(enumeration, &PagedEnumeration::finished);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30000);
        QVERIFY2(!enumeration->error().isError(), qPrintable(enumeration->error().userMessage()));

        QCOMPARE(restarted.size(), 1);
        QCOMPARE(enumeration->restartCount(), 1);
        const QString reason = restarted.first().first().toString();
        QVERIFY2(reason.contains(QStringLiteral("pagination"), Qt::CaseInsensitive) ||
                     reason.contains(QStringLiteral("expired"), Qt::CaseInsensitive),
                 qPrintable(reason));

        // The pages before the restart were delivered, then thrown away: objects() is the fresh run only.
        QCOMPARE(everythingReceived.size(), 450 + expireAfterPage * 100);
        const auto truth = emulator.truth();
        QVERIFY2(truth, qPrintable(emulator.errorString()));
        QCOMPARE(enumeration->objects().size(), truth->mailboxes.size());
        QSet<QUuid> seen;
        for (const QJsonObject &object : enumeration->objects()) {
            const QUuid guid(object.value(QStringLiteral("Guid")).toString());
            QVERIFY2(!seen.contains(guid), "a mailbox appears twice: the runs were stitched");
            seen.insert(guid);
        }
        QCOMPARE(seen, QSet<QUuid>(truth->indexByGuid().keyBegin(), truth->indexByGuid().keyEnd()));

        // Server view: the first run's pages, the refused page, then a complete second run of 5 pages.
        const QJsonObject counts = emulator.stats().value(QStringLiteral("cmdletCounts")).toObject();
        QCOMPARE(counts.value(QStringLiteral("Get-CASMailbox")).toInt(), expireAfterPage + 1 + 5);
        enumeration->deleteLater();
    }

    // The same through TenantLoader, the way the window and the CLI consume it: throw away on restarted().
    void tenantLoaderConsumerEndsWithTheTruth()
    {
        EmulatorProcess emulator(emulatorArguments());
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        SignedInClient admin(emulator, emulator.userPrincipalName(QStringLiteral("admin")));
        QVERIFY2(admin.signIn(), qPrintable(admin.errorString()));

        TenantLoader loader(admin.client());
        QList<Mailbox> held;
        QCOMPARE(emulator.control(QStringLiteral("expire-nextlinks"), {{QStringLiteral("afterPages"), 2}}).status, 204);
        connect(&loader, &TenantLoader::mailboxesReceived, this, [&](const QList<Mailbox> &page) { held += page; });
        connect(&loader, &TenantLoader::restarted, this, [&held] { held.clear(); });
        QSignalSpy restarted(&loader, &TenantLoader::restarted);
        QSignalSpy finished(&loader, &TenantLoader::finished);
        QSignalSpy failed(&loader, &TenantLoader::failed);
        loader.start();
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty() || !failed.isEmpty(), 30000);
        QVERIFY2(failed.isEmpty(), qPrintable(loader.error().userMessage()));
        QCOMPARE(restarted.size(), 1);
        QCOMPARE(loader.mailboxCount(), 450);

        const auto truth = emulator.truth();
        QVERIFY2(truth, qPrintable(emulator.errorString()));
        QCOMPARE(held.size(), truth->mailboxes.size());
        const QHash<QUuid, int> index = truth->indexByGuid();
        QSet<QUuid> seen;
        for (const Mailbox &mailbox : std::as_const(held)) {
            QVERIFY(!seen.contains(mailbox.guid));
            seen.insert(mailbox.guid);
            QVERIFY(index.contains(mailbox.guid));
            QCOMPARE(mailbox.smtpAuthOverride,
                     truth->mailboxes.at(index.value(mailbox.guid)).smtpAuthOverride);
        }
    }
};

QTEST_GUILESS_MAIN(TestPaginationRestartFlow)
#include "tst_paginationrestartflow.moc"
