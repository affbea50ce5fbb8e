// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// The .deb as a user gets it: packaged from this build tree with cpack, installed with dpkg into the
// real system, the installed binaries run from /usr/bin, then removed and purged, and nothing of it may
// remain. Needs root (CI runs as root); skips with a message otherwise, and never touches an
// installation of the package that was there before the test.
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <memory>
#include <unistd.h>

namespace smtpauth {

namespace {

const QString packageName = QStringLiteral("smtpauth-console");

struct ToolRun
{
    int exitCode = -1;
    QByteArray standardOutput;
    QByteArray standardError;

    QString describe() const
    {
        return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
            .arg(exitCode)
            .arg(QString::fromUtf8(standardOutput.right(4000)), QString::fromUtf8(standardError.right(4000)));
    }
};

ToolRun runTool(const QString &program, const QStringList &arguments, int timeoutMs = 60000,
                const QProcessEnvironment &environment = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    ToolRun run;
    if (!process.waitForStarted()) {
        run.standardError = process.errorString().toUtf8();
        return run;
    }
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        run.standardError = "timed out: " + process.readAllStandardError();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.standardOutput = process.readAllStandardOutput();
    run.standardError = process.readAllStandardError();
    return run;
}

bool packageIsInstalled()
{
    const ToolRun query = runTool(QStringLiteral("dpkg-query"),
                                  {QStringLiteral("-W"), QStringLiteral("-f=${Status}"), packageName});
    return query.exitCode == 0 && query.standardOutput.contains("installed") &&
           !query.standardOutput.contains("not-installed") && !query.standardOutput.contains("config-files");
}

bool packageIsKnownToDpkg()
{
    const ToolRun query = runTool(QStringLiteral("dpkg-query"),
                                  {QStringLiteral("-W"), QStringLiteral("-f=${Status}"), packageName});
    return query.exitCode == 0 && !query.standardOutput.contains("not-installed");
}

} // namespace

class TestDebInstall : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QLockFile> m_lock;
    QTemporaryDir m_work;
    QString m_debFile;
    QStringList m_installedFiles; // as dpkg -L lists them: files and directories
    bool m_weInstalled = false;

    QString appId() const { return qEnvironmentVariable("SMTPAUTH_APP_ID"); }

