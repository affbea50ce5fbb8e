// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "auth/idtokenclaims.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <optional>

namespace smtpauth {

// What a successful interactive sign-in (or a refresh) hands over. Holds secrets: keep it in memory,
// pass the refresh token to a SecretStore, never log or serialize it.
struct SignInResult
{
    QString accessToken;
    QDateTime accessTokenExpiresAt; // UTC; invalid when the server did not say
    QString refreshToken;           // empty when the server issued none
    QString idToken;
    std::optional<IdTokenClaims> account; // from the id_token, when there was a readable one
};

} // namespace smtpauth

Q_DECLARE_METATYPE(smtpauth::SignInResult)
