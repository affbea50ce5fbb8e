// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/readinessvocabulary.h"

#include <optional>

namespace smtpauth {

// One mailbox's Basic verdict in one byte, for tables of 100k–500k rows: the verdict, the layer that
// decides it when blocked, and the first layer that is unknown (what to read to know more).
// Bits 0–1 verdict, 2–4 deciding layer + 1 (0 = none), 5–7 first unknown layer + 1 (0 = none).
class PackedVerdict
{
public:
    constexpr PackedVerdict() = default;
    constexpr PackedVerdict(Verdict verdict, std::optional<ReadinessLayer> decidedBy,
                            std::optional<ReadinessLayer> firstUnknown)
        : m_bits(quint8(quint8(verdict) | quint8(layerCode(decidedBy) << 2) |
                        quint8(layerCode(firstUnknown) << 5)))
    {
    }
    static constexpr PackedVerdict fromBits(quint8 bits)
    {
        PackedVerdict packed;
        packed.m_bits = bits;
        return packed;
    }

    constexpr quint8 bits() const { return m_bits; }
    constexpr Verdict verdict() const { return Verdict(m_bits & 0x3); }
    constexpr std::optional<ReadinessLayer> decidedBy() const { return layerOf((m_bits >> 2) & 0x7); }
    constexpr std::optional<ReadinessLayer> firstUnknown() const { return layerOf((m_bits >> 5) & 0x7); }
    // The layer a table shows next to the verdict: the blocking one, or for unknown the first unknown one.
    constexpr std::optional<ReadinessLayer> shownLayer() const
    {
        return verdict() == Verdict::Unknown ? firstUnknown() : decidedBy();
    }

    // A bits() value that no evaluation produces (the verdict field is 3): "not computed yet".
    static constexpr quint8 kInvalidBits = 0x3;
    constexpr bool isValid() const { return (m_bits & 0x3) != 0x3; }

    friend constexpr bool operator==(PackedVerdict, PackedVerdict) = default;

private:
    static constexpr quint8 layerCode(std::optional<ReadinessLayer> layer)
    {
        return layer ? quint8(quint8(*layer) + 1) : 0;
    }
    static constexpr std::optional<ReadinessLayer> layerOf(int code)
    {
        return code == 0 || code > kReadinessLayerCount ? std::nullopt
                                                        : std::optional(ReadinessLayer(code - 1));
    }

    quint8 m_bits = kInvalidBits;
};

} // namespace smtpauth

Q_DECLARE_METATYPE(smtpauth::PackedVerdict)
