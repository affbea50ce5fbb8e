// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "emulator/emulatoridentityplatform.h"

#include "emulator/emulatordirectory.h"
#include "emulator/emulatorlogging.h"
#include "emulator/emulatortenant.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QUrl>
#include <QUrlQuery>

namespace smtpauth {

namespace {

const QString kExchangeScope = QStringLiteral("https://outlook.office365.com/.default");
constexpr qint64 kCodeLifetimeMs = 10 * 60 * 1000;

QByteArray base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// Tokens and codes are secrets: they come from the system CSPRNG, never from the tenant seed.
QByteArray randomToken(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), bytes / 4);
    return base64Url(raw);
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// Form bodies and query strings encode spaces as '+'; QUrlQuery does not, so translate first.
QUrlQuery formQuery(QByteArray raw)
{
    raw.replace('+', "%20");
    return QUrlQuery(QString::fromUtf8(raw));
}

QString formValue(const QUrlQuery &query, const QString &key)
{
    return query.queryItemValue(key, QUrl::FullyDecoded);
}

const QString kExchangeResource = QStringLiteral("https://outlook.office365.com");
const QString kGraphResource = QStringLiteral("https://graph.microsoft.com");
const QString kAppName = QStringLiteral("SMTP AUTH Console");

// A scope parameter sorted by resource. Entra reads a bare permission name ("User.Read") as Graph.
struct ScopeSet
{
    bool exchange = false;
    bool graph = false;
    bool graphDefault = false;
    QStringList graphPermissions; // canonical spelling, without the resource prefix
    bool offlineAccess = false;
    bool openid = false;
    QString invalid; // the first scope that names neither resource
    bool namesResource() const { return exchange || graph; }
};

ScopeSet parseScopes(const QString &scope)
{
    ScopeSet set;
    const QStringList parts = scope.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    const QString exchangePrefix = kExchangeResource + QLatin1Char('/');
    const QString graphPrefix = kGraphResource + QLatin1Char('/');
    for (const QString &part : parts) {
        if (part.compare(QLatin1String("offline_access"), Qt::CaseInsensitive) == 0) {
            set.offlineAccess = true;
        } else if (part.compare(QLatin1String("openid"), Qt::CaseInsensitive) == 0) {
            set.openid = true;
        } else if (part.compare(QLatin1String("profile"), Qt::CaseInsensitive) == 0 ||
                   part.compare(QLatin1String("email"), Qt::CaseInsensitive) == 0) {
            continue;
        } else if (part.startsWith(exchangePrefix, Qt::CaseInsensitive)) {
            const QString permission = part.mid(exchangePrefix.size());
            if (permission.compare(QLatin1String(".default"), Qt::CaseInsensitive) == 0 ||
                permission.compare(QLatin1String("Exchange.Manage"), Qt::CaseInsensitive) == 0)
                set.exchange = true;
            else if (set.invalid.isEmpty())
                set.invalid = part;
        } else if (part.startsWith(graphPrefix, Qt::CaseInsensitive) || !part.contains(QLatin1Char('/'))) {
            const QString permission =
                part.startsWith(graphPrefix, Qt::CaseInsensitive) ? part.mid(graphPrefix.size()) : part;
            if (permission.isEmpty() || permission.contains(QLatin1Char(':')) ||
                permission.contains(QLatin1Char('/'))) {
                if (set.invalid.isEmpty())
                    set.invalid = part;
                continue;
            }
            set.graph = true;
            if (permission.compare(QLatin1String(".default"), Qt::CaseInsensitive) == 0)
                set.graphDefault = true;
            else if (!set.graphPermissions.contains(permission, Qt::CaseInsensitive))
                set.graphPermissions.append(EmulatorDirectory::canonicalGraphPermission(permission));
        } else if (set.invalid.isEmpty()) {
            set.invalid = part;
        }
    }
    return set;
}

// RFC 8252 loopback redirects only; anything else must never receive a code (and never a redirect).
bool isLoopbackRedirect(const QString &redirectUri)
{
    const QUrl url(redirectUri, QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != QLatin1String("http") || !url.userInfo().isEmpty() ||
        url.hasFragment())
        return false;
    const QString host = url.host().toLower();
    return host == QLatin1String("localhost") || host == QLatin1String("127.0.0.1");
}

QString htmlEscape(const QString &text)
{
    return text.toHtmlEscaped();
}

EmulatorHttpAnswer errorPage(const QString &aadsts, const QString &message)
{
    EmulatorHttpAnswer answer;
    answer.status = 400;
    answer.addHeader("Content-Type", "text/html; charset=utf-8");
    answer.body =
        (QStringLiteral("<!DOCTYPE html><html><head><title>Sign in to your account</title></head><body>"
                        "<h1>Sorry, but we're having trouble signing you in.</h1><p>") +
         htmlEscape(aadsts + QStringLiteral(": ") + message) + QStringLiteral("</p></body></html>"))
            .toUtf8();
    return answer;
}

EmulatorHttpAnswer redirectTo(const QString &redirectUri, const QList<QPair<QString, QString>> &items)
{
    QByteArray location = redirectUri.toUtf8();
    char separator = redirectUri.contains(QLatin1Char('?')) ? '&' : '?';
    for (const auto &item : items) {
        location += separator;
        location += QUrl::toPercentEncoding(item.first) + '=' + QUrl::toPercentEncoding(item.second);
        separator = '&';
    }
    EmulatorHttpAnswer answer;
    answer.status = 302;
    answer.addHeader("Location", location);
    answer.addHeader("Cache-Control", "no-store, no-cache");
    answer.addHeader("Content-Type", "text/html; charset=utf-8");
    return answer;
}

EmulatorHttpAnswer redirectError(const QString &redirectUri, const QString &state, const QString &error,
                                 const QString &description)
{
    QList<QPair<QString, QString>> items{{QStringLiteral("error"), error},
                                         {QStringLiteral("error_description"), description}};
    if (!state.isNull())
        items.append({QStringLiteral("state"), state});
    return redirectTo(redirectUri, items);
}

// The identity platform's JSON error shape: error, error_description, error_codes, timestamp, trace_id,
// correlation_id. Clients must key on `error`, never on the AADSTS text.
EmulatorHttpAnswer tokenError(const QString &error, int aadstsCode, const QString &message, int status = 400,
                              const QString &suberror = QString())
{
    const QString timestamp =
        QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss'Z'"));
    const QString traceId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString correlationId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString description =
        QStringLiteral("AADSTS%1: %2\r\nTrace ID: %3\r\nCorrelation ID: %4\r\nTimestamp: %5")
            .arg(aadstsCode)
            .arg(message, traceId, correlationId, timestamp);
    QJsonObject body{
        {QStringLiteral("error"), error},
        {QStringLiteral("error_description"), description},
        {QStringLiteral("error_codes"), QJsonArray{aadstsCode}},
        {QStringLiteral("timestamp"), timestamp},
        {QStringLiteral("trace_id"), traceId},
        {QStringLiteral("correlation_id"), correlationId},
        {QStringLiteral("error_uri"),
         QStringLiteral("https://login.microsoftonline.com/error?code=%1").arg(aadstsCode)},
    };
    if (!suberror.isEmpty())
        body.insert(QStringLiteral("suberror"), suberror);
    EmulatorHttpAnswer answer;
    answer.status = status;
    answer.addHeader("Content-Type", "application/json; charset=utf-8");
    answer.addHeader("Cache-Control", "no-store, no-cache");
    answer.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return answer;
}

EmulatorUser makeUser(const EmulatorTenant &tenant, const char *alias, const char *displayName,
                      const QStringList &roleIds, bool canSetCas, bool canSetTransport, bool nulBody)
{
    EmulatorUser user;
    user.userPrincipalName = QLatin1String(alias) + QLatin1Char('@') + tenant.domain();
    user.displayName = QString::fromUtf8(displayName);
    user.objectId = QUuid::createUuidV5(tenant.tenantId(), user.userPrincipalName);
    user.directoryRoleIds = roleIds;
    user.canSetCasMailbox = canSetCas;
    user.canSetTransportConfig = canSetTransport;
    user.forbiddenBodyHasNuls = nulBody;
    return user;
}

} // namespace

