// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/readinessvocabulary.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringView>
#include <QUuid>
#include <array>
#include <optional>

namespace smtpauth {

// What one layer does to one mailbox, in words (readiness.md §1: an effect always comes with its detail).
struct LayerFinding
{
    ReadinessLayer layer = ReadinessLayer::SmtpAuthSetting;
    LayerEffect effect = LayerEffect::Unknown;
    QString detail;
    // When what decides the layer last changed, when known: the authentication policy's WhenChanged
    // (policy changes take up to 24 hours to apply), a Conditional Access policy's modifiedDateTime.
    QDateTime changedUtc;
    friend bool operator==(const LayerFinding &, const LayerFinding &) = default;
};

// One verdict with the first layer (in the table's order) that blocks it, and the first that is unknown.
struct ReadinessVerdict
{
    Verdict verdict = Verdict::Unknown;
    std::optional<ReadinessLayer> decidedBy;
    std::optional<ReadinessLayer> firstUnknown;
    friend bool operator==(const ReadinessVerdict &, const ReadinessVerdict &) = default;
};

// Everything `smtpauth-cli why` and the window's explanation show for one mailbox.
struct MailboxReadiness
{
    // The five layers in the table's order, evaluated at the evaluator's date.
    std::array<LayerFinding, kReadinessLayerCount> layers;
    ReadinessVerdict oauth;
    ReadinessVerdict basicNow;
    ReadinessVerdict basicAfterCutoff; // every layer evaluated at basicRetirementCutoff()
    // readiness.md §4: the first blocking layer of Basic now, or of OAuth when that is blocked.
    std::optional<ReadinessLayer> decidedBy;

    const LayerFinding &layer(ReadinessLayer which) const { return layers[size_t(which)]; }

    // Exactly the object of `smtpauth-cli why --format json` (readiness.md §4): mailbox, verdict
    // (decidedBy null when nothing blocks), layers in the table's order with appliesTo.
    QJsonObject toWhyJson(const QUuid &mailboxGuid, QStringView address, QStringView displayName) const;

    friend bool operator==(const MailboxReadiness &, const MailboxReadiness &) = default;
};

} // namespace smtpauth
