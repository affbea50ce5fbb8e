// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

namespace smtpauth {

class EmulatorTenant;

// What the demo tenant's service side would do today with a Basic (username + password) SMTP AUTH
// sign-in of one mailbox user: the emulator's own judgment, used only to seed a usage history that is
// consistent with the directory (a device the tenant refuses has failed sign-ins, not successful ones).
// Written from readiness.md §1 for the emulator alone; the console has its own implementation, and
// tests compare the two only through the wire.
class EmulatorBasicAuthGate
{
public:
    enum class Outcome
    {
        Accepted,
        AcceptedInsideTrustedLocations, // a CA block with location conditions: the device sits in the office
        RefusedBySetting,               // effective SMTP AUTH Disabled (Exchange answers 5.7.139)
        RefusedByAuthenticationPolicy,  // the policy in force has AllowBasicAuthSmtp off
        RefusedBySecurityDefaults,
        RefusedByConditionalAccess,
    };

    static Outcome evaluate(const EmulatorTenant &tenant, int mailboxIndex);
    static bool smtpAuthEnabled(const EmulatorTenant &tenant, int mailboxIndex);
    static bool accepted(Outcome outcome)
    {
        return outcome == Outcome::Accepted || outcome == Outcome::AcceptedInsideTrustedLocations;
    }
};

} // namespace smtpauth
