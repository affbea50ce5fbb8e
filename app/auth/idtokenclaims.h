// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <optional>

namespace smtpauth {

// The few claims of an ID token the console uses: who signed in, in which tenant, with which directory
// roles. The signature is not checked: the token comes straight from the token endpoint over TLS in
// answer to our own request, and the claims only drive what the UI offers (the server's 403 decides).
class IdTokenClaims
{
public:
    // What the console lets the account do, derived from `wids` (directory role template ids).
    enum class Role
    {
        ReadOnly,
        Helpdesk,
        RecipientAdministrator,
        Administrator
    };

    // Parses the payload (second segment) of a compact JWT. Returns nullopt for anything that is not
    // a JWT with a JSON object payload; missing claims are simply empty.
    static std::optional<IdTokenClaims> fromJwt(QByteArrayView jwt);

    QString tenantId;          // tid
    QString preferredUsername; // preferred_username, else upn
    QString displayName;       // name
    QString objectId;          // oid
    QStringList roleIds;       // wids
    QDateTime expiresAt;       // exp (UTC), invalid when absent

    // The strongest role among roleIds; ReadOnly when none is known.
    Role role() const;
    static Role roleFromIds(const QStringList &roleIds);
    static QString machineName(Role role); // administrator | recipient-administrator | helpdesk | read-only
    static std::optional<Role> roleFromName(QStringView name);
    // Whether the role may change mailboxes / the org switch (Helpdesk is read-only in Exchange).
    static bool canEditMailboxes(Role role);
    static bool canEditOrgSetting(Role role);

    friend bool operator==(const IdTokenClaims &, const IdTokenClaims &) = default;
};

} // namespace smtpauth
