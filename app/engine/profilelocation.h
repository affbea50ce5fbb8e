// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QString>

namespace smtpauth {

// Where one profile keeps its files (account.ini, snapshot and journal databases, keychain index).
//
// Real profiles live under <base>/profiles/<name>; the demo profile under <base>/demo, so a demo tenant
// can never mix with a real tenant's profile even if someone names a real profile "demo".
// <base> is --data-dir when given, else <GenericDataLocation>/SmtpAuthConsole (shared by CLI and window).
class ProfileLocation
{
public:
    static ProfileLocation forProfile(const QString &name, const QString &baseDirectory = {});
    static ProfileLocation forDemo(const QString &baseDirectory = {});
    // Names are used in paths and keychain keys: letters, digits, '.', '_' and '-', at most 64.
    static bool isValidName(const QString &name);
    static QString defaultBaseDirectory();

    QString name() const { return m_name; }
    bool isDemo() const { return m_demo; }
    QString directory() const { return m_directory; }
    // The base directory all profiles of this installation live under (--data-dir or the default).
    QString baseDirectory() const { return m_base; }
    // Names of the real profiles under `baseDirectory` (the demo is not one of them).
    static QStringList profileNames(const QString &baseDirectory);
    QString filePath(const QString &fileName) const;
    // Creates the directory (owner-only permissions). False with a message when it cannot.
    bool ensureExists(QString *errorMessage) const;

private:
    QString m_name;
    QString m_directory;
    QString m_base;
    bool m_demo = false;
};

} // namespace smtpauth