void EmulatorIdentityPlatform::reset(const EmulatorTenant &tenant, const QString &requiredClientId,
                                     int tokenLifetimeSeconds)
{
    m_tenantId = tenant.tenantId();
    m_domain = tenant.domain();
    m_requiredClientId = requiredClientId;
    m_tokenLifetimeSeconds = tokenLifetimeSeconds;
    m_signingKey = randomToken(32);
    const auto role = [](const char *id) { return QString::fromLatin1(id); };
    // admin@ also holds Global Reader so that the demo shows every readiness layer: an Exchange
    // Administrator alone cannot read Conditional Access (graph-protocol.md §1).
    m_users = {
        makeUser(tenant, "admin", "Demo Exchange Administrator",
                 {role(EmulatorDirectory::kExchangeAdministrator), role(EmulatorDirectory::kGlobalReader)},
                 true, true, false),
        makeUser(tenant, "recipients", "Demo Recipient Administrator",
                 {role(EmulatorDirectory::kExchangeRecipientAdministrator)}, true, false, false),
        makeUser(tenant, "helpdesk", "Demo Helpdesk Administrator",
                 {role(EmulatorDirectory::kHelpdeskAdministrator)}, false, false, true),
        makeUser(tenant, "reader", "Demo Global Reader", {role(EmulatorDirectory::kGlobalReader)}, false,
                 false, false),
    };
    m_codes.clear();
    m_redeemedCodes.clear();
    m_refreshTokens.clear();
    m_retiredRefreshTokens.clear();
    m_accessTokens.clear();
}

