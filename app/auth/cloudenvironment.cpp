// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "auth/cloudenvironment.h"

namespace smtpauth {

CloudEnvironment::CloudEnvironment(Kind kind, const QUrl &authority, const QUrl &apiBase,
                                   const QUrl &graphBase)
    : m_kind(kind), m_authority(authority), m_apiBase(apiBase), m_graphBase(graphBase)
{
}

CloudEnvironment CloudEnvironment::global()
{
    return {Kind::Global, QUrl(QStringLiteral("https://login.microsoftonline.com")),
            QUrl(QStringLiteral("https://outlook.office365.com")),
            QUrl(QStringLiteral("https://graph.microsoft.com"))};
}

CloudEnvironment CloudEnvironment::gccHigh()
{
    return {Kind::GccHigh, QUrl(QStringLiteral("https://login.microsoftonline.us")),
            QUrl(QStringLiteral("https://outlook.office365.us")),
            QUrl(QStringLiteral("https://graph.microsoft.us"))};
}

CloudEnvironment CloudEnvironment::dod()
{
    return {Kind::DoD, QUrl(QStringLiteral("https://login.microsoftonline.us")),
            QUrl(QStringLiteral("https://outlook-dod.office365.us")),
            QUrl(QStringLiteral("https://dod-graph.microsoft.us"))};
}

CloudEnvironment CloudEnvironment::china()
{
    return {Kind::China, QUrl(QStringLiteral("https://login.chinacloudapi.cn")),
            QUrl(QStringLiteral("https://outlook.office365.cn")),
            QUrl(QStringLiteral("https://microsoftgraph.chinacloudapi.cn"))};
}

CloudEnvironment CloudEnvironment::custom(const QUrl &authority, const QUrl &apiBase, const QUrl &graphBase)
{
    return {Kind::Custom, authority, apiBase, graphBase.isEmpty() ? apiBase : graphBase};
}

CloudEnvironment CloudEnvironment::fromKind(Kind kind)
{
    switch (kind) {
    case Kind::Global:
        return global();
    case Kind::GccHigh:
        return gccHigh();
    case Kind::DoD:
        return dod();
    case Kind::China:
        return china();
    case Kind::Custom:
        break;
    }
    return custom(QUrl(), QUrl(), QUrl());
}

std::optional<CloudEnvironment> CloudEnvironment::fromName(QStringView name)
{
    const QString word = name.trimmed().toString().toLower();
    if (word == QLatin1String("global"))
        return global();
    if (word == QLatin1String("gcchigh"))
        return gccHigh();
    if (word == QLatin1String("dod"))
        return dod();
    if (word == QLatin1String("china"))
        return china();
    return std::nullopt;
}

QString CloudEnvironment::name() const
{
    switch (m_kind) {
    case Kind::Global:
        return QStringLiteral("global");
    case Kind::GccHigh:
        return QStringLiteral("gcchigh");
    case Kind::DoD:
        return QStringLiteral("dod");
    case Kind::China:
        return QStringLiteral("china");
    case Kind::Custom:
        break;
    }
    return QStringLiteral("custom");
}

QUrl CloudEnvironment::endpointUrl(const QString &tenant, QStringView leaf) const
{
    QUrl url = m_authority;
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QLatin1Char('/') + tenant + QStringLiteral("/oauth2/v2.0/") + leaf);
    return url;
}

QUrl CloudEnvironment::authorizeUrl(const QString &tenant) const
{
    return endpointUrl(tenant, u"authorize");
}

QUrl CloudEnvironment::tokenUrl(const QString &tenant) const
{
    return endpointUrl(tenant, u"token");
}

QString CloudEnvironment::scope() const
{
    // A custom environment (the embedded demo tenant, a test server) stands in for the worldwide
    // service, so it asks for the worldwide audience; only the sovereign clouds have their own.
    QString resource = m_kind == Kind::Custom
                           ? QStringLiteral("https://outlook.office365.com")
                           : m_apiBase.toString(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment |
                                                QUrl::StripTrailingSlash);
    return resource + QStringLiteral("/.default offline_access openid profile");
}

QString CloudEnvironment::graphResource() const
{
    if (m_kind == Kind::Custom)
        return QStringLiteral("https://graph.microsoft.com");
    return m_graphBase.toString(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment |
                                QUrl::StripTrailingSlash);
}

QString CloudEnvironment::graphScope(const QStringList &permissions) const
{
    const QString resource = graphResource();
    QStringList scopes;
    for (const QString &permission : permissions)
        scopes.append(resource + QLatin1Char('/') + permission);
    scopes.append(QStringLiteral("offline_access"));
    return scopes.join(QLatin1Char(' '));
}

} // namespace smtpauth
