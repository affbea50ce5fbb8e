#include "emulatorsmtpauthclientsreport.h"

#include "emulatorcsv.h"
#include "emulatortenant.h"

#include <QSaveFile>

namespace smtpauth {

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
        const QString sender = u < tenant.mailboxCount()
                                   ? tenant.mailbox(u).primarySmtpAddress
                                   : plan.orphans().at(u - tenant.mailboxCount()).userPrincipalName;
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
