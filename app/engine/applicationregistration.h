// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "auth/cloudenvironment.h"

#include <QString>

namespace smtpauth {

// Which application (client) id a sign-in uses. The console needs its own app registration in each
// tenant's Entra ID (README, "Signing in to a real tenant"); a build may carry a default one
// (cmake -DSMTPAUTH_DEFAULT_CLIENT_ID=...). A custom environment (the demo tenant, a test server)
// accepts a fixed local id. One rule for the window and the CLI.
class ApplicationRegistration
{
public:
    static QString localClientId() { return QStringLiteral("smtpauth-console-local"); }
    static QString builtInClientId();

    // The id to use, or empty with *problem saying what to do.
    static QString clientIdFor(const CloudEnvironment &cloud, const QString &given, QString *problem);
};

} // namespace smtpauth
