// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/smtpauthpolicy.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QUuid>
#include <optional>

namespace smtpauth::test {

// What the emulator really holds (GET /_emulator/tenant): the yardstick every test compares the client's
// view with. Read straight from the emulator's control surface, never through the client under test.
struct EmulatorTruth
{
    struct Mailbox
    {
        QUuid guid;
        QUuid externalDirectoryObjectId;
        QString primarySmtpAddress;
        QStringList
            emailAddresses; // "SMTP:<primary>", "smtp:<alias>", "X500:...", as Get-CASMailbox lists them
        QString displayName;
        Override smtpAuthOverride = Override::Inherit;
    };

    QUuid tenantId;
    QString domain;
    OrgSetting org = OrgSetting::Disabled;
    QStringList users;
    QList<Mailbox> mailboxes;

    // nullopt (and a reason) when the document does not have the expected shape.
    static std::optional<EmulatorTruth> fromJson(const QJsonObject &document, QString *problem = nullptr);

    // Guid -> index into mailboxes.
    QHash<QUuid, int> indexByGuid() const;
    std::optional<Mailbox> mailbox(const QUuid &guid) const;
    // Guid -> override of every mailbox: compared before and after to prove what changed (or did not).
    QMap<QUuid, Override> overrides() const;
    // Users by their role word: admin, recipients, helpdesk, reader.
    QString user(const QString &alias) const;
};

// A value different from `current`, cycling inherit → enabled → disabled → inherit: tests that need a
// real change for any mailbox use it.
Override rotated(Override current);

} // namespace smtpauth::test
