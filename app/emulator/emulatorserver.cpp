// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "emulator/emulatorserver.h"

#include "emulator/emulatorcommandprocessor.h"
#include "emulator/emulatorgraphapi.h"
#include "emulator/emulatoridentityplatform.h"
#include "emulator/emulatorlogging.h"
#include "emulator/emulatorsmtpauthclientsreport.h"
#include "emulator/emulatortenant.h"
#include "emulator/emulatorusageapi.h"

#include <QFileInfo>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>
#include <random>

namespace smtpauth {

namespace {

const QByteArray kConcurrencyMessage =
    "You have reached the maximum number of concurrent requests per tenant. Please wait and try again.";

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 204:
        return "No Content";
    case 302:
        return "Found";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 415:
        return "Unsupported Media Type";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "Status";
    }
}

EmulatorHttpAnswer textAnswer(int status, const QByteArray &text)
{
    EmulatorHttpAnswer answer;
    answer.status = status;
    answer.addHeader("Content-Type", "text/plain; charset=utf-8");
    answer.body = text;
    return answer;
}

EmulatorHttpAnswer jsonObjectAnswer(int status, const QJsonObject &object)
{
    EmulatorHttpAnswer answer;
    answer.status = status;
    answer.addHeader("Content-Type", "application/json; charset=utf-8");
    answer.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    return answer;
}

EmulatorHttpAnswer jsonErrorAnswer(int status, const QString &code, const QString &message)
{
    return jsonObjectAnswer(
        status, QJsonObject{{QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), code},
                                                                  {QStringLiteral("message"), message}}}});
}

// The cmdlets an /adminapi/ body runs: one for InvokeCommand, one per request of a $batch.
QStringList cmdletsOf(const QByteArray &body, bool isBatch)
{
    const QJsonObject root = QJsonDocument::fromJson(body).object();
    const auto nameOf = [](const QJsonObject &invoke) {
        return invoke.value(QStringLiteral("CmdletInput"))
            .toObject()
            .value(QStringLiteral("CmdletName"))
            .toString()
            .trimmed();
    };
    QStringList cmdlets;
    if (isBatch) {
        for (const QJsonValue &request : root.value(QStringLiteral("requests")).toArray())
            cmdlets.append(nameOf(request.toObject().value(QStringLiteral("body")).toObject()));
    } else {
        cmdlets.append(nameOf(root));
    }
    return cmdlets;
}

QString methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return QStringLiteral("GET");
    case QHttpServerRequest::Method::Post:
        return QStringLiteral("POST");
    case QHttpServerRequest::Method::Patch:
        return QStringLiteral("PATCH");
    case QHttpServerRequest::Method::Delete:
        return QStringLiteral("DELETE");
    case QHttpServerRequest::Method::Put:
        return QStringLiteral("PUT");
    default:
        return QStringLiteral("OTHER");
    }
}

struct Incoming
{
    QHttpServerRequest::Method method = QHttpServerRequest::Method::Unknown;
    QString path;                          // decoded
    QString rawPath;                       // as sent
    QString rawQuery;                      // as sent
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
    QByteArray header(const char *name) const { return headers.value(QByteArray(name)); }
};

} // namespace

class EmulatorServer::Private
{
public:
    explicit Private(EmulatorServer *q) : q(q), processor(tenant), graph(tenant), usage(tenant)
    {
        graph.setUsageApi(&usage);
    }

    EmulatorServer *q;
    EmulatorTenant tenant;
    EmulatorIdentityPlatform identity;
    EmulatorCommandProcessor processor;
    EmulatorGraphApi graph;
    EmulatorUsageApi usage;
    QList<EmulatorFault> faultScript;
    std::mt19937_64 faultRandom;
    int inFlight = 0;
    EmulatorStats stats;
    struct Held
    {
        EmulatorServer::HeldRequest request;
        QPointer<QTcpSocket> socket;
        EmulatorHttpAnswer answer;
        int delayMs = 0;
        bool countsInFlight = false;
        bool closeAfter = false;
    };
    QList<Held> held; // in arrival order
    int nextHoldId = 1;

    double unit() { return double(faultRandom() >> 11) * 0x1.0p-53; }
    QString baseUrl() const { return QStringLiteral("http://127.0.0.1:%1").arg(q->m_port); }

    void dispatch(const Incoming &in, QTcpSocket *socket);
    void handleApi(const Incoming &in, const QStringList &segments, QTcpSocket *socket);
    EmulatorHttpAnswer processApi(const Incoming &in, const QStringList &segments);
    void handleGraph(const Incoming &in, QTcpSocket *socket);
    EmulatorHttpAnswer processGraph(const Incoming &in, QString *route);
    EmulatorHttpAnswer handleControl(const Incoming &in, const QStringList &segments);
    bool handleDirectoryControl(const QString &action, const QJsonObject &body, EmulatorHttpAnswer *answer);
    // The index of the first pending script step that applies to this request, or -1. The cmdlets of
    // an adminapi body are read only when a pending step targets a cmdlet.
    int matchingFault(bool isGraph, const QString &path, const QByteArray &body, bool isBatch) const;
    void deliver(QTcpSocket *socket, const EmulatorHttpAnswer &answer, int delayMs, bool countsInFlight,
                 bool closeAfter);
    // A script step's "hold": parks the answer until release() (same arguments as deliver()).
    void hold(const Incoming &in, const QStringList &cmdlets, QTcpSocket *socket,
              const EmulatorHttpAnswer &answer, int delayMs, bool countsInFlight, bool closeAfter);
    void release(qsizetype index);
    static void write(QTcpSocket *socket, const EmulatorHttpAnswer &answer, bool closeAfter);
    void tenantWasChanged();
};

EmulatorServer::EmulatorServer(const EmulatorOptions &options, QObject *parent)
    : QAbstractHttpServer(parent), d(std::make_unique<Private>(this)), m_options(options)
{
    d->faultRandom.seed(options.seed ^ 0x5eedfa17c0ffee00ULL);
}

EmulatorServer::~EmulatorServer() = default;

bool EmulatorServer::prepareTenant(QString *errorMessage)
{
    if (m_prepared)
        return true;
    auto fail = [errorMessage](const QString &why) {
        if (errorMessage)
            *errorMessage = why;
        qCWarning(lcEmulator).noquote() << why;
        return false;
    };
    bool save = false;
    if (!m_options.stateFile.isEmpty() && QFileInfo::exists(m_options.stateFile)) {
        QString why;
        if (!d->tenant.loadFromFile(m_options.stateFile, &why))
            return fail(QStringLiteral("cannot load tenant state %1: %2").arg(m_options.stateFile, why));
    } else {
        d->tenant.seed(m_options.seed, m_options.tenantDomain, m_options.mailboxCount,
                       m_options.overrideShare, m_options.org);
        save = !m_options.stateFile.isEmpty();
    }
    d->identity.reset(d->tenant, m_options.clientId, m_options.tokenLifetimeSeconds);
    EmulatorDirectory &directory = d->tenant.directory();
    directory.setAccounts(d->tenant.tenantId(), d->tenant.domain(), d->identity.users());
    // A state file from before the directory existed still loads: its directory is seeded now, from
    // this run's seed and knobs, and written back.
    if (!d->tenant.directoryLoaded()) {
        EmulatorDirectory::Knobs knobs;
        knobs.securityDefaults = m_options.securityDefaults;
        knobs.graphConsentGranted = m_options.graphConsentGranted;
        knobs.entraP1 = m_options.entraP1;
        knobs.authenticationPoliciesUsed = m_options.authenticationPoliciesUsed;
        knobs.orgDefaultPolicyAsDn = m_options.orgDefaultPolicyAsDn;
        knobs.caGroupSize = m_options.caGroupSize;
        directory.seed(m_options.seed, d->tenant.tenantId(), d->tenant.domain(), d->tenant.mailboxes(),
                       knobs);
        save = !m_options.stateFile.isEmpty();
    }
    // The usage plan is history: seeded once (from the directory's seed, so a loaded tenant gets the
    // plan its seed gives) and kept in the state file, whatever the overrides become afterwards.
    if (!d->tenant.usageLoaded()) {
        d->tenant.usage().seed(directory.seed(), d->tenant);
        save = !m_options.stateFile.isEmpty();
    }
    d->tenant.usage().prepare(d->tenant.tenantId(), d->tenant.domain(), QDateTime::currentDateTimeUtc(),
                              m_options.signInRecordCount);
    if (save) {
        QString why;
        if (!d->tenant.saveToFile(m_options.stateFile, &why))
            return fail(QStringLiteral("cannot write tenant state %1: %2").arg(m_options.stateFile, why));
    }
    d->identity.setDirectory(&directory);
    d->processor.setServerPageSize(qBound(1, m_options.pageSize, 1000));
    d->processor.setNextLinkExpirySeconds(m_options.nextLinkExpirySeconds);
    d->graph.setNextLinkExpirySeconds(m_options.nextLinkExpirySeconds);
    d->usage.setNextLinkExpirySeconds(m_options.nextLinkExpirySeconds);
    EmulatorUsageApi::Knobs usageKnobs;
    usageKnobs.linkLifetimeSeconds = m_options.reportLinkLifetimeSeconds;
    usageKnobs.expiredLinks = m_options.expiredReportLinks;
    usageKnobs.concealedNames = m_options.concealedReportNames;
    usageKnobs.columnsMoved = m_options.reportColumnsMoved;
    usageKnobs.signInsFailAfterPages = m_options.signInsFailAfterPages;
    usageKnobs.signInsFailureStatus = m_options.signInsFailureStatus;
    d->usage.setKnobs(usageKnobs);
    m_prepared = true;
    return true;
}

