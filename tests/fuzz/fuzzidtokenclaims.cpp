// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// Fuzzes IdTokenClaims::fromJwt. Input: the compact JWT as received.
#include "auth/idtokenclaims.h"
#include "fuzzinput.h"

using namespace smtpauth;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::optional<IdTokenClaims> claims =
        IdTokenClaims::fromJwt(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!claims)
        return 0;
    const IdTokenClaims::Role role = claims->role();
    const QString name = IdTokenClaims::machineName(role);
    fuzz::require(!name.isEmpty(), "role without a machine name");
    const std::optional<IdTokenClaims::Role> roundTrip = IdTokenClaims::roleFromName(name);
    fuzz::require(roundTrip && *roundTrip == role, "role name does not round-trip");
    // Helpdesk and read-only accounts must never be offered edits.
    if (role == IdTokenClaims::Role::ReadOnly || role == IdTokenClaims::Role::Helpdesk)
        fuzz::require(!IdTokenClaims::canEditMailboxes(role), "read-only role may edit mailboxes");
    return 0;
}
