// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "engine/applicationregistration.h"

#include <QCoreApplication>

namespace smtpauth {

QString ApplicationRegistration::builtInClientId()
{
#ifdef SMTPAUTH_DEFAULT_CLIENT_ID
    return QStringLiteral(SMTPAUTH_DEFAULT_CLIENT_ID);
#else
    return {};
#endif
}

QString ApplicationRegistration::clientIdFor(const CloudEnvironment &cloud, const QString &given,
                                             QString *problem)
{
    if (!given.trimmed().isEmpty())
        return given.trimmed();
    if (!builtInClientId().isEmpty())
        return builtInClientId();
    if (cloud.kind() == CloudEnvironment::Kind::Custom)
        return localClientId();
    if (problem) {
        *problem = QCoreApplication::translate(
            "ApplicationRegistration",
            "No application (client) ID: register the console in your tenant's Entra ID (see the README, "
            "\"Signing in to a real tenant\") and enter its ID under Advanced (CLI: --client-id).");
    }
    return {};
}

} // namespace smtpauth
