// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// P3: search and filter on the real models at tenant scale. Types realistic names letter by letter into
// MailboxFilterModel::setSearchText (then clears the box, as a person does) and toggles each filter,
// timing each step including what a view does right after: ask the row count and read the visible rows.
//
//   bench_search --mailboxes 100000 [--names 6] [--verbose]
#include "benchsupport.h"
#include "models/mailboxfiltermodel.h"
#include "models/mailboxtablemodel.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <cstdio>

using namespace smtpauth;
using namespace smtpauth::bench;

namespace {

bool g_verbose = false; // --verbose: every step on stderr, to find the slow one

double timed(const MailboxFilterModel &filter, const std::function<void()> &step,
             const QString &what = QString())
{
    return timedViewStep(filter, step, what, g_verbose);
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
    const QStringList words =
        wordsSpreadOver(mailboxes, names, [&](int row) { return model.store().displayName(row).toString(); });
    TypingTimes typing;
    typeAndClear(
        filter, words, [&](const QString &text) { filter.setSearchText(text); }, g_verbose, &typing);
    const QList<double> &keystrokes = typing.keystrokes;
    const QList<double> &clears = typing.clears;

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
