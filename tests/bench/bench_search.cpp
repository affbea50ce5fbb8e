// P3: search and filter on the real models at tenant scale. Types realistic names letter by letter into
// MailboxFilterModel::setSearchText (then clears the box, as a person does) and toggles each filter,
// timing each step including what a view does right after: ask the row count and read the visible rows.
//
//   bench_search --mailboxes 100000 [--names 6] [--verbose]
#include "benchsupport.h"

#include "mailboxfiltermodel.h"
#include "mailboxtablemodel.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>

#include <cstdio>

using namespace smtpauth;
using namespace smtpauth::bench;

namespace {

constexpr int kVisibleRows = 40; // what a window of the usual height paints

// The work a QTableView does after the proxy changed: the row count (forces the proxy's mapping) and
// the data of the first screenful.
int touchLikeAView(const MailboxFilterModel &filter)
{
    const int rows = filter.rowCount();
    for (int row = 0; row < qMin(rows, kVisibleRows); ++row) {
        for (int column = 0; column < filter.columnCount(); ++column)
            (void)filter.index(row, column).data();
    }
    return rows;
}

bool g_verbose = false; // --verbose: every step on stderr, to find the slow one

template<typename Step>
double timed(const MailboxFilterModel &filter, Step step, const QString &what = QString())
{
    QElapsedTimer clock;
    clock.start();
    step();
    const int rows = touchLikeAView(filter);
    const double ms = double(clock.nsecsElapsed()) / 1e6;
    if (g_verbose)
        std::fprintf(stderr, "%9.3f ms  %7d rows  %s\n", ms, rows, qUtf8Printable(what));
    return ms;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    const int mailboxes = intArgument(arguments, QStringLiteral("--mailboxes"), 100000);
    const int names = qMax(1, intArgument(arguments, QStringLiteral("--names"), 6));
    g_verbose = arguments.contains(QStringLiteral("--verbose"));

    QElapsedTimer setup;
    setup.start();
    MailboxTableModel model;
    model.replaceAll(syntheticTenant(mailboxes), OrgSetting::Disabled);
    MailboxFilterModel filter;
    filter.setMailboxModel(&model);
    // As the window shows it: sorted by display name.
    filter.sort(MailboxTableModel::DisplayNameColumn, Qt::AscendingOrder);
    touchLikeAView(filter);
    const double setupMs = double(setup.nsecsElapsed()) / 1e6;

    // Names of real rows spread over the tenant, typed up to 12 letters (a person stops once it is found).
    QStringList words;
    for (int i = 0; i < names; ++i) {
        const int row = int((qint64(mailboxes) * (2 * i + 1)) / (2 * names));
        words.append(model.store().displayName(qMin(row, mailboxes - 1)).left(12).toString());
    }

    QList<double> keystrokes;
    QList<double> clears;
    for (const QString &word : std::as_const(words)) {
        for (qsizetype length = 1; length <= word.size(); ++length) {
            const QString typed = word.left(length);
            keystrokes.append(timed(filter, [&] { filter.setSearchText(typed); }, typed));
        }
        clears.append(timed(filter, [&] { filter.setSearchText(QString()); }, QStringLiteral("(clear)")));
    }

    QList<double> toggles;
    for (int round = 0; round < 3; ++round) {
        for (EffectiveState state : {EffectiveState::Enabled, EffectiveState::Disabled}) {
            toggles.append(timed(filter, [&] { filter.setEffectiveFilter(state); }));
            toggles.append(timed(filter, [&] { filter.setEffectiveFilter(std::nullopt); }));
        }
        for (StateSource source : {StateSource::Org, StateSource::Mailbox}) {
            toggles.append(timed(filter, [&] { filter.setSourceFilter(source); }));
            toggles.append(timed(filter, [&] { filter.setSourceFilter(std::nullopt); }));
        }
        for (Override value : {Override::Enabled, Override::Disabled, Override::Inherit}) {
            toggles.append(timed(filter, [&] { filter.setOverrideFilter(value); }));
            toggles.append(timed(filter, [&] { filter.setOverrideFilter(std::nullopt); }));
        }
    }

    QList<double> all = keystrokes + clears + toggles;
    printResult(QJsonObject{
        {QStringLiteral("scenario"), QStringLiteral("P3")},
        {QStringLiteral("mailboxes"), mailboxes},
        {QStringLiteral("setupMs"), setupMs},
        // What the store itself holds (rows, text, search keys, Guid index), the bulk of P2.
        {QStringLiteral("storeBytesPerMailbox"), double(model.store().memoryUsage()) / qMax(1, mailboxes)},
        {QStringLiteral("words"), QJsonArray::fromStringList(words)},
        {QStringLiteral("keystrokeMs"), summary(keystrokes)},
        {QStringLiteral("clearMs"), summary(clears)},
        {QStringLiteral("toggleMs"), summary(toggles)},
        {QStringLiteral("allMs"), summary(all)},
    });
    return 0;
}
