// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace smtpauth {

// One cmdlet invocation as sent in the InvokeCommand body (exchange-protocol.md §2).
struct CmdletRequest
{
    QString cmdletName;     // e.g. "Get-CASMailbox"
    QJsonObject parameters; // JSON null clears a value; switches are true; {} when none
    QStringList select;     // optional $select on the URL, trims the returned properties
    // Safe to send again after a dropped connection or timeout. True for every Get and for the Sets
    // this product uses (writing the same value twice is harmless).
    bool idempotent = true;

    // {"CmdletInput":{"CmdletName":...,"Parameters":{...}}}
    QJsonObject toBody() const;
    // A Get with "Identity": null returns every object; such a request is a bug, never sent.
    bool isUnboundedGetByNullIdentity() const;
};

} // namespace smtpauth
