#include "emulatoridentityplatform.h"

#include "emulatorlogging.h"
#include "emulatortenant.h"

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

bool scopeContainsExchange(const QString &scope)
{
    const QStringList parts = scope.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        if (part.compare(kExchangeScope, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool scopeContains(const QString &scope, QLatin1String word)
{
    const QStringList parts = scope.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        if (part.compare(word, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

// RFC 8252 loopback redirects only; anything else must never receive a code (and never a redirect).
bool isLoopbackRedirect(const QString &redirectUri)
{
    const QUrl url(redirectUri, QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != QLatin1String("http") || !url.userInfo().isEmpty() || url.hasFragment())
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
    answer.body = (QStringLiteral("<!DOCTYPE html><html><head><title>Sign in to your account</title></head><body>"
                                  "<h1>Sorry, but we're having trouble signing you in.</h1><p>")
                   + htmlEscape(aadsts + QStringLiteral(": ") + message) + QStringLiteral("</p></body></html>"))
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
EmulatorHttpAnswer tokenError(const QString &error, int aadstsCode, const QString &message, int status = 400)
{
    const QString timestamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss'Z'"));
    const QString traceId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString correlationId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString description = QStringLiteral("AADSTS%1: %2\r\nTrace ID: %3\r\nCorrelation ID: %4\r\nTimestamp: %5")
                                    .arg(aadstsCode)
                                    .arg(message, traceId, correlationId, timestamp);
    const QJsonObject body{
        {QStringLiteral("error"), error},
        {QStringLiteral("error_description"), description},
        {QStringLiteral("error_codes"), QJsonArray{aadstsCode}},
        {QStringLiteral("timestamp"), timestamp},
        {QStringLiteral("trace_id"), traceId},
        {QStringLiteral("correlation_id"), correlationId},
        {QStringLiteral("error_uri"), QStringLiteral("https://login.microsoftonline.com/error?code=%1").arg(aadstsCode)},
    };
    EmulatorHttpAnswer answer;
    answer.status = status;
    answer.addHeader("Content-Type", "application/json; charset=utf-8");
    answer.addHeader("Cache-Control", "no-store, no-cache");
    answer.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return answer;
}

EmulatorUser makeUser(const EmulatorTenant &tenant, const char *alias, const char *displayName, const char *roleId,
                      bool canSetCas, bool canSetTransport, bool nulBody)
{
    EmulatorUser user;
    user.userPrincipalName = QLatin1String(alias) + QLatin1Char('@') + tenant.domain();
    user.displayName = QString::fromUtf8(displayName);
    user.objectId = QUuid::createUuidV5(tenant.tenantId(), user.userPrincipalName);
    user.directoryRoleIds = QStringList{QLatin1String(roleId)};
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
    m_users = {
        makeUser(tenant, "admin", "Demo Exchange Administrator", "29232cdf-9323-42fd-ade2-1d097af3e4de", true, true,
                 false),
        makeUser(tenant, "recipients", "Demo Recipient Administrator", "31392ffb-586c-42d1-9346-e59415a2cc4e", true,
                 false, false),
        makeUser(tenant, "helpdesk", "Demo Helpdesk Administrator", "729827e3-9c14-49f7-bb1b-9608f156bbb8", false,
                 false, true),
        makeUser(tenant, "reader", "Demo Global Reader", "f2ef992c-3afb-46b9-b7cf-a126ee74c451", false, false, false),
    };
    m_codes.clear();
    m_redeemedCodes.clear();
    m_refreshTokens.clear();
    m_retiredRefreshTokens.clear();
    m_accessTokens.clear();
}

bool EmulatorIdentityPlatform::acceptsTenantSegment(QStringView segment) const
{
    if (segment.compare(QLatin1String("organizations"), Qt::CaseInsensitive) == 0
        || segment.compare(QLatin1String("common"), Qt::CaseInsensitive) == 0
        || segment.compare(m_domain, Qt::CaseInsensitive) == 0) {
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
                                                       const QString &selfPath)
{
    const QUrlQuery query = formQuery(rawQuery.toUtf8());
    if (!acceptsTenantSegment(tenantSegment)) {
        return errorPage(QStringLiteral("AADSTS90002"),
                         QStringLiteral("Tenant '%1' not found.").arg(tenantSegment.toString()));
    }
    const QString clientId = formValue(query, QStringLiteral("client_id"));
    const QString redirectUri = formValue(query, QStringLiteral("redirect_uri"));
    const QString state = query.hasQueryItem(QStringLiteral("state")) ? formValue(query, QStringLiteral("state"))
                                                                       : QString();
    if (clientId.isEmpty()) {
        return errorPage(QStringLiteral("AADSTS900144"),
                         QStringLiteral("The request body must contain the following parameter: 'client_id'."));
    }
    // Without a trustworthy redirect URI there is nobody to send the error to: show a page.
    if (redirectUri.isEmpty() || !isLoopbackRedirect(redirectUri)) {
        return errorPage(QStringLiteral("AADSTS50011"),
                         QStringLiteral("The redirect URI '%1' specified in the request does not match the redirect "
                                        "URIs configured for the application '%2'.")
                             .arg(redirectUri, clientId));
    }
    if (!m_requiredClientId.isEmpty() && clientId != m_requiredClientId) {
        return redirectError(redirectUri, state, QStringLiteral("unauthorized_client"),
                             QStringLiteral("AADSTS700016: Application with identifier '%1' was not found in the "
                                            "directory '%2'. invalid_client")
                                 .arg(clientId, m_domain));
    }
    if (formValue(query, QStringLiteral("response_type")) != QLatin1String("code")) {
        return redirectError(redirectUri, state, QStringLiteral("unsupported_response_type"),
                             QStringLiteral("AADSTS700054: response_type must be 'code' for this application."));
    }
    const QString scope = formValue(query, QStringLiteral("scope"));
    if (!scopeContainsExchange(scope)) {
        return redirectError(redirectUri, state, QStringLiteral("invalid_scope"),
                             QStringLiteral("AADSTS70011: The provided request must include a 'scope' input "
                                            "parameter that contains %1.")
                                 .arg(kExchangeScope));
    }
    const QString challenge = formValue(query, QStringLiteral("code_challenge"));
    const QString method = formValue(query, QStringLiteral("code_challenge_method"));
    if (challenge.isEmpty()) {
        return redirectError(redirectUri, state, QStringLiteral("invalid_request"),
                             QStringLiteral("AADSTS9002325: Proof Key for Code Exchange is required for this "
                                            "application: the request must contain code_challenge."));
    }
    if (method != QLatin1String("S256")) {
        return redirectError(redirectUri, state, QStringLiteral("invalid_request"),
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
        QString page = QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Pick an account"
                                      "</title></head><body><h1>Demo tenant %1</h1><p>Pick an account</p><ul>")
                           .arg(htmlEscape(m_domain));
        for (const EmulatorUser &user : m_users) {
            const QString href = selfPath + QLatin1Char('?') + rawQuery + QStringLiteral("&login_hint=")
                + QString::fromLatin1(QUrl::toPercentEncoding(user.userPrincipalName));
            page += QStringLiteral("<li><a href=\"%1\">%2 (%3)</a></li>")
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
        return redirectError(redirectUri, state, QStringLiteral("access_denied"),
                             QStringLiteral("AADSTS50034: The user account %1 does not exist in the %2 directory.")
                                 .arg(loginHint, m_domain));
    }

    const QString code = QString::fromLatin1(randomToken(48));
    m_codes.insert(code, CodeGrant{userIndex, clientId, redirectUri, challenge, scope, nowMs() + kCodeLifetimeMs});
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
        return tokenError(QStringLiteral("invalid_request"), 900144,
                          QStringLiteral("The request body must contain the following parameter: 'grant_type'."));
    const QUrlQuery form = formQuery(body);
    const QString grantType = formValue(form, QStringLiteral("grant_type"));
    const QString clientId = formValue(form, QStringLiteral("client_id"));
    if (grantType.isEmpty())
        return tokenError(QStringLiteral("invalid_request"), 900144,
                          QStringLiteral("The request body must contain the following parameter: 'grant_type'."));
    if (clientId.isEmpty())
        return tokenError(QStringLiteral("invalid_request"), 900144,
                          QStringLiteral("The request body must contain the following parameter: 'client_id'."));
    if (!m_requiredClientId.isEmpty() && clientId != m_requiredClientId)
        return tokenError(QStringLiteral("unauthorized_client"), 700016,
                          QStringLiteral("Application with identifier '%1' was not found in the directory '%2'.")
                              .arg(clientId, m_domain));

    if (grantType == QLatin1String("authorization_code")) {
        const QString code = formValue(form, QStringLiteral("code"));
        if (code.isEmpty())
            return tokenError(QStringLiteral("invalid_request"), 900144,
                              QStringLiteral("The request body must contain the following parameter: 'code'."));
        // Any redemption attempt consumes the code, successful or not: a code is single use.
        const auto it = m_codes.constFind(code);
        if (it == m_codes.cend()) {
            if (m_redeemedCodes.contains(code))
                return tokenError(QStringLiteral("invalid_grant"), 54005,
                                  QStringLiteral("OAuth2 Authorization code was already redeemed, please retry with "
                                                 "a new valid code or use an existing refresh token."));
            return tokenError(QStringLiteral("invalid_grant"), 9002313,
                              QStringLiteral("Invalid request. Request is malformed or invalid."));
        }
        const CodeGrant grant = it.value();
        m_codes.remove(code);
        m_redeemedCodes.insert(code);
        if (grant.expiresAtMs < nowMs())
            return tokenError(QStringLiteral("invalid_grant"), 70008,
                              QStringLiteral("The provided authorization code or refresh token has expired due to "
                                             "inactivity."));
        if (grant.clientId != clientId)
            return tokenError(QStringLiteral("invalid_grant"), 70000,
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
            return tokenError(QStringLiteral("invalid_grant"), 501481,
                              QStringLiteral("The Code_Verifier does not match the code_challenge supplied in the "
                                             "authorization request."));
        return issueTokens(grant.userIndex, clientId, grant.scope);
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
                return tokenError(QStringLiteral("invalid_grant"), 70000,
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
        if (!requestedScope.isEmpty() && !scopeContainsExchange(requestedScope))
            return tokenError(QStringLiteral("invalid_scope"), 70011,
                              QStringLiteral("The provided value for the input parameter 'scope' is not valid."));
        // Rotation: the presented refresh token dies now, the answer carries its successor.
        m_refreshTokens.remove(refreshToken);
        m_retiredRefreshTokens.insert(refreshToken);
        return issueTokens(grant.userIndex, clientId, requestedScope.isEmpty() ? grant.scope : requestedScope);
    }

    return tokenError(QStringLiteral("unsupported_grant_type"), 70003,
                      QStringLiteral("The app requested an unsupported grant type '%1'.").arg(grantType));
}

EmulatorHttpAnswer EmulatorIdentityPlatform::issueTokens(int userIndex, const QString &clientId, const QString &scope)
{
    const EmulatorUser &user = m_users.at(userIndex);
    const QByteArray accessToken = "emu." + randomToken(48);
    m_accessTokens.insert(accessToken, AccessGrant{userIndex, nowMs() + qint64(m_tokenLifetimeSeconds) * 1000});

    QJsonObject body{
        {QStringLiteral("token_type"), QStringLiteral("Bearer")},
        {QStringLiteral("scope"), QString(QStringLiteral("https://outlook.office365.com/Exchange.Manage ") + kExchangeScope)},
        {QStringLiteral("expires_in"), m_tokenLifetimeSeconds},
        {QStringLiteral("ext_expires_in"), m_tokenLifetimeSeconds},
        {QStringLiteral("access_token"), QString::fromLatin1(accessToken)},
    };
    // Like the real service: a refresh token only with offline_access, an ID token only with openid.
    if (scopeContains(scope, QLatin1String("offline_access"))) {
        const QString refreshToken = QString::fromLatin1("emr." + randomToken(64));
        m_refreshTokens.insert(refreshToken, RefreshGrant{userIndex, clientId, scope});
        body.insert(QStringLiteral("refresh_token"), refreshToken);
    }
    if (scopeContains(scope, QLatin1String("openid")))
        body.insert(QStringLiteral("id_token"), QString::fromLatin1(makeIdToken(user, clientId)));

    EmulatorHttpAnswer answer;
    answer.addHeader("Content-Type", "application/json; charset=utf-8");
    answer.addHeader("Cache-Control", "no-store, no-cache");
    answer.addHeader("Pragma", "no-cache");
    answer.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    qCDebug(lcEmulator) << "token: issued for" << user.userPrincipalName;
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
    const QByteArray signingInput = base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.'
        + base64Url(QJsonDocument(payload).toJson(QJsonDocument::Compact));
    const QByteArray signature =
        QMessageAuthenticationCode::hash(signingInput, m_signingKey, QCryptographicHash::Sha256);
    return signingInput + '.' + base64Url(signature);
}

int EmulatorIdentityPlatform::authenticate(const QByteArray &authorizationHeader, TokenCheck *check) const
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
