// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/journalrecords.h"

#include <QList>
#include <QObject>
#include <QPointer>

namespace smtpauth {

class ChangeJournal;
class InvokeCommandClient;
class TargetValueReader;

// Crash recovery (docs/architecture.md, "Crash recovery"): every change left `intended`, `sent` or
// `unknown` by a crash, a kill or a lost answer is settled by reading its target: `applied` when the
// server shows the after value, otherwise `failed`. Nothing is sent again without a person deciding.
// `unknown` includes writes the server acknowledged (200) whose read-back failed: ChangeApplier says so
// in the message, and the read here confirms them. `sent` also covers a change that was decided and
// journalled but was still waiting in ChangeApplier's write window (never sent) when the process died, or
// whose cancel was not recorded yet: the server does not show its after value, so it is settled `failed`.
class JournalReconciler : public QObject
{
    Q_OBJECT
public:
    JournalReconciler(InvokeCommandClient *client, ChangeJournal *journal, QObject *parent = nullptr);

    // Finishes at once (queued) when nothing is unsettled.
    void start();

    // After finished(): what was settled, as now recorded.
    const QList<ChangeRecord> &settled() const { return m_settled; }
    QString error() const { return m_error; }

Q_SIGNALS:
    void finished();

private:
    void onValuesRead();

    InvokeCommandClient *m_client;
    ChangeJournal *m_journal;
    QList<ChangeRecord> m_pending;
    QList<ChangeRecord> m_settled;
    QString m_error;
    QPointer<TargetValueReader> m_reader;
};

} // namespace smtpauth
