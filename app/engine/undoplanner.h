// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "engine/stagedchange.h"

#include <QList>
#include <QString>

namespace smtpauth {

class ChangeJournal;

// Turns "undo C12" or "undo B3" into the changes that restore the recorded before values. Only changes
// the server confirmed (`applied`) are undone; the undo expects to find the recorded after value, so a
// target someone changed since becomes a conflict instead of being overwritten silently.
class UndoPlanner
{
public:
    struct Plan
    {
        bool ok = false;
        QString error; // why there is nothing to undo
        qint64 undoOfBatch = 0;
        qint64 undoOfChange = 0;
        QList<StagedChange> changes;
        QStringList skipped; // changes of the batch that are not undoable, and why
    };

    static Plan plan(const ChangeJournal &journal, const QString &label);
};

} // namespace smtpauth
