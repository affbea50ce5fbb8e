// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "emulator/emulatorfault.h"
#include "emulator/emulatormailbox.h"
#include "emulator/emulatoroptions.h"
#include "emulator/emulatorstats.h"
#include "models/smtpauthpolicy.h"

#include <QAbstractHttpServer>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrl>
#include <QUuid>
#include <memory>
#include <optional>

QT_BEGIN_NAMESPACE
class QTcpSocket;
QT_END_NAMESPACE

namespace smtpauth {

// The embedded demo tenant: Exchange Online's InvokeCommand/$batch API, the Microsoft Graph routes of
// the readiness layers (/v1.0/, /beta/) and the identity platform's authorize/token endpoints on
// 127.0.0.1, with a seeded tenant and directory and injectable faults.
//
// Choices where the real service is undocumented (exchange-protocol.md marks them uncertain):
// * a path naming another tenant (unknown GUID/domain) answers 401 invalid_token, like a token/tenant
// mismatch;
// * Get/Set of an unknown Identity answers 404 "NotFound" with the full §5 envelope
// (Ex6F9304|...NotFound...);
// * the ResultSize truncation warning comes with the last page of the truncated result;
// * an unknown login_hint redirects with error=access_denied; no login_hint shows a user-picker page;
// * a refresh token is issued only for offline_access, an ID token only for openid (as the real service);
// * an authorization code is consumed by any redemption attempt, successful or not;
// * skiptokens stay valid (re-fetchable, e.g. by retries) until they expire; they are bound to the
//   CmdletInput, $select and tenant they were issued for.
//
// Answers are written asynchronously (latency, concurrency limit) straight to the socket, which is why
// this derives from QAbstractHttpServer instead of using QHttpServer's synchronous router.
class EmulatorServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    explicit EmulatorServer(const EmulatorOptions &options, QObject *parent = nullptr);
    ~EmulatorServer() override;

    // Seeds (or loads --state-file) and listens on QHostAddress::LocalHost only.
    bool start(QString *errorMessage = nullptr);
    quint16 port() const { return m_port; }
    QUrl baseUrl() const;      // http://127.0.0.1:PORT  (the API base and the authority host)
    QUrl authorityUrl() const; // http://127.0.0.1:PORT/<tenant GUID>
    const EmulatorOptions &options() const { return m_options; }

    // The seeded truth.
    QUuid tenantId() const;
    QString tenantDomain() const;
    OrgSetting orgSetting() const;
    QList<EmulatorMailbox> mailboxes() const;
    int mailboxCount() const;
    QStringList demoUserPrincipalNames() const; // admin, recipients, helpdesk, reader
    QString adminUserPrincipalName() const;

    // Changes made "by another admin", bypassing the API. Return false for an unknown identity.
    bool setMailboxOverride(const QString &identity, Override value);
    void setOrgSetting(OrgSetting value);

    // The directory (readiness.md §1). directoryTruth() is what GET /_emulator/directory answers.
    QJsonObject directoryTruth(bool includeUsers = true) const;
    QUuid groupId(const QString &displayName) const; // the seeded CA groups by name; null when none
    void setSecurityDefaults(bool enabled);
    // false: "no consent yet" (recorded consents are forgotten); Graph redemptions answer AADSTS65001
    // until the user goes through /authorize with the Graph scopes.
    void setGraphConsentGranted(bool granted);
    void setEntraP1Licensed(bool licensed);
    void setAuthenticationPoliciesUsed(bool used);
    void setOrgDefaultPolicyAsDn(bool asDn);
    void setOrgDefaultAuthenticationPolicy(const QString &name);   // empty = none
    void setConditionalAccessPolicies(const QJsonArray &policies); // raw Graph objects, served verbatim
    // nullopt clears the user's own policy. False for an unknown user.
    bool setUserAuthenticationPolicy(const QString &identity, const std::optional<QString> &policy);
    bool setUserPrincipalName(const QString &identity, const QString &userPrincipalName);
    bool removeUser(const QString &identity); // gone from Get-User, Graph and groups; its mailbox stays
    // members: user identities (object id, UPN, address, Guid). False for an unknown group or user.
    bool setGroupMembers(const QUuid &group, const QStringList &members, QString *unknownMember = nullptr);
    // 403 for everyone: a cmdlet (false when the emulator does not know it) or a Graph path prefix.
    bool forbidCmdlet(const QString &cmdlet);
    void forbidGraphPath(const QString &prefix);
    void clearForbidden();

    // Usage evidence (graph-protocol.md §4–§6). The knobs take effect for the next request; the
    // sign-in record count rebuilds the generated log.
    void setConcealedReportNames(bool concealed);
    void setReportColumnsMoved(bool moved);
    void setReportLinkLifetimeSeconds(int seconds);
    void expireNextReportLinks(int count);   // the next `count` download links are issued already expired
    void setSignInRecordCount(qint64 count); // 0 = the plan's natural count
    void failSignInsAfterPages(int pages, int status = 503); // 0 = never
    QDateTime usageAnchor() const; // where the generated history ends (the server's start, UTC)
    // What GET /_emulator/usage answers (see EmulatorTenant::usageTruth). since: invalid = the retention.
    QJsonObject usageTruth(const QDateTime &since = {}, bool includeUnused = false) const;
    // The EAC "SMTP AUTH clients" export of this tenant (also smtpauth-emulator --write-smtp-report).
    // Seeds (or loads --state-file) first when the server was not started.
    QByteArray smtpAuthClientsReport();
    bool writeSmtpAuthClientsReport(const QString &path, QString *errorMessage = nullptr);

    // Test controls (also reachable over HTTP under /_emulator/ when a control key is set).
    void setFaultScript(const QList<EmulatorFault> &script); // replaces the pending script
    int pendingFaults() const;
    // Answers parked by a script step with "hold" (GET /_emulator/holds), in arrival order: what a test
    // sees of each request. Released by id, or all at once (POST /_emulator/release); a released answer
    // goes out after the latency and its step's delayMs, and not at all when the client hung up meanwhile.
    struct HeldRequest
    {
        int id = 0;
        QString method;
        QString path;
        QStringList cmdlets; // /adminapi/ only: the cmdlets the request ran
        QString clientRequestId;
        QByteArray body;       // as sent
        bool connected = true; // false once the client gave up on it
    };
    QList<HeldRequest> heldRequests() const;
    bool releaseHeld(int id); // false for an id that is not held
    int releaseAllHeld();     // how many were released
    void setFaultRates(double rate429, double retryAfterShare, double rate503, double dropRate);
    void setLatencyMs(int latencyMs);
    void setConcurrencyLimit(int limit);
    void expireAccessTokens();
    void revokeRefreshTokens();
    void expireNextLinks();
    EmulatorStats stats() const;
    void resetStats();

Q_SIGNALS:
    void tenantChanged(); // after any change of a mailbox, the organization value or the directory

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    // Seeds or loads the tenant, its directory and usage plan (once); false with a reason.
    bool prepareTenant(QString *errorMessage);

    class Private;
    std::unique_ptr<Private> d;
    EmulatorOptions m_options;
    quint16 m_port = 0;
    bool m_prepared = false;
};

} // namespace smtpauth
