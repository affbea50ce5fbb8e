// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "journaltestsupport.h"
#include "models/changejournal.h"
#include "models/journalexport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace smtpauth;
using namespace journaltest;

namespace {

// Python's csv module is the independent reader: if our writer and it disagree about quoting, CRLF inside
// cells or UTF-8, the export is not what an auditor's tool will see.
const char *const csvToJsonScript =
    "import csv, io, json, sys\n"
    "text = io.TextIOWrapper(sys.stdin.buffer, encoding='utf-8', newline='')\n"
    "rows = list(csv.reader(text, strict=True))\n"
    "sys.stdout.write(json.dumps(rows, ensure_ascii=True))\n";

// Python's json module as an independent validator (rejects what QJsonDocument might tolerate).
const char *const jsonCheckScript = "import json, sys\n"
                                    "doc = json.loads(sys.stdin.buffer.read().decode('utf-8'))\n"
                                    "sys.stdout.write(json.dumps(doc, ensure_ascii=True))\n";

bool runPython(const char *script, const QByteArray &input, QByteArray *output, QString *error)
{
    QProcess python;
    python.start(QStringLiteral("python3"), {QStringLiteral("-c"), QString::fromUtf8(script)});
    if (!python.waitForStarted(10000)) {
        *error = QStringLiteral("python3 did not start: ") + python.errorString();
        return false;
    }
    python.write(input);
    python.closeWriteChannel();
    if (!python.waitForFinished(30000) || python.exitStatus() != QProcess::NormalExit ||
        python.exitCode() != 0) {
        *error = QStringLiteral("python3 failed: ") + QString::fromUtf8(python.readAllStandardError());
        return false;
    }
    *output = python.readAllStandardOutput();
    return true;
}

QString neutralised(const QString &cell)
{
    static const QString formulaStarts = QStringLiteral("=+-@\t\r");
    return !cell.isEmpty() && formulaStarts.contains(cell.front()) ? QLatin1Char('\'') + cell : cell;
}

// What the export must say for one entry, derived here from the records (not from JournalExport::cells).
QStringList expectedCells(const HistoryEntry &entry)
{
    const ChangeRecord &c = entry.change;
    const BatchRecord &b = entry.batch;
    const QString undoOf = b.undoOfChange  ? QStringLiteral("C%1").arg(b.undoOfChange)
                           : b.undoOfBatch ? QStringLiteral("B%1").arg(b.undoOfBatch)
                                           : QString();
    const QString state =
        QStringList{QStringLiteral("intended"), QStringLiteral("sent"),   QStringLiteral("applied"),
                    QStringLiteral("noop"),     QStringLiteral("failed"), QStringLiteral("conflict"),
                    QStringLiteral("unknown")}
            .at(int(c.state));
    const QString batchKind = QStringList{QStringLiteral("apply"), QStringLiteral("undo"),
                                          QStringLiteral("import"), QStringLiteral("org")}
                                  .at(int(b.kind));
    return {QStringLiteral("C%1").arg(c.id),
            QStringLiteral("B%1").arg(c.batchId),
            c.createdUtc.toUTC().toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss.zzz'Z'")),
            b.operatorUpn,
            b.tenantId,
            batchKind,
            c.targetKind == ChangeTargetKind::Org ? QStringLiteral("org") : QStringLiteral("mailbox"),
            c.targetGuid.isNull() ? QString() : c.targetGuid.toString().mid(1, 36),
            c.targetAddress,
            c.targetDisplayName,
            c.before,
            c.after,
            state,
            c.serverMessage,
            c.clientRequestId,
            b.reason,
            b.ticket,
            undoOf};
}

const QStringList expectedHeader{QStringLiteral("change"),
                                 QStringLiteral("batch"),
                                 QStringLiteral("time_utc"),
                                 QStringLiteral("operator"),
                                 QStringLiteral("tenant"),
                                 QStringLiteral("kind"),
                                 QStringLiteral("target_kind"),
                                 QStringLiteral("target_guid"),
                                 QStringLiteral("target_address"),
                                 QStringLiteral("target_display_name"),
                                 QStringLiteral("before"),
                                 QStringLiteral("after"),
                                 QStringLiteral("state"),
                                 QStringLiteral("server_message"),
                                 QStringLiteral("client_request_id"),
                                 QStringLiteral("reason"),
                                 QStringLiteral("ticket"),
                                 QStringLiteral("undo_of")};

} // namespace

