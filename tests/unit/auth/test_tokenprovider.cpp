// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "auth/memorysecretstore.h"
#include "auth/tokenprovider.h"
#include "testidentityprovider.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace smtpauth;

namespace {

// A store whose reads wait until the test releases them: the test then knows that the provider sends its
// refresh request inside release() (and nowhere else).
class HeldReadStore : public MemorySecretStore
{
public:
    void readSecret(const QString &key, Callback callback) override
    {
        m_heldKey = key;
        m_held = std::move(callback);
    }
    bool isHolding() const { return bool(m_held); }
    void release()
    {
        Callback callback = std::exchange(m_held, {});
        callback(Result{ErrorKind::None, peek(m_heldKey), QString()});
    }

private:
    QString m_heldKey;
    Callback m_held;
};

} // namespace

class TestTokenProvider : public QObject
{
    Q_OBJECT
private:
    TokenProvider::Settings settingsFor(const TestIdentityProvider &idp) const
    {
        TokenProvider::Settings settings;
        settings.cloud =
            CloudEnvironment::custom(idp.authority(), QUrl(QStringLiteral("https://outlook.office365.com")));
        settings.tenant = idp.tenantId();
        settings.clientId = idp.clientId();
        return settings;
    }

    static AccessTokenSource::Result fetch(AccessTokenSource &provider)
    {
        std::optional<AccessTokenSource::Result> got;
        bool calledSynchronously = true;
        provider.fetchAccessToken([&got](const AccessTokenSource::Result &result) { got = result; });
        calledSynchronously = got.has_value();
        if (calledSynchronously)
            qFatal("fetchAccessToken called back inside the call");
        if (!QTest::qWaitFor([&got]() { return got.has_value(); }, 10000))
            return {false, QString(), QStringLiteral("no answer")};
        return *got;
    }

    QNetworkAccessManager m_network;

private Q_SLOTS:
    void notSignedInWithoutStoredToken()
    {
        TestIdentityProvider idp;
        MemorySecretStore secrets;
        TokenProvider provider(settingsFor(idp), &secrets, &m_network);
        const auto result = fetch(provider);
        QVERIFY(!result.ok);
        QVERIFY2(result.errorMessage.contains(QStringLiteral("Not signed in")),
                 qPrintable(result.errorMessage));
        QCOMPARE(idp.refreshRequests, 0);
    }

    void refreshRotatesAndPersistsTheRefreshToken()
    {
        TestIdentityProvider idp;
        MemorySecretStore secrets;
        const QString first = idp.issueRefreshToken();
        secrets.writeSecret(QStringLiteral("refresh-token"), first, {});
        TokenProvider provider(settingsFor(idp), &secrets, &m_network);
        QSignalSpy accountChanged(&provider, &TokenProvider::accountChanged);

        const auto result = fetch(provider);
        QVERIFY2(result.ok, qPrintable(result.errorMessage + idp.lastTokenError));
        QVERIFY(result.accessToken.startsWith(QStringLiteral("at-")));
        QCOMPARE(idp.refreshRequests, 1);
        QCOMPARE(idp.lastTokenForm.queryItemValue(QStringLiteral("scope"), QUrl::FullyDecoded),
                 QStringLiteral("https://outlook.office365.com/.default offline_access openid profile"));
        QCOMPARE(idp.tokenRequestTenants, QStringList{idp.tenantId()});

        // The old token is dead at the server; the stored one is the new, live one.
        const QString stored = secrets.peek(QStringLiteral("refresh-token"));
        QVERIFY(stored != first);
        QVERIFY(!idp.isValidRefreshToken(first));
        QVERIFY(idp.isValidRefreshToken(stored));
        QCOMPARE(accountChanged.size(), 1);
        QVERIFY(provider.account().has_value());
        QCOMPARE(provider.account()->preferredUsername, QStringLiteral("admin@contoso.example"));

        // A valid access token is served from memory.
        const auto again = fetch(provider);
        QCOMPARE(again.accessToken, result.accessToken);
        QCOMPARE(idp.refreshRequests, 1);
    }