bool EmulatorServer::start(QString *errorMessage)
{
    if (!prepareTenant(errorMessage))
        return false;
    // Loopback only: the demo tenant must never be reachable from another machine.
    const quint16 port = listen(QHostAddress::LocalHost, m_options.port);
    if (port == 0) {
        const QString why = QStringLiteral("cannot listen on 127.0.0.1:%1").arg(m_options.port);
        if (errorMessage)
            *errorMessage = why;
        qCWarning(lcEmulator).noquote() << why;
        return false;
    }
    m_port = port;
    qCInfo(lcEmulator) << "tenant" << d->tenant.domain() << d->tenant.tenantId() << "with"
                       << d->tenant.mailboxCount() << "mailboxes on port" << m_port;
    return true;
}

void EmulatorServer::setConcealedReportNames(bool concealed)
{
    m_options.concealedReportNames = concealed;
    EmulatorUsageApi::Knobs knobs = d->usage.knobs();
    knobs.concealedNames = concealed;
    d->usage.setKnobs(knobs);
}

void EmulatorServer::setReportColumnsMoved(bool moved)
{
    m_options.reportColumnsMoved = moved;
    EmulatorUsageApi::Knobs knobs = d->usage.knobs();
    knobs.columnsMoved = moved;
    d->usage.setKnobs(knobs);
}

void EmulatorServer::setReportLinkLifetimeSeconds(int seconds)
{
    m_options.reportLinkLifetimeSeconds = qMax(0, seconds);
    EmulatorUsageApi::Knobs knobs = d->usage.knobs();
    knobs.linkLifetimeSeconds = m_options.reportLinkLifetimeSeconds;
    d->usage.setKnobs(knobs);
}

void EmulatorServer::expireNextReportLinks(int count)
{
    EmulatorUsageApi::Knobs knobs = d->usage.knobs();
    knobs.expiredLinks = qMax(0, count);
    d->usage.setKnobs(knobs);
}

void EmulatorServer::setSignInRecordCount(qint64 count)
{
    m_options.signInRecordCount = qMax<qint64>(0, count);
    d->tenant.usage().prepare(d->tenant.tenantId(), d->tenant.domain(), d->tenant.usage().anchor(),
                              m_options.signInRecordCount);
    d->usage.expireNextLinks(); // links into the old log would read another one
}

void EmulatorServer::failSignInsAfterPages(int pages, int status)
{
    m_options.signInsFailAfterPages = qMax(0, pages);
    m_options.signInsFailureStatus = status;
    EmulatorUsageApi::Knobs knobs = d->usage.knobs();
    knobs.signInsFailAfterPages = -1; // a change of the value restarts the page count
    d->usage.setKnobs(knobs);
    knobs.signInsFailAfterPages = m_options.signInsFailAfterPages;
    knobs.signInsFailureStatus = status;
    d->usage.setKnobs(knobs);
}

QDateTime EmulatorServer::usageAnchor() const
{
    return d->tenant.usage().anchor();
}

QJsonObject EmulatorServer::usageTruth(const QDateTime &since, bool includeUnused) const
{
    return d->tenant.usageTruth(since.isValid() ? EmulatorUsagePlan::ticksOf(since.toUTC()) : 0,
                                includeUnused);
}

QByteArray EmulatorServer::smtpAuthClientsReport()
{
    if (!prepareTenant(nullptr))
        return {};
    return EmulatorSmtpAuthClientsReport::build(d->tenant);
}

bool EmulatorServer::writeSmtpAuthClientsReport(const QString &path, QString *errorMessage)
{
    return prepareTenant(errorMessage) && EmulatorSmtpAuthClientsReport::write(d->tenant, path, errorMessage);
}

QUrl EmulatorServer::baseUrl() const
{
    return QUrl(d->baseUrl());
}

QUrl EmulatorServer::authorityUrl() const
{
    return QUrl(d->baseUrl() + QLatin1Char('/') + d->tenant.tenantId().toString(QUuid::WithoutBraces));
}

QUuid EmulatorServer::tenantId() const
{
    return d->tenant.tenantId();
}
QString EmulatorServer::tenantDomain() const
{
    return d->tenant.domain();
}
OrgSetting EmulatorServer::orgSetting() const
{
    return d->tenant.org();
}
QList<EmulatorMailbox> EmulatorServer::mailboxes() const
{
    return d->tenant.mailboxes();
}
int EmulatorServer::mailboxCount() const
{
    return d->tenant.mailboxCount();
}

QStringList EmulatorServer::demoUserPrincipalNames() const
{
    QStringList names;
    for (const EmulatorUser &user : d->identity.users())
        names.append(user.userPrincipalName);
    return names;
}

QString EmulatorServer::adminUserPrincipalName() const
{
    return QStringLiteral("admin@") + d->tenant.domain();
}

bool EmulatorServer::setMailboxOverride(const QString &identity, Override value)
{
    const int index = d->tenant.findMailbox(identity);
    if (index < 0)
        return false;
    if (d->tenant.mailbox(index).smtpClientAuthentication != value) {
        d->tenant.mailbox(index).smtpClientAuthentication = value;
        d->tenantWasChanged();
    }
    return true;
}

void EmulatorServer::setOrgSetting(OrgSetting value)
{
    if (d->tenant.org() != value) {
        d->tenant.setOrg(value);
        d->tenantWasChanged();
    }
}

QJsonObject EmulatorServer::directoryTruth(bool includeUsers) const
{
    return d->tenant.directoryTruth(includeUsers);
}

QUuid EmulatorServer::groupId(const QString &displayName) const
{
    for (const EmulatorDirectory::Group &group : d->tenant.directory().groups()) {
        if (group.displayName.compare(displayName, Qt::CaseInsensitive) == 0)
            return group.id;
    }
    return QUuid();
}

void EmulatorServer::setSecurityDefaults(bool enabled)
{
    d->tenant.directory().setSecurityDefaults(enabled);
    d->tenantWasChanged();
}

void EmulatorServer::setGraphConsentGranted(bool granted)
{
    d->tenant.directory().setGraphConsentGranted(granted);
    d->tenantWasChanged();
}

