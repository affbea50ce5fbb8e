// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/mailbox.h"
#include "models/smtpauthpolicy.h"

#include <QCommandLineParser>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <functional>
#include <memory>
#include <optional>

namespace smtpauth {

class DirectoryLoader;
class MailboxAddressLoader;
class MailboxTableModel;
class SignedInSession;
class SmtpAuthClientsReport;
class TenantLoader;
class UsageEvidenceLoader;

// The readiness commands of smtpauth-cli (readiness.md §4): `why MAILBOX`, every layer that decides
// whether one mailbox can send with SMTP AUTH, and the three verdicts. The mailbox, the org setting and
// the directory (Exchange policies and users, Graph security defaults, Conditional Access, groups) are
// read side by side; the roles of the mailbox's user only when a policy scoped to roles needs them.
class ReadinessCommands : public QObject
{
    Q_OBJECT
public:
    using Finish = std::function<void(int exitCode, const QString &message)>;

    ReadinessCommands(const QCommandLineParser &parser, const QStringList &arguments,
                      SignedInSession *session, Finish finish, QObject *parent = nullptr);
    ~ReadinessCommands() override;

    void runWhy();
    // `readiness` (readiness.md §4): every mailbox's readiness class from the mailbox list, the directory
    // and the usage evidence (Graph usage report, sign-in logs, an imported SMTP AUTH clients report).
    void runReadiness();

private:
    void lookUpMailbox();
    void readOrgSetting();
    void readDirectory();
    void whenAllRead();
    void explain();
    void readinessReadAll();
    void printReadiness();

    const QCommandLineParser &m_parser;
    QStringList m_arguments;
    QPointer<SignedInSession> m_session;
    Finish m_finish;
    int m_pending = 0;
    bool m_failed = false;
    std::optional<Mailbox> m_mailbox;
    std::optional<OrgSetting> m_org;
    QPointer<DirectoryLoader> m_directory;
    // readiness
    QPointer<MailboxTableModel> m_mailboxes;
    QPointer<TenantLoader> m_tenant;
    QPointer<UsageEvidenceLoader> m_usage;
    QPointer<MailboxAddressLoader> m_addresses; // only with --smtp-report
    std::shared_ptr<SmtpAuthClientsReport> m_smtpReport;
    QString m_smtpReportProblem;
};

} // namespace smtpauth
