// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "engine/usageevidenceloader.h"

#include "engine/directoryloader.h"
#include "engine/enginelogging.h"
#include "engine/signinpagereader.h"
#include "graph/graphcall.h"
#include "graph/graphclient.h"
#include "graph/graphpagedreader.h"
#include "graph/graphreportdownload.h"
#include "models/emailappusagereport.h"
#include "models/signinaggregate.h"

#include <QJsonObject>
#include <QUrl>

namespace smtpauth {

namespace {

QString usageReportNeeds()
{
    return UsageEvidenceLoader::tr(
        "Reading the usage report needs the Reports.Read.All permission and a role such "
        "as Global Reader, Reports Reader or Exchange Administrator.");
}

QString signInNeeds()
{
    return UsageEvidenceLoader::tr(
        "Reading sign-in logs needs the AuditLog.Read.All permission and a role such as "
        "Global Reader, Reports Reader or Security Reader.");
}

QString concealmentAdvice()
{
    return UsageEvidenceLoader::tr(
        "The usage report shows concealed user names, which cannot be joined to mailboxes. "
        "Turn concealment off in the Microsoft 365 admin center > Settings > Org "
        "settings > Reports, then read again.");
}

// Graph's answer for a tenant without Entra ID P1 varies in its words; its code and the 403 do not.
bool needsPremium(const ExchangeError &error)
{
    return error.errorCode().contains(QLatin1String("NonPremium"), Qt::CaseInsensitive) ||
           error.message().contains(QLatin1String("premium"), Qt::CaseInsensitive);
}

} // namespace

UsageEvidenceLoader::UsageEvidenceLoader(GraphClient *graph, Options options, QObject *parent)
    : QObject(parent), m_graph(graph), m_options(std::move(options))
{
}

UsageEvidenceLoader::~UsageEvidenceLoader()
{
    abort();
}

int UsageEvidenceLoader::periodDaysFromName(QStringView name)
{
    for (int days : {7, 30, 90, 180}) {
        if (name.compare(QStringLiteral("D%1").arg(days), Qt::CaseInsensitive) == 0)
            return days;
    }
    return 0;
}

void UsageEvidenceLoader::start()
{
    if (m_started)
        return;
    m_started = true;
    if (!m_graph) {
        const QString reason = tr("Microsoft Graph is not available in this session.");
        m_usageStatus = SourceStatus::unavailable(reason);
        m_signInStatus = SourceStatus::unavailable(reason);
        m_pending = 1;
        QMetaObject::invokeMethod(
            this, [this] { settleOne(); }, Qt::QueuedConnection);
        return;
    }
    m_pending = (m_options.readUsageReport ? 1 : 0) + (m_options.readSignIns ? 1 : 0);
    if (m_pending == 0) {
        m_pending = 1;
        QMetaObject::invokeMethod(
            this, [this] { settleOne(); }, Qt::QueuedConnection);
        return;
    }
    if (m_options.readUsageReport) {
        readReportSettings();
        readUsageReport();
    }
    if (m_options.readSignIns)
        readSignIns();
}

void UsageEvidenceLoader::abort()
{
    if (m_finished)
        return;
    m_finished = true; // no finished() after an abort
    if (m_download)
        m_download->abort();
    if (m_signInReader)
        m_signInReader->abort();
}

void UsageEvidenceLoader::noteInteraction(const ExchangeError &error)
{
    if (error.cause() == ExchangeError::Cause::InteractionRequired)
        m_interactionRequired = true;
}

void UsageEvidenceLoader::readReportSettings()
{
    GraphCall *call = m_graph->get(m_graph->v1Url(QStringLiteral("admin/reportSettings")));
    connect(call, &GraphCall::finished, this, [this, call] {
        call->deleteLater();
        if (m_finished)
            return;
        if (!call->error().isError()) {
            // The docs' example wraps the object in "value"; the service answers it bare: read both.
            QJsonObject settings = call->object();
            if (settings.value(QLatin1String("value")).isObject())
                settings = settings.value(QLatin1String("value")).toObject();
            const QJsonValue concealed = settings.value(QLatin1String("displayConcealedNames"));
            if (concealed.isBool())
                m_namesConcealed = concealed.toBool();
        } else {
            // Without ReportSettings.Read.All the 32-hex names still tell concealment apart.
            qCInfo(lcEngine) << "report settings not read:" << call->error().message();
        }
        m_settingsDone = true;
        settleUsageReport();
    });
}

void UsageEvidenceLoader::readUsageReport()
{
    Q_EMIT progress(tr("Reading the email app usage report (D%1)").arg(m_options.periodDays));
    const QString path =
        QStringLiteral("reports/getEmailAppUsageUserDetail(period='D%1')").arg(m_options.periodDays);
    m_download =
        m_graph->downloadReport(m_graph->v1Url(QString::fromLatin1(QUrl::toPercentEncoding(path, "/()='"))));
    connect(m_download, &GraphReportDownload::finished, this, [this] {
        GraphReportDownload *download = m_download;
        m_download->deleteLater();
        if (m_finished)
            return;
        const QDateTime now = m_options.clock();
        if (download->error().isError()) {
            noteInteraction(download->error());
            m_usageStatus = SourceStatus::unavailable(
                DirectoryLoader::graphReason(download->error(), usageReportNeeds()), now);
        } else {
            auto report = std::make_shared<EmailAppUsageReport>(EmailAppUsageReport::parse(download->body()));
            if (!report->ok()) {
                m_usageStatus = SourceStatus::unavailable(report->error(), now);
            } else {
                m_usageReport = std::move(report);
                m_usageStatus = SourceStatus::read(now);
            }
        }
        m_downloadDone = true;
        settleUsageReport();
    });
}

void UsageEvidenceLoader::settleUsageReport()
{
    if (!m_settingsDone || !m_downloadDone)
        return;
    if (m_usageReport) {
        const qsizetype rows = qsizetype(m_usageReport->rows().size());
        const qsizetype concealed = m_usageReport->concealedRows();
        // Concealed when the settings say so and the names look like it, or when most names are pseudonyms
        // whatever the settings say (a row or two of 32-hex names can be real accounts).
        const bool concealedNames =
            rows > 0 && (concealed * 2 > rows || (m_namesConcealed.value_or(false) && concealed > 0));
        if (concealedNames) {
            m_usageStatus = SourceStatus::unavailable(tr("%1 of %2 rows have concealed names. %3")
                                                          .arg(concealed)
                                                          .arg(rows)
                                                          .arg(concealmentAdvice()),
                                                      m_usageStatus.readUtc);
            m_usageReport.reset();
        }
    }
    settleOne();
}

QString UsageEvidenceLoader::signInQuery(const QDateTime &from)
{
    const QString filter =
        QStringLiteral("createdDateTime ge %1 and (clientAppUsed eq 'Authenticated SMTP' or "
                       "clientAppUsed eq 'SMTP')")
            .arg(from.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ")));
    const QString select =
        QStringLiteral("id,createdDateTime,userPrincipalName,userId,appDisplayName,ipAddress,"
                       "clientAppUsed,status,conditionalAccessStatus");
    return QStringLiteral("auditLogs/signIns?$filter=") +
           QString::fromLatin1(QUrl::toPercentEncoding(filter)) + QStringLiteral("&$select=") +
           QString::fromLatin1(QUrl::toPercentEncoding(select, ",")) + QStringLiteral("&$top=1000");
}

void UsageEvidenceLoader::readSignIns()
{
    m_signInDaysAsked = std::clamp(m_options.signInDays, 1, kSignInRetentionDays);
    if (m_options.signInDays > kSignInRetentionDays) {
        m_signInStatus.reason = tr("--sign-in-days %1 capped at the %2 days sign-in logs are kept")
                                    .arg(m_options.signInDays)
                                    .arg(kSignInRetentionDays);
    }
    const QDateTime from = m_options.clock().toUTC().addDays(-m_signInDaysAsked);
    const QString query = signInQuery(from);
    m_signIns = std::make_shared<SignInAggregate>();
    Q_EMIT progress(tr("Reading Basic SMTP AUTH sign-ins of the last %1 days").arg(m_signInDaysAsked));
    // Each page in one pass from its bytes (SignInPageReader), the full parse only where that declines:
    // a million sign-ins are 1,000 pages of about 550 kB (P8).
    const std::shared_ptr<SignInAggregate> signIns = m_signIns;
    auto readPageBytes = [signIns](QByteArrayView body) -> std::optional<GraphPagedReader::PageSummary> {
        std::optional<SignInPageReader::Page> page = SignInPageReader::read(body);
        if (!page)
            return std::nullopt;
        signIns->addPage(page->records);
        return GraphPagedReader::PageSummary{qsizetype(page->records.size()), page->nextLink};
    };
    m_signInReader = m_graph->readAllPages(m_graph->v1Url(query), readPageBytes);
    connect(m_signInReader, &GraphPagedReader::pageReceived, this,
            [this](const QJsonArray &values) { m_signIns->addPage(values); });
    connect(m_signInReader, &GraphPagedReader::pageDone, this, [this] {
        if (m_signIns->pageCount() % 20 == 0)
            Q_EMIT progress(tr("Read %1 sign-ins").arg(m_signIns->recordCount()));
    });
    connect(m_signInReader, &GraphPagedReader::finished, this, [this] {
        GraphPagedReader *reader = m_signInReader;
        reader->deleteLater();
        if (m_finished)
            return;
        const QDateTime now = m_options.clock();
        const QString capped = m_signInStatus.reason;
        if (!reader->error().isError()) {
            m_signInsComplete = true;
            m_signInDaysCovered = m_signInDaysAsked;
            m_signInStatus = SourceStatus::read(now);
            m_signInStatus.reason = capped;
        } else if (reader->pageCount() == 0) {
            noteInteraction(reader->error());
            const ExchangeError &error = reader->error();
            const QString reason =
                needsPremium(error)
                    ? tr("Sign-in logs need Microsoft Entra ID P1 (the tenant answered %1 %2: %3).")
                          .arg(error.httpStatus())
                          .arg(error.errorCode(), error.message())
                    : DirectoryLoader::graphReason(error, signInNeeds());
            m_signInStatus = SourceStatus::unavailable(reason, now);
            m_signIns.reset();
        } else {
            // Newest first: what arrived reaches back to the oldest record read, and no further.
            m_signInsComplete = false;
            const QDateTime oldest = m_signIns->oldest();
            m_signInDaysCovered = oldest.isValid() ? int(oldest.daysTo(now.toUTC())) : 0;
            m_signInStatus = SourceStatus::read(now);
            m_signInStatus.reason = tr("the read stopped after %1 pages (%2 sign-ins): %3")
                                        .arg(reader->pageCount())
                                        .arg(m_signIns->recordCount())
                                        .arg(DirectoryLoader::graphReason(reader->error(), signInNeeds()));
            if (!capped.isEmpty())
                m_signInStatus.reason = capped + QStringLiteral("; ") + m_signInStatus.reason;
        }
        settleOne();
    });
}

void UsageEvidenceLoader::settleOne()
{
    if (m_finished || --m_pending > 0)
        return;
    m_finished = true;
    Q_EMIT finished();
}

UsageEvidence UsageEvidenceLoader::evidence() const
{
    UsageEvidence evidence;
    evidence.usageReport = m_usageReport.get();
    evidence.usageReportStatus = m_options.readUsageReport || m_usageStatus.state != SourceStatus::NotRead
                                     ? m_usageStatus
                                     : SourceStatus();
    evidence.periodDays = m_options.periodDays;
    evidence.signIns = m_signIns.get();
    evidence.signInStatus = m_signInStatus;
    evidence.signInDaysAsked = m_signInDaysAsked;
    evidence.signInDaysCovered = m_signInDaysCovered;
    evidence.signInsComplete = m_signInsComplete;
    return evidence;
}

} // namespace smtpauth