    void afterSignOutNoRenewalIsSentOrStored()
    {
        // Signed out while the stored token is being read: the renewal never leaves.
        TestIdentityProvider idp;
        HeldReadStore secrets;
        secrets.writeSecret(QStringLiteral("refresh-token"), idp.issueRefreshToken(), {});
        QTRY_COMPARE(secrets.writeCount(), 1);
        TokenProvider provider(settingsFor(idp), &secrets, &m_network);
        bool called = false;
        provider.fetchAccessToken([&called](const AccessTokenSource::Result &) { called = true; });
        QVERIFY(secrets.isHolding());
        provider.endForSignOut();
        QVERIFY(!provider.isRenewing());
        secrets.release();
        QCOMPARE(provider.tokenRequestCount(), 0);
        // Whoever asks afterwards hears that the session is over, from the event loop.
        const auto later = fetch(provider);
        QVERIFY(!later.ok);
        QCOMPARE(later.errorMessage, QStringLiteral("Signed out."));
        QVERIFY(!called);
        QCOMPARE(secrets.writeCount(), 1);
    }

    void afterSignOutARenewalInFlightIsDroppedNotStored()
    {
        // Signed out while the refresh request is out: it is dropped, its answer stores nothing.
        TestIdentityProvider idp;
        HeldReadStore secrets;
        secrets.writeSecret(QStringLiteral("refresh-token"), idp.issueRefreshToken(), {});
        QTRY_COMPARE(secrets.writeCount(), 1);
        TokenProvider provider(settingsFor(idp), &secrets, &m_network);
        bool called = false;
        provider.fetchAccessToken([&called](const AccessTokenSource::Result &) { called = true; });
        secrets.release();
        QCOMPARE(provider.tokenRequestCount(), 1); // sent inside release()
        QVERIFY(provider.isRenewing());
        provider.endForSignOut();
        QVERIFY(!provider.isRenewing());
        const auto later = fetch(provider);
        QCOMPARE(later.errorMessage, QStringLiteral("Signed out."));
        QVERIFY(!called);
        QCOMPARE(secrets.writeCount(), 1);
        QCOMPARE(provider.tokenRequestCount(), 1);
    }

    void concurrentFetchesShareOneRefresh()
    {
        TestIdentityProvider idp;
        MemorySecretStore secrets;
        secrets.writeSecret(QStringLiteral("refresh-token"), idp.issueRefreshToken(), {});
        TokenProvider provider(settingsFor(idp), &secrets, &m_network);
        QList<AccessTokenSource::Result> results;
        for (int i = 0; i < 3; ++i)
            provider.fetchAccessToken([&results](const AccessTokenSource::Result &r) { results.append(r); });
        QTRY_COMPARE(results.size(), 3);
        QCOMPARE(idp.refreshRequests, 1);
        QCOMPARE(provider.tokenRequestCount(), 1);
        for (const auto &result : std::as_const(results)) {
            QVERIFY(result.ok);
            QCOMPARE(result.accessToken, results.first().accessToken);
        }
    }

    void expiredAccessTokenIsRenewed()
    {
        TestIdentityProvider idp;
        idp.accessTokenLifetime = 60; // below the renewal margin: every fetch renews
        MemorySecretStore secrets;
        secrets.writeSecret(QStringLiteral("refresh-token"), idp.issueRefreshToken(), {});
        TokenProvider provider(settingsFor(idp), &secrets, &m_network);
        const auto first = fetch(provider);
        QVERIFY(first.ok);
        const auto second = fetch(provider);
        QVERIFY(second.ok);
        QVERIFY(second.accessToken != first.accessToken);
        QCOMPARE(idp.refreshRequests, 2); // the rotated token was used for the second refresh

        idp.accessTokenLifetime = 3600;
        QDateTime now = QDateTime::currentDateTimeUtc();
        provider.setClock([&now]() { return now; });
        const auto third = fetch(provider);
        QCOMPARE(idp.refreshRequests, 3);
        QCOMPARE(fetch(provider).accessToken, third.accessToken);
        now = now.addSecs(3600 - 60); // inside the margin
        QVERIFY(fetch(provider).accessToken != third.accessToken);
        QCOMPARE(idp.refreshRequests, 4);
    }

