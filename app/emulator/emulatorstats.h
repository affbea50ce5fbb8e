// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

namespace smtpauth {

// What the emulator has seen, so tests can prove client behaviour (retries reuse client-request-id,
// the client never exceeds N requests in flight, ...).
struct EmulatorStats
{
    int apiRequests = 0;             // InvokeCommand + $batch HTTP requests, faulted ones included
    QMap<QString, int> cmdletCounts; // per cmdlet name, batch sub-requests included
    int maxInFlight = 0;
    int throttledByConcurrency = 0;
    QStringList clientRequestIds;        // one entry per API request, in arrival order ("" when absent)
    int graphRequests = 0;               // Microsoft Graph requests (/v1.0/, /beta/), faulted ones included
    QMap<QString, int> graphRouteCounts; // per route name (securityDefaults, conditionalAccessPolicies, ...)
    QStringList graphClientRequestIds;   // one entry per Graph request, in arrival order
};

} // namespace smtpauth
