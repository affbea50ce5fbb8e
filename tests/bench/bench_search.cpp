// P3: search and filter on the real models at tenant scale. Types realistic names letter by letter into
// MailboxFilterModel::setSearchText (then clears the box, as a person does) and toggles each filter,
// timing each step including what a view does right after: ask the row count and read the visible rows.
//
//   bench_search --mailboxes 100000 [--names 6]
#include "benchsupport.h"

#include "mailboxfiltermodel.h"
#include "mailboxtablemodel.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>

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

template<typename Step>
double timed(const MailboxFilterModel &filter, Step step)
{
    QElapsedTimer clock;
    clock.start();
    step();
    touchLikeAView(filter);
    return double(clock.nsecsElapsed()) / 1e6;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    const int mailboxes = intArgument(arguments, QStringLiteral("--mailboxes"), 100000);
    const int names = qMax(1, intArgument(arguments, QStringLiteral("--names"), 6));

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
            keystrokes.append(timed(filter, [&] { filter.setSearchText(typed); }));
        }
        clears.append(timed(filter, [&] { filter.setSearchText(QString()); }));
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
        {QStringLiteral("words"), QJsonArray::fromStringList(words)},
        {QStringLiteral("keystrokeMs"), summary(keystrokes)},
        {QStringLiteral("clearMs"), summary(clears)},
        {QStringLiteral("toggleMs"), summary(toggles)},
        {QStringLiteral("allMs"), summary(all)},
    });
    return 0;
}