bool EmulatorIdentityPlatform::acceptsTenantSegment(QStringView segment) const
{
    if (segment.compare(QLatin1String("organizations"), Qt::CaseInsensitive) == 0 ||
        segment.compare(QLatin1String("common"), Qt::CaseInsensitive) == 0 ||
        segment.compare(m_domain, Qt::CaseInsensitive) == 0) {
        return true;
    }
    const QUuid asUuid(segment.toString());
    return !asUuid.isNull() && asUuid == m_tenantId;
}

int EmulatorIdentityPlatform::userIndexForHint(QStringView loginHint) const
{
    for (int i = 0; i < m_users.size(); ++i) {
        if (loginHint.compare(m_users.at(i).userPrincipalName, Qt::CaseInsensitive) == 0)
            return i;
    }
    return -1;
}

EmulatorHttpAnswer EmulatorIdentityPlatform::authorize(QStringView tenantSegment, const QString &rawQuery,
                                                       const QString &selfPath, bool *consentRecorded)
{
    const QUrlQuery query = formQuery(rawQuery.toUtf8());
    if (!acceptsTenantSegment(tenantSegment)) {
        return errorPage(QStringLiteral("AADSTS90002"),
                         QStringLiteral("Tenant '%1' not found.").arg(tenantSegment.toString()));
    }
    const QString clientId = formValue(query, QStringLiteral("client_id"));
    const QString redirectUri = formValue(query, QStringLiteral("redirect_uri"));
    const QString state =
        query.hasQueryItem(QStringLiteral("state")) ? formValue(query, QStringLiteral("state")) : QString();
    if (clientId.isEmpty()) {
        return errorPage(
            QStringLiteral("AADSTS900144"),
            QStringLiteral("The request body must contain the following parameter: 'client_id'."));
    }
    // Without a trustworthy redirect URI there is nobody to send the error to: show a page.
    if (redirectUri.isEmpty() || !isLoopbackRedirect(redirectUri)) {
        return errorPage(
            QStringLiteral("AADSTS50011"),
            QStringLiteral("The redirect URI '%1' specified in the request does not match the redirect "
                           "URIs configured for the application '%2'.")
                .arg(redirectUri, clientId));
    }
    if (!m_requiredClientId.isEmpty() && clientId != m_requiredClientId) {
        return redirectError(
            redirectUri, state, QStringLiteral("unauthorized_client"),
            QStringLiteral("AADSTS700016: Application with identifier '%1' was not found in the "
                           "directory '%2'. invalid_client")
                .arg(clientId, m_domain));
    }
    if (formValue(query, QStringLiteral("response_type")) != QLatin1String("code")) {
        return redirectError(
            redirectUri, state, QStringLiteral("unsupported_response_type"),
            QStringLiteral("AADSTS700054: response_type must be 'code' for this application."));
    }
    const QString scope = formValue(query, QStringLiteral("scope"));
    // Scopes of both resources are fine here (consent is asked for all of them at once); only a token
    // request is limited to one resource (AADSTS28000 at /token).
    const ScopeSet scopes = parseScopes(scope);
    if (!scopes.namesResource() || !scopes.invalid.isEmpty()) {
        return redirectError(redirectUri, state, QStringLiteral("invalid_scope"),
                             QStringLiteral("AADSTS70011: The provided request must include a 'scope' input "
                                            "parameter that contains %1 or a %2 permission.")
                                 .arg(kExchangeScope, kGraphResource));
    }
    const QString challenge = formValue(query, QStringLiteral("code_challenge"));
    const QString method = formValue(query, QStringLiteral("code_challenge_method"));
    if (challenge.isEmpty()) {
        return redirectError(redirectUri, state, QStringLiteral("invalid_request"),
                             QStringLiteral("AADSTS9002325: Proof Key for Code Exchange is required for this "
                                            "application: the request must contain code_challenge."));
    }
    if (method != QLatin1String("S256")) {
        return redirectError(
            redirectUri, state, QStringLiteral("invalid_request"),
            QStringLiteral("AADSTS501491: Invalid size of Code_Challenge parameter or unsupported "
                           "code_challenge_method '%1'; only S256 is accepted.")
                .arg(method.isEmpty() ? QStringLiteral("plain") : method));
    }
    if (challenge.size() != 43) { // base64url of a SHA-256 digest, no padding
        return redirectError(redirectUri, state, QStringLiteral("invalid_request"),
                             QStringLiteral("AADSTS501491: Invalid size of Code_Challenge parameter."));
    }

    const QString loginHint = formValue(query, QStringLiteral("login_hint"));
    if (loginHint.isEmpty()) {
        // The "account picker": each demo user is a link back here with login_hint, which approves at once.
        QString page =
            QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Pick an account"
                           "</title></head><body><h1>Demo tenant %1</h1><p>Pick an account</p><ul>")
                .arg(htmlEscape(m_domain));
        for (const EmulatorUser &user : m_users) {
            const QString href = selfPath + QLatin1Char('?') + rawQuery + QStringLiteral("&login_hint=") +
                                 QString::fromLatin1(QUrl::toPercentEncoding(user.userPrincipalName));
            page +=
                QStringLiteral("<li><a href=\"%1\">%2 (%3)</a></li>")
                    .arg(htmlEscape(href), htmlEscape(user.displayName), htmlEscape(user.userPrincipalName));
        }
        page += QStringLiteral("</ul></body></html>");
        EmulatorHttpAnswer answer;
        answer.addHeader("Content-Type", "text/html; charset=utf-8");
        answer.body = page.toUtf8();
        return answer;
    }
    const int userIndex = userIndexForHint(loginHint);
    if (userIndex < 0) {
        return redirectError(
            redirectUri, state, QStringLiteral("access_denied"),
            QStringLiteral("AADSTS50034: The user account %1 does not exist in the %2 directory.")
                .arg(loginHint, m_domain));
    }

    // The demo user "clicks Accept" on the consent prompt at once: the Graph permissions asked for (the
    // app's own list for .default) are consented for this user and client from now on.
    if (scopes.graph && m_directory) {
        const QStringList granted = scopes.graphDefault
                                        ? EmulatorDirectory::appGraphPermissions() + scopes.graphPermissions
                                        : scopes.graphPermissions;
        m_directory->recordConsent(m_users.at(userIndex).objectId, clientId, granted);
        if (consentRecorded)
            *consentRecorded = true;
    }
    const QString code = QString::fromLatin1(randomToken(48));
    m_codes.insert(code,
                   CodeGrant{userIndex, clientId, redirectUri, challenge, scope, nowMs() + kCodeLifetimeMs});
    qCDebug(lcEmulator) << "authorize: approved" << m_users.at(userIndex).userPrincipalName;
    QList<QPair<QString, QString>> items{{QStringLiteral("code"), code}};
    if (!state.isNull())
        items.append({QStringLiteral("state"), state});
    items.append({QStringLiteral("session_state"), QUuid::createUuid().toString(QUuid::WithoutBraces)});
    return redirectTo(redirectUri, items);
}

