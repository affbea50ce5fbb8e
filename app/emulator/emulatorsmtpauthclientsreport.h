// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QByteArray>
#include <QString>

namespace smtpauth {

class EmulatorTenant;

// The Exchange admin center's "SMTP AUTH clients" report as the admin exports it (graph-protocol.md
// §6; there is no API): one row per sender and authentication protocol over the last 90 days, the
// sender being the address the device signs in and sends as: the mailbox's primary SMTP address, or for
// about a third of the mailboxes that have one a secondary smtp: address (a device set up with an
// alias; chosen by the mailbox's seeded Guid, so the same tenant gives the same report), or an account
// without a mailbox. UTF-8 with a BOM,
// CRLF. Choices where the page is uncertain: the protocol column is "Authentication protocol" with the
// values "Basic Authentication" and "OAuth"; the TLS columns hold whole percentages without a sign.
class EmulatorSmtpAuthClientsReport
{
public:
    static QByteArray build(const EmulatorTenant &tenant);
    // The Sender address of usage user `user` (a mailbox index, or beyond them an account without one).
    static QString senderOf(const EmulatorTenant &tenant, int user);
    static bool write(const EmulatorTenant &tenant, const QString &path, QString *errorMessage);
};

} // namespace smtpauth
