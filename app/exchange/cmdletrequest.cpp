// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "exchange/cmdletrequest.h"

namespace smtpauth {

QJsonObject CmdletRequest::toBody() const
{
    QJsonObject input;
    input.insert(QStringLiteral("CmdletName"), cmdletName);
    input.insert(QStringLiteral("Parameters"), parameters);
    QJsonObject body;
    body.insert(QStringLiteral("CmdletInput"), input);
    return body;
}

bool CmdletRequest::isUnboundedGetByNullIdentity() const
{
    const auto identity = parameters.constFind(QLatin1String("Identity"));
    return cmdletName.startsWith(QLatin1String("Get-"), Qt::CaseInsensitive) &&
           identity != parameters.constEnd() && identity->isNull();
}

} // namespace smtpauth
