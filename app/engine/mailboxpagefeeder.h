// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/mailbox.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <deque>

namespace smtpauth {

class MailboxTableModel;

// Hands the pages of a load to a MailboxTableModel a slice at a time, one slice per turn of the event
// loop, so a window showing the model keeps painting and answering while 100k rows arrive (rows added
// in slices: engineering.md, practice 4; benchmark P6 in docs/benchmarks.md). Rows keep their arrival order.
//
// A slice is sized from how long the previous one took, aiming at a few milliseconds: the cost of a
// row depends on what watches the model (a sorted, filtered view costs more than a bare model).
class MailboxPageFeeder : public QObject
{
    Q_OBJECT
public:
    // Well under a 60 Hz frame, and with the paint that follows still far from a visible stall.
    static constexpr int kTargetSliceMicroseconds = 8000;
    // Each slice also pays a fixed cost that grows with the rows already shown (the sorted view merges
    // the slice into its order): measured at 100k rows (bench_window, P6), 200-row slices made the
    // load three times longer than 1000-row ones for no shorter stall. So never less than a page.
    static constexpr int kMinSliceRows = 1000;
    static constexpr int kMaxSliceRows = 4000;

    explicit MailboxPageFeeder(MailboxTableModel *model, QObject *parent = nullptr);

    void enqueue(const QList<Mailbox> &page);
    // Forgets what is queued and not in the model yet (a restarted or abandoned load).
    void discardQueued();
    bool isIdle() const { return m_pages.empty(); }
    int queuedRows() const { return m_queuedRows; }

Q_SIGNALS:
    // Every queued row is in the model.
    void drained();

private:
    void schedule();
    void appendNextSlice();

    QPointer<MailboxTableModel> m_model;
    std::deque<QList<Mailbox>> m_pages;
    qsizetype m_offsetInFront = 0;
    int m_queuedRows = 0;
    int m_sliceRows = kMinSliceRows;
    bool m_scheduled = false;
};

} // namespace smtpauth
