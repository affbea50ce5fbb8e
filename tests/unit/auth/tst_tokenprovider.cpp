#include "memorysecretstore.h"
#include "testidentityprovider.h"
#include "tokenprovider.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace smtpauth;

class TestTokenProvider : public QObject
{
    Q_OBJECT
private:
    TokenProvider::Settings settingsFor(const TestIdentityProvider &idp) const
    {
        TokenProvider::Settings settings;
        settings.cloud = CloudEnvironment::custom(idp.authority(), QUrl(QStringLiteral("https://outlook.office365.com")));
        settings.tenant = idp.tenantId();
        settings.clientId = idp.clientId();
        return settings;
    }

    static AccessTokenSource::Result fetch(TokenProvider &provider)
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
        QVERIFY2(result.errorMessage.contains(QStringLiteral("Not signed in")), qPrintable(result.errorMessage));
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
        QVERIFY2(result.errorMessage.contains(QStringLiteral("sign in again")), qPrintable(result.errorMessage));
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
};

QTEST_GUILESS_MAIN(TestTokenProvider)
#include "tst_tokenprovider.moc"
