// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "emulator/emulatorgraphapi.h"
#include "emulator/emulatorhttpanswer.h"

#include <QHash>
#include <QString>

namespace smtpauth {

class EmulatorTenant;

// The Graph routes of the usage evidence (graph-protocol.md §4–§5, readiness.md §2), strict where the
// pages are, served from the tenant's usage plan:
// * GET reports/getEmailAppUsageUserDetail(period='D7'|'D30'|'D90'|'D180') answers 302 to a short-lived
//   pre-authenticated download URL on this server (/_reportdownload/<token>). The download refuses any
//   request that carries an Authorization header (400): a client must never send its bearer to the
//   download host. An expired link answers 403 with an empty body, like the real download host.
// * GET admin/reportSettings: displayConcealedNames (the concealment knob).
// * GET auditLogs/signIns with the §5 filter only (createdDateTime ge|gt <UTC time>Z and clientAppUsed
//   eq 'Authenticated SMTP' / 'SMTP', one or both, either order); anything else is a 400 that names what
//   is unsupported. Newest first, at most 1000 a page ($top lowers it), @odata.nextLink with an expiring
//   $skiptoken. Only the last 30 days exist. Without Entra ID P1: 403
//   Authentication_RequestFromNonPremiumTenantOrB2CTenant.
//
// Who may read (delegated, Microsoft Graph documentation; graph-protocol.md §4–§5):
// * usage report and report settings: Reports.Read.All (settings: ReportSettings.Read.All or
//   ReportSettings.ReadWrite.All) and one of Global Administrator, Exchange Administrator, Global Reader,
//   Reports Reader;
// * sign-ins: AuditLog.Read.All and one of Global Administrator, Global Reader, Reports Reader,
//   Security Administrator, Security Operator, Security Reader (not Exchange Administrator alone).
//
// Sign-in outcomes (the emulator's choice; Entra has no error of its own for an Exchange-side refusal):
// 0 success (failureReason "Other.", as Graph writes it), 53003 "Access has been blocked by Conditional
// Access policies..." (conditionalAccessStatus failure) for devices Conditional Access blocks, 50126
// "Error validating credentials due to invalid username or password." for the other refused devices
// (they keep retrying a password rotated since) and for the occasional failure of an accepted device.
class EmulatorUsageApi
{
public:
    struct Knobs
    {
        int linkLifetimeSeconds = 300;
        int expiredLinks = 0; // the next N download links issued answer 403 as expired
        bool concealedNames = false;
        bool columnsMoved = false;
        int signInsFailAfterPages = 0; // > 0: after N sign-in pages every further one fails
        int signInsFailureStatus = 503;
    };
    static constexpr int kMaxSignInPageSize = 1000;
    static constexpr const char *kDownloadPrefix = "/_reportdownload/";
    static constexpr const char *kSecurityOperator = "5f2222b1-57c3-48ba-8ad5-d4759f1fde6f";

    explicit EmulatorUsageApi(EmulatorTenant &tenant) : m_tenant(tenant) {}

    const Knobs &knobs() const { return m_knobs; }
    void setKnobs(const Knobs &knobs);
    void setNextLinkExpirySeconds(int seconds) { m_nextLinkExpirySeconds = seconds; }
    void expireNextLinks() { m_cursors.clear(); }
    int signInPagesServed() const { return m_signInPagesServed; }

    EmulatorHttpAnswer emailAppUsage(const EmulatorGraphApi::Request &request,
                                     const QString &functionSegment);
    EmulatorHttpAnswer reportSettings(const EmulatorGraphApi::Request &request);
    EmulatorHttpAnswer signIns(const EmulatorGraphApi::Request &request);

    static bool isDownloadPath(const QString &decodedPath);
    // No Graph token here: the URL itself is the credential.
    EmulatorHttpAnswer download(const QString &decodedPath, bool hasAuthorization, const QByteArray &method,
                                const QByteArray &clientRequestId);

private:
    struct Link
    {
        int periodDays = 30;
        bool concealed = false;
        bool columnsMoved = false;
        qint64 expiresAtMs = 0;
    };
    struct Cursor
    {
        QString fingerprint;
        qint64 sequence = 0; // next record to look at
        qint64 end = 0;      // records from `end` on are older than the filter (or the retention)
        qint64 expiresAtMs = 0;
    };

    bool holdsRole(const EmulatorGraphApi::Request &request, std::initializer_list<const char *> roles) const;

    EmulatorTenant &m_tenant;
    Knobs m_knobs;
    QHash<QByteArray, Link> m_links;
    QHash<QByteArray, Cursor> m_cursors;
    int m_nextLinkExpirySeconds = 1800;
    int m_signInPagesServed = 0;
};

} // namespace smtpauth
