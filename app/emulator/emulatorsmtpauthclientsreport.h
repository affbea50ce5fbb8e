#pragma once

#include <QByteArray>
#include <QString>

namespace smtpauth {

class EmulatorTenant;

// The Exchange admin center's "SMTP AUTH clients" report as the admin exports it (graph-protocol.md
// §6; there is no API): one row per sender and authentication protocol over the last 90 days, the
// sender being the mailbox's primary SMTP address (or an account without a mailbox). UTF-8 with a BOM,
// CRLF. Choices where the page is uncertain: the protocol column is "Authentication protocol" with the
// values "Basic Authentication" and "OAuth"; the TLS columns hold whole percentages without a sign.
class EmulatorSmtpAuthClientsReport
{
public:
    static QByteArray build(const EmulatorTenant &tenant);
    static bool write(const EmulatorTenant &tenant, const QString &path, QString *errorMessage);
};

} // namespace smtpauth
