// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QLoggingCategory>

namespace smtpauth {

// smtpauth.exchange: method, URL path, status, duration and client-request-id of every request.
// Never the Authorization header or any token.
Q_DECLARE_LOGGING_CATEGORY(lcExchange)

} // namespace smtpauth