void EmulatorServer::setEntraP1Licensed(bool licensed)
{
    d->tenant.directory().setEntraP1(licensed);
    d->tenantWasChanged();
}

void EmulatorServer::setAuthenticationPoliciesUsed(bool used)
{
    d->tenant.directory().setAuthenticationPoliciesUsed(used);
    d->tenantWasChanged();
}

void EmulatorServer::setOrgDefaultPolicyAsDn(bool asDn)
{
    d->tenant.directory().setOrgDefaultPolicyAsDn(asDn);
    d->tenantWasChanged();
}

void EmulatorServer::setOrgDefaultAuthenticationPolicy(const QString &name)
{
    d->tenant.directory().setOrgDefaultPolicy(name);
    d->tenantWasChanged();
}

void EmulatorServer::setConditionalAccessPolicies(const QJsonArray &policies)
{
    d->tenant.directory().setConditionalAccessPolicies(policies);
    d->tenantWasChanged();
}

bool EmulatorServer::setUserAuthenticationPolicy(const QString &identity,
                                                 const std::optional<QString> &policy)
{
    const int index = d->tenant.findDirectoryUser(identity);
    if (index < 0)
        return false;
    d->tenant.directory().setAuthenticationPolicyOf(d->tenant.directoryUserObjectId(index), policy);
    d->tenantWasChanged();
    return true;
}

bool EmulatorServer::setUserPrincipalName(const QString &identity, const QString &userPrincipalName)
{
    const int index = d->tenant.findDirectoryUser(identity);
    if (index < 0 || !userPrincipalName.contains(QLatin1Char('@')))
        return false;
    const int other = d->tenant.findDirectoryUser(userPrincipalName);
    if (other >= 0 && other != index)
        return false; // a UPN is unique in the directory
    d->tenant.directory().setUserPrincipalNameOverride(d->tenant.directoryUserObjectId(index),
                                                       userPrincipalName);
    d->tenantWasChanged();
    return true;
}

bool EmulatorServer::removeUser(const QString &identity)
{
    const int index = d->tenant.findDirectoryUser(identity);
    if (index < 0)
        return false;
    d->tenant.directory().removeUser(d->tenant.directoryUserObjectId(index));
    d->tenantWasChanged();
    return true;
}

bool EmulatorServer::setGroupMembers(const QUuid &group, const QStringList &members, QString *unknownMember)
{
    const int groupIndex = d->tenant.directory().findGroup(group);
    if (groupIndex < 0)
        return false;
    QList<QUuid> ids;
    ids.reserve(members.size());
    for (const QString &member : members) {
        const int index = d->tenant.findDirectoryUser(member);
        if (index < 0) {
            if (unknownMember)
                *unknownMember = member;
            return false;
        }
        ids.append(d->tenant.directoryUserObjectId(index));
    }
    d->tenant.directory().setGroupMembers(groupIndex, ids);
    d->tenantWasChanged();
    return true;
}

bool EmulatorServer::forbidCmdlet(const QString &cmdlet)
{
    const QString known = EmulatorCommandProcessor::knownCmdlet(cmdlet);
    if (known.isEmpty())
        return false;
    d->processor.forbidCmdlet(known);
    return true;
}

void EmulatorServer::forbidGraphPath(const QString &prefix)
{
    d->graph.forbidPath(prefix);
}

void EmulatorServer::clearForbidden()
{
    d->processor.clearForbiddenCmdlets();
    d->graph.clearForbidden();
}

void EmulatorServer::setFaultScript(const QList<EmulatorFault> &script)
{
    d->faultScript = script;
}
int EmulatorServer::pendingFaults() const
{
    return int(d->faultScript.size());
}

QList<EmulatorServer::HeldRequest> EmulatorServer::heldRequests() const
{
    QList<HeldRequest> requests;
    requests.reserve(d->held.size());
    for (const Private::Held &held : std::as_const(d->held)) {
        HeldRequest request = held.request;
        request.connected = held.socket && held.socket->state() == QAbstractSocket::ConnectedState;
        requests.append(request);
    }
    return requests;
}

bool EmulatorServer::releaseHeld(int id)
{
    for (qsizetype i = 0; i < d->held.size(); ++i) {
        if (d->held.at(i).request.id == id) {
            d->release(i);
            return true;
        }
    }
    return false;
}

int EmulatorServer::releaseAllHeld()
{
    const int count = int(d->held.size());
    while (!d->held.isEmpty())
        d->release(0);
    return count;
}

void EmulatorServer::setFaultRates(double rate429, double retryAfterShare, double rate503, double dropRate)
{
    m_options.rate429 = rate429;
    m_options.retryAfterShare = retryAfterShare;
    m_options.rate503 = rate503;
    m_options.dropRate = dropRate;
}

void EmulatorServer::setLatencyMs(int latencyMs)
{
    m_options.latencyMs = qMax(0, latencyMs);
}
void EmulatorServer::setConcurrencyLimit(int limit)
{
    m_options.concurrencyLimit = qMax(0, limit);
}
void EmulatorServer::expireAccessTokens()
{
    d->identity.expireAccessTokens();
}
void EmulatorServer::revokeRefreshTokens()
{
    d->identity.revokeRefreshTokens();
}
void EmulatorServer::expireNextLinks()
{
    d->processor.expireNextLinks();
    d->graph.expireNextLinks();
    d->usage.expireNextLinks();
}
EmulatorStats EmulatorServer::stats() const
{
    return d->stats;
}
void EmulatorServer::resetStats()
{
    d->stats = EmulatorStats{};
}

void EmulatorServer::Private::tenantWasChanged()
{
    if (!q->m_options.stateFile.isEmpty()) {
        QString why;
        if (!tenant.saveToFile(q->m_options.stateFile, &why))
            qCWarning(lcEmulator).noquote() << "cannot save tenant state:" << why;
    }
    Q_EMIT q->tenantChanged();
}

bool EmulatorServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // The request object is reused for the next request on this connection: copy what we need now.
    Incoming in;
    in.method = request.method();
    const QUrl url = request.url();
    in.path = url.path(QUrl::FullyDecoded);
    in.rawPath = url.path(QUrl::FullyEncoded);
    in.rawQuery = url.query(QUrl::FullyEncoded);
    const auto headers = request.headers();
    for (const auto &header : headers)
        in.headers.insert(header.first.toLower(), header.second);
    in.body = request.body();
    d->dispatch(in, socket);
    return true;
}

void EmulatorServer::missingHandler(const QHttpServerRequest &, QTcpSocket *socket)
{
    Private::write(socket, textAnswer(404, "Not Found"), false);
}

void EmulatorServer::Private::dispatch(const Incoming &in, QTcpSocket *socket)
{
    const QStringList segments = in.path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    const bool closeAfter = in.header("connection").toLower() == "close";

    if (!segments.isEmpty() && segments.first() == QLatin1String("_emulator")) {
        deliver(socket, handleControl(in, segments), 0, false, closeAfter);
        return;
    }
    if (!segments.isEmpty() &&
        segments.first().compare(QLatin1String("adminapi"), Qt::CaseInsensitive) == 0) {
        handleApi(in, segments, socket);
        return;
    }
    if (EmulatorGraphApi::isGraphPath(in.path) || EmulatorUsageApi::isDownloadPath(in.path)) {
        handleGraph(in, socket);
        return;
    }
    if (segments.size() == 4 && segments.at(1) == QLatin1String("oauth2") &&
        segments.at(2) == QLatin1String("v2.0")) {
        if (segments.at(3) == QLatin1String("authorize")) {
            if (in.method != QHttpServerRequest::Method::Get) {
                EmulatorHttpAnswer answer = textAnswer(405, "Method Not Allowed");
                answer.addHeader("Allow", "GET");
                deliver(socket, answer, 0, false, closeAfter);
                return;
            }
            bool consentRecorded = false;
            const EmulatorHttpAnswer answer =
                identity.authorize(segments.at(0), in.rawQuery, in.rawPath, &consentRecorded);
            if (consentRecorded)
                tenantWasChanged();
            deliver(socket, answer, 0, false, closeAfter);
            return;
        }
        if (segments.at(3) == QLatin1String("token")) {
            if (in.method != QHttpServerRequest::Method::Post) {
                EmulatorHttpAnswer answer = textAnswer(405, "Method Not Allowed");
                answer.addHeader("Allow", "POST");
                deliver(socket, answer, 0, false, closeAfter);
                return;
            }
            deliver(socket, identity.token(segments.at(0), in.header("content-type"), in.body), 0, false,
                    closeAfter);
            return;
        }
    }
    deliver(socket, textAnswer(404, "Not Found"), 0, false, closeAfter);
}

