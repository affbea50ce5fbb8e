// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "auth/accountstore.h"

#include <QDir>
#include <QFile>
#include <QSettings>

namespace smtpauth {

namespace {
const QString Group = QStringLiteral("account");
const QString AppGroup = QStringLiteral("app"); // app-only profiles; nothing secret either
constexpr int FormatVersion = 1;
} // namespace

AccountStore::AccountStore(const QString &profileDataDirectory)
    : m_filePath(QDir(profileDataDirectory).filePath(QStringLiteral("account.ini")))
{
}

std::optional<AccountProfile> AccountStore::load() const
{
    if (!QFile::exists(m_filePath))
        return std::nullopt;
    QSettings file(m_filePath, QSettings::IniFormat);
    file.beginGroup(Group);
    if (file.value(QStringLiteral("formatVersion")).toInt() != FormatVersion)
        return std::nullopt;
    AccountProfile profile;
    profile.userPrincipalName = file.value(QStringLiteral("userPrincipalName")).toString();
    profile.tenantId = file.value(QStringLiteral("tenantId")).toString();
    profile.displayName = file.value(QStringLiteral("displayName")).toString();
    profile.objectId = file.value(QStringLiteral("objectId")).toString();
    profile.roleIds = file.value(QStringLiteral("roleIds")).toStringList();
    profile.role = IdTokenClaims::roleFromName(file.value(QStringLiteral("role")).toString())
                       .value_or(IdTokenClaims::Role::ReadOnly);
    profile.cloud = file.value(QStringLiteral("cloud")).toString();
    profile.authority = QUrl(file.value(QStringLiteral("authority")).toString());
    profile.apiBase = QUrl(file.value(QStringLiteral("apiBase")).toString());
    profile.graphBase = QUrl(file.value(QStringLiteral("graphBase")).toString());
    profile.clientId = file.value(QStringLiteral("clientId")).toString();
    profile.lastSignIn =
        QDateTime::fromString(file.value(QStringLiteral("lastSignIn")).toString(), Qt::ISODate);
    file.endGroup();
    file.beginGroup(AppGroup);
    profile.app.clientId = file.value(QStringLiteral("clientId")).toString();
    profile.app.certificatePath = file.value(QStringLiteral("certificate")).toString();
    profile.app.keyPath = file.value(QStringLiteral("key")).toString();
    AppRegistration::algorithmFromName(file.value(QStringLiteral("assertionAlgorithm")).toString(),
                                       &profile.app.algorithm);
    profile.app.certificateThumbprint = file.value(QStringLiteral("certificateThumbprint")).toString();
    profile.app.keyEncrypted = file.value(QStringLiteral("keyEncrypted")).toBool();
    file.endGroup();
    if (profile.userPrincipalName.isEmpty() && profile.tenantId.isEmpty())
        return std::nullopt;
    return profile;
}

bool AccountStore::save(const AccountProfile &profile)
{
    QDir().mkpath(QFileInfo(m_filePath).absolutePath());
    QSettings file(m_filePath, QSettings::IniFormat);
    file.beginGroup(Group);
    file.setValue(QStringLiteral("formatVersion"), FormatVersion);
    file.setValue(QStringLiteral("userPrincipalName"), profile.userPrincipalName);
    file.setValue(QStringLiteral("tenantId"), profile.tenantId);
    file.setValue(QStringLiteral("displayName"), profile.displayName);
    file.setValue(QStringLiteral("objectId"), profile.objectId);
    file.setValue(QStringLiteral("roleIds"), profile.roleIds);
    file.setValue(QStringLiteral("role"), IdTokenClaims::machineName(profile.role));
    file.setValue(QStringLiteral("cloud"), profile.cloud);
    file.setValue(QStringLiteral("authority"), profile.authority.toString());
    file.setValue(QStringLiteral("apiBase"), profile.apiBase.toString());
    file.setValue(QStringLiteral("graphBase"), profile.graphBase.toString());
    file.setValue(QStringLiteral("clientId"), profile.clientId);
    file.setValue(QStringLiteral("lastSignIn"), profile.lastSignIn.toUTC().toString(Qt::ISODate));
    file.endGroup();
    file.remove(AppGroup);
    if (profile.isAppOnly()) {
        file.beginGroup(AppGroup);
        file.setValue(QStringLiteral("clientId"), profile.app.clientId);
        file.setValue(QStringLiteral("certificate"), profile.app.certificatePath);
        file.setValue(QStringLiteral("key"), profile.app.keyPath);
        file.setValue(QStringLiteral("assertionAlgorithm"),
                      AppRegistration::algorithmName(profile.app.algorithm));
        file.setValue(QStringLiteral("certificateThumbprint"), profile.app.certificateThumbprint);
        file.setValue(QStringLiteral("keyEncrypted"), profile.app.keyEncrypted);
        file.endGroup();
    }
    file.sync();
    return file.status() == QSettings::NoError;
}

bool AccountStore::clear()
{
    return !QFile::exists(m_filePath) || QFile::remove(m_filePath);
}

} // namespace smtpauth
