// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "auth/appregistration.h"
#include "auth/cloudenvironment.h"
#include "auth/idtokenclaims.h"

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace smtpauth {

// Who is signed in to a profile and where, without any secret: enough to show the account and to
// sign in silently on the next start (the refresh token itself is in the keychain).
struct AccountProfile
{
    QString userPrincipalName;
    QString tenantId;
    QString displayName;
    QString objectId;
    QStringList roleIds;
    IdTokenClaims::Role role = IdTokenClaims::Role::ReadOnly;
    QString cloud; // CloudEnvironment::name()
    QUrl authority;
    QUrl apiBase;
    QUrl graphBase; // empty in profiles written before Graph was used: the cloud's (custom: apiBase)
    QString clientId;
    QDateTime lastSignIn; // UTC
    // Set for an app-only profile (signin --app): the application signs in with its certificate. Then
    // userPrincipalName is app.operatorName(), so the journal names the application as the operator.
    AppRegistration app;

    bool isAppOnly() const { return app.isSet(); }
    static AccountProfile forApp(const AppRegistration &app, const QString &tenantId,
                                 const CloudEnvironment &cloud, const QDateTime &when);

    static AccountProfile fromSignIn(const IdTokenClaims &claims, const CloudEnvironment &cloud,
                                     const QString &clientId, const QDateTime &when);
    // The claims part, for TokenProvider::restoreAccount.
    IdTokenClaims claims() const;
    CloudEnvironment cloudEnvironment() const;

    friend bool operator==(const AccountProfile &, const AccountProfile &) = default;
};

} // namespace smtpauth
