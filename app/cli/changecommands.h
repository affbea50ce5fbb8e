// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "engine/changeapplier.h"
#include "engine/stagedchange.h"
#include "exchange/exchangeerror.h"

#include <QCommandLineParser>
#include <QObject>
#include <functional>
#include <memory>

namespace smtpauth {

class ChangeJournal;
class MailboxTableModel;
class SignedInSession;

// The commands of smtpauth-cli that change things or read the journal: set, apply, org set, undo,
// history, journal verify. Every change goes through ChangeApplier (write-ahead journal, live before
// values, re-read after); interrupted changes of earlier runs are reconciled first.
class ChangeCommands : public QObject
{
    Q_OBJECT
public:
    // finish(exitCode, message): message (may be empty) goes to stderr, then the process ends.
    using Finish = std::function<void(int exitCode, const QString &message)>;

    ChangeCommands(const QCommandLineParser &parser, const QStringList &arguments, SignedInSession *session,
                   ChangeJournal *journal, Finish finish, QObject *parent = nullptr);
    ~ChangeCommands() override;

    // Reconciles interrupted changes, then runs `command`.
    void run(const QString &command);

    // history and journal verify need no server.
    static void runHistory(const QCommandLineParser &parser, ChangeJournal *journal, const Finish &finish);
    static void runVerify(ChangeJournal *journal, const Finish &finish);

private:
    void runSet();
    void runApplyFile();
    void runOrgSet();
    void runUndo();

    void loadTenant(std::function<void()> next);
    void applyOrPlan(BatchRecord batch, const QList<StagedChange> &changes, bool force);
    void printPlan(const QList<StagedChange> &changes) const;
    void printReport(const ChangeApplier::Report &report) const;
    BatchRecord newBatch(BatchKind kind) const;
    QString option(const QString &name) const { return m_parser.value(name); }
    bool flag(const QString &name) const { return m_parser.isSet(name); }

    const QCommandLineParser &m_parser;
    QStringList m_arguments;
    SignedInSession *m_session;
    ChangeJournal *m_journal;
    Finish m_finish;
    MailboxTableModel *m_tenant = nullptr;
};

} // namespace smtpauth
