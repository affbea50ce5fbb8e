// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "auth/resourcetokensource.h"

namespace smtpauth {

ResourceTokenSource::ResourceTokenSource(TokenProvider *provider, TokenProvider::Resource resource)
    : AccessTokenSource(provider), m_provider(provider), m_resource(resource)
{
}

void ResourceTokenSource::fetchAccessToken(Callback callback)
{
    if (!m_provider) {
        QMetaObject::invokeMethod(
            this,
            [callback = std::move(callback)] {
                callback(Result{false, QString(), tr("Not signed in.")});
            },
            Qt::QueuedConnection);
        return;
    }
    m_provider->fetchFor(m_resource, std::move(callback));
}

void ResourceTokenSource::reportRejected(const QString &rejectedToken)
{
    if (m_provider)
        m_provider->rejectFor(m_resource, rejectedToken);
}

} // namespace smtpauth
