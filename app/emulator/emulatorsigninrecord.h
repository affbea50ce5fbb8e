// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QtGlobal>

namespace smtpauth {

// One generated entry of the sign-in log (graph-protocol.md §5), as raw facts; the Graph route turns
// it into JSON. Built on demand from the usage plan, never stored.
struct EmulatorSignInRecord
{
    qint64 sequence = 0;         // position in the log, 0 = newest
    int user = -1;               // usage user: a mailbox index, or mailboxCount + orphan index
    qint64 createdTicks = 0;     // 100 ns ticks since the Unix epoch, UTC
    int errorCode = 0;           // 0 = success, 50126 bad credentials, 53003 blocked by Conditional Access
    bool legacySmtpName = false; // clientAppUsed "SMTP" instead of "Authenticated SMTP"
    int ipIndex = 0;             // into the user's client addresses
};

} // namespace smtpauth