EmulatorHttpAnswer EmulatorIdentityPlatform::token(QStringView tenantSegment, const QByteArray &contentType,
                                                   const QByteArray &body)
{
    if (!acceptsTenantSegment(tenantSegment))
        return tokenError(QStringLiteral("invalid_request"), 90002,
                          QStringLiteral("Tenant '%1' not found.").arg(tenantSegment.toString()));
    if (!contentType.trimmed().toLower().startsWith("application/x-www-form-urlencoded"))
        return tokenError(
            QStringLiteral("invalid_request"), 900144,
            QStringLiteral("The request body must contain the following parameter: 'grant_type'."));
    const QUrlQuery form = formQuery(body);
    const QString grantType = formValue(form, QStringLiteral("grant_type"));
    const QString clientId = formValue(form, QStringLiteral("client_id"));
    if (grantType.isEmpty())
        return tokenError(
            QStringLiteral("invalid_request"), 900144,
            QStringLiteral("The request body must contain the following parameter: 'grant_type'."));
    if (clientId.isEmpty())
        return tokenError(
            QStringLiteral("invalid_request"), 900144,
            QStringLiteral("The request body must contain the following parameter: 'client_id'."));
    if (!m_requiredClientId.isEmpty() && clientId != m_requiredClientId)
        return tokenError(
            QStringLiteral("unauthorized_client"), 700016,
            QStringLiteral("Application with identifier '%1' was not found in the directory '%2'.")
                .arg(clientId, m_domain));

    if (grantType == QLatin1String("authorization_code")) {
        const QString code = formValue(form, QStringLiteral("code"));
        if (code.isEmpty())
            return tokenError(
                QStringLiteral("invalid_request"), 900144,
                QStringLiteral("The request body must contain the following parameter: 'code'."));
        // Any redemption attempt consumes the code, successful or not: a code is single use.
        const auto it = m_codes.constFind(code);
        if (it == m_codes.cend()) {
            if (m_redeemedCodes.contains(code))
                return tokenError(
                    QStringLiteral("invalid_grant"), 54005,
                    QStringLiteral("OAuth2 Authorization code was already redeemed, please retry with "
                                   "a new valid code or use an existing refresh token."));
            return tokenError(QStringLiteral("invalid_grant"), 9002313,
                              QStringLiteral("Invalid request. Request is malformed or invalid."));
        }
        const CodeGrant grant = it.value();
        m_codes.remove(code);
        m_redeemedCodes.insert(code);
        if (grant.expiresAtMs < nowMs())
            return tokenError(
                QStringLiteral("invalid_grant"), 70008,
                QStringLiteral("The provided authorization code or refresh token has expired due to "
                               "inactivity."));
        if (grant.clientId != clientId)
            return tokenError(
                QStringLiteral("invalid_grant"), 70000,
                QStringLiteral("The provided authorization code was issued to a different client."));
        if (formValue(form, QStringLiteral("redirect_uri")) != grant.redirectUri)
            return tokenError(QStringLiteral("invalid_grant"), 500112,
                              QStringLiteral("The reply address '%1' does not match the reply address '%2' "
                                             "provided when requesting Authorization code.")
                                  .arg(formValue(form, QStringLiteral("redirect_uri")), grant.redirectUri));
        const QString verifier = formValue(form, QStringLiteral("code_verifier"));
        const QByteArray expected =
            base64Url(QCryptographicHash::hash(verifier.toUtf8(), QCryptographicHash::Sha256));
        if (verifier.isEmpty() || QString::fromLatin1(expected) != grant.codeChallenge)
            return tokenError(
                QStringLiteral("invalid_grant"), 501481,
                QStringLiteral("The Code_Verifier does not match the code_challenge supplied in the "
                               "authorization request."));
        // The token request's scope picks the resource; without one, the authorize request's does.
        const QString requested = formValue(form, QStringLiteral("scope"));
        const QString resourceScope = parseScopes(requested).namesResource() ? requested : grant.scope;
        Issue issue;
        EmulatorHttpAnswer refusal;
        if (!plan(grant.userIndex, clientId, resourceScope, grant.scope + QLatin1Char(' ') + requested, false,
                  &issue, &refusal))
            return refusal;
        return issueTokens(issue);
    }

    if (grantType == QLatin1String("refresh_token")) {
        const QString refreshToken = formValue(form, QStringLiteral("refresh_token"));
        if (refreshToken.isEmpty())
            return tokenError(QStringLiteral("invalid_request"), 900144,
                              QStringLiteral("The request body must contain the following parameter: "
                                             "'refresh_token'."));
        const auto it = m_refreshTokens.constFind(refreshToken);
        if (it == m_refreshTokens.cend()) {
            if (m_retiredRefreshTokens.contains(refreshToken))
                return tokenError(
                    QStringLiteral("invalid_grant"), 70000,
                    QStringLiteral("The provided value for the 'refresh_token' is not valid: it has "
                                   "already been used or was revoked."));
            return tokenError(QStringLiteral("invalid_grant"), 9002313,
                              QStringLiteral("Invalid request. Request is malformed or invalid."));
        }
        const RefreshGrant grant = it.value();
        if (grant.clientId != clientId)
            return tokenError(QStringLiteral("invalid_grant"), 700025,
                              QStringLiteral("The refresh token was issued to a different client."));
        const QString requestedScope = formValue(form, QStringLiteral("scope"));
        const QString scope = requestedScope.isEmpty() ? grant.scope : requestedScope;
        // Refused requests (scope, consent) leave the refresh token alive: the client may fix and retry.
        Issue issue;
        EmulatorHttpAnswer refusal;
        if (!plan(grant.userIndex, clientId, scope, scope, true, &issue, &refusal))
            return refusal;
        // Rotation: the presented refresh token dies now, the answer carries its successor, whatever
        // resource this redemption was for (the refresh token is multi-resource).
        m_refreshTokens.remove(refreshToken);
        m_retiredRefreshTokens.insert(refreshToken);
        return issueTokens(issue);
    }

    return tokenError(QStringLiteral("unsupported_grant_type"), 70003,
                      QStringLiteral("The app requested an unsupported grant type '%1'.").arg(grantType));
}

