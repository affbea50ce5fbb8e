// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "exchange/clientoptions.h"
#include "exchange/exchangeerror.h"

#include <QByteArray>
#include <QDateTime>
#include <chrono>
#include <functional>
#include <optional>

namespace smtpauth {

// When and after how long a failed request is sent again (exchange-protocol.md §5: what the
// official module does). 401 is not decided here: the client refreshes the token once itself.
class RetryPolicy
{
public:
    using Jitter = std::function<double()>; // uniform in [0, 1)

    int maxRetries = 5;
    std::chrono::milliseconds backoffBase{2000};     // first retry after ~base, then base × 2^n
    std::chrono::milliseconds backoffCap{60000};     // no computed backoff longer than this
    std::chrono::milliseconds retryAfterCap{120000}; // a server's Retry-After is honoured up to this
    Jitter jitter;                                   // empty: QRandomGenerator::global()

    // The rules a client's options ask for (the Exchange and the Graph client share them).
    static RetryPolicy fromOptions(const ClientOptions &options);

    // Whether the failure `error` deserves retry number retriesSoFar + 1.
    // Dropped connections and timeouts only when the request is safe to send twice.
    bool shouldRetry(const ExchangeError &error, int retriesSoFar, bool idempotent) const;

    // The wait before retry number retriesSoFar + 1: Retry-After when the server sent one
    // (capped), else base × 2^retriesSoFar with ±25 % jitter, capped.
    std::chrono::milliseconds delayBeforeRetry(int retriesSoFar, const QByteArray &retryAfterHeader,
                                               const QDateTime &nowUtc) const;

    // Delta seconds ("120") or an IMF-fixdate ("Wed, 21 Oct 2015 07:28:00 GMT"); a date in the past is 0.
    static std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray &header,
                                                                    const QDateTime &nowUtc);

    // The uncapped-by-jitter exponential step: min(cap, base × 2^retriesSoFar).
    std::chrono::milliseconds exponentialStep(int retriesSoFar) const;
};

} // namespace smtpauth
