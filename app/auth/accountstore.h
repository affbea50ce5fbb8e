// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "auth/accountprofile.h"

#include <QString>
#include <optional>

namespace smtpauth {

// Keeps the AccountProfile of one profile in "account.ini" inside the profile's data directory (the
// caller decides where that is). Nothing secret goes in this file.
class AccountStore
{
public:
    explicit AccountStore(const QString &profileDataDirectory);

    QString filePath() const { return m_filePath; }
    std::optional<AccountProfile> load() const; // nullopt: never signed in, or signed out
    bool save(const AccountProfile &profile);   // false when the file cannot be written
    bool clear();

private:
    QString m_filePath;
};

} // namespace smtpauth
