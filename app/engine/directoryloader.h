// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "exchange/exchangeerror.h"
#include "models/sourcestatus.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUuid>
#include <functional>
#include <memory>

namespace smtpauth {

class GraphClient;
class InvokeCommandClient;
class SignedInSession;
class TenantDirectory;

// Reads everything behind the readiness layers of readiness.md §1 except the SMTP AUTH switch, off the
// window's thread's critical path (every request is asynchronous; Get-User pages are parsed on a worker
// by PagedEnumeration): from Exchange the authentication policies, the org default and every user's own
// policy (exchange-protocol.md §9); from Microsoft Graph security defaults, Conditional Access policies and
// the transitive members of the groups those policies name (graph-protocol.md §2–§3). The Exchange and
// Graph reads run side by side, each client within its own in-flight limit and retry rules.
//
// Each source that cannot be read is recorded as unavailable with the reason in the server's words plus
// what it needs (the permission, the role, the licence); the rest is read all the same. finished() comes
// exactly once, after every source is settled.
class DirectoryLoader : public QObject
{
    Q_OBJECT
public:
    explicit DirectoryLoader(SignedInSession *session, QObject *parent = nullptr);
    DirectoryLoader(InvokeCommandClient *exchange, GraphClient *graph, QObject *parent = nullptr);
    ~DirectoryLoader() override;

    void start();
    // Stops every request; finished() is not emitted after this.
    void abort();
    bool isFinished() const { return m_finished; }

    // After finished(): what was read (never null).
    std::shared_ptr<TenantDirectory> directory() const { return m_directory; }
    // Graph could not be read without the person: the permissions were never consented (AADSTS65001)
    // or the tenant wants an interactive step. The window offers "Allow access to readiness data"; the
    // command line says to run `smtpauth-cli signin --graph`.
    bool graphInteractionRequired() const { return m_graphInteractionRequired; }
    // One line per source that could not be read: "<source>: <reason>".
    QStringList problems() const { return m_problems; }

    // Words for a failed Graph read: "<status> <code>: <message>. <what it needs>".
    static QString graphReason(const ExchangeError &error, const QString &needs);

    // The directory roles of one user (for policies scoped to roles: readiness.md §1), read into
    // `directory`; `done` runs once, after the directory has the answer or the reason it is missing.
    static void readUserRoles(GraphClient *graph, std::shared_ptr<TenantDirectory> directory,
                              const QUuid &userId, QObject *context, std::function<void()> done);

Q_SIGNALS:
    void progress(const QString &what);
    void finished();

private:
    void readAuthenticationPolicies();
    void readOrganizationDefault();
    void readUsers();
    void readSecurityDefaults();
    void readConditionalAccess();
    void readGroups();
    void readGroup(const QUuid &groupId);
    void noteGraphFailure(const ExchangeError &error);
    void sourceDone(const QString &source, const SourceStatus &status);
    void settleOne();

    QPointer<InvokeCommandClient> m_exchange;
    QPointer<GraphClient> m_graph;
    std::shared_ptr<TenantDirectory> m_directory;
    QList<QPointer<QObject>> m_calls;
    int m_pending = 0;
    bool m_started = false;
    bool m_finished = false;
    bool m_aborted = false;
    bool m_graphInteractionRequired = false;
    QStringList m_problems;
    QDateTime m_startedUtc;
};

} // namespace smtpauth
