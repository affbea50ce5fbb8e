// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// The executables that are installed carry the hardening of cmake/SmtpAuthSettings.cmake: each one is a
// position-independent executable (ELF type DYN with an interpreter), has a read-only relocation segment
// bound at start-up (GNU_RELRO and BIND_NOW: full RELRO), calls the stack protector, and, in an optimized
// build without sanitizers, the fortified variants of the C library's copy and print functions. Read from
// the files with readelf, as Debian's hardening-check does.
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

namespace {

QString readelf(const QStringList &arguments, const QString &file)
{
    QProcess process;
    process.start(QStringLiteral("readelf"),
                  QStringList{QStringLiteral("-W")} + arguments + QStringList{file});
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0)
        return QString();
    return QString::fromLocal8Bit(process.readAllStandardOutput());
}

} // namespace

class TestHardening : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void executablesAreHardened_data()
    {
        QTest::addColumn<QString>("file");
        for (const char *variable : {"SMTPAUTH_CLI", "SMTPAUTH_CONSOLE", "SMTPAUTH_EMULATOR"})
            QTest::newRow(variable) << qEnvironmentVariable(variable);
    }

    void executablesAreHardened()
    {
        QFETCH(QString, file);
        QVERIFY2(!file.isEmpty(), "the test is started by ctest with the executables' paths");
        const QString header = readelf({QStringLiteral("-h")}, file);
        QVERIFY2(!header.isEmpty(), qPrintable(QStringLiteral("readelf cannot read %1").arg(file)));
        QVERIFY2(header.contains(QRegularExpression(QStringLiteral("Type:\\s+DYN"))),
                 qPrintable(file + QStringLiteral(" is not position-independent:\n") + header));

        const QString segments = readelf({QStringLiteral("-l")}, file);
        QVERIFY2(segments.contains(QStringLiteral("INTERP")),
                 qPrintable(file + QStringLiteral(": no interpreter (a shared library?)")));
        QVERIFY2(segments.contains(QStringLiteral("GNU_RELRO")),
                 qPrintable(file + QStringLiteral(": no RELRO segment")));

        const QString dynamic = readelf({QStringLiteral("-d")}, file);
        QVERIFY2(dynamic.contains(QRegularExpression(QStringLiteral("\\(FLAGS\\)\\s+.*BIND_NOW"))) ||
                     dynamic.contains(QRegularExpression(QStringLiteral("\\(FLAGS_1\\)\\s+.*\\bNOW\\b"))),
                 qPrintable(file + QStringLiteral(": RELRO is partial (no BIND_NOW)")));

        const QString symbols = readelf({QStringLiteral("--dyn-syms")}, file);
        QVERIFY2(symbols.contains(QStringLiteral("__stack_chk_fail")),
                 qPrintable(file + QStringLiteral(": no stack protector")));
        if (qEnvironmentVariable("SMTPAUTH_EXPECT_FORTIFY") != QLatin1String("1"))
            QSKIP("_FORTIFY_SOURCE needs the optimizer: not expected in a Debug or sanitized build");
        QVERIFY2(symbols.contains(QRegularExpression(QStringLiteral("__\\w+_chk\\b"))),
                 qPrintable(file + QStringLiteral(": no fortified C library call")));
    }
};

QTEST_APPLESS_MAIN(TestHardening)
#include "test_hardening.moc"
