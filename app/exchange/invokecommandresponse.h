// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "exchange/cmdletresult.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace smtpauth {

// Pure parsing of InvokeCommand answers (exchange-protocol.md §3, §5). No I/O, no state: fuzzable.
class InvokeCommandResponse
{
public:
    // Any status: 2xx bodies become objects/warnings/nextLink, others an ExchangeError.
    // Malformed JSON, an HTML page with status 200, or a `value` that is not an array of objects
    // give a Protocol error. clientRequestId is left empty for the caller to fill.
    // Annotations::Keep leaves the sidecar '@' keys in the objects: for a consumer that reads named
    // properties only (the mailbox mapper of a load), stripping them is a copy of every object for nothing.
    enum class Annotations
    {
        Strip,
        Keep
    };
    static CmdletResult parse(int httpStatus, const QByteArray &body,
                              const QByteArray &diagnosticsHeader = {},
                              Annotations annotations = Annotations::Strip);

    // Same, for a $batch sub-response whose body arrived already decoded.
    static CmdletResult parseValue(int httpStatus, const QJsonValue &body,
                                   const QByteArray &diagnosticsHeader = {});

    // Drops every key that contains '@' (`Guid@data.type`, `Guid@odata.type`, ...).
    static QJsonObject withoutAnnotations(const QJsonObject &object);

    // "There are more results available than are currently displayed. ..."
    static bool isTruncationWarning(const QString &warning);
    // "The command completed successfully but no settings of '<identity>' have been modified."
    static bool isNoChangeWarning(const QString &warning);

private:
    static CmdletResult parseSuccessObject(int httpStatus, const QJsonObject &envelope,
                                           Annotations annotations = Annotations::Strip);
};

} // namespace smtpauth
