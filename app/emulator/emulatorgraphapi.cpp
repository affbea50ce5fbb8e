// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "emulator/emulatorgraphapi.h"

#include "emulator/emulatorcommandprocessor.h"
#include "emulator/emulatordirectory.h"
#include "emulator/emulatorjson.h"
#include "emulator/emulatortenant.h"
#include "emulator/emulatorusageapi.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>
#include <QUrl>
#include <initializer_list>

namespace smtpauth {

namespace {

const QByteArray kGraphJson =
    "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

bool is(const QString &segment, const char *name)
{
    return segment.compare(QLatin1String(name), Qt::CaseInsensitive) == 0;
}

QString id(const QUuid &uuid)
{
    return uuid.toString(QUuid::WithoutBraces);
}

// <base>/<version>/$metadata#<fragment>, the @odata.context of an answer.
QString metadata(const EmulatorGraphApi::Request &request, const QString &fragment)
{
    return QString(request.baseUrl + QLatin1Char('/') + request.path.section(QLatin1Char('/'), 1, 1) +
                   QStringLiteral("/$metadata#") + fragment);
}

QString queryValue(const EmulatorGraphApi::Request &request, QStringView name)
{
    return EmulatorCommandProcessor::decodedQueryItem(request.rawQuery, name);
}

// The query items as sent, minus $skiptoken (which a nextLink replaces).
QStringList queryWithoutSkipToken(const QString &rawQuery)
{
    QStringList kept;
    const QStringList items = rawQuery.split(QLatin1Char('&'), Qt::SkipEmptyParts);
    for (const QString &item : items) {
        const QString name =
            QString::fromUtf8(QByteArray::fromPercentEncoding(item.section(QLatin1Char('='), 0, 0).toUtf8()));
        if (name.compare(QLatin1String("$skiptoken"), Qt::CaseInsensitive) != 0)
            kept.append(item);
    }
    return kept;
}

QSet<QString> selection(const EmulatorGraphApi::Request &request)
{
    QSet<QString> names;
    const QStringList parts = queryValue(request, u"$select").split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &part : parts)
        names.insert(part.trimmed().toLower());
    names.remove(QString());
    return names;
}

QJsonObject selected(const QJsonObject &object, const QSet<QString> &names)
{
    if (names.isEmpty())
        return object;
    QJsonObject trimmed;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (it.key().startsWith(QLatin1Char('@')) || names.contains(it.key().toLower()))
            trimmed.insert(it.key(), it.value());
    }
    return trimmed;
}

EmulatorHttpAnswer okJson(QByteArray body, const QByteArray &clientRequestId)
{
    EmulatorHttpAnswer answer;
    answer.addHeader("Content-Type", kGraphJson);
    const QByteArray requestId = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    answer.addHeader("request-id", requestId);
    answer.addHeader("client-request-id", clientRequestId.isEmpty() ? requestId : clientRequestId);
    answer.body = std::move(body);
    return answer;
}

EmulatorHttpAnswer okObject(const QJsonObject &object, const QByteArray &clientRequestId)
{
    return okJson(QJsonDocument(object).toJson(QJsonDocument::Compact), clientRequestId);
}

EmulatorHttpAnswer insufficientPrivileges(const QByteArray &clientRequestId)
{
    return EmulatorGraphApi::error(403, QStringLiteral("Authorization_RequestDenied"),
                                   QStringLiteral("Insufficient privileges to complete the operation."),
                                   clientRequestId);
}

EmulatorHttpAnswer resourceNotFound(const QString &what, const QByteArray &clientRequestId)
{
    return EmulatorGraphApi::error(
        404, QStringLiteral("Request_ResourceNotFound"),
        QStringLiteral("Resource '%1' does not exist or one of its queried reference-property "
                       "objects are not present.")
            .arg(what),
        clientRequestId);
}

// $top: Graph's directory collections take 1..999.
bool pageSizeFrom(const EmulatorGraphApi::Request &request, int *pageSize, EmulatorHttpAnswer *refusal)
{
    const QString top = queryValue(request, u"$top");
    if (top.isEmpty())
        return true;
    bool ok = false;
    const int value = top.toInt(&ok);
    if (!ok || value < 1 || value > EmulatorGraphApi::kMaxPageSize) {
        *refusal = EmulatorGraphApi::error(
            400, QStringLiteral("Request_UnsupportedQuery"),
            QStringLiteral("Invalid page size specified: '%1'. Must be between 1 and %2 "
                           "inclusive.")
                .arg(top)
                .arg(EmulatorGraphApi::kMaxPageSize),
            request.clientRequestId);
        return false;
    }
    *pageSize = value;
    return true;
}

