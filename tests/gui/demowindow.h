// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "engine/consolesession.h"
#include "engine/profilelocation.h"
#include "models/mailboxtablemodel.h"
#include "ui/mainwindow.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

// The whole window on the embedded demo tenant, in a data folder of its own, as `--demo` opens it.
struct DemoWindow
{
    QTemporaryDir dataDir;
    smtpauth::MailboxTableModel mailboxes;
    smtpauth::ConsoleSession session{smtpauth::ProfileLocation::forDemo(dataDir.path()), &mailboxes};
    smtpauth::MainWindow window{&session, &mailboxes};

    // Shows the window, signs in to the demo tenant and waits for the first complete load (bounded
    // generously: a sanitized build on a busy machine is slow). False if it did not finish.
    bool showAndLoad()
    {
        QSignalSpy finished(&session, &smtpauth::ConsoleSession::loadFinished);
        window.show();
        session.start();
        return QTest::qWaitFor([&] { return finished.count() == 1; }, 60000);
    }
};
