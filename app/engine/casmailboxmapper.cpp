// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "engine/casmailboxmapper.h"

#include "models/smtpauthpolicy.h"

namespace smtpauth {

namespace {

constexpr QLatin1String kGuid("Guid");
constexpr QLatin1String kExternalDirectoryObjectId("ExternalDirectoryObjectId");
constexpr QLatin1String kPrimarySmtpAddress("PrimarySmtpAddress");
constexpr QLatin1String kIdentity("Identity");
constexpr QLatin1String kDisplayName("DisplayName");
constexpr QLatin1String kName("Name");
constexpr QLatin1String kSmtpClientAuthenticationDisabled("SmtpClientAuthenticationDisabled");

} // namespace

CasMailboxFields::Value *CasMailboxFields::field(QByteArrayView utf8Name)
{
    // Exact, case-sensitive names, as QJsonObject::value() matches them.
    const QLatin1String wanted(utf8Name.data(), utf8Name.size());
    if (wanted == kGuid)
        return &guid;
    if (wanted == kExternalDirectoryObjectId)
        return &externalDirectoryObjectId;
    if (wanted == kPrimarySmtpAddress)
        return &primarySmtpAddress;
    if (wanted == kIdentity)
        return &identity;
    if (wanted == kDisplayName)
        return &displayName;
    if (wanted == kName)
        return &name;
    if (wanted == kSmtpClientAuthenticationDisabled)
        return &smtpClientAuthenticationDisabled;
    return nullptr;
}

std::optional<Mailbox> CasMailboxMapper::fromObject(const QJsonObject &object, QString *problem)
{
    CasMailboxFields fields;
    fields.guid = CasMailboxFields::Value::fromJson(object.value(kGuid));
    fields.externalDirectoryObjectId =
        CasMailboxFields::Value::fromJson(object.value(kExternalDirectoryObjectId));
    fields.primarySmtpAddress = CasMailboxFields::Value::fromJson(object.value(kPrimarySmtpAddress));
    fields.identity = CasMailboxFields::Value::fromJson(object.value(kIdentity));
    fields.displayName = CasMailboxFields::Value::fromJson(object.value(kDisplayName));
    fields.name = CasMailboxFields::Value::fromJson(object.value(kName));
    fields.smtpClientAuthenticationDisabled =
        CasMailboxFields::Value::fromJson(object.value(kSmtpClientAuthenticationDisabled));
    return fromFields(fields, problem);
}

std::optional<Mailbox> CasMailboxMapper::fromFields(const CasMailboxFields &fields, QString *problem)
{
    auto refuse = [&](const QString &why) -> std::optional<Mailbox> {
        if (problem)
            *problem = why;
        return std::nullopt;
    };
    Mailbox mailbox;
    mailbox.guid = QUuid::fromString(fields.guid.text());
    const QString address = fields.primarySmtpAddress.text();
    const QString label = address.isEmpty() ? fields.identity.text() : address;
    if (mailbox.guid.isNull())
        return refuse(QStringLiteral("mailbox '%1' has no valid Guid").arg(label));
    const CasMailboxFields::Value &setting = fields.smtpClientAuthenticationDisabled;
    if (setting.kind == CasMailboxFields::Value::Kind::Absent)
        return refuse(
            QStringLiteral("mailbox '%1' has no SmtpClientAuthenticationDisabled property").arg(label));
    if (!overrideFromWire(setting.toJson(), &mailbox.smtpAuthOverride))
        return refuse(QStringLiteral("mailbox '%1' has an unreadable SmtpClientAuthenticationDisabled value")
                          .arg(label));
    mailbox.externalDirectoryObjectId = QUuid::fromString(fields.externalDirectoryObjectId.text());
    mailbox.displayName = fields.displayName.text();
    mailbox.primarySmtpAddress = address;
    mailbox.alias = fields.name.text();
    if (mailbox.alias.isEmpty())
        mailbox.alias = fields.identity.text();
    return mailbox;
}

} // namespace smtpauth
