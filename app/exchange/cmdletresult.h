// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "exchange/exchangeerror.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace smtpauth {

// The outcome of one cmdlet call (a single InvokeCommand, one page of it, or one $batch sub-request).
struct CmdletResult
{
    // The returned objects with every key containing '@' removed (type sidecars, annotations).
    // A property that is JSON null stays present as null; a missing one stays missing.
    QList<QJsonObject> objects;
    QStringList warnings;    // @adminapi.warnings, in order
    ExchangeError error;     // None on success
    int httpStatus = 0;      // 0 when no HTTP answer arrived
    QString clientRequestId; // the GUID sent as client-request-id (quote it to Microsoft support)
    QString nextLink;        // @odata.nextLink, empty on the last page
    bool truncated = false;  // the ResultSize warning: more objects exist than were returned
    bool noChange = false;   // a Set that changed nothing ("no settings of '...' have been modified")

    bool ok() const { return !error.isError(); }
};

} // namespace smtpauth
