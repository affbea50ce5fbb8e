// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "report/readinesspdfreport.h"

#include "models/mailboxstore.h"
#include "models/readinessreport.h"

#include <QCoreApplication>
#include <QFile>
#include <QFontMetrics>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTextDocument>
#include <QUrl>
#include <algorithm>

namespace smtpauth {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("ReadinessPdfReport", text);
}

QString sourceTitle(UsageEvidence::Source source)
{
    switch (source) {
    case UsageEvidence::Source::UsageReport:
        return tr("Usage report");
    case UsageEvidence::Source::SignInLogs:
        return tr("Sign-in logs");
    case UsageEvidence::Source::SmtpAuthReport:
        return tr("SMTP AUTH clients report");
    }
    return QString();
}

const QColor kBarColor(0x2f, 0x6f, 0xb3);
const QUrl kChartUrl(QStringLiteral("smtpauth://readiness-chart.png"));
} // namespace

ReadinessPdfReport::ReadinessPdfReport(const ReadinessReport &report, const MailboxStore &store,
                                       QString tenant)
    : m_report(report), m_store(store), m_tenant(std::move(tenant)),
      m_createdUtc(QDateTime::currentDateTimeUtc())
{
}

QImage ReadinessPdfReport::chartImage(int width, int height) const
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    QFont font = painter.font();
    font.setPixelSize(std::max(10, height / 16));
    painter.setFont(font);
    const QFontMetrics metrics(font);
    int labelWidth = 0;
    int maximum = 1;
    for (ReadinessClass readinessClass : kReadinessClasses) {
        labelWidth = std::max(labelWidth, metrics.horizontalAdvance(displayText(readinessClass)));
        maximum = std::max(maximum, m_report.count(readinessClass));
    }
    const int countWidth = metrics.horizontalAdvance(QStringLiteral("000000"));
    const int left = labelWidth + 12;
    const int barSpace = std::max(10, width - left - countWidth - 8);
    const int rowHeight = height / kReadinessClassCount;
    for (int i = 0; i < kReadinessClassCount; ++i) {
        const ReadinessClass readinessClass = kReadinessClasses[size_t(i)];
        const int count = m_report.count(readinessClass);
        const int top = i * rowHeight;
        const QRect label(0, top, labelWidth + 6, rowHeight);
        painter.setPen(Qt::black);
        painter.drawText(label, Qt::AlignRight | Qt::AlignVCenter, displayText(readinessClass));
        // Every class with mailboxes gets a visible bar, however large the biggest one is.
        const int length = count == 0 ? 0 : std::max(3, int(qint64(barSpace) * count / maximum));
        const QRect bar(left, top + rowHeight / 5, length, rowHeight * 3 / 5);
        painter.fillRect(bar, kBarColor);
        painter.drawText(QRect(left + length + 6, top, countWidth, rowHeight),
                         Qt::AlignLeft | Qt::AlignVCenter, QString::number(count));
    }
    return image;
}

