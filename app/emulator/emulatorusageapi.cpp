// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "emulator/emulatorusageapi.h"

#include "emulator/emulatorcommandprocessor.h"
#include "emulator/emulatordirectory.h"
#include "emulator/emulatoremailappusagereport.h"
#include "emulator/emulatorjson.h"
#include "emulator/emulatortenant.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>

namespace smtpauth {

namespace {

const QByteArray kGraphJson =
    "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";
constexpr const char *kAuthenticatedSmtp = "Authenticated SMTP";
constexpr const char *kSmtp = "SMTP";
constexpr const char *kExchangeOnlineAppId = "00000002-0000-0ff1-ce00-000000000000";

EmulatorHttpAnswer denied(const QByteArray &clientRequestId)
{
    return EmulatorGraphApi::error(403, QStringLiteral("Authorization_RequestDenied"),
                                   QStringLiteral("Insufficient privileges to complete the operation."),
                                   clientRequestId);
}

EmulatorHttpAnswer badRequest(const QString &message, const QByteArray &clientRequestId)
{
    return EmulatorGraphApi::error(400, QStringLiteral("BadRequest"), message, clientRequestId);
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

QByteArray randomToken()
{
    QByteArray raw(24, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), 6);
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QString metadata(const EmulatorGraphApi::Request &request, const QString &fragment)
{
    return request.baseUrl + QLatin1Char('/') + request.path.section(QLatin1Char('/'), 1, 1) +
           QStringLiteral("/$metadata#") + fragment;
}

// The query items as sent: (decoded name, decoded value, raw item).
struct QueryItem
{
    QString name;
    QString value;
    QString raw;
};

QList<QueryItem> queryItems(const QString &rawQuery)
{
    QList<QueryItem> items;
    for (const QString &raw : rawQuery.split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
        const qsizetype equals = raw.indexOf(QLatin1Char('='));
        QByteArray key = raw.left(equals < 0 ? raw.size() : equals).toUtf8().replace('+', ' ');
        QByteArray value = (equals < 0 ? QString() : raw.mid(equals + 1)).toUtf8().replace('+', ' ');
        items.append({QString::fromUtf8(QByteArray::fromPercentEncoding(key)),
                      QString::fromUtf8(QByteArray::fromPercentEncoding(value)), raw});
    }
    return items;
}

// The sign-in filter of graph-protocol.md §5, parsed strictly. Tokens: ( ) words, 'strings' ('' inside
// is a quote), and unquoted date-time literals.
class SignInFilter
{
public:
    qint64 sinceTicks = 0; // inclusive bound; 0 = none
    bool authenticatedSmtp = false;
    bool smtp = false;
    QString problem;

    bool parse(const QString &text)
    {
        if (!tokenize(text))
            return false;
        bool haveDate = false;
        bool haveApps = false;
        for (int term = 0; term < 2; ++term) {
            if (term == 1) {
                if (atEnd())
                    break;
                if (!takeKeyword("and"))
                    return fail(QStringLiteral("expected 'and' before '%1'").arg(peek()));
            }
            if (peekIs("createdDateTime")) {
                if (haveDate)
                    return fail(QStringLiteral("createdDateTime may be compared only once"));
                if (!dateTerm())
                    return false;
                haveDate = true;
            } else if (peekIs("clientAppUsed") || peek() == QLatin1String("(")) {
                if (haveApps)
                    return fail(QStringLiteral("the clientAppUsed terms must be one group"));
                if (!appGroup())
                    return false;
                haveApps = true;
            } else {
                return fail(
                    QStringLiteral("'%1' is not supported; filter on createdDateTime and clientAppUsed only")
                        .arg(peek()));
            }
        }
        if (!atEnd())
            return fail(QStringLiteral("'%1' is not supported here").arg(peek()));
        if (!haveApps)
            return fail(QStringLiteral("a clientAppUsed term is required ('Authenticated SMTP' or 'SMTP')"));
        return true;
    }

private:
    QStringList m_tokens;
    QList<bool> m_quoted;
    int m_at = 0;

    bool fail(const QString &why)
    {
        problem = why;
        return false;
    }
    bool atEnd() const { return m_at >= m_tokens.size(); }
    QString peek() const { return atEnd() ? QStringLiteral("<end>") : m_tokens.at(m_at); }
    bool peekIs(const char *word) const
    {
        return !atEnd() && !m_quoted.at(m_at) &&
               m_tokens.at(m_at).compare(QLatin1String(word), Qt::CaseInsensitive) == 0;
    }
    bool takeKeyword(const char *word)
    {
        if (!peekIs(word))
            return false;
        ++m_at;
        return true;
    }

    bool tokenize(const QString &text)
    {
        for (qsizetype i = 0; i < text.size();) {
            const QChar c = text.at(i);
            if (c.isSpace()) {
                ++i;
            } else if (c == QLatin1Char('(') || c == QLatin1Char(')')) {
                m_tokens.append(QString(c));
                m_quoted.append(false);
                ++i;
            } else if (c == QLatin1Char('\'')) {
                QString literal;
                ++i;
                bool closed = false;
                while (i < text.size()) {
                    if (text.at(i) == QLatin1Char('\'')) {
                        if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\'')) {
                            literal += QLatin1Char('\'');
                            i += 2;
                            continue;
                        }
                        closed = true;
                        ++i;
                        break;
                    }
                    literal += text.at(i++);
                }
                if (!closed)
                    return fail(QStringLiteral("unterminated string literal"));
                m_tokens.append(literal);
                m_quoted.append(true);
            } else {
                qsizetype j = i;
                while (j < text.size() && !text.at(j).isSpace() && text.at(j) != QLatin1Char('(') &&
                       text.at(j) != QLatin1Char(')') && text.at(j) != QLatin1Char('\''))
                    ++j;
                m_tokens.append(text.mid(i, j - i));
                m_quoted.append(false);
                i = j;
            }
        }
        if (m_tokens.isEmpty())
            return fail(QStringLiteral("the filter is empty"));
        return true;
    }