bool EmulatorIdentityPlatform::plan(int userIndex, const QString &clientId, const QString &resourceScope,
                                    const QString &flagScopes, bool alwaysRefresh, Issue *issue,
                                    EmulatorHttpAnswer *refusal) const
{
    const ScopeSet scopes = parseScopes(resourceScope);
    const ScopeSet flags = parseScopes(flagScopes);
    if (!scopes.invalid.isEmpty()) {
        *refusal =
            tokenError(QStringLiteral("invalid_scope"), 70011,
                       QStringLiteral("The provided value for the input parameter 'scope' is not valid. The "
                                      "scope %1 is not valid.")
                           .arg(scopes.invalid));
        return false;
    }
    // One token, one audience. The real service answers a token request naming two resources with
    // AADSTS28000 (wording as seen in public client issue reports; the `error` value is invalid_scope
    // like the other scope refusals). It is chosen over AADSTS70011 because it says why.
    if (scopes.exchange && scopes.graph) {
        *refusal =
            tokenError(QStringLiteral("invalid_scope"), 28000,
                       QStringLiteral("Provided value for the input parameter scope is not valid because it "
                                      "contains more than one resource. Scope %1 is not valid.")
                           .arg(resourceScope.simplified()));
        return false;
    }
    if (!scopes.namesResource()) {
        *refusal =
            tokenError(QStringLiteral("invalid_scope"), 70011,
                       QStringLiteral("The provided value for the input parameter 'scope' is not valid."));
        return false;
    }
    const EmulatorUser &user = m_users.at(userIndex);
    Issue planned;
    planned.userIndex = userIndex;
    planned.clientId = clientId;
    if (scopes.graph) {
        const QStringList consented = m_directory
                                          ? m_directory->consentedGraphPermissions(user.objectId, clientId)
                                          : EmulatorDirectory::appGraphPermissions();
        bool missing = scopes.graphDefault && consented.isEmpty();
        for (const QString &permission : scopes.graphPermissions)
            missing |= !consented.contains(permission, Qt::CaseInsensitive);
        if (missing) {
            *refusal = tokenError(
                QStringLiteral("invalid_grant"), 65001,
                QStringLiteral("The user or administrator has not consented to use the application "
                               "with ID '%1' named '%2'. Send an interactive authorization request "
                               "for this user and resource.")
                    .arg(clientId, kAppName),
                400, QStringLiteral("consent_required"));
            return false;
        }
        // Like Entra: the token carries every consented permission of the resource, not only those asked.
        planned.audience = Audience::Graph;
        planned.scopes = consented;
        planned.scopes.sort(Qt::CaseInsensitive);
        QStringList granted;
        for (const QString &permission : std::as_const(planned.scopes))
            granted.append(kGraphResource + QLatin1Char('/') + permission);
        planned.grantedScope = granted.join(QLatin1Char(' '));
    } else {
        planned.audience = Audience::Exchange;
        planned.scopes = QStringList{QStringLiteral("Exchange.Manage")};
        planned.grantedScope =
            QStringLiteral("https://outlook.office365.com/Exchange.Manage ") + kExchangeScope;
    }
    // Like the real service: a refresh token only with offline_access (a refresh grant always renews
    // it), an ID token only with openid.
    planned.refreshToken = alwaysRefresh || flags.offlineAccess;
    planned.idToken = flags.openid;
    planned.refreshScope = resourceScope;
    if (!parseScopes(planned.refreshScope).offlineAccess)
        planned.refreshScope += QStringLiteral(" offline_access");
    *issue = planned;
    return true;
}

