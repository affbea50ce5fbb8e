#include "casmailboxmapper.h"

namespace smtpauth {

std::optional<Mailbox> CasMailboxMapper::fromObject(const QJsonObject &object, QString *problem)
{
    auto refuse = [&](const QString &why) -> std::optional<Mailbox> {
        if (problem)
            *problem = why;
        return std::nullopt;
    };
    Mailbox mailbox;
    mailbox.guid = QUuid::fromString(object.value(QLatin1String("Guid")).toString());
    const QString address = object.value(QLatin1String("PrimarySmtpAddress")).toString();
    const QString label = address.isEmpty() ? object.value(QLatin1String("Identity")).toString() : address;
    if (mailbox.guid.isNull())
        return refuse(QStringLiteral("mailbox '%1' has no valid Guid").arg(label));
    const QJsonValue setting = object.value(QLatin1String("SmtpClientAuthenticationDisabled"));
    if (setting.isUndefined())
        return refuse(QStringLiteral("mailbox '%1' has no SmtpClientAuthenticationDisabled property").arg(label));
    if (!overrideFromWire(setting, &mailbox.smtpAuthOverride))
        return refuse(QStringLiteral("mailbox '%1' has an unreadable SmtpClientAuthenticationDisabled value").arg(label));
    mailbox.externalDirectoryObjectId =
        QUuid::fromString(object.value(QLatin1String("ExternalDirectoryObjectId")).toString());
    mailbox.displayName = object.value(QLatin1String("DisplayName")).toString();
    mailbox.primarySmtpAddress = address;
    mailbox.alias = object.value(QLatin1String("Name")).toString();
    if (mailbox.alias.isEmpty())
        mailbox.alias = object.value(QLatin1String("Identity")).toString();
    return mailbox;
}

} // namespace smtpauth
