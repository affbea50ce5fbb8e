// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// The first screen as a new user sees it, in a 1400×900 window at device pixel ratio 1 and,
// as the ctest entry test_signinpage_2x, at 2 (QT_SCALE_FACTOR=2: the same screen in half the logical
// pixels): no label clipped, fields as wide as their example text, no Refresh before anyone is signed
// in, and a button that opens the demo tenant as --demo does.
#include "childlookup.h"
#include "engine/consolesession.h"
#include "engine/profilelocation.h"
#include "models/mailboxtablemodel.h"
#include "ui/mainwindow.h"
#include "ui/signinpage.h"

#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>

using namespace smtpauth;

class TestSignInPage : public QObject
{
    Q_OBJECT
private:
    static qreal expectedRatio()
    {
        bool ok = false;
        const qreal factor = qEnvironmentVariable("QT_SCALE_FACTOR").toDouble(&ok);
        return ok ? factor : 1.0;
    }

    static void showAtScreenSize(MainWindow &window)
    {
        // 1400×900 device pixels, whatever the scale.
        const qreal ratio = expectedRatio();
        window.resize(qRound(1400 / ratio), qRound(900 / ratio));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.devicePixelRatio(), ratio);
    }

private Q_SLOTS:
    void nothingOnTheFirstScreenIsClipped()
    {
        QTemporaryDir dataDir;
        MailboxTableModel mailboxes;
        ConsoleSession session(ProfileLocation::forProfile(QStringLiteral("first"), dataDir.path()),
                               &mailboxes);
        MainWindow window(&session, &mailboxes);
        session.start();
        showAtScreenSize(window);
        QVERIFY(window.isShowingSignIn());
        QApplication::processEvents();
        window.grab().save(QStringLiteral("signin-page-%1x.png").arg(expectedRatio()));

        auto *page = child<SignInPage>(&window, "signInPage");
        int checked = 0;
        for (QLabel *label : page->findChildren<QLabel *>()) {
            if (!label->isVisibleTo(&window) || label->text().isEmpty())
                continue;
            ++checked;
            const QString what = label->objectName() + QLatin1String(": ") + label->text().left(60);
            if (label->wordWrap()) {
                QVERIFY2(label->height() >= label->heightForWidth(label->width()),
                         qPrintable(what + QStringLiteral(" is %1 high, needs %2 at width %3")
                                               .arg(label->height())
                                               .arg(label->heightForWidth(label->width()))
                                               .arg(label->width())));
            } else {
                QVERIFY2(label->width() >= label->sizeHint().width() &&
                             label->height() >= label->sizeHint().height(),
                         qPrintable(what + QStringLiteral(" is %1×%2, needs %3×%4")
                                               .arg(label->width())
                                               .arg(label->height())
                                               .arg(label->sizeHint().width())
                                               .arg(label->sizeHint().height())));
            }
        }
        QVERIFY(checked >= 5); // the title, the explanation, the form's labels, the demo's words
        QVERIFY(child<QLabel>(page, "signInExplanation")->isVisibleTo(&window));

        for (QLineEdit *edit : page->findChildren<QLineEdit *>()) {
            if (!edit->isVisibleTo(&window) || edit->placeholderText().isEmpty())
                continue;
            QVERIFY2(edit->width() >= edit->fontMetrics().horizontalAdvance(edit->placeholderText()),
                     qPrintable(edit->objectName()));
        }

        // Nothing to refresh yet: the action is not shown, on the toolbar or anywhere.
        auto *refresh = child<QAction>(&window, "refreshAction");
        QVERIFY(!refresh->isVisible());
        QVERIFY(!child<QToolBar>(&window, "mainToolbar")->widgetForAction(refresh)->isVisible());
        QVERIFY(child<QPushButton>(page, "tryDemoButton")->isVisibleTo(&window));
    }

    void theDemoButtonOpensTheDemoTenant()
    {
        QTemporaryDir dataDir;
        MailboxTableModel mailboxes;
        ConsoleSession session(ProfileLocation::forProfile(QStringLiteral("first"), dataDir.path()),
                               &mailboxes);
        MainWindow window(&session, &mailboxes);
        session.start();
        showAtScreenSize(window);
        QVERIFY(window.isShowingSignIn());
        QSignalSpy finished(&session, &ConsoleSession::loadFinished);
        QTest::mouseClick(child<QPushButton>(&window, "tryDemoButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() == 1, 60000);
        QVERIFY(session.profile().isDemo());
        QVERIFY(!window.isShowingSignIn());
        QCOMPARE(mailboxes.rowCount(), 5000);
        QVERIFY(child<QLabel>(&window, "accountLabel")->text().contains(QStringLiteral("admin@")));
        QVERIFY(child<QAction>(&window, "refreshAction")->isVisible());
        window.grab().save(QStringLiteral("demo-loaded-%1x.png").arg(expectedRatio()));
    }
};

QTEST_MAIN(TestSignInPage)
#include "test_signinpage.moc"