    void rejectedTokenIsForgottenOnce()
    {
        TestIdentityProvider idp;
        MemorySecretStore secrets;
        secrets.writeSecret(QStringLiteral("refresh-token"), idp.issueRefreshToken(), {});
        TokenProvider provider(settingsFor(idp), &secrets, &m_network);
        const auto first = fetch(provider);
        provider.reportRejected(first.accessToken);
        const auto second = fetch(provider);
        QVERIFY(second.accessToken != first.accessToken);
        QCOMPARE(idp.refreshRequests, 2);
        // Late reports of the old token do not throw away the new one.
        provider.reportRejected(first.accessToken);
        QCOMPARE(fetch(provider).accessToken, second.accessToken);
        QCOMPARE(idp.refreshRequests, 2);
    }

    void invalidGrantSignsOutAndRemovesTheStoredToken()
    {
        TestIdentityProvider idp;
        MemorySecretStore secrets;
        secrets.writeSecret(QStringLiteral("refresh-token"), idp.issueRefreshToken(), {});
        idp.revokeAllRefreshTokens();
        TokenProvider provider(settingsFor(idp), &secrets, &m_network);
        QSignalSpy signedOut(&provider, &TokenProvider::signedOut);
        const auto result = fetch(provider);
        QVERIFY(!result.ok);
        QVERIFY2(result.errorMessage.contains(QStringLiteral("sign in again")),
                 qPrintable(result.errorMessage));
        QVERIFY(result.errorMessage.contains(QStringLiteral("AADSTS700082")));
        QVERIFY(!result.errorMessage.contains(QStringLiteral("Trace ID")));
        QCOMPARE(signedOut.size(), 1);
        QTRY_VERIFY(!secrets.contains(QStringLiteral("refresh-token")));
        const auto after = fetch(provider);
        QVERIFY(after.errorMessage.contains(QStringLiteral("Not signed in")));
        QCOMPARE(idp.refreshRequests, 1);
    }

    void serverFailureKeepsTheStoredToken()
    {
        TestIdentityProvider idp;
        MemorySecretStore secrets;
        const QString token = idp.issueRefreshToken();
        secrets.writeSecret(QStringLiteral("refresh-token"), token, {});
        auto settings = settingsFor(idp);
        settings.clientId = QStringLiteral("wrong-client"); // invalid_client, not invalid_grant
        TokenProvider provider(settings, &secrets, &m_network);
        const auto result = fetch(provider);
        QVERIFY(!result.ok);
        QVERIFY(result.errorMessage.contains(QStringLiteral("client id")));
        QCOMPARE(secrets.peek(QStringLiteral("refresh-token")), token);
    }

    void keychainFailureIsReported()
    {
        TestIdentityProvider idp;
        MemorySecretStore secrets;
        secrets.simulateFailure(SecretStore::ErrorKind::NoKeychain, QStringLiteral("the keychain is locked"));
        TokenProvider provider(settingsFor(idp), &secrets, &m_network);
        const auto result = fetch(provider);
        QVERIFY(!result.ok);
        QVERIFY(result.errorMessage.contains(QStringLiteral("the keychain is locked")));
    }

