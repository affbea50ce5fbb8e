// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "childlookup.h"
#include "models/changejournal.h"
#include "models/historytablemodel.h"
#include "ui/historyview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFile>
#include <QFileDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace smtpauth;

namespace {

// Python's csv module reads the export back: an independent reader, so a quoting mistake shared by our
// writer and a home-made parser cannot hide.
const char *const csvToJsonScript =
    "import csv, io, json, sys\n"
    "text = io.TextIOWrapper(sys.stdin.buffer, encoding='utf-8', newline='')\n"
    "rows = list(csv.reader(text, strict=True))\n"
    "sys.stdout.write(json.dumps(rows, ensure_ascii=True))\n";

const QString hyperlinkName = QStringLiteral("=HYPERLINK(\"http://evil.example/?a,b\",\"Click\")");
const QString rtlName = QStringLiteral("\u202Efdp.exe \u05E9\u05DC\u05D5\u05DD");
const QString cjkName = QStringLiteral("\u5C71\u7530 \u592A\u90CE");
const QString quotedName = QStringLiteral("O'Brien, \"Bob\"\nsecond line");

QUuid mailboxGuid(int n)
{
    return QUuid(QStringLiteral("{aaaaaaaa-bbbb-cccc-dddd-%1}").arg(n, 12, 10, QLatin1Char('0')));
}

ChangeRecord mailboxChange(int n, const QString &address, const QString &name, const QString &before,
                           const QString &after)
{
    ChangeRecord change;
    change.targetKind = ChangeTargetKind::Mailbox;
    change.targetGuid = mailboxGuid(n);
    change.targetAddress = address;
    change.targetDisplayName = name;
    change.before = before;
    change.after = after;
    return change;
}

BatchRecord batchBy(const QString &operatorUpn, BatchKind kind, const QString &reason,
                    const QString &ticket = {})
{
    BatchRecord batch;
    batch.operatorUpn = operatorUpn;
    batch.tenantId = QStringLiteral("contoso.onmicrosoft.com");
    batch.kind = kind;
    batch.reason = reason;
    batch.ticket = ticket;
    return batch;
}

QString neutralised(const QString &cell)
{
    static const QString formulaStarts = QStringLiteral("=+-@\t\r");
    return !cell.isEmpty() && formulaStarts.contains(cell.front()) ? QLatin1Char('\'') + cell : cell;
}

// The export row an auditor must see for one entry, derived from the records here rather than from
// JournalExport::cells, so that the view exporting the wrong entries or fields would be noticed.
QStringList expectedCsvCells(const HistoryEntry &entry)
{
    const ChangeRecord &c = entry.change;
    const BatchRecord &b = entry.batch;
    const QString undoOf = b.undoOfChange  ? QStringLiteral("C%1").arg(b.undoOfChange)
                           : b.undoOfBatch ? QStringLiteral("B%1").arg(b.undoOfBatch)
                                           : QString();
    const QStringList cells{QStringLiteral("C%1").arg(c.id),
                            QStringLiteral("B%1").arg(c.batchId),
                            c.createdUtc.toUTC().toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz'Z'")),
                            b.operatorUpn,
                            b.tenantId,
                            machineName(b.kind),
                            c.targetKind == ChangeTargetKind::Org ? QStringLiteral("org")
                                                                  : QStringLiteral("mailbox"),
                            c.targetGuid.isNull() ? QString() : c.targetGuid.toString().mid(1, 36),
                            c.targetAddress,
                            c.targetDisplayName,
                            c.before,
                            c.after,
                            machineName(c.state),
                            c.serverMessage,
                            c.clientRequestId,
                            c.reason.isEmpty() ? b.reason : c.reason,
                            c.ticket.isEmpty() ? b.ticket : c.ticket,
                            undoOf};
    QStringList out;
    for (const QString &cell : cells)
        out.append(neutralised(cell));
    return out;
}

} // namespace

