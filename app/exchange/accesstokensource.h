// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QObject>
#include <QString>
#include <functional>

namespace smtpauth {

// What the Exchange client needs from sign-in: a bearer token for the API audience.
// Implemented by app/auth (TokenProvider) for real sign-in, and by tests with fixed tokens.
class AccessTokenSource : public QObject
{
    Q_OBJECT
public:
    struct Result
    {
        bool ok = false;
        QString accessToken;  // never logged
        QString errorMessage; // human text when !ok (e.g. "Not signed in", "The refresh token was revoked")
        // When !ok: true if the sign-in itself is still good and only renewing it failed for now
        // (token endpoint unreachable, keychain busy); false if the person must sign in again.
        bool transient = false;
        // When !ok: the sign-in is good, but this audience needs the person in the browser first (the
        // permissions were never consented, AADSTS65001, or the tenant wants an interactive step).
        // Nothing is signed out; asking again without that step fails the same way.
        bool interactionRequired = false;
    };
    using Callback = std::function<void(const Result &)>;

    using QObject::QObject;
    ~AccessTokenSource() override = default;

    // Delivers a currently valid access token, refreshing first when needed. Concurrent callers
    // during a refresh wait for that same refresh (single flight). The callback runs on the
    // caller's thread, asynchronously (never inside this call).
    virtual void fetchAccessToken(Callback callback) = 0;

    // The server answered 401 to a request made with `rejectedToken`: forget it, so that the next
    // fetchAccessToken refreshes (once, even if many requests report the same token).
    virtual void reportRejected(const QString &rejectedToken) = 0;
};

} // namespace smtpauth
