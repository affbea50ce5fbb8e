// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QJsonValue>
#include <QMetaType>
#include <QString>

// The SMTP AUTH policy rules of Exchange Online, in the product's vocabulary.
//
// The wire property is the double negative `SmtpClientAuthenticationDisabled`: true = disabled,
// false = enabled and, on a mailbox only, null = inherit the organization value. Everything above the
// wire layer uses the types below so that nobody has to think about the double negative again, and
// nobody can forget the inherit case (filtering on `== false` misses every inheriting mailbox).
namespace smtpauth {

// The tenant-wide value (Set-TransportConfig). It has no "inherit".
enum class OrgSetting : quint8
{
    Enabled,
    Disabled
};

// The mailbox's own value (Set-CASMailbox). Inherit is JSON null on the wire.
enum class Override : quint8
{
    Inherit,
    Enabled,
    Disabled
};

enum class EffectiveState : quint8
{
    Enabled,
    Disabled
};

// Where the effective value comes from.
enum class StateSource : quint8
{
    Org,
    Mailbox
};

struct Effective
{
    EffectiveState state = EffectiveState::Disabled;
    StateSource source = StateSource::Org;
    friend bool operator==(const Effective &, const Effective &) = default;
};

// The rule itself: the mailbox value wins unless it is Inherit.
Effective resolveEffective(Override mailboxValue, OrgSetting org);

// Wire mapping for SmtpClientAuthenticationDisabled.
// Returns false when the JSON value is neither bool nor null (and leaves *out alone).
bool overrideFromWire(const QJsonValue &value, Override *out);
QJsonValue overrideToWire(Override value);
bool orgSettingFromWire(const QJsonValue &value, OrgSetting *out);
QJsonValue orgSettingToWire(OrgSetting value);

// Parsing of the words users type on the command line and in CSV files (case-insensitive):
// "enabled", "disabled", "inherit".
bool overrideFromName(QStringView name, Override *out);
bool orgSettingFromName(QStringView name, OrgSetting *out);
bool effectiveStateFromName(QStringView name, EffectiveState *out);
bool stateSourceFromName(QStringView name, StateSource *out);

// Stable machine words, used in CSV/JSON output and accepted back by the *FromName functions.
QString machineName(Override value);       // inherit | enabled | disabled
QString machineName(OrgSetting value);     // enabled | disabled
QString machineName(EffectiveState value); // enabled | disabled
QString machineName(StateSource value);    // org | mailbox

// Words shown to people (product.md vocabulary), translatable.
QString displayText(Override value);       // "Inherit", "Enabled", "Disabled"
QString displayText(OrgSetting value);     // "Enabled", "Disabled"
QString displayText(EffectiveState value); // "Enabled", "Disabled"
QString displayText(StateSource value);    // "Org", "Mailbox"
// "Enabled", "Disabled", "Inherits (Enabled)", "Inherits (Disabled)"
QString describeMailboxSetting(Override value, OrgSetting org);

} // namespace smtpauth

Q_DECLARE_METATYPE(smtpauth::OrgSetting)
Q_DECLARE_METATYPE(smtpauth::Override)
Q_DECLARE_METATYPE(smtpauth::EffectiveState)
Q_DECLARE_METATYPE(smtpauth::StateSource)
