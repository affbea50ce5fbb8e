// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/smtpauthpolicy.h"

#include <QCoreApplication>

namespace smtpauth {

Effective resolveEffective(Override mailboxValue, OrgSetting org)
{
    switch (mailboxValue) {
    case Override::Enabled:
        return {EffectiveState::Enabled, StateSource::Mailbox};
    case Override::Disabled:
        return {EffectiveState::Disabled, StateSource::Mailbox};
    case Override::Inherit:
        break;
    }
    return {org == OrgSetting::Enabled ? EffectiveState::Enabled : EffectiveState::Disabled,
            StateSource::Org};
}

bool overrideFromWire(const QJsonValue &value, Override *out)
{
    if (value.isNull()) {
        *out = Override::Inherit;
        return true;
    }
    if (value.isBool()) {
        *out = value.toBool() ? Override::Disabled : Override::Enabled;
        return true;
    }
    return false;
}

QJsonValue overrideToWire(Override value)
{
    switch (value) {
    case Override::Enabled:
        return false;
    case Override::Disabled:
        return true;
    case Override::Inherit:
        break;
    }
    return QJsonValue(QJsonValue::Null);
}

bool orgSettingFromWire(const QJsonValue &value, OrgSetting *out)
{
    if (!value.isBool())
        return false;
    *out = value.toBool() ? OrgSetting::Disabled : OrgSetting::Enabled;
    return true;
}

QJsonValue orgSettingToWire(OrgSetting value)
{
    return value == OrgSetting::Disabled;
}

bool overrideFromName(QStringView name, Override *out)
{
    const QString word = name.trimmed().toString().toLower();
    if (word == QLatin1String("enabled"))
        *out = Override::Enabled;
    else if (word == QLatin1String("disabled"))
        *out = Override::Disabled;
    else if (word == QLatin1String("inherit"))
        *out = Override::Inherit;
    else
        return false;
    return true;
}

bool orgSettingFromName(QStringView name, OrgSetting *out)
{
    const QString word = name.trimmed().toString().toLower();
    if (word == QLatin1String("enabled"))
        *out = OrgSetting::Enabled;
    else if (word == QLatin1String("disabled"))
        *out = OrgSetting::Disabled;
    else
        return false;
    return true;
}

bool effectiveStateFromName(QStringView name, EffectiveState *out)
{
    OrgSetting asOrg;
    if (!orgSettingFromName(name, &asOrg))
        return false;
    *out = asOrg == OrgSetting::Enabled ? EffectiveState::Enabled : EffectiveState::Disabled;
    return true;
}

bool stateSourceFromName(QStringView name, StateSource *out)
{
    const QString word = name.trimmed().toString().toLower();
    if (word == QLatin1String("org"))
        *out = StateSource::Org;
    else if (word == QLatin1String("mailbox"))
        *out = StateSource::Mailbox;
    else
        return false;
    return true;
}

QString machineName(Override value)
{
    switch (value) {
    case Override::Enabled:
        return QStringLiteral("enabled");
    case Override::Disabled:
        return QStringLiteral("disabled");
    case Override::Inherit:
        break;
    }
    return QStringLiteral("inherit");
}

QString machineName(OrgSetting value)
{
    return value == OrgSetting::Enabled ? QStringLiteral("enabled") : QStringLiteral("disabled");
}

QString machineName(EffectiveState value)
{
    return value == EffectiveState::Enabled ? QStringLiteral("enabled") : QStringLiteral("disabled");
}

QString machineName(StateSource value)
{
    return value == StateSource::Org ? QStringLiteral("org") : QStringLiteral("mailbox");
}

QString displayText(Override value)
{
    switch (value) {
    case Override::Enabled:
        return QCoreApplication::translate("SmtpAuthPolicy", "Enabled");
    case Override::Disabled:
        return QCoreApplication::translate("SmtpAuthPolicy", "Disabled");
    case Override::Inherit:
        break;
    }
    return QCoreApplication::translate("SmtpAuthPolicy", "Inherit");
}

QString displayText(OrgSetting value)
{
    return value == OrgSetting::Enabled ? QCoreApplication::translate("SmtpAuthPolicy", "Enabled")
                                        : QCoreApplication::translate("SmtpAuthPolicy", "Disabled");
}

QString displayText(EffectiveState value)
{
    return value == EffectiveState::Enabled ? QCoreApplication::translate("SmtpAuthPolicy", "Enabled")
                                            : QCoreApplication::translate("SmtpAuthPolicy", "Disabled");
}

QString displayText(StateSource value)
{
    return value == StateSource::Org ? QCoreApplication::translate("SmtpAuthPolicy", "Org")
                                     : QCoreApplication::translate("SmtpAuthPolicy", "Mailbox");
}

QString describeMailboxSetting(Override value, OrgSetting org)
{
    if (value != Override::Inherit)
        return displayText(value);
    return org == OrgSetting::Enabled ? QCoreApplication::translate("SmtpAuthPolicy", "Inherits (Enabled)")
                                      : QCoreApplication::translate("SmtpAuthPolicy", "Inherits (Disabled)");
}

} // namespace smtpauth
