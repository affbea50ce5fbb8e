// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "engine/wirevalue.h"
#include "models/mailbox.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <optional>

namespace smtpauth {

// The properties of one Get-CASMailbox object that the console reads, as they were on the wire.
// Two readers fill it (the QJsonObject of a fully parsed answer, and CasMailboxPageReader's fast
// pass over a page), and one function maps it, so both give the same Mailbox or the same refusal.
struct CasMailboxFields
{
    using Value = WireValue;

    Value guid;
    Value externalDirectoryObjectId;
    Value primarySmtpAddress;
    Value identity;
    Value displayName;
    Value name;
    Value smtpClientAuthenticationDisabled;

    // The Value a property name stands for, or nullptr for a property the console does not read.
    Value *field(QByteArrayView utf8Name);
};

// Turns one Get-CASMailbox object (already stripped of '@' keys) into a Mailbox.
// A mailbox without a usable Guid, or with a SmtpClientAuthenticationDisabled that is neither bool nor
// null, is refused with a reason: writing to it later would be guesswork.
class CasMailboxMapper
{
public:
    static std::optional<Mailbox> fromObject(const QJsonObject &object, QString *problem = nullptr);
    static std::optional<Mailbox> fromFields(const CasMailboxFields &fields, QString *problem = nullptr);
};

} // namespace smtpauth
