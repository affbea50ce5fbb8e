// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QLoggingCategory>

namespace smtpauth {

// The one logging category of the sign-in module. Nothing logged under it may contain a token,
// an authorization code, a PKCE verifier or an Authorization header.
Q_DECLARE_LOGGING_CATEGORY(lcAuth)

} // namespace smtpauth
