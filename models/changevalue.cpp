// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/changevalue.h"

#include <QCoreApplication>

namespace smtpauth {

ChangeValue changeValueOf(Override value)
{
    switch (value) {
    case Override::Inherit:
        return ChangeValue::Inherit;
    case Override::Enabled:
        return ChangeValue::Enabled;
    case Override::Disabled:
        return ChangeValue::Disabled;
    }
    return ChangeValue::Inherit;
}

ChangeValue changeValueOf(OrgSetting value)
{
    switch (value) {
    case OrgSetting::Enabled:
        return ChangeValue::Enabled;
    case OrgSetting::Disabled:
        return ChangeValue::Disabled;
    }
    return ChangeValue::Disabled;
}

Override toOverride(ChangeValue value)
{
    switch (value) {
    case ChangeValue::Inherit:
        return Override::Inherit;
    case ChangeValue::Enabled:
        return Override::Enabled;
    case ChangeValue::Disabled:
        return Override::Disabled;
    }
    return Override::Inherit;
}

OrgSetting toOrgSetting(ChangeValue value)
{
    Q_ASSERT_X(value != ChangeValue::Inherit, "toOrgSetting", "the org setting has no inherit");
    return value == ChangeValue::Enabled ? OrgSetting::Enabled : OrgSetting::Disabled;
}

bool isValueOf(ChangeTargetKind kind, ChangeValue value)
{
    switch (kind) {
    case ChangeTargetKind::Mailbox:
        return true;
    case ChangeTargetKind::Org:
        return value != ChangeValue::Inherit;
    }
    return false;
}

QString machineName(ChangeValue value)
{
    switch (value) {
    case ChangeValue::Inherit:
        return QStringLiteral("inherit");
    case ChangeValue::Enabled:
        return QStringLiteral("enabled");
    case ChangeValue::Disabled:
        return QStringLiteral("disabled");
    }
    return QString();
}

std::optional<ChangeValue> changeValueFromName(ChangeTargetKind kind, QStringView word, QString *error)
{
    const QStringView trimmed = word.trimmed();
    for (ChangeValue value : {ChangeValue::Inherit, ChangeValue::Enabled, ChangeValue::Disabled}) {
        if (trimmed.compare(machineName(value), Qt::CaseInsensitive) != 0)
            continue;
        if (isValueOf(kind, value))
            return value;
        if (error)
            *error = QCoreApplication::translate("smtpauth::ChangeValue",
                                                 "the org setting has no '%1': use enabled or disabled")
                         .arg(trimmed.toString());
        return std::nullopt;
    }
    if (error)
        *error =
            kind == ChangeTargetKind::Org
                ? QCoreApplication::translate("smtpauth::ChangeValue",
                                              "'%1' is not an org setting: use enabled or disabled")
                      .arg(trimmed.toString())
                : QCoreApplication::translate("smtpauth::ChangeValue",
                                              "'%1' is not a mailbox value: use inherit, enabled or disabled")
                      .arg(trimmed.toString());
    return std::nullopt;
}

} // namespace smtpauth