void EmulatorServer::Private::handleApi(const Incoming &in, const QStringList &segments, QTcpSocket *socket)
{
    const bool closeAfter = in.header("connection").toLower() == "close";
    const EmulatorOptions &options = q->m_options;
    const bool knownEndpoint =
        segments.size() == 4 &&
        (segments.at(3).compare(QLatin1String("InvokeCommand"), Qt::CaseInsensitive) == 0 ||
         segments.at(3).compare(QLatin1String("$batch"), Qt::CaseInsensitive) == 0);
    if (!knownEndpoint) {
        deliver(socket, jsonErrorAnswer(404, QStringLiteral("NotFound"), QStringLiteral("No such endpoint.")),
                options.latencyMs, false, closeAfter);
        return;
    }
    // Only beta serves InvokeCommand; v1.0 (and anything else) answers 405, as the real service does.
    if (segments.at(1) != QLatin1String("beta") || in.method != QHttpServerRequest::Method::Post) {
        EmulatorHttpAnswer answer =
            jsonErrorAnswer(405, QStringLiteral("MethodNotAllowed"),
                            QStringLiteral("The requested resource does not support the "
                                           "HTTP method or API version."));
        answer.addHeader("Allow", "POST");
        deliver(socket, answer, options.latencyMs, false, closeAfter);
        return;
    }

    ++stats.apiRequests;
    stats.clientRequestIds.append(QString::fromUtf8(in.header("client-request-id")));

    if (options.concurrencyLimit > 0 && inFlight >= options.concurrencyLimit) {
        ++stats.throttledByConcurrency;
        EmulatorHttpAnswer answer = textAnswer(429, kConcurrencyMessage);
        deliver(socket, answer, 0, false, closeAfter);
        return;
    }
    ++inFlight;
    stats.maxInFlight = qMax(stats.maxInFlight, inFlight);

    EmulatorFault fault;
    const bool isBatch = segments.at(3).compare(QLatin1String("$batch"), Qt::CaseInsensitive) == 0;
    if (const int step = matchingFault(false, in.path, in.body, isBatch); step >= 0) {
        fault = faultScript.takeAt(step);
    } else {
        const double roll = unit();
        if (roll < options.dropRate) {
            fault.drop = true;
        } else if (roll < options.dropRate + options.rate429) {
            fault.status = 429;
            fault.retryAfterSeconds = unit() < options.retryAfterShare ? 1 : -1;
        } else if (roll < options.dropRate + options.rate429 + options.rate503) {
            fault.status = 503;
        }
    }

    EmulatorHttpAnswer answer;
    if (fault.drop) {
        answer.drop = true;
    } else if (fault.status == 200 && fault.body == EmulatorFault::Body::Html) {
        // A front end answered in the service's place: the command never ran.
        answer.status = 200;
        fault.spoil(&answer);
    } else if (fault.status != 200) {
        if (fault.status == 429) {
            answer = jsonErrorAnswer(429, QStringLiteral("TooManyRequests"),
                                     QStringLiteral("The request was throttled. Please retry later."));
        } else if (fault.status == 503) {
            answer = jsonErrorAnswer(503, QStringLiteral("ServiceUnavailable"),
                                     QStringLiteral("The service is temporarily unavailable."));
        } else {
            answer = jsonErrorAnswer(fault.status, QStringLiteral("InjectedFault"),
                                     QStringLiteral("Fault injected by the emulator."));
        }
        if (fault.retryAfterSeconds >= 0)
            answer.addHeader("Retry-After", QByteArray::number(fault.retryAfterSeconds));
        fault.spoil(&answer);
    } else {
        // The command runs; only what the client gets to see of its answer is spoiled.
        answer = processApi(in, segments);
        if (answer.status == 200)
            fault.spoil(&answer);
        answer.truncateBody = fault.truncateBody;
    }
    if (fault.hold) {
        hold(in, cmdletsOf(in.body, isBatch), socket, answer, options.latencyMs + fault.delayMs, true,
             closeAfter || answer.truncateBody);
        return;
    }
    deliver(socket, answer, options.latencyMs + fault.delayMs, true, closeAfter || answer.truncateBody);
}

EmulatorHttpAnswer EmulatorServer::Private::processApi(const Incoming &in, const QStringList &segments)
{
    EmulatorIdentityPlatform::TokenCheck check = EmulatorIdentityPlatform::TokenCheck::Missing;
    EmulatorIdentityPlatform::Audience audience = EmulatorIdentityPlatform::Audience::Exchange;
    const int userIndex = identity.authenticate(in.header("authorization"), &check, &audience);
    const QByteArray challenge =
        "Bearer client_id=\"00000002-0000-0ff1-ce00-000000000000\", authorization_uri=\"" +
        baseUrl().toUtf8() + "/common/oauth2/v2.0/authorize\"";
    // A valid token for another resource (Graph) is as good as none here: one token, one audience.
    if (check == EmulatorIdentityPlatform::TokenCheck::Valid &&
        audience != EmulatorIdentityPlatform::Audience::Exchange) {
        EmulatorHttpAnswer answer;
        answer.status = 401;
        answer.addHeader("WWW-Authenticate",
                         challenge +
                             ", error=\"invalid_token\", error_description=\"The audience claim value is "
                             "invalid 'https://graph.microsoft.com'. The token is not valid for "
                             "https://outlook.office365.com\"");
        return answer;
    }
    if (check != EmulatorIdentityPlatform::TokenCheck::Valid) {
        EmulatorHttpAnswer answer;
        answer.status = 401;
        QByteArray header = challenge;
        if (check == EmulatorIdentityPlatform::TokenCheck::Expired)
            header += ", error=\"invalid_token\", error_description=\"The access token has expired\"";
        else if (check == EmulatorIdentityPlatform::TokenCheck::Invalid)
            header += ", error=\"invalid_token\", error_description=\"The access token is invalid\"";
        answer.addHeader("WWW-Authenticate", header);
        return answer;
    }
    // The emulator hosts one tenant: a path naming any other tenant is a token/tenant mismatch (401).
    if (!tenant.matchesTenantSegment(segments.at(2))) {
        EmulatorHttpAnswer answer;
        answer.status = 401;
        answer.addHeader("WWW-Authenticate",
                         challenge + ", error=\"invalid_token\", error_description=\"The token is not "
                                     "valid for the tenant in the request URL\"");
        return answer;
    }

    EmulatorCommandProcessor::Request request;
    request.user = &identity.users().at(userIndex);
    request.tenantSegment = segments.at(2);
    request.baseUrl = baseUrl();
    request.select = EmulatorCommandProcessor::decodedQueryItem(in.rawQuery, u"$select");
    request.skipToken = EmulatorCommandProcessor::decodedQueryItem(in.rawQuery, u"$skiptoken");
    request.prefer = in.header("prefer");
    request.contentType = in.header("content-type");
    request.body = in.body;

    QStringList cmdlets;
    bool changed = false;
    const bool isBatch = segments.at(3).compare(QLatin1String("$batch"), Qt::CaseInsensitive) == 0;
    EmulatorHttpAnswer answer = isBatch ? processor.batch(request, &cmdlets, &changed)
                                        : processor.invoke(request, &cmdlets, &changed);
    if (isBatch)
        ++stats.cmdletCounts[QStringLiteral("$batch")];
    for (const QString &cmdlet : std::as_const(cmdlets))
        ++stats.cmdletCounts[cmdlet];
    if (changed)
        tenantWasChanged();
    return answer;
}

