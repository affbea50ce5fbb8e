// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "engine/cutoffreadiness.h"

#include "engine/mailboxaddressloader.h"
#include "engine/usageevidenceloader.h"
#include "models/mailboxtablemodel.h"
#include "models/smtpaddressindex.h"
#include "models/smtpauthclientsreport.h"
#include "models/tenantdirectory.h"

#include <QFile>
#include <QFileInfo>

namespace smtpauth {

CutoffReadiness::CutoffReadiness(MailboxTableModel *mailboxes, DirectoryProvider directory, QObject *parent)
    : QObject(parent), m_mailboxes(mailboxes), m_directory(std::move(directory))
{
}

CutoffReadiness::~CutoffReadiness()
{
    if (m_loader)
        m_loader->abort();
    if (m_addressLoader)
        m_addressLoader->abort();
}

void CutoffReadiness::setExchange(InvokeCommandClient *exchange)
{
    if (m_addressLoader && exchange != m_exchange) {
        m_addressLoader->abort();
        m_addressLoader->deleteLater();
        m_addressLoader = nullptr;
    }
    m_exchange = exchange;
}

void CutoffReadiness::setGraph(GraphClient *graph)
{
    if (m_loader && graph != m_graph) {
        m_loader->abort();
        m_loader->deleteLater();
        m_loader = nullptr;
    }
    m_graph = graph;
}

void CutoffReadiness::setCalendar(const CutoffCalendar &calendar)
{
    m_calendar = calendar;
    rebuild();
}

void CutoffReadiness::clear()
{
    setGraph(nullptr);
    setExchange(nullptr);
    m_addresses.reset();
    m_addressesStatus = {};
    m_lastRead.reset();
    m_smtpReport.reset();
    m_smtpReportName.clear();
    m_report.reset();
    m_interactionRequired = false;
    Q_EMIT reportChanged();
}

void CutoffReadiness::readUsage(int periodDays, int signInDays)
{
    if (m_loader) {
        m_loader->abort();
        m_loader->deleteLater();
    }
    m_periodDays = periodDays;
    m_signInDays = signInDays;
    UsageEvidenceLoader::Options options;
    options.periodDays = periodDays;
    options.signInDays = signInDays;
    auto *loader = new UsageEvidenceLoader(m_graph, options, this);
    m_loader = loader;
    connect(loader, &UsageEvidenceLoader::progress, this, &CutoffReadiness::progress);
    connect(loader, &UsageEvidenceLoader::finished, this, [this, loader] {
        // The loader holds the evidence the report points into: it is kept until the next read.
        loader->setParent(nullptr);
        m_lastRead.reset(loader);
        m_loader = nullptr;
        m_interactionRequired = loader->graphInteractionRequired();
        rebuild();
    });
    Q_EMIT readStarted();
    loader->start();
}

bool CutoffReadiness::importSmtpAuthReport(const QString &path, QString *problem)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *problem = tr("Cannot read %1: %2").arg(QFileInfo(path).fileName(), file.errorString());
        return false;
    }
    return importSmtpAuthReportBytes(file.readAll(), QFileInfo(path).fileName(), problem);
}

bool CutoffReadiness::importSmtpAuthReportBytes(const QByteArray &bytes, const QString &name,
                                                QString *problem)
{
    auto parsed = std::make_shared<SmtpAuthClientsReport>(SmtpAuthClientsReport::parse(bytes));
    if (!parsed->ok()) {
        *problem = tr("%1 was not imported: %2").arg(name, parsed->error());
        return false;
    }
    m_smtpReport = std::move(parsed);
    m_smtpReportName = name;
    readAddresses();
    return true;
}

void CutoffReadiness::readAddresses()
{
    // Read again on every import: an alias added since the last one is what a new export may name.
    if (m_addressLoader) {
        m_addressLoader->abort();
        m_addressLoader->deleteLater();
    }
    m_addresses.reset();
    m_addressesStatus = {SourceStatus::NotRead, tr("the mailboxes' addresses are being read"), {}};
    auto *loader = new MailboxAddressLoader(m_exchange, this);
    m_addressLoader = loader;
    connect(loader, &MailboxAddressLoader::progress, this, &CutoffReadiness::progress);
    connect(loader, &MailboxAddressLoader::finished, this, [this, loader] {
        loader->deleteLater();
        m_addressLoader = nullptr;
        m_addresses = loader->index();
        m_addressesStatus = loader->status();
        Q_EMIT addressesRead();
        rebuild();
    });
    loader->start();
}

QStringList CutoffReadiness::smtpAuthReportWarnings() const
{
    return m_smtpReport ? m_smtpReport->warnings() : QStringList();
}

const SignInAggregate *CutoffReadiness::signIns() const
{
    return m_lastRead ? m_lastRead->signIns().get() : nullptr;
}

void CutoffReadiness::rebuild()
{
    UsageEvidence evidence;
    if (m_lastRead) {
        evidence = m_lastRead->evidence();
    } else {
        evidence.periodDays = m_periodDays;
        evidence.usageReportStatus.reason = tr("not read yet");
        evidence.signInStatus.reason = tr("not read yet");
    }
    if (m_smtpReport) {
        evidence.smtpAuthReport = m_smtpReport.get();
        evidence.smtpAuthReportStatus = SourceStatus::read();
        evidence.smtpAuthReportStatus.reason = m_smtpReportName;
        evidence.smtpAddresses = m_addresses.get();
        evidence.smtpAddressesStatus = m_addressesStatus;
    } else {
        evidence.smtpAuthReportStatus.reason = tr(
            "not imported: export it in the Exchange admin center (Reports > Mail flow > SMTP AUTH clients) "
            "and import it here");
    }
    const MailboxStore &store = m_mailboxes->store();
    QList<int> all;
    all.reserve(store.size());
    for (int row = 0; row < store.size(); ++row)
        all.append(row);
    const std::shared_ptr<TenantDirectory> directory = m_directory ? m_directory() : nullptr;
    m_report = std::make_shared<const ReadinessReport>(
        ReadinessReport::build(store, m_mailboxes->orgSetting(), m_mailboxes->basicNowOf(all),
                               directory.get(), evidence, m_calendar));
    Q_EMIT reportChanged();
}

} // namespace smtpauth
