// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "engine/directoryloader.h"

#include "engine/enginelogging.h"
#include "engine/signedinsession.h"
#include "engine/userpolicypagereader.h"
#include "exchange/directoryrequests.h"
#include "exchange/invokecommandcall.h"
#include "exchange/invokecommandclient.h"
#include "exchange/pagedenumeration.h"
#include "graph/graphcall.h"
#include "graph/graphclient.h"
#include "graph/graphpagedreader.h"
#include "models/authenticationpolicyset.h"
#include "models/conditionalaccesspolicy.h"
#include "models/tenantdirectory.h"

#include <QJsonArray>
#include <QLocale>
#include <QSet>
#include <QVariant>
#include <vector>

namespace smtpauth {

namespace {

// What each read needs besides the consented Graph permission (graph-protocol.md §1; Microsoft's
// least-privileged roles for these calls). An Exchange Administrator alone can read neither.
QString conditionalAccessNeeds()
{
    return DirectoryLoader::tr(
        "Reading Conditional Access needs the Policy.Read.All permission and the Security "
        "Reader, Global Reader, Security Administrator or Conditional Access Administrator "
        "role (an Exchange Administrator alone cannot read it).");
}

QString securityDefaultsNeeds()
{
    return DirectoryLoader::tr(
        "Reading security defaults needs the Policy.Read.All permission and the Security "
        "Reader, Global Reader or Security Administrator role.");
}

QString groupMembersNeeds()
{
    return DirectoryLoader::tr("Reading group members needs the GroupMember.Read.All permission.");
}

// One Get-User page reduced to what the directory keeps, on the enumeration's worker thread: the
// window's thread then only appends rows (no JSON), while the next page is already being parsed. A plain
// page is read in one pass (UserPolicyPageReader), any other the full way; both map objects alike.
QVariant userRowsOf(const QList<QJsonObject> &objects)
{
    UserPolicyRows rows;
    rows.reserve(size_t(objects.size()));
    for (const QJsonObject &user : objects)
        rows.push_back(UserPolicyPageReader::fromObject(user));
    return QVariant::fromValue(rows);
}

std::optional<PagedEnumeration::FastPage> readPlainUserPage(const QByteArray &body)
{
    std::optional<UserPolicyPageReader::Page> page = UserPolicyPageReader::read(body);
    if (!page)
        return std::nullopt;
    return PagedEnumeration::FastPage{QVariant::fromValue(std::move(page->rows)), page->objectCount,
                                      page->nextLink};
}

QString exchangeReason(const QString &cmdlet, const ExchangeError &error, const QString &needs)
{
    // The status is part of the server's words: "403" is what an admin searches for.
    QString text =
        cmdlet + QStringLiteral(": ") +
        (error.httpStatus() > 0 ? DirectoryLoader::tr("HTTP %1: ").arg(error.httpStatus()) : QString()) +
        error.userMessage();
    if (error.category() == ExchangeError::Category::Forbidden && !needs.isEmpty())
        text += QLatin1Char(' ') + needs;
    return text;
}

} // namespace

DirectoryLoader::DirectoryLoader(SignedInSession *session, QObject *parent)
    : DirectoryLoader(session ? session->client() : nullptr, session ? session->graph() : nullptr, parent)
{
}

DirectoryLoader::DirectoryLoader(InvokeCommandClient *exchange, GraphClient *graph, QObject *parent)
    : QObject(parent), m_exchange(exchange), m_graph(graph), m_directory(std::make_shared<TenantDirectory>())
{
}

DirectoryLoader::~DirectoryLoader()
{
    abort();
}

QString DirectoryLoader::graphReason(const ExchangeError &error, const QString &needs)
{
    if (error.cause() == ExchangeError::Cause::InteractionRequired)
        return tr("Access to readiness data has not been allowed for this application yet (%1). Allow access "
                  "to "
                  "readiness data in the window, or run: smtpauth-cli signin --graph")
            .arg(error.message());
    if (error.errorCode() == QLatin1String("Authentication_RequestFromNonPremiumTenantOrB2CTenant"))
        return tr("%1 %2: %3. This needs Microsoft Entra ID P1, which the tenant does not seem to have.")
            .arg(error.httpStatus())
            .arg(error.errorCode(), error.message());
    QString text;
    if (error.httpStatus() > 0) {
        text = error.errorCode().isEmpty()
                   ? tr("HTTP %1: %2").arg(error.httpStatus()).arg(error.message())
                   : tr("%1 %2: %3").arg(error.httpStatus()).arg(error.errorCode(), error.message());
    } else {
        text = tr("Microsoft Graph could not be reached or did not answer: %1").arg(error.message());
    }
    if (error.httpStatus() == 403 && !needs.isEmpty())
        text += QLatin1Char(' ') + needs;
    return text;
}

void DirectoryLoader::start()
{
    if (m_started)
        return;
    m_started = true;
    m_startedUtc = QDateTime::currentDateTimeUtc();
    if (!m_exchange || !m_graph) {
        m_pending = 1;
        QMetaObject::invokeMethod(
            this, [this] { settleOne(); }, Qt::QueuedConnection);
        return;
    }
    m_pending = 5;
    readAuthenticationPolicies();
    readOrganizationDefault();
    readUsers();
    readSecurityDefaults();
    readConditionalAccess();
}

void DirectoryLoader::abort()
{
    if (m_finished || m_aborted)
        return;
    m_aborted = true;
    const QList<QPointer<QObject>> calls = std::exchange(m_calls, {});
    for (const QPointer<QObject> &call : calls) {
        if (!call)
            continue;
        disconnect(call, nullptr, this, nullptr);
        if (auto *enumeration = qobject_cast<PagedEnumeration *>(call))
            enumeration->abort();
        else if (auto *invoke = qobject_cast<InvokeCommandCall *>(call))
            invoke->abort();
        else if (auto *reader = qobject_cast<GraphPagedReader *>(call))
            reader->abort();
        else if (auto *get = qobject_cast<GraphCall *>(call))
            get->abort();
        call->deleteLater();
    }
}

void DirectoryLoader::sourceDone(const QString &source, const SourceStatus &status)
{
    if (status.state == SourceStatus::Unavailable) {
        qCInfo(lcEngine).noquote() << "readiness source unavailable:" << source << "-" << status.reason;
        m_problems.append(source + QStringLiteral(": ") + status.reason);
    }
}

void DirectoryLoader::settleOne()
{
    if (m_aborted || m_finished)
        return;
    if (--m_pending > 0)
        return;
    m_finished = true;
    Q_EMIT finished();
}

void DirectoryLoader::noteGraphFailure(const ExchangeError &error)
{
    if (error.cause() == ExchangeError::Cause::InteractionRequired)
        m_graphInteractionRequired = true;
}

void DirectoryLoader::readAuthenticationPolicies()
{
    PagedEnumeration *enumeration = m_exchange->enumerate(DirectoryRequests::getAuthenticationPolicies());
    m_calls.append(enumeration);
    connect(enumeration, &PagedEnumeration::finished, this, [this, enumeration] {
        enumeration->deleteLater();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const ExchangeError &error = enumeration->error();
        SourceStatus status;
        if (!error.isError()) {
            status = SourceStatus::read(now);
            m_directory->setAuthenticationPolicies(
                AuthenticationPolicySet::fromExchangeObjects(enumeration->objects()), status);
        } else if (error.isObjectNotFound()) {
            // exchange-protocol.md §9: a tenant that has never used policies answers "not found".
            status = SourceStatus::read(now);
            m_directory->setAuthenticationPolicies({}, status);
        } else {
            status = SourceStatus::unavailable(
                exchangeReason(
                    QStringLiteral("Get-AuthenticationPolicy"), error,
                    tr("Reading authentication policies needs an Exchange role that includes "
                       "Get-AuthenticationPolicy (View-Only Configuration, Organization Management, or "
                       "Global Reader).")),
                now);
            m_directory->setAuthenticationPolicies({}, status);
        }
        sourceDone(tr("Authentication policies"), status);
        settleOne();
    });
}

void DirectoryLoader::readOrganizationDefault()
{
    InvokeCommandCall *call = m_exchange->invoke(DirectoryRequests::getOrganizationDefaultPolicy());
    m_calls.append(call);
    connect(call, &InvokeCommandCall::finished, this, [this, call] {
        call->deleteLater();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const ExchangeError &error = call->error();
        if (error.isError()) {
            m_directory->setDefaultAuthenticationPolicy(
                {}, SourceStatus::unavailable(
                        exchangeReason(QStringLiteral("Get-OrganizationConfig"), error,
                                       tr("Reading the organization's default policy needs "
                                          "View-Only Configuration or Organization Management.")),
                        now));
        } else if (call->objects().size() != 1) {
            m_directory->setDefaultAuthenticationPolicy(
                {},
                SourceStatus::unavailable(tr("Get-OrganizationConfig answered %n object(s) instead of one.",
                                             nullptr, int(call->objects().size())),
                                          now));
        } else {
            m_directory->setOrganizationConfigFromExchange(call->objects().constFirst(), now);
        }
        sourceDone(tr("Organization default policy"), m_directory->defaultAuthenticationPolicyStatus());
        settleOne();
    });
}

void DirectoryLoader::readUsers()
{
    PagedEnumeration *enumeration = m_exchange->enumerate(DirectoryRequests::getAllUserPolicies());
    enumeration->setRetainObjects(false); // 100k parsed users held twice would double the memory
    enumeration->setPageProcessor(userRowsOf);
    enumeration->setFastPageReader(readPlainUserPage);
    m_calls.append(enumeration);
    connect(enumeration, &PagedEnumeration::pageProcessed, this, [this](const QVariant &processed) {
        const UserPolicyRows rows = processed.value<UserPolicyRows>();
        for (const UserPolicyRow &user : rows) {
            if (user.canBeJoined()) // else there is nothing to join it to a mailbox by
                m_directory->addUser(user.externalDirectoryObjectId, user.guid, user.userPrincipalName,
                                     user.authenticationPolicy);
        }
    });
    connect(enumeration, &PagedEnumeration::progress, this,
            [this](int users) { Q_EMIT progress(tr("Reading users: %1").arg(QLocale().toString(users))); });
    connect(enumeration, &PagedEnumeration::restarted, this, [this](const QString &) {
        // Pages are never stitched across runs (exchange-protocol.md §4).
        m_directory->clearUsers();
    });
    connect(enumeration, &PagedEnumeration::finished, this, [this, enumeration] {
        enumeration->deleteLater();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        const ExchangeError &error = enumeration->error();
        SourceStatus status;
        if (error.isError()) {
            m_directory->clearUsers();
            status = SourceStatus::unavailable(
                exchangeReason(
                    QStringLiteral("Get-User"), error,
                    tr("Reading users needs a role with Get-User (View-Only Recipients, Mail Recipients, "
                       "or any organization role).")),
                now);
        } else if (enumeration->truncated()) {
            // Never judge mailboxes against a list the server cut short.
            m_directory->clearUsers();
            status =
                SourceStatus::unavailable(tr("Get-User: the server returned only part of the users (its "
                                             "ResultSize warning), so users' own policies are not known."),
                                          now);
        } else {
            m_directory->finishUsers();
            status = SourceStatus::read(now);
        }
        m_directory->setUsersStatus(status);
        sourceDone(tr("Users"), status);
        settleOne();
    });
}

void DirectoryLoader::readSecurityDefaults()
{
    GraphClient *graph = m_graph;
    GraphCall *call =
        graph->get(graph->v1Url(QStringLiteral("policies/identitySecurityDefaultsEnforcementPolicy")));
    m_calls.append(call);
    connect(call, &GraphCall::finished, this, [this, call] {
        call->deleteLater();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        if (call->error().isError()) {
            noteGraphFailure(call->error());
            m_directory->setSecurityDefaultsStatus(
                SourceStatus::unavailable(graphReason(call->error(), securityDefaultsNeeds()), now));
        } else {
            m_directory->setSecurityDefaultsFromGraph(call->object(), now);
        }
        sourceDone(tr("Security defaults"), m_directory->securityDefaultsStatus());
        settleOne();
    });
}

void DirectoryLoader::readConditionalAccess()
{
    GraphClient *graph = m_graph;
    GraphPagedReader *reader =
        graph->readAllPages(graph->v1Url(QStringLiteral("identity/conditionalAccess/policies")));
    m_calls.append(reader);
    auto policies = std::make_shared<QList<ConditionalAccessPolicy>>();
    connect(reader, &GraphPagedReader::pageReceived, this, [policies](const QJsonArray &values) {
        for (const QJsonValue &value : values)
            policies->append(ConditionalAccessPolicy::fromGraphJson(value.toObject()));
    });
    connect(reader, &GraphPagedReader::finished, this, [this, reader, policies] {
        reader->deleteLater();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        SourceStatus status;
        if (reader->error().isError()) {
            noteGraphFailure(reader->error());
            status = SourceStatus::unavailable(graphReason(reader->error(), conditionalAccessNeeds()), now);
            m_directory->setConditionalAccessPolicies({}, status);
        } else {
            status = SourceStatus::read(now);
            m_directory->setConditionalAccessPolicies(std::move(*policies), status);
        }
        sourceDone(tr("Conditional Access"), status);
        readGroups();
        settleOne();
    });
}

void DirectoryLoader::readGroups()
{
    // Only the groups a policy that is in force or report-only names: a disabled policy decides nothing.
    QSet<QUuid> groups;
    for (const ConditionalAccessPolicy &policy : m_directory->conditionalAccessPolicies()) {
        if (policy.state() == ConditionalAccessPolicy::State::Disabled)
            continue;
        for (const QStringList *list : {&policy.includeGroups(), &policy.excludeGroups()}) {
            for (const QString &id : *list) {
                const QUuid group(id);
                if (!group.isNull())
                    groups.insert(group);
            }
        }
    }
    for (const QUuid &group : std::as_const(groups))
        readGroup(group);
}

void DirectoryLoader::readGroup(const QUuid &groupId)
{
    ++m_pending;
    GraphClient *graph = m_graph;
    // $top=999: the largest page Graph gives for members (20k members in 21 requests, not 200).
    const QUrl first =
        graph->v1Url(QStringLiteral("groups/%1/transitiveMembers/microsoft.graph.user?$select=id&$top=999")
                         .arg(groupId.toString(QUuid::WithoutBraces)));
    GraphPagedReader *reader = graph->readAllPages(first);
    m_calls.append(reader);
    auto members = std::make_shared<QList<QUuid>>();
    connect(reader, &GraphPagedReader::pageReceived, this, [members](const QJsonArray &values) {
        members->reserve(members->size() + values.size());
        for (const QJsonValue &value : values) {
            const QUuid id(value.toObject().value(QLatin1String("id")).toString());
            if (!id.isNull())
                members->append(id);
        }
    });
    connect(reader, &GraphPagedReader::finished, this, [this, reader, members, groupId] {
        reader->deleteLater();
        const QDateTime now = QDateTime::currentDateTimeUtc();
        SourceStatus status;
        if (reader->error().isError()) {
            noteGraphFailure(reader->error());
            status = SourceStatus::unavailable(graphReason(reader->error(), groupMembersNeeds()), now);
            m_directory->setGroupMembers(groupId, {}, status);
        } else {
            status = SourceStatus::read(now);
            m_directory->setGroupMembers(groupId, *members, status);
        }
        sourceDone(tr("Members of group %1").arg(groupId.toString(QUuid::WithoutBraces)), status);
        settleOne();
    });
}

void DirectoryLoader::readUserRoles(GraphClient *graph, std::shared_ptr<TenantDirectory> directory,
                                    const QUuid &userId, QObject *context, std::function<void()> done)
{
    const QUrl first = graph->v1Url(QStringLiteral("users/%1/transitiveMemberOf/microsoft.graph.directoryRole"
                                                   "?$select=roleTemplateId")
                                        .arg(userId.toString(QUuid::WithoutBraces)));
    GraphPagedReader *reader = graph->readAllPages(first);
    auto roles = std::make_shared<QStringList>();
    auto limited = std::make_shared<bool>(false);
    QObject::connect(
        reader, &GraphPagedReader::pageReceived, context, [roles, limited](const QJsonArray &values) {
            for (const QJsonValue &value : values) {
                const QString role = value.toObject().value(QLatin1String("roleTemplateId")).toString();
                if (role.isEmpty())
                    *limited = true; // Graph's "limited information" for a type the permission cannot read
                else
                    roles->append(role);
            }
        });
    QObject::connect(
        reader, &GraphPagedReader::finished, context, [reader, roles, limited, directory, userId, done] {
            reader->deleteLater();
            const QDateTime now = QDateTime::currentDateTimeUtc();
            if (!reader->error().isError() && *limited) {
                // A role without its template id cannot be matched to a policy's includeRoles: never read
                // that as "holds no role".
                directory->setUserRoles(
                    userId, {},
                    SourceStatus::unavailable(
                        tr("Microsoft Graph listed this user's directory roles without their "
                           "roleTemplateId (limited information); reading them needs the "
                           "Directory.Read.All or RoleManagement.Read.Directory permission."),
                        now));
            } else if (reader->error().isError()) {
                directory->setUserRoles(
                    userId, {},
                    SourceStatus::unavailable(
                        graphReason(reader->error(),
                                    tr("Reading another user's directory roles needs the User.Read.All "
                                       "or GroupMember.Read.All permission (Directory.Read.All for "
                                       "their role template ids).")),
                        now));
            } else {
                directory->setUserRoles(userId, *roles, SourceStatus::read(now));
            }
            done();
        });
}

} // namespace smtpauth