    bool dateTerm()
    {
        ++m_at; // createdDateTime
        const bool greaterOrEqual = peekIs("ge");
        if (!greaterOrEqual && !peekIs("gt"))
            return fail(QStringLiteral("createdDateTime supports only 'ge' and 'gt', not '%1'").arg(peek()));
        ++m_at;
        if (atEnd() || m_quoted.at(m_at))
            return fail(QStringLiteral("createdDateTime needs an unquoted UTC date-time literal such as "
                                       "2026-11-07T00:00:00Z"));
        static const QRegularExpression pattern(
            QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,7})?Z$"));
        const QString literal = m_tokens.at(m_at++);
        const QDateTime time = QDateTime::fromString(literal, Qt::ISODateWithMs);
        if (!pattern.match(literal).hasMatch() || !time.isValid())
            return fail(
                QStringLiteral("'%1' is not a UTC date-time literal (yyyy-MM-ddTHH:mm:ssZ)").arg(literal));
        sinceTicks = EmulatorUsagePlan::ticksOf(time.toUTC()) + (greaterOrEqual ? 0 : 1);
        return true;
    }

    bool appTerm()
    {
        if (!takeKeyword("clientAppUsed"))
            return fail(QStringLiteral("'%1' is not supported inside the clientAppUsed group").arg(peek()));
        if (!takeKeyword("eq"))
            return fail(QStringLiteral("clientAppUsed supports only 'eq', not '%1'").arg(peek()));
        if (atEnd() || !m_quoted.at(m_at))
            return fail(QStringLiteral("clientAppUsed needs a quoted value"));
        const QString value = m_tokens.at(m_at++);
        bool *flag = value == QLatin1String(kAuthenticatedSmtp) ? &authenticatedSmtp
                     : value == QLatin1String(kSmtp)            ? &smtp
                                                                : nullptr;
        if (!flag)
            return fail(
                QStringLiteral("clientAppUsed '%1' is not supported; use 'Authenticated SMTP' or 'SMTP'")
                    .arg(value));
        if (*flag)
            return fail(QStringLiteral("clientAppUsed '%1' is given twice").arg(value));
        *flag = true;
        return true;
    }

    bool appGroup()
    {
        const bool parenthesised = peek() == QLatin1String("(");
        if (parenthesised)
            ++m_at;
        if (!appTerm())
            return false;
        if (parenthesised && takeKeyword("or") && !appTerm())
            return false;
        if (parenthesised) {
            if (peek() != QLatin1String(")"))
                return fail(QStringLiteral("expected ')' or 'or', not '%1'").arg(peek()));
            ++m_at;
        }
        return true;
    }
};

