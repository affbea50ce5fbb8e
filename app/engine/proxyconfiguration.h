// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QString>

namespace smtpauth {

// Which proxy every request of the process uses: the system's settings (environment variables such as
// https_proxy on Linux, the system configuration elsewhere), unless --proxy names one explicitly.
// Loopback traffic (the sign-in redirect, the demo tenant) never goes through a proxy.
class ProxyConfiguration
{
public:
    // `proxyUrl`: empty for the system settings, else http://[user:pass@]host:port or socks5://host:port.
    // False with a message naming the problem when the URL is not usable.
    static bool apply(const QString &proxyUrl, QString *error);
};

} // namespace smtpauth
