// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/graphconsentprompt.h"

#include "auth/graphpermission.h"

#include <QPushButton>

namespace smtpauth {

GraphConsentPrompt::GraphConsentPrompt(const QString &reason, QWidget *parent)
    : QMessageBox(QMessageBox::Question, tr("Allow access to readiness data"), QString(),
                  QMessageBox::NoButton, parent)
{
    setObjectName(QStringLiteral("graphConsentPrompt"));
    QString permissions;
    for (const GraphPermission &permission : GraphPermission::readinessPermissions())
        permissions += QStringLiteral("<li><b>%1</b>: %2</li>")
                           .arg(permission.name.toHtmlEscaped(), permission.purpose.toHtmlEscaped());
    setTextFormat(Qt::RichText);
    setText(
        tr("<p>%1</p><p>The console reads these with your own sign-in, in the browser, once (read-only):</p>"
           "<ul>%2</ul><p>Until then the Why panel shows these layers as unknown; everything else works.</p>")
            .arg(reason.toHtmlEscaped(), permissions));
    m_allow = addButton(tr("Allow access…"), QMessageBox::AcceptRole);
    m_allow->setObjectName(QStringLiteral("allowAccessButton"));
    m_allow->setAccessibleDescription(tr("Opens the browser to grant the read-only permissions listed."));
    QPushButton *notNow = addButton(tr("Not now"), QMessageBox::RejectRole);
    notNow->setObjectName(QStringLiteral("notNowButton"));
    notNow->setAccessibleDescription(tr("Closes this; the Why panel keeps showing these layers as unknown."));
    setDefaultButton(m_allow);
}

} // namespace smtpauth
