// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace smtpauth {

// A delegated Microsoft Graph permission the console asks for, with what it is used for: the consent
// prompt (window and `smtpauth-cli signin --graph`) lists these words, so an administrator knows what
// each permission is for before granting it (graph-protocol.md §1).
struct GraphPermission
{
    QString name;    // e.g. Policy.Read.All
    QString purpose; // one sentence for people

    // The permissions of the readiness data (the Why panel and cutoff readiness), asked for together so
    // that an administrator consents once.
    static QList<GraphPermission> readinessPermissions();
    static QStringList names(const QList<GraphPermission> &permissions);
};

} // namespace smtpauth