QString ReadinessPdfReport::html() const
{
    QString html = QStringLiteral("<html><body style=\"font-family: sans-serif; font-size: 9pt;\">");
    html += QStringLiteral("<h2 style=\"margin-bottom: 2px;\">%1</h2>")
                .arg(tr("SMTP AUTH: readiness for the Basic authentication cutoff").toHtmlEscaped());
    html += QStringLiteral("<p style=\"color: #555;\">%1</p>")
                .arg(tr("Tenant %1 · generated %2 UTC · cutoff %3")
                         .arg(m_tenant, m_createdUtc.toString(QStringLiteral("yyyy-MM-dd HH:mm")),
                              m_report.cutoff().toString(Qt::ISODate))
                         .toHtmlEscaped());
    html += QStringLiteral("<p style=\"font-size: 12pt;\"><b>%1</b></p>")
                .arg(m_report.headline().toHtmlEscaped());
    html += QStringLiteral("<p><img src=\"%1\" width=\"480\" height=\"150\"></p>").arg(kChartUrl.toString());

    html += QStringLiteral(
                "<table cellspacing=\"0\" cellpadding=\"2\" border=\"0\"><tr><th align=\"left\">%1</th>"
                "<th align=\"right\">%2</th><th align=\"left\">%3</th></tr>")
                .arg(tr("Class"), tr("Mailboxes"), tr("What to do"));
    for (ReadinessClass readinessClass : kReadinessClasses) {
        html += QStringLiteral("<tr><td>%1</td><td align=\"right\">%2</td><td>%3</td></tr>")
                    .arg(displayText(readinessClass).toHtmlEscaped())
                    .arg(m_report.count(readinessClass))
                    .arg(adviceText(readinessClass).toHtmlEscaped());
    }
    html += QStringLiteral("</table>");

    // The mailboxes that break, most Basic sign-ins first: the devices with the most traffic to move.
    QList<int> breaking = m_report.rowsOfClasses({ReadinessClass::BreaksAtCutoff});
    std::stable_sort(breaking.begin(), breaking.end(), [this](int left, int right) {
        return m_report.rowForMailbox(left).basicSignIns > m_report.rowForMailbox(right).basicSignIns;
    });
    const qsizetype listed = std::min<qsizetype>(breaking.size(), kListedMailboxes);
    html += QStringLiteral("<h3 style=\"margin-bottom: 2px;\">%1</h3>")
                .arg(breaking.size() > listed
                         ? tr("The %1 of %2 mailboxes that break with the most Basic sign-ins")
                               .arg(listed)
                               .arg(breaking.size())
                               .toHtmlEscaped()
                         : tr("Mailboxes that break at the cutoff").toHtmlEscaped());
    if (listed == 0) {
        html += QStringLiteral("<p>%1</p>").arg(tr("None.").toHtmlEscaped());
    } else {
        html +=
            QStringLiteral("<table cellspacing=\"0\" cellpadding=\"1\" style=\"font-size: 7pt;\"><tr>"
                           "<th align=\"left\">%1</th><th align=\"left\">%2</th><th align=\"right\">%3</th>"
                           "<th align=\"left\">%4</th></tr>")
                .arg(tr("Display name"), tr("Address"), tr("Basic sign-ins"), tr("Last Basic sign-in"));
        for (qsizetype i = 0; i < listed; ++i) {
            const int row = breaking.at(i);
            const ReadinessReport::Row &entry = m_report.rowForMailbox(row);
            html += QStringLiteral("<tr><td>%1</td><td>%2</td><td align=\"right\">%3</td><td>%4</td></tr>")
                        .arg(m_store.displayName(row).toString().toHtmlEscaped(),
                             m_store.primarySmtpAddress(row).toString().toHtmlEscaped())
                        .arg(entry.basicSignIns)
                        .arg(entry.lastBasicSignInMs == 0
                                 ? QString()
                                 : QDateTime::fromMSecsSinceEpoch(entry.lastBasicSignInMs, Qt::UTC)
                                       .toString(QStringLiteral("yyyy-MM-dd")));
        }
        html += QStringLiteral("</table>");
    }

    html +=
        QStringLiteral("<h3 style=\"margin-bottom: 2px;\">%1</h3><table cellspacing=\"0\" cellpadding=\"1\" "
                       "style=\"font-size: 7.5pt;\">")
            .arg(tr("Sources").toHtmlEscaped());
    for (const ReadinessReport::SourceLine &line : m_report.sources()) {
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td><td>%3</td></tr>")
                    .arg(sourceTitle(line.source).toHtmlEscaped(), line.state.toHtmlEscaped(),
                         line.detail.toHtmlEscaped());
    }
    html += QStringLiteral("</table></body></html>");
    return html;
}

bool ReadinessPdfReport::write(const QString &path, QString *problem) const
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *problem = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    {
        QPdfWriter writer(&file);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(15, 12, 15, 12), QPageLayout::Millimeter);
        writer.setResolution(300);
        writer.setTitle(tr("SMTP AUTH readiness"));
        writer.setCreator(QStringLiteral("SMTP AUTH Console"));
        QTextDocument document;
        document.setDocumentMargin(0);
        document.addResource(QTextDocument::ImageResource, kChartUrl, chartImage(1440, 450));
        document.setHtml(html());
        // Laid out in points (what the HTML's pt sizes mean), painted at the writer's resolution.
        const QSizeF page = writer.pageLayout().paintRectPoints().size();
        document.setPageSize(QSizeF(page.width(), 1e9)); // one long page: its height is the content's
        QPainter painter(&writer);
        if (!painter.isActive()) {
            *problem = tr("Cannot write %1: the PDF could not be started.").arg(path);
            return false;
        }
        qreal scale = writer.resolution() / 72.0;
        // One page for management: a document taller than the page is scaled down to fit it.
        const qreal height = document.size().height();
        if (height > page.height())
            scale *= page.height() / height;
        painter.scale(scale, scale);
        document.drawContents(&painter);
    }
    if (file.error() != QFileDevice::NoError) {
        *problem = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace smtpauth
