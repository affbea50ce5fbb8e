// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "exchange/cmdletrequest.h"

namespace smtpauth {

// The read-only cmdlets behind the authentication-policy layer (exchange-protocol.md §9), built right
// once: every policy, the org default, and every user's own policy ($select keeps 100k users small,
// ResultSize Unlimited so nothing is silently cut off).
class DirectoryRequests
{
public:
    static CmdletRequest getAuthenticationPolicies();
    static CmdletRequest getOrganizationDefaultPolicy();
    // Guid, ExternalDirectoryObjectId, UserPrincipalName, AuthenticationPolicy of every user.
    static CmdletRequest getAllUserPolicies();
};

} // namespace smtpauth