int EmulatorServer::Private::matchingFault(bool isGraph, const QString &path, const QByteArray &body,
                                           bool isBatch) const
{
    if (faultScript.isEmpty())
        return -1;
    QStringList cmdlets;
    bool cmdletsRead = false;
    for (qsizetype i = 0; i < faultScript.size(); ++i) {
        const EmulatorFault &step = faultScript.at(i);
        if (step.targetsCmdlet() && !isGraph && !cmdletsRead) {
            // Only now, and once: most scripts never look at the body.
            cmdletsRead = true;
            cmdlets = cmdletsOf(body, isBatch);
        }
        if (step.matches(isGraph, path, cmdlets))
            return int(i);
    }
    return -1;
}

void EmulatorServer::Private::handleGraph(const Incoming &in, QTcpSocket *socket)
{
    const bool closeAfter = in.header("connection").toLower() == "close";
    const QByteArray clientRequestId = in.header("client-request-id");
    ++stats.graphRequests;
    stats.graphClientRequestIds.append(QString::fromUtf8(clientRequestId));

    // Only scripted steps that target Graph apply here; the random rates stay with /adminapi/.
    EmulatorFault fault;
    if (const int step = matchingFault(true, in.path, {}, false); step >= 0)
        fault = faultScript.takeAt(step);

    EmulatorHttpAnswer answer;
    if (fault.drop) {
        answer.drop = true;
    } else if (fault.status == 200 && fault.body == EmulatorFault::Body::Html) {
        answer.status = 200;
        fault.spoil(&answer);
    } else if (fault.status != 200) {
        QString code = QStringLiteral("InjectedFault");
        QString message = QStringLiteral("Fault injected by the emulator.");
        switch (fault.status) {
        case 429:
            code = QStringLiteral("TooManyRequests");
            message = QStringLiteral("Too many requests are being made. Please try again later.");
            break;
        case 503:
            code = QStringLiteral("ServiceUnavailable");
            message = QStringLiteral("The service is temporarily unavailable. Please try again later.");
            break;
        case 504:
            code = QStringLiteral("GatewayTimeout");
            message = QStringLiteral("The request timed out.");
            break;
        case 500:
            code = QStringLiteral("InternalServerError");
            break;
        case 403:
            code = QStringLiteral("Authorization_RequestDenied");
            message = QStringLiteral("Insufficient privileges to complete the operation.");
            break;
        default:
            break;
        }
        answer = EmulatorGraphApi::error(fault.status, code, message, clientRequestId);
        if (fault.retryAfterSeconds >= 0)
            answer.addHeader("Retry-After", QByteArray::number(fault.retryAfterSeconds));
        fault.spoil(&answer);
    } else {
        QString route;
        if (EmulatorUsageApi::isDownloadPath(in.path)) {
            // The report download host: no Graph token, the URL is the credential.
            route = QStringLiteral("reportDownload");
            answer = usage.download(in.path, in.headers.contains("authorization"),
                                    in.method == QHttpServerRequest::Method::Get ? QByteArray("GET")
                                                                                 : QByteArray("OTHER"),
                                    clientRequestId);
        } else {
            answer = processGraph(in, &route);
        }
        if (!route.isEmpty())
            ++stats.graphRouteCounts[route];
        if (answer.status == 200)
            fault.spoil(&answer);
        answer.truncateBody = fault.truncateBody;
    }
    if (fault.hold) {
        hold(in, {}, socket, answer, q->m_options.latencyMs + fault.delayMs, false,
             closeAfter || answer.truncateBody);
        return;
    }
    deliver(socket, answer, q->m_options.latencyMs + fault.delayMs, false, closeAfter || answer.truncateBody);
}

EmulatorHttpAnswer EmulatorServer::Private::processGraph(const Incoming &in, QString *route)
{
    const QByteArray clientRequestId = in.header("client-request-id");
    EmulatorIdentityPlatform::TokenCheck check = EmulatorIdentityPlatform::TokenCheck::Missing;
    EmulatorIdentityPlatform::Audience audience = EmulatorIdentityPlatform::Audience::Exchange;
    QStringList scopes;
    const int userIndex = identity.authenticate(in.header("authorization"), &check, &audience, &scopes);
    const auto unauthorized = [&](const QString &message) {
        EmulatorHttpAnswer answer = EmulatorGraphApi::error(401, QStringLiteral("InvalidAuthenticationToken"),
                                                            message, clientRequestId);
        answer.addHeader("WWW-Authenticate", "Bearer realm=\"\", authorization_uri=\"" + baseUrl().toUtf8() +
                                                 "/common/oauth2/authorize\", "
                                                 "client_id=\"00000003-0000-0000-c000-000000000000\"");
        return answer;
    };
    switch (check) {
    case EmulatorIdentityPlatform::TokenCheck::Missing:
        return unauthorized(QStringLiteral("Access token is empty."));
    case EmulatorIdentityPlatform::TokenCheck::Invalid:
        return unauthorized(QStringLiteral("CompactToken parsing failed with error code: 80049217"));
    case EmulatorIdentityPlatform::TokenCheck::Expired:
        return unauthorized(QStringLiteral("Lifetime validation failed, the token is expired."));
    case EmulatorIdentityPlatform::TokenCheck::Valid:
        break;
    }
    if (audience != EmulatorIdentityPlatform::Audience::Graph)
        return unauthorized(QStringLiteral("Access token validation failure. Invalid audience."));

    EmulatorGraphApi::Request request;
    request.method = in.method == QHttpServerRequest::Method::Get      ? QByteArray("GET")
                     : in.method == QHttpServerRequest::Method::Post   ? QByteArray("POST")
                     : in.method == QHttpServerRequest::Method::Patch  ? QByteArray("PATCH")
                     : in.method == QHttpServerRequest::Method::Delete ? QByteArray("DELETE")
                     : in.method == QHttpServerRequest::Method::Put    ? QByteArray("PUT")
                                                                       : QByteArray("OTHER");
    request.path = in.path;
    request.rawPath = in.rawPath;
    request.rawQuery = in.rawQuery;
    request.baseUrl = baseUrl();
    request.clientRequestId = clientRequestId;
    request.accept = in.header("accept");
    request.callerIndex = tenant.directoryUserIndex(identity.users().at(userIndex).objectId);
    request.scopes = scopes;
    return graph.handle(request, route);
}

