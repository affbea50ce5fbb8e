// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "emulatortruth.h"

#include <QJsonArray>

namespace smtpauth::test {

std::optional<EmulatorTruth> EmulatorTruth::fromJson(const QJsonObject &document, QString *problem)
{
    const auto fail = [problem](const QString &why) -> std::optional<EmulatorTruth> {
        if (problem)
            *problem = why;
        return std::nullopt;
    };
    EmulatorTruth truth;
    truth.tenantId = QUuid(document.value(QStringLiteral("tenantId")).toString());
    if (truth.tenantId.isNull())
        return fail(QStringLiteral("tenant document without tenantId"));
    truth.domain = document.value(QStringLiteral("domain")).toString();
    if (!orgSettingFromWire(document.value(QStringLiteral("org")), &truth.org))
        return fail(QStringLiteral("tenant document without a boolean org value"));
    const QJsonArray users = document.value(QStringLiteral("users")).toArray();
    for (const QJsonValue &user : users)
        truth.users.append(user.toString());
    const QJsonArray mailboxes = document.value(QStringLiteral("mailboxes")).toArray();
    truth.mailboxes.reserve(mailboxes.size());
    for (const QJsonValue &value : mailboxes) {
        const QJsonObject object = value.toObject();
        Mailbox mailbox;
        mailbox.guid = QUuid(object.value(QStringLiteral("Guid")).toString());
        mailbox.externalDirectoryObjectId =
            QUuid(object.value(QStringLiteral("ExternalDirectoryObjectId")).toString());
        mailbox.primarySmtpAddress = object.value(QStringLiteral("PrimarySmtpAddress")).toString();
        for (const QJsonValue &address : object.value(QStringLiteral("EmailAddresses")).toArray())
            mailbox.emailAddresses.append(address.toString());
        mailbox.displayName = object.value(QStringLiteral("DisplayName")).toString();
        if (mailbox.guid.isNull() ||
            !overrideFromWire(object.value(QStringLiteral("SmtpClientAuthenticationDisabled")),
                              &mailbox.smtpAuthOverride))
            return fail(
                QStringLiteral("a mailbox of the tenant document has no Guid or no readable override"));
        truth.mailboxes.append(mailbox);
    }
    return truth;
}

QHash<QUuid, int> EmulatorTruth::indexByGuid() const
{
    QHash<QUuid, int> index;
    index.reserve(mailboxes.size());
    for (int i = 0; i < mailboxes.size(); ++i)
        index.insert(mailboxes.at(i).guid, i);
    return index;
}

std::optional<EmulatorTruth::Mailbox> EmulatorTruth::mailbox(const QUuid &guid) const
{
    for (const Mailbox &m : mailboxes) {
        if (m.guid == guid)
            return m;
    }
    return std::nullopt;
}

QString EmulatorTruth::user(const QString &alias) const
{
    const QString prefix = alias + QLatin1Char('@');
    for (const QString &upn : users) {
        if (upn.startsWith(prefix, Qt::CaseInsensitive))
            return upn;
    }
    return {};
}

QMap<QUuid, Override> EmulatorTruth::overrides() const
{
    QMap<QUuid, Override> values;
    for (const Mailbox &m : mailboxes)
        values.insert(m.guid, m.smtpAuthOverride);
    return values;
}

Override rotated(Override current)
{
    switch (current) {
    case Override::Inherit:
        return Override::Enabled;
    case Override::Enabled:
        return Override::Disabled;
    case Override::Disabled:
        break;
    }
    return Override::Inherit;
}

} // namespace smtpauth::test
