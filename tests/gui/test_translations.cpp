// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// Words on the screen: plural forms come from Qt's numerus strings and the English and German
// catalogues, so the window says "1 change staged" and "2 changes staged", never "change(s)"; a
// language without a catalogue falls back to the English one.
#include "childlookup.h"
#include "demowindow.h"
#include "engine/consolesession.h"
#include "engine/profilelocation.h"
#include "models/mailboxtablemodel.h"
#include "ui/mainwindow.h"
#include "ui/translations.h"

#include <QAction>
#include <QApplication>
#include <QDomDocument>
#include <QFile>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace smtpauth;

class TestTranslations : public QObject
{
    Q_OBJECT
private:
    static void removeTranslations()
    {
        const QList<QTranslator *> installed = qApp->findChildren<QTranslator *>(Qt::FindDirectChildrenOnly);
        qDeleteAll(installed); // a translator uninstalls itself when deleted
    }

    static QString staged(int n)
    {
        return QCoreApplication::translate("smtpauth::MainWindow", "%n change(s) staged.", nullptr, n);
    }

private Q_SLOTS:
    void cleanup() { removeTranslations(); }

    void englishHasSingularAndPlural()
    {
        QCOMPARE(installTranslations(qApp, QLocale(QLocale::English, QLocale::UnitedStates)),
                 QStringLiteral("en"));
        QCOMPARE(staged(1), QStringLiteral("1 change staged."));
        QCOMPARE(staged(2), QStringLiteral("2 changes staged."));
        QCOMPARE(QCoreApplication::translate("smtpauth::MainWindow", "%Ln mailbox(es) loaded.", nullptr, 1),
                 QStringLiteral("1 mailbox loaded."));
        QCOMPARE(
            QCoreApplication::translate("smtpauth::MainWindow", "%Ln mailbox(es) loaded.", nullptr, 5000),
            QStringLiteral("%1 mailboxes loaded.").arg(QLocale().toString(5000)));
        QCOMPARE(QCoreApplication::translate("smtpauth::OrgSwitchDialog", "&Disable for %n mailbox(es)",
                                             nullptr, 1),
                 QStringLiteral("&Disable for 1 mailbox"));
    }

    void germanHasItsForms()
    {
        QCOMPARE(installTranslations(qApp, QLocale(QLocale::German, QLocale::Germany)), QStringLiteral("de"));
        QCOMPARE(staged(1), QStringLiteral("1 Änderung vorgemerkt."));
        QCOMPARE(staged(3), QStringLiteral("3 Änderungen vorgemerkt."));
        QCOMPARE(QCoreApplication::translate("smtpauth::OrgSwitchDialog", "&Enable for %n mailbox(es)",
                                             nullptr, 1),
                 QStringLiteral("Für 1 Postfach &aktivieren"));
        QCOMPARE(QCoreApplication::translate("smtpauth::OrgSwitchDialog", "&Enable for %n mailbox(es)",
                                             nullptr, 7),
                 QStringLiteral("Für 7 Postfächer &aktivieren"));
    }

    void aLanguageWithoutACatalogueGetsTheEnglishForms()
    {
        QCOMPARE(installTranslations(qApp, QLocale(QLocale::French, QLocale::France)), QStringLiteral("en"));
        QCOMPARE(staged(1), QStringLiteral("1 change staged."));
    }

    // Every message with a count has its forms filled in, in both catalogues: nothing falls back to the
    // "(s)" of the source text.
    void everyCountedMessageHasRealForms_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("forms");
        QTest::newRow("en") << QStringLiteral("smtpauth_en.ts") << 2;
        QTest::newRow("de") << QStringLiteral("smtpauth_de.ts") << 2;
    }
    void everyCountedMessageHasRealForms()
    {
        QFETCH(QString, file);
        QFETCH(int, forms);
        QFile ts(qEnvironmentVariable("SMTPAUTH_SOURCE_DIR") + QStringLiteral("/resources/translations/") +
                 file);
        QVERIFY2(ts.open(QIODevice::ReadOnly), qPrintable(ts.fileName()));
        QDomDocument document;
        QVERIFY(document.setContent(&ts));
        const QDomNodeList messages = document.elementsByTagName(QStringLiteral("message"));
        int counted = 0;
        for (int i = 0; i < messages.size(); ++i) {
            const QDomElement message = messages.at(i).toElement();
            if (message.attribute(QStringLiteral("numerus")) != QLatin1String("yes"))
                continue;
            ++counted;
            const QString source = message.firstChildElement(QStringLiteral("source")).text();
            const QDomElement translation = message.firstChildElement(QStringLiteral("translation"));
            QVERIFY2(translation.attribute(QStringLiteral("type")).isEmpty(),
                     qPrintable(file + QLatin1String(": unfinished: ") + source));
            const QDomNodeList numerus = translation.elementsByTagName(QStringLiteral("numerusform"));
            QVERIFY2(numerus.size() == forms, qPrintable(source));
            for (int f = 0; f < numerus.size(); ++f) {
                const QString text = numerus.at(f).toElement().text();
                QVERIFY2(!text.isEmpty(), qPrintable(source));
                QVERIFY2(!text.contains(QLatin1String("(s)")) && !text.contains(QLatin1String("(es)")),
                         qPrintable(text));
            }
        }
        QVERIFY(counted >= 30);
    }

    // The window itself, in English: the status bar counts what is staged, in real words, and follows
    // the count when it changes.
    void theStatusBarSaysTheStagedCountInWords()
    {
        installTranslations(qApp, QLocale(QLocale::English, QLocale::UnitedKingdom));
        DemoWindow demo;
        QVERIFY(demo.dataDir.isValid());
        QVERIFY(demo.showAndLoad());
        MainWindow &window = demo.window;
        auto *status = child<QLabel>(&window, "statusLabel");
        QVERIFY2(status->text().endsWith(QStringLiteral("mailboxes loaded.")), qPrintable(status->text()));

        auto *table = child<QTableView>(&window, "mailboxTable");
        auto select = [table](std::initializer_list<int> rows) {
            table->selectionModel()->clearSelection();
            for (int row : rows)
                table->selectionModel()->select(table->model()->index(row, 0),
                                                QItemSelectionModel::Select | QItemSelectionModel::Rows);
        };
        // Rows whose override is not Disabled yet, so that staging Disabled changes each of them.
        QList<int> rows;
        for (int row = 0; row < table->model()->rowCount() && rows.size() < 3; ++row) {
            if (table->model()->index(row, 0).data(MailboxTableModel::OverrideRole).value<Override>() !=
                Override::Disabled)
                rows.append(row);
        }
        QCOMPARE(rows.size(), 3);
        auto *disable = child<QAction>(&window, "disableAction");
        select({rows.at(0)});
        disable->trigger();
        QCOMPARE(status->text(), QStringLiteral("1 change staged."));
        select({rows.at(1), rows.at(2)});
        disable->trigger();
        QCOMPARE(status->text(), QStringLiteral("3 changes staged."));
        select({rows.at(0)});
        child<QAction>(&window, "unstageAction")->trigger();
        QCOMPARE(status->text(), QStringLiteral("2 changes staged."));
        child<QAction>(&window, "unstageAllAction")->trigger();
        QCOMPARE(status->text(), QStringLiteral("Nothing staged."));
        const QString counts = child<QLabel>(&window, "countsLabel")->text();
        QVERIFY2(counts.endsWith(QStringLiteral("mailboxes")) && !counts.contains(QLatin1String("(es)")),
                 qPrintable(counts));
    }
};

QTEST_MAIN(TestTranslations)
#include "test_translations.moc"
