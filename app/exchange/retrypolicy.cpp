// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "exchange/retrypolicy.h"

#include <QLocale>
#include <QRandomGenerator>
#include <algorithm>

namespace smtpauth {

using std::chrono::milliseconds;

bool RetryPolicy::shouldRetry(const ExchangeError &error, int retriesSoFar, bool idempotent) const
{
    if (retriesSoFar >= maxRetries || !error.isRetryable())
        return false;
    switch (error.category()) {
    case ExchangeError::Category::Network:
    case ExchangeError::Category::Timeout:
        // The request may have reached the server; only repeat what is harmless to repeat.
        return idempotent;
    case ExchangeError::Category::None:
    case ExchangeError::Category::Unauthorized:
    case ExchangeError::Category::Forbidden:
    case ExchangeError::Category::NotFound:
    case ExchangeError::Category::BadRequest:
    case ExchangeError::Category::Throttled:
    case ExchangeError::Category::ServerUnavailable:
    case ExchangeError::Category::PaginationExpired:
    case ExchangeError::Category::Protocol:
    case ExchangeError::Category::InsecureTransport:
    case ExchangeError::Category::Cancelled:
        // isRetryable() above already decided which of these may be repeated at all.
        return true;
    }
    return true;
}

milliseconds RetryPolicy::exponentialStep(int retriesSoFar) const
{
    const qint64 base = std::max<qint64>(0, backoffBase.count());
    const qint64 cap = std::max<qint64>(0, backoffCap.count());
    qint64 step = base;
    for (int i = 0; i < retriesSoFar && step < cap; ++i)
        step *= 2;
    return milliseconds(std::min(step, cap));
}

milliseconds RetryPolicy::delayBeforeRetry(int retriesSoFar, const QByteArray &retryAfterHeader,
                                           const QDateTime &nowUtc) const
{
    if (const auto serverSays = parseRetryAfter(retryAfterHeader, nowUtc))
        return std::min(*serverSays, retryAfterCap);

    const double random = jitter ? jitter() : QRandomGenerator::global()->generateDouble();
    // Spread clients that failed together, so they do not come back together.
    const double factor = 0.75 + 0.5 * std::clamp(random, 0.0, 1.0);
    const auto jittered = milliseconds(qint64(double(exponentialStep(retriesSoFar).count()) * factor));
    return std::min(jittered, backoffCap);
}

std::optional<milliseconds> RetryPolicy::parseRetryAfter(const QByteArray &header, const QDateTime &nowUtc)
{
    const QByteArray value = header.trimmed();
    if (value.isEmpty())
        return std::nullopt;

    bool isNumber = false;
    const qlonglong seconds = value.toLongLong(&isNumber);
    if (isNumber) {
        if (seconds < 0)
            return std::nullopt;
        // Clamp before multiplying so absurd values cannot overflow.
        return milliseconds(std::min<qlonglong>(seconds, 24 * 3600) * 1000);
    }

    // IMF-fixdate is what servers send; the obsolete RFC 850 and asctime forms are not worth the code.
    const QString text = QString::fromLatin1(value);
    QDateTime when = QLocale::c().toDateTime(text, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid())
        return std::nullopt;
    when = QDateTime(when.date(), when.time(), Qt::UTC);
    return milliseconds(std::max<qint64>(0, nowUtc.msecsTo(when)));
}

RetryPolicy RetryPolicy::fromOptions(const ClientOptions &options)
{
    RetryPolicy policy;
    policy.maxRetries = std::max(0, options.maxRetries);
    policy.backoffBase = options.backoffBase;
    policy.backoffCap = options.backoffCap;
    policy.retryAfterCap = options.retryAfterCap;
    policy.jitter = options.jitter;
    return policy;
}

} // namespace smtpauth
