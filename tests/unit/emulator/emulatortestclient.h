// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

// A deliberately small HTTP client for the emulator tests, written from exchange-protocol.md: it knows
// the wire format, not the emulator's code.

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>
#include <memory>

namespace smtpauth::test {

struct HttpResult
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QByteArray header(const char *name) const { return headers.value(QByteArray(name)); }
};

class EmulatorTestClient
{
public:
    explicit EmulatorTestClient(QUrl base) : m_base(std::move(base)) {}

    // QNAM silently resends a request once when a *reused* keep-alive connection is closed under it;
    // tests of dropped connections start from a fresh connection so they see the drop itself.
    void resetConnections() { m_nam.clearConnectionCache(); }

    QUrl url(const QString &pathAndQuery) const { return QUrl(m_base.toString() + pathAndQuery); }

    HttpResult send(QNetworkRequest request, const QByteArray &verb, const QByteArray &body = {})
    {
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        std::unique_ptr<QNetworkReply> reply(m_nam.sendCustomRequest(request, verb, body));
        QSignalSpy finished(reply.get(), &QNetworkReply::finished);
        if (!reply->isFinished() && !finished.wait(30000))
            qWarning("request timed out");
        HttpResult result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.error = reply->error();
        result.body = reply->readAll();
        for (const auto &pair : reply->rawHeaderPairs())
            result.headers.insert(pair.first.toLower(), pair.second);
        return result;
    }

    HttpResult get(const QUrl &url, const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        QNetworkRequest request(url);
        for (const auto &h : headers)
            request.setRawHeader(h.first, h.second);
        return send(request, "GET");
    }

    HttpResult postForm(const QUrl &url, const QUrlQuery &form)
    {
        QNetworkRequest request(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArray("application/x-www-form-urlencoded"));
        return send(request, "POST", form.query(QUrl::FullyEncoded).toUtf8());
    }

    // Pass an empty token to send no Authorization header.
    HttpResult invoke(const QString &tenant, const QByteArray &accessToken, const QJsonObject &body,
                      const QString &query = {}, int maxPageSize = 0, const QByteArray &clientRequestId = {})
    {
        return invokeUrl(
            url(QStringLiteral("/adminapi/beta/") + tenant + QStringLiteral("/InvokeCommand") + query),
            accessToken, QJsonDocument(body).toJson(QJsonDocument::Compact), maxPageSize, clientRequestId);
    }

    HttpResult invokeUrl(const QUrl &target, const QByteArray &accessToken, const QByteArray &body,
                         int maxPageSize = 0, const QByteArray &clientRequestId = {},
                         const QByteArray &contentType = "application/json")
    {
        QNetworkRequest request(target);
        if (!accessToken.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + accessToken);
        if (!contentType.isEmpty())
            request.setRawHeader("Content-Type", contentType);
        request.setRawHeader("Accept", "application/json");
        if (maxPageSize > 0)
            request.setRawHeader("Prefer", "odata.maxpagesize=" + QByteArray::number(maxPageSize));
        if (!clientRequestId.isEmpty())
            request.setRawHeader("client-request-id", clientRequestId);
        return send(request, "POST", body);
    }

    static QJsonObject cmdlet(const QString &name, const QJsonObject &parameters = {})
    {
        return QJsonObject{
            {QStringLiteral("CmdletInput"),
             QJsonObject{{QStringLiteral("CmdletName"), name}, {QStringLiteral("Parameters"), parameters}}}};
    }

