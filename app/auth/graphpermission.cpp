// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "auth/graphpermission.h"

#include <QCoreApplication>

namespace smtpauth {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("smtpauth::GraphPermission", text);
}
} // namespace

QList<GraphPermission> GraphPermission::readinessPermissions()
{
    return {
        {QStringLiteral("Policy.Read.All"),
         tr("read security defaults and Conditional Access policies (which can block Basic sign-ins)")},
        {QStringLiteral("GroupMember.Read.All"),
         tr("read the members of the groups Conditional Access policies include or exclude")},
        {QStringLiteral("Reports.Read.All"), tr("read the email app usage report (who used SMTP AUTH)")},
        {QStringLiteral("AuditLog.Read.All"),
         tr("read sign-in logs (who still signs in with Basic SMTP AUTH)")},
        {QStringLiteral("ReportSettings.Read.All"),
         tr("read whether reports conceal user names (then usage cannot be matched to mailboxes)")},
    };
}

QStringList GraphPermission::names(const QList<GraphPermission> &permissions)
{
    QStringList result;
    for (const GraphPermission &permission : permissions)
        result.append(permission.name);
    return result;
}

} // namespace smtpauth