EmulatorHttpAnswer EmulatorServer::Private::handleControl(const Incoming &in, const QStringList &segments)
{
    const QString &key = q->m_options.controlKey;
    // Without the right key the control surface does not exist at all.
    if (key.isEmpty() || in.header("x-emulator-control") != key.toUtf8() || segments.size() != 2)
        return textAnswer(404, "Not Found");
    const QString action = segments.at(1);
    const bool isGet = in.method == QHttpServerRequest::Method::Get;
    const bool isPost = in.method == QHttpServerRequest::Method::Post;
    const QJsonObject body = QJsonDocument::fromJson(in.body).object();
    EmulatorHttpAnswer done;
    done.status = 204;

    if (action == QLatin1String("tenant") && isGet) {
        QJsonArray mailboxes;
        for (const EmulatorMailbox &m : tenant.mailboxes()) {
            mailboxes.append(QJsonObject{
                {QStringLiteral("Guid"), m.guid.toString(QUuid::WithoutBraces)},
                {QStringLiteral("PrimarySmtpAddress"), m.primarySmtpAddress},
                {QStringLiteral("EmailAddresses"), QJsonArray::fromStringList(m.emailAddresses)},
                {QStringLiteral("DisplayName"), m.displayName},
                {QStringLiteral("ExternalDirectoryObjectId"),
                 m.externalDirectoryObjectId.toString(QUuid::WithoutBraces)},
                {QStringLiteral("SmtpClientAuthenticationDisabled"),
                 overrideToWire(m.smtpClientAuthentication)},
            });
        }
        return jsonObjectAnswer(
            200, QJsonObject{
                     {QStringLiteral("tenantId"), tenant.tenantId().toString(QUuid::WithoutBraces)},
                     {QStringLiteral("domain"), tenant.domain()},
                     {QStringLiteral("org"), tenant.org() == OrgSetting::Disabled},
                     {QStringLiteral("users"), QJsonArray::fromStringList(q->demoUserPrincipalNames())},
                     {QStringLiteral("mailboxes"), mailboxes},
                 });
    }
    if (action == QLatin1String("directory") && isGet) {
        const QString users = EmulatorCommandProcessor::decodedQueryItem(in.rawQuery, u"users");
        return jsonObjectAnswer(
            200, tenant.directoryTruth(users.compare(QLatin1String("false"), Qt::CaseInsensitive) != 0));
    }
    if (action == QLatin1String("stats") && isGet) {
        QJsonObject counts;
        for (auto it = stats.cmdletCounts.cbegin(); it != stats.cmdletCounts.cend(); ++it)
            counts.insert(it.key(), it.value());
        QJsonObject graphCounts;
        for (auto it = stats.graphRouteCounts.cbegin(); it != stats.graphRouteCounts.cend(); ++it)
            graphCounts.insert(it.key(), it.value());
        return jsonObjectAnswer(
            200, QJsonObject{
                     {QStringLiteral("apiRequests"), stats.apiRequests},
                     {QStringLiteral("cmdletCounts"), counts},
                     {QStringLiteral("maxInFlight"), stats.maxInFlight},
                     {QStringLiteral("throttledByConcurrency"), stats.throttledByConcurrency},
                     {QStringLiteral("clientRequestIds"), QJsonArray::fromStringList(stats.clientRequestIds)},
                     {QStringLiteral("graphRequests"), stats.graphRequests},
                     {QStringLiteral("graphRouteCounts"), graphCounts},
                     {QStringLiteral("graphClientRequestIds"),
                      QJsonArray::fromStringList(stats.graphClientRequestIds)},
                 });
    }
    if (action == QLatin1String("holds") && isGet) {
        QJsonArray holds;
        for (const HeldRequest &request : q->heldRequests()) {
            holds.append(QJsonObject{
                {QStringLiteral("id"), request.id},
                {QStringLiteral("method"), request.method},
                {QStringLiteral("path"), request.path},
                {QStringLiteral("cmdlets"), QJsonArray::fromStringList(request.cmdlets)},
                {QStringLiteral("clientRequestId"), request.clientRequestId},
                {QStringLiteral("body"), QString::fromUtf8(request.body)},
                {QStringLiteral("connected"), request.connected},
            });
        }
        return jsonObjectAnswer(200, QJsonObject{{QStringLiteral("holds"), holds}});
    }
    if (action == QLatin1String("usage") && isGet) {
        // ?since=<ISO UTC> (default: the retention) &all=true (also the users without any usage)
        const QString since = EmulatorCommandProcessor::decodedQueryItem(in.rawQuery, u"since");
        const QDateTime sinceTime = QDateTime::fromString(since, Qt::ISODateWithMs);
        if (!since.isEmpty() && !sinceTime.isValid())
            return jsonErrorAnswer(400, QStringLiteral("BadRequest"),
                                   QStringLiteral("since must be an ISO 8601 time"));
        const bool all =
            EmulatorCommandProcessor::decodedQueryItem(in.rawQuery, u"all") == QLatin1String("true");
        return jsonObjectAnswer(200, q->usageTruth(sinceTime, all));
    }
    if (!isPost)
        return textAnswer(405, "Method Not Allowed");
    if (action == QLatin1String("usage")) {
        // {"concealedNames": bool, "columnsMoved": bool, "linkLifetimeSeconds": N, "expiredLinks": N,
        //  "signInRecords": N, "signInsFailAfterPages": N, "signInsFailureStatus": 500|503|504}, any subset.
        static const QStringList known{
            QStringLiteral("concealedNames"),      QStringLiteral("columnsMoved"),
            QStringLiteral("linkLifetimeSeconds"), QStringLiteral("expiredLinks"),
            QStringLiteral("signInRecords"),       QStringLiteral("signInsFailAfterPages"),
            QStringLiteral("signInsFailureStatus")};
        for (auto it = body.constBegin(); it != body.constEnd(); ++it) {
            if (!known.contains(it.key()))
                return jsonErrorAnswer(400, QStringLiteral("BadRequest"),
                                       QStringLiteral("unknown key '%1'").arg(it.key()));
            const bool flag =
                it.key() == QLatin1String("concealedNames") || it.key() == QLatin1String("columnsMoved");
            if (flag ? !it.value().isBool() : (!it.value().isDouble() || it.value().toDouble() < 0))
                return jsonErrorAnswer(400, QStringLiteral("BadRequest"),
                                       QStringLiteral("%1 must be %2")
                                           .arg(it.key(), flag ? QStringLiteral("true or false")
                                                               : QStringLiteral("a number >= 0")));
        }
        const int status =
            body.value(QStringLiteral("signInsFailureStatus")).toInt(q->m_options.signInsFailureStatus);
        if (status != 500 && status != 503 && status != 504)
            return jsonErrorAnswer(400, QStringLiteral("BadRequest"),
                                   QStringLiteral("signInsFailureStatus must be 500, 503 or 504"));
        if (body.contains(QStringLiteral("concealedNames")))
            q->setConcealedReportNames(body.value(QStringLiteral("concealedNames")).toBool());
        if (body.contains(QStringLiteral("columnsMoved")))
            q->setReportColumnsMoved(body.value(QStringLiteral("columnsMoved")).toBool());
        if (body.contains(QStringLiteral("linkLifetimeSeconds")))
            q->setReportLinkLifetimeSeconds(body.value(QStringLiteral("linkLifetimeSeconds")).toInt());
        if (body.contains(QStringLiteral("expiredLinks")))
            q->expireNextReportLinks(body.value(QStringLiteral("expiredLinks")).toInt());
        if (body.contains(QStringLiteral("signInRecords")))
            q->setSignInRecordCount(qint64(body.value(QStringLiteral("signInRecords")).toDouble()));
        if (body.contains(QStringLiteral("signInsFailAfterPages")) ||
            body.contains(QStringLiteral("signInsFailureStatus")))
            q->failSignInsAfterPages(
                body.value(QStringLiteral("signInsFailAfterPages")).toInt(q->m_options.signInsFailAfterPages),
                status);
        return done;
    }
    if (action == QLatin1String("faults")) {
        if (body.contains(QStringLiteral("script"))) {
            QList<EmulatorFault> script;
            const QJsonArray steps = body.value(QStringLiteral("script")).toArray();
            for (qsizetype i = 0; i < steps.size(); ++i) {
                EmulatorFault fault;
                QString why;
                // A typo in a test's script must fail loudly, not inject a different fault.
                if (!EmulatorFault::fromJson(steps.at(i).toObject(), &fault, &why))
                    return jsonErrorAnswer(400, QStringLiteral("BadRequest"),
                                           QStringLiteral("script step %1: %2").arg(i).arg(why));
                script.append(fault);
            }
            q->setFaultScript(script);
        }
        const QJsonObject rates = body.value(QStringLiteral("rates")).toObject();
        EmulatorOptions &options = q->m_options;
        options.rate429 = rates.value(QStringLiteral("rate429")).toDouble(options.rate429);
        options.retryAfterShare =
            rates.value(QStringLiteral("retryAfterShare")).toDouble(options.retryAfterShare);
        options.rate503 = rates.value(QStringLiteral("rate503")).toDouble(options.rate503);
        options.dropRate = rates.value(QStringLiteral("dropRate")).toDouble(options.dropRate);
        q->setLatencyMs(rates.value(QStringLiteral("latencyMs")).toInt(options.latencyMs));
        q->setConcurrencyLimit(
            rates.value(QStringLiteral("concurrencyLimit")).toInt(options.concurrencyLimit));
        return done;
    }
    if (action == QLatin1String("release")) {
        // {"id": N} releases one held answer, {"all": true} every one (in arrival order).
        const QJsonValue id = body.value(QStringLiteral("id"));
        const bool all = body.value(QStringLiteral("all")).toBool();
        if (all == id.isDouble())
            return jsonErrorAnswer(400, QStringLiteral("BadRequest"),
                                   QStringLiteral("give id or all (not both)"));
        if (all) {
            q->releaseAllHeld();
            return done;
        }
        if (!q->releaseHeld(id.toInt()))
            return jsonErrorAnswer(404, QStringLiteral("NotFound"),
                                   QStringLiteral("no answer is held with id %1").arg(id.toInt()));
        return done;
    }
    if (action == QLatin1String("expire-access-tokens")) {
        identity.expireAccessTokens();
        return done;
    }
    if (action == QLatin1String("revoke-refresh-tokens")) {
        identity.revokeRefreshTokens();
        return done;
    }
    if (action == QLatin1String("expire-nextlinks")) {
        // {"afterPages": N}: Exchange links after the next N pages instead of now; {"graphAfterPages": N}
        // the same for Graph links. Without either, every link (Exchange and Graph) expires now.
        const int afterPages = body.value(QStringLiteral("afterPages")).toInt(0);
        const int graphAfterPages = body.value(QStringLiteral("graphAfterPages")).toInt(0);
        if (afterPages > 0)
            processor.expireNextLinksAfterPages(afterPages);
        if (graphAfterPages > 0)
            graph.expireNextLinksAfterPages(graphAfterPages);
        if (afterPages <= 0 && graphAfterPages <= 0) {
            processor.expireNextLinks();
            graph.expireNextLinks();
            usage.expireNextLinks();
        }
        return done;
    }
    if (action == QLatin1String("reset-stats")) {
        stats = EmulatorStats{};
        return done;
    }
    if (action == QLatin1String("set-mailbox")) {
        Override value = Override::Inherit;
        if (!overrideFromWire(body.value(QStringLiteral("SmtpClientAuthenticationDisabled")), &value))
            return jsonErrorAnswer(
                400, QStringLiteral("BadRequest"),
                QStringLiteral("SmtpClientAuthenticationDisabled must be true, false or null."));
        if (!q->setMailboxOverride(body.value(QStringLiteral("identity")).toString(), value))
            return jsonErrorAnswer(404, QStringLiteral("NotFound"), QStringLiteral("Unknown mailbox."));
        return done;
    }
    if (action == QLatin1String("set-org")) {
        OrgSetting value = OrgSetting::Disabled;
        if (!orgSettingFromWire(body.value(QStringLiteral("SmtpClientAuthenticationDisabled")), &value))
            return jsonErrorAnswer(400, QStringLiteral("BadRequest"),
                                   QStringLiteral("SmtpClientAuthenticationDisabled must be true or false."));
        q->setOrgSetting(value);
        return done;
    }
    EmulatorHttpAnswer answer;
    if (handleDirectoryControl(action, body, &answer))
        return answer;
    return textAnswer(404, "Not Found");
}