    static QByteArray newVerifier()
    {
        QByteArray raw(32, Qt::Uninitialized);
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(raw.data()), 8);
        return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    }

    static QByteArray challengeFor(const QByteArray &verifier)
    {
        return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    }

    static QString redirectUri() { return QStringLiteral("http://localhost:53682/callback"); }
    static QString clientId() { return QStringLiteral("11111111-2222-3333-4444-555555555555"); }
    static QString scope()
    {
        return QStringLiteral("https://outlook.office365.com/.default offline_access openid profile");
    }

    // The Graph scopes of graph-protocol.md §1 (the readiness data), with offline_access.
    static QString graphScope()
    {
        return QStringLiteral(
            "https://graph.microsoft.com/Reports.Read.All https://graph.microsoft.com/Policy.Read.All "
            "https://graph.microsoft.com/GroupMember.Read.All https://graph.microsoft.com/AuditLog.Read.All "
            "https://graph.microsoft.com/ReportSettings.Read.All "
            "https://graph.microsoft.com/AuditLogsQuery-Exchange.Read.All offline_access");
    }

    QUrlQuery authorizeQuery(const QByteArray &challenge, const QString &loginHint, const QString &state = {},
                             const QString &scopes = scope())
    {
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("client_id"), clientId());
        query.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
        query.addQueryItem(QStringLiteral("redirect_uri"),
                           QString::fromLatin1(QUrl::toPercentEncoding(redirectUri())));
        query.addQueryItem(QStringLiteral("scope"), QString::fromLatin1(QUrl::toPercentEncoding(scopes)));
        query.addQueryItem(QStringLiteral("state"), QString::fromLatin1(QUrl::toPercentEncoding(
                                                        state.isEmpty() ? QStringLiteral("s1") : state)));
        if (!challenge.isEmpty()) {
            query.addQueryItem(QStringLiteral("code_challenge"), QString::fromLatin1(challenge));
            query.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
        }
        if (!loginHint.isEmpty())
            query.addQueryItem(QStringLiteral("login_hint"),
                               QString::fromLatin1(QUrl::toPercentEncoding(loginHint)));
        return query;
    }

    HttpResult authorize(const QString &tenant, const QUrlQuery &query)
    {
        QUrl target = url(QLatin1Char('/') + tenant + QStringLiteral("/oauth2/v2.0/authorize"));
        target.setQuery(query.query(QUrl::FullyEncoded), QUrl::StrictMode);
        return get(target);
    }

    static QUrlQuery locationQuery(const HttpResult &result)
    {
        return QUrlQuery(QUrl::fromEncoded(result.header("location")));
    }

    HttpResult redeem(const QString &tenant, const QString &code, const QByteArray &verifier,
                      const QString &scopes = scope())
    {
        QUrlQuery form;
        form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("authorization_code"));
        form.addQueryItem(QStringLiteral("client_id"), clientId());
        form.addQueryItem(QStringLiteral("code"), code);
        form.addQueryItem(QStringLiteral("redirect_uri"),
                          QString::fromLatin1(QUrl::toPercentEncoding(redirectUri())));
        if (!verifier.isEmpty())
            form.addQueryItem(QStringLiteral("code_verifier"), QString::fromLatin1(verifier));
        form.addQueryItem(QStringLiteral("scope"), QString::fromLatin1(QUrl::toPercentEncoding(scopes)));
        return postForm(url(QLatin1Char('/') + tenant + QStringLiteral("/oauth2/v2.0/token")), form);
    }

    HttpResult refresh(const QString &tenant, const QString &refreshToken, const QString &scopes = scope())
    {
        QUrlQuery form;
        form.addQueryItem(QStringLiteral("grant_type"), QStringLiteral("refresh_token"));
        form.addQueryItem(QStringLiteral("client_id"), clientId());
        form.addQueryItem(QStringLiteral("refresh_token"),
                          QString::fromLatin1(QUrl::toPercentEncoding(refreshToken)));
        form.addQueryItem(QStringLiteral("scope"), QString::fromLatin1(QUrl::toPercentEncoding(scopes)));
        return postForm(url(QLatin1Char('/') + tenant + QStringLiteral("/oauth2/v2.0/token")), form);
    }

    // The whole sign-in as a desktop client does it; returns the token response JSON.
    QJsonObject signIn(const QString &tenant, const QString &upn)
    {
        const QByteArray verifier = newVerifier();
        const HttpResult authorized = authorize(tenant, authorizeQuery(challengeFor(verifier), upn));
        if (authorized.status != 302)
            return {};
        const QString code =
            locationQuery(authorized).queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
        return redeem(tenant, code, verifier).json();
    }

    QByteArray accessTokenFor(const QString &tenant, const QString &upn)
    {
        return signIn(tenant, upn).value(QStringLiteral("access_token")).toString().toLatin1();
    }

    // The Exchange sign-in, then its refresh token redeemed for Graph (graph-protocol.md §1).
    QByteArray graphTokenFor(const QString &tenant, const QString &upn)
    {
        const QString refreshToken = signIn(tenant, upn).value(QStringLiteral("refresh_token")).toString();
        return refresh(tenant, refreshToken, graphScope())
            .json()
            .value(QStringLiteral("access_token"))
            .toString()
            .toLatin1();
    }

    // GET a Graph URL (absolute, or a path on the emulator) as a Graph client sends it.
    HttpResult graphGet(const QUrl &target, const QByteArray &accessToken,
                        const QByteArray &clientRequestId = {}, const QByteArray &verb = "GET")
    {
        QNetworkRequest request(target);
        if (!accessToken.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + accessToken);
        request.setRawHeader("Accept", "application/json");
        if (!clientRequestId.isEmpty())
            request.setRawHeader("client-request-id", clientRequestId);
        return send(request, verb);
    }

private:
    QUrl m_base;
    QNetworkAccessManager m_nam;
};

} // namespace smtpauth::test
