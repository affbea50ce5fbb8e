// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "exchange/cmdletrequest.h"
#include "models/smtpauthpolicy.h"

#include <QString>
#include <QStringList>

namespace smtpauth {

// The few cmdlets this product needs, built right once (Guid as Identity for writes, $select to
// keep 100k-mailbox reads small, ResultSize Unlimited so nothing is silently cut off).
class CasMailboxRequests
{
public:
    // Identity, Guid, ExternalDirectoryObjectId, DisplayName, PrimarySmtpAddress,
    // SmtpClientAuthenticationDisabled, Name
    static QStringList mailboxProperties();

    static CmdletRequest getAllMailboxes();
    // Guid and EmailAddresses of every mailbox: read only when an SMTP AUTH clients report is imported
    // (its senders may name any SMTP address of a mailbox), never with the list, whose pages it would
    // double for a join most tenants never need.
    static CmdletRequest getAllMailboxAddresses();
    // identity must be non-empty (a null Identity returns every mailbox).
    static CmdletRequest getMailbox(const QString &identity);
    // The same reads trimmed to Guid and SmtpClientAuthenticationDisabled: what an apply checks before
    // and after writing. A page of 1,000 is a third of the full one, to produce, send and parse, and the
    // apply's writes share the tenant's few in-flight slots with these pages.
    static QStringList settingProperties();
    static CmdletRequest getAllMailboxSettings();
    static CmdletRequest getMailboxSetting(const QString &identity);
    // mailboxGuid: the Guid (or ExternalDirectoryObjectId), never a name, which can be ambiguous.
    static CmdletRequest setMailbox(const QString &mailboxGuid, Override value);
    static CmdletRequest getTransportConfig();
    static CmdletRequest setTransportConfig(OrgSetting value);
};

} // namespace smtpauth
