// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// The files that make the console a desktop application: desktop entry, AppStream metainfo, icons, the
// smtpauth-cli man page and the translation catalogue. Validated with the same tools distributions and
// software centres use, and cross-checked against each other and against the real CLI.
#include <QCoreApplication>
#include <QDate>
#include <QDir>
#include <QDomDocument>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QLocale>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTest>
#include <QTranslator>
#include <utility>

namespace smtpauth {

namespace {

struct ToolRun
{
    int exitCode = -1;
    QByteArray standardOutput;
    QByteArray standardError;

    QString describe() const
    {
        return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
            .arg(exitCode)
            .arg(QString::fromUtf8(standardOutput), QString::fromUtf8(standardError));
    }
};

ToolRun runTool(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    ToolRun run;
    if (!process.waitForStarted() || !process.waitForFinished(30000)) {
        run.standardError = process.errorString().toUtf8();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.standardOutput = process.readAllStandardOutput();
    run.standardError = process.readAllStandardError();
    return run;
}

QString environment(const char *name)
{
    return qEnvironmentVariable(name);
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

// Key=value pairs of the [Desktop Entry] group, which is all this project's desktop file has.
QHash<QString, QString> desktopEntryKeys(const QByteArray &contents)
{
    QHash<QString, QString> keys;
    const QList<QByteArray> lines = contents.split('\n');
    for (const QByteArray &line : lines) {
        const qsizetype equals = line.indexOf('=');
        if (equals > 0 && !line.startsWith('#') && !line.startsWith('['))
            keys.insert(QString::fromUtf8(line.left(equals)), QString::fromUtf8(line.mid(equals + 1)));
    }
    return keys;
}

} // namespace

class TestDesktopMetadata : public QObject
{
    Q_OBJECT

private:
    QString m_appId;
    QString m_resources;

    QString desktopFile() const
    {
        return m_resources + QStringLiteral("/") + m_appId + QStringLiteral(".desktop");
    }
    QString metainfoFile() const
    {
        return m_resources + QStringLiteral("/") + m_appId + QStringLiteral(".metainfo.xml");
    }

    QDomDocument metainfo() const
    {
        QDomDocument document;
        document.setContent(readAll(metainfoFile()));
        return document;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_appId = environment("SMTPAUTH_APP_ID");
        m_resources = environment("SMTPAUTH_RESOURCES_DIR");
        QVERIFY2(!m_appId.isEmpty() && !m_resources.isEmpty(),
                 "run through ctest: the CMake test sets the paths");
    }

    void desktopFilePassesDesktopFileValidate()
    {
        const QString validator = QStandardPaths::findExecutable(QStringLiteral("desktop-file-validate"));
        QVERIFY2(!validator.isEmpty(),
                 "desktop-file-validate missing: install desktop-file-utils (./dev.sh setup)");
        const ToolRun run = runTool(validator, {desktopFile()});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        // Hints are advice; warnings and errors are what distributions reject.
        const QByteArray report = run.standardOutput + run.standardError;
        QVERIFY2(!report.contains("error:") && !report.contains("warning:"), report.constData());
    }

    void metainfoPassesAppstreamValidation()
    {
        const QString validator = QStandardPaths::findExecutable(QStringLiteral("appstreamcli"));
        QVERIFY2(!validator.isEmpty(), "appstreamcli missing: install appstream (./dev.sh setup)");
        const ToolRun run = runTool(validator, {QStringLiteral("validate"), QStringLiteral("--no-net"),
                                                QStringLiteral("--strict"), metainfoFile()});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
    }

    void oneApplicationIdNamesEverything()
    {
        const QHash<QString, QString> entry = desktopEntryKeys(readAll(desktopFile()));
        QCOMPARE(entry.value(QStringLiteral("Icon")), m_appId);
        QCOMPARE(entry.value(QStringLiteral("Exec")).section(QLatin1Char(' '), 0, 0),
                 QStringLiteral("smtpauth-console"));

        const QDomElement component = metainfo().documentElement();
        QCOMPARE(component.firstChildElement(QStringLiteral("id")).text(), m_appId);
        QCOMPARE(component.firstChildElement(QStringLiteral("launchable")).text(),
                 m_appId + QStringLiteral(".desktop"));
        QCOMPARE(component.firstChildElement(QStringLiteral("icon")).text(), m_appId);

        QVERIFY(QFile::exists(m_resources + QStringLiteral("/icons/") + m_appId + QStringLiteral(".svg")));
    }

    void metainfoHasWhatSoftwareCentresShow()
    {
        const QDomElement component = metainfo().documentElement();
        QCOMPARE(component.attribute(QStringLiteral("type")), QStringLiteral("desktop-application"));
        QVERIFY(!component.firstChildElement(QStringLiteral("description"))
                     .firstChildElement(QStringLiteral("p"))
                     .isNull());
        QVERIFY(!component.firstChildElement(QStringLiteral("content_rating")).isNull());
        const QDomElement image = component.firstChildElement(QStringLiteral("screenshots"))
                                      .firstChildElement(QStringLiteral("screenshot"))
                                      .firstChildElement(QStringLiteral("image"));
        QVERIFY(image.text().startsWith(QLatin1String("https://")));
    }

    // Bumping the project version without a release entry would ship a package whose software-centre
    // page describes an older release.
    void newestReleaseIsTheProjectVersion()
    {
        const QDomElement newest = metainfo()
                                       .documentElement()
                                       .firstChildElement(QStringLiteral("releases"))
                                       .firstChildElement(QStringLiteral("release"));
        QVERIFY(!newest.isNull());
        QCOMPARE(newest.attribute(QStringLiteral("version")), environment("SMTPAUTH_PROJECT_VERSION"));
        QVERIFY(QDate::fromString(newest.attribute(QStringLiteral("date")), Qt::ISODate).isValid());
    }

    void pngIconHasItsNominalSize_data()
    {
        QTest::addColumn<int>("size");
        const QStringList sizes =
            environment("SMTPAUTH_ICON_SIZES").split(QLatin1Char(','), Qt::SkipEmptyParts);
        QVERIFY(!sizes.isEmpty());
        for (const QString &size : sizes)
            QTest::newRow(qPrintable(size + QStringLiteral("px"))) << size.toInt();
    }

    void pngIconHasItsNominalSize()
    {
        QFETCH(int, size);
        const QString path = m_resources + QStringLiteral("/icons/hicolor/%1x%1/apps/").arg(size) + m_appId +
                             QStringLiteral(".png");
        const QImage icon(path);
        QVERIFY2(!icon.isNull(), qPrintable(path));
        QCOMPARE(icon.size(), QSize(size, size));
        QVERIFY(icon.hasAlphaChannel());
        // The corners are transparent and the middle is not: a real icon, not an empty or square image.
        QCOMPARE(qAlpha(icon.pixel(size - 1, 0)), 0);
        QVERIFY(qAlpha(icon.pixel(size / 3, size / 2)) > 0);
    }

    void scalableIconRenders()
    {
        QSvgRenderer renderer(m_resources + QStringLiteral("/icons/") + m_appId + QStringLiteral(".svg"));
        QVERIFY(renderer.isValid());
        QCOMPARE(renderer.viewBox().width(), renderer.viewBox().height());
    }

    void manPageRendersWithoutWarnings_data()
    {
        QTest::addColumn<QString>("page");
        const QString directory = QFileInfo(environment("SMTPAUTH_MANPAGE")).absolutePath();
        for (const char *program : {"smtpauth-cli", "smtpauth-console", "smtpauth-emulator"})
            QTest::newRow(program) << directory + QStringLiteral("/") + QLatin1String(program) +
                                          QStringLiteral(".1");
    }

    void manPageRendersWithoutWarnings()
    {
        QFETCH(QString, page);
        QVERIFY2(QFileInfo(page).isFile(), qPrintable(page));
        const QString groff = QStandardPaths::findExecutable(QStringLiteral("groff"));
        if (groff.isEmpty())
            QSKIP("groff is not installed (Debian package groff-base); cannot check the man page's roff");
        const ToolRun run = runTool(groff, {QStringLiteral("-man"), QStringLiteral("-Tutf8"),
                                            QStringLiteral("-ww"), QStringLiteral("-z"), page});
        QVERIFY2(run.exitCode == 0 && run.standardError.isEmpty(), qPrintable(run.describe()));
    }

    void manPageNamesTheProjectVersion()
    {
        const QByteArray page = readAll(environment("SMTPAUTH_MANPAGE"));
        const QByteArray titleLine = page.mid(page.indexOf("\n.TH "), 120).split('\n').value(1);
        QVERIFY2(titleLine.contains(environment("SMTPAUTH_PROJECT_VERSION").toUtf8()), titleLine.constData());
    }

    // The man pages are written by hand, so each binary's own --help is the contract they are checked
    // against: every option the binary accepts must be documented.
    void manPageDocumentsEveryOptionOfItsBinary_data()
    {
        QTest::addColumn<QString>("binary");
        QTest::addColumn<QString>("page");
        const QString directory = QFileInfo(environment("SMTPAUTH_MANPAGE")).absolutePath();
        QTest::newRow("smtpauth-cli")
            << environment("SMTPAUTH_CLI") << directory + QStringLiteral("/smtpauth-cli.1");
        QTest::newRow("smtpauth-console")
            << environment("SMTPAUTH_CONSOLE") << directory + QStringLiteral("/smtpauth-console.1");
        QTest::newRow("smtpauth-emulator")
            << environment("SMTPAUTH_EMULATOR") << directory + QStringLiteral("/smtpauth-emulator.1");
    }

    void manPageDocumentsEveryOptionOfItsBinary()
    {
        QFETCH(QString, binary);
        QFETCH(QString, page);
        const ToolRun help = runTool(binary, {QStringLiteral("--help")});
        QVERIFY2(help.exitCode == 0, qPrintable(help.describe()));
        const QString helpText = QString::fromUtf8(help.standardOutput);
        const QString manPage = QString::fromUtf8(readAll(page));

        QSet<QString> options;
        static const QRegularExpression optionPattern(QStringLiteral("(?:^|[\\s\\[,])--([a-z][a-z0-9-]+)"));
        for (auto match = optionPattern.globalMatch(helpText); match.hasNext();)
            options.insert(match.next().captured(1));
        QVERIFY2(options.size() >= 5, qPrintable(helpText));
        for (const QString &option : std::as_const(options)) {
            const QString roff =
                QStringLiteral("\\-\\-") + QString(option).replace(QLatin1Char('-'), QStringLiteral("\\-"));
            QVERIFY2(manPage.contains(roff),
                     qPrintable(QStringLiteral("--%1 is not in %2").arg(option, page)));
        }
    }

    void cliManPageDocumentsEveryCommand()
    {
        const ToolRun help = runTool(environment("SMTPAUTH_CLI"), {QStringLiteral("--help")});
        QVERIFY2(help.exitCode == 0, qPrintable(help.describe()));
        const QString helpText = QString::fromUtf8(help.standardOutput);
        const QString page = QString::fromUtf8(readAll(environment("SMTPAUTH_MANPAGE")));
        const QString commandsSection =
            helpText.section(QStringLiteral("Commands:"), 1).section(QStringLiteral("\n\n"), 0, 0);
        static const QRegularExpression commandPattern(QStringLiteral("^  ([a-z]+)"),
                                                       QRegularExpression::MultilineOption);
        int commands = 0;
        for (auto match = commandPattern.globalMatch(commandsSection); match.hasNext(); ++commands) {
            const QString command = match.next().captured(1);
            QVERIFY2(page.contains(QStringLiteral(".B ") + command),
                     qPrintable(QStringLiteral("command %1 is not in the man page").arg(command)));
        }
        QVERIFY2(commands >= 8, qPrintable(commandsSection));
    }

    void manPageListsEveryExitCode()
    {
        const QString page = QString::fromUtf8(readAll(environment("SMTPAUTH_MANPAGE")));
        const QString exitSection =
            page.section(QStringLiteral(".SH EXIT STATUS"), 1).section(QStringLiteral(".SH "), 0, 0);
        for (int code = 0; code <= 6; ++code)
            QVERIFY2(exitSection.contains(QStringLiteral(".B %1\n").arg(code)),
                     qPrintable(QString::number(code)));
    }

    void germanCatalogueTranslatesTheVocabulary()
    {
        QTranslator translator;
        const QString directory = environment("SMTPAUTH_RESOURCES_BINARY_DIR");
        QVERIFY2(translator.load(QStringLiteral("smtpauth_de"), directory), qPrintable(directory));
        QVERIFY(!translator.isEmpty());
        QCOMPARE(translator.language(), QStringLiteral("de"));
        // The words of the policy (models/smtpauthpolicy) are the console's vocabulary.
        QCOMPARE(translator.translate("SmtpAuthPolicy", "Enabled"), QStringLiteral("Aktiviert"));
        QCOMPARE(translator.translate("SmtpAuthPolicy", "Disabled"), QStringLiteral("Deaktiviert"));
    }

    // The same object library is linked into the console: this is the lookup its main() does.
    void embeddedCatalogueFollowsTheSystemLanguage_data()
    {
        QTest::addColumn<QString>("locale");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<bool>("hasCatalogue");
        QTest::newRow("German (Germany)") << QStringLiteral("de_DE") << QStringLiteral("Aktiviert") << true;
        QTest::newRow("German (Switzerland)")
            << QStringLiteral("de_CH") << QStringLiteral("Aktiviert") << true;
        QTest::newRow("French: no catalogue")
            << QStringLiteral("fr_FR") << QStringLiteral("Enabled") << false;
        // English has a catalogue of its own for the plural forms only; the words stay the source's.
        QTest::newRow("English: plurals only")
            << QStringLiteral("en_US") << QStringLiteral("Enabled") << true;
    }

    void embeddedCatalogueFollowsTheSystemLanguage()
    {
        QFETCH(QString, locale);
        QFETCH(QString, expected);
        QFETCH(bool, hasCatalogue);
        QTranslator translator;
        const bool loaded = translator.load(QLocale(locale), QStringLiteral("smtpauth"), QStringLiteral("_"),
                                            QStringLiteral(":/i18n"));
        QCOMPARE(loaded, hasCatalogue);
        QCoreApplication::installTranslator(&translator);
        const QString translated = QCoreApplication::translate("SmtpAuthPolicy", "Enabled");
        QCoreApplication::removeTranslator(&translator);
        QCOMPARE(translated, expected);
    }

    void embeddedWindowIconHasEverySize()
    {
        const QStringList sizes =
            environment("SMTPAUTH_ICON_SIZES").split(QLatin1Char(','), Qt::SkipEmptyParts);
        for (const QString &size : sizes) {
            const QString path =
                QStringLiteral(":/icons/hicolor/%1x%1/apps/").arg(size) + m_appId + QStringLiteral(".png");
            QCOMPARE(QImage(path).width(), size.toInt());
        }
    }
};

} // namespace smtpauth

QTEST_GUILESS_MAIN(smtpauth::TestDesktopMetadata)
#include "test_desktop_metadata.moc"
