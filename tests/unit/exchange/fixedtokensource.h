// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "exchange/accesstokensource.h"

#include <QStringList>
#include <QTimer>

namespace smtpauth::test {

// Hands out "token-1", then "token-2" after the first is reported rejected, and so on; always
// asynchronously, as the real TokenProvider does.
class FixedTokenSource : public AccessTokenSource
{
    Q_OBJECT
public:
    using AccessTokenSource::AccessTokenSource;

    void fetchAccessToken(Callback callback) override
    {
        ++fetches;
        Result result;
        result.ok = failWith.isEmpty();
        result.errorMessage = failWith;
        if (result.ok)
            result.accessToken = QStringLiteral("token-%1").arg(generation);
        QTimer::singleShot(0, this, [callback, result] { callback(result); });
    }

    void reportRejected(const QString &rejectedToken) override
    {
        rejected.append(rejectedToken);
        if (rejectedToken == QStringLiteral("token-%1").arg(generation))
            ++generation;
    }

    int generation = 1;
    int fetches = 0;
    QString failWith; // non-empty: every fetch fails with this message
    QStringList rejected;
};

} // namespace smtpauth::test
