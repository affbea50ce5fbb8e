// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "engine/mailboxaddressloader.h"
#include "engine/usageevidenceloader.h"
#include "graph/graphclient.h"
#include "models/cutoffcalendar.h"
#include "models/readinessreport.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <functional>
#include <memory>

namespace smtpauth {

class GraphClient;
class InvokeCommandClient;
class MailboxTableModel;
class SignInAggregate;
class SmtpAddressIndex;
class SmtpAuthClientsReport;
class TenantDirectory;
class UsageEvidenceLoader;

// The window's cutoff readiness (readiness.md §2–§3): reads the usage evidence from Microsoft
// Graph, keeps an imported SMTP AUTH clients report, and builds the ReadinessReport over the mailbox
// table (its Basic-now verdicts) and the tenant directory whenever one of them changed. The CLI's
// `readiness` command does the same steps once; the rules are in the models (ReadinessReport).
class CutoffReadiness : public QObject
{
    Q_OBJECT
public:
    using DirectoryProvider = std::function<std::shared_ptr<TenantDirectory>()>;

    CutoffReadiness(MailboxTableModel *mailboxes, DirectoryProvider directory, QObject *parent = nullptr);
    ~CutoffReadiness() override;

    void setGraph(GraphClient *graph);               // null when signed out
    void setExchange(InvokeCommandClient *exchange); // null when signed out
    void setCalendar(const CutoffCalendar &calendar);
    const CutoffCalendar &calendar() const { return m_calendar; }

    // Reads the usage report of `periodDays` and the Basic sign-ins of `signInDays` (capped at 30).
    void readUsage(int periodDays, int signInDays);
    bool isReading() const { return m_loader != nullptr; }
    int periodDays() const { return m_periodDays; }
    int signInDays() const { return m_signInDays; }

    // Imports the EAC export; on a file that is not one, false and *problem names why (nothing changes).
    // A report imported is then joined by any SMTP address of the mailboxes (readiness.md §2): their
    // EmailAddresses are read first (progress() says so) and the report is rebuilt once they are, or
    // once it is known why they cannot be (then by primary address and UPN only, and the source says so).
    bool importSmtpAuthReport(const QString &path, QString *problem);
    bool importSmtpAuthReportBytes(const QByteArray &bytes, const QString &name, QString *problem);
    QString smtpAuthReportName() const { return m_smtpReportName; }
    QStringList smtpAuthReportWarnings() const;
    bool isReadingAddresses() const { return m_addressLoader != nullptr; }
    const SourceStatus &addressesStatus() const { return m_addressesStatus; }

    // Builds the report again from what is there now (after a load, a directory read, an applied change).
    void rebuild();
    std::shared_ptr<const ReadinessReport> report() const { return m_report; }
    const SignInAggregate *signIns() const;
    bool graphInteractionRequired() const { return m_interactionRequired; }

    void clear();

Q_SIGNALS:
    void readStarted();
    void progress(const QString &what);
    void reportChanged();
    // The mailboxes' addresses were read (or could not be) for the imported report; reportChanged() follows.
    void addressesRead();

private:
    void readAddresses();

    MailboxTableModel *m_mailboxes;
    DirectoryProvider m_directory;
    QPointer<GraphClient> m_graph;
    QPointer<InvokeCommandClient> m_exchange;
    QPointer<MailboxAddressLoader> m_addressLoader;
    std::shared_ptr<const SmtpAddressIndex> m_addresses;
    SourceStatus m_addressesStatus;
    CutoffCalendar m_calendar;
    QPointer<UsageEvidenceLoader> m_loader;
    std::unique_ptr<UsageEvidenceLoader> m_lastRead; // keeps the evidence its UsageEvidence points into
    std::shared_ptr<SmtpAuthClientsReport> m_smtpReport;
    QString m_smtpReportName;
    std::shared_ptr<const ReadinessReport> m_report;
    int m_periodDays = 30;
    int m_signInDays = 30;
    bool m_interactionRequired = false;
};

} // namespace smtpauth
