#pragma once

#include "mailboxstore.h"
#include "smtpauthpolicy.h"

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

// Prints one compact JSON document on stdout (the harness reads exactly one line).
void printResult(const QJsonObject &result);

} // namespace smtpauth::bench
