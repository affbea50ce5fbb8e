// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/cutoffcalendar.h"

#include "models/readinessvocabulary.h"

namespace smtpauth {

CutoffCalendar::CutoffCalendar()
    : CutoffCalendar(basicRetirementCutoff(), [] { return QDateTime::currentDateTimeUtc(); })
{
}

CutoffCalendar::CutoffCalendar(QDate cutoff, Clock clock)
    : m_cutoff(cutoff.isValid() ? cutoff : basicRetirementCutoff()), m_clock(std::move(clock))
{
}

QDate CutoffCalendar::todayUtc() const
{
    return m_clock().toUTC().date();
}

int CutoffCalendar::daysLeft() const
{
    return int(std::max<qint64>(0, todayUtc().daysTo(m_cutoff)));
}

} // namespace smtpauth
