// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringView>
#include <QUuid>
#include <optional>

namespace smtpauth {

// One Exchange authentication policy, with what the readiness rules need (exchange-protocol.md §9).
struct AuthenticationPolicy
{
    QString name;
    QString identity;
    QString distinguishedName;
    QUuid guid;
    // nullopt when the server's value was not a boolean: the console never guesses (readiness.md §1:
    // then the layer is unknown). allowBasicAuthSmtpText keeps what was there, for the detail.
    std::optional<bool> allowBasicAuthSmtp;
    QString allowBasicAuthSmtpText;
    QDateTime whenChangedUtc; // invalid when not given

    // What people call it: the name, else the identity, else the DN's first CN.
    QString label() const;

    friend bool operator==(const AuthenticationPolicy &, const AuthenticationPolicy &) = default;
};

// The policies of Get-AuthenticationPolicy, and the matching of a reference (a user's
// AuthenticationPolicy, the org's DefaultAuthenticationPolicy) to one of them.
class AuthenticationPolicySet
{
public:
    // The objects of the answer's `value` array. Sidecar keys (anything containing '@') are never
    // read; the built-in `LegacyExchangeTokens` entry is skipped (it is not a policy anyone assigns).
    static AuthenticationPolicySet fromExchangeObjects(const QList<QJsonObject> &objects);

    void append(const AuthenticationPolicy &policy) { m_policies.append(policy); }
    int size() const { return int(m_policies.size()); }
    bool isEmpty() const { return m_policies.isEmpty(); }
    const AuthenticationPolicy &at(int index) const { return m_policies.at(index); }
    const QList<AuthenticationPolicy> &policies() const { return m_policies; }

    // The policy a reference names: its Name, Identity, DistinguishedName or Guid, or (for a reference
    // that is a DN) the reference's first CN= value as a Name or Identity; case-insensitive. Whether
    // Exchange gives a name or a DN there is uncertain (exchange-protocol.md §9), so all are accepted.
    // -1 when nothing matches.
    int resolve(QStringView reference) const;

    // The first CN= value of a DN ("CN=Block Basic\, Legacy,CN=Auth Policies,..." -> "Block Basic, Legacy"),
    // or an empty string when the text does not start with CN=.
    static QString firstCommonName(QStringView distinguishedName);

    friend bool operator==(const AuthenticationPolicySet &, const AuthenticationPolicySet &) = default;

private:
    QList<AuthenticationPolicy> m_policies;
};

} // namespace smtpauth
