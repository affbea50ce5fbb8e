// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// Fuzzes TenantDirectory::deserialize, which reads the profile's cache (directory.cache) at start: a
// damaged or foreign file must be refused with a reason, never crash, and what it accepts must write
// back to the same bytes' meaning (serialize → deserialize gives an equal cache).
#include "fuzzinput.h"
#include "models/tenantdirectory.h"

using namespace smtpauth;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QString error;
    const std::optional<TenantDirectory> directory = TenantDirectory::deserialize(
        QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)), &error);
    if (!directory) {
        fuzz::require(!error.isEmpty(), "a refused cache without a reason");
        return 0;
    }
    const QByteArray again = directory->serialize();
    const std::optional<TenantDirectory> reread = TenantDirectory::deserialize(again, &error);
    fuzz::require(reread.has_value(), "a cache written back is refused");
    fuzz::require(reread->serialize() == again, "a cache does not round-trip");
    return 0;
}
