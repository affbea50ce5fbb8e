// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QDateTime>
#include <QString>

namespace smtpauth {

// Whether one part of the tenant directory (policies, users, security defaults, a group's members...)
// was read, and if not, why. The reason is in the server's words, composed by whoever read it (e.g.
// "403 Authorization_RequestDenied: Insufficient privileges to complete the operation. Reading
// Conditional Access needs the Security Reader or Global Reader role."): readiness.md §1 wants every
// unknown layer to say why, and only the reader knows.
struct SourceStatus
{
    enum State : quint8
    {
        NotRead,
        Read,
        Unavailable
    };

    State state = NotRead;
    QString reason;
    QDateTime readUtc;

    static SourceStatus read(const QDateTime &whenUtc = {}) { return {Read, {}, whenUtc}; }
    static SourceStatus unavailable(const QString &why, const QDateTime &whenUtc = {})
    {
        return {Unavailable, why, whenUtc};
    }
    bool isRead() const { return state == Read; }

    friend bool operator==(const SourceStatus &, const SourceStatus &) = default;
};

} // namespace smtpauth
