// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QDate>
#include <QDateTime>
#include <functional>

namespace smtpauth {

// The cutoff and the days left to it. The date is a setting (a tenant may have been told another date,
// or may turn Basic off early) with Microsoft's date as the default; "today" comes from an injected
// clock so that tests and the headline agree on what day it is (UTC, readiness.md §4).
class CutoffCalendar
{
public:
    using Clock = std::function<QDateTime()>;

    CutoffCalendar();
    CutoffCalendar(QDate cutoff, Clock clock);

    QDate cutoff() const { return m_cutoff; }
    QDate todayUtc() const;
    // Whole days from today (UTC) to the cutoff; 0 on the day itself and after it.
    int daysLeft() const;
    bool isPast() const { return todayUtc() >= m_cutoff; }

private:
    QDate m_cutoff;
    Clock m_clock;
};

} // namespace smtpauth
