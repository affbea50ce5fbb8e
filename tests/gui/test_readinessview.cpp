// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// The Readiness tab in the real window on the in-process demo tenant: the headline and chart agree
// with the report, the class filter and the search narrow the table, stale exceptions are staged to
// inherit and applied through the review with a reason into the journal, the shown rows are exported,
// and the EAC report is imported (a file that is not one is refused, naming its headers).
#include "childlookup.h"
#include "emulator/emulatorserver.h"
#include "engine/consolesession.h"
#include "engine/cutoffreadiness.h"
#include "engine/demotenant.h"
#include "engine/profilelocation.h"
#include "models/changejournal.h"
#include "models/mailboxtablemodel.h"
#include "models/readinesstablemodel.h"
#include "ui/mainwindow.h"
#include "ui/readinessview.h"
#include "ui/reviewdialog.h"

#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFile>
#include <QHorizontalBarSeries>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace smtpauth;

class TestReadinessView : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dataDir;
    MailboxTableModel m_mailboxes;
    std::unique_ptr<ConsoleSession> m_session;
    std::unique_ptr<MainWindow> m_window;

    // The tab's parts by object name, as a person or a screen reader finds them.
    ReadinessView *view() const { return child<ReadinessView>(m_window.get(), "readinessView"); }
    QTableView *table() const { return child<QTableView>(view(), "readinessTable"); }
    ReadinessTableModel *tableModel() const { return qobject_cast<ReadinessTableModel *>(table()->model()); }
    QComboBox *classFilter() const { return child<QComboBox>(view(), "readinessClassFilter"); }
    QPushButton *resetToInheritButton() const
    {
        return child<QPushButton>(view(), "readinessResetToInherit");
    }
    // The chart's bar of each class, in the order of kReadinessClasses (the chart draws them bottom-up).
    QList<qreal> chartValues() const
    {
        QList<qreal> values;
        const QList<QAbstractSeries *> series =
            child<QChartView>(view(), "readinessChart")->chart()->series();
        auto *bars = series.isEmpty() ? nullptr : qobject_cast<QHorizontalBarSeries *>(series.first());
        if (!bars || bars->barSets().isEmpty())
            return values;
        const QBarSet *set = bars->barSets().first();
        for (int i = set->count() - 1; i >= 0; --i)
            values.append(set->at(i));
        return values;
    }
    std::shared_ptr<const ReadinessReport> report() const { return m_session->readiness()->report(); }

    // Selects every shown row of the table.
    void selectAllShown()
    {
        table()->selectAll();
        QCOMPARE(table()->selectionModel()->selectedRows().size(), table()->model()->rowCount());
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_session =
            std::make_unique<ConsoleSession>(ProfileLocation::forDemo(m_dataDir.path()), &m_mailboxes);
        m_window = std::make_unique<MainWindow>(m_session.get(), &m_mailboxes);
        m_window->setDialogsModal(false);
        QSignalSpy loaded(m_session.get(), &ConsoleSession::loadFinished);
        m_window->show();
        m_session->start();
        CutoffReadiness *readiness = m_session->readiness();
        // The usage evidence is read once the directory is known; the report is rebuilt after it.
        QVERIFY(QTest::qWaitFor(
            [&] {
                return loaded.count() >= 1 && !m_session->isReadingDirectory() && !readiness->isReading() &&
                       report() && report()->anySourceRead() &&
                       int(report()->rows().size()) == m_mailboxes.rowCount();
            },
            90000));
        child<QTabWidget>(m_window.get(), "tabs")->setCurrentWidget(view());
    }

    void headlineAndChartFollowTheReport()
    {
        const std::shared_ptr<const ReadinessReport> shown = report();
        QVERIFY(child<QLabel>(view(), "readinessHeadline")->text().contains(QStringLiteral("days left")));
        QVERIFY(child<QLabel>(view(), "readinessHeadline")
                    ->text()
                    .startsWith(QString::number(shown->count(ReadinessClass::BreaksAtCutoff))));
        const QList<qreal> values = chartValues();
        QCOMPARE(values.size(), kReadinessClassCount);
        int total = 0;
        for (int i = 0; i < kReadinessClassCount; ++i) {
            QCOMPARE(int(values.at(i)), shown->count(kReadinessClasses[size_t(i)]));
            total += int(values.at(i));
        }
        QCOMPARE(total, m_mailboxes.rowCount());
        // The demo has Basic devices that break, ones already failing, and exceptions nobody uses.
        QVERIFY(shown->count(ReadinessClass::BreaksAtCutoff) > 0);
        QVERIFY(shown->count(ReadinessClass::BlockedNow) > 0);
        QVERIFY(shown->count(ReadinessClass::StaleException) > 0);
        QVERIFY(child<QLabel>(view(), "readinessSources")->text().contains(QStringLiteral("Sign-in logs")));
        // The demo's sources name users without a mailbox: counted, and listed by name.
        const ReadinessReport::Unmatched &unmatched = shown->unmatched(UsageEvidence::Source::UsageReport);
        QVERIFY(unmatched.count > 0);
        QCOMPARE(unmatched.identifiers.size(), unmatched.count);
        auto *unmatchedButton = child<QPushButton>(view(), "readinessUnmatched");
        QVERIFY(unmatchedButton->isEnabled());
        unmatchedButton->click();
        auto *box = child<QMessageBox>(view(), "unmatchedBox");
        for (const QString &identifier : unmatched.identifiers)
            QVERIFY(box->detailedText().contains(identifier));
        box->close();
    }

    void classFilterAndSearchNarrowTheTable()
    {
        ReadinessTableModel *model = tableModel();
        QComboBox *classes = classFilter();
        classes->setCurrentIndex(classes->findData(QVariant::fromValue(ReadinessClass::BreaksAtCutoff)));
        QCOMPARE(model->rowCount(), report()->count(ReadinessClass::BreaksAtCutoff));
        for (int row = 0; row < model->rowCount(); ++row)
            QCOMPARE(model->index(row, 0).data(ReadinessTableModel::ClassRole).value<ReadinessClass>(),
                     ReadinessClass::BreaksAtCutoff);
        // A search within the class: the first shown address narrows it to rows that contain it.
        const QString address = model->index(0, ReadinessTableModel::AddressColumn).data().toString();
        QTest::keyClicks(child<QLineEdit>(view(), "readinessSearch"), address);
        QVERIFY(model->rowCount() >= 1);
        for (int row = 0; row < model->rowCount(); ++row)
            QVERIFY(
                model->index(row, ReadinessTableModel::AddressColumn).data().toString().contains(address));
        child<QLineEdit>(view(), "readinessSearch")->clear();
        QCOMPARE(model->rowCount(), report()->count(ReadinessClass::BreaksAtCutoff));
        // Sorting by sign-ins, most first.
        table()->sortByColumn(ReadinessTableModel::BasicSignInsColumn, Qt::DescendingOrder);
        for (int row = 1; row < model->rowCount(); ++row)
            QVERIFY(model->index(row - 1, ReadinessTableModel::BasicSignInsColumn).data().toUInt() >=
                    model->index(row, ReadinessTableModel::BasicSignInsColumn).data().toUInt());
        classes->setCurrentIndex(0);
        QCOMPARE(model->rowCount(), m_mailboxes.rowCount());
    }

    void resetToInheritOnlyForStaleExceptions()
    {
        ReadinessTableModel *model = tableModel();
        QComboBox *classes = classFilter();
        // A device that still sends keeps its exception: the action is off for breaks-at-cutoff rows.
        classes->setCurrentIndex(classes->findData(QVariant::fromValue(ReadinessClass::BreaksAtCutoff)));
        selectAllShown();
        QVERIFY(!resetToInheritButton()->isEnabled());

        classes->setCurrentIndex(classes->findData(QVariant::fromValue(ReadinessClass::StaleException)));
        const int stale = model->rowCount();
        QVERIFY(stale > 0);
        QList<QUuid> guids;
        for (int row = 0; row < stale; ++row)
            guids.append(model->index(row, 0).data(ReadinessTableModel::GuidRole).toUuid());
        selectAllShown();
        QVERIFY(resetToInheritButton()->isEnabled());
        QSignalSpy review(view(), &ReadinessView::reviewRequested);
        QTest::mouseClick(resetToInheritButton(), Qt::LeftButton);
        QCOMPARE(review.count(), 1);
        QCOMPARE(m_mailboxes.stagedCount(), stale);
        for (const QUuid &guid : guids)
            QCOMPARE(m_mailboxes.stagedValue(guid), std::optional<Override>(Override::Inherit));

        // The review the window opened: a reason, then the changes go to the server and the journal.
        auto *dialog = m_window->findChild<ReviewDialog *>();
        QVERIFY(dialog);
        QTest::keyClicks(child<QLineEdit>(dialog, "reasonEdit"),
                         QStringLiteral("December cutoff: exceptions nobody uses"));
        if (m_window->ticketRequired())
            QTest::keyClicks(child<QLineEdit>(dialog, "ticketEdit"), QStringLiteral("CHG-1"));
        QSignalSpy applied(m_session.get(), &ConsoleSession::applyFinished);
        QTest::mouseClick(child<QPushButton>(dialog, "applyButton"), Qt::LeftButton);
        QVERIFY(applied.wait(60000));
        for (const QUuid &guid : guids)
            QCOMPARE(m_mailboxes.store().smtpAuthOverride(m_mailboxes.store().rowOfGuid(guid)),
                     Override::Inherit);
        // The report was rebuilt after the apply: those mailboxes are no longer stale exceptions.
        QVERIFY(QTest::qWaitFor([&] { return report()->count(ReadinessClass::StaleException) == 0; }, 10000));
        QCOMPARE(model->rowCount(), 0);
        const QList<HistoryEntry> history = m_session->journal()->history({});
        int recorded = 0;
        for (const HistoryEntry &entry : history) {
            const QString reason = entry.change.reason.isEmpty() ? entry.batch.reason : entry.change.reason;
            if (reason == QLatin1String("December cutoff: exceptions nobody uses") &&
                guids.contains(entry.change.targetGuid) && entry.change.after == QLatin1String("inherit"))
                ++recorded;
        }
        QCOMPARE(recorded, stale);
        dialog->close();
        classes->setCurrentIndex(0);
    }

    void exportsTheShownRows()
    {
        QComboBox *classes = classFilter();
        classes->setCurrentIndex(classes->findData(QVariant::fromValue(ReadinessClass::BreaksAtCutoff)));
        const int shown = tableModel()->rowCount();
        QTemporaryDir out;
        QString problem;
        QVERIFY2(view()->exportShown(out.filePath(QStringLiteral("r.json")),
                                     ReadinessView::ExportFormat::Json, &problem),
                 qPrintable(problem));
        QFile json(out.filePath(QStringLiteral("r.json")));
        QVERIFY(json.open(QIODevice::ReadOnly));
        const QJsonObject document = QJsonDocument::fromJson(json.readAll()).object();
        const QJsonArray mailboxes = document.value(QLatin1String("mailboxes")).toArray();
        QCOMPARE(mailboxes.size(), shown);
        for (const QJsonValue &mailbox : mailboxes)
            QCOMPARE(mailbox.toObject().value(QLatin1String("class")).toString(),
                     QStringLiteral("breaks-at-cutoff"));
        QVERIFY(view()->exportShown(out.filePath(QStringLiteral("r.csv")), ReadinessView::ExportFormat::Csv,
                                    &problem));
        QFile csv(out.filePath(QStringLiteral("r.csv")));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csv.readAll().split('\n');
        QVERIFY(lines.first().startsWith("class,displayName,address"));
        QCOMPARE(lines.size() - 2, shown); // header + rows, each CRLF-terminated

        // The one-page PDF for management, read back with poppler's pdftotext and pdfinfo.
        const QString pdf = out.filePath(QStringLiteral("readiness.pdf"));
        QVERIFY2(view()->exportShown(pdf, ReadinessView::ExportFormat::Pdf, &problem), qPrintable(problem));
        QProcess info;
        info.start(QStringLiteral("pdfinfo"), {pdf});
        QVERIFY(info.waitForFinished(30000));
        QVERIFY2(info.readAllStandardOutput().contains("Pages:           1"), "the report is not one page");
        QProcess text;
        text.start(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
        QVERIFY(text.waitForFinished(30000));
        const QString words = QString::fromUtf8(text.readAllStandardOutput()).simplified();
        QVERIFY2(words.contains(report()->headline().simplified()), qPrintable(words.left(400)));
        // The mailbox with the most Basic sign-ins that breaks is listed.
        const QList<int> breaking = report()->rowsOfClasses({ReadinessClass::BreaksAtCutoff});
        int busiest = breaking.constFirst();
        for (int row : breaking) {
            if (report()->rowForMailbox(row).basicSignIns > report()->rowForMailbox(busiest).basicSignIns)
                busiest = row;
        }
        QVERIFY(words.contains(m_mailboxes.store().primarySmtpAddress(busiest).toString()));
        classes->setCurrentIndex(0);
    }

    void importsTheSmtpAuthClientsReport()
    {
        QTemporaryDir files;
        const QString bad = files.filePath(QStringLiteral("not-a-report.csv"));
        {
            QFile file(bad);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("mailbox,to,reason\r\nalice@contoso.com,enabled,printer\r\n");
        }
        QString problem;
        QVERIFY(!view()->importSmtpAuthReport(bad, &problem));
        QVERIFY2(problem.contains(QStringLiteral("mailbox, to, reason")), qPrintable(problem));

        const QString good = files.filePath(QStringLiteral("smtp-auth-clients.csv"));
        {
            QFile file(good);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(m_session->demoTenant()->server()->smtpAuthClientsReport());
        }
        QVERIFY2(view()->importSmtpAuthReport(good, &problem), qPrintable(problem));
        // The report is built once the mailboxes' addresses are read (its senders may name an alias).
        CutoffReadiness *readiness = m_session->readiness();
        QTRY_VERIFY_WITH_TIMEOUT(!readiness->isReadingAddresses(), 60000);
        QVERIFY2(readiness->addressesStatus().isRead(), qPrintable(readiness->addressesStatus().reason));
        bool read = false;
        for (const ReadinessReport::SourceLine &line : report()->sources()) {
            if (line.source == UsageEvidence::Source::SmtpAuthReport)
                read = line.state == QLatin1String("read");
        }
        QVERIFY(read);
        QVERIFY(report()->basicVsOAuthToldApart());
        int withProtocols = 0;
        for (const ReadinessReport::Row &row : report()->rows())
            withProtocols += row.reportProtocols != 0 ? 1 : 0;
        QVERIFY(withProtocols > 0);
        QVERIFY(child<QLabel>(view(), "readinessSources")
                    ->text()
                    .contains(QStringLiteral("smtp-auth-clients.csv")));
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_session.reset();
    }
};

QTEST_MAIN(TestReadinessView)
#include "test_readinessview.moc"