constexpr std::initializer_list<const char *> kSignInProperties{"id",
                                                                "createdDateTime",
                                                                "userDisplayName",
                                                                "userPrincipalName",
                                                                "userId",
                                                                "appId",
                                                                "appDisplayName",
                                                                "ipAddress",
                                                                "clientAppUsed",
                                                                "correlationId",
                                                                "conditionalAccessStatus",
                                                                "isInteractive",
                                                                "riskDetail",
                                                                "resourceDisplayName",
                                                                "resourceId",
                                                                "status"};

QUuid uuidFrom(quint64 hi, quint64 lo)
{
    return QUuid(uint(hi >> 32), ushort(hi >> 16), ushort((hi & 0x0fff) | 0x4000),
                 uchar(((lo >> 56) & 0x3f) | 0x80), uchar(lo >> 48), uchar(lo >> 40), uchar(lo >> 32),
                 uchar(lo >> 24), uchar(lo >> 16), uchar(lo >> 8), uchar(lo));
}

quint64 scramble(quint64 x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

} // namespace

void EmulatorUsageApi::setKnobs(const Knobs &knobs)
{
    if (knobs.signInsFailAfterPages != m_knobs.signInsFailAfterPages)
        m_signInPagesServed = 0;
    m_knobs = knobs;
}

