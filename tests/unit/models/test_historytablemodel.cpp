// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/historytablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace smtpauth;

namespace {

HistoryEntry mailboxEntry(qint64 changeId, qint64 batchId)
{
    HistoryEntry entry;
    entry.batch.id = batchId;
    entry.batch.operatorUpn = QStringLiteral("admin@contoso.com");
    entry.batch.reason = QStringLiteral("batch reason");
    entry.batch.ticket = QStringLiteral("T-1");
    entry.batch.createdUtc = QDateTime(QDate(2026, 3, 2), QTime(9, 0), Qt::UTC);
    entry.change.id = changeId;
    entry.change.batchId = batchId;
    entry.change.targetKind = ChangeTargetKind::Mailbox;
    entry.change.targetGuid =
        QUuid(QStringLiteral("{11111111-2222-3333-4444-%1}").arg(changeId, 12, 10, QLatin1Char('0')));
    entry.change.targetAddress = QStringLiteral("user%1@contoso.com").arg(changeId);
    entry.change.targetDisplayName = QStringLiteral("User %1").arg(changeId);
    entry.change.before = QStringLiteral("inherit");
    entry.change.after = QStringLiteral("enabled");
    entry.change.state = ChangeState::Applied;
    entry.change.serverMessage = QStringLiteral("OK");
    entry.change.createdUtc = QDateTime(QDate(2026, 3, 2), QTime(9, 0).addSecs(60 * changeId), Qt::UTC);
    entry.change.updatedUtc = entry.change.createdUtc.addSecs(1);
    return entry;
}

QString cell(const HistoryTableModel &model, int row, int column, int role = Qt::DisplayRole)
{
    return model.data(model.index(row, column), role).toString();
}

} // namespace

class TestHistoryTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void passesTheModelTester()
    {
        HistoryTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setEntries({mailboxEntry(1, 1), mailboxEntry(2, 1), mailboxEntry(3, 2)});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(HistoryTableModel::ColumnCount));
        model.setEntries({});
        QCOMPARE(model.rowCount(), 0);
        model.setEntries({mailboxEntry(7, 3)});
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void setEntriesIsOneResetAndNewestFirst()
    {
        HistoryTableModel model;
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        // The journal hands entries oldest first; people read history newest first.
        model.setEntries({mailboxEntry(1, 1), mailboxEntry(5, 2), mailboxEntry(3, 1)});
        QCOMPARE(resets.count(), 1);
        QCOMPARE(cell(model, 0, HistoryTableModel::ChangeColumn), QStringLiteral("C5"));
        QCOMPARE(cell(model, 1, HistoryTableModel::ChangeColumn), QStringLiteral("C3"));
        QCOMPARE(cell(model, 2, HistoryTableModel::ChangeColumn), QStringLiteral("C1"));
        QCOMPARE(model.rowOfChange(5), 0);
        QCOMPARE(model.rowOfChange(3), 1);
        QCOMPARE(model.rowOfChange(1), 2);
        QCOMPARE(model.rowOfChange(2), -1);
        QCOMPARE(model.rowOfChange(99), -1);
    }

    void columnsShowProductWords_data()
    {
        QTest::addColumn<HistoryEntry>("entry");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("expected");

        const HistoryEntry base = mailboxEntry(12, 3);
        QTest::newRow("change label")
            << base << int(HistoryTableModel::ChangeColumn) << QStringLiteral("C12");
        QTest::newRow("batch label") << base << int(HistoryTableModel::BatchColumn) << QStringLiteral("B3");
        QTest::newRow("operator") << base << int(HistoryTableModel::OperatorColumn)
                                  << QStringLiteral("admin@contoso.com");
        QTest::newRow("mailbox target")
            << base << int(HistoryTableModel::TargetColumn) << QStringLiteral("user12@contoso.com");
        QTest::newRow("name") << base << int(HistoryTableModel::NameColumn) << QStringLiteral("User 12");
        QTest::newRow("inherit to enabled")
            << base << int(HistoryTableModel::BeforeAfterColumn) << QStringLiteral("Inherit → Enabled");
        QTest::newRow("message") << base << int(HistoryTableModel::MessageColumn) << QStringLiteral("OK");

        HistoryEntry org = base;
        org.change.targetKind = ChangeTargetKind::Org;
        org.change.targetGuid = QUuid();
        org.change.targetAddress.clear();
        org.change.targetDisplayName.clear();
        org.change.before = QStringLiteral("enabled");
        org.change.after = QStringLiteral("disabled");
        QTest::newRow("org target") << org << int(HistoryTableModel::TargetColumn)
                                    << QStringLiteral("Organization");
        QTest::newRow("org before after")
            << org << int(HistoryTableModel::BeforeAfterColumn) << QStringLiteral("Enabled → Disabled");

        HistoryEntry odd = base;
        odd.change.before = QStringLiteral("disabled");
        odd.change.after = QStringLiteral("sideways");
        QTest::newRow("unknown word shown as is")
            << odd << int(HistoryTableModel::BeforeAfterColumn) << QStringLiteral("Disabled → sideways");

        const struct
        {
            ChangeState state;
            const char *text;
        } outcomes[] = {{ChangeState::Intended, "Not sent"},
                        {ChangeState::Sent, "Sent, no answer yet"},
                        {ChangeState::Applied, "Applied"},
                        {ChangeState::NoOp, "Already set"},
                        {ChangeState::Failed, "Failed"},
                        {ChangeState::Conflict, "Conflict"},
                        {ChangeState::Unknown, "Unknown (may have reached the server)"}};
        for (const auto &outcome : outcomes) {
            HistoryEntry entry = base;
            entry.change.state = outcome.state;
            QTest::addRow("outcome %s", qPrintable(machineName(outcome.state)))
                << entry << int(HistoryTableModel::OutcomeColumn) << QString::fromUtf8(outcome.text);
        }

        QTest::newRow("batch reason when the change has none")
            << base << int(HistoryTableModel::ReasonColumn) << QStringLiteral("batch reason");
        QTest::newRow("batch ticket when the change has none")
            << base << int(HistoryTableModel::TicketColumn) << QStringLiteral("T-1");
        HistoryEntry imported = base;
        imported.change.reason = QStringLiteral("row reason");
        imported.change.ticket = QStringLiteral("T-42");
        QTest::newRow("change's own reason wins")
            << imported << int(HistoryTableModel::ReasonColumn) << QStringLiteral("row reason");
        QTest::newRow("change's own ticket wins")
            << imported << int(HistoryTableModel::TicketColumn) << QStringLiteral("T-42");

        // Whatever users typed is shown exactly: no quoting, no formula neutralising (that is the CSV
        // writer's job), no bidi or width games.
        const QString hostile[] = {
            QStringLiteral("O'Brien \"Bob\""),
            QStringLiteral("\u202Egnp.exe"),                  // right-to-left override
            QStringLiteral("\u200F\u05E9\u05DC\u05D5\u05DD"), // RLM + Hebrew
            QStringLiteral("\u5C71\u7530 \u592A\u90CE"),      // CJK
            QStringLiteral("=HYPERLINK(\"http://evil.example\",\"x\")"),
            QStringLiteral("+1-555"),
            QStringLiteral("-2+3"),
            QStringLiteral("@SUM(A1)"),
        };
        int i = 0;
        for (const QString &text : hostile) {
            HistoryEntry entry = base;
            entry.change.targetDisplayName = text;
            entry.change.targetAddress = text;
            entry.change.serverMessage = text;
            entry.batch.operatorUpn = text;
            entry.batch.reason = text;
            entry.batch.ticket = text;
            for (int column : {int(HistoryTableModel::NameColumn), int(HistoryTableModel::TargetColumn),
                               int(HistoryTableModel::MessageColumn), int(HistoryTableModel::OperatorColumn),
                               int(HistoryTableModel::ReasonColumn), int(HistoryTableModel::TicketColumn)}) {
                QTest::addRow("verbatim %d column %d", i, column) << entry << column << text;
            }
            ++i;
        }

        HistoryEntry multiLine = base;
        multiLine.change.targetDisplayName = QStringLiteral("first\nsecond\r\nthird");
        QTest::newRow("line breaks become visible markers") << multiLine << int(HistoryTableModel::NameColumn)
                                                            << QStringLiteral("first\u23CEsecond\u23CEthird");
    }

    void columnsShowProductWords()
    {
        QFETCH(HistoryEntry, entry);
        QFETCH(int, column);
        QFETCH(QString, expected);
        HistoryTableModel model;
        model.setEntries({entry});
        QCOMPARE(cell(model, 0, column), expected);
    }

    void tooltipsKeepTheExactText()
    {
        HistoryEntry entry = mailboxEntry(4, 2);
        entry.change.serverMessage = QStringLiteral("line one\nline two");
        HistoryTableModel model;
        model.setEntries({entry});
        QCOMPARE(cell(model, 0, HistoryTableModel::MessageColumn, Qt::ToolTipRole),
                 QStringLiteral("line one\nline two"));
        QCOMPARE(cell(model, 0, HistoryTableModel::TimeColumn, Qt::ToolTipRole),
                 QStringLiteral("2026-03-02T09:04:00.000Z"));
        QVERIFY(cell(model, 0, HistoryTableModel::TargetColumn, Qt::ToolTipRole)
                    .contains(entry.change.targetGuid.toString(QUuid::WithoutBraces)));
    }

    void timeIsLocalForDisplayAndUtcForSorting()
    {
        const HistoryEntry entry = mailboxEntry(4, 2);
        HistoryTableModel model;
        model.setEntries({entry});
        QCOMPARE(cell(model, 0, HistoryTableModel::TimeColumn),
                 entry.change.createdUtc.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
        QCOMPARE(cell(model, 0, HistoryTableModel::TimeColumn, HistoryTableModel::SortRole),
                 QStringLiteral("2026-03-02T09:04:00.000Z"));
    }

    void rawRolesCarryRecordsAndLabels()
    {
        HistoryEntry entry = mailboxEntry(12, 3);
        entry.change.state = ChangeState::Conflict;
        HistoryTableModel model;
        model.setEntries({entry});
        const QModelIndex index = model.index(0, HistoryTableModel::MessageColumn);
        QCOMPARE(index.data(HistoryTableModel::ChangeRecordRole).value<ChangeRecord>(), entry.change);
        QCOMPARE(index.data(HistoryTableModel::BatchRecordRole).value<BatchRecord>(), entry.batch);
        QCOMPARE(index.data(HistoryTableModel::ChangeLabelRole).toString(), QStringLiteral("C12"));
        QCOMPARE(index.data(HistoryTableModel::BatchLabelRole).toString(), QStringLiteral("B3"));
        QCOMPARE(index.data(HistoryTableModel::ChangeIdRole).toLongLong(), 12);
        QCOMPARE(index.data(HistoryTableModel::BatchIdRole).toLongLong(), 3);
        QCOMPARE(index.data(HistoryTableModel::ChangeStateRole).value<ChangeState>(), ChangeState::Conflict);
        QCOMPARE(model.entryAt(0), entry);
        QVERIFY(model.roleNames().contains(HistoryTableModel::ChangeLabelRole));
    }

    void idsSortAsNumbers()
    {
        // "C10" < "C9" as text: the sort role must give numbers or the newest change sorts in the middle.
        HistoryTableModel model;
        model.setEntries({mailboxEntry(9, 9), mailboxEntry(10, 10)});
        const QVariant ten =
            model.index(0, HistoryTableModel::ChangeColumn).data(HistoryTableModel::SortRole);
        const QVariant nine =
            model.index(1, HistoryTableModel::ChangeColumn).data(HistoryTableModel::SortRole);
        QCOMPARE(ten.toLongLong(), 10);
        QVERIFY(QVariant::compare(nine, ten) == QPartialOrdering::Less);
        const QVariant batchTen =
            model.index(0, HistoryTableModel::BatchColumn).data(HistoryTableModel::SortRole);
        QCOMPARE(batchTen.toLongLong(), 10);
    }

    void headersAreNamed()
    {
        HistoryTableModel model;
        QStringList headers;
        for (int column = 0; column < model.columnCount(); ++column)
            headers.append(model.headerData(column, Qt::Horizontal).toString());
        QCOMPARE(
            headers,
            (QStringList{QStringLiteral("Change"), QStringLiteral("Batch"), QStringLiteral("Time"),
                         QStringLiteral("Operator"), QStringLiteral("Target"), QStringLiteral("Name"),
                         QStringLiteral("Before → After"), QStringLiteral("Outcome"),
                         QStringLiteral("Message"), QStringLiteral("Reason"), QStringLiteral("Ticket")}));
    }
};

QTEST_GUILESS_MAIN(TestHistoryTableModel)
#include "test_historytablemodel.moc"