EmulatorHttpAnswer EmulatorIdentityPlatform::issueTokens(const Issue &issue)
{
    const EmulatorUser &user = m_users.at(issue.userIndex);
    const QByteArray accessToken = "emu." + randomToken(48);
    m_accessTokens.insert(accessToken,
                          AccessGrant{issue.userIndex, nowMs() + qint64(m_tokenLifetimeSeconds) * 1000,
                                      issue.audience, issue.scopes});

    QJsonObject body{
        {QStringLiteral("token_type"), QStringLiteral("Bearer")},
        {QStringLiteral("scope"), issue.grantedScope},
        {QStringLiteral("expires_in"), m_tokenLifetimeSeconds},
        {QStringLiteral("ext_expires_in"), m_tokenLifetimeSeconds},
        {QStringLiteral("access_token"), QString::fromLatin1(accessToken)},
    };
    if (issue.refreshToken) {
        const QString refreshToken = QString::fromLatin1("emr." + randomToken(64));
        m_refreshTokens.insert(refreshToken,
                               RefreshGrant{issue.userIndex, issue.clientId, issue.refreshScope});
        body.insert(QStringLiteral("refresh_token"), refreshToken);
    }
    if (issue.idToken)
        body.insert(QStringLiteral("id_token"), QString::fromLatin1(makeIdToken(user, issue.clientId)));

    EmulatorHttpAnswer answer;
    answer.addHeader("Content-Type", "application/json; charset=utf-8");
    answer.addHeader("Cache-Control", "no-store, no-cache");
    answer.addHeader("Pragma", "no-cache");
    answer.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    qCDebug(lcEmulator) << "token: issued for" << user.userPrincipalName
                        << (issue.audience == Audience::Graph ? "(Graph)" : "(Exchange)");
    return answer;
}

