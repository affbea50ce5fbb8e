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

AccountProfile AccountProfile::forApp(const AppRegistration &app, const QString &tenantId,
                                      const CloudEnvironment &cloud, const QDateTime &when)
{
    AccountProfile profile;
    profile.app = app;
    profile.userPrincipalName = app.operatorName();
    profile.displayName = QStringLiteral("Application %1").arg(app.clientId);
    profile.tenantId = tenantId;
    // What the application may do is known only from the server's answers (its Exchange role); the role
    // is a hint for the UI, and the 403s decide (product.md, Roles in the UI).
    profile.role = IdTokenClaims::Role::Administrator;
    profile.cloud = cloud.name();
    profile.authority = cloud.authority();
    profile.apiBase = cloud.apiBase();
    profile.graphBase = cloud.graphBase();
    profile.clientId = app.clientId;
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
