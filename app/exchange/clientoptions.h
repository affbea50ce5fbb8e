// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QString>
#include <chrono>
#include <functional>

namespace smtpauth {

// Tuning of InvokeCommandClient. The defaults follow exchange-protocol.md; tests shrink the delays.
struct ClientOptions
{
    // No published limit; Microsoft's concurrency throttle hits beyond a few per tenant.
    int maxInFlight = 3;
    // Whole-request deadline (the server itself gives up at 15 minutes).
    std::chrono::milliseconds requestTimeout{120000};
    int pageSize = 1000; // Prefer: odata.maxpagesize, 1..1000
    int maxRetries = 5;
    std::chrono::milliseconds backoffBase{2000};
    std::chrono::milliseconds backoffCap{60000};
    std::chrono::milliseconds retryAfterCap{120000};
    std::function<double()> jitter; // uniform [0,1); empty = QRandomGenerator::global()
    // How many times an enumeration starts over after "Expired or Invalid pagination request".
    int maxPaginationRestarts = 3;
    QString clientApplication = QStringLiteral("SmtpAuthConsole"); // X-ClientApplication
};

} // namespace smtpauth
