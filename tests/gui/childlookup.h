// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QObject>
#include <QString>
#include <QtGlobal>

// Tests reach the window's parts by object name, as a screen reader or a person would find them, not
// through getters added to production widgets for the tests' sake.
template <typename T> T *child(const QObject *root, const char *objectName)
{
    T *found = root->findChild<T *>(QString::fromLatin1(objectName));
    if (!found)
        qFatal("no child named %s of the expected type", objectName);
    return found;
}
