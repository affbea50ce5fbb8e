// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "exchange/exchangelogging.h"

namespace smtpauth {

Q_LOGGING_CATEGORY(lcExchange, "smtpauth.exchange")

} // namespace smtpauth
