// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// The Why panel, the Basic-now columns and filters, the readiness banner and the consent prompt, in the
// real window on the in-process demo tenant: every layer blocks some demo mailbox (security defaults
// after the knob, Microsoft's retirement after the cutoff), and a missing Graph consent is offered once,
// given, and the layers are read.
#include "childlookup.h"
#include "emulator/emulatorserver.h"
#include "engine/consolesession.h"
#include "engine/demotenant.h"
#include "engine/profilelocation.h"
#include "models/mailboxtablemodel.h"
#include "ui/graphconsentprompt.h"
#include "ui/mainwindow.h"
#include "ui/whypanel.h"

#include <QComboBox>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace smtpauth;

namespace {

// The first row of the model whose Basic-now verdict is decided by `layer`, or -1.
int rowDecidedBy(const MailboxTableModel &mailboxes, ReadinessLayer layer)
{
    for (int row = 0; row < mailboxes.rowCount(); ++row) {
        if (mailboxes.basicNowAt(row).decidedBy() == layer)
            return row;
    }
    return -1;
}

} // namespace

class TestWhyPanel : public QObject
{
    Q_OBJECT
private:
    struct Demo
    {
        QTemporaryDir dataDir;
        MailboxTableModel mailboxes;
        std::unique_ptr<ConsoleSession> session;
        std::unique_ptr<MainWindow> window;
    };

    static bool startDemo(Demo &demo, const QString &user = QStringLiteral("admin"))
    {
        demo.session =
            std::make_unique<ConsoleSession>(ProfileLocation::forDemo(demo.dataDir.path()), &demo.mailboxes);
        demo.session->setDemoUser(user);
        demo.window = std::make_unique<MainWindow>(demo.session.get(), &demo.mailboxes);
        demo.window->setDialogsModal(false);
        QSignalSpy loaded(demo.session.get(), &ConsoleSession::loadFinished);
        QSignalSpy read(demo.session.get(), &ConsoleSession::directoryRead);
        demo.window->show();
        demo.session->start();
        return QTest::qWaitFor(
            [&] { return loaded.count() >= 1 && read.count() >= 1 && !demo.session->isReadingDirectory(); },
            60000);
    }

    static void select(Demo &demo, int modelRow)
    {
        const QUuid guid = demo.mailboxes.store().guid(modelRow);
        QAbstractItemModel *view = child<QTableView>(demo.window.get(), "mailboxTable")->model();
        for (int row = 0; row < view->rowCount(); ++row) {
            const QModelIndex index = view->index(row, 0);
            if (index.data(MailboxTableModel::GuidRole).toUuid() == guid) {
                child<QTableView>(demo.window.get(), "mailboxTable")
                    ->selectionModel()
                    ->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
                return;
            }
        }
        QFAIL("the row is not shown");
    }

    static QString verdictText(Demo &demo, int which)
    {
        const QByteArray name = "verdict-" + QByteArray::number(which);
        return child<QLabel>(child<WhyPanel>(demo.window.get(), "whyPanel"), name.constData())->text();
    }

