// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QDateTime>
#include <QImage>
#include <QString>

namespace smtpauth {

class MailboxStore;
class ReadinessReport;

// The one-page PDF for management (readiness.md §3; product.md, "Cutoff readiness"): the headline, a
// chart of the mailboxes per readiness class, the counts, the 50 `breaks-at-cutoff` mailboxes with the
// most Basic sign-ins, and the sources with their periods and states. The same document from the window
// and from `smtpauth-cli readiness --format pdf`. Needs a QGuiApplication (fonts); no widgets.
class ReadinessPdfReport
{
public:
    static constexpr int kListedMailboxes = 50;

    ReadinessPdfReport(const ReadinessReport &report, const MailboxStore &store, QString tenant);

    // False and *problem when the file cannot be written.
    bool write(const QString &path, QString *problem) const;
    // The chart as drawn into the PDF (bars per class with their counts), for the window's preview and tests.
    QImage chartImage(int width, int height) const;
    // The document's HTML (what the PDF shows), for tests of its content.
    QString html() const;

private:
    const ReadinessReport &m_report;
    const MailboxStore &m_store;
    QString m_tenant;
    QDateTime m_createdUtc;
};

} // namespace smtpauth