// $select names must exist on the type: a typo is a 400, not silently fewer properties.
bool selectionKnown(const EmulatorGraphApi::Request &request, const QSet<QString> &names,
                    std::initializer_list<const char *> known, const char *type, EmulatorHttpAnswer *refusal)
{
    for (const QString &name : names) {
        bool found = false;
        for (const char *property : known)
            found |= name.compare(QLatin1String(property), Qt::CaseInsensitive) == 0;
        if (!found) {
            *refusal =
                EmulatorGraphApi::error(400, QStringLiteral("BadRequest"),
                                        QStringLiteral("Could not find a property named '%1' on type '%2'.")
                                            .arg(name, QLatin1String(type)),
                                        request.clientRequestId);
            return false;
        }
    }
    return true;
}

constexpr std::initializer_list<const char *> kUserProperties{
    "id",          "displayName",    "userPrincipalName", "mail",
    "givenName",   "surname",        "jobTitle",          "businessPhones",
    "mobilePhone", "officeLocation", "preferredLanguage", "accountEnabled",
    "userType"};

// One user object, written by hand: a 999-member page must not go through QJsonObject per row.
void writeUser(QByteArray &out, const EmulatorDirectoryUser &user, const QSet<QString> &names, bool typed)
{
    bool first = true;
    const auto key = [&out, &first, &names](const char *name) {
        if (!names.isEmpty() && !names.contains(QString::fromLatin1(name).toLower()))
            return false;
        out += first ? "" : ",";
        first = false;
        EmulatorJson::appendKey(out, name);
        return true;
    };
    out += '{';
    if (typed) {
        out += "\"@odata.type\":\"#microsoft.graph.user\"";
        first = false;
    }
    if (key("id"))
        out += '"' + user.objectId.toByteArray(QUuid::WithoutBraces) + '"';
    if (key("businessPhones"))
        out += "[]";
    if (key("displayName"))
        EmulatorJson::appendString(out, user.displayName);
    if (key("givenName"))
        out += "null";
    if (key("jobTitle"))
        out += "null";
    if (key("mail")) {
        if (user.hasMailbox)
            EmulatorJson::appendString(out, user.primarySmtpAddress);
        else
            out += "null";
    }
    if (key("mobilePhone"))
        out += "null";
    if (key("officeLocation"))
        out += "null";
    if (key("preferredLanguage"))
        out += "null";
    if (key("surname"))
        out += "null";
    if (key("userPrincipalName"))
        EmulatorJson::appendString(out, user.userPrincipalName);
    // Not in Graph's default set: only when asked for.
    if (!names.isEmpty() && key("accountEnabled"))
        out += "true";
    if (!names.isEmpty() && key("userType"))
        out += "\"Member\"";
    out += '}';
}

QJsonObject groupObject(const EmulatorDirectory::Group &group)
{
    return QJsonObject{
        {QStringLiteral("@odata.type"), QStringLiteral("#microsoft.graph.group")},
        {QStringLiteral("id"), id(group.id)},
        {QStringLiteral("deletedDateTime"), QJsonValue::Null},
        {QStringLiteral("description"), group.description},
        {QStringLiteral("displayName"), group.displayName},
        {QStringLiteral("groupTypes"), QJsonArray()},
        {QStringLiteral("mail"), QJsonValue::Null},
        {QStringLiteral("mailEnabled"), false},
        {QStringLiteral("mailNickname"), group.mailNickname},
        {QStringLiteral("securityEnabled"), true},
    };
}

QJsonObject roleObject(const QUuid &tenantId, const QString &roleTemplateId)
{
    const QString name = EmulatorDirectory::roleDisplayName(roleTemplateId);
    return QJsonObject{
        {QStringLiteral("@odata.type"), QStringLiteral("#microsoft.graph.directoryRole")},
        // A directory role's object id is tenant-specific; only roleTemplateId is the same everywhere.
        {QStringLiteral("id"),
         id(QUuid::createUuidV5(tenantId, QStringLiteral("role:") + roleTemplateId.toLower()))},
        {QStringLiteral("deletedDateTime"), QJsonValue::Null},
        {QStringLiteral("description"),
         name.isEmpty() ? QString() : QStringLiteral("Members of the %1 role.").arg(name)},
        {QStringLiteral("displayName"), name.isEmpty() ? roleTemplateId : name},
        {QStringLiteral("roleTemplateId"), roleTemplateId.toLower()},
    };
}

} // namespace

