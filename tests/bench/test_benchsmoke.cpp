// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// The benchmark harness at a small size (2,000 mailboxes, 200 changes), so it cannot rot: runs
// run-benchmarks.sh --quick once against this build and checks that every scenario ran and produced
// well-formed figures, and that no change was lost. Timings are never asserted here.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

class TestBenchSmoke : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_directory.isValid());
        const QString script =
            qEnvironmentVariable("SMTPAUTH_SOURCE_DIR") + QStringLiteral("/tests/bench/run-benchmarks.sh");
        const QString buildRoot = qEnvironmentVariable("SMTPAUTH_BUILD_ROOT");
        QVERIFY2(QFile::exists(script), qPrintable(script));
        QVERIFY2(!buildRoot.isEmpty(), "SMTPAUTH_BUILD_ROOT is not set");
        m_jsonPath = m_directory.filePath(QStringLiteral("bench-results.json"));

        QProcess harness;
        harness.setProcessChannelMode(QProcess::SeparateChannels);
        harness.start(QStringLiteral("bash"),
                      {script, buildRoot, QStringLiteral("--quick"), QStringLiteral("--runs"),
                       QStringLiteral("1"), QStringLiteral("--json"), m_jsonPath});
        QVERIFY2(harness.waitForStarted(), qPrintable(harness.errorString()));
        QVERIFY2(harness.waitForFinished(240000), "the quick benchmark run did not finish in 4 minutes");
        m_table = QString::fromUtf8(harness.readAllStandardOutput());
        const QString errors = QString::fromUtf8(harness.readAllStandardError());
        QVERIFY2(harness.exitStatus() == QProcess::NormalExit && harness.exitCode() == 0,
                 qPrintable(m_table + errors.right(4000)));

        QFile file(m_jsonPath);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(m_jsonPath));
        QJsonParseError parseError;
        m_document = QJsonDocument::fromJson(file.readAll(), &parseError).object();
        QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
    }

    void everyScenarioHasWellFormedFigures()
    {
        const QJsonArray scenarios = m_document.value(QStringLiteral("scenarios")).toArray();
        QSet<QString> seen;
        for (const QJsonValue &value : scenarios) {
            const QJsonObject row = value.toObject();
            const QString id = row.value(QStringLiteral("scenario")).toString();
            const QString where = id + QLatin1Char(' ') + row.value(QStringLiteral("label")).toString();
            seen.insert(id);
            QCOMPARE(row.value(QStringLiteral("runsFailed")).toInt(-1), 0);
            const QJsonObject measured = row.value(QStringLiteral("measured")).toObject();
            QVERIFY2(measured.value(QStringLiteral("runs")).toInt() >= 1, qPrintable(where));
            for (const QString &key :
                 {QStringLiteral("median"), QStringLiteral("min"), QStringLiteral("max")}) {
                QVERIFY2(measured.value(key).isDouble(), qPrintable(where + QLatin1Char(' ') + key));
                QVERIFY2(std::isfinite(measured.value(key).toDouble()),
                         qPrintable(where + QLatin1Char(' ') + key));
            }
            if (row.contains(QStringLiteral("reference"))) {
                QVERIFY2(row.value(QStringLiteral("reference"))
                                 .toObject()
                                 .value(QStringLiteral("median"))
                                 .toDouble() > 0,
                         qPrintable(where));
                QVERIFY2(
                    row.value(QStringLiteral("ratio")).toObject().value(QStringLiteral("median")).toDouble() >
                        0,
                    qPrintable(where));
            }
            const QString verdict = row.value(QStringLiteral("verdict")).toString();
            QVERIFY2(verdict == QLatin1String("pass") || verdict == QLatin1String("miss"),
                     qPrintable(where + verdict));
            QVERIFY2(m_table.contains(row.value(QStringLiteral("label")).toString()), qPrintable(where));
        }
        for (const QString &id :
             {QStringLiteral("P1"), QStringLiteral("P2"), QStringLiteral("P3"), QStringLiteral("P4"),
              QStringLiteral("P5"), QStringLiteral("P6"), QStringLiteral("P7"), QStringLiteral("P8"),
              QStringLiteral("P9"), QStringLiteral("P10")})
            QVERIFY2(seen.contains(id), qPrintable(id + QStringLiteral(" is missing from the results")));
    }

    void noChangeIsLost()
    {
        const QJsonArray raw = m_document.value(QStringLiteral("raw")).toArray();
        int applyRuns = 0;
        for (const QJsonValue &value : raw) {
            const QJsonObject result = value.toObject().value(QStringLiteral("result")).toObject();
            if (result.value(QStringLiteral("scenario")).toString() != QLatin1String("P4"))
                continue;
            ++applyRuns;
            QCOMPARE(result.value(QStringLiteral("lost")).toInt(-1), 0);
            QCOMPARE(result.value(QStringLiteral("applied")).toInt(),
                     result.value(QStringLiteral("changes")).toInt());
        }
        QCOMPARE(applyRuns, 1);
    }

    void theReadinessChainReadsEveryUserAndBothGroups()
    {
        const QJsonArray raw = m_document.value(QStringLiteral("raw")).toArray();
        int readinessRuns = 0;
        for (const QJsonValue &value : raw) {
            const QJsonObject result = value.toObject().value(QStringLiteral("result")).toObject();
            if (result.value(QStringLiteral("scenario")).toString() != QLatin1String("P7"))
                continue;
            ++readinessRuns;
            QVERIFY2(!result.contains(QStringLiteral("error")),
                     qPrintable(result.value(QStringLiteral("error")).toString()));
            QCOMPARE(result.value(QStringLiteral("rows")).toInt(),
                     result.value(QStringLiteral("mailboxes")).toInt());
            QVERIFY(result.value(QStringLiteral("users")).toInt() >
                    result.value(QStringLiteral("mailboxes")).toInt());
            QVERIFY(result.value(QStringLiteral("directoryBytesPerMailbox")).toDouble() > 0);
        }
        QCOMPARE(readinessRuns, 1);
    }

    void theUsageEvidenceReadsEverySignInPage()
    {
        const QJsonArray raw = m_document.value(QStringLiteral("raw")).toArray();
        int usageRuns = 0;
        for (const QJsonValue &value : raw) {
            const QJsonObject result = value.toObject().value(QStringLiteral("result")).toObject();
            if (result.value(QStringLiteral("scenario")).toString() != QLatin1String("P8"))
                continue;
            ++usageRuns;
            QVERIFY2(!result.contains(QStringLiteral("error")),
                     qPrintable(result.value(QStringLiteral("error")).toString()));
            QCOMPARE(result.value(QStringLiteral("rows")).toInt(),
                     result.value(QStringLiteral("mailboxes")).toInt());
            QCOMPARE(result.value(QStringLiteral("signInsRead")).toDouble(),
                     result.value(QStringLiteral("signInRecords")).toDouble());
            QVERIFY(result.value(QStringLiteral("signInPages")).toInt() > 0);
            QVERIFY(result.value(QStringLiteral("usageRows")).toDouble() > 0);
            QVERIFY(result.value(QStringLiteral("signInAggregateBytes")).toDouble() > 0);
        }
        QCOMPARE(usageRuns, 1);
    }

    void theReadinessTableShowsEveryRowAndSeveralClasses()
    {
        const QJsonArray raw = m_document.value(QStringLiteral("raw")).toArray();
        int tableRuns = 0;
        for (const QJsonValue &value : raw) {
            const QJsonObject result = value.toObject().value(QStringLiteral("result")).toObject();
            if (result.value(QStringLiteral("scenario")).toString() != QLatin1String("P9"))
                continue;
            ++tableRuns;
            QCOMPARE(result.value(QStringLiteral("rows")).toInt(),
                     result.value(QStringLiteral("mailboxes")).toInt());
            // Every class one report can hold (unknown and unclear-auth are tenant-wide).
            QCOMPARE(result.value(QStringLiteral("classesPresent")).toInt(), 5);
            QVERIFY(result.value(QStringLiteral("keystrokeMs"))
                        .toObject()
                        .value(QStringLiteral("count"))
                        .toInt() > 0);
        }
        QCOMPARE(tableRuns, 1);
    }

    void theSnapshotHistoryReadsBackAndKeepsTheRetention()
    {
        const QJsonArray raw = m_document.value(QStringLiteral("raw")).toArray();
        int snapshotRuns = 0;
        for (const QJsonValue &value : raw) {
            const QJsonObject result = value.toObject().value(QStringLiteral("result")).toObject();
            if (result.value(QStringLiteral("scenario")).toString() != QLatin1String("P10"))
                continue;
            ++snapshotRuns;
            QVERIFY2(!result.contains(QStringLiteral("error")),
                     qPrintable(result.value(QStringLiteral("error")).toString()));
            // 1 % of the mailboxes changed, plus the few that came and went.
            QVERIFY(result.value(QStringLiteral("differences")).toInt() >=
                    result.value(QStringLiteral("mailboxes")).toInt() / 200);
            QVERIFY(result.value(QStringLiteral("snapshotsKept")).toInt() >= 1);
            QVERIFY(result.value(QStringLiteral("snapshotsKept")).toInt() <= 91);
            QVERIFY(result.value(QStringLiteral("historyMiB")).toDouble() > 0);
        }
        QCOMPARE(snapshotRuns, 1);
    }

    void machineFactsAreReported()
    {
        const QJsonObject machine = m_document.value(QStringLiteral("machine")).toObject();
        QVERIFY(machine.value(QStringLiteral("cores")).toInt() >= 1);
        QVERIFY(!machine.value(QStringLiteral("qt")).toString().isEmpty());
        QVERIFY(!machine.value(QStringLiteral("buildType")).toString().isEmpty());
        QVERIFY(m_table.contains(QStringLiteral("| # | Scenario |")));
    }

private:
    QTemporaryDir m_directory;
    QString m_jsonPath;
    QString m_table;
    QJsonObject m_document;
};

QTEST_GUILESS_MAIN(TestBenchSmoke)
#include "test_benchsmoke.moc"
