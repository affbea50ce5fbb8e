#pragma once

#include "emulatormailbox.h"
#include "smtpauthpolicy.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QUuid>

namespace smtpauth {

// The synthetic tenant: mailboxes in a contiguous list (the enumeration order, stable for paging),
// hash indexes for Identity resolution, and the organization-wide transport settings.
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
};

} // namespace smtpauth
