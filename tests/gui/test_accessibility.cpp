// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// Every control of the window has an accessible name: walks the widget tree of the signed-in
// window on the demo tenant and of the sign-in page, and asks each control's accessibility interface
// for its name, as a screen reader would (a button's text, a field's buddy label, or an explicit name).
#include "demowindow.h"
#include "engine/consolesession.h"
#include "engine/profilelocation.h"
#include "models/mailboxtablemodel.h"
#include "ui/mainwindow.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>

using namespace smtpauth;

class TestAccessibility : public QObject
{
    Q_OBJECT
private:
    static bool isControl(QWidget *widget)
    {
        return qobject_cast<QAbstractButton *>(widget) || qobject_cast<QLineEdit *>(widget) ||
               qobject_cast<QComboBox *>(widget) || qobject_cast<QAbstractItemView *>(widget) ||
               qobject_cast<QAbstractSpinBox *>(widget);
    }

    static QStringList unnamedControls(QWidget *root)
    {
        QStringList unnamed;
        for (QWidget *widget : root->findChildren<QWidget *>()) {
            if (!widget->isVisibleTo(root) || !isControl(widget))
                continue;
            // Parts of composite Qt widgets (a combo box's own line edit, a view's corner button, the
            // scroll bars' and the tab bar's buttons) are named by their owner.
            if (widget->objectName().startsWith(QLatin1String("qt_")) ||
                qobject_cast<QComboBox *>(widget->parentWidget()) ||
                qobject_cast<QTabBar *>(widget->parentWidget()) ||
                qobject_cast<QAbstractSpinBox *>(widget->parentWidget()) ||
                qobject_cast<QAbstractItemView *>(widget->parentWidget()))
                continue;
            QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(widget);
            const QString name = accessible ? accessible->text(QAccessible::Name).trimmed() : QString();
            if (name.isEmpty())
                unnamed.append(QStringLiteral("%1 '%2'").arg(
                    QString::fromLatin1(widget->metaObject()->className()), widget->objectName()));
        }
        return unnamed;
    }

private Q_SLOTS:
    void everyControlHasAName()
    {
        DemoWindow demo;
        QVERIFY(demo.dataDir.isValid());
        QVERIFY(demo.showAndLoad());
        MainWindow &window = demo.window;
        QStringList unnamed = unnamedControls(&window);
        auto *tabs = window.findChild<QTabWidget *>(QStringLiteral("tabs"));
        QVERIFY(tabs);
        for (int i = 1; i < tabs->count(); ++i) {
            tabs->setCurrentIndex(i);
            unnamed += unnamedControls(tabs->widget(i));
        }
        unnamed.removeDuplicates();
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral("\n"))));
    }

    void everyControlOfTheSignInPageHasAName()
    {
        QTemporaryDir dataDir;
        MailboxTableModel mailboxes;
        ConsoleSession session(ProfileLocation::forProfile(QStringLiteral("first"), dataDir.path()),
                               &mailboxes);
        MainWindow window(&session, &mailboxes);
        window.show();
        session.start();
        QVERIFY(window.isShowingSignIn());
        const QStringList unnamed = unnamedControls(&window);
        QVERIFY2(unnamed.isEmpty(), qPrintable(unnamed.join(QStringLiteral("\n"))));
    }
};

QTEST_MAIN(TestAccessibility)
#include "test_accessibility.moc"
