// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "emulator/emulatorhttpanswer.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <functional>

namespace smtpauth {

class EmulatorTenant;
struct EmulatorUser;

// Executes InvokeCommand and $batch bodies against the tenant: strict validation, the error envelope,
// paging cursors (nextLink/$skiptoken) and $select. Knows nothing about sockets, faults or latency.
//
// Cmdlets: Get-CASMailbox, Set-CASMailbox, Get-TransportConfig, Set-TransportConfig (§1–§5), and the
// readiness reads of §9: Get-AuthenticationPolicy, Get-OrganizationConfig, Get-User. Every Get that
// lists objects pages the same way (server page size, Prefer: odata.maxpagesize, nextLink by POST).
class EmulatorCommandProcessor
{
public:
    struct Request
    {
        const EmulatorUser *user = nullptr;
        QString tenantSegment; // as it appeared in the path (GUID or domain), reused in links
        QString baseUrl;       // http://127.0.0.1:PORT
        QString select;        // raw $select, empty = all properties
        QString skipToken;     // raw $skiptoken, empty = first page
        QByteArray prefer;     // Prefer header
        QByteArray contentType;
        QByteArray body;
    };

    explicit EmulatorCommandProcessor(EmulatorTenant &tenant) : m_tenant(tenant) {}

    void setServerPageSize(int pageSize) { m_serverPageSize = pageSize; }
    void setNextLinkExpirySeconds(int seconds) { m_nextLinkExpirySeconds = seconds; }

    // cmdletNames receives the cmdlets that ran; *changed is set when a Set modified the tenant.
    EmulatorHttpAnswer invoke(const Request &request, QStringList *cmdletNames, bool *changed);
    EmulatorHttpAnswer batch(const Request &request, QStringList *cmdletNames, bool *changed);

    void expireNextLinks() { m_cursors.clear(); }
    // Expires every link once `pages` more pages of a listing Get have been served, so a test can make a
    // link expire at an exact page even when the client already asked for the next one.
    void expireNextLinksAfterPages(int pages) { m_pagesUntilExpiry = pages; }

    // Test control: the cmdlet answers 403 for everyone, with x-ms-diagnostics naming the missing role.
    // AsUser: the body the user's own 403s have (empty, or NUL bytes for the helpdesk user).
    enum class ForbiddenBody
    {
        AsUser,
        Empty,
        NulBytes
    };
    void forbidCmdlet(const QString &name, ForbiddenBody body = ForbiddenBody::AsUser);
    void clearForbiddenCmdlets() { m_forbidden.clear(); }
    // The canonical spelling of a cmdlet this processor runs ("get-user" -> "Get-User"), else empty.
    static QString knownCmdlet(const QString &name);

    // Query items by their decoded name: "$skiptoken" and "%24skiptoken" are the same item. (QUrlQuery
    // matches names in encoded form, which misses the percent-encoded "$" that nextLinks carry.)
    static QString decodedQueryItem(const QString &encodedQuery, QStringView name);

private:
    struct Cursor
    {
        QByteArray fingerprint;
        int offset = 0;    // next index to look at
        int end = 0;       // index bound of the enumeration
        int rowsLeft = -1; // rows still to answer (-1: end alone decides; Get-CASMailbox)
        bool truncated = false;
        qint64 expiresAtMs = 0;
    };
    // Writes the row at `index` and returns true, or returns false to skip it (filtered out).
    using RowWriter = std::function<bool(QByteArray &out, int index)>;

    EmulatorHttpAnswer getCasMailbox(const Request &request, const QJsonObject &parameters,
                                     const QByteArray &fingerprint);
    EmulatorHttpAnswer setCasMailbox(const QJsonObject &parameters, bool *changed);
    EmulatorHttpAnswer getTransportConfig(const Request &request);
    EmulatorHttpAnswer setTransportConfig(const QJsonObject &parameters, bool *changed);
    EmulatorHttpAnswer getAuthenticationPolicy(const Request &request, const QJsonObject &parameters,
                                               const QByteArray &fingerprint);
    EmulatorHttpAnswer getOrganizationConfig(const Request &request, const QJsonObject &parameters);
    EmulatorHttpAnswer getUser(const Request &request, const QJsonObject &parameters,
                               const QByteArray &fingerprint);

    int effectivePageSize(const QByteArray &prefer, QByteArray *applied) const;
    QByteArray issueCursor(const Cursor &cursor);
    // One page of a listing: rows from the cursor on, the truncation warning on the last page of a
    // truncated result, the nextLink while rows are left.
    EmulatorHttpAnswer pageAnswer(const Request &request, Cursor cursor, int pageSize,
                                  const QByteArray &applied, const RowWriter &writeRow);

    EmulatorTenant &m_tenant;
    int m_serverPageSize = 1000;
    int m_nextLinkExpirySeconds = 1800;
    QHash<QByteArray, Cursor> m_cursors;
    quint64 m_cursorSerial = 0;
    int m_pagesUntilExpiry = 0;                // 0 = no expiry scheduled
    QHash<QString, ForbiddenBody> m_forbidden; // lower-case cmdlet name
};

} // namespace smtpauth
