// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// Replays a fuzz target's seed corpus and every saved crash input, one data row per file, so the
// inputs that once crashed stay tested in the ordinary g++ build (`./dev.sh test`, label `fuzz`).
// A crash or a broken invariant aborts the process, which CTest reports as a failure.
#include "fuzzinput.h"

#include <QDir>
#include <QFile>
#include <QtTest>

class FuzzRegressionTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void replaysInput_data();
    void replaysInput();
};

void FuzzRegressionTest::replaysInput_data()
{
    QTest::addColumn<QString>("path");
    const QString target = qEnvironmentVariable("SMTPAUTH_FUZZ_TARGET");
    QVERIFY2(!target.isEmpty(), "SMTPAUTH_FUZZ_TARGET is not set");
    const QString fuzzDir = qEnvironmentVariable("SMTPAUTH_SOURCE_DIR") + QStringLiteral("/tests/fuzz/");
    int corpusFiles = 0;
    for (const QString &kind : {QStringLiteral("corpus"), QStringLiteral("regressions")}) {
        const QDir dir(fuzzDir + kind + QLatin1Char('/') + target);
        const QStringList names = dir.entryList(QDir::Files, QDir::Name);
        for (const QString &name : names) {
            const QString path = dir.filePath(name);
            QTest::newRow(qPrintable(kind + QLatin1Char('/') + name)) << path;
            if (kind == QLatin1String("corpus"))
                ++corpusFiles;
        }
    }
    // An empty corpus would make this test pass vacuously (for instance after a rename).
    QVERIFY2(corpusFiles > 0, qPrintable(QStringLiteral("no seed corpus for target ") + target));
}

void FuzzRegressionTest::replaysInput()
{
    QFETCH(QString, path);
    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
    const QByteArray input = file.readAll();
    // An empty allocation: libFuzzer never passes a null pointer, so neither do we.
    const QByteArray owned = input.isEmpty() ? QByteArray(1, '\0') : input;
    QCOMPARE(
        LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(owned.constData()), size_t(input.size())),
        0);
}

QTEST_GUILESS_MAIN(FuzzRegressionTest)
#include "fuzzregressiontest.moc"
