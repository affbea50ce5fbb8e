// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QString>
#include <QUuid>
#include <optional>

namespace smtpauth {

// One user of the directory as Get-User and Graph see it: a mailbox user (same Guid and
// ExternalDirectoryObjectId as its CAS mailbox) or an account without a mailbox. A view built on
// demand from the tenant's records, so a 500k-user enumeration never holds a second copy of them.
struct EmulatorDirectoryUser
{
    QUuid objectId; // the Entra object id (= ExternalDirectoryObjectId, the Graph user id)
    QUuid guid;     // the Exchange object Guid
    QString name;   // alias; also the Get-User Identity
    QString displayName;
    QString userPrincipalName;
    QString primarySmtpAddress; // empty without a mailbox
    bool hasMailbox = false;
    bool shared = false;
    // What Get-User answers for AuthenticationPolicy: nullopt = null; "" = empty; else a name or a DN.
    std::optional<QString> authenticationPolicy;
};

} // namespace smtpauth
