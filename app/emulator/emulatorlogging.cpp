// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "emulator/emulatorlogging.h"

namespace smtpauth {
Q_LOGGING_CATEGORY(lcEmulator, "smtpauth.emulator")
}
