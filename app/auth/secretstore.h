// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QObject>
#include <QString>
#include <functional>

namespace smtpauth {

// Where secrets (refresh tokens) live. Asynchronous because the OS keychain is a D-Bus service that may
// have to be unlocked. There is deliberately no implementation that writes secrets to a file.
class SecretStore : public QObject
{
    Q_OBJECT
public:
    enum class ErrorKind
    {
        None,
        NotFound,   // no secret under that key (not an error for "sign in silently")
        NoKeychain, // no Secret Service / no D-Bus session / locked or refused collection
        Other,
    };

    struct Result
    {
        ErrorKind error = ErrorKind::None;
        QString value;        // the secret on a successful read; never log it
        QString errorMessage; // plain text naming the cause when error != None
        bool ok() const { return error == ErrorKind::None; }
    };
    using Callback = std::function<void(const Result &)>;

    using QObject::QObject;
    ~SecretStore() override = default;

    // Callbacks always run later on this object's thread, never inside the call.
    virtual void readSecret(const QString &key, Callback callback) = 0;
    virtual void writeSecret(const QString &key, const QString &value, Callback callback) = 0;
    // Deleting a key that does not exist succeeds: the goal "nothing stored" is reached.
    virtual void deleteSecret(const QString &key, Callback callback) = 0;
};

} // namespace smtpauth