    void acceptSignInPersistsAndSignOutWipes()
    {
        TestIdentityProvider idp;
        MemorySecretStore secrets;
        auto settings = settingsFor(idp);
        settings.tenant = QStringLiteral("organizations");
        TokenProvider provider(settings, &secrets, &m_network);
        SignInResult signIn;
        signIn.accessToken = QStringLiteral("at-interactive");
        signIn.accessTokenExpiresAt = QDateTime::currentDateTimeUtc().addSecs(3600);
        signIn.refreshToken = idp.issueRefreshToken();
        IdTokenClaims claims;
        claims.tenantId = idp.tenantId();
        signIn.account = claims;

        std::optional<SignInError> accepted;
        provider.acceptSignIn(signIn, [&accepted](const SignInError &e) { accepted = e; });
        QTRY_VERIFY(accepted.has_value());
        QVERIFY(!accepted->isError());
        QCOMPARE(secrets.peek(QStringLiteral("refresh-token")), signIn.refreshToken);
        QCOMPARE(provider.tenant(), idp.tenantId()); // refreshes go to the account's tenant
        QCOMPARE(fetch(provider).accessToken, QStringLiteral("at-interactive"));

        std::optional<SignInError> signedOut;
        provider.signOut([&signedOut](const SignInError &e) { signedOut = e; });
        QTRY_VERIFY(signedOut.has_value());
        QVERIFY(!signedOut->isError());
        QVERIFY(!secrets.contains(QStringLiteral("refresh-token")));
        QVERIFY(!provider.account().has_value());
        QVERIFY(!fetch(provider).ok);
    }

    // graph-protocol.md §1: one refresh token, two audiences.
    void graphTokenIsTheSameRefreshTokenRedeemedWithGraphScopes()
    {
        TestIdentityProvider idp;
        MemorySecretStore secrets;
        const QString first = idp.issueRefreshToken();
        secrets.writeSecret(QStringLiteral("refresh-token"), first, {});
        TokenProvider provider(settingsFor(idp), &secrets, &m_network);

        const auto graph = fetch(*provider.graphTokens());
        QVERIFY2(graph.ok, qPrintable(graph.errorMessage));
        QCOMPARE(idp.refreshScopes,
                 QStringList{
                     QStringLiteral("https://graph.microsoft.com/Policy.Read.All "
                                    "https://graph.microsoft.com/GroupMember.Read.All "
                                    "https://graph.microsoft.com/Reports.Read.All "
                                    "https://graph.microsoft.com/AuditLog.Read.All "
                                    "https://graph.microsoft.com/ReportSettings.Read.All offline_access")});
        // Rotated and persisted like an Exchange refresh.
        const QString stored = secrets.peek(QStringLiteral("refresh-token"));
        QVERIFY(stored != first);
        QVERIFY(idp.isValidRefreshToken(stored));
        // The two audiences keep their own access tokens: the Exchange one is not the Graph one.
        const auto exchange = fetch(provider);
        QVERIFY(exchange.ok);
        QVERIFY(exchange.accessToken != graph.accessToken);
        QCOMPARE(idp.refreshRequests, 2);
        QCOMPARE(fetch(*provider.graphTokens()).accessToken, graph.accessToken); // from memory now
        QCOMPARE(idp.refreshRequests, 2);
    }

    void exchangeAndGraphRedemptionsNeverOverlap()
    {
        // The identity provider retires a refresh token on use: two redemptions with the same token would
        // sign the person out. Asked for at the same moment, they must run one after the other.
        TestIdentityProvider idp;
        MemorySecretStore secrets;
        secrets.writeSecret(QStringLiteral("refresh-token"), idp.issueRefreshToken(), {});
        TokenProvider provider(settingsFor(idp), &secrets, &m_network);
        QSignalSpy signedOut(&provider, &TokenProvider::signedOut);
        QList<AccessTokenSource::Result> exchange;
        QList<AccessTokenSource::Result> graph;
        for (int i = 0; i < 2; ++i) {
            provider.fetchAccessToken(
                [&exchange](const AccessTokenSource::Result &r) { exchange.append(r); });
            provider.graphTokens()->fetchAccessToken(
                [&graph](const AccessTokenSource::Result &r) { graph.append(r); });
        }
        QTRY_COMPARE(exchange.size() + graph.size(), 4);
        for (const auto &result : std::as_const(exchange) + graph)
            QVERIFY2(result.ok, qPrintable(result.errorMessage));
        QCOMPARE(signedOut.size(), 0);
        QCOMPARE(idp.refreshRequests, 2); // one per resource, shared by its callers
        QVERIFY(idp.refreshScopes.at(0).contains(QLatin1String("outlook.office365.com")));
        QVERIFY(idp.refreshScopes.at(1).contains(QLatin1String("graph.microsoft.com")));
        QVERIFY(idp.isValidRefreshToken(secrets.peek(QStringLiteral("refresh-token"))));
    }

