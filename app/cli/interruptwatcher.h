// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QObject>

class QSocketNotifier;

namespace smtpauth {

// Turns Ctrl+C (SIGINT) and SIGTERM into a Qt signal while an apply runs, so that the CLI can cancel
// what has not left yet and record it, instead of dying with changes journalled `sent` that the next
// start has to settle from the server.
//
// The signal handler only writes the signal number to a socket pair (the one thing that is safe there);
// a QSocketNotifier on the other end emits interrupted() from the event loop. A second signal while the
// first is being handled ends the process at once with the default action: the person insists, and the
// journal is built for exactly that (the next command reconciles whatever was in flight).
// One watcher at a time; the destructor puts the previous handlers back.
class InterruptWatcher : public QObject
{
    Q_OBJECT
public:
    explicit InterruptWatcher(QObject *parent = nullptr);
    ~InterruptWatcher() override;

    bool isWatching() const { return m_notifier != nullptr; }

Q_SIGNALS:
    // The first SIGINT or SIGTERM; the next one is not caught.
    void interrupted(int signalNumber);

private:
    void onReadable();

    QSocketNotifier *m_notifier = nullptr;
};

} // namespace smtpauth
