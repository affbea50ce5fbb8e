// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/smtpauthpolicy.h"

#include <QString>
#include <QStringList>
#include <QUuid>

namespace smtpauth {

// One mailbox of the demo tenant: both the stored record and the "seeded truth" handed to tests.
struct EmulatorMailbox
{
    QUuid guid;
    QUuid externalDirectoryObjectId;
    QString name; // the alias; Identity is the same string
    QString displayName;
    QString primarySmtpAddress;
    // Get-CASMailbox EmailAddresses: "SMTP:<primary>" first, then secondary "smtp:" addresses and other
    // kinds of proxy address ("X500:", "SPO:", "SIP:"), as the real service lists them.
    QStringList emailAddresses;
    Override smtpClientAuthentication = Override::Inherit;
    bool popEnabled = true;
    bool imapEnabled = true;
    bool activeSyncEnabled = true;
    bool owaEnabled = true;
    bool mapiEnabled = true;
    bool ewsEnabled = true;
    bool shared = false; // a shared/service mailbox rather than a person

    friend bool operator==(const EmulatorMailbox &, const EmulatorMailbox &) = default;
};

} // namespace smtpauth
