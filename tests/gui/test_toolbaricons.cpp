// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// Every toolbar action carries its SVG icon, and the icon is drawn from the vector at the size asked
// for: at a device pixel ratio of 2 (a high-DPI screen) the pixmap has twice the pixels and is not an
// upscaled bitmap. Fails when the SVG icon engine (libqt6svg6's plugin) or the resource is missing.
#include "engine/consolesession.h"
#include "engine/profilelocation.h"
#include "models/mailboxtablemodel.h"
#include "ui/mainwindow.h"

#include <QAction>
#include <QImage>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>

using namespace smtpauth;

namespace {

// Pixels with any coverage: an icon that failed to load is fully transparent.
int paintedPixels(const QImage &image)
{
    int painted = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            painted += qAlpha(image.pixel(x, y)) > 0 ? 1 : 0;
    return painted;
}

// Pixels with partial coverage: anti-aliased edges, which only a vector drawn at the target size has
// along every edge; a 24 px bitmap scaled to 96 px shows blocks of equal alpha instead.
int distinctAlphaValues(const QImage &image)
{
    QSet<int> alphas;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            alphas.insert(qAlpha(image.pixel(x, y)));
    return int(alphas.size());
}

} // namespace

class TestToolbarIcons : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyToolbarActionHasASharpSvgIcon()
    {
        QTemporaryDir dataDir;
        QVERIFY(dataDir.isValid());
        MailboxTableModel mailboxes;
        ConsoleSession session(ProfileLocation::forProfile(QStringLiteral("icons"), dataDir.path()),
                               &mailboxes);
        MainWindow window(&session, &mailboxes);
        auto *toolbar = window.findChild<QToolBar *>(QStringLiteral("mainToolbar"));
        QVERIFY(toolbar);

        int checked = 0;
        for (QAction *action : toolbar->actions()) {
            if (action->isSeparator())
                continue;
            const QString name = action->objectName();
            QVERIFY2(!action->icon().isNull(), qPrintable(name));
            QVERIFY2(!action->text().isEmpty(),
                     qPrintable(name)); // the icon never replaces the accessible text

            const QPixmap normal = action->icon().pixmap(QSize(24, 24), 1.0);
            const QPixmap doubled = action->icon().pixmap(QSize(24, 24), 2.0);
            QCOMPARE(normal.size(), QSize(24, 24));
            QCOMPARE(doubled.size(), QSize(48, 48));
            QCOMPARE(doubled.devicePixelRatio(), 2.0);
            const QImage large = action->icon().pixmap(QSize(96, 96), 1.0).toImage();
            QVERIFY2(paintedPixels(large) > 96 * 96 / 20, qPrintable(name));
            QVERIFY2(distinctAlphaValues(large) > 16, qPrintable(name));
            ++checked;
        }
        QCOMPARE(checked, 7); // enable, disable, inherit, unstage, unstage all, review, refresh
    }
};

QTEST_MAIN(TestToolbarIcons)
#include "test_toolbaricons.moc"
