// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "exchange/casmailboxrequests.h"

namespace smtpauth {

namespace {

const QString kSetting = QStringLiteral("SmtpClientAuthenticationDisabled");

} // namespace

QStringList CasMailboxRequests::mailboxProperties()
{
    return {QStringLiteral("Identity"),
            QStringLiteral("Guid"),
            QStringLiteral("ExternalDirectoryObjectId"),
            QStringLiteral("DisplayName"),
            QStringLiteral("PrimarySmtpAddress"),
            kSetting,
            QStringLiteral("Name")};
}

CmdletRequest CasMailboxRequests::getAllMailboxes()
{
    CmdletRequest request;
    request.cmdletName = QStringLiteral("Get-CASMailbox");
    request.parameters.insert(QStringLiteral("ResultSize"), QStringLiteral("Unlimited"));
    request.select = mailboxProperties();
    return request;
}

CmdletRequest CasMailboxRequests::getAllMailboxAddresses()
{
    CmdletRequest request;
    request.cmdletName = QStringLiteral("Get-CASMailbox");
    request.parameters.insert(QStringLiteral("ResultSize"), QStringLiteral("Unlimited"));
    request.select = {QStringLiteral("Guid"), QStringLiteral("EmailAddresses")};
    return request;
}

CmdletRequest CasMailboxRequests::getMailbox(const QString &identity)
{
    CmdletRequest request;
    request.cmdletName = QStringLiteral("Get-CASMailbox");
    request.parameters.insert(QStringLiteral("Identity"), identity);
    request.select = mailboxProperties();
    return request;
}

QStringList CasMailboxRequests::settingProperties()
{
    return {QStringLiteral("Guid"), kSetting};
}

CmdletRequest CasMailboxRequests::getAllMailboxSettings()
{
    CmdletRequest request = getAllMailboxes();
    request.select = settingProperties();
    return request;
}

CmdletRequest CasMailboxRequests::getMailboxSetting(const QString &identity)
{
    CmdletRequest request = getMailbox(identity);
    request.select = settingProperties();
    return request;
}

CmdletRequest CasMailboxRequests::setMailbox(const QString &mailboxGuid, Override value)
{
    CmdletRequest request;
    request.cmdletName = QStringLiteral("Set-CASMailbox");
    request.parameters.insert(QStringLiteral("Identity"), mailboxGuid);
    request.parameters.insert(kSetting, overrideToWire(value));
    return request;
}

CmdletRequest CasMailboxRequests::getTransportConfig()
{
    CmdletRequest request;
    request.cmdletName = QStringLiteral("Get-TransportConfig");
    return request;
}

CmdletRequest CasMailboxRequests::setTransportConfig(OrgSetting value)
{
    CmdletRequest request;
    request.cmdletName = QStringLiteral("Set-TransportConfig");
    request.parameters.insert(kSetting, orgSettingToWire(value));
    return request;
}

} // namespace smtpauth
