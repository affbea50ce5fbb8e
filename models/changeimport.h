// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/mailbox.h"
#include "models/smtpauthpolicy.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>
#include <functional>
#include <optional>

namespace smtpauth {

class MailboxStore;

// Finds the mailbox a CSV cell names (address, UPN, Guid or ExternalDirectoryObjectId); nullopt if none.
using MailboxResolver = std::function<std::optional<Mailbox>(const QString &identifier)>;

// One valid row of an import file: a staged change, not yet applied.
struct ImportedChange
{
    int line = 0;        // physical line the row starts on
    QString mailboxText; // as written in the file (trimmed)
    Mailbox mailbox;     // as resolved; writes use its Guid
    Override to = Override::Inherit;
    QString reason;
    QString ticket; // empty when the file has no ticket column or the cell is empty
};

struct ImportProblem
{
    int line = 0;    // 0 = the file as a whole (size, encoding, no rows)
    QString column;  // mailbox | to | reason | ticket, or empty when the problem is not about one cell
    QString message; // plain English, names the value and says how to fix it; no line prefix
    QString describe() const; // "line 7: ..." (just the message when line is 0)
};

struct ChangeImportResult
{
    // Empty whenever `problems` is not: a file is applied whole or not at all, so no caller can apply
    // the good half of a bad file by accident.
    QList<ImportedChange> changes;
    QList<ImportProblem> problems; // every problem of the file, in line order
    bool ok() const { return problems.isEmpty() && !changes.isEmpty(); }
    QStringList describeProblems() const;
};

struct ChangeImportLimits
{
    qint64 maxFileBytes = 50LL * 1024 * 1024;
    int maxRows = 1'000'000;
    // Past this the rest are counted, not listed: a wrong file (say, the mailbox export) would otherwise
    // bury the one useful message under a million identical ones.
    int maxListedProblems = 1000;
};

// Reads `smtpauth-cli apply FILE.csv` files (columns mailbox,to,reason[,ticket], any order, header
// required) and validates the whole file before anything can be applied.
class ChangeImport
{
    Q_DECLARE_TR_FUNCTIONS(ChangeImport)

public:
    static ChangeImportResult parse(const QByteArray &fileBytes, const MailboxResolver &resolver,
                                    const ChangeImportLimits &limits = ChangeImportLimits());

    // A resolver over a loaded tenant, indexed once so that a 1M-row file does not scan the store per row.
    // Same matching rules as MailboxStore::findByIdentifier. The store must outlive the resolver and must
    // not change while it is used.
    static MailboxResolver resolverOver(const MailboxStore &store);

    static QString headerExample(); // "mailbox,to,reason,ticket"
};

} // namespace smtpauth