bool EmulatorGraphApi::isGraphPath(const QString &decodedPath)
{
    return decodedPath.startsWith(QLatin1String("/v1.0/"), Qt::CaseInsensitive) ||
           decodedPath.startsWith(QLatin1String("/beta/"), Qt::CaseInsensitive) ||
           decodedPath.compare(QLatin1String("/v1.0"), Qt::CaseInsensitive) == 0 ||
           decodedPath.compare(QLatin1String("/beta"), Qt::CaseInsensitive) == 0;
}

EmulatorHttpAnswer EmulatorGraphApi::error(int status, const QString &code, const QString &message,
                                           const QByteArray &clientRequestId)
{
    const QString requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString clientId = clientRequestId.isEmpty() ? requestId : QString::fromUtf8(clientRequestId);
    const QJsonObject body{{QStringLiteral("error"),
                            QJsonObject{
                                {QStringLiteral("code"), code},
                                {QStringLiteral("message"), message},
                                {QStringLiteral("innerError"),
                                 QJsonObject{
                                     {QStringLiteral("date"), QDateTime::currentDateTimeUtc().toString(
                                                                  QStringLiteral("yyyy-MM-ddTHH:mm:ss"))},
                                     {QStringLiteral("request-id"), requestId},
                                     {QStringLiteral("client-request-id"), clientId},
                                 }},
                            }}};
    EmulatorHttpAnswer answer;
    answer.status = status;
    answer.addHeader("Content-Type", "application/json");
    answer.addHeader("request-id", requestId.toUtf8());
    answer.addHeader("client-request-id", clientId.toUtf8());
    answer.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return answer;
}

EmulatorHttpAnswer EmulatorGraphApi::handle(const Request &request, QString *route)
{
    const QStringList segments = request.path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    const QStringList rest = segments.mid(1);
    const qsizetype n = rest.size();
    const QString first = rest.value(0);
    QString argument;
    QString cast;
    route->clear();
    if (n == 2 && is(first, "policies") && is(rest.at(1), "identitySecurityDefaultsEnforcementPolicy")) {
        *route = QStringLiteral("securityDefaults");
    } else if ((n == 3 || n == 4) && is(first, "identity") && is(rest.at(1), "conditionalAccess") &&
               is(rest.at(2), "policies")) {
        *route = QStringLiteral("conditionalAccessPolicies");
        argument = rest.value(3);
    } else if (n == 2 && is(first, "groups")) {
        *route = QStringLiteral("group");
        argument = rest.at(1);
    } else if ((n == 3 || (n == 4 && is(rest.at(3), "microsoft.graph.user"))) && is(first, "groups") &&
               is(rest.at(2), "transitiveMembers")) {
        *route = QStringLiteral("groupTransitiveMembers");
        argument = rest.at(1);
        cast = rest.value(3);
    } else if ((n == 2 && is(first, "users")) || (n == 1 && is(first, "me"))) {
        *route = QStringLiteral("user");
        argument = n == 2 ? rest.at(1) : QString();
    } else if (((n == 3 || n == 4) && is(first, "users") && is(rest.at(2), "transitiveMemberOf")) ||
               ((n == 2 || n == 3) && is(first, "me") && is(rest.at(1), "transitiveMemberOf"))) {
        const bool me = is(first, "me");
        *route = QStringLiteral("userTransitiveMemberOf");
        argument = me ? QString() : rest.at(1);
        cast = rest.value(me ? 2 : 3);
        if (!cast.isEmpty() && !is(cast, "microsoft.graph.group") &&
            !is(cast, "microsoft.graph.directoryRole"))
            route->clear();
    } else if (m_usage && n == 2 && is(first, "reports") &&
               rest.at(1).startsWith(QLatin1String("getEmailAppUsageUserDetail"), Qt::CaseInsensitive)) {
        *route = QStringLiteral("emailAppUsageUserDetail");
        argument = rest.at(1);
    } else if (m_usage && n == 2 && is(first, "admin") && is(rest.at(1), "reportSettings")) {
        *route = QStringLiteral("reportSettings");
    } else if (m_usage && n == 2 && is(first, "auditLogs") && is(rest.at(1), "signIns")) {
        *route = QStringLiteral("signIns");
    }
    if (route->isEmpty()) {
        // Graph's words for a path it does not serve; the status is 404 (graph-protocol.md §7 also
        // expects 404 for a missing segment).
        return error(404, QStringLiteral("BadRequest"),
                     QStringLiteral("Resource not found for the segment '%1'.")
                         .arg(segments.value(segments.size() - 1)),
                     request.clientRequestId);
    }
    if (request.method != "GET") {
        EmulatorHttpAnswer answer =
            error(405, QStringLiteral("Request_BadRequest"),
                  QStringLiteral("Specified HTTP method is not allowed for the request target."),
                  request.clientRequestId);
        answer.addHeader("Allow", "GET");
        return answer;
    }
    const QString apiPath = QLatin1Char('/') + rest.join(QLatin1Char('/'));
    for (const QString &prefix : std::as_const(m_forbidden)) {
        if (request.path.startsWith(prefix, Qt::CaseInsensitive) ||
            apiPath.startsWith(prefix, Qt::CaseInsensitive))
            return insufficientPrivileges(request.clientRequestId);
    }

    if (*route == QLatin1String("securityDefaults"))
        return securityDefaults(request);
    if (*route == QLatin1String("emailAppUsageUserDetail"))
        return m_usage->emailAppUsage(request, argument);
    if (*route == QLatin1String("reportSettings"))
        return m_usage->reportSettings(request);
    if (*route == QLatin1String("signIns"))
        return m_usage->signIns(request);
    if (*route == QLatin1String("conditionalAccessPolicies"))
        return conditionalAccess(request, argument);
    if (*route == QLatin1String("group"))
        return group(request, argument);
    if (*route == QLatin1String("groupTransitiveMembers"))
        return groupMembers(request, argument, !cast.isEmpty());
    if (*route == QLatin1String("user"))
        return user(request, argument);
    return memberOf(request, argument, cast);
}

