// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "emulator/emulatorhttpanswer.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QUuid>
#include <initializer_list>

namespace smtpauth {

class EmulatorTenant;
class EmulatorUsageApi;

// The Microsoft Graph routes behind the readiness layers (graph-protocol.md §1–§3), under /v1.0/ and
// /beta/ (the same data): security defaults, Conditional Access policies, group members, a user's
// directory roles, and the group/user objects those refer to; the usage evidence of §4–§5 through
// EmulatorUsageApi. Graph's error shape, paging by absolute
// @odata.nextLink with an expiring $skiptoken, $select and $top. Knows nothing about sockets, faults or
// tokens: the caller has authenticated the request and passes who is calling with which permissions.
//
// Who may read what (delegated, Microsoft Graph documentation):
// * Conditional Access: permission Policy.Read.All (or Policy.ReadWrite.ConditionalAccess) and one of
//   the roles Global Secure Access Administrator, Security Reader, Security Administrator, Global
//   Reader, Conditional Access Administrator (microsoft-graph-docs-contrib,
//   api-reference/v1.0/includes/rbac-for-apis/rbac-conditionalaccess-apis-read.md), or Global
//   Administrator. Anyone else: 403 Authorization_RequestDenied. Exchange Administrator is not enough.
// * Security defaults: Policy.Read.All (or Policy.ReadWrite.SecurityDefaults/ConditionalAccess) and no
//   directory role: the page (identitysecuritydefaultsenforcementpolicy-get) names none, and
//   Microsoft365DSC's AADSecurityDefaults lists no read role either.
// * Group members and group objects: GroupMember.Read.All, Group.Read.All, Directory.Read.All (or their
//   ReadWrite forms) and no role, as group-list-transitivemembers documents; member users may read the
//   directory by default.
// * A user's transitiveMemberOf: User.Read for oneself, else User.Read.All, GroupMember.Read.All,
//   Group.Read.All or Directory.Read.All (user-list-transitivememberof); no role.
// * Without Entra ID P1 there is no Conditional Access. The page leaves open whether Graph answers an
//   empty list or a 403; the emulator answers 403 Authentication_RequestFromNonPremiumTenantOrB2CTenant
//   ("Tenant is not a B2C tenant and doesn't have premium license"), the code Graph uses for the other
//   P1-gated data (sign-in logs, §5), so that a client can say "needs Entra ID P1" instead of mistaking
//   it for a missing role (Authorization_RequestDenied).
class EmulatorGraphApi
{
public:
    struct Request
    {
        QByteArray method; // "GET", ...
        QString path;      // decoded, starting with /v1.0/ or /beta/
        QString rawPath;   // as sent (nextLinks repeat it)
        QString rawQuery;  // as sent
        QString baseUrl;   // http://127.0.0.1:PORT
        QByteArray clientRequestId;
        QByteArray accept;
        int callerIndex = -1; // directory user index of the signed-in user
        QStringList scopes;   // the token's Graph permissions
    };

    explicit EmulatorGraphApi(EmulatorTenant &tenant) : m_tenant(tenant) {}

    static constexpr int kConditionalAccessPageSize = 2; // small, so the 5 seeded policies need 3 pages
    static constexpr int kDefaultPageSize = 100;
    static constexpr int kMaxPageSize = 999;

    void setNextLinkExpirySeconds(int seconds) { m_nextLinkExpirySeconds = seconds; }
    // The usage evidence routes (reports, admin/reportSettings, auditLogs/signIns) are served by `usage`.
    void setUsageApi(EmulatorUsageApi *usage) { m_usage = usage; }
    void expireNextLinks() { m_cursors.clear(); }
    void expireNextLinksAfterPages(int pages) { m_pagesUntilExpiry = pages; }

    // Paths (prefixes, case-insensitive) answered 403 Authorization_RequestDenied whatever the role.
    void forbidPath(const QString &prefix) { m_forbidden.append(prefix); }
    void clearForbidden() { m_forbidden.clear(); }

    // *route receives a short route name for the stats ("" when no route matched).
    EmulatorHttpAnswer handle(const Request &request, QString *route);

    // True for /v1.0/... and /beta/...
    static bool isGraphPath(const QString &decodedPath);
    // Whether the token's scopes hold one of the permissions that grant a route (case-insensitive).
    static bool hasAnyScope(const QStringList &scopes, std::initializer_list<const char *> accepted);
    // Graph's error shape, with innerError date, request-id and the echoed client-request-id.
    static EmulatorHttpAnswer error(int status, const QString &code, const QString &message,
                                    const QByteArray &clientRequestId);

private:
    struct Cursor
    {
        QString fingerprint;
        int offset = 0;
        qint64 expiresAtMs = 0;
    };
    struct Page
    {
        int begin = 0;
        int end = 0;
        QString nextLink; // empty on the last page
    };

    EmulatorHttpAnswer securityDefaults(const Request &request);
    EmulatorHttpAnswer conditionalAccess(const Request &request, const QString &policyId);
    EmulatorHttpAnswer group(const Request &request, const QString &groupId);
    EmulatorHttpAnswer groupMembers(const Request &request, const QString &groupId, bool userCast);
    EmulatorHttpAnswer user(const Request &request, const QString &userId);
    EmulatorHttpAnswer memberOf(const Request &request, const QString &userId, const QString &cast);

    // Resolves a page of `total` items: the $skiptoken's cursor or the first page. false with the
    // error answer in *refusal for an expired or foreign token.
    bool page(const Request &request, int total, int pageSize, Page *out, EmulatorHttpAnswer *refusal);
    int findUser(const Request &request, const QString &userId) const;

    EmulatorTenant &m_tenant;
    int m_nextLinkExpirySeconds = 1800;
    QHash<QByteArray, Cursor> m_cursors;
    quint64 m_cursorSerial = 0;
    int m_pagesUntilExpiry = 0;
    QStringList m_forbidden;
    EmulatorUsageApi *m_usage = nullptr;
};

} // namespace smtpauth
