// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "engine/profilelocation.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>

namespace smtpauth {

QString ProfileLocation::defaultBaseDirectory()
{
    // Not AppDataLocation: that differs between smtpauth-cli and smtpauth-console, which must share
    // their profiles (sign in with one, use the other).
    QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (base.isEmpty())
        base = QDir::homePath() + QLatin1String("/.local/share");
    return base + QLatin1String("/SmtpAuthConsole");
}

bool ProfileLocation::isValidName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z0-9._-]{1,64}$"));
    return pattern.match(name).hasMatch() && name != QLatin1String(".") && name != QLatin1String("..");
}

ProfileLocation ProfileLocation::forProfile(const QString &name, const QString &baseDirectory)
{
    ProfileLocation location;
    location.m_name = name;
    const QString base = baseDirectory.isEmpty() ? defaultBaseDirectory() : baseDirectory;
    location.m_directory = QDir::cleanPath(base + QLatin1String("/profiles/") + name);
    location.m_base = base;
    return location;
}

ProfileLocation ProfileLocation::forDemo(const QString &baseDirectory)
{
    ProfileLocation location;
    location.m_name = QStringLiteral("demo");
    location.m_demo = true;
    const QString base = baseDirectory.isEmpty() ? defaultBaseDirectory() : baseDirectory;
    location.m_directory = QDir::cleanPath(base + QLatin1String("/demo"));
    location.m_base = base;
    return location;
}

QStringList ProfileLocation::profileNames(const QString &baseDirectory)
{
    QStringList names;
    const QStringList entries = QDir(baseDirectory + QLatin1String("/profiles"))
                                    .entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &entry : entries) {
        if (isValidName(entry))
            names.append(entry);
    }
    return names;
}

QString ProfileLocation::filePath(const QString &fileName) const
{
    return m_directory + QLatin1Char('/') + fileName;
}

bool ProfileLocation::ensureExists(QString *errorMessage) const
{
    if (!QDir().mkpath(m_directory)) {
        if (errorMessage)
            *errorMessage = QStringLiteral("Cannot create the profile directory %1").arg(m_directory);
        return false;
    }
    // Tenant data (mailbox lists, journal) is not secret but not for other local users either.
    QFile::setPermissions(m_directory,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return true;
}

} // namespace smtpauth