bool EmulatorUsageApi::holdsRole(const EmulatorGraphApi::Request &request,
                                 std::initializer_list<const char *> roles) const
{
    const QStringList held =
        m_tenant.directory().rolesOf(m_tenant.directoryUser(request.callerIndex).objectId);
    for (const char *role : roles) {
        if (held.contains(QLatin1String(role), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

EmulatorHttpAnswer EmulatorUsageApi::emailAppUsage(const EmulatorGraphApi::Request &request,
                                                   const QString &functionSegment)
{
    static const QRegularExpression form(QStringLiteral("^getEmailAppUsageUserDetail\\(period='([^']*)'\\)$"),
                                         QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = form.match(functionSegment);
    if (!match.hasMatch())
        return badRequest(QStringLiteral("Invalid function call '%1': expected "
                                         "getEmailAppUsageUserDetail(period='D7|D30|D90|D180').")
                              .arg(functionSegment),
                          request.clientRequestId);
    if (!EmulatorGraphApi::hasAnyScope(request.scopes, {"Reports.Read.All"}))
        return denied(request.clientRequestId);
    if (!holdsRole(request,
                   {EmulatorDirectory::kGlobalAdministrator, EmulatorDirectory::kExchangeAdministrator,
                    EmulatorDirectory::kGlobalReader, EmulatorDirectory::kReportsReader}))
        return denied(request.clientRequestId);
    int days = 0;
    if (!EmulatorEmailAppUsageReport::periodDays(match.captured(1), &days))
        return badRequest(
            QStringLiteral("Invalid value '%1' for parameter 'period'. Supported values are D7, D30, "
                           "D90 and D180.")
                .arg(match.captured(1)),
            request.clientRequestId);
    const QString format = EmulatorCommandProcessor::decodedQueryItem(request.rawQuery, u"$format");
    if (!format.isEmpty() && format.compare(QLatin1String("text/csv"), Qt::CaseInsensitive) != 0)
        return badRequest(QStringLiteral("$format '%1' is not supported in v1.0; use text/csv.").arg(format),
                          request.clientRequestId);

    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (auto it = m_links.begin(); it != m_links.end();)
        it = it->expiresAtMs + 3600 * 1000 < now ? m_links.erase(it) : std::next(it);
    Link link;
    link.periodDays = days;
    link.concealed = m_knobs.concealedNames;
    link.columnsMoved = m_knobs.columnsMoved;
    link.expiresAtMs = now + qint64(m_knobs.linkLifetimeSeconds) * 1000;
    if (m_knobs.expiredLinks > 0) {
        --m_knobs.expiredLinks; // issued already expired: the client must fetch a new one
        link.expiresAtMs = 0;
    }
    const QByteArray token = randomToken();
    m_links.insert(token, link);

    EmulatorHttpAnswer answer = okJson({}, request.clientRequestId);
    answer.status = 302;
    answer.headers.removeIf([](const auto &h) { return h.first == "Content-Type"; });
    answer.addHeader("Location", request.baseUrl.toUtf8() + kDownloadPrefix + token);
    return answer;
}

bool EmulatorUsageApi::isDownloadPath(const QString &decodedPath)
{
    return decodedPath.startsWith(QLatin1String(kDownloadPrefix));
}

EmulatorHttpAnswer EmulatorUsageApi::download(const QString &decodedPath, bool hasAuthorization,
                                              const QByteArray &method, const QByteArray &clientRequestId)
{
    if (hasAuthorization)
        return EmulatorGraphApi::error(
            400, QStringLiteral("BadRequest"),
            QStringLiteral("The download URL is pre-authenticated; do not send a bearer "
                           "token (remove the Authorization header)."),
            clientRequestId);
    EmulatorHttpAnswer empty403;
    empty403.status = 403;
    if (method != "GET") {
        EmulatorHttpAnswer answer;
        answer.status = 405;
        answer.addHeader("Allow", "GET");
        return answer;
    }
    const QByteArray token = decodedPath.mid(int(qstrlen(kDownloadPrefix))).toLatin1();
    const auto it = m_links.constFind(token);
    // An unknown token is as good as an expired one: the URL is its own credential.
    if (it == m_links.cend() || it->expiresAtMs < QDateTime::currentMSecsSinceEpoch())
        return empty403;
    EmulatorEmailAppUsageReport::Options options;
    options.periodDays = it->periodDays;
    options.concealedNames = it->concealed;
    options.columnsMoved = it->columnsMoved;
    EmulatorHttpAnswer answer;
    answer.addHeader("Content-Type", "application/octet-stream");
    answer.addHeader("Content-Disposition", "attachment; filename=\"EmailAppUsageUserDetail" +
                                                QByteArray::number(it->periodDays) + ".csv\"");
    answer.body = EmulatorEmailAppUsageReport::build(m_tenant, options);
    return answer;
}

EmulatorHttpAnswer EmulatorUsageApi::reportSettings(const EmulatorGraphApi::Request &request)
{
    if (!EmulatorGraphApi::hasAnyScope(request.scopes,
                                       {"ReportSettings.Read.All", "ReportSettings.ReadWrite.All"}))
        return denied(request.clientRequestId);
    if (!holdsRole(request,
                   {EmulatorDirectory::kGlobalAdministrator, EmulatorDirectory::kExchangeAdministrator,
                    EmulatorDirectory::kGlobalReader, EmulatorDirectory::kReportsReader}))
        return denied(request.clientRequestId);
    const QJsonObject body{
        {QStringLiteral("@odata.context"), metadata(request, QStringLiteral("admin/reportSettings/$entity"))},
        {QStringLiteral("displayConcealedNames"), m_knobs.concealedNames},
    };
    return okJson(QJsonDocument(body).toJson(QJsonDocument::Compact), request.clientRequestId);
}

EmulatorHttpAnswer EmulatorUsageApi::signIns(const EmulatorGraphApi::Request &request)
{
    const QByteArray &crid = request.clientRequestId;
    if (!EmulatorGraphApi::hasAnyScope(request.scopes, {"AuditLog.Read.All"}))
        return denied(crid);
    if (!m_tenant.directory().knobs().entraP1)
        return EmulatorGraphApi::error(
            403, QStringLiteral("Authentication_RequestFromNonPremiumTenantOrB2CTenant"),
            QStringLiteral("Tenant is not a B2C tenant and doesn't have premium license"), crid);
    if (!holdsRole(request, {EmulatorDirectory::kGlobalAdministrator, EmulatorDirectory::kGlobalReader,
                             EmulatorDirectory::kReportsReader, EmulatorDirectory::kSecurityAdministrator,
                             kSecurityOperator, EmulatorDirectory::kSecurityReader}))
        return denied(crid);

    QString filterText;
    QString selectText;
    QString topText;
    QString skipToken;
    QStringList kept; // the raw items a nextLink repeats
    for (const QueryItem &item : queryItems(request.rawQuery)) {
        const QString name = item.name.toLower();
        if (name == QLatin1String("$skiptoken")) {
            skipToken = item.value;
            continue;
        }
        kept.append(item.raw);
        if (name == QLatin1String("$filter"))
            filterText = item.value;
        else if (name == QLatin1String("$select"))
            selectText = item.value;
        else if (name == QLatin1String("$top"))
            topText = item.value;
        else if (name == QLatin1String("$orderby")) {
            if (item.value.simplified().compare(QLatin1String("createdDateTime desc"), Qt::CaseInsensitive) !=
                0)
                return badRequest(QStringLiteral("$orderby '%1' is not supported; sign-ins come newest first "
                                                 "(createdDateTime desc).")
                                      .arg(item.value),
                                  crid);
        } else
            return badRequest(QStringLiteral("Query option '%1' is not supported.").arg(item.name), crid);
    }
    SignInFilter filter;
    if (filterText.isEmpty())
        return badRequest(
            QStringLiteral("Invalid filter clause: this tenant serves SMTP AUTH sign-ins only; give "
                           "$filter=createdDateTime ge <time>Z and (clientAppUsed eq 'Authenticated "
                           "SMTP' or clientAppUsed eq 'SMTP')."),
            crid);
    if (!filter.parse(filterText))
        return badRequest(QStringLiteral("Invalid filter clause: %1.").arg(filter.problem), crid);
    QSet<QString> names;
    for (const QString &part : selectText.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString name = part.trimmed();
        bool known = false;
        for (const char *property : kSignInProperties)
            known |= name.compare(QLatin1String(property), Qt::CaseInsensitive) == 0;
        if (!known)
            return badRequest(
                QStringLiteral("Could not find a property named '%1' on type 'microsoft.graph.signIn'.")
                    .arg(name),
                crid);
        names.insert(name.toLower());
    }
    int pageSize = kMaxSignInPageSize;
    if (!topText.isEmpty()) {
        bool ok = false;
        pageSize = topText.toInt(&ok);
        if (!ok || pageSize < 1 || pageSize > kMaxSignInPageSize)
            return EmulatorGraphApi::error(
                400, QStringLiteral("Request_UnsupportedQuery"),
                QStringLiteral("Invalid page size specified: '%1'. Must be between 1 and "
                               "%2 inclusive.")
                    .arg(topText)
                    .arg(kMaxSignInPageSize),
                crid);
    }

    if (m_knobs.signInsFailAfterPages > 0 && m_signInPagesServed >= m_knobs.signInsFailAfterPages) {
        const int status = m_knobs.signInsFailureStatus;
        return EmulatorGraphApi::error(
            status,
            status == 500   ? QStringLiteral("InternalServerError")
            : status == 504 ? QStringLiteral("GatewayTimeout")
                            : QStringLiteral("ServiceUnavailable"),
            QStringLiteral("The service is temporarily unavailable. Please try again later."), crid);
    }

    const EmulatorUsagePlan &plan = m_tenant.usage();
    QStringList sortedKept;
    for (const QueryItem &item : queryItems(kept.join(QLatin1Char('&'))))
        sortedKept.append(item.name.toLower() + QLatin1Char('=') + item.value);
    sortedKept.sort();
    const QString fingerprint =
        request.path.toLower() + QLatin1Char('\n') + sortedKept.join(QLatin1Char('&'));
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    Cursor cursor;
    if (!skipToken.isEmpty()) {
        const auto it = m_cursors.constFind(skipToken.toLatin1());
        if (it == m_cursors.cend() || it->expiresAtMs < nowMs || it->fingerprint != fingerprint)
            return EmulatorGraphApi::error(
                400, QStringLiteral("Directory_ExpiredPageToken"),
                QStringLiteral("The specified page token value has expired and can no "
                               "longer be included in your request."),
                crid);
        cursor = *it;
    } else {
        // Retention: whatever the filter asks, nothing older than 30 days exists.
        const qint64 retention = (nowMs - qint64(EmulatorUsagePlan::kRetentionDays) * 86400 * 1000) * 10000;
        cursor.end = plan.recordsNotOlderThan(qMax(filter.sinceTicks, retention));
    }

    const auto wanted = [&filter](const EmulatorSignInRecord &r) {
        return r.legacySmtpName ? filter.smtp : filter.authenticatedSmtp;
    };
    const auto key = [&names](QByteArray &out, bool &first, const char *name) {
        if (!names.isEmpty() && !names.contains(QString::fromLatin1(name).toLower()))
            return false;
        out += first ? "" : ",";
        first = false;
        EmulatorJson::appendKey(out, name);
        return true;
    };
    QByteArray body;
    body.reserve(pageSize * (names.isEmpty() ? 900 : 400) + 512);
    body += "{\"@odata.context\":";
    EmulatorJson::appendString(body, metadata(request, QStringLiteral("auditLogs/signIns")));
    body += ",\"value\":[";
    const int mailboxes = m_tenant.mailboxCount();
    int written = 0;
    qint64 k = cursor.sequence;
    for (; k < cursor.end && written < pageSize; ++k) {
        const EmulatorSignInRecord r = plan.signInRecord(k);
        if (!wanted(r))
            continue;
        QString upn;
        QString displayName;
        QUuid userId;
        if (r.user < mailboxes) {
            const EmulatorDirectoryUser user = m_tenant.directoryUser(r.user);
            upn = user.userPrincipalName;
            displayName = user.displayName;
            userId = user.objectId;
        } else {
            const EmulatorUsagePlan::Orphan &orphan = plan.orphans().at(r.user - mailboxes);
            upn = orphan.userPrincipalName;
            displayName = orphan.displayName;
            userId = orphan.objectId;
        }
        const quint64 h =
            scramble(plan.seedValue() ^ quint64(k) * 0x2545f4914f6cdd1dULL ^ quint64(plan.signInCount()));
        if (written++ > 0)
            body += ',';
        body += '{';
        bool first = true;
        if (key(body, first, "id"))
            body += '"' + uuidFrom(h, scramble(h)).toByteArray(QUuid::WithoutBraces) + '"';
        if (key(body, first, "createdDateTime"))
            EmulatorJson::appendString(body, EmulatorUsagePlan::isoTicks(r.createdTicks));
        if (key(body, first, "userDisplayName"))
            EmulatorJson::appendString(body, displayName);
        if (key(body, first, "userPrincipalName"))
            EmulatorJson::appendString(body, upn);
        if (key(body, first, "userId"))
            body += '"' + userId.toByteArray(QUuid::WithoutBraces) + '"';
        if (key(body, first, "appId"))
            body += QByteArray("\"") + kExchangeOnlineAppId + '"';
        if (key(body, first, "appDisplayName"))
            body += "\"Office 365 Exchange Online\"";
        if (key(body, first, "ipAddress"))
            EmulatorJson::appendString(body, plan.clientIp(r.user, r.ipIndex));
        if (key(body, first, "clientAppUsed"))
            body += r.legacySmtpName ? "\"SMTP\"" : "\"Authenticated SMTP\"";
        if (key(body, first, "correlationId"))
            body += '"' + uuidFrom(scramble(h ^ 0xc0ffee), h).toByteArray(QUuid::WithoutBraces) + '"';
        if (key(body, first, "conditionalAccessStatus"))
            body += r.errorCode == 53003 ? "\"failure\"" : "\"notApplied\"";
        if (key(body, first, "isInteractive"))
            body += "false";
        if (key(body, first, "riskDetail"))
            body += "\"none\"";
        if (key(body, first, "resourceDisplayName"))
            body += "\"Office 365 Exchange Online\"";
        if (key(body, first, "resourceId"))
            body += QByteArray("\"") + kExchangeOnlineAppId + '"';
        if (key(body, first, "status")) {
            body += "{\"errorCode\":" + QByteArray::number(r.errorCode) + ",\"failureReason\":";
            switch (r.errorCode) {
            case 0:
                body += "\"Other.\",\"additionalDetails\":null}";
                break;
            case 53003:
                body +=
                    "\"Access has been blocked by Conditional Access policies. The access policy does not "
                    "allow token issuance.\",\"additionalDetails\":null}";
                break;
            default:
                body +=
                    "\"Error validating credentials due to invalid username or password.\","
                    "\"additionalDetails\":\"The user didn't enter the right credentials. It's expected to "
                    "see some number of these errors in your logs due to users making mistakes.\"}";
                break;
            }
        }
        body += '}';
    }
    // Look ahead so that the last page carries no link (a one-value filter skips records).
    while (k < cursor.end && !wanted(plan.signInRecord(k)))
        ++k;
    body += ']';
    if (k < cursor.end) {
        if (m_cursors.size() > 20000) {
            for (auto it = m_cursors.begin(); it != m_cursors.end();)
                it = it->expiresAtMs < nowMs ? m_cursors.erase(it) : std::next(it);
        }
        const QByteArray token = randomToken();
        Cursor next = cursor;
        next.fingerprint = fingerprint;
        next.sequence = k;
        next.expiresAtMs = nowMs + qint64(m_nextLinkExpirySeconds) * 1000;
        m_cursors.insert(token, next);
        QString link = request.baseUrl + request.rawPath + QLatin1Char('?');
        if (!kept.isEmpty())
            link += kept.join(QLatin1Char('&')) + QLatin1Char('&');
        link += QStringLiteral("$skiptoken=") + QString::fromLatin1(token);
        body += ",\"@odata.nextLink\":";
        EmulatorJson::appendString(body, link);
    }
    body += '}';
    ++m_signInPagesServed;
    return okJson(std::move(body), crid);
}

} // namespace smtpauth
