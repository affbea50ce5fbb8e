// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/journalrecords.h"

#include <QDateTime>
#include <QString>
#include <optional>

namespace smtpauth {

// What `history` and the history view ask the journal for. Every criterion is optional; set ones combine
// with AND.
struct HistoryFilter
{
    QDateTime since;                    // inclusive, on the change's creation time; invalid = unbounded
    QDateTime until;                    // inclusive; invalid = unbounded
    QString mailbox;                    // exact primary address or Guid of the target, case-insensitive
    QString operatorUpn;                // exact, case-insensitive
    std::optional<ChangeState> outcome; // the change's current (latest) state
    int limit = 0; // 0 = all; otherwise the most recent `limit` entries (still oldest first)
};

} // namespace smtpauth
