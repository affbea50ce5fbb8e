// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/readinessvocabulary.h"

#include <QCoreApplication>

namespace smtpauth {

namespace {

// One table per enum, so that a machine word and its parser cannot drift apart.
constexpr std::array<const char *, kReadinessLayerCount> kLayerNames{
    "smtp-auth-setting", "authentication-policy", "security-defaults", "conditional-access",
    "basic-retirement"};
constexpr std::array<const char *, 4> kEffectNames{"allows", "blocks", "blocks-some", "unknown"};
constexpr std::array<const char *, 2> kScopeNames{"all", "basic"};
constexpr std::array<const char *, 3> kVerdictNames{"allowed", "blocked", "unknown"};

template <typename Enum, size_t N>
bool fromName(QStringView name, const std::array<const char *, N> &names, Enum *out)
{
    const QStringView word = name.trimmed();
    for (size_t i = 0; i < N; ++i) {
        if (word.compare(QLatin1String(names[i]), Qt::CaseInsensitive) == 0) {
            *out = Enum(i);
            return true;
        }
    }
    return false;
}

} // namespace

LayerScope layerScope(ReadinessLayer layer)
{
    // The SMTP AUTH switch gates the protocol for OAuth and Basic alike; every other gate is about
    // Basic (username + password) sign-ins only.
    return layer == ReadinessLayer::SmtpAuthSetting ? LayerScope::AllClients : LayerScope::BasicOnly;
}

QDate basicRetirementCutoff()
{
    return QDate(2026, 12, 31);
}

QString machineName(ReadinessLayer layer)
{
    return QLatin1String(kLayerNames[size_t(layer)]);
}

QString machineName(LayerEffect effect)
{
    return QLatin1String(kEffectNames[size_t(effect)]);
}

QString machineName(LayerScope scope)
{
    return QLatin1String(kScopeNames[size_t(scope)]);
}

QString machineName(Verdict verdict)
{
    return QLatin1String(kVerdictNames[size_t(verdict)]);
}

bool readinessLayerFromName(QStringView name, ReadinessLayer *out)
{
    return fromName(name, kLayerNames, out);
}

bool layerEffectFromName(QStringView name, LayerEffect *out)
{
    return fromName(name, kEffectNames, out);
}

bool layerScopeFromName(QStringView name, LayerScope *out)
{
    return fromName(name, kScopeNames, out);
}

bool verdictFromName(QStringView name, Verdict *out)
{
    return fromName(name, kVerdictNames, out);
}

QString displayText(ReadinessLayer layer)
{
    switch (layer) {
    case ReadinessLayer::SmtpAuthSetting:
        return QCoreApplication::translate("Readiness", "SMTP AUTH setting");
    case ReadinessLayer::AuthenticationPolicy:
        return QCoreApplication::translate("Readiness", "Authentication policy");
    case ReadinessLayer::SecurityDefaults:
        return QCoreApplication::translate("Readiness", "Security defaults");
    case ReadinessLayer::ConditionalAccess:
        return QCoreApplication::translate("Readiness", "Conditional Access");
    case ReadinessLayer::BasicRetirement:
        break;
    }
    return QCoreApplication::translate("Readiness", "Basic retirement");
}

QString displayText(LayerEffect effect)
{
    switch (effect) {
    case LayerEffect::Allows:
        return QCoreApplication::translate("Readiness", "Allows");
    case LayerEffect::Blocks:
        return QCoreApplication::translate("Readiness", "Blocks");
    case LayerEffect::BlocksSome:
        return QCoreApplication::translate("Readiness", "May block");
    case LayerEffect::Unknown:
        break;
    }
    return QCoreApplication::translate("Readiness", "Unknown");
}

QString displayText(LayerScope scope)
{
    return scope == LayerScope::AllClients ? QCoreApplication::translate("Readiness", "All clients")
                                           : QCoreApplication::translate("Readiness", "Basic only");
}

QString displayText(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Allowed:
        return QCoreApplication::translate("Readiness", "Allowed");
    case Verdict::Blocked:
        return QCoreApplication::translate("Readiness", "Blocked");
    case Verdict::Unknown:
        break;
    }
    return QCoreApplication::translate("Readiness", "Unknown");
}

} // namespace smtpauth
