// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "engine/undoplanner.h"

#include "models/changejournal.h"

#include <QCoreApplication>
#include <optional>

namespace smtpauth {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("smtpauth::UndoPlanner",
                                       text); // lupdate's context for UndoPlanner::plan
}

// The journal's words parsed back to values; nullopt (with *error) for a row the journal should never
// have accepted.
std::optional<StagedChange> reverseOf(const ChangeRecord &change, QString *error)
{
    const auto before = changeValueFromName(change.targetKind, change.before, error);
    const auto after = changeValueFromName(change.targetKind, change.after, error);
    if (!before || !after)
        return std::nullopt;
    StagedChange staged;
    staged.targetKind = change.targetKind;
    staged.targetGuid = change.targetGuid;
    staged.targetAddress = change.targetAddress;
    staged.targetDisplayName = change.targetDisplayName;
    staged.expectedBefore = *after;
    staged.after = *before;
    return staged;
}
} // namespace

UndoPlanner::Plan UndoPlanner::plan(const ChangeJournal &journal, const QString &label)
{
    Plan plan;
    const auto parsed = parseLabel(label);
    if (!parsed) {
        plan.error = tr("'%1' is not a change or batch id (C12 or B3).").arg(label);
        return plan;
    }
    QList<ChangeRecord> candidates;
    if (parsed->kind == JournalLabelKind::Change) {
        const auto change = journal.change(parsed->id);
        if (!change) {
            plan.error = tr("There is no change %1 in the journal.").arg(label);
            return plan;
        }
        plan.undoOfChange = change->id;
        candidates.append(*change);
    } else {
        if (!journal.batch(parsed->id)) {
            plan.error = tr("There is no batch %1 in the journal.").arg(label);
            return plan;
        }
        plan.undoOfBatch = parsed->id;
        candidates = journal.changesOfBatch(parsed->id);
    }
    for (const ChangeRecord &change : std::as_const(candidates)) {
        if (change.state == ChangeState::Applied) {
            QString why;
            const auto reverse = reverseOf(change, &why);
            if (!reverse) {
                plan.error = tr("%1 cannot be undone: %2").arg(changeLabel(change.id), why);
                return plan;
            }
            plan.changes.append(*reverse);
        } else
            plan.skipped.append(
                tr("%1 (%2) was %3, nothing to undo")
                    .arg(changeLabel(change.id),
                         change.targetAddress.isEmpty() ? tr("organization") : change.targetAddress,
                         machineName(change.state)));
    }
    if (plan.changes.isEmpty()) {
        plan.error = tr("Nothing to undo in %1: no change of it was applied.").arg(label);
        return plan;
    }
    plan.ok = true;
    return plan;
}

} // namespace smtpauth
