// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "emulator/emulatorsmtpauthclientsreport.h"

#include "emulator/emulatorcsv.h"
#include "emulator/emulatortenant.h"

#include <QSaveFile>

namespace smtpauth {

QString EmulatorSmtpAuthClientsReport::senderOf(const EmulatorTenant &tenant, int user)
{
    if (user >= tenant.mailboxCount())
        return tenant.usage().orphans().at(user - tenant.mailboxCount()).userPrincipalName;
    const EmulatorMailbox &mailbox = tenant.mailbox(user);
    if (mailbox.guid.data1 % 3 != 0)
        return mailbox.primarySmtpAddress;
    // The last secondary smtp: address: the vanity or legacy one when there is one, which is what a
    // device configured years ago still uses.
    for (qsizetype i = mailbox.emailAddresses.size() - 1; i >= 0; --i) {
        const QString &entry = mailbox.emailAddresses.at(i);
        if (entry.startsWith(QLatin1String("smtp:")))
            return entry.mid(5);
    }
    return mailbox.primarySmtpAddress;
}

QByteArray EmulatorSmtpAuthClientsReport::build(const EmulatorTenant &tenant)
{
    const EmulatorUsagePlan &plan = tenant.usage();
    QByteArray out;
    out += EmulatorCsv::kBom;
    EmulatorCsv::appendRow(out,
                           {QStringLiteral("Sender address"), QStringLiteral("Domain"),
                            QStringLiteral("TLS 1.0"), QStringLiteral("TLS 1.1"), QStringLiteral("TLS 1.2"),
                            QStringLiteral("Messages sent"), QStringLiteral("Authentication protocol")});
    for (int u = 0; u < plan.userCount(); ++u) {
        const QList<EmulatorUsagePlan::Protocol> protocols = plan.reportProtocols(u);
        if (protocols.isEmpty())
            continue;
        const QString sender = senderOf(tenant, u);
        for (const EmulatorUsagePlan::Protocol protocol : protocols) {
            const int tls10 = plan.tls10Percent(u, protocol);
            EmulatorCsv::appendRow(out, {sender, sender.section(QLatin1Char('@'), 1), QString::number(tls10),
                                         QStringLiteral("0"), QString::number(100 - tls10),
                                         QString::number(plan.messagesSent(u, protocol)),
                                         protocol == EmulatorUsagePlan::Protocol::Basic
                                             ? QStringLiteral("Basic Authentication")
                                             : QStringLiteral("OAuth")});
        }
    }
    return out;
}

bool EmulatorSmtpAuthClientsReport::write(const EmulatorTenant &tenant, const QString &path,
                                          QString *errorMessage)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(build(tenant)) < 0 || !file.commit()) {
        if (errorMessage)
            *errorMessage = file.errorString();
        return false;
    }
    return true;
}

} // namespace smtpauth
