// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "engine/interactivesignin.h"

#include <QObject>
#include <QUrl>
#include <memory>

namespace smtpauth {

class EmulatorServer;
class ProfileLocation;

// The embedded demo tenant for --demo: the emulator started in-process on 127.0.0.1, its tenant kept in
// the demo profile's directory so that the demo tenant and the demo journal stay consistent from one
// run to the next. reset() starts both over.
class DemoTenant : public QObject
{
    Q_OBJECT
public:
    explicit DemoTenant(QObject *parent = nullptr);
    ~DemoTenant() override;

    static QString stateFileName() { return QStringLiteral("demo-tenant.json"); }
    // Removes the demo tenant's saved state (the caller removes the rest of the demo profile).
    static bool reset(const ProfileLocation &demoProfile, QString *errorMessage);

    bool start(const ProfileLocation &demoProfile, QString *errorMessage);
    QUrl baseUrl() const;
    QString tenantDomain() const;
    QString adminUserPrincipalName() const;
    // How to sign in to the running demo tenant as one of its users (admin, recipients, helpdesk,
    // reader) without a browser: it approves a login_hint at once.
    InteractiveSignIn::Options signInOptions(const QString &userAlias = QStringLiteral("admin")) const;
    EmulatorServer *server() const { return m_server.get(); }

private:
    std::unique_ptr<EmulatorServer> m_server;
};

} // namespace smtpauth