    void graphWithoutConsentAsksForTheBrowserAndKeepsTheSignIn()
    {
        TestIdentityProvider idp;
        idp.graphConsented = false;
        MemorySecretStore secrets;
        const QString token = idp.issueRefreshToken();
        secrets.writeSecret(QStringLiteral("refresh-token"), token, {});
        TokenProvider provider(settingsFor(idp), &secrets, &m_network);
        QSignalSpy signedOut(&provider, &TokenProvider::signedOut);

        const auto graph = fetch(*provider.graphTokens());
        QVERIFY(!graph.ok);
        QVERIFY(graph.interactionRequired);
        QVERIFY(!graph.transient);
        QVERIFY2(graph.errorMessage.contains(QStringLiteral("AADSTS65001")), qPrintable(graph.errorMessage));
        QVERIFY(!graph.errorMessage.contains(QStringLiteral("Trace ID")));
        QCOMPARE(signedOut.size(), 0);
        QCOMPARE(secrets.peek(QStringLiteral("refresh-token")), token);
        // Exchange goes on with the same sign-in.
        const auto exchange = fetch(provider);
        QVERIFY2(exchange.ok, qPrintable(exchange.errorMessage));
    }

    void acceptGraphConsentKeepsItsTokens()
    {
        TestIdentityProvider idp;
        MemorySecretStore secrets;
        secrets.writeSecret(QStringLiteral("refresh-token"), idp.issueRefreshToken(), {});
        TokenProvider provider(settingsFor(idp), &secrets, &m_network);
        SignInResult consent;
        consent.accessToken = QStringLiteral("at-graph-consent");
        consent.accessTokenExpiresAt = QDateTime::currentDateTimeUtc().addSecs(3600);
        consent.refreshToken = idp.issueRefreshToken();
        std::optional<SignInError> accepted;
        provider.acceptGraphConsent(consent, [&accepted](const SignInError &e) { accepted = e; });
        QTRY_VERIFY(accepted.has_value());
        QVERIFY(!accepted->isError());
        QCOMPARE(secrets.peek(QStringLiteral("refresh-token")), consent.refreshToken);
        QCOMPARE(fetch(*provider.graphTokens()).accessToken, QStringLiteral("at-graph-consent"));
        QCOMPARE(idp.refreshRequests, 0);
        // The Exchange audience never gets the Graph token.
        const auto exchange = fetch(provider);
        QVERIFY(exchange.ok);
        QVERIFY(exchange.accessToken != QStringLiteral("at-graph-consent"));
    }

    void invalidGrantForGraphSignsOutBothResources()
    {
        TestIdentityProvider idp;
        MemorySecretStore secrets;
        secrets.writeSecret(QStringLiteral("refresh-token"), idp.issueRefreshToken(), {});
        idp.revokeAllRefreshTokens();
        TokenProvider provider(settingsFor(idp), &secrets, &m_network);
        QSignalSpy signedOut(&provider, &TokenProvider::signedOut);
        QList<AccessTokenSource::Result> results;
        provider.graphTokens()->fetchAccessToken(
            [&results](const AccessTokenSource::Result &r) { results.append(r); });
        provider.fetchAccessToken([&results](const AccessTokenSource::Result &r) { results.append(r); });
        QTRY_COMPARE(results.size(), 2);
        QVERIFY(!results.at(0).ok);
        QVERIFY(!results.at(1).ok);
        QCOMPARE(signedOut.size(), 1);
        QCOMPARE(idp.refreshRequests, 1); // the queued Exchange caller heard it without a second try
        QTRY_VERIFY(!secrets.contains(QStringLiteral("refresh-token")));
    }
};

QTEST_GUILESS_MAIN(TestTokenProvider)
#include "test_tokenprovider.moc"