bool EmulatorServer::Private::handleDirectoryControl(const QString &action, const QJsonObject &body,
                                                     EmulatorHttpAnswer *answer)
{
    EmulatorHttpAnswer done;
    done.status = 204;
    const auto refuse = [answer](const QString &why) {
        *answer = jsonErrorAnswer(400, QStringLiteral("BadRequest"), why);
        return true;
    };
    // A misspelt key would otherwise be a silent no-op, and the test would assert the wrong thing.
    const auto unknownKey = [&body](std::initializer_list<const char *> known) {
        for (auto it = body.constBegin(); it != body.constEnd(); ++it) {
            bool found = false;
            for (const char *name : known)
                found |= it.key() == QLatin1String(name);
            if (!found)
                return it.key();
        }
        return QString();
    };
    const auto boolean = [&](const char *name, void (EmulatorServer::*setter)(bool)) {
        if (const QString extra = unknownKey({name}); !extra.isEmpty())
            return refuse(QStringLiteral("unknown key '%1'").arg(extra));
        const QJsonValue value = body.value(QLatin1String(name));
        if (!value.isBool())
            return refuse(QStringLiteral("%1 must be true or false").arg(QLatin1String(name)));
        (q->*setter)(value.toBool());
        *answer = done;
        return true;
    };

    if (action == QLatin1String("security-defaults"))
        return boolean("enabled", &EmulatorServer::setSecurityDefaults);
    if (action == QLatin1String("graph-consent"))
        return boolean("granted", &EmulatorServer::setGraphConsentGranted);
    if (action == QLatin1String("entra-p1"))
        return boolean("licensed", &EmulatorServer::setEntraP1Licensed);
    if (action == QLatin1String("auth-policies")) {
        // {"used": bool, "orgDefault": "<policy name>"|null, "orgDefaultAsDn": bool}, any subset.
        if (const QString extra = unknownKey({"used", "orgDefault", "orgDefaultAsDn"}); !extra.isEmpty())
            return refuse(QStringLiteral("unknown key '%1'").arg(extra));
        if (body.isEmpty())
            return refuse(QStringLiteral("give used, orgDefault or orgDefaultAsDn"));
        const QJsonValue used = body.value(QStringLiteral("used"));
        const QJsonValue orgDefault = body.value(QStringLiteral("orgDefault"));
        const QJsonValue asDn = body.value(QStringLiteral("orgDefaultAsDn"));
        if (!used.isUndefined() && !used.isBool())
            return refuse(QStringLiteral("used must be true or false"));
        if (!asDn.isUndefined() && !asDn.isBool())
            return refuse(QStringLiteral("orgDefaultAsDn must be true or false"));
        if (!orgDefault.isUndefined() && !orgDefault.isNull() &&
            (!orgDefault.isString() || orgDefault.toString().trimmed().isEmpty()))
            return refuse(QStringLiteral("orgDefault must be a policy name or null"));
        EmulatorDirectory &directory = tenant.directory();
        if (used.isBool())
            directory.setAuthenticationPoliciesUsed(used.toBool());
        if (asDn.isBool())
            directory.setOrgDefaultPolicyAsDn(asDn.toBool());
        if (!orgDefault.isUndefined())
            directory.setOrgDefaultPolicy(orgDefault.toString().trimmed());
        tenantWasChanged();
        *answer = done;
        return true;
    }
    if (action == QLatin1String("forbid")) {
        // {"cmdlet": "Get-User", "body": "empty"|"nul"} / {"graph": "/v1.0/..."} / {} clears everything.
        if (const QString extra = unknownKey({"cmdlet", "graph", "body"}); !extra.isEmpty())
            return refuse(QStringLiteral("unknown key '%1'").arg(extra));
        if (body.isEmpty()) {
            q->clearForbidden();
            *answer = done;
            return true;
        }
        const QJsonValue cmdlet = body.value(QStringLiteral("cmdlet"));
        const QJsonValue graphPath = body.value(QStringLiteral("graph"));
        const QJsonValue bodyKind = body.value(QStringLiteral("body"));
        if (cmdlet.isUndefined() && graphPath.isUndefined())
            return refuse(QStringLiteral("give cmdlet or graph (or {} to clear)"));
        const QString known = EmulatorCommandProcessor::knownCmdlet(cmdlet.toString());
        if (!cmdlet.isUndefined() && known.isEmpty())
            return refuse(QStringLiteral("cmdlet '%1' is not one the emulator runs").arg(cmdlet.toString()));
        if (!graphPath.isUndefined() && !graphPath.toString().startsWith(QLatin1Char('/')))
            return refuse(QStringLiteral("graph must be a path prefix starting with '/'"));
        EmulatorCommandProcessor::ForbiddenBody kind = EmulatorCommandProcessor::ForbiddenBody::AsUser;
        if (bodyKind.toString() == QLatin1String("empty"))
            kind = EmulatorCommandProcessor::ForbiddenBody::Empty;
        else if (bodyKind.toString() == QLatin1String("nul"))
            kind = EmulatorCommandProcessor::ForbiddenBody::NulBytes;
        else if (!bodyKind.isUndefined())
            return refuse(QStringLiteral("body must be empty or nul"));
        if (!known.isEmpty())
            processor.forbidCmdlet(known, kind);
        if (!graphPath.isUndefined())
            graph.forbidPath(graphPath.toString());
        *answer = done;
        return true;
    }
    if (action == QLatin1String("conditional-access")) {
        if (const QString extra = unknownKey({"policies"}); !extra.isEmpty())
            return refuse(QStringLiteral("unknown key '%1'").arg(extra));
        const QJsonValue policies = body.value(QStringLiteral("policies"));
        if (!policies.isArray())
            return refuse(
                QStringLiteral("policies must be an array of Graph conditionalAccessPolicy objects"));
        const QJsonArray array = policies.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            if (!array.at(i).isObject() ||
                array.at(i).toObject().value(QStringLiteral("id")).toString().isEmpty())
                return refuse(QStringLiteral("policy %1 is not an object with a string id").arg(i));
        }
        q->setConditionalAccessPolicies(array);
        *answer = done;
        return true;
    }
    if (action == QLatin1String("set-user")) {
        // {"identity": "...", "authenticationPolicy": "..."|null, "userPrincipalName": "...", "remove": true}
        if (const QString extra =
                unknownKey({"identity", "authenticationPolicy", "userPrincipalName", "remove"});
            !extra.isEmpty())
            return refuse(QStringLiteral("unknown key '%1'").arg(extra));
        const QString identityText = body.value(QStringLiteral("identity")).toString();
        const QJsonValue policy = body.value(QStringLiteral("authenticationPolicy"));
        const QJsonValue upn = body.value(QStringLiteral("userPrincipalName"));
        const QJsonValue remove = body.value(QStringLiteral("remove"));
        if (identityText.isEmpty())
            return refuse(QStringLiteral("identity must name a user"));
        if (policy.isUndefined() && upn.isUndefined() && remove.isUndefined())
            return refuse(QStringLiteral("give authenticationPolicy, userPrincipalName or remove"));
        if (!policy.isUndefined() && !policy.isNull() && !policy.isString())
            return refuse(QStringLiteral("authenticationPolicy must be a string or null"));
        if (!upn.isUndefined() && !upn.toString().contains(QLatin1Char('@')))
            return refuse(QStringLiteral("userPrincipalName must be an address-like UPN"));
        if (!remove.isUndefined() && remove != QJsonValue(true))
            return refuse(QStringLiteral("remove must be true"));
        const int index = tenant.findDirectoryUser(identityText);
        if (index < 0) {
            *answer = jsonErrorAnswer(404, QStringLiteral("NotFound"), QStringLiteral("Unknown user."));
            return true;
        }
        if (upn.isString() && !q->setUserPrincipalName(identityText, upn.toString()))
            return refuse(
                QStringLiteral("userPrincipalName '%1' belongs to another user").arg(upn.toString()));
        if (!policy.isUndefined())
            q->setUserAuthenticationPolicy(
                tenant.directoryUser(index).objectId.toString(QUuid::WithoutBraces),
                policy.isNull() ? std::nullopt : std::optional<QString>(policy.toString()));
        if (remove == QJsonValue(true))
            q->removeUser(tenant.directoryUser(index).objectId.toString(QUuid::WithoutBraces));
        *answer = done;
        return true;
    }
    if (action == QLatin1String("group-members")) {
        // {"group": "<id>", "members": ["<object id, UPN or address>", ...]}: replaces the members.
        if (const QString extra = unknownKey({"group", "members"}); !extra.isEmpty())
            return refuse(QStringLiteral("unknown key '%1'").arg(extra));
        const QUuid group(body.value(QStringLiteral("group")).toString());
        const QJsonValue members = body.value(QStringLiteral("members"));
        if (group.isNull())
            return refuse(QStringLiteral("group must be a group id"));
        if (!members.isArray())
            return refuse(QStringLiteral("members must be an array of user ids"));
        if (tenant.directory().findGroup(group) < 0) {
            *answer = jsonErrorAnswer(404, QStringLiteral("NotFound"), QStringLiteral("Unknown group."));
            return true;
        }
        QStringList list;
        for (const QJsonValue &member : members.toArray()) {
            if (!member.isString())
                return refuse(QStringLiteral("members must be strings"));
            list.append(member.toString());
        }
        QString unknown;
        if (!q->setGroupMembers(group, list, &unknown))
            return refuse(QStringLiteral("member '%1' is not a user of this tenant").arg(unknown));
        *answer = done;
        return true;
    }
    return false;
}

