// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/readinessreport.h"
#include "models/sourcestatus.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QString>
#include <functional>
#include <memory>

namespace smtpauth {

class EmailAppUsageReport;
class ExchangeError;
class GraphClient;
class GraphPagedReader;
class GraphReportDownload;
class SignInAggregate;

// Reads the usage evidence Microsoft Graph has (readiness.md §2): the email app usage report of a period
// (with the report settings, to know whether names are concealed) and the Basic SMTP AUTH sign-ins of
// the last days, summed up per user as the pages arrive. Both run side by side; each one that cannot be
// read says why (the permission, the role, the licence, concealment) and the other still counts. A read
// of sign-ins that stops half-way keeps what arrived and says how far back it reaches: it never claims
// to be complete. finished() exactly once.
class UsageEvidenceLoader : public QObject
{
    Q_OBJECT
public:
    static constexpr int kSignInRetentionDays = 30;

    struct Options
    {
        int periodDays = 30; // D7, D30, D90 or D180
        int signInDays = kSignInRetentionDays;
        bool readUsageReport = true;
        bool readSignIns = true;
        std::function<QDateTime()> clock = [] { return QDateTime::currentDateTimeUtc(); };
    };

    UsageEvidenceLoader(GraphClient *graph, Options options, QObject *parent = nullptr);
    ~UsageEvidenceLoader() override;

    // "D30" -> 30; 0 for anything but D7, D30, D90, D180.
    static int periodDaysFromName(QStringView name);
    // The sign-in logs' query (graph-protocol.md §5) for the Basic SMTP AUTH sign-ins since `from`, both
    // clientAppUsed values, the fields the aggregate reads, 1,000 a page (relative to the v1.0 root).
    static QString signInQuery(const QDateTime &from);

    void start();
    void abort();
    bool isFinished() const { return m_finished; }
    bool graphInteractionRequired() const { return m_interactionRequired; }

    // After finished(). The pointers in evidence() stay valid while this loader lives; the SMTP AUTH
    // report is the caller's to add.
    UsageEvidence evidence() const;
    std::shared_ptr<const EmailAppUsageReport> usageReport() const { return m_usageReport; }
    std::shared_ptr<const SignInAggregate> signIns() const { return m_signIns; }

Q_SIGNALS:
    void progress(const QString &what);
    void finished();

private:
    void readReportSettings();
    void readUsageReport();
    void readSignIns();
    void settleUsageReport();
    void settleOne();
    void noteInteraction(const ExchangeError &error);

    QPointer<GraphClient> m_graph;
    Options m_options;
    int m_pending = 0;
    bool m_started = false;
    bool m_finished = false;
    bool m_interactionRequired = false;

    // The usage report waits for the settings (concealment) and the download, in either order.
    bool m_settingsDone = false;
    bool m_downloadDone = false;
    std::optional<bool> m_namesConcealed;
    QPointer<GraphReportDownload> m_download;
    std::shared_ptr<EmailAppUsageReport> m_usageReport;
    SourceStatus m_usageStatus;

    QPointer<GraphPagedReader> m_signInReader;
    std::shared_ptr<SignInAggregate> m_signIns;
    SourceStatus m_signInStatus;
    int m_signInDaysAsked = kSignInRetentionDays;
    int m_signInDaysCovered = 0;
    bool m_signInsComplete = false;
};

} // namespace smtpauth
