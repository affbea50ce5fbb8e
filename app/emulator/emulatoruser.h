// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QString>
#include <QStringList>
#include <QUuid>

namespace smtpauth {

// A demo administrator of the tenant and what Exchange RBAC lets them do.
struct EmulatorUser
{
    QString userPrincipalName;
    QString displayName;
    QUuid objectId;
    QStringList directoryRoleIds; // the `wids` claim
    bool canSetCasMailbox = false;
    bool canSetTransportConfig = false;
    // The real service answers a forbidden cmdlet with an empty body or a few NUL bytes; make it
    // deterministic per user so clients are tested against both.
    bool forbiddenBodyHasNuls = false;
};

} // namespace smtpauth