class TestHistoryView : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ChangeJournal> m_journal;
    std::unique_ptr<HistoryView> m_view;
    std::shared_ptr<QDateTime> m_now;

    // C1..C7 in B1..B4, see init().
    qint64 m_alice = 0, m_org = 0, m_undo = 0, m_import = 0;

    template <typename T> T *child(const char *name) const
    {
        T *widget = m_view->findChild<T *>(QString::fromLatin1(name));
        if (!widget)
            qWarning("no child %s", name);
        return widget;
    }

    // The Change column of every shown row, top to bottom.
    QStringList shownLabels() const
    {
        QStringList labels;
        const QAbstractItemModel *model = ::child<QTableView>(m_view.get(), "historyTable")->model();
        for (int row = 0; row < model->rowCount(); ++row)
            labels.append(model->index(row, HistoryTableModel::ChangeColumn).data().toString());
        return labels;
    }

    QModelIndex rowOf(const QString &changeLabelText) const
    {
        const QAbstractItemModel *model = ::child<QTableView>(m_view.get(), "historyTable")->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, HistoryTableModel::ChangeColumn);
            if (index.data().toString() == changeLabelText)
                return index;
        }
        return {};
    }

    void selectOnly(const QStringList &labels)
    {
        QTableView *table = ::child<QTableView>(m_view.get(), "historyTable");
        table->clearSelection();
        for (const QString &label : labels) {
            const QModelIndex index = rowOf(label);
            QVERIFY2(index.isValid(), qPrintable(label));
            table->selectionModel()->select(index, QItemSelectionModel::Select | QItemSelectionModel::Rows);
        }
    }

    qint64 addBatch(const BatchRecord &batch, const QList<ChangeRecord> &changes,
                    const QList<QPair<ChangeState, QString>> &outcomes)
    {
        QString error;
        const qint64 batchId = m_journal->beginBatch(batch, &error);
        if (batchId == 0)
            qFatal("beginBatch: %s", qPrintable(error));
        const QList<qint64> ids = m_journal->addIntendedChanges(batchId, changes, &error);
        if (ids.size() != changes.size())
            qFatal("addIntendedChanges: %s", qPrintable(error));
        QList<ChangeOutcome> recorded;
        for (qsizetype i = 0; i < ids.size(); ++i) {
            recorded.append(
                {ids.at(i), ChangeState::Sent, QString(), QStringLiteral("req-%1").arg(ids.at(i))});
            if (outcomes.at(i).first != ChangeState::Sent)
                recorded.append({ids.at(i), outcomes.at(i).first, outcomes.at(i).second,
                                 QStringLiteral("req-%1").arg(ids.at(i))});
        }
        if (!m_journal->recordOutcomes(recorded, &error))
            qFatal("recordOutcomes: %s", qPrintable(error));
        return batchId;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        // Every reading of the clock moves it one minute, so creation times are distinct and predictable.
        m_now = std::make_shared<QDateTime>(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);
        auto now = m_now;
        m_journal = std::make_unique<ChangeJournal>([now] {
            const QDateTime t = *now;
            *now = now->addSecs(60);
            return t;
        });
        QString error;
        QVERIFY2(m_journal->open(m_dir->filePath(QStringLiteral("journal.sqlite")), &error),
                 qPrintable(error));

        // B1: alice's apply; C1 applied, C2 failed, C3 applied (a formula-looking name).
        m_alice = addBatch(batchBy(QStringLiteral("alice@contoso.com"), BatchKind::Apply,
                                   QStringLiteral("Scanner on floor 3"), QStringLiteral("T-4711")),
                           {mailboxChange(1, QStringLiteral("user1@contoso.com"), QStringLiteral("User One"),
                                          QStringLiteral("inherit"), QStringLiteral("enabled")),
                            mailboxChange(2, QStringLiteral("user2@contoso.com"), quotedName,
                                          QStringLiteral("disabled"), QStringLiteral("enabled")),
                            mailboxChange(3, QStringLiteral("o'brien@contoso.com"), hyperlinkName,
                                          QStringLiteral("inherit"), QStringLiteral("disabled"))},
                           {{ChangeState::Applied, QStringLiteral("OK")},
                            {ChangeState::Failed, QStringLiteral("Access denied, \"policy\"")},
                            {ChangeState::Applied, QStringLiteral("OK")}});
        // B2: the org switch; C4 applied.
        ChangeRecord org;
        org.targetKind = ChangeTargetKind::Org;
        org.before = QStringLiteral("enabled");
        org.after = QStringLiteral("disabled");
        m_org = addBatch(
            batchBy(QStringLiteral("admin@contoso.com"), BatchKind::Org, QStringLiteral("December cutoff")),
            {org}, {{ChangeState::Applied, QString()}});
        // B3: bob undoes C1 and meets a conflict; C5.
        BatchRecord undo =
            batchBy(QStringLiteral("bob@contoso.com"), BatchKind::Undo, QStringLiteral("Undo C1"));
        undo.undoOfChange = 1;
        m_undo = addBatch(undo,
                          {mailboxChange(1, QStringLiteral("user1@contoso.com"), QStringLiteral("User One"),
                                         QStringLiteral("enabled"), QStringLiteral("inherit"))},
                          {{ChangeState::Conflict, QStringLiteral("The value is now disabled")}});
        // B4: a CSV import with rows' own reasons; C6 no-op (RTL name), C7 applied (CJK name).
        ChangeRecord rtl = mailboxChange(6, QStringLiteral("rtl@contoso.com"), rtlName,
                                         QStringLiteral("enabled"), QStringLiteral("enabled"));
        rtl.reason = QStringLiteral("=cmd|' /C calc'!A0");
        ChangeRecord cjk = mailboxChange(7, QStringLiteral("yamada@contoso.com"), cjkName,
                                         QStringLiteral("disabled"), QStringLiteral("inherit"));
        cjk.ticket = QStringLiteral("@T-9");
        m_import = addBatch(
            batchBy(QStringLiteral("alice@contoso.com"), BatchKind::Import,
                    QStringLiteral("Quarterly cleanup"), QStringLiteral("T-100")),
            {rtl, cjk},
            {{ChangeState::NoOp, QStringLiteral("Already enabled")}, {ChangeState::Applied, QString()}});

        m_view = std::make_unique<HistoryView>(m_journal.get());
        m_view->resize(1200, 700);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    }

    void cleanup()
    {
        m_view.reset();
        m_journal.reset();
        m_dir.reset();
    }

    void showsEveryChangeNewestFirst()
    {
        QCOMPARE(shownLabels(), (QStringList{QStringLiteral("C7"), QStringLiteral("C6"), QStringLiteral("C5"),
                                             QStringLiteral("C4"), QStringLiteral("C3"), QStringLiteral("C2"),
                                             QStringLiteral("C1")}));
        QVERIFY(child<QLabel>("historyCountLabel")->text().contains(QLatin1String("7")));
        // Names are shown as typed: no formula neutralising and no bidi games in the table.
        const QAbstractItemModel *model = ::child<QTableView>(m_view.get(), "historyTable")->model();
        QCOMPARE(
            model->index(rowOf(QStringLiteral("C3")).row(), HistoryTableModel::NameColumn).data().toString(),
            hyperlinkName);
        QCOMPARE(
            model->index(rowOf(QStringLiteral("C6")).row(), HistoryTableModel::NameColumn).data().toString(),
            rtlName);
        QCOMPARE(model->index(rowOf(QStringLiteral("C4")).row(), HistoryTableModel::TargetColumn)
                     .data()
                     .toString(),
                 QStringLiteral("Organization"));
    }

    void textAndOutcomeFiltersNarrowTheRows_data()
    {
        QTest::addColumn<QString>("mailbox");
        QTest::addColumn<QString>("operatorUpn");
        QTest::addColumn<QString>("outcome"); // machine word, empty = any
        QTest::addColumn<QStringList>("expected");

        const auto labels = [](std::initializer_list<const char *> names) {
            QStringList out;
            for (const char *name : names)
                out.append(QString::fromLatin1(name));
            return out;
        };
        QTest::newRow("mailbox by address, any case")
            << QStringLiteral("USER1@Contoso.com") << QString() << QString() << labels({"C5", "C1"});
        QTest::newRow("mailbox by guid")
            << mailboxGuid(2).toString() << QString() << QString() << labels({"C2"});
        QTest::newRow("mailbox with a quote")
            << QStringLiteral("o'brien@contoso.com") << QString() << QString() << labels({"C3"});
        QTest::newRow("unknown mailbox")
            << QStringLiteral("nobody@contoso.com") << QString() << QString() << QStringList();
        QTest::newRow("operator") << QString() << QStringLiteral("ALICE@contoso.com") << QString()
                                  << labels({"C7", "C6", "C3", "C2", "C1"});
        QTest::newRow("applied") << QString() << QString() << QStringLiteral("applied")
                                 << labels({"C7", "C4", "C3", "C1"});
        QTest::newRow("failed") << QString() << QString() << QStringLiteral("failed") << labels({"C2"});
        QTest::newRow("conflict") << QString() << QString() << QStringLiteral("conflict") << labels({"C5"});
        QTest::newRow("noop") << QString() << QString() << QStringLiteral("noop") << labels({"C6"});
        QTest::newRow("unknown outcome")
            << QString() << QString() << QStringLiteral("unknown") << QStringList();
        QTest::newRow("operator and outcome") << QString() << QStringLiteral("alice@contoso.com")
                                              << QStringLiteral("applied") << labels({"C7", "C3", "C1"});
        QTest::newRow("all three") << QStringLiteral("user1@contoso.com") << QStringLiteral("bob@contoso.com")
                                   << QStringLiteral("conflict") << labels({"C5"});
    }

    void textAndOutcomeFiltersNarrowTheRows()
    {
        QFETCH(QString, mailbox);
        QFETCH(QString, operatorUpn);
        QFETCH(QString, outcome);
        QFETCH(QStringList, expected);

        auto *mailboxEdit = child<QLineEdit>("historyMailboxEdit");
        auto *operatorEdit = child<QLineEdit>("historyOperatorEdit");
        auto *outcomeCombo = child<QComboBox>("historyOutcomeCombo");
        QVERIFY(mailboxEdit && operatorEdit && outcomeCombo);

        QTest::keyClicks(mailboxEdit, mailbox);
        QTest::keyClicks(operatorEdit, operatorUpn);
        if (!outcome.isEmpty()) {
            ChangeState state;
            QVERIFY(changeStateFromName(outcome, &state));
            const int index = outcomeCombo->findData(QVariant::fromValue(state));
            QVERIFY(index > 0);
            outcomeCombo->setCurrentIndex(index);
        }
        // Typed text applies after a short pause, without pressing Enter.
        QTRY_COMPARE(shownLabels(), expected);
        QCOMPARE(m_view->filter().mailbox, mailbox);
        QVERIFY(child<QLabel>("historyCountLabel")->text().contains(QString::number(expected.size())));

        QTest::mouseClick(child<QPushButton>("historyClearFiltersButton"), Qt::LeftButton);
        QCOMPARE(shownLabels().size(), 7);
        QVERIFY(mailboxEdit->text().isEmpty());
        QCOMPARE(outcomeCombo->currentIndex(), 0);
    }

    void enterAppliesATextFilterAtOnce()
    {
        auto *operatorEdit = child<QLineEdit>("historyOperatorEdit");
        operatorEdit->setText(QStringLiteral("admin@contoso.com"));
        QTest::keyClick(operatorEdit, Qt::Key_Return);
        QCOMPARE(shownLabels(), QStringList{QStringLiteral("C4")});
    }

    void timeFiltersNarrowTheRows_data()
    {
        QTest::addColumn<QString>(
            "sinceChange"); // the change whose creation minute is the bound; empty: none
        QTest::addColumn<QString>("untilChange");

        QTest::newRow("since C4") << QStringLiteral("C4") << QString();
        QTest::newRow("until C4") << QString() << QStringLiteral("C4");
        QTest::newRow("since C2 until C5") << QStringLiteral("C2") << QStringLiteral("C5");
        QTest::newRow("exactly C7") << QStringLiteral("C7") << QStringLiteral("C7");
    }

    void timeFiltersNarrowTheRows()
    {
        QFETCH(QString, sinceChange);
        QFETCH(QString, untilChange);

        const QList<HistoryEntry> all = m_journal->history();
        QCOMPARE(all.size(), 7);
        const auto createdOf = [&all](const QString &label) {
            for (const HistoryEntry &entry : all) {
                if (changeLabel(entry.change.id) == label)
                    return entry.change.createdUtc;
            }
            return QDateTime();
        };
        const QDateTime since = sinceChange.isEmpty() ? QDateTime() : createdOf(sinceChange);
        const QDateTime until = untilChange.isEmpty() ? QDateTime() : createdOf(untilChange);
        // The stepping clock writes whole minutes, which is what the minute-precision edits can express.
        QStringList expected;
        for (auto it = all.crbegin(); it != all.crend(); ++it) {
            const QDateTime created = it->change.createdUtc;
            if (since.isValid() && created < since)
                continue;
            if (until.isValid() && created > until)
                continue;
            expected.append(changeLabel(it->change.id));
        }
        QVERIFY(expected.size() < 7);
        QVERIFY(!expected.isEmpty());

        if (since.isValid()) {
            auto *edit = child<QDateTimeEdit>("historySinceEdit");
            QVERIFY(!edit->isEnabled()); // "any time" until checked
            child<QCheckBox>("historySinceCheck")->setChecked(true);
            QVERIFY(edit->isEnabled());
            edit->setDateTime(since.toLocalTime());
        }
        if (until.isValid()) {
            child<QCheckBox>("historyUntilCheck")->setChecked(true);
            child<QDateTimeEdit>("historyUntilEdit")->setDateTime(until.toLocalTime());
        }
        QTRY_COMPARE(shownLabels(), expected);
        if (since.isValid())
            QCOMPARE(m_view->filter().since, since);
        if (until.isValid())
            QCOMPARE(m_view->filter().until, until.addMSecs(59999)); // the whole minute is included

        // Unchecking a bound means "any time" again.
        child<QCheckBox>("historySinceCheck")->setChecked(false);
        child<QCheckBox>("historyUntilCheck")->setChecked(false);
        QCOMPARE(shownLabels().size(), 7);
        QVERIFY(!m_view->filter().since.isValid());
        QVERIFY(!m_view->filter().until.isValid());
    }

    void csvExportEqualsTheShownEntries_data()
    {
        QTest::addColumn<QString>("operatorUpn");
        QTest::addColumn<int>("sortColumn");
        QTest::addColumn<int>("expectedRows");
        QTest::newRow("everything, newest first") << QString() << -1 << 7;
        QTest::newRow("alice's, by target")
            << QStringLiteral("alice@contoso.com") << int(HistoryTableModel::TargetColumn) << 5;
    }

    void csvExportEqualsTheShownEntries()
    {
        QFETCH(QString, operatorUpn);
        QFETCH(int, sortColumn);
        QFETCH(int, expectedRows);

        if (!operatorUpn.isEmpty()) {
            child<QLineEdit>("historyOperatorEdit")->setText(operatorUpn);
            m_view->refresh();
        }
        if (sortColumn >= 0)
            ::child<QTableView>(m_view.get(), "historyTable")->sortByColumn(sortColumn, Qt::AscendingOrder);
        const QList<HistoryEntry> shown = m_view->shownEntries();
        QCOMPARE(shown.size(), expectedRows);
        // shownEntries() is what the table shows, in its order.
        QStringList shownOrder;
        for (const HistoryEntry &entry : shown)
            shownOrder.append(changeLabel(entry.change.id));
        QCOMPARE(shownOrder, shownLabels());

        const QString path = m_dir->filePath(QStringLiteral("history.csv"));
        QString error;
        QVERIFY2(m_view->exportTo(path, HistoryView::Format::Csv, &error), qPrintable(error));

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QProcess python;
        python.start(QStringLiteral("python3"), {QStringLiteral("-c"), QString::fromUtf8(csvToJsonScript)});
        QVERIFY2(python.waitForStarted(10000), qPrintable(python.errorString()));
        python.write(file.readAll());
        python.closeWriteChannel();
        QVERIFY(python.waitForFinished(30000));
        QVERIFY2(python.exitCode() == 0, python.readAllStandardError().constData());
        const QJsonArray rows = QJsonDocument::fromJson(python.readAllStandardOutput()).array();

        QCOMPARE(rows.size(), expectedRows + 1);
        QCOMPARE(rows.at(0).toVariant().toStringList().first(), QStringLiteral("change"));
        for (int i = 0; i < expectedRows; ++i)
            QCOMPARE(rows.at(i + 1).toVariant().toStringList(), expectedCsvCells(shown.at(i)));

        // The hostile cells really are in there, neutralised.
        const QString all = QString::fromUtf8(QJsonDocument(rows).toJson());
        QVERIFY(!all.contains(QLatin1String("\",\"=HYPERLINK")));
        if (operatorUpn.isEmpty())
            QVERIFY(all.contains(QLatin1String("'=HYPERLINK")));
    }

    void jsonExportParsesBack()
    {
        const QString path = m_dir->filePath(QStringLiteral("history.json"));
        QString error;
        QVERIFY2(m_view->exportTo(path, HistoryView::Format::Json, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
        QCOMPARE(parseError.error, QJsonParseError::NoError);
        QCOMPARE(document.object().value(QStringLiteral("count")).toInt(), 7);
        const QJsonArray changes = document.object().value(QStringLiteral("changes")).toArray();
        QCOMPARE(changes.size(), 7);
        QStringList labels;
        for (const QJsonValue &change : changes)
            labels.append(change.toObject().value(QStringLiteral("change")).toString());
        QCOMPARE(labels, shownLabels());
        // JSON carries exact text: nothing to neutralise there.
        const QJsonObject c3 = changes.at(labels.indexOf(QStringLiteral("C3"))).toObject();
        QCOMPARE(c3.value(QStringLiteral("target_display_name")).toString(), hyperlinkName);
        const QJsonObject c2 = changes.at(labels.indexOf(QStringLiteral("C2"))).toObject();
        QCOMPARE(c2.value(QStringLiteral("target_display_name")).toString(), quotedName);
        const QJsonObject c7 = changes.at(labels.indexOf(QStringLiteral("C7"))).toObject();
        QCOMPARE(c7.value(QStringLiteral("target_display_name")).toString(), cjkName);
        QCOMPARE(c7.value(QStringLiteral("ticket")).toString(), QStringLiteral("@T-9"));
    }

    void exportFailureIsReportedAndLeavesNoFile()
    {
        const QString path = m_dir->filePath(QStringLiteral("missing-dir/history.csv"));
        QString error;
        QVERIFY(!m_view->exportTo(path, HistoryView::Format::Csv, &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!QFile::exists(path));
    }

    void exportButtonAsksForAFileAndWritesIt()
    {
        QSignalSpy exported(m_view.get(), &HistoryView::exported);
        QTest::mouseClick(child<QPushButton>("historyExportJsonButton"), Qt::LeftButton);
        QFileDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = m_view->findChild<QFileDialog *>(QStringLiteral("historyExportDialog"))));
        QCOMPARE(dialog->acceptMode(), QFileDialog::AcceptSave);
        const QString path = m_dir->filePath(QStringLiteral("from-dialog.json"));
        dialog->selectFile(path);
        static_cast<QDialog *>(dialog)->accept(); // QFileDialog::accept is protected; the override runs
        QTRY_COMPARE(exported.count(), 1);
        QCOMPARE(exported.at(0).at(0).toString(), path);
        QVERIFY(QFile::exists(path));
        QVERIFY(child<QLabel>("historyStatusLabel")->text().contains(QStringLiteral("from-dialog.json")));
    }

    void undoButtonsFollowTheSelection_data()
    {
        QTest::addColumn<QStringList>("selection");
        QTest::addColumn<bool>("enabled");
        QTest::addColumn<QString>("changeLabel");
        QTest::addColumn<QString>("batchLabel");

        QTest::newRow("nothing") << QStringList() << false << QString() << QString();
        QTest::newRow("applied mailbox change")
            << QStringList{QStringLiteral("C3")} << true << QStringLiteral("C3") << QStringLiteral("B1");
        QTest::newRow("applied org change")
            << QStringList{QStringLiteral("C4")} << true << QStringLiteral("C4") << QStringLiteral("B2");
        QTest::newRow("applied import row")
            << QStringList{QStringLiteral("C7")} << true << QStringLiteral("C7") << QStringLiteral("B4");
        QTest::newRow("failed") << QStringList{QStringLiteral("C2")} << false << QString() << QString();
        QTest::newRow("conflict") << QStringList{QStringLiteral("C5")} << false << QString() << QString();
        QTest::newRow("noop") << QStringList{QStringLiteral("C6")} << false << QString() << QString();
        QTest::newRow("two applied") << QStringList{QStringLiteral("C1"), QStringLiteral("C3")} << false
                                     << QString() << QString();
    }

    void undoButtonsFollowTheSelection()
    {
        QFETCH(QStringList, selection);
        QFETCH(bool, enabled);
        QFETCH(QString, changeLabel);
        QFETCH(QString, batchLabel);

        auto *undoChange = child<QPushButton>("historyUndoChangeButton");
        auto *undoBatch = child<QPushButton>("historyUndoBatchButton");
        selectOnly(selection);
        QCOMPARE(undoChange->isEnabled(), enabled);
        QCOMPARE(undoBatch->isEnabled(), enabled);

        QSignalSpy requests(m_view.get(), &HistoryView::undoRequested);
        QTest::mouseClick(undoChange, Qt::LeftButton);
        QTest::mouseClick(undoBatch, Qt::LeftButton);
        if (!enabled) {
            QCOMPARE(requests.count(), 0);
            return;
        }
        QCOMPARE(requests.count(), 2);
        QCOMPARE(requests.at(0).at(0).toString(), changeLabel);
        QCOMPARE(requests.at(1).at(0).toString(), batchLabel);
    }

    void readOnlyAccountsCannotUndo()
    {
        selectOnly({QStringLiteral("C1")});
        auto *undoChange = child<QPushButton>("historyUndoChangeButton");
        QVERIFY(undoChange->isEnabled());
        m_view->setUndoAllowed(false);
        QVERIFY(!undoChange->isEnabled());
        QVERIFY(!child<QPushButton>("historyUndoBatchButton")->isEnabled());
        selectOnly({QStringLiteral("C3")});
        QVERIFY(!undoChange->isEnabled());
        m_view->setUndoAllowed(true);
        QVERIFY(undoChange->isEnabled());
    }

    void detailsShowTheFullTrail()
    {
        auto *details = child<QPlainTextEdit>("historyDetails");
        selectOnly({QStringLiteral("C2")});
        const QString text = details->toPlainText();
        QVERIFY2(text.contains(quotedName), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("Scanner on floor 3")));
        QVERIFY(text.contains(QStringLiteral("T-4711")));
        const qsizetype intended = text.indexOf(QStringLiteral("Not sent"));
        const qsizetype sent = text.indexOf(QStringLiteral("Sent, no answer yet"));
        const qsizetype failed = text.indexOf(QStringLiteral("Failed: Access denied, \"policy\""));
        QVERIFY2(intended > 0 && sent > intended && failed > sent, qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("req-2")));

        selectOnly({QStringLiteral("C5")});
        QVERIFY(details->toPlainText().contains(QStringLiteral("Undoes change C1")));
        QVERIFY(details->toPlainText().contains(QStringLiteral("The value is now disabled")));

        selectOnly({QStringLiteral("C5"), QStringLiteral("C4")});
        QVERIFY(details->toPlainText().contains(QStringLiteral("2")));
        QVERIFY(!details->toPlainText().contains(QStringLiteral("Undoes")));
    }

    void refreshPicksUpNewEntriesAndKeepsTheSelection()
    {
        selectOnly({QStringLiteral("C2")});
        QCOMPARE(shownLabels().size(), 7);
        addBatch(batchBy(QStringLiteral("carol@contoso.com"), BatchKind::Apply, QStringLiteral("Retry C2")),
                 {mailboxChange(2, QStringLiteral("user2@contoso.com"), quotedName,
                                QStringLiteral("disabled"), QStringLiteral("enabled"))},
                 {{ChangeState::Applied, QStringLiteral("OK")}});
        QCOMPARE(shownLabels().size(), 7); // the view does not poll the journal
        m_view->refresh();
        QCOMPARE(shownLabels().size(), 8);
        QCOMPARE(shownLabels().first(), QStringLiteral("C8"));
        const QList<HistoryEntry> selected = m_view->selectedEntries();
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().change.id, 2);
        QVERIFY(child<QLabel>("historyCountLabel")->text().contains(QLatin1String("8")));

        // A filter stays in force across refreshes.
        child<QLineEdit>("historyOperatorEdit")->setText(QStringLiteral("carol@contoso.com"));
        m_view->refresh();
        QCOMPARE(shownLabels(), QStringList{QStringLiteral("C8")});
    }

    void withoutAJournalTheViewIsEmptyAndSaysWhy()
    {
        HistoryView view(nullptr);
        QCOMPARE(::child<QTableView>(&view, "historyTable")->model()->rowCount(), 0);
        auto *status = view.findChild<QLabel *>(QStringLiteral("historyStatusLabel"));
        QVERIFY(status && !status->text().isEmpty());
        QVERIFY(!view.findChild<QPushButton *>(QStringLiteral("historyExportCsvButton"))->isEnabled());
        view.refresh();
        QCOMPARE(::child<QTableView>(&view, "historyTable")->model()->rowCount(), 0);
    }

    void everyControlIsNamedForAssistiveTechnology()
    {
        const QStringList controls{
            QStringLiteral("historySinceCheck"),       QStringLiteral("historySinceEdit"),
            QStringLiteral("historyUntilCheck"),       QStringLiteral("historyUntilEdit"),
            QStringLiteral("historyMailboxEdit"),      QStringLiteral("historyOperatorEdit"),
            QStringLiteral("historyOutcomeCombo"),     QStringLiteral("historyClearFiltersButton"),
            QStringLiteral("historyCountLabel"),       QStringLiteral("historyTable"),
            QStringLiteral("historyDetails"),          QStringLiteral("historyRefreshButton"),
            QStringLiteral("historyExportCsvButton"),  QStringLiteral("historyExportJsonButton"),
            QStringLiteral("historyUndoChangeButton"), QStringLiteral("historyUndoBatchButton"),
            QStringLiteral("historyStatusLabel")};
        for (const QString &name : controls) {
            auto *widget = m_view->findChild<QWidget *>(name);
            QVERIFY2(widget, qPrintable(name));
            QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(name));
        }
        // And nothing of ours was added without a name.
        const QList<QWidget *> all = m_view->findChildren<QWidget *>();
        for (QWidget *widget : all) {
            if (widget->objectName().startsWith(QLatin1String("history")))
                QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(widget->objectName()));
        }
        QVERIFY(::child<QTableView>(m_view.get(), "historyTable")->isSortingEnabled());
        QCOMPARE(::child<QTableView>(m_view.get(), "historyTable")->selectionMode(),
                 QAbstractItemView::ExtendedSelection);
        QCOMPARE(::child<QTableView>(m_view.get(), "historyTable")->selectionBehavior(),
                 QAbstractItemView::SelectRows);
    }
};

QTEST_MAIN(TestHistoryView)
#include "test_historyview.moc"
