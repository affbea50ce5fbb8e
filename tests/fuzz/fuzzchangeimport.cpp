// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// Fuzzes ChangeImport::parse (the `smtpauth-cli apply FILE.csv` reader) with a resolver over a small
// MailboxStore. Input: the file bytes.
#include "fuzzinput.h"
#include "models/changeimport.h"
#include "models/mailboxstore.h"

using namespace smtpauth;

namespace {

const MailboxStore &smallTenant()
{
    static const MailboxStore store = [] {
        MailboxStore s;
        const char *const names[] = {"alice", "bob", "carol", "dave", "printer"};
        int index = 0;
        for (const char *name : names) {
            ++index;
            Mailbox m;
            m.guid = QUuid(
                QStringLiteral("00000000-0000-4000-8000-0000000000%1").arg(index, 2, 10, QLatin1Char('0')));
            m.externalDirectoryObjectId = QUuid(
                QStringLiteral("11111111-0000-4000-8000-0000000000%1").arg(index, 2, 10, QLatin1Char('0')));
            m.alias = QString::fromLatin1(name);
            m.displayName = m.alias.toUpper();
            m.primarySmtpAddress = m.alias + QStringLiteral("@contoso.com");
            m.smtpAuthOverride = index % 2 ? Override::Inherit : Override::Enabled;
            s.upsert(m);
        }
        return s;
    }();
    return store;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const MailboxResolver resolver = ChangeImport::resolverOver(smallTenant());
    // Small limits so the fuzzer reaches the "too many rows / problems" paths with small inputs.
    ChangeImportLimits limits;
    limits.maxFileBytes = 64 * 1024;
    limits.maxRows = 50;
    limits.maxListedProblems = 20;

    const QByteArray file(reinterpret_cast<const char *>(data), qsizetype(size));
    const ChangeImportResult result = ChangeImport::parse(file, resolver, limits);

    // A file is applied whole or not at all.
    if (!result.problems.isEmpty())
        fuzz::require(result.changes.isEmpty(), "changes returned alongside problems");
    fuzz::require(result.changes.size() <= limits.maxRows, "more changes than maxRows");
    fuzz::require(result.problems.size() <= limits.maxListedProblems + 1, "problem list not capped");
    int previousLine = 0;
    for (const ImportedChange &change : result.changes) {
        fuzz::require(change.line > previousLine, "change lines not increasing");
        previousLine = change.line;
        fuzz::require(!change.mailbox.guid.isNull(), "change without a resolved Guid");
        fuzz::require(smallTenant().rowOfGuid(change.mailbox.guid) >= 0,
                      "change for a mailbox not in the store");
    }
    for (const ImportProblem &problem : result.problems) {
        fuzz::require(problem.line >= 0, "negative problem line");
        fuzz::require(!problem.describe().isEmpty(), "problem without a message");
    }
    return 0;
}