bool EmulatorGraphApi::page(const Request &request, int total, int pageSize, Page *out,
                            EmulatorHttpAnswer *refusal)
{
    const QStringList kept = queryWithoutSkipToken(request.rawQuery);
    QStringList decoded;
    for (const QString &item : kept)
        decoded.append(
            QString::fromUtf8(QByteArray::fromPercentEncoding(item.toUtf8().replace('+', ' '))).toLower());
    decoded.sort();
    const QString fingerprint = request.path.toLower() + QLatin1Char('\n') + decoded.join(QLatin1Char('&'));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();

    int begin = 0;
    const QString skipToken = queryValue(request, u"$skiptoken");
    if (!skipToken.isEmpty()) {
        const auto it = m_cursors.constFind(skipToken.toLatin1());
        if (it == m_cursors.cend() || it->expiresAtMs < now || it->fingerprint != fingerprint) {
            *refusal = error(
                400, QStringLiteral("Directory_ExpiredPageToken"),
                QStringLiteral("The specified page token value has expired and can no longer be included "
                               "in your request."),
                request.clientRequestId);
            return false;
        }
        begin = it->offset;
    }
    out->begin = qMin(begin, total);
    out->end = qMin(total, out->begin + pageSize);
    out->nextLink.clear();
    if (out->end < total) {
        if (m_cursors.size() > 20000) {
            for (auto it = m_cursors.begin(); it != m_cursors.end();)
                it = it->expiresAtMs < now ? m_cursors.erase(it) : std::next(it);
        }
        const QByteArray raw = QByteArray::number(++m_cursorSerial) + ':' + QByteArray::number(out->end) +
                               ':' + QByteArray::number(QRandomGenerator::global()->generate64());
        const QByteArray token =
            QCryptographicHash::hash(raw, QCryptographicHash::Sha256)
                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        m_cursors.insert(token, Cursor{fingerprint, out->end, now + qint64(m_nextLinkExpirySeconds) * 1000});
        QString link = request.baseUrl + request.rawPath + QLatin1Char('?');
        if (!kept.isEmpty())
            link += kept.join(QLatin1Char('&')) + QLatin1Char('&');
        out->nextLink = link + QStringLiteral("$skiptoken=") + QString::fromLatin1(token);
    }
    if (m_pagesUntilExpiry > 0 && --m_pagesUntilExpiry == 0)
        m_cursors.clear();
    return true;
}

