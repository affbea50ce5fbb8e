// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// smtpauth-journal-hammer: a test helper for test_cli_crash_e2e. Appends to a ChangeJournal as fast as it
// can, batch after batch (write-ahead intended rows, then sent, then applied, each its own transaction,
// as ChangeApplier does), and prints one line on stdout after every write that returned success:
//
//     B <batch id>                        the batch row is committed
//     I <batch id> <first id> <last id>   the intended changes are committed
//     S <first id> <last id>              their "sent" events are committed
//     A <first id> <last id>              their "applied" events are committed
//
// The test kills it with SIGKILL at seeded moments, i.e. almost always inside a transaction or its fsync,
// and then checks that every line printed before the kill is still in the journal. Usage:
//     smtpauth-journal-hammer JOURNAL_PATH [CHANGES_PER_BATCH] [MAX_BATCHES]
#include "models/changejournal.h"

#include <QCoreApplication>
#include <QUuid>
#include <cstdio>

using namespace smtpauth;

namespace {

// Unbuffered on purpose: a line must be out of this process before the next write starts, or a kill
// would lose the evidence of a commit that did happen (and the test would under-check).
void say(const QByteArray &line)
{
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

int fail(const QString &what)
{
    std::fprintf(stderr, "smtpauth-journal-hammer: %s\n", qPrintable(what));
    return 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2)
        return fail(
            QStringLiteral("usage: smtpauth-journal-hammer JOURNAL_PATH [CHANGES_PER_BATCH] [MAX_BATCHES]"));
    const int perBatch = args.size() > 2 ? qMax(1, args.at(2).toInt()) : 20;
    const int maxBatches = args.size() > 3 ? qMax(1, args.at(3).toInt()) : 100000;

    ChangeJournal journal;
    QString error;
    if (!journal.open(args.at(1), &error))
        return fail(QStringLiteral("cannot open the journal: ") + error);

    for (int round = 0; round < maxBatches; ++round) {
        BatchRecord batch;
        batch.operatorUpn = QStringLiteral("hammer@contoso.onmicrosoft.com");
        batch.tenantId = QStringLiteral("0dba0f03-0b9c-5630-a71a-eb8ab2091a31");
        batch.reason = QStringLiteral("journal hammer round %1").arg(round);
        const qint64 batchId = journal.beginBatch(batch, &error);
        if (batchId == 0)
            return fail(QStringLiteral("beginBatch: ") + error);
        say("B " + QByteArray::number(batchId));

        QList<ChangeRecord> changes;
        for (int i = 0; i < perBatch; ++i) {
            ChangeRecord change;
            change.targetGuid = QUuid::createUuid();
            change.targetAddress = QStringLiteral("user%1.%2@contoso.onmicrosoft.com").arg(round).arg(i);
            change.targetDisplayName = QStringLiteral("User %1 %2").arg(round).arg(i);
            change.before = QStringLiteral("inherit");
            change.after = i % 2 ? QStringLiteral("enabled") : QStringLiteral("disabled");
            changes.append(change);
        }
        const QList<qint64> ids = journal.addIntendedChanges(batchId, changes, &error);
        if (ids.size() != perBatch)
            return fail(QStringLiteral("addIntendedChanges: ") + error);
        const QByteArray range = QByteArray::number(ids.first()) + ' ' + QByteArray::number(ids.last());
        say("I " + QByteArray::number(batchId) + ' ' + range);

        for (const ChangeState state : {ChangeState::Sent, ChangeState::Applied}) {
            QList<ChangeOutcome> outcomes;
            for (const qint64 id : ids)
                outcomes.append({id, state, QString(), QUuid::createUuid().toString(QUuid::WithoutBraces)});
            if (!journal.recordOutcomes(outcomes, &error))
                return fail(QStringLiteral("recordOutcomes: ") + error);
            say((state == ChangeState::Sent ? "S " : "A ") + range);
        }
    }
    return 0;
}