QByteArray EmulatorIdentityPlatform::makeIdToken(const EmulatorUser &user, const QString &clientId) const
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QJsonObject header{{QStringLiteral("typ"), QStringLiteral("JWT")},
                             {QStringLiteral("alg"), QStringLiteral("HS256")},
                             {QStringLiteral("kid"), QStringLiteral("smtpauth-emulator")}};
    const QString tid = m_tenantId.toString(QUuid::WithoutBraces);
    const QJsonObject payload{
        {QStringLiteral("aud"), clientId},
        {QStringLiteral("iss"), QStringLiteral("https://login.microsoftonline.com/%1/v2.0").arg(tid)},
        {QStringLiteral("iat"), now},
        {QStringLiteral("nbf"), now},
        {QStringLiteral("exp"), now + 3600},
        {QStringLiteral("name"), user.displayName},
        {QStringLiteral("oid"), user.objectId.toString(QUuid::WithoutBraces)},
        {QStringLiteral("preferred_username"), user.userPrincipalName},
        {QStringLiteral("sub"), QString::fromLatin1(base64Url(user.objectId.toRfc4122()))},
        {QStringLiteral("tid"), tid},
        {QStringLiteral("ver"), QStringLiteral("2.0")},
        {QStringLiteral("wids"), QJsonArray::fromStringList(user.directoryRoleIds)},
    };
    const QByteArray signingInput = base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' +
                                    base64Url(QJsonDocument(payload).toJson(QJsonDocument::Compact));
    const QByteArray signature =
        QMessageAuthenticationCode::hash(signingInput, m_signingKey, QCryptographicHash::Sha256);
    return signingInput + '.' + base64Url(signature);
}

