// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// The window at tenant scale, offscreen.
//
//   bench_window --mode stall --mailboxes 100000 [--latency-ms 0] [--whole-pages]
//       P6: the longest gap of a 1 ms timer on the UI thread while a tenant loads page by page through
//       the real client into the real MailboxTableModel shown by the real MainWindow (sorted view,
//       progress, counts), wired as ConsoleSession::refresh wires an empty window (MailboxPageFeeder), until
//       the complete list is cached as ConsoleSession::finishLoad caches it (SnapshotSaver).
//   bench_window --mode prepare-snapshot --mailboxes 100000 --snapshot FILE
//       Saves a complete tenant of that size with the real SnapshotStore (setup of P5, not timed).
//   bench_window --mode coldstart --snapshot FILE
//       P5: from process start to the first frame of the mailbox table with rows, reading the snapshot:
//       QApplication, SnapshotStore::load, MailboxTableModel::replaceAll, MainWindow, show, first paint.
#include "benchsupport.h"
#include "emulatorprocess.h"
#include "engine/consolesession.h"
#include "engine/mailboxpagefeeder.h"
#include "engine/profilelocation.h"
#include "engine/snapshotsaver.h"
#include "engine/tenantloader.h"
#include "exchange/invokecommandclient.h"
#include "models/mailboxtablemodel.h"
#include "models/snapshotstore.h"
#include "signedinclient.h"
#include "ui/mainwindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <unistd.h>

using namespace smtpauth;
using namespace smtpauth::bench;

