// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "engine/mailboxpagefeeder.h"

#include "models/mailboxtablemodel.h"

#include <QElapsedTimer>
#include <QTimer>
#include <algorithm>

namespace smtpauth {

MailboxPageFeeder::MailboxPageFeeder(MailboxTableModel *model, QObject *parent)
    : QObject(parent), m_model(model)
{
}

void MailboxPageFeeder::enqueue(const QList<Mailbox> &page)
{
    if (page.isEmpty())
        return;
    m_pages.push_back(page);
    m_queuedRows += int(page.size());
    schedule();
}

void MailboxPageFeeder::discardQueued()
{
    m_pages.clear();
    m_offsetInFront = 0;
    m_queuedRows = 0;
}

void MailboxPageFeeder::schedule()
{
    if (m_scheduled)
        return;
    m_scheduled = true;
    // A posted call runs in the next turn of the event loop, after the paints and timers that are
    // already due: that turn boundary is what keeps the window responsive.
    QTimer::singleShot(0, this, &MailboxPageFeeder::appendNextSlice);
}

void MailboxPageFeeder::appendNextSlice()
{
    m_scheduled = false;
    if (m_pages.empty())
        return;
    if (!m_model) {
        discardQueued();
        return;
    }
    QList<Mailbox> &front = m_pages.front();
    const qsizetype take = std::min<qsizetype>(m_sliceRows, front.size() - m_offsetInFront);
    QElapsedTimer clock;
    clock.start();
    if (m_offsetInFront == 0 && take == front.size())
        m_model->appendMailboxes(front);
    else
        m_model->appendMailboxes(front.sliced(m_offsetInFront, take));
    const qint64 spentMicroseconds = std::max<qint64>(1, clock.nsecsElapsed() / 1000);
    m_sliceRows = int(std::clamp<qint64>(take * kTargetSliceMicroseconds / spentMicroseconds, kMinSliceRows,
                                         kMaxSliceRows));

    m_offsetInFront += take;
    m_queuedRows -= int(take);
    if (m_offsetInFront == front.size()) {
        m_pages.pop_front();
        m_offsetInFront = 0;
    }
    if (m_pages.empty()) {
        Q_EMIT drained();
        return;
    }
    schedule();
}

} // namespace smtpauth
