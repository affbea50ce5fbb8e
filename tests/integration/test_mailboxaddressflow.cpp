// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// The mailboxes' SMTP addresses read by the client (MailboxAddressLoader over the real Exchange client,
// signed in through the real flow) from a real smtpauth-emulator process, and the SMTP AUTH clients
// report joined by them (readiness.md §2, "Joining"): a sender that names a secondary smtp: address gets
// that mailbox's evidence; a read throttled on the way still completes; a read that fails half-way or is
// refused is never used, and the report's source says it matched by primary address and UPN only, and
// why, in the server's words. The addresses are the emulator's truth (GET /_emulator/tenant).
#include "emulatorprocess.h"
#include "emulatortruth.h"
#include "engine/cutoffreadiness.h"
#include "engine/mailboxaddressloader.h"
#include "engine/tenantloader.h"
#include "models/mailboxtablemodel.h"
#include "models/readinessreport.h"
#include "models/smtpaddressindex.h"
#include "models/smtpauthclientsreport.h"
#include "signedinclient.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <memory>

using namespace smtpauth;
using namespace smtpauth::test;

namespace {

constexpr int kWaitMs = 90000; // generous: a busy 2-core machine
constexpr int kMailboxes = 2500;

QStringList secondaryAddresses(const EmulatorTruth::Mailbox &mailbox)
{
    QStringList secondary;
    for (const QString &entry : mailbox.emailAddresses) {
        if (entry.startsWith(QLatin1String("smtp:")))
            secondary.append(entry.mid(5));
    }
    return secondary;
}

QJsonObject step(const QString &target, int status, int retryAfter = -1)
{
    QJsonObject fault{{QStringLiteral("target"), target}, {QStringLiteral("status"), status}};
    if (retryAfter >= 0)
        fault.insert(QStringLiteral("retryAfter"), retryAfter);
    return fault;
}

QString smtpDetail(const ReadinessReport &report)
{
    for (const ReadinessReport::SourceLine &line : report.sources()) {
        if (line.source == UsageEvidence::Source::SmtpAuthReport)
            return line.detail;
    }
    return QString();
}

} // namespace

class TestMailboxAddressFlow : public QObject
{
    Q_OBJECT

    EmulatorProcess m_emulator{{QStringLiteral("--mailboxes"), QString::number(kMailboxes)}};
    std::unique_ptr<SignedInClient> m_admin;
    MailboxTableModel m_mailboxes;
    std::optional<EmulatorTruth> m_truth;
    int m_aliased = -1; // a mailbox with a secondary smtp: address (truth index)
    int m_plain = -1;   // one without
    QByteArray m_report;

    // The addresses read once; false when finished() did not come exactly once.
    bool readAddresses(MailboxAddressLoader &loader)
    {
        QSignalSpy finished(&loader, &MailboxAddressLoader::finished);
        loader.start();
        return finished.wait(kWaitMs) && finished.size() == 1 && !loader.isRunning();
    }
    ReadinessReport build(const SmtpAuthClientsReport &report, const MailboxAddressLoader &loader) const
    {
        UsageEvidence evidence;
        evidence.smtpAuthReport = &report;
        evidence.smtpAuthReportStatus = SourceStatus::read();
        evidence.smtpAddresses = loader.index().get();
        evidence.smtpAddressesStatus = loader.status();
        QList<int> all;
        for (int row = 0; row < m_mailboxes.store().size(); ++row)
            all.append(row);
        return ReadinessReport::build(m_mailboxes.store(), m_mailboxes.orgSetting(),
                                      m_mailboxes.basicNowOf(all), nullptr, evidence, CutoffCalendar());
    }
    int rowOf(int truthIndex) const
    {
        return m_mailboxes.store().rowOfGuid(m_truth->mailboxes.at(truthIndex).guid);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_emulator.start(), qPrintable(m_emulator.errorString()));
        ClientOptions options = SignedInClient::fastClientOptions();
        options.pageSize = 500; // five pages: a read can stop half-way
        m_admin = std::make_unique<SignedInClient>(
            m_emulator, m_emulator.userPrincipalName(QStringLiteral("admin")), options);
        QVERIFY2(m_admin->signIn(), qPrintable(m_admin->errorString()));
        TenantLoader loader(m_admin->client());
        connect(&loader, &TenantLoader::orgSettingLoaded, &m_mailboxes, &MailboxTableModel::setOrgSetting);
        connect(&loader, &TenantLoader::mailboxesReceived, &m_mailboxes, &MailboxTableModel::appendMailboxes);
        QSignalSpy finished(&loader, &TenantLoader::finished);
        loader.start();
        QVERIFY(finished.wait(kWaitMs));
        QCOMPARE(m_mailboxes.store().size(), kMailboxes);