EmulatorHttpAnswer EmulatorGraphApi::securityDefaults(const Request &request)
{
    if (!hasAnyScope(request.scopes, {"Policy.Read.All", "Policy.ReadWrite.SecurityDefaults",
                                      "Policy.ReadWrite.ConditionalAccess"}))
        return insufficientPrivileges(request.clientRequestId);
    const QJsonObject policy{
        {QStringLiteral("@odata.context"),
         metadata(request, QStringLiteral("policies/identitySecurityDefaultsEnforcementPolicy/$entity"))},
        {QStringLiteral("id"), QStringLiteral("00000000-0000-0000-0000-000000000005")},
        {QStringLiteral("displayName"), QStringLiteral("Security Defaults")},
        {QStringLiteral("description"),
         QStringLiteral(
             "Security defaults are basic identity security mechanisms recommended by Microsoft. When they "
             "are enabled, they are enforced in the whole organization.")},
        {QStringLiteral("isEnabled"), m_tenant.directory().knobs().securityDefaults},
    };
    return okObject(selected(policy, selection(request)), request.clientRequestId);
}

EmulatorHttpAnswer EmulatorGraphApi::conditionalAccess(const Request &request, const QString &policyId)
{
    const EmulatorDirectory &directory = m_tenant.directory();
    if (!hasAnyScope(request.scopes, {"Policy.Read.All", "Policy.ReadWrite.ConditionalAccess"}))
        return insufficientPrivileges(request.clientRequestId);
    if (!directory.knobs().entraP1)
        return error(403, QStringLiteral("Authentication_RequestFromNonPremiumTenantOrB2CTenant"),
                     QStringLiteral("Tenant is not a B2C tenant and doesn't have premium license"),
                     request.clientRequestId);
    const QStringList roles = directory.rolesOf(m_tenant.directoryUser(request.callerIndex).objectId);
    bool allowed = false;
    for (const char *role : {EmulatorDirectory::kGlobalAdministrator, EmulatorDirectory::kGlobalReader,
                             EmulatorDirectory::kSecurityReader, EmulatorDirectory::kSecurityAdministrator,
                             EmulatorDirectory::kConditionalAccessAdministrator,
                             EmulatorDirectory::kGlobalSecureAccessAdministrator})
        allowed |= roles.contains(QLatin1String(role), Qt::CaseInsensitive);
    if (!allowed)
        return insufficientPrivileges(request.clientRequestId);

    const QSet<QString> names = selection(request);
    const QJsonArray &policies = directory.conditionalAccessPolicies();
    if (!policyId.isEmpty()) {
        for (const QJsonValue &value : policies) {
            QJsonObject policy = value.toObject();
            if (policy.value(QStringLiteral("id")).toString().compare(policyId, Qt::CaseInsensitive) != 0)
                continue;
            policy.insert(QStringLiteral("@odata.context"),
                          metadata(request, QStringLiteral("identity/conditionalAccess/policies/$entity")));
            return okObject(selected(policy, names), request.clientRequestId);
        }
        return resourceNotFound(policyId, request.clientRequestId);
    }
    // $top is accepted but the page stays small: clients must follow the links either way.
    Page p;
    EmulatorHttpAnswer refusal;
    int ignored = kConditionalAccessPageSize;
    if (!pageSizeFrom(request, &ignored, &refusal) ||
        !page(request, int(policies.size()), kConditionalAccessPageSize, &p, &refusal))
        return refusal;
    QJsonArray value;
    for (int i = p.begin; i < p.end; ++i)
        value.append(selected(policies.at(i).toObject(), names));
    QJsonObject body{
        {QStringLiteral("@odata.context"),
         metadata(request, QStringLiteral("identity/conditionalAccess/policies"))},
        {QStringLiteral("value"), value},
    };
    if (!p.nextLink.isEmpty())
        body.insert(QStringLiteral("@odata.nextLink"), p.nextLink);
    return okObject(body, request.clientRequestId);
}

