// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "engine/wirevalue.h"

#include <QByteArrayView>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUuid>
#include <optional>
#include <vector>

namespace smtpauth {

// One user of Get-User as the authentication-policy layer needs it (exchange-protocol.md §9).
struct UserPolicyRow
{
    QUuid externalDirectoryObjectId;
    QUuid guid;
    QString userPrincipalName;
    // The user's own policy as given (empty: none of its own). Anything but a string or null is kept as
    // its JSON text, so that it names no policy and the layer says "unknown" rather than "none".
    QString authenticationPolicy;

    bool canBeJoined() const
    {
        return !externalDirectoryObjectId.isNull() || !guid.isNull() ||
               !userPrincipalName.trimmed().isEmpty();
    }
    friend bool operator==(const UserPolicyRow &, const UserPolicyRow &) = default;
};
using UserPolicyRows = std::vector<UserPolicyRow>;

// Get-User pages into user rows: the one-pass reader for plain pages (PlainPageReader) and the mapping of
// one object, which the full parse uses too, so both read every page they accept the same way.
class UserPolicyPageReader
{
public:
    struct Fields
    {
        WireValue guid;
        WireValue externalDirectoryObjectId;
        WireValue userPrincipalName;
        WireValue authenticationPolicy;
        WireValue *field(QByteArrayView utf8Name);
    };
    struct Page
    {
        UserPolicyRows rows;
        int objectCount = 0;
        QString nextLink;
    };

    static UserPolicyRow fromFields(const Fields &fields);
    static UserPolicyRow fromObject(const QJsonObject &object);
    // nullopt: not a plain page; parse it the full way.
    static std::optional<Page> read(QByteArrayView body);
};

} // namespace smtpauth
