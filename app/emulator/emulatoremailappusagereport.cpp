// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "emulator/emulatoremailappusagereport.h"

#include "emulator/emulatorcsv.h"
#include "emulator/emulatortenant.h"

#include <QCryptographicHash>

namespace smtpauth {

const QStringList &EmulatorEmailAppUsageReport::columns()
{
    static const QStringList names{
        QStringLiteral("Report Refresh Date"),
        QStringLiteral("User Principal Name"),
        QStringLiteral("Display Name"),
        QStringLiteral("Is Deleted"),
        QStringLiteral("Deleted Date"),
        QStringLiteral("Last Activity Date"),
        QStringLiteral("Mail For Mac"),
        QStringLiteral("Outlook For Mac"),
        QStringLiteral("Outlook For Windows"),
        QStringLiteral("Outlook For Mobile"),
        QStringLiteral("Other For Mobile"),
        QStringLiteral("Outlook For Web"),
        QStringLiteral("POP3 App"),
        QStringLiteral("IMAP4 App"),
        QStringLiteral("SMTP App"),
        QStringLiteral("Report Period"),
    };
    return names;
}

const QStringList &EmulatorEmailAppUsageReport::movedColumns()
{
    static const QStringList names{
        QStringLiteral("Report Period"),       QStringLiteral("SMTP App"),
        QStringLiteral("Display Name"),        QStringLiteral("Is Deleted"),
        QStringLiteral("User Principal Name"), QStringLiteral("Last Activity Date"),
        QStringLiteral("Report Refresh Date"), QStringLiteral("Deleted Date"),
        QStringLiteral("Outlook For Windows"), QStringLiteral("Outlook For Web"),
        QStringLiteral("Outlook For Mac"),     QStringLiteral("Mail For Mac"),
        QStringLiteral("Outlook For Mobile"),  QStringLiteral("Other For Mobile"),
        QStringLiteral("IMAP4 App"),           QStringLiteral("POP3 App"),
    };
    return names;
}

bool EmulatorEmailAppUsageReport::periodDays(const QString &period, int *days)
{
    static constexpr int kDays[] = {7, 30, 90, 180};
    for (const int d : kDays) {
        if (period == QLatin1Char('D') + QString::number(d)) {
            *days = d;
            return true;
        }
    }
    return false;
}

QString EmulatorEmailAppUsageReport::pseudonym(const QString &tenantKey, const QString &userPrincipalName)
{
    return QString::fromLatin1(
        QCryptographicHash::hash((tenantKey + QLatin1Char('|') + userPrincipalName.toLower()).toUtf8(),
                                 QCryptographicHash::Md5)
            .toHex()
            .toUpper());
}

QByteArray EmulatorEmailAppUsageReport::build(const EmulatorTenant &tenant, const Options &options)
{
    const EmulatorUsagePlan &plan = tenant.usage();
    const QStringList &order = options.columnsMoved ? movedColumns() : columns();
    // Where each documented column goes in the order written.
    QList<int> position(columns().size());
    for (qsizetype i = 0; i < columns().size(); ++i)
        position[i] = int(order.indexOf(columns().at(i)));

    const QDate refresh = plan.refreshDate();
    const QString refreshText = refresh.toString(Qt::ISODate);
    const QString periodText = QString::number(options.periodDays);
    const QString tenantKey = tenant.tenantId().toString(QUuid::WithoutBraces);
    const QString yes = QStringLiteral("Yes");

    QByteArray out;
    out.reserve(qsizetype(plan.userCount()) * 140 + 512);
    out += EmulatorCsv::kBom;
    EmulatorCsv::appendRow(out, order);
    QStringList fields(columns().size());
    for (int u = 0; u < plan.userCount(); ++u) {
        QString upn;
        QString displayName;
        bool deleted = false;
        if (u < tenant.mailboxCount()) {
            if (tenant.isDirectoryUserRemoved(u))
                continue;
            const EmulatorDirectoryUser user = tenant.directoryUser(u);
            upn = user.userPrincipalName;
            displayName = user.displayName;
        } else {
            const EmulatorUsagePlan::Orphan &orphan = plan.orphans().at(u - tenant.mailboxCount());
            upn = orphan.userPrincipalName;
            displayName = orphan.displayName;
            deleted = orphan.deleted;
        }
        const int outlook = plan.outlookDaysAgo(u);
        const int smtp = plan.smtpDaysAgo(u);
        const bool outlookInPeriod = plan.usedInPeriod(options.periodDays, outlook);
        const bool smtpInPeriod = plan.usedInPeriod(options.periodDays, smtp);
        if (!outlookInPeriod && !smtpInPeriod)
            continue;
        int lastDaysAgo = -1;
        for (const int d : {outlookInPeriod ? outlook : -1, smtpInPeriod ? smtp : -1}) {
            if (d >= 0 && (lastDaysAgo < 0 || d < lastDaysAgo))
                lastDaysAgo = d;
        }
        if (options.concealedNames) {
            upn = pseudonym(tenantKey, upn);
            displayName = upn;
        }
        const auto set = [&](int column, const QString &value) { fields[position.at(column)] = value; };
        set(0, refreshText);
        set(1, upn);
        set(2, displayName);
        set(3, deleted ? QStringLiteral("True") : QStringLiteral("False"));
        set(4, deleted ? refresh.addDays(-45).toString(Qt::ISODate) : QString());
        set(5, refresh.addDays(-lastDaysAgo).toString(Qt::ISODate));
        for (int app = 0; app < 8; ++app)
            set(6 + app, outlookInPeriod && plan.usesApp(u, app) ? yes : QString());
        set(14, smtpInPeriod ? yes : QString());
        set(15, periodText);
        EmulatorCsv::appendRow(out, fields);
    }
    return out;
}

} // namespace smtpauth