namespace {

const QString kSnapshotTenant = QStringLiteral("00000000-0000-0000-0000-0000000be0c4");

// Milliseconds since the kernel started this process (10 ms resolution: clock ticks).
double processAgeMs()
{
    QFile stat(QStringLiteral("/proc/self/stat"));
    QFile uptime(QStringLiteral("/proc/uptime"));
    if (!stat.open(QIODevice::ReadOnly) || !uptime.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray statLine = stat.readAll();
    // Fields after the command name, which is in parentheses and may contain spaces.
    const QList<QByteArray> fields = statLine.mid(statLine.lastIndexOf(')') + 2).split(' ');
    const double startTicks = fields.value(19).toDouble(); // field 22 of the whole line
    const double uptimeSeconds = uptime.readAll().split(' ').value(0).toDouble();
    return uptimeSeconds * 1000.0 - startTicks * 1000.0 / double(sysconf(_SC_CLK_TCK));
}

// Reports when the table's viewport has finished painting a frame with rows in it.
class FirstRowsFrame : public QObject
{
public:
    FirstRowsFrame(QTableView *view, std::function<void()> onFrame)
        : m_view(view), m_onFrame(std::move(onFrame))
    {
        view->viewport()->installEventFilter(this);
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() != QEvent::Paint || m_seen || m_view->model()->rowCount() == 0)
            return false;
        watched->event(event); // paint first, then say it is on screen
        m_seen = true;
        m_onFrame();
        return true;
    }

private:
    QTableView *m_view;
    std::function<void()> m_onFrame;
    bool m_seen = false;
};

int prepareSnapshot(const QStringList &arguments)
{
    const int mailboxes = intArgument(arguments, QStringLiteral("--mailboxes"), 100000);
    const QString path = argumentValue(arguments, QStringLiteral("--snapshot"));
    QFile::remove(path);
    SnapshotStore store(path);
    QString error;
    const bool saved = store.save(syntheticTenant(mailboxes), OrgSetting::Disabled, kSnapshotTenant,
                                  QDateTime::currentDateTimeUtc(), &error);
    QJsonObject result{{QStringLiteral("scenario"), QStringLiteral("P5-prepare")},
                       {QStringLiteral("mailboxes"), mailboxes},
                       {QStringLiteral("bytes"), double(QFile(path).size())}};
    if (!saved)
        result.insert(QStringLiteral("error"), error);
    printResult(result);
    return saved ? 0 : 1;
}

int coldStart(const QElapsedTimer &sinceMain, const QStringList &arguments)
{
    const QString path = argumentValue(arguments, QStringLiteral("--snapshot"));
    QJsonObject result{{QStringLiteral("scenario"), QStringLiteral("P5")}};
    QTemporaryDir profileBase;
    MailboxTableModel model;
    ConsoleSession session(ProfileLocation::forProfile(QStringLiteral("bench"), profileBase.path()), &model);

    QElapsedTimer step;
    step.start();
    SnapshotStore store(path);
    QString error;
    std::optional<SnapshotStore::Snapshot> snapshot = store.load(kSnapshotTenant, &error);
    if (!snapshot) {
        result.insert(QStringLiteral("error"), QString(QStringLiteral("snapshot: ") + error));
        printResult(result);
        return 1;
    }
    const double loadMs = double(step.nsecsElapsed()) / 1e6;
    step.restart();
    const QDateTime saved = snapshot->savedUtc;
    model.replaceAll(std::move(snapshot->mailboxes), snapshot->org);
    const double replaceMs = double(step.nsecsElapsed()) / 1e6;
    step.restart();
    MainWindow window(&session, &model);
    window.resize(1280, 800);
    window.showSnapshot(saved);
    const double constructMs = double(step.nsecsElapsed()) / 1e6;
    step.restart();

    bool framed = false;
    double sinceMainMs = 0;
    double sinceStartMs = 0;
    FirstRowsFrame watcher(window.findChild<QTableView *>(QStringLiteral("mailboxTable")), [&] {
        sinceMainMs = double(sinceMain.nsecsElapsed()) / 1e6;
        sinceStartMs = processAgeMs();
        framed = true;
    });
    window.show();
    if (!waitUntil([&] { return framed; }, 120000)) {
        result.insert(QStringLiteral("error"), QStringLiteral("no frame with rows within 120 s"));
        printResult(result);
        return 1;
    }
    result.insert(QStringLiteral("mailboxes"), model.rowCount());
    result.insert(QStringLiteral("snapshotLoadMs"), loadMs);
    result.insert(QStringLiteral("replaceAllMs"), replaceMs);
    result.insert(QStringLiteral("windowConstructMs"), constructMs);
    result.insert(QStringLiteral("showToFrameMs"), double(step.nsecsElapsed()) / 1e6);
    result.insert(QStringLiteral("sinceMainMs"), sinceMainMs);
    result.insert(QStringLiteral("sinceProcessStartMs"), sinceStartMs);
    printResult(result);
    return 0;
}

int stall(const QStringList &arguments)
{
    const int mailboxes = intArgument(arguments, QStringLiteral("--mailboxes"), 100000);
    const int latencyMs = intArgument(arguments, QStringLiteral("--latency-ms"), 0);
    QJsonObject result{{QStringLiteral("scenario"), QStringLiteral("P6")},
                       {QStringLiteral("mailboxes"), mailboxes},
                       {QStringLiteral("latencyMs"), latencyMs}};
    auto fail = [&](const QString &why) {
        result.insert(QStringLiteral("error"), why);
        printResult(result);
        return 1;
    };
    test::EmulatorProcess emulator({QStringLiteral("--mailboxes"), QString::number(mailboxes),
                                    QStringLiteral("--latency-ms"), QString::number(latencyMs)});
    if (!emulator.start(std::chrono::minutes(3)))
        return fail(emulator.errorString());
    test::SignedInClient admin(emulator, emulator.userPrincipalName(QStringLiteral("admin")),
                               ClientOptions{});
    if (!admin.signIn(std::chrono::seconds(60)))
        return fail(admin.errorString());

    QTemporaryDir profileBase;
    MailboxTableModel model;
    // An inert session (never started): the window needs one; the load is driven below, the same way
    // ConsoleSession::refresh drives it into an empty window.
    ConsoleSession session(ProfileLocation::forProfile(QStringLiteral("bench"), profileBase.path()), &model);
    MainWindow window(&session, &model);
    window.resize(1280, 800);
    window.show();
    waitUntil([] { return false; }, 300); // let the first frames settle

    QElapsedTimer clock;
    clock.start();
    QList<double> gaps;
    qint64 last = clock.nsecsElapsed();
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(1);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        gaps.append(double(now - last) / 1e6);
        last = now;
    });
    ticker.start();

    auto *loader = new TenantLoader(admin.client());
    QObject::connect(loader, &TenantLoader::orgSettingLoaded, &model, &MailboxTableModel::setOrgSetting);
    // As ConsoleSession::refresh feeds an empty window: a slice of rows per turn of the event loop.
    // --whole-pages appends each page at once instead (the wiring before the feeder, for comparison).
    MailboxPageFeeder feeder(&model);
    if (arguments.contains(QStringLiteral("--whole-pages")))
        QObject::connect(loader, &TenantLoader::mailboxesReceived, &model,
                         &MailboxTableModel::appendMailboxes);
    else
        QObject::connect(loader, &TenantLoader::mailboxesReceived, &feeder, &MailboxPageFeeder::enqueue);
    QObject::connect(loader, &TenantLoader::progress, &window, &MainWindow::showLoadProgress);
    bool finished = false;
    QString loadError;
    // As ConsoleSession::finishLoad: the complete list is cached for the next start (SnapshotSaver: the
    // window's thread copies the store, a worker writes it); the stall is measured until it is written.
    SnapshotSaver snapshotSaver(profileBase.filePath(QStringLiteral("snapshot.sqlite")));
    bool snapshotWritten = false;
    QString snapshotError;
    QObject::connect(&snapshotSaver, &SnapshotSaver::saved, [&] { snapshotWritten = true; });
    QObject::connect(&snapshotSaver, &SnapshotSaver::failed, [&](const QString &error) {
        snapshotError = error;
        snapshotWritten = true;
    });
    auto finishWindow = [&] {
        snapshotSaver.save(model.store(), model.orgSetting(), QStringLiteral("bench"),
                           QDateTime::currentDateTimeUtc());
        window.showLoadFinished();
        finished = true;
    };
    QObject::connect(loader, &TenantLoader::finished, &window, [&] {
        if (feeder.isIdle())
            finishWindow();
        else
            QObject::connect(&feeder, &MailboxPageFeeder::drained, &window, finishWindow);
    });
    QObject::connect(loader, &TenantLoader::failed, &window, [&](const ExchangeError &error) {
        loadError = error.userMessage();
        finished = true;
    });
    const qint64 loadStart = clock.nsecsElapsed();
    window.showLoadStarted();
    loader->start();
    if (!waitUntil([&] { return finished; }, 30 * 60 * 1000))
        return fail(QStringLiteral("load timed out"));
    const double loadMs = double(clock.nsecsElapsed() - loadStart) / 1e6;
    if (loadError.isEmpty() && !waitUntil([&] { return snapshotWritten; }, 5 * 60 * 1000))
        return fail(QStringLiteral("the snapshot was not written"));
    const double snapshotWrittenMs = double(clock.nsecsElapsed() - loadStart) / 1e6 - loadMs;
    waitUntil([] { return false; }, 300); // the frames after the last page and the snapshot count too
    ticker.stop();
    if (!loadError.isEmpty())
        return fail(QStringLiteral("load failed: ") + loadError);
    if (!snapshotError.isEmpty())
        return fail(QStringLiteral("snapshot: ") + snapshotError);

    int over16 = 0;
    int over50 = 0;
    for (double gap : std::as_const(gaps)) {
        over16 += gap > 16.7 ? 1 : 0;
        over50 += gap > 50.0 ? 1 : 0;
    }
    result.insert(QStringLiteral("rows"), model.rowCount());
    result.insert(QStringLiteral("loadMs"), loadMs);
    result.insert(QStringLiteral("snapshotWriteMs"), snapshotWrittenMs);
    result.insert(QStringLiteral("gapMs"), summary(gaps));
    result.insert(QStringLiteral("longestStallMs"), summary(gaps).value(QStringLiteral("max")));
    result.insert(QStringLiteral("gapsOver16ms"), over16);
    result.insert(QStringLiteral("gapsOver50ms"), over50);
    delete loader;
    if (model.rowCount() != mailboxes)
        return fail(QStringLiteral("the window shows %1 rows of %2").arg(model.rowCount()).arg(mailboxes));
    printResult(result);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QElapsedTimer sinceMain;
    sinceMain.start();
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    useBuiltEmulatorUnlessOverridden();
    const QStringList arguments = app.arguments();
    const QString mode = argumentValue(arguments, QStringLiteral("--mode"), QStringLiteral("stall"));
    if (mode == QLatin1String("prepare-snapshot"))
        return prepareSnapshot(arguments);
    if (mode == QLatin1String("coldstart"))
        return coldStart(sinceMain, arguments);
    return stall(arguments);
}
