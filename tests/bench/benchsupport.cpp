// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "benchsupport.h"

#include "emulator/emulatortenant.h"
#include "models/mailbox.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QTimer>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <malloc.h>

namespace smtpauth::bench {

QString argumentValue(const QStringList &arguments, const QString &name, const QString &fallback)
{
    const qsizetype at = arguments.indexOf(name);
    if (at < 0 || at + 1 >= arguments.size())
        return fallback;
    return arguments.at(at + 1);
}

int intArgument(const QStringList &arguments, const QString &name, int fallback)
{
    bool ok = false;
    const int value = argumentValue(arguments, name).toInt(&ok);
    return ok ? value : fallback;
}

double doubleArgument(const QStringList &arguments, const QString &name, double fallback)
{
    bool ok = false;
    const double value = argumentValue(arguments, name).toDouble(&ok);
    return ok ? value : fallback;
}

void useBuiltEmulatorUnlessOverridden()
{
    if (qEnvironmentVariableIsEmpty("SMTPAUTH_EMULATOR"))
        qputenv("SMTPAUTH_EMULATOR", QByteArrayLiteral(SMTPAUTH_BUILT_EMULATOR));
}

qint64 residentBytes()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (!line.startsWith("VmRSS:"))
            continue;
        const QList<QByteArray> parts = line.simplified().split(' ');
        if (parts.size() >= 2)
            return parts.at(1).toLongLong() * 1024; // the kernel reports kB
    }
    return -1;
}

void releaseFreeHeap()
{
    malloc_trim(0);
}

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const double rank = std::ceil(p / 100.0 * double(values.size()));
    const qsizetype index = std::clamp<qsizetype>(qsizetype(rank) - 1, 0, values.size() - 1);
    return values.at(index);
}

double median(QList<double> values)
{
    if (values.isEmpty())
        return 0.0;
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    return n % 2 ? values.at(n / 2) : (values.at(n / 2 - 1) + values.at(n / 2)) / 2.0;
}

QJsonObject summary(const QList<double> &values)
{
    return QJsonObject{
        {QStringLiteral("count"), values.size()},
        {QStringLiteral("median"), median(values)},
        {QStringLiteral("p99"), percentile(values, 99.0)},
        {QStringLiteral("min"), values.isEmpty() ? 0.0 : *std::min_element(values.begin(), values.end())},
        {QStringLiteral("max"), values.isEmpty() ? 0.0 : *std::max_element(values.begin(), values.end())},
    };
}

MailboxStore syntheticTenant(int mailboxes, quint64 seed, OrgSetting org)
{
    EmulatorTenant tenant;
    tenant.seed(seed, QStringLiteral("contoso.onmicrosoft.com"), mailboxes, 0.1, org);
    MailboxStore store;
    store.reserve(mailboxes);
    for (const EmulatorMailbox &source : tenant.mailboxes()) {
        Mailbox mailbox;
        mailbox.guid = source.guid;
        mailbox.externalDirectoryObjectId = source.externalDirectoryObjectId;
        mailbox.displayName = source.displayName;
        mailbox.primarySmtpAddress = source.primarySmtpAddress;
        mailbox.alias = source.name;
        mailbox.smtpAuthOverride = source.smtpClientAuthentication;
        store.upsert(mailbox);
    }
    return store;
}

bool waitUntil(const std::function<bool()> &done, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    // Blocks in the event loop between events (no polling, which would steal a core from the emulator);
    // the timer only makes sure the loop wakes up at the deadline.
    QTimer wake;
    wake.setSingleShot(true);
    wake.start(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    return true;
}

void printResult(const QJsonObject &result)
{
    const QByteArray line = QJsonDocument(result).toJson(QJsonDocument::Compact);
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

QByteArray nextLinkIn(const QByteArray &page)
{
    static const QByteArray kKey = "\"@odata.nextLink\":\"";
    const qsizetype at = page.lastIndexOf(kKey);
    if (at < 0)
        return {};
    const qsizetype start = at + kKey.size();
    QByteArray link = page.mid(start, page.indexOf('"', start) - start);
    link.replace("\\/", "/");
    return link;
}

int touchLikeAView(const QAbstractItemModel &model)
{
    constexpr int kVisibleRows = 40; // what a window of the usual height paints
    const int rows = model.rowCount();
    for (int row = 0; row < qMin(rows, kVisibleRows); ++row) {
        for (int column = 0; column < model.columnCount(); ++column)
            (void)model.index(row, column).data();
    }
    return rows;
}

double timedViewStep(const QAbstractItemModel &model, const std::function<void()> &step, const QString &what,
                     bool verbose)
{
    QElapsedTimer clock;
    clock.start();
    step();
    const int rows = touchLikeAView(model);
    const double ms = double(clock.nsecsElapsed()) / 1e6;
    if (verbose)
        std::fprintf(stderr, "%9.3f ms  %7d rows  %s\n", ms, rows, qUtf8Printable(what));
    return ms;
}

QStringList wordsSpreadOver(int rows, int count, const std::function<QString(int row)> &nameOfRow)
{
    QStringList words;
    for (int i = 0; i < count; ++i) {
        const int row = int((qint64(rows) * (2 * i + 1)) / (2 * count));
        words.append(nameOfRow(qMin(row, rows - 1)).left(12));
    }
    return words;
}

void typeAndClear(const QAbstractItemModel &model, const QStringList &words,
                  const std::function<void(const QString &)> &setSearch, bool verbose, TypingTimes *times)
{
    for (const QString &word : words) {
        for (qsizetype length = 1; length <= word.size(); ++length) {
            const QString typed = word.left(length);
            times->keystrokes.append(timedViewStep(
                model, [&] { setSearch(typed); }, typed, verbose));
        }
        times->clears.append(timedViewStep(
            model, [&] { setSearch(QString()); }, QStringLiteral("(clear)"), verbose));
    }
}

} // namespace smtpauth::bench