EmulatorHttpAnswer EmulatorGraphApi::group(const Request &request, const QString &groupId)
{
    if (!hasAnyScope(request.scopes,
                     {"GroupMember.Read.All", "Group.Read.All", "GroupMember.ReadWrite.All",
                      "Group.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"}))
        return insufficientPrivileges(request.clientRequestId);
    const QUuid uuid(groupId);
    if (uuid.isNull())
        return error(400, QStringLiteral("Request_BadRequest"),
                     QStringLiteral("Invalid object identifier '%1'.").arg(groupId), request.clientRequestId);
    const int index = m_tenant.directory().findGroup(uuid);
    if (index < 0)
        return resourceNotFound(groupId, request.clientRequestId);
    QJsonObject object = groupObject(m_tenant.directory().groups().at(index));
    object.remove(QStringLiteral("@odata.type"));
    object.insert(QStringLiteral("@odata.context"), metadata(request, QStringLiteral("groups/$entity")));
    return okObject(selected(object, selection(request)), request.clientRequestId);
}

EmulatorHttpAnswer EmulatorGraphApi::groupMembers(const Request &request, const QString &groupId,
                                                  bool userCast)
{
    if (!hasAnyScope(request.scopes,
                     {"GroupMember.Read.All", "Group.Read.All", "GroupMember.ReadWrite.All",
                      "Group.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"}))
        return insufficientPrivileges(request.clientRequestId);
    const QUuid uuid(groupId);
    if (uuid.isNull())
        return error(400, QStringLiteral("Request_BadRequest"),
                     QStringLiteral("Invalid object identifier '%1'.").arg(groupId), request.clientRequestId);
    const int index = m_tenant.directory().findGroup(uuid);
    if (index < 0)
        return resourceNotFound(groupId, request.clientRequestId);
    const QSet<QString> names = selection(request);
    EmulatorHttpAnswer refusal;
    int pageSize = kDefaultPageSize;
    if (!selectionKnown(request, names, kUserProperties, "microsoft.graph.user", &refusal) ||
        !pageSizeFrom(request, &pageSize, &refusal))
        return refusal;
    const QList<QUuid> &members = m_tenant.directory().groups().at(index).members;
    Page p;
    if (!page(request, int(members.size()), pageSize, &p, &refusal))
        return refusal;

    QString context =
        metadata(request, userCast ? QStringLiteral("users") : QStringLiteral("directoryObjects"));
    if (!names.isEmpty())
        context +=
            QLatin1Char('(') + queryValue(request, u"$select").remove(QLatin1Char(' ')) + QLatin1Char(')');
    QByteArray body;
    body.reserve((p.end - p.begin) * (names.size() == 1 ? 48 : 260) + 512);
    body += "{\"@odata.context\":";
    EmulatorJson::appendString(body, context);
    if (queryValue(request, u"$count").compare(QLatin1String("true"), Qt::CaseInsensitive) == 0)
        body += ",\"@odata.count\":" + QByteArray::number(members.size());
    body += ",\"value\":[";
    const bool idOnly = names.size() == 1 && names.contains(QStringLiteral("id"));
    for (int i = p.begin; i < p.end; ++i) {
        if (i != p.begin)
            body += ',';
        if (idOnly) {
            // The hot path of the benchmark (two groups of 20,000): no user lookup at all.
            body += userCast ? "{\"id\":\"" : "{\"@odata.type\":\"#microsoft.graph.user\",\"id\":\"";
            body += members.at(i).toByteArray(QUuid::WithoutBraces);
            body += "\"}";
            continue;
        }
        const int userIndex = m_tenant.directoryUserIndex(members.at(i));
        EmulatorDirectoryUser member;
        if (userIndex >= 0)
            member = m_tenant.directoryUser(userIndex);
        else
            member.objectId = members.at(i);
        writeUser(body, member, names, !userCast);
    }
    body += ']';
    if (!p.nextLink.isEmpty()) {
        body += ",\"@odata.nextLink\":";
        EmulatorJson::appendString(body, p.nextLink);
    }
    body += '}';
    return okJson(std::move(body), request.clientRequestId);
}

int EmulatorGraphApi::findUser(const Request &request, const QString &userId) const
{
    if (userId.isEmpty())
        return request.callerIndex;
    const QUuid uuid(userId);
    if (!uuid.isNull()) {
        const int index = m_tenant.directoryUserIndex(uuid);
        return index >= 0 && !m_tenant.isDirectoryUserRemoved(index) ? index : -1;
    }
    // Graph also takes a userPrincipalName in place of the id.
    if (!userId.contains(QLatin1Char('@')))
        return -1;
    const int index = m_tenant.findDirectoryUser(userId);
    return index >= 0 &&
                   m_tenant.directoryUser(index).userPrincipalName.compare(userId, Qt::CaseInsensitive) == 0
               ? index
               : -1;
}

