// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QString>
#include <QUrl>

namespace smtpauth {

// Where and as whom the InvokeCommand API is called (exchange-protocol.md §2).
struct ExchangeEndpoint
{
    QUrl apiBase;   // e.g. https://outlook.office365.com (no path), or http://127.0.0.1:PORT for the emulator
    QString tenant; // tenant GUID (preferred, the token's tid) or contoso.onmicrosoft.com
    QString anchorMailbox; // value of X-AnchorMailbox, e.g. "UPN:admin@contoso.onmicrosoft.com"
};

} // namespace smtpauth
