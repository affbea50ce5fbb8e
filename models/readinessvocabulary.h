// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QDate>
#include <QMetaType>
#include <QString>
#include <QStringView>
#include <array>

// The words of readiness.md §1: the gates that decide whether a mailbox can send, what each one does
// to it, and the verdicts. The machine names are a contract (`smtpauth-cli why --format json`, exports,
// scripts): they never change and never go through tr(); the display texts are for people.
namespace smtpauth {

// In the table's order: the first layer that blocks decides a verdict, so the order is part of the rule.
enum class ReadinessLayer : quint8
{
    SmtpAuthSetting,
    AuthenticationPolicy,
    SecurityDefaults,
    ConditionalAccess,
    BasicRetirement,
};
inline constexpr int kReadinessLayerCount = 5;
inline constexpr std::array<ReadinessLayer, kReadinessLayerCount> kReadinessLayers{
    ReadinessLayer::SmtpAuthSetting, ReadinessLayer::AuthenticationPolicy, ReadinessLayer::SecurityDefaults,
    ReadinessLayer::ConditionalAccess, ReadinessLayer::BasicRetirement};

// BlocksSome is a block with conditions (locations, platforms, risk): it may block, and a verdict
// counts it as blocking. Unknown means the data could not be read or understood; it is never an allow.
enum class LayerEffect : quint8
{
    Allows,
    Blocks,
    BlocksSome,
    Unknown
};

// Which SMTP AUTH clients a layer applies to: every client, or Basic (username + password) ones only.
enum class LayerScope : quint8
{
    AllClients,
    BasicOnly
};
LayerScope layerScope(ReadinessLayer layer);

enum class Verdict : quint8
{
    Allowed,
    Blocked,
    Unknown
};

// Microsoft turns Basic for SMTP AUTH off by default for existing tenants at the end of December 2026
// (readiness.md §4 `"cutoff": "2026-12-31"`): Basic is blocked on and after this date.
QDate basicRetirementCutoff();

// Stable machine words (readiness.md §1 and §4), accepted back by the *FromName functions.
QString machineName(ReadinessLayer layer); // smtp-auth-setting | authentication-policy | security-defaults |
                                           // conditional-access | basic-retirement
QString machineName(LayerEffect effect);   // allows | blocks | blocks-some | unknown
QString machineName(LayerScope scope);     // all | basic
QString machineName(Verdict verdict);      // allowed | blocked | unknown

// Case-insensitive; false (and *out untouched) for anything else.
bool readinessLayerFromName(QStringView name, ReadinessLayer *out);
bool layerEffectFromName(QStringView name, LayerEffect *out);
bool layerScopeFromName(QStringView name, LayerScope *out);
bool verdictFromName(QStringView name, Verdict *out);

// Words shown to people, translatable.
QString displayText(ReadinessLayer layer); // "SMTP AUTH setting", "Authentication policy", ...
QString displayText(LayerEffect effect);   // "Allows", "Blocks", "May block", "Unknown"
QString displayText(LayerScope scope);     // "All clients", "Basic only"
QString displayText(Verdict verdict);      // "Allowed", "Blocked", "Unknown"

} // namespace smtpauth

Q_DECLARE_METATYPE(smtpauth::ReadinessLayer)
Q_DECLARE_METATYPE(smtpauth::LayerEffect)
Q_DECLARE_METATYPE(smtpauth::LayerScope)
Q_DECLARE_METATYPE(smtpauth::Verdict)