void EmulatorServer::Private::deliver(QTcpSocket *socket, const EmulatorHttpAnswer &answer, int delayMs,
                                      bool countsInFlight, bool closeAfter)
{
    // Always answer from the event loop, never inside the parser's callback: latency then costs nothing,
    // and a client that gave up in the meantime simply finds its socket gone.
    QPointer<QTcpSocket> guarded(socket);
    QTimer::singleShot(qMax(0, delayMs), q, [this, guarded, answer, countsInFlight, closeAfter]() {
        if (countsInFlight)
            --inFlight;
        if (!guarded || guarded->state() != QAbstractSocket::ConnectedState)
            return;
        if (answer.drop) {
            guarded->abort();
            return;
        }
        write(guarded, answer, closeAfter);
    });
}

void EmulatorServer::Private::hold(const Incoming &in, const QStringList &cmdlets, QTcpSocket *socket,
                                   const EmulatorHttpAnswer &answer, int delayMs, bool countsInFlight,
                                   bool closeAfter)
{
    Held parked;
    parked.request.id = nextHoldId++;
    parked.request.method = methodName(in.method);
    parked.request.path = in.path;
    parked.request.cmdlets = cmdlets;
    parked.request.clientRequestId = QString::fromUtf8(in.header("client-request-id"));
    parked.request.body = in.body;
    parked.socket = socket;
    parked.answer = answer;
    parked.delayMs = delayMs;
    parked.countsInFlight = countsInFlight; // it stays in flight (the concurrency limit) until released
    parked.closeAfter = closeAfter;
    qCInfo(lcEmulator).noquote() << "holding the answer to" << parked.request.method << in.path << "as hold"
                                 << parked.request.id;
    held.append(parked);
}

void EmulatorServer::Private::release(qsizetype index)
{
    const Held parked = held.takeAt(index);
    deliver(parked.socket, parked.answer, parked.delayMs, parked.countsInFlight, parked.closeAfter);
}

void EmulatorServer::Private::write(QTcpSocket *socket, const EmulatorHttpAnswer &answer, bool closeAfter)
{
    QByteArray head =
        "HTTP/1.1 " + QByteArray::number(answer.status) + ' ' + reasonPhrase(answer.status) + "\r\n";
    for (const auto &header : answer.headers)
        head += header.first + ": " + header.second + "\r\n";
    head += "Content-Length: " + QByteArray::number(answer.body.size()) + "\r\n";
    if (closeAfter || answer.truncateBody)
        head += "Connection: close\r\n";
    head += "\r\n";
    // One write, without Nagle: a header segment followed by a body segment would otherwise wait for
    // the client's delayed ACK (~40 ms) on every answer, and benchmarks would measure that, not us.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (answer.truncateBody) {
        // Promise the full length, send half, hang up: the client must notice the short body.
        socket->write(head + answer.body.left(answer.body.size() / 2));
        socket->disconnectFromHost();
        return;
    }
    socket->write(head + answer.body);
    if (closeAfter)
        socket->disconnectFromHost();
}

} // namespace smtpauth
