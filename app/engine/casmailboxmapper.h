#pragma once

#include "mailbox.h"

#include <QJsonObject>
#include <QString>

#include <optional>

namespace smtpauth {

// Turns one Get-CASMailbox object (already stripped of '@' keys) into a Mailbox.
// A mailbox without a usable Guid, or with a SmtpClientAuthenticationDisabled that is neither bool nor
// null, is refused with a reason: writing to it later would be guesswork.
class CasMailboxMapper
{
public:
    static std::optional<Mailbox> fromObject(const QJsonObject &object, QString *problem = nullptr);
};

} // namespace smtpauth
