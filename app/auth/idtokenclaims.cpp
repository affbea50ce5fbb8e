// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "auth/idtokenclaims.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace smtpauth {

namespace {

// Directory role template ids (identical in every tenant and cloud).
constexpr QLatin1String GlobalAdministrator("62e90394-69f5-4237-9190-012177145e10");
constexpr QLatin1String ExchangeAdministrator("29232cdf-9323-42fd-ade2-1d097af3e4de");
constexpr QLatin1String ExchangeRecipientAdministrator("31392ffb-586c-42d1-9346-e59415a2cc4e");
constexpr QLatin1String HelpdeskAdministrator("729827e3-9c14-49f7-bb1b-9608f156bbb8");

// Tokens larger than this are not ID tokens; refusing them bounds the work done on garbage.
constexpr qsizetype MaxJwtLength = 64 * 1024;

QString stringClaim(const QJsonObject &payload, QLatin1String name)
{
    const QJsonValue value = payload.value(name);
    return value.isString() ? value.toString() : QString();
}

} // namespace

std::optional<IdTokenClaims> IdTokenClaims::fromJwt(QByteArrayView jwt)
{
    if (jwt.size() > MaxJwtLength)
        return std::nullopt;
    const qsizetype firstDot = jwt.indexOf('.');
    if (firstDot < 0)
        return std::nullopt;
    const qsizetype secondDot = jwt.indexOf('.', firstDot + 1);
    if (secondDot < 0)
        return std::nullopt;
    const QByteArrayView encodedPayload = jwt.sliced(firstDot + 1, secondDot - firstDot - 1);
    if (encodedPayload.isEmpty())
        return std::nullopt;

    // JWTs omit the padding, but some producers keep it; accept both, reject anything else.
    const auto decoded = QByteArray::fromBase64Encoding(encodedPayload.toByteArray(),
                                                        QByteArray::Base64UrlEncoding |
                                                            QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(*decoded, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    const QJsonObject payload = document.object();

    IdTokenClaims claims;
    claims.tenantId = stringClaim(payload, QLatin1String("tid"));
    claims.preferredUsername = stringClaim(payload, QLatin1String("preferred_username"));
    if (claims.preferredUsername.isEmpty())
        claims.preferredUsername = stringClaim(payload, QLatin1String("upn"));
    claims.displayName = stringClaim(payload, QLatin1String("name"));
    claims.objectId = stringClaim(payload, QLatin1String("oid"));

    const QJsonValue wids = payload.value(QLatin1String("wids"));
    if (wids.isArray()) {
        const QJsonArray array = wids.toArray();
        for (const QJsonValue &entry : array) {
            if (entry.isString())
                claims.roleIds.append(entry.toString().toLower());
        }
    }

    const QJsonValue exp = payload.value(QLatin1String("exp"));
    if (exp.isDouble()) {
        const double seconds = exp.toDouble();
        // Outside this range the value is nonsense; QDateTime would overflow or lie.
        if (seconds > 0 && seconds < 253402300799.0)
            claims.expiresAt = QDateTime::fromSecsSinceEpoch(qint64(seconds), Qt::UTC);
    }
    return claims;
}

IdTokenClaims::Role IdTokenClaims::role() const
{
    return roleFromIds(roleIds);
}

IdTokenClaims::Role IdTokenClaims::roleFromIds(const QStringList &roleIds)
{
    auto has = [&roleIds](QLatin1String id) { return roleIds.contains(id, Qt::CaseInsensitive); };
    if (has(GlobalAdministrator) || has(ExchangeAdministrator))
        return Role::Administrator;
    if (has(ExchangeRecipientAdministrator))
        return Role::RecipientAdministrator;
    if (has(HelpdeskAdministrator))
        return Role::Helpdesk;
    // Global Reader and every role the console does not know: look, don't touch.
    return Role::ReadOnly;
}

QString IdTokenClaims::machineName(Role role)
{
    switch (role) {
    case Role::Administrator:
        return QStringLiteral("administrator");
    case Role::RecipientAdministrator:
        return QStringLiteral("recipient-administrator");
    case Role::Helpdesk:
        return QStringLiteral("helpdesk");
    case Role::ReadOnly:
        break;
    }
    return QStringLiteral("read-only");
}

std::optional<IdTokenClaims::Role> IdTokenClaims::roleFromName(QStringView name)
{
    for (Role role : {Role::ReadOnly, Role::Helpdesk, Role::RecipientAdministrator, Role::Administrator}) {
        if (name.compare(machineName(role), Qt::CaseInsensitive) == 0)
            return role;
    }
    return std::nullopt;
}

bool IdTokenClaims::canEditMailboxes(Role role)
{
    return role == Role::Administrator || role == Role::RecipientAdministrator;
}

bool IdTokenClaims::canEditOrgSetting(Role role)
{
    return role == Role::Administrator;
}

} // namespace smtpauth
