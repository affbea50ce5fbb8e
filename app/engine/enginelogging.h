// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QLoggingCategory>

namespace smtpauth {
Q_DECLARE_LOGGING_CATEGORY(lcEngine)
}
