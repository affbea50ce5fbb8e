// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "auth/signinerror.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace smtpauth {

// What a person reads when the identity platform refuses an application's client assertion: the
// server's own error_description (its AADSTS line is what support needs), and, when the cause is this
// computer's clock (the platform accepts an assertion within five minutes of its own time), that in
// plain words.
class AppTokenRefusal
{
public:
    static constexpr qint64 kAllowedClockSkewSeconds = 300;

    // body: the token endpoint's answer; dateHeader: its HTTP Date (may be empty); now: this computer's
    // clock when the answer came.
    static QString explain(const SignInError &error, const QByteArray &body, const QByteArray &dateHeader,
                           const QDateTime &now);
    // The server's time from an RFC 7231 Date header; invalid when absent or unreadable.
    static QDateTime serverTime(const QByteArray &dateHeader);
};

} // namespace smtpauth
