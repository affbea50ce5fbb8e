// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "exchange/directoryrequests.h"

namespace smtpauth {

CmdletRequest DirectoryRequests::getAuthenticationPolicies()
{
    CmdletRequest request;
    request.cmdletName = QStringLiteral("Get-AuthenticationPolicy");
    return request;
}

CmdletRequest DirectoryRequests::getOrganizationDefaultPolicy()
{
    CmdletRequest request;
    request.cmdletName = QStringLiteral("Get-OrganizationConfig");
    request.select = {QStringLiteral("DefaultAuthenticationPolicy")};
    return request;
}

CmdletRequest DirectoryRequests::getAllUserPolicies()
{
    CmdletRequest request;
    request.cmdletName = QStringLiteral("Get-User");
    request.parameters.insert(QStringLiteral("ResultSize"), QStringLiteral("Unlimited"));
    request.select = {QStringLiteral("Guid"), QStringLiteral("ExternalDirectoryObjectId"),
                      QStringLiteral("UserPrincipalName"), QStringLiteral("AuthenticationPolicy")};
    return request;
}

} // namespace smtpauth