class TestJournalExport : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    ChangeJournal m_journal{steppingClock()};

    // Names chosen to break naive writers: quotes, commas, CR/LF inside cells, RTL marks, CJK, and every
    // character a spreadsheet treats as the start of a formula.
    void fillJournal()
    {
        BatchRecord batch;
        batch.operatorUpn = QStringLiteral("zoë.ødegård@contoso.com");
        batch.tenantId = QStringLiteral("t-1");
        batch.reason = QStringLiteral("Ticket \"4711\", floor 3\r\nscanner");
        batch.ticket = QStringLiteral("=HYPERLINK(\"http://x\")");
        const qint64 first = m_journal.beginBatch(batch);
        QList<ChangeRecord> changes;
        const QStringList names{QStringLiteral("=cmd|' /C calc'!A0"),
                                QStringLiteral("+SUM(A1:A9)"),
                                QStringLiteral("-2+3"),
                                QStringLiteral("@attacker"),
                                QStringLiteral("\tTabbed"),
                                QStringLiteral("\rCarriage"),
                                QStringLiteral("王小明, \"quoted\""),
                                QStringLiteral("\u200Fמשה כהן\u200E"),
                                QStringLiteral("multi\nline\r\nname"),
                                QStringLiteral(" padded ")};
        for (int i = 0; i < names.size(); ++i) {
            ChangeRecord change;
            change.targetKind = ChangeTargetKind::Mailbox;
            change.targetGuid = QUuid::createUuidV5(QUuid(), names.at(i));
            change.targetAddress = QStringLiteral("m%1@contoso.com").arg(i);
            change.targetDisplayName = names.at(i);
            change.before = QStringLiteral("inherit");
            change.after = i % 2 ? QStringLiteral("enabled") : QStringLiteral("disabled");
            changes.append(change);
        }
        ChangeRecord org;
        org.targetKind = ChangeTargetKind::Org;
        org.before = QStringLiteral("enabled");
        org.after = QStringLiteral("disabled");
        changes.append(org);
        const QList<qint64> ids = m_journal.addIntendedChanges(first, changes);
        QCOMPARE(ids.size(), changes.size());
        QList<ChangeOutcome> outcomes;
        for (int i = 0; i < ids.size(); ++i) {
            outcomes.append({ids.at(i), i % 3 ? ChangeState::Applied : ChangeState::Failed,
                             i % 3 ? QString() : QStringLiteral("-ERR: \"%1\" denied").arg(names.value(i)),
                             QStringLiteral("req-%1").arg(i)});
        }
        QVERIFY(m_journal.recordOutcomes(outcomes));

        BatchRecord undo;
        undo.operatorUpn = QStringLiteral("helpdesk@contoso.com");
        undo.kind = BatchKind::Undo;
        undo.undoOfChange = ids.at(1);
        undo.reason = QStringLiteral("@revert");
        const qint64 undoBatch = m_journal.beginBatch(undo);
        ChangeRecord back = changes.at(1);
        std::swap(back.before, back.after);
        QCOMPARE(m_journal.addIntendedChanges(undoBatch, {back}).size(), 1);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_journal.open(m_dir.filePath(QStringLiteral("journal.sqlite"))));
        fillJournal();
    }

    void csvReadBackByPythonEqualsTheJournal()
    {
        const QList<HistoryEntry> entries = m_journal.history();
        QCOMPARE(entries.size(), 12);
        const QByteArray csv = JournalExport::toCsv(entries);
        QByteArray parsed;
        QString error;
        QVERIFY2(runPython(csvToJsonScript, csv, &parsed, &error), qPrintable(error));
        const QJsonArray rows = QJsonDocument::fromJson(parsed).array();
        QCOMPARE(rows.size(), entries.size() + 1);
        QCOMPARE(rows.at(0).toVariant().toStringList(), expectedHeader);
        QCOMPARE(JournalExport::columnNames(), expectedHeader);
        for (int i = 0; i < entries.size(); ++i) {
            QStringList expected = expectedCells(entries.at(i));
            for (QString &cell : expected)
                cell = neutralised(cell);
            QCOMPARE(rows.at(i + 1).toVariant().toStringList(), expected);
        }
    }

    void csvNeutralisesFormulaCells_data()
    {
        QTest::addColumn<int>("row");
        QTest::addColumn<QString>("column");
        QTest::addColumn<QString>("cell");
        QTest::newRow("= display name")
            << 1 << QStringLiteral("target_display_name") << QStringLiteral("'=cmd|' /C calc'!A0");
        QTest::newRow("+ display name")
            << 2 << QStringLiteral("target_display_name") << QStringLiteral("'+SUM(A1:A9)");
        QTest::newRow("- display name")
            << 3 << QStringLiteral("target_display_name") << QStringLiteral("'-2+3");
        QTest::newRow("@ display name")
            << 4 << QStringLiteral("target_display_name") << QStringLiteral("'@attacker");
        QTest::newRow("tab display name")
            << 5 << QStringLiteral("target_display_name") << QStringLiteral("'\tTabbed");
        QTest::newRow("CR display name")
            << 6 << QStringLiteral("target_display_name") << QStringLiteral("'\rCarriage");
        QTest::newRow("= ticket") << 1 << QStringLiteral("ticket")
                                  << QStringLiteral("'=HYPERLINK(\"http://x\")");
        QTest::newRow("- server message") << 1 << QStringLiteral("server_message")
                                          << QStringLiteral("'-ERR: \"=cmd|' /C calc'!A0\" denied");
        QTest::newRow("@ reason") << 12 << QStringLiteral("reason") << QStringLiteral("'@revert");
        QTest::newRow("plain text untouched")
            << 7 << QStringLiteral("target_display_name") << QStringLiteral("王小明, \"quoted\"");
        QTest::newRow("spaces kept") << 10 << QStringLiteral("target_display_name")
                                     << QStringLiteral(" padded ");
    }
    void csvNeutralisesFormulaCells()
    {
        QFETCH(int, row);
        QFETCH(QString, column);
        QFETCH(QString, cell);
        QByteArray parsed;
        QString error;
        QVERIFY2(runPython(csvToJsonScript, JournalExport::toCsv(m_journal.history()), &parsed, &error),
                 qPrintable(error));
        const QJsonArray rows = QJsonDocument::fromJson(parsed).array();
        const int index = int(expectedHeader.indexOf(column));
        QVERIFY(index >= 0);
        QCOMPARE(rows.at(row).toArray().at(index).toString(), cell);
    }

    void csvIsUtf8WithCrLfAndHeaderOnlyWhenEmpty()
    {
        const QByteArray empty = JournalExport::toCsv({});
        QCOMPARE(empty, expectedHeader.join(QLatin1Char(',')).toUtf8() + "\r\n");
        const QByteArray csv = JournalExport::toCsv(m_journal.history());
        QVERIFY(csv.contains("\xe7\x8e\x8b\xe5\xb0\x8f\xe6\x98\x8e")); // 王小明 as UTF-8
        QVERIFY(!csv.startsWith("\xef\xbb\xbf"));                      // no BOM
    }

    void jsonParsedBackEqualsTheJournal()
    {
        const QList<HistoryEntry> entries = m_journal.history();
        const QDateTime exported(QDate(2026, 4, 1), QTime(12, 30, 15, 250), Qt::UTC);
        const QByteArray json = JournalExport::toJson(entries, exported);

        QByteArray revalidated;
        QString error;
        QVERIFY2(runPython(jsonCheckScript, json, &revalidated, &error), qPrintable(error));

        for (const QByteArray &text : {json, revalidated}) {
            QJsonParseError parseError;
            const QJsonDocument document = QJsonDocument::fromJson(text, &parseError);
            QCOMPARE(parseError.error, QJsonParseError::NoError);
            const QJsonObject root = document.object();
            QCOMPARE(root.value(QStringLiteral("exportedUtc")).toString(),
                     QStringLiteral("2026-04-01T12:30:15.250Z"));
            QCOMPARE(root.value(QStringLiteral("count")).toInt(), int(entries.size()));
            const QJsonArray changes = root.value(QStringLiteral("changes")).toArray();
            QCOMPARE(changes.size(), entries.size());
            for (int i = 0; i < entries.size(); ++i) {
                const QJsonObject object = changes.at(i).toObject();
                QCOMPARE(object.keys().size(), expectedHeader.size());
                const QStringList expected = expectedCells(entries.at(i));
                for (int c = 0; c < expectedHeader.size(); ++c) {
                    const QJsonValue value = object.value(expectedHeader.at(c));
                    // JSON carries the real value (no spreadsheet guard); an absent value is null.
                    if (expected.at(c).isEmpty())
                        QVERIFY2(value.isNull(), qPrintable(expectedHeader.at(c)));
                    else
                        QCOMPARE(value.toString(), expected.at(c));
                }
                const QDateTime time = QDateTime::fromString(
                    object.value(QStringLiteral("time_utc")).toString(), Qt::ISODateWithMs);
                QCOMPARE(time, entries.at(i).change.createdUtc);
                QCOMPARE(time.timeSpec(), Qt::UTC);
            }
        }
        const QJsonObject org = QJsonDocument::fromJson(json)
                                    .object()
                                    .value(QStringLiteral("changes"))
                                    .toArray()
                                    .at(10)
                                    .toObject();
        QCOMPARE(org.value(QStringLiteral("target_kind")).toString(), QStringLiteral("org"));
        QVERIFY(org.value(QStringLiteral("target_guid")).isNull());
        const QJsonObject undo = QJsonDocument::fromJson(json)
                                     .object()
                                     .value(QStringLiteral("changes"))
                                     .toArray()
                                     .at(11)
                                     .toObject();
        QCOMPARE(undo.value(QStringLiteral("undo_of")).toString(), QStringLiteral("C2"));
        QCOMPARE(undo.value(QStringLiteral("kind")).toString(), QStringLiteral("undo"));
    }

    void jsonOfNothingIsAnEmptyList()
    {
        const QJsonObject root = QJsonDocument::fromJson(JournalExport::toJson({})).object();
        QCOMPARE(root.value(QStringLiteral("count")).toInt(), 0);
        QVERIFY(root.value(QStringLiteral("changes")).isArray());
        QVERIFY(root.value(QStringLiteral("changes")).toArray().isEmpty());
        QVERIFY(root.value(QStringLiteral("exportedUtc")).toString().endsWith(QLatin1Char('Z')));
    }

    void filteredExportOnlyHasTheFilteredRows()
    {
        HistoryFilter failed;
        failed.outcome = ChangeState::Failed;
        const QList<HistoryEntry> entries = m_journal.history(failed);
        QCOMPARE(entries.size(), 4); // changes 1, 4, 7, 10
        QByteArray parsed;
        QString error;
        QVERIFY2(runPython(csvToJsonScript, JournalExport::toCsv(entries), &parsed, &error),
                 qPrintable(error));
        const QJsonArray rows = QJsonDocument::fromJson(parsed).array();
        QCOMPARE(rows.size(), 5);
        for (int i = 1; i < rows.size(); ++i)
            QCOMPARE(rows.at(i).toArray().at(12).toString(), QStringLiteral("failed"));
    }
};

QTEST_GUILESS_MAIN(TestJournalExport)
#include "test_journalexport.moc"
