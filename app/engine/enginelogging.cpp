// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "engine/enginelogging.h"

namespace smtpauth {
Q_LOGGING_CATEGORY(lcEngine, "smtpauth.engine")
}