EmulatorHttpAnswer EmulatorGraphApi::user(const Request &request, const QString &userId)
{
    const int index = findUser(request, userId);
    const bool self = index >= 0 && index == request.callerIndex;
    if (!(self && hasAnyScope(request.scopes, {"User.Read"})) &&
        !hasAnyScope(request.scopes, {"User.ReadBasic.All", "User.Read.All", "Directory.Read.All",
                                      "Directory.ReadWrite.All"}))
        return insufficientPrivileges(request.clientRequestId);
    if (index < 0)
        return resourceNotFound(userId, request.clientRequestId);
    const QSet<QString> names = selection(request);
    EmulatorHttpAnswer refusal;
    if (!selectionKnown(request, names, kUserProperties, "microsoft.graph.user", &refusal))
        return refusal;
    QByteArray object;
    writeUser(object, m_tenant.directoryUser(index), names, false);
    QByteArray body = "{\"@odata.context\":";
    EmulatorJson::appendString(body, metadata(request, QStringLiteral("users/$entity")));
    body += object.size() > 2 ? "," + object.mid(1) : QByteArray("}");
    return okJson(std::move(body), request.clientRequestId);
}

EmulatorHttpAnswer EmulatorGraphApi::memberOf(const Request &request, const QString &userId,
                                              const QString &cast)
{
    const int index = findUser(request, userId);
    const bool self = index >= 0 && index == request.callerIndex;
    if (!(self && hasAnyScope(request.scopes, {"User.Read"})) &&
        !hasAnyScope(request.scopes, {"User.Read.All", "GroupMember.Read.All", "Group.Read.All",
                                      "Directory.Read.All", "Directory.ReadWrite.All"}))
        return insufficientPrivileges(request.clientRequestId);
    if (index < 0)
        return resourceNotFound(userId, request.clientRequestId);
    EmulatorHttpAnswer refusal;
    int pageSize = kDefaultPageSize;
    if (!pageSizeFrom(request, &pageSize, &refusal))
        return refusal;

    const EmulatorDirectory &directory = m_tenant.directory();
    const QUuid objectId = m_tenant.directoryUser(index).objectId;
    const bool groups = cast.isEmpty() || is(cast, "microsoft.graph.group");
    const bool roles = cast.isEmpty() || is(cast, "microsoft.graph.directoryRole");
    QList<QJsonObject> items;
    if (groups) {
        for (const EmulatorDirectory::Group &group : directory.groups()) {
            if (group.memberSet.contains(objectId))
                items.append(groupObject(group));
        }
    }
    if (roles) {
        for (const QString &role : directory.rolesOf(objectId))
            items.append(roleObject(m_tenant.tenantId(), role));
    }
    Page p;
    if (!page(request, int(items.size()), pageSize, &p, &refusal))
        return refusal;
    const QSet<QString> names = selection(request);
    QJsonArray value;
    for (int i = p.begin; i < p.end; ++i) {
        QJsonObject item = selected(items.at(i), names);
        if (!cast.isEmpty())
            item.remove(QStringLiteral("@odata.type"));
        value.append(item);
    }
    QString context =
        metadata(request, is(cast, "microsoft.graph.directoryRole") ? QStringLiteral("directoryRoles")
                          : is(cast, "microsoft.graph.group")       ? QStringLiteral("groups")
                                                                    : QStringLiteral("directoryObjects"));
    if (!names.isEmpty())
        context +=
            QLatin1Char('(') + queryValue(request, u"$select").remove(QLatin1Char(' ')) + QLatin1Char(')');
    QJsonObject body{{QStringLiteral("@odata.context"), context}, {QStringLiteral("value"), value}};
    if (!p.nextLink.isEmpty())
        body.insert(QStringLiteral("@odata.nextLink"), p.nextLink);
    return okObject(body, request.clientRequestId);
}

bool EmulatorGraphApi::hasAnyScope(const QStringList &scopes, std::initializer_list<const char *> accepted)
{
    for (const char *permission : accepted) {
        if (scopes.contains(QLatin1String(permission), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace smtpauth
