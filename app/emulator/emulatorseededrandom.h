// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QUuid>
#include <QtGlobal>
#include <random>

namespace smtpauth {

// The tenant's deterministic random source. Portable on purpose: std::uniform_*_distribution differ
// between standard libraries, these helpers do not, so a seed gives the same tenant on every machine.
class EmulatorSeededRandom
{
public:
    explicit EmulatorSeededRandom(quint64 seed) : m_engine(seed) {}
    quint64 next() { return m_engine(); }
    int below(int bound) { return int(m_engine() % quint64(bound)); }
    double unit() { return double(m_engine() >> 11) * 0x1.0p-53; }
    bool chance(double p) { return unit() < p; }
    QUuid uuid()
    {
        const quint64 hi = m_engine();
        const quint64 lo = m_engine();
        return QUuid(uint(hi >> 32), ushort(hi >> 16), ushort((hi & 0x0fff) | 0x4000),
                     uchar(((lo >> 56) & 0x3f) | 0x80), uchar(lo >> 48), uchar(lo >> 40), uchar(lo >> 32),
                     uchar(lo >> 24), uchar(lo >> 16), uchar(lo >> 8), uchar(lo));
    }

private:
    std::mt19937_64 m_engine;
};

} // namespace smtpauth