        m_truth = m_emulator.truth();
        QVERIFY2(m_truth, qPrintable(m_emulator.errorString()));
        for (int i = 0; i < m_truth->mailboxes.size() && (m_aliased < 0 || m_plain < 0); ++i) {
            const bool aliased = !secondaryAddresses(m_truth->mailboxes.at(i)).isEmpty();
            if (aliased && m_aliased < 0)
                m_aliased = i;
            if (!aliased && m_plain < 0)
                m_plain = i;
        }
        QVERIFY(m_aliased >= 0 && m_plain >= 0);
        // The device of the aliased mailbox signs in as its alias, typed in another case.
        const QString alias = secondaryAddresses(m_truth->mailboxes.at(m_aliased)).constFirst().toUpper();
        m_report = QStringLiteral("Sender address,Domain,Messages sent,Authentication protocol\r\n"
                                  "%1,x,9,Basic Authentication\r\n"
                                  "%2,x,3,OAuth\r\n"
                                  "ghost@nowhere.example,x,4,Basic Authentication\r\n")
                       .arg(alias, m_truth->mailboxes.at(m_plain).primarySmtpAddress)
                       .toUtf8();
    }

    void cleanup()
    {
        QVERIFY(m_emulator.scriptFaults({}));
        QCOMPARE(m_emulator.control(QStringLiteral("forbid"), QJsonObject{}).status, 204);
    }

    // Every SMTP address the emulator holds is in the index (and nothing else), and the sender that names
    // an alias gets that mailbox's evidence. A 429 on the second page is the retry layer's business.
    void senderBySecondaryAddressGetsTheMailboxsEvidence()
    {
        QVERIFY(m_emulator.scriptFaults(
            {step(QStringLiteral("Get-CASMailbox"), 200), step(QStringLiteral("Get-CASMailbox"), 429, 1)}));
        MailboxAddressLoader loader(m_admin->client());
        QStringList progress;
        connect(&loader, &MailboxAddressLoader::progress, this,
                [&](const QString &what) { progress.append(what); });
        QVERIFY(readAddresses(loader));
        QVERIFY2(loader.status().isRead(), qPrintable(loader.status().reason));
        QCOMPARE(loader.mailboxCount(), kMailboxes);
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.constFirst(), QStringLiteral("Reading the mailboxes' addresses…"));

        const SmtpAddressIndex &index = *loader.index();
        qsizetype smtpEntries = 0;
        for (const EmulatorTruth::Mailbox &mailbox : m_truth->mailboxes) {
            for (const QString &entry : mailbox.emailAddresses) {
                const QStringView address = SmtpAddressIndex::smtpAddressOf(entry);
                if (address.isEmpty()) {
                    // X500:, SPO:, SIP: never join (a SIP: entry repeats the primary address, which does).
                    if (!entry.startsWith(QLatin1String("SIP:"), Qt::CaseInsensitive))
                        QVERIFY2(index.mailboxOf(entry.section(QLatin1Char(':'), 1)).isNull(),
                                 qPrintable(entry));
                    continue;
                }
                ++smtpEntries;
                QCOMPARE(index.mailboxOf(address), mailbox.guid);
            }
        }
        QCOMPARE(index.addressCount(), smtpEntries);
        QCOMPARE(index.ambiguousCount(), 0);

        const SmtpAuthClientsReport report = SmtpAuthClientsReport::parse(m_report);
        QVERIFY(report.ok());
        const ReadinessReport built = build(report, loader);
        const ReadinessReport::Row &aliased = built.rowForMailbox(rowOf(m_aliased));
        QCOMPARE(aliased.reportProtocols, quint8(SmtpAuthClientsReport::Basic));
        QCOMPARE(aliased.reportMessages, quint64(9));
        QCOMPARE(built.rowForMailbox(rowOf(m_plain)).reportProtocols, quint8(SmtpAuthClientsReport::OAuth));
        QCOMPARE(built.unmatched(UsageEvidence::Source::SmtpAuthReport).identifiers,
                 QStringList{QStringLiteral("ghost@nowhere.example")});
        const QString detail = smtpDetail(built);
        QVERIFY2(detail.contains(QStringLiteral("1 senders matched by another SMTP address of the mailbox")),
                 qPrintable(detail));
        QVERIFY2(!detail.contains(QStringLiteral("UPN only")), qPrintable(detail));
    }

    // 503 from the third page on, past every retry: two pages were read, and none of it is used.
    void aReadThatStopsHalfWayIsNotUsed()
    {
        QJsonArray script{step(QStringLiteral("Get-CASMailbox"), 200),
                          step(QStringLiteral("Get-CASMailbox"), 200)};
        for (int i = 0; i < 10; ++i)
            script.append(step(QStringLiteral("Get-CASMailbox"), 503));
        QVERIFY(m_emulator.scriptFaults(script));
        MailboxAddressLoader loader(m_admin->client());
        QVERIFY(readAddresses(loader));
        QCOMPARE(loader.status().state, SourceStatus::Unavailable);
        const QString why = loader.status().reason;
        QVERIFY2(why.contains(QStringLiteral("HTTP 503")), qPrintable(why));
        // Pages are handed on in order, so at least the first one was in when the third failed.
        QVERIFY2(why.contains(QStringLiteral("stopped after ")) &&
                     why.contains(QStringLiteral(" mailboxes; a partial read is not used")),
                 qPrintable(why));
        QCOMPARE(loader.index()->addressCount(), 0);

        const SmtpAuthClientsReport report = SmtpAuthClientsReport::parse(m_report);
        const ReadinessReport built = build(report, loader);
        QCOMPARE(built.rowForMailbox(rowOf(m_aliased)).reportProtocols, quint8(0));
        QCOMPARE(built.unmatched(UsageEvidence::Source::SmtpAuthReport).count, 2);
        const QString detail = smtpDetail(built);
        QVERIFY2(detail.contains(QStringLiteral("matched by primary address and UPN only (") + why +
                                 QLatin1Char(')')),
                 qPrintable(detail));
    }

    // A role without Get-CASMailbox: 403, said with the status.
    void aRefusedReadSaysWhy()
    {
        QCOMPARE(m_emulator
                     .control(QStringLiteral("forbid"),
                              QJsonObject{{QStringLiteral("cmdlet"), QStringLiteral("Get-CASMailbox")}})
                     .status,
                 204);
        MailboxAddressLoader loader(m_admin->client());
        QVERIFY(readAddresses(loader));
        QCOMPARE(loader.status().state, SourceStatus::Unavailable);
        QVERIFY2(loader.status().reason.startsWith(QStringLiteral("Get-CASMailbox EmailAddresses: HTTP 403")),
                 qPrintable(loader.status().reason));
        QVERIFY2(!loader.status().reason.contains(QStringLiteral("partial")),
                 qPrintable(loader.status().reason));
    }

    // The window's path (CutoffReadiness): the import starts the read, and the report is built after it,
    // with the alias joined; never before the addresses are in.
    void importReadsTheAddressesBeforeTheReportIsBuilt()
    {
        CutoffReadiness readiness(&m_mailboxes, {});
        readiness.setExchange(m_admin->client());
        QStringList events;
        connect(&readiness, &CutoffReadiness::progress, this, [&] {
            if (events.isEmpty() || events.constLast() != QLatin1String("progress"))
                events.append(QStringLiteral("progress"));
        });
        connect(&readiness, &CutoffReadiness::addressesRead, this,
                [&] { events.append(QStringLiteral("addressesRead")); });
        connect(&readiness, &CutoffReadiness::reportChanged, this,
                [&] { events.append(QStringLiteral("reportChanged")); });
        QSignalSpy changed(&readiness, &CutoffReadiness::reportChanged);
        QString problem;
        QVERIFY2(readiness.importSmtpAuthReportBytes(m_report, QStringLiteral("eac.csv"), &problem),
                 qPrintable(problem));
        QVERIFY(readiness.isReadingAddresses());
        QVERIFY(changed.wait(kWaitMs));
        QCOMPARE(events, (QStringList{QStringLiteral("progress"), QStringLiteral("addressesRead"),
                                      QStringLiteral("reportChanged")}));
        QVERIFY(!readiness.isReadingAddresses());
        QVERIFY(readiness.addressesStatus().isRead());
        const std::shared_ptr<const ReadinessReport> report = readiness.report();
        QVERIFY(report);
        QCOMPARE(report->rowForMailbox(rowOf(m_aliased)).reportMessages, quint64(9));
        QCOMPARE(report->unmatched(UsageEvidence::Source::SmtpAuthReport).count, 1);

        // Signed out of Exchange: the import still builds the report, by primary address and UPN only.
        readiness.setExchange(nullptr);
        changed.clear();
        QVERIFY(readiness.importSmtpAuthReportBytes(m_report, QStringLiteral("eac.csv"), &problem));
        QVERIFY(changed.wait(kWaitMs));
        QCOMPARE(readiness.report()->rowForMailbox(rowOf(m_aliased)).reportMessages, quint64(0));
        const QString detail = smtpDetail(*readiness.report());
        QVERIFY2(detail.contains(
                     QStringLiteral("primary address and UPN only (not signed in to Exchange Online)")),
                 qPrintable(detail));
    }
};

QTEST_GUILESS_MAIN(TestMailboxAddressFlow)
#include "test_mailboxaddressflow.moc"
