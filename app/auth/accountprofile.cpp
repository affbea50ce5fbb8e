// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "auth/accountprofile.h"

namespace smtpauth {

AccountProfile AccountProfile::fromSignIn(const IdTokenClaims &claims, const CloudEnvironment &cloud,
                                          const QString &clientId, const QDateTime &when)
{
    AccountProfile profile;
    profile.userPrincipalName = claims.preferredUsername;
    profile.tenantId = claims.tenantId;
    profile.displayName = claims.displayName;
    profile.objectId = claims.objectId;
    profile.roleIds = claims.roleIds;
    profile.role = claims.role();
    profile.cloud = cloud.name();
    profile.authority = cloud.authority();
    profile.apiBase = cloud.apiBase();
    profile.graphBase = cloud.graphBase();
    profile.clientId = clientId;
    profile.lastSignIn = when.toUTC();
    return profile;
}

IdTokenClaims AccountProfile::claims() const
{
    IdTokenClaims claims;
    claims.tenantId = tenantId;
    claims.preferredUsername = userPrincipalName;
    claims.displayName = displayName;
    claims.objectId = objectId;
    claims.roleIds = roleIds;
    return claims;
}

CloudEnvironment AccountProfile::cloudEnvironment() const
{
    if (const auto known = CloudEnvironment::fromName(cloud))
        return *known;
    return CloudEnvironment::custom(authority, apiBase, graphBase);
}

} // namespace smtpauth