int EmulatorIdentityPlatform::authenticate(const QByteArray &authorizationHeader, TokenCheck *check,
                                           Audience *audience, QStringList *scopes) const
{
    const QByteArray trimmed = authorizationHeader.trimmed();
    if (trimmed.isEmpty()) {
        *check = TokenCheck::Missing;
        return -1;
    }
    if (trimmed.size() < 8 || trimmed.left(7).toLower() != "bearer ") {
        *check = TokenCheck::Invalid;
        return -1;
    }
    const auto it = m_accessTokens.constFind(trimmed.mid(7).trimmed());
    if (it == m_accessTokens.cend()) {
        *check = TokenCheck::Invalid;
        return -1;
    }
    if (it->expiresAtMs <= nowMs()) {
        *check = TokenCheck::Expired;
        return -1;
    }
    *check = TokenCheck::Valid;
    if (audience)
        *audience = it->audience;
    if (scopes)
        *scopes = it->scopes;
    return it->userIndex;
}

void EmulatorIdentityPlatform::expireAccessTokens()
{
    const qint64 past = nowMs() - 1;
    for (auto it = m_accessTokens.begin(); it != m_accessTokens.end(); ++it)
        it->expiresAtMs = past;
}

void EmulatorIdentityPlatform::revokeRefreshTokens()
{
    for (auto it = m_refreshTokens.cbegin(); it != m_refreshTokens.cend(); ++it)
        m_retiredRefreshTokens.insert(it.key());
    m_refreshTokens.clear();
}

} // namespace smtpauth
