// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QByteArray>
#include <QString>

namespace smtpauth {

// stdout carries the document a script reads (table, CSV, JSON); stderr carries messages for people.
// Both are flushed at once so that a test or a pipe sees lines as they happen.
void writeStdout(const QByteArray &bytes);
void writeStderrLine(const QString &line);
// Whether a person watches stderr (progress lines only then): isatty on POSIX, _isatty on Windows.
bool stderrIsTerminal();

} // namespace smtpauth
