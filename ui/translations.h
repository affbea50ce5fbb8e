// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

class QCoreApplication;
class QLocale;
class QString;

namespace smtpauth {

// Installs the console's catalogue for `locale` (embedded under :/i18n/) and Qt's own (the standard
// buttons), parented to `app`. A language without a catalogue of its own gets the English one, which
// holds the plural forms: the window says "1 mailbox" and "2 mailboxes", never "mailbox(es)".
// Returns the language of the catalogue installed ("de", "en").
QString installTranslations(QCoreApplication *app, const QLocale &locale);

} // namespace smtpauth