    // The panel's labels of one layer, by object name: "effect-<layer>" and "detail-<layer>".
    static QLabel *layerLabel(const QWidget *panel, const char *part, ReadinessLayer layer)
    {
        const QByteArray name = QByteArray(part) + '-' + machineName(layer).toLatin1();
        return child<QLabel>(panel, name.constData());
    }

private Q_SLOTS:
    void everyLayerBlocksSomeDemoMailbox()
    {
        Demo demo;
        QVERIFY(startDemo(demo));
        QVERIFY2(demo.session->directoryProblems().isEmpty(),
                 qPrintable(demo.session->directoryProblems().join(QLatin1Char('\n'))));
        WhyPanel *panel = child<WhyPanel>(demo.window.get(), "whyPanel");

        for (ReadinessLayer layer : {ReadinessLayer::SmtpAuthSetting, ReadinessLayer::AuthenticationPolicy,
                                     ReadinessLayer::ConditionalAccess}) {
            const int row = rowDecidedBy(demo.mailboxes, layer);
            QVERIFY2(row >= 0,
                     qPrintable(QStringLiteral("no demo mailbox decided by ") + machineName(layer)));
            select(demo, row);
            QVERIFY(child<QLabel>(panel, "whyTitle")
                        ->text()
                        .contains(demo.mailboxes.store().primarySmtpAddress(row).toString()));
            for (ReadinessLayer each : kReadinessLayers) {
                QVERIFY(!layerLabel(panel, "effect", each)->text().isEmpty());
                QVERIFY(!layerLabel(panel, "detail", each)->text().isEmpty());
            }
            const QString effect = layerLabel(panel, "effect", layer)->text();
            QVERIFY2(effect == displayText(LayerEffect::Blocks) ||
                         effect == displayText(LayerEffect::BlocksSome),
                     qPrintable(effect));
            QVERIFY2(verdictText(demo, 1).contains(displayText(layer)), qPrintable(verdictText(demo, 1)));
            // The table says the same as the panel.
            const QModelIndex decidedBy = demo.mailboxes.index(row, MailboxTableModel::DecidedByColumn);
            QVERIFY2(decidedBy.data().toString().contains(displayText(layer)),
                     qPrintable(decidedBy.data().toString()));
        }

        // Microsoft's retirement decides after the cutoff for a mailbox Basic still reaches today.
        int allowedRow = -1;
        for (int row = 0; row < demo.mailboxes.rowCount() && allowedRow < 0; ++row) {
            if (demo.mailboxes.basicNowAt(row).verdict() == Verdict::Allowed)
                allowedRow = row;
        }
        QVERIFY2(allowedRow >= 0, "some demo mailbox (an excluded scanner) can still send with Basic");
        select(demo, allowedRow);
        QVERIFY2(verdictText(demo, 2).contains(displayText(ReadinessLayer::BasicRetirement)),
                 qPrintable(verdictText(demo, 2)));
        demo.session->setReadinessDate(QDate(2027, 1, 5));
        QCOMPARE(demo.mailboxes.basicNowAt(allowedRow).decidedBy(),
                 std::optional(ReadinessLayer::BasicRetirement));
        QVERIFY(child<QLabel>(demo.window.get(), "readinessBanner")
                    ->text()
                    .contains(QStringLiteral("off by default since")));
        demo.session->setReadinessDate(QDate(2026, 12, 7));

        // Security defaults, turned on in the demo tenant: the banner says it, and they decide for mailboxes
        // whose own switch and policy let Basic through.
        demo.session->demoTenant()->server()->setSecurityDefaults(true);
        QSignalSpy read(demo.session.get(), &ConsoleSession::directoryRead);
        demo.session->refreshDirectory();
        QVERIFY(read.wait(30000));
        QVERIFY2(child<QLabel>(demo.window.get(), "readinessBanner")
                     ->text()
                     .contains(QStringLiteral("Security defaults are on")),
                 qPrintable(child<QLabel>(demo.window.get(), "readinessBanner")->text()));
        const int row = rowDecidedBy(demo.mailboxes, ReadinessLayer::SecurityDefaults);
        QVERIFY2(row >= 0, "security defaults decide for some demo mailbox");
        select(demo, row);
        QVERIFY(verdictText(demo, 1).contains(displayText(ReadinessLayer::SecurityDefaults)));
    }

    void filtersFollowTheColumns()
    {
        Demo demo;
        QVERIFY(startDemo(demo));
        const VerdictCounts counts = demo.mailboxes.basicNowCounts();
        QComboBox *basicNow = child<QComboBox>(demo.window.get(), "basicNowFilter");
        basicNow->setCurrentIndex(basicNow->findData(QVariant::fromValue(Verdict::Blocked)));
        QCOMPARE(child<MailboxFilterModel>(demo.window.get(), "mailboxFilterModel")->rowCount(),
                 counts.blocked);
        basicNow->setCurrentIndex(basicNow->findData(QVariant::fromValue(Verdict::Allowed)));
        QCOMPARE(child<MailboxFilterModel>(demo.window.get(), "mailboxFilterModel")->rowCount(),
                 counts.allowed);
        basicNow->setCurrentIndex(0);
        QComboBox *decidedBy = child<QComboBox>(demo.window.get(), "decidedByFilter");
        decidedBy->setCurrentIndex(
            decidedBy->findData(QVariant::fromValue(ReadinessLayer::ConditionalAccess)));
        QAbstractItemModel *view = child<QTableView>(demo.window.get(), "mailboxTable")->model();
        QVERIFY(view->rowCount() > 0);
        for (int row = 0; row < view->rowCount(); ++row) {
            QCOMPARE(view->index(row, 0).data(MailboxTableModel::DecidedByRole).value<ReadinessLayer>(),
                     ReadinessLayer::ConditionalAccess);
        }
    }

