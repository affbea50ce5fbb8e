// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "auth/authlogging.h"

namespace smtpauth {

Q_LOGGING_CATEGORY(lcAuth, "smtpauth.auth")

} // namespace smtpauth
