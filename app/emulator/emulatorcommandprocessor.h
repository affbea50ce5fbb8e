#pragma once

#include "emulatorhttpanswer.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace smtpauth {

class EmulatorTenant;
struct EmulatorUser;

// Executes InvokeCommand and $batch bodies against the tenant: strict validation, the error envelope,
// paging cursors (nextLink/$skiptoken) and $select. Knows nothing about sockets, faults or latency.
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
    // Expires every link once `pages` more Get-CASMailbox pages have been served, so a test can make a
    // link expire at an exact page even when the client already asked for the next one.
    void expireNextLinksAfterPages(int pages) { m_pagesUntilExpiry = pages; }

    // Query items by their decoded name: "$skiptoken" and "%24skiptoken" are the same item. (QUrlQuery
    // matches names in encoded form, which misses the percent-encoded "$" that nextLinks carry.)
    static QString decodedQueryItem(const QString &encodedQuery, QStringView name);

private:
    struct Cursor
    {
        QByteArray fingerprint;
        int offset = 0;
        int end = 0;
        bool truncated = false;
        qint64 expiresAtMs = 0;
    };

    EmulatorHttpAnswer getCasMailbox(const Request &request, const QJsonObject &parameters,
                                     const QByteArray &fingerprint);
    EmulatorHttpAnswer setCasMailbox(const QJsonObject &parameters, bool *changed);
    EmulatorHttpAnswer getTransportConfig(const Request &request);
    EmulatorHttpAnswer setTransportConfig(const QJsonObject &parameters, bool *changed);

    int effectivePageSize(const QByteArray &prefer, QByteArray *applied) const;
    QByteArray issueCursor(const Cursor &cursor);

    EmulatorTenant &m_tenant;
    int m_serverPageSize = 1000;
    int m_nextLinkExpirySeconds = 1800;
    QHash<QByteArray, Cursor> m_cursors;
    quint64 m_cursorSerial = 0;
    int m_pagesUntilExpiry = 0; // 0 = no expiry scheduled
};

} // namespace smtpauth