    void missingConsentIsOfferedOnceAndGiven()
    {
        Demo demo;
        QVERIFY(startDemo(demo));
        EmulatorServer *server = demo.session->demoTenant()->server();
        server->setGraphConsentGranted(false);
        server->expireAccessTokens(); // the Graph token already held would otherwise serve until it expires
        QSignalSpy needed(demo.session.get(), &ConsoleSession::graphConsentNeeded);
        QSignalSpy read(demo.session.get(), &ConsoleSession::directoryRead);
        demo.session->refreshDirectory();
        QVERIFY(read.wait(30000));
        QCOMPARE(needed.count(), 1);
        QVERIFY(demo.session->graphConsentMissing());
        auto *prompt = demo.window->findChild<GraphConsentPrompt *>();
        QVERIFY2(prompt, "the window offers the consent");
        QVERIFY(prompt->text().contains(QStringLiteral("Policy.Read.All")));
        QVERIFY(
            !child<QPushButton>(child<WhyPanel>(demo.window.get(), "whyPanel"), "consentButton")->isHidden());
        QVERIFY(child<QLabel>(demo.window.get(), "readinessBanner")
                    ->text()
                    .contains(QStringLiteral("AADSTS65001")));
        // Reading again does not ask again in the same session.
        demo.session->refreshDirectory();
        QVERIFY(read.wait(30000));
        QCOMPARE(needed.count(), 1);

        QSignalSpy finished(demo.session.get(), &ConsoleSession::graphConsentFinished);
        prompt->allowButton()->click();
        QVERIFY(finished.wait(30000));
        QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(finished.at(0).at(1).toString()));
        QTRY_VERIFY_WITH_TIMEOUT(!demo.session->isReadingDirectory() && !demo.session->graphConsentMissing(),
                                 30000);
        QVERIFY2(demo.session->directoryProblems().isEmpty(),
                 qPrintable(demo.session->directoryProblems().join(QLatin1Char('\n'))));
        QVERIFY(
            child<QPushButton>(child<WhyPanel>(demo.window.get(), "whyPanel"), "consentButton")->isHidden());
    }

    void aHelpdeskAccountSeesWhatItCannotRead()
    {
        Demo demo;
        QVERIFY(startDemo(demo, QStringLiteral("helpdesk")));
        // Read-only in Exchange and without a Security or Global Reader role: Conditional Access is unknown
        // with the role named; the panel still explains the rest, and offers no edit.
        const QStringList problems = demo.session->directoryProblems();
        QVERIFY(!problems.isEmpty());
        QVERIFY2(problems.join(QLatin1Char(' ')).contains(QStringLiteral("Global Reader")),
                 qPrintable(problems.join(QLatin1Char('\n'))));
        select(demo, 0);
        const QString effect = layerLabel(child<WhyPanel>(demo.window.get(), "whyPanel"), "effect",
                                          ReadinessLayer::ConditionalAccess)
                                   ->text();
        QCOMPARE(effect, displayText(LayerEffect::Unknown));
        QVERIFY(!child<QAction>(demo.window.get(), "enableAction")->isVisible());
        QVERIFY(child<QPushButton>(child<WhyPanel>(demo.window.get(), "whyPanel"), "consentButton")
                    ->isHidden()); // consent would not help: the role is missing
    }
};

QTEST_MAIN(TestWhyPanel)
#include "test_whypanel.moc"
