// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "engine/demotenant.h"

#include "emulator/emulatorserver.h"
#include "engine/profilelocation.h"

#include <QFile>

namespace smtpauth {

DemoTenant::DemoTenant(QObject *parent) : QObject(parent) {}

DemoTenant::~DemoTenant() = default;

bool DemoTenant::reset(const ProfileLocation &demoProfile, QString *errorMessage)
{
    const QString path = demoProfile.filePath(stateFileName());
    if (QFile::exists(path) && !QFile::remove(path)) {
        if (errorMessage)
            *errorMessage = QStringLiteral("Cannot remove the demo tenant state %1").arg(path);
        return false;
    }
    return true;
}

bool DemoTenant::start(const ProfileLocation &demoProfile, QString *errorMessage)
{
    if (!demoProfile.ensureExists(errorMessage))
        return false;
    EmulatorOptions options;
    options.mailboxCount = 5000;
    options.seed = 7;
    options.overrideShare = 0.06;
    options.stateFile = demoProfile.filePath(stateFileName());
    m_server = std::make_unique<EmulatorServer>(options);
    return m_server->start(errorMessage);
}

QUrl DemoTenant::baseUrl() const
{
    return m_server ? m_server->baseUrl() : QUrl();
}

QString DemoTenant::tenantDomain() const
{
    return m_server ? m_server->tenantDomain() : QString();
}

QString DemoTenant::adminUserPrincipalName() const
{
    return m_server ? m_server->adminUserPrincipalName() : QString();
}

InteractiveSignIn::Options DemoTenant::signInOptions(const QString &userAlias) const
{
    InteractiveSignIn::Options options;
    options.cloud = CloudEnvironment::custom(baseUrl(), baseUrl());
    options.tenant = tenantDomain();
    options.clientId = QStringLiteral("smtpauth-console-demo");
    options.loginHint = userAlias + QLatin1Char('@') + tenantDomain();
    options.headless = true;
    options.timeout = std::chrono::seconds(30);
    return options;
}

} // namespace smtpauth
