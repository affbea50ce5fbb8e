// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "exchange/exchangeerror.h"

#include <QString>
#include <QUrl>

namespace smtpauth {

// Bearer tokens travel only over https; plain http is allowed for the loopback emulator alone.
// TLS errors are never ignored (the client does not call ignoreSslErrors anywhere).
class TransportPolicy
{
public:
    // 127.0.0.0/8, ::1, "localhost"
    static bool isLoopbackHost(const QString &host);
    // None when a request with a token may be sent to `url`; otherwise InsecureTransport.
    static ExchangeError check(const QUrl &url);
};

} // namespace smtpauth
