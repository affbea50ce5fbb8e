// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/smtpauthpolicy.h"

#include <QString>
#include <QtGlobal>

namespace smtpauth {

// Everything that shapes the demo tenant and the faults it injects. The defaults are the ones of the
// smtpauth-emulator command line, so an in-process EmulatorServer{EmulatorOptions{}} behaves like the binary.
struct EmulatorOptions
{
    quint16 port = 0; // 0 = any free port
    int mailboxCount = 2000;
    quint64 seed = 1;
    QString tenantDomain = QStringLiteral("contoso.onmicrosoft.com");
    OrgSetting org = OrgSetting::Disabled;
    double overrideShare = 0.1; // share of mailboxes seeded with an explicit true/false
    int pageSize = 1000;        // server maximum; Prefer: odata.maxpagesize can only lower it

    int latencyMs = 0;
    int concurrencyLimit = 0; // requests in flight per tenant; 0 = unlimited
    double rate429 = 0.0;
    double retryAfterShare = 0.5; // share of the random 429s that carry Retry-After
    double rate503 = 0.0;
    double dropRate = 0.0; // connections closed without an answer

    int tokenLifetimeSeconds = 3600;
    int nextLinkExpirySeconds = 1800;
    QString clientId;   // empty = accept any client id
    QString stateFile;  // empty = tenant lives in memory only
    QString controlKey; // empty = the /_emulator/ test-control endpoints do not exist

    // The directory of a newly seeded tenant (a tenant loaded from --state-file keeps its own).
    bool securityDefaults = false;   // --security-defaults on
    bool graphConsentGranted = true; // --no-graph-consent: Graph tokens answer AADSTS65001 until /authorize
    bool entraP1 = true;             // --no-entra-p1: Conditional Access answers 403
    bool authenticationPoliciesUsed = true; // --no-auth-policies: Get-AuthenticationPolicy answers not found
    bool orgDefaultPolicyAsDn = false;      // --org-default-policy-as-dn
    int caGroupSize = -1; // --ca-group-size N: both CA groups get N members (-1 = 2 % / 20 %)

    // Usage evidence (graph-protocol.md §4–§5; the usage plan itself is seeded with the tenant).
    int reportLinkLifetimeSeconds = 300; // --report-link-lifetime S: the pre-authenticated download URL
    int expiredReportLinks = 0;          // --expired-report-links N: the first N links answer 403 as expired
    bool concealedReportNames = false;   // --concealed-names: reportSettings true, 32-hex names in the report
    bool reportColumnsMoved = false; // --report-columns-moved: the usage report's columns in another order
    qint64 signInRecordCount = 0;    // --sign-in-records N: the log's size (0 = the plan's natural count)
    int signInsFailAfterPages = 0; // --sign-ins-fail-after-pages N: then every sign-in page fails (0 = never)
    int signInsFailureStatus = 503; // --sign-ins-failure-status 500|503|504
};

} // namespace smtpauth
