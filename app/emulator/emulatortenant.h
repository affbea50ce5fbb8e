// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "emulator/emulatordirectory.h"
#include "emulator/emulatordirectoryuser.h"
#include "emulator/emulatormailbox.h"
#include "emulator/emulatorusageplan.h"
#include "models/smtpauthpolicy.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUuid>

namespace smtpauth {

// The synthetic tenant: mailboxes in a contiguous list (the enumeration order, stable for paging),
// hash indexes for Identity resolution, the organization-wide transport settings, and the directory
// (policies, users, groups, Conditional Access: see EmulatorDirectory).
class EmulatorTenant
{
public:
    // Deterministic: the same seed, domain and sizes give the same tenant on every run and machine.
    void seed(quint64 seed, const QString &domain, int mailboxCount, double overrideShare, OrgSetting org);
    bool loadFromFile(const QString &path, QString *errorMessage);
    bool saveToFile(const QString &path, QString *errorMessage) const;

    static QUuid tenantIdFor(quint64 seed, const QString &domain);

    QUuid tenantId() const { return m_tenantId; }
    QString domain() const { return m_domain; }
    OrgSetting org() const { return m_org; }
    void setOrg(OrgSetting org) { m_org = org; }
    bool allowLegacyTlsClients() const { return m_allowLegacyTlsClients; }
    void setAllowLegacyTlsClients(bool allow) { m_allowLegacyTlsClients = allow; }
    QUuid transportConfigGuid() const { return m_transportConfigGuid; }

    int mailboxCount() const { return int(m_mailboxes.size()); }
    const EmulatorMailbox &mailbox(int index) const { return m_mailboxes.at(index); }
    EmulatorMailbox &mailbox(int index) { return m_mailboxes[index]; }
    const QList<EmulatorMailbox> &mailboxes() const { return m_mailboxes; }

    // Resolves an Exchange Identity (Guid, ExternalDirectoryObjectId, PrimarySmtpAddress/UPN, Name),
    // case-insensitively. Returns -1 when nothing matches.
    int findMailbox(QStringView identity) const;

    // True when the path segment names this tenant (its GUID or its initial domain).
    bool matchesTenantSegment(QStringView segment) const;

    EmulatorDirectory &directory() { return m_directory; }
    const EmulatorDirectory &directory() const { return m_directory; }
    // True when loadFromFile found a directory in the file (else the caller seeds one).
    bool directoryLoaded() const { return m_directoryLoaded; }

    // The directory's users: one per mailbox (indexes 0..mailboxCount-1, in mailbox order), then the
    // accounts without a mailbox. Removed users keep their index; isRemoved tells them apart.
    int directoryUserCount() const { return mailboxCount() + int(m_directory.accounts().size()); }
    EmulatorDirectoryUser directoryUser(int index) const;
    bool isDirectoryUserRemoved(int index) const;
    QUuid directoryUserObjectId(int index) const; // cheap: no user view built
    // By Guid, ExternalDirectoryObjectId (object id), UPN, primary address or alias, case-insensitively;
    // -1 for nothing or a removed user.
    int findDirectoryUser(QStringView identity) const;
    // By Entra object id only (the Graph user id); -1 when unknown.
    int directoryUserIndex(const QUuid &objectId) const;

    // Who used SMTP AUTH and how (the usage report, sign-ins, the EAC export). Saved with the tenant.
    EmulatorUsagePlan &usage() { return m_usage; }
    const EmulatorUsagePlan &usage() const { return m_usage; }
    // True when loadFromFile found a usage plan for these mailboxes (else the caller seeds one).
    bool usageLoaded() const { return m_usageLoaded; }

    // What GET /_emulator/usage answers: per user of the usage plan, the raw facts behind the usage
    // report, the sign-ins since `sinceTicks` (100 ns ticks, UTC; capped at the retention) and the EAC
    // report. Users without any usage are listed only with includeUnused. O(sign-in records).
    QJsonObject usageTruth(qint64 sinceTicks, bool includeUnused) const;

    // What GET /_emulator/directory answers: the seeded truth, as the wire shows it.
    QJsonObject directoryTruth(bool includeUsers) const;

private:
    void rebuildIndexes();

    QUuid m_tenantId;
    QUuid m_transportConfigGuid;
    QString m_domain;
    OrgSetting m_org = OrgSetting::Disabled;
    bool m_allowLegacyTlsClients = false;
    QList<EmulatorMailbox> m_mailboxes;
    QHash<QUuid, int> m_byGuid;
    QHash<QUuid, int> m_byExternalId;
    QHash<QString, int> m_byAddress; // lower-case
    EmulatorDirectory m_directory;
    bool m_directoryLoaded = false;
    EmulatorUsagePlan m_usage;
    bool m_usageLoaded = false;
};

} // namespace smtpauth
