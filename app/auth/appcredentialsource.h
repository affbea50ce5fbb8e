// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "auth/appregistration.h"
#include "auth/clientassertionbuilder.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <functional>
#include <optional>

namespace smtpauth {

class SecretStore;

// The assertion builder of an app-only profile, loaded once from the registration's PEM files. The
// passphrase of an encrypted key comes from SMTPAUTH_KEY_PASSPHRASE when it is set (automation, tests),
// else from the profile's keychain entry; it only passes through memory, never a file or a log.
class AppCredentialSource : public QObject
{
    Q_OBJECT
public:
    static constexpr const char *kPassphraseVariable = "SMTPAUTH_KEY_PASSPHRASE";

    // builder is null exactly when error.isError().
    using Done = std::function<void(const ClientAssertionBuilder *builder, const AppCredentialError &error)>;

    AppCredentialSource(const AppRegistration &registration, SecretStore *secrets,
                        const QString &passphraseKey, QObject *parent = nullptr);

    // The builder, with the certificate checked against `now` (it may expire while a profile runs).
    // The callback runs later, never inside this call.
    void withBuilder(const QDateTime &now, Done done);

    static QByteArray passphraseFromEnvironment();

private:
    void loadWith(QByteArray passphrase, const QDateTime &now, const Done &done);
    void deliver(const Done &done, const AppCredentialError &error);

    AppRegistration m_registration;
    QPointer<SecretStore> m_secrets;
    QString m_passphraseKey;
    std::optional<ClientAssertionBuilder> m_builder;
};

} // namespace smtpauth