    QProcessEnvironment installedProgramEnvironment() const
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        // Nothing from the build tree may leak into the installed binaries.
        environment.remove(QStringLiteral("LD_LIBRARY_PATH"));
        environment.remove(QStringLiteral("QT_PLUGIN_PATH"));
        return environment;
    }

    void requireInstalled()
    {
        if (!m_weInstalled)
            QSKIP("the package was not installed by an earlier step (see its failure)");
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (::geteuid() != 0)
            QSKIP("installing a .deb needs root (CI runs as root); run ctest -L install as root to check it");
        if (QStandardPaths::findExecutable(QStringLiteral("dpkg")).isEmpty())
            QSKIP("not a Debian system: dpkg is needed to install the .deb");
        // Several build trees on one machine may run this test at once; dpkg allows one at a time.
        m_lock = std::make_unique<QLockFile>(QStringLiteral("/tmp/smtpauth-deb-install-test.lock"));
        m_lock->setStaleLockTime(0);
        QVERIFY2(m_lock->tryLock(150000), "another install test kept /tmp/smtpauth-deb-install-test.lock");
        if (packageIsKnownToDpkg())
            QSKIP(
                "smtpauth-console is already installed on this machine; this test will not replace or remove "
                "someone's installation (dpkg -P smtpauth-console first)");
        QVERIFY(m_work.isValid());
    }

    void cpackBuildsTheDebFromThisBuildTree()
    {
        const QString buildRoot = qEnvironmentVariable("SMTPAUTH_BUILD_ROOT");
        // gzip instead of the release's xz: the same package, several times faster to build.
        const ToolRun cpack =
            runTool(qEnvironmentVariable("SMTPAUTH_CPACK"),
                    {QStringLiteral("-G"), QStringLiteral("DEB"), QStringLiteral("--config"),
                     buildRoot + QStringLiteral("/CPackConfig.cmake"), QStringLiteral("-B"), m_work.path(),
                     QStringLiteral("-D"), QStringLiteral("CPACK_DEBIAN_COMPRESSION_TYPE=gzip")},
                    120000);
        QVERIFY2(cpack.exitCode == 0, qPrintable(cpack.describe()));
        const QStringList debs = QDir(m_work.path()).entryList({QStringLiteral("*.deb")}, QDir::Files);
        QCOMPARE(debs.size(), 1);
        m_debFile = m_work.filePath(debs.first());
    }

    void debDeclaresWhatItNeeds()
    {
        if (m_debFile.isEmpty())
            QSKIP("no .deb was built");
        const ToolRun fields = runTool(QStringLiteral("dpkg-deb"),
                                       {QStringLiteral("--field"), m_debFile, QStringLiteral("Package"),
                                        QStringLiteral("Version"), QStringLiteral("Depends")});
        QVERIFY2(fields.exitCode == 0, qPrintable(fields.describe()));
        const QString control = QString::fromUtf8(fields.standardOutput);
        QVERIFY2(control.contains(QStringLiteral("Package: smtpauth-console")), qPrintable(control));
        QVERIFY2(
            control.contains(QStringLiteral("Version: ") + qEnvironmentVariable("SMTPAUTH_PROJECT_VERSION")),
            qPrintable(control));
        // From dpkg-shlibdeps (what the binaries link) and from the explicit list (plugins it loads).
        for (const QString &dependency :
             {QStringLiteral("libqt6core6"), QStringLiteral("libqt6widgets6"),
              QStringLiteral("libqt6keychain1"), QStringLiteral("libqt6sql6-sqlite"),
              QStringLiteral("libqt6svg6"), QStringLiteral("libc6")})
            QVERIFY2(control.contains(dependency),
                     qPrintable(dependency + QStringLiteral(" missing in ") + control));
    }

    void debContainsTheDesktopApplication()
    {
        if (m_debFile.isEmpty())
            QSKIP("no .deb was built");
        const ToolRun contents =
            runTool(QStringLiteral("dpkg-deb"), {QStringLiteral("--contents"), m_debFile});
        QVERIFY2(contents.exitCode == 0, qPrintable(contents.describe()));
        const QString listing = QString::fromUtf8(contents.standardOutput);
        const QStringList expected{
            QStringLiteral("./usr/bin/smtpauth-console"),
            QStringLiteral("./usr/bin/smtpauth-cli"),
            QStringLiteral("./usr/bin/smtpauth-emulator"),
            QStringLiteral("./usr/share/applications/%1.desktop").arg(appId()),
            QStringLiteral("./usr/share/metainfo/%1.metainfo.xml").arg(appId()),
            QStringLiteral("./usr/share/icons/hicolor/scalable/apps/%1.svg").arg(appId()),
            QStringLiteral("./usr/share/icons/hicolor/48x48/apps/%1.png").arg(appId()),
            QStringLiteral("./usr/share/icons/hicolor/256x256/apps/%1.png").arg(appId()),
            QStringLiteral("./usr/share/man/man1/smtpauth-cli.1.gz"),
            QStringLiteral("./usr/share/man/man1/smtpauth-console.1.gz"),
            QStringLiteral("./usr/share/man/man1/smtpauth-emulator.1.gz"),
            QStringLiteral("./usr/share/doc/smtpauth-console/copyright"),
        };
        for (const QString &path : expected)
            QVERIFY2(listing.contains(path + QLatin1Char('\n')),
                     qPrintable(path + QStringLiteral(" not in the .deb")));
        QVERIFY2(!listing.contains(QStringLiteral("./usr/local/")), "the package must install under /usr");
    }

    void dpkgInstallsIt()
    {
        if (m_debFile.isEmpty())
            QSKIP("no .deb was built");
        const ToolRun install =
            runTool(QStringLiteral("dpkg"), {QStringLiteral("--install"), m_debFile}, 120000);
        m_weInstalled = packageIsKnownToDpkg();
        QVERIFY2(install.exitCode == 0, qPrintable(install.describe()));
        QVERIFY(packageIsInstalled());
        const ToolRun list = runTool(QStringLiteral("dpkg"), {QStringLiteral("--listfiles"), packageName});
        QVERIFY2(list.exitCode == 0, qPrintable(list.describe()));
        m_installedFiles =
            QString::fromUtf8(list.standardOutput).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(m_installedFiles.contains(QStringLiteral("/usr/bin/smtpauth-cli")));
    }

    void installedCliPrintsItsVersion()
    {
        requireInstalled();
        const ToolRun version = runTool(QStringLiteral("/usr/bin/smtpauth-cli"),
                                        {QStringLiteral("--version")}, 30000, installedProgramEnvironment());
        QVERIFY2(version.exitCode == 0, qPrintable(version.describe()));
        QCOMPARE(version.standardOutput.trimmed(),
                 QByteArray("smtpauth-cli ") + qEnvironmentVariable("SMTPAUTH_PROJECT_VERSION").toUtf8());
    }

    void installedCliListsTheDemoTenantAsJson()
    {
        requireInstalled();
        QTemporaryDir dataDir;
        QVERIFY(dataDir.isValid());
        const ToolRun list =
            runTool(QStringLiteral("/usr/bin/smtpauth-cli"),
                    {QStringLiteral("--data-dir"), dataDir.path(), QStringLiteral("--demo"),
                     QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("json")},
                    60000, installedProgramEnvironment());
        QVERIFY2(list.exitCode == 0, qPrintable(list.describe()));
        QJsonParseError parseError{};
        const QJsonObject document = QJsonDocument::fromJson(list.standardOutput, &parseError).object();
        QVERIFY2(parseError.error == QJsonParseError::NoError, qPrintable(parseError.errorString()));
        const QJsonArray mailboxes = document.value(QStringLiteral("mailboxes")).toArray();
        QVERIFY(!mailboxes.isEmpty());
        QCOMPARE(document.value(QStringLiteral("count")).toInt(), mailboxes.size());
    }

    void installedConsoleShowsTheDemoTenantOffscreen()
    {
        requireInstalled();
        QTemporaryDir dataDir;
        QVERIFY(dataDir.isValid());
        const QString screenshot = dataDir.filePath(QStringLiteral("console.png"));
        const ToolRun console = runTool(QStringLiteral("/usr/bin/smtpauth-console"),
                                        {QStringLiteral("--demo"), QStringLiteral("--data-dir"),
                                         dataDir.path(), QStringLiteral("--screenshot"), screenshot},
                                        90000, installedProgramEnvironment());
        QVERIFY2(console.exitCode == 0, qPrintable(console.describe()));
        const QImage picture(screenshot);
        QVERIFY2(!picture.isNull(), qPrintable(screenshot));
        QVERIFY(picture.width() > 200 && picture.height() > 150);
    }

    void installedFilesAreWhereTheDesktopLooks()
    {
        requireInstalled();
        QVERIFY(QFileInfo(QStringLiteral("/usr/share/applications/%1.desktop").arg(appId())).isFile());
        QVERIFY(QFileInfo(QStringLiteral("/usr/share/metainfo/%1.metainfo.xml").arg(appId())).isFile());
        QVERIFY(
            QFileInfo(QStringLiteral("/usr/share/icons/hicolor/scalable/apps/%1.svg").arg(appId())).isFile());
        QVERIFY(QFileInfo(QStringLiteral("/usr/share/man/man1/smtpauth-cli.1.gz")).isFile());
        const QFileInfo cli(QStringLiteral("/usr/bin/smtpauth-cli"));
        QVERIFY(cli.isExecutable());
        QCOMPARE(cli.ownerId(), 0u);
    }

    void removeAndPurgeLeaveNothingBehind()
    {
        requireInstalled();
        const ToolRun remove =
            runTool(QStringLiteral("dpkg"), {QStringLiteral("--remove"), packageName}, 60000);
        QVERIFY2(remove.exitCode == 0, qPrintable(remove.describe()));
        const ToolRun purge =
            runTool(QStringLiteral("dpkg"), {QStringLiteral("--purge"), packageName}, 60000);
        QVERIFY2(purge.exitCode == 0, qPrintable(purge.describe()));
        m_weInstalled = packageIsKnownToDpkg();
        QVERIFY(!m_weInstalled);

        QStringList leftovers;
        for (const QString &path : std::as_const(m_installedFiles)) {
            const QFileInfo info(path);
            // Shared directories (/usr/bin, /usr/share/icons/...) belong to other packages too and stay.
            if (info.isDir() && !info.isSymLink())
                continue;
            if (info.exists() || info.isSymLink())
                leftovers << path;
        }
        for (const QString &ownDirectory : {QStringLiteral("/usr/share/doc/smtpauth-console")})
            if (QFileInfo::exists(ownDirectory))
                leftovers << ownDirectory;
        QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(QLatin1Char('\n'))));
    }

    void cleanupTestCase()
    {
        // A failed step must not leave the package in the system for the next run or the next test.
        if (m_weInstalled && packageIsKnownToDpkg())
            runTool(QStringLiteral("dpkg"), {QStringLiteral("--purge"), packageName}, 60000);
    }
};

} // namespace smtpauth

QTEST_GUILESS_MAIN(smtpauth::TestDebInstall)
#include "test_deb_install.moc"
