// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// P10: snapshots and drift at tenant scale. Times TenantDiff::between over two states of the synthetic
// tenant with 1 % of the mailboxes changed, then keeps a snapshot history the way a profile does over
// `--days` daily loads with 1 % daily churn and a 90-day retention, and reports its size on disk, the time
// of each append and the time to read the newest snapshot back.
//
//   bench_snapshots --mailboxes 100000 [--days 100] [--churn 0.01] [--diffs 30]
#include "benchsupport.h"
#include "models/snapshothistory.h"
#include "models/tenantdiff.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>

using namespace smtpauth;
using namespace smtpauth::bench;

namespace {

// A day of churn: `share` of the mailboxes get another override, and a few come, go or are renamed.
TenantState churned(const TenantState &from, double share, QRandomGenerator &random, quint32 *nextNumber)
{
    TenantState next = from;
    const int changes = qMax(1, int(double(from.mailboxes.size()) * share));
    for (int k = 0; k < changes; ++k) {
        TenantState::Mailbox &m = next.mailboxes[random.bounded(int(next.mailboxes.size()))];
        m.value = Override((int(m.value) + 1 + int(random.bounded(2))) % 3);
    }
    for (int k = 0; k < changes / 20; ++k)
        next.mailboxes[random.bounded(int(next.mailboxes.size()))].displayName +=
            QStringLiteral(" (new name)");
    for (int k = 0; k < changes / 20 && next.mailboxes.size() > 1; ++k)
        next.mailboxes.removeAt(random.bounded(int(next.mailboxes.size())));
    for (int k = 0; k < changes / 20; ++k) {
        const quint32 n = (*nextNumber)++;
        next.mailboxes.append({QUuid(n, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10), Override::Inherit,
                               QStringLiteral("joiner%1@contoso.onmicrosoft.com").arg(n),
                               QStringLiteral("Joiner %1").arg(n)});
    }
    std::sort(next.mailboxes.begin(), next.mailboxes.end(),
              [](const auto &a, const auto &b) { return a.guid < b.guid; });
    return next;
}

qint64 bytesOnDisk(const QString &directory)
{
    qint64 total = 0;
    for (const QFileInfo &file : QDir(directory).entryInfoList(QDir::Files))
        total += file.size();
    return total;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    const int mailboxes = intArgument(arguments, QStringLiteral("--mailboxes"), 100000);
    const int days = intArgument(arguments, QStringLiteral("--days"), 100);
    const int diffs = intArgument(arguments, QStringLiteral("--diffs"), 30);
    const double churn = doubleArgument(arguments, QStringLiteral("--churn"), 0.01);
    constexpr int kRetentionDays = 90;

    QRandomGenerator random(20261207);
    quint32 nextNumber = 1;
    const TenantState first = TenantState::fromStore(syntheticTenant(mailboxes), OrgSetting::Disabled);

    // The diff: two states a day of churn apart, compared as Compare and `drift` do.
    const TenantState second = churned(first, churn, random, &nextNumber);
    QList<double> diffMs;
    int differences = 0;
    for (int k = 0; k < diffs; ++k) {
        QElapsedTimer timer;
        timer.start();
        const TenantDiff diff = TenantDiff::between(first, second);
        diffMs.append(double(timer.nsecsElapsed()) / 1e6);
        differences = int(diff.mailboxes().size());
    }

    // The history: one load a day, retention applied after each, as the profile does.
    QTemporaryDir directory;
    if (!directory.isValid()) {
        printResult(QJsonObject{{QStringLiteral("scenario"), QStringLiteral("P10")},
                                {QStringLiteral("error"), QStringLiteral("no temporary directory")}});
        return 1;
    }
    SnapshotHistory history(directory.filePath(QStringLiteral("snapshot-history.sqlite")));
    const QString tenantId = QStringLiteral("bench-tenant");
    const QDateTime start(QDate(2026, 9, 1), QTime(6, 0), Qt::UTC);
    QList<double> appendMs;
    TenantState state = first;
    qint64 newestId = 0;
    for (int d = 0; d < days; ++d) {
        if (d > 0)
            state = churned(state, churn, random, &nextNumber);
        const QDateTime taken = start.addDays(d);
        QElapsedTimer timer;
        timer.start();
        QString error;
        const auto info = history.append(tenantId, taken, state, &error);
        if (!info || history.removeOlderThan(tenantId, taken.addDays(-kRetentionDays), &error) < 0) {
            printResult(QJsonObject{{QStringLiteral("scenario"), QStringLiteral("P10")},
                                    {QStringLiteral("error"), error}});
            return 1;
        }
        appendMs.append(double(timer.nsecsElapsed()) / 1e6);
        newestId = info->id;
    }
    QElapsedTimer readTimer;
    readTimer.start();
    QString error;
    const std::optional<TenantState> newest = history.state(newestId, &error);
    const double readMs = double(readTimer.nsecsElapsed()) / 1e6;
    if (!newest || !(*newest == state)) {
        printResult(QJsonObject{
            {QStringLiteral("scenario"), QStringLiteral("P10")},
            {QStringLiteral("error"),
             error.isEmpty() ? QStringLiteral("the newest snapshot read back differently") : error}});
        return 1;
    }
    const int kept = int(history.list(tenantId).size());
    const qint64 bytes = bytesOnDisk(directory.path());

    printResult(QJsonObject{
        {QStringLiteral("scenario"), QStringLiteral("P10")},
        {QStringLiteral("mailboxes"), mailboxes},
        {QStringLiteral("days"), days},
        {QStringLiteral("churn"), churn},
        {QStringLiteral("differences"), differences},
        {QStringLiteral("diffMs"), summary(diffMs)},
        {QStringLiteral("appendMs"), summary(appendMs)},
        {QStringLiteral("readNewestMs"), readMs},
        {QStringLiteral("snapshotsKept"), kept},
        {QStringLiteral("historyMiB"), double(bytes) / (1024.0 * 1024.0)},
    });
    return 0;
}
