// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// Fuzzes CasMailboxPageReader against the full parse. Input: a page body. Whatever the fast reader
// accepts must be a successful, warning-free page for InvokeCommandResponse + CasMailboxMapper and read
// exactly the same there (same mailboxes, refusals, object count and nextLink).
#include "engine/casmailboxmapper.h"
#include "engine/casmailboxpagereader.h"
#include "exchange/invokecommandresponse.h"
#include "fuzzinput.h"

using namespace smtpauth;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    const std::optional<CasMailboxPageReader::Page> fast = CasMailboxPageReader::read(body);
    if (!fast)
        return 0;
    const CmdletResult full =
        InvokeCommandResponse::parse(200, body, {}, InvokeCommandResponse::Annotations::Keep);
    fuzz::require(full.ok(), "fast reader accepted a page the full parse refuses");
    fuzz::require(full.warnings.isEmpty(), "fast reader accepted a page with warnings");
    fuzz::require(fast->nextLink == full.nextLink, "nextLink read differently");
    fuzz::require(fast->objectCount == full.objects.size(), "object count differs");
    qsizetype mailbox = 0;
    qsizetype problem = 0;
    for (const QJsonObject &object : full.objects) {
        QString why;
        if (const auto mapped = CasMailboxMapper::fromObject(object, &why)) {
            fuzz::require(mailbox < fast->mailboxes.size() && fast->mailboxes.at(mailbox) == *mapped,
                          "a mailbox read differently");
            ++mailbox;
        } else {
            fuzz::require(problem < fast->problems.size() && fast->problems.at(problem) == why,
                          "a refusal worded differently");
            ++problem;
        }
    }
    fuzz::require(mailbox == fast->mailboxes.size() && problem == fast->problems.size(), "extra entries");
    return 0;
}
