// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/mailboxstore.h"
#include "models/smtpauthpolicy.h"

#include <QAbstractItemModel>
#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <functional>

// Helpers every benchmark executable shares: command-line values, resident memory, statistics,
// a deterministic tenant built in-process, and the one JSON line a benchmark prints.
namespace smtpauth::bench {

// "--name value" from the command line, or `fallback`.
QString argumentValue(const QStringList &arguments, const QString &name, const QString &fallback = QString());
int intArgument(const QStringList &arguments, const QString &name, int fallback);
double doubleArgument(const QStringList &arguments, const QString &name, double fallback);

// The emulator the benchmarks start: $SMTPAUTH_EMULATOR, else the one this build produced.
void useBuiltEmulatorUnlessOverridden();

// VmRSS of this process in bytes (from /proc/self/status); -1 when unreadable.
qint64 residentBytes();
// Gives freed heap pages back to the system, to separate retained memory from allocator slack.
void releaseFreeHeap();

double median(QList<double> values);
// Nearest-rank percentile, p in [0,100].
double percentile(QList<double> values, double p);
QJsonObject summary(const QList<double> &values); // {count, median, p99, max, min}

// The same synthetic tenant the emulator serves for this seed and size (the emulator's own generator).
MailboxStore syntheticTenant(int mailboxes, quint64 seed = 1, OrgSetting org = OrgSetting::Disabled);

// Runs the event loop until `done` returns true or `timeoutMs` passes; false on timeout.
// (A benchmark harness, not product code: a local loop is the simplest way to wait here.)
bool waitUntil(const std::function<bool()> &done, int timeoutMs);

// The @odata.nextLink of a page as a floor loop follows it: found by its key, no parse (the floors only
// fetch, and the pages they fetch are the emulator's own, link last).
QByteArray nextLinkIn(const QByteArray &page);

// --- Typing into a big table's search box (P3, P9)

// What a QTableView does after its model changed: the row count, then the data of the first screenful.
int touchLikeAView(const QAbstractItemModel &model);
// One step (a search text, a filter) and the view's work after it, in ms; with `verbose` also on stderr.
double timedViewStep(const QAbstractItemModel &model, const std::function<void()> &step, const QString &what,
                     bool verbose);
// `count` names of rows spread evenly over `rows`, cut to 12 letters (a person stops once it is found).
QStringList wordsSpreadOver(int rows, int count, const std::function<QString(int row)> &nameOfRow);
struct TypingTimes
{
    QList<double> keystrokes;
    QList<double> clears;
};
// Types each word letter by letter through `setSearch` and clears the box after it, as a person does.
void typeAndClear(const QAbstractItemModel &model, const QStringList &words,
                  const std::function<void(const QString &)> &setSearch, bool verbose, TypingTimes *times);

// Prints one compact JSON document on stdout (the harness reads exactly one line).
void printResult(const QJsonObject &result);

} // namespace smtpauth::bench
