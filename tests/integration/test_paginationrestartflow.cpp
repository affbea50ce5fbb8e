// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// An @odata.nextLink that expires in the middle of an enumeration (control: expire-nextlinks with
// afterPages, so the emulator expires the link right after serving page N no matter how far ahead the
// client already asks): the enumeration starts over, says so, and the final result is complete and
// never stitched from two runs. Also: the next page is asked for while this one is still being processed
// (pipelining), and the quick nextLink scan that makes this possible reads what the full parser reads.
#include "emulatorprocess.h"
#include "engine/tenantloader.h"
#include "exchange/casmailboxrequests.h"
#include "exchange/invokecommandclient.h"
#include "exchange/invokecommandresponse.h"
#include "exchange/nextlinkscanner.h"
#include "exchange/pagedenumeration.h"
#include "signedinclient.h"

#include <QCoreApplication>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QThreadPool>

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
    // PagedEnumeration follows the link the scan found before the page is parsed, and refuses the page
    // when the parser reads another one: for every body the two must agree, or the scan find nothing.
    void quickScanReadsTheSameNextLinkAsTheParser_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected"); // null: the scan finds no link
        const QString link =
            QStringLiteral("https://outlook.office365.com/adminapi/beta/t/InvokeCommand?%24skiptoken=abc");
        QTest::newRow("at the end") << QByteArray("{\"@odata.context\":\"c\",\"value\":[{\"Guid\":\"1\","
                                                  "\"N\":\"x\"}],\"@odata.nextLink\":\"" +
                                                  link.toUtf8() + "\"}")
                                    << link;
        QTest::newRow("at the start, spaces")
            << QByteArray(" \n{ \"@odata.nextLink\" : \"" + link.toUtf8() + "\" , \"value\" : [ ] }") << link;
        QTest::newRow("escaped slashes")
            << QByteArray("{\"value\":[],\"@odata.nextLink\":\"https:\\/\\/h\\/p?a=1\"}")
            << QStringLiteral("https://h/p?a=1");
        QTest::newRow("escaped key") << QByteArray("{\"value\":[],\"\\u0040odata.nextLink\":\"https://h/p\"}")
                                     << QStringLiteral("https://h/p");
        QTest::newRow("a value ending in a backslash")
            << QByteArray("{\"value\":[{\"N\":\"C:\\\\\"}],\"@odata.nextLink\":\"https://h/p\"}")
            << QStringLiteral("https://h/p");
        QTest::newRow("last page") << QByteArray("{\"@odata.context\":\"c\",\"value\":[{\"Guid\":\"1\"}]}")
                                   << QString();
        QTest::newRow("null link") << QByteArray("{\"value\":[],\"@odata.nextLink\":null}") << QString();
        QTest::newRow("only inside an object")
            << QByteArray("{\"value\":[{\"@odata.nextLink\":\"https://evil/p\"}]}") << QString();
        QTest::newRow("inside a string")
            << QByteArray("{\"value\":[{\"N\":\"\\\"@odata.nextLink\\\":\\\"https://evil/p\\\"\"}]}")
            << QString();
        QTest::newRow("nested envelope")
            << QByteArray("{\"error\":{\"@odata.nextLink\":\"https://evil/p\"},\"value\":[]}") << QString();
        QTest::newRow("not a string")
            << QByteArray("{\"value\":[],\"@odata.nextLink\":{\"href\":\"https://h/p\"}}") << QString();
        QTest::newRow("a list, not an object")
            << QByteArray("[{\"@odata.nextLink\":\"https://h/p\"}]") << QString();
        QTest::newRow("cut off") << QByteArray("{\"value\":[],\"@odata.nextLink\":\"https://h/p")
                                 << QString();
        QTest::newRow("never closed")
            << QByteArray("{\"@odata.nextLink\":\"https://h/p\",\"value\":[") << QString();
        QTest::newRow("empty") << QByteArray() << QString();
    }

    void quickScanReadsTheSameNextLinkAsTheParser()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        const std::optional<QString> scanned = NextLinkScanner::findTopLevel(body);
        QCOMPARE(scanned.value_or(QString()), expected);
        QCOMPARE(scanned.has_value(), !expected.isNull());
        const CmdletResult parsed = InvokeCommandResponse::parse(200, body);
        if (scanned) // whatever the scan follows, the parser confirms
            QCOMPARE(parsed.nextLink, *scanned);
    }

    // Pipelining: while page N is handed on, the request for page N+1 is already out (the emulator
    // holds every answer 300 ms, far longer than parsing 100 objects takes).
    void nextPageIsRequestedBeforeThisPageIsHandedOn()
    {
        EmulatorProcess emulator({QStringLiteral("--mailboxes"), QStringLiteral("450"),
                                  QStringLiteral("--page-size"), QStringLiteral("100"),
                                  QStringLiteral("--latency-ms"), QStringLiteral("300")});
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        SignedInClient admin(emulator, emulator.userPrincipalName(QStringLiteral("admin")));
        QVERIFY2(admin.signIn(), qPrintable(admin.errorString()));

        PagedEnumeration *enumeration = admin.client()->enumerate(CasMailboxRequests::getAllMailboxes());
        QList<int> inFlightWhenHandedOn;
        connect(enumeration, &PagedEnumeration::pageReceived, this,
                [&] { inFlightWhenHandedOn.append(admin.client()->inFlightCount()); });
        QSignalSpy finished(enumeration, &PagedEnumeration::finished);
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 30000);
        QVERIFY2(!enumeration->error().isError(), qPrintable(enumeration->error().userMessage()));
        QCOMPARE(enumeration->objects().size(), 450);
        QCOMPARE(inFlightWhenHandedOn, QList<int>({1, 1, 1, 1, 0}));
        enumeration->deleteLater();
    }

    // An abort while a page is on the worker thread: nothing is handed on afterwards, nothing is asked.
    void abortWhileAPageIsProcessedHandsNothingOn()
    {
        EmulatorProcess emulator(emulatorArguments());
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        SignedInClient admin(emulator, emulator.userPrincipalName(QStringLiteral("admin")));
        QVERIFY2(admin.signIn(), qPrintable(admin.errorString()));

        PagedEnumeration *enumeration = admin.client()->enumerate(CasMailboxRequests::getAllMailboxes());
        int pagesAfterAbort = 0;
        bool aborted = false;
        connect(enumeration, &PagedEnumeration::pageReceived, this, [&] {
            if (aborted)
                ++pagesAfterAbort;
            else {
                aborted = true;
                enumeration->abort(); // from a slot, with the next page already requested
            }
        });
        QSignalSpy finished(enumeration, &PagedEnumeration::finished);
        QSignalSpy pages(enumeration, &PagedEnumeration::pageReceived);
        QTRY_VERIFY_WITH_TIMEOUT(aborted, 30000);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(enumeration->error().category(), ExchangeError::Category::Cancelled);
        QCOMPARE(admin.client()->inFlightCount(), 0);
        // Let everything the abort races with run to its end: a page still being parsed on the worker
        // finishes, and what it posted to this thread is delivered. Nothing may be handed on.
        QVERIFY(QThreadPool::globalInstance()->waitForDone(30000));
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
        QCOMPARE(pages.size(), 1); // the page whose slot aborted
        QCOMPARE(pagesAfterAbort, 0);
        QCOMPARE(finished.size(), 1);
        enumeration->deleteLater();
    }

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

        QCOMPARE(emulator
                     .control(QStringLiteral("expire-nextlinks"),
                              {{QStringLiteral("afterPages"), expireAfterPage}})
                     .status,
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
        QCOMPARE(
            emulator.control(QStringLiteral("expire-nextlinks"), {{QStringLiteral("afterPages"), 2}}).status,
            204);
        connect(&loader, &TenantLoader::mailboxesReceived, this,
                [&](const QList<Mailbox> &page) { held += page; });
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
#include "test_paginationrestartflow.moc"
