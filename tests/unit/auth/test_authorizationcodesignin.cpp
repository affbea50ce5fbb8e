// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "auth/authorizationcodesignin.h"
#include "auth/headlessauthorizationopener.h"
#include "testidentityprovider.h"

#include <QNetworkAccessManager>
#include <QNetworkInterface>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace smtpauth;
using namespace std::chrono_literals;

namespace {

// What a TCP connection attempt to address:port gets: an established connection or a refusal (RST),
// each a definite answer. "Nothing within N ms" is no answer: the probe waits generously for one.
enum class Probe
{
    Connected,
    Refused,
    OtherError,
    NoAnswer
};

Probe probe(const QHostAddress &address, quint16 port)
{
    QTcpSocket socket;
    QSignalSpy connected(&socket, &QTcpSocket::connected);
    QSignalSpy failed(&socket, &QTcpSocket::errorOccurred);
    socket.connectToHost(address, port);
    if (!QTest::qWaitFor([&]() { return !connected.isEmpty() || !failed.isEmpty(); }, 30000))
        return Probe::NoAnswer;
    if (!connected.isEmpty())
        return Probe::Connected;
    return socket.error() == QAbstractSocket::ConnectionRefusedError ? Probe::Refused : Probe::OtherError;
}

} // namespace

class TestAuthorizationCodeSignIn : public QObject
{
    Q_OBJECT
private:
    AuthorizationCodeSignIn::Options optionsFor(const TestIdentityProvider &idp) const
    {
        AuthorizationCodeSignIn::Options options;
        options.cloud =
            CloudEnvironment::custom(idp.authority(), QUrl(QStringLiteral("https://outlook.office365.com")));
        options.clientId = idp.clientId();
        options.loginHint = QStringLiteral("admin@contoso.example");
        options.timeout = 60s; // an upper bound for a sign-in that works; a slow machine must not hit it
        return options;
    }

    QNetworkAccessManager m_network;

private Q_SLOTS:
    void signsInWithPkceThroughHeadlessOpener()
    {
        TestIdentityProvider idp;
        idp.roleIds = {QStringLiteral("29232cdf-9323-42fd-ade2-1d097af3e4de")};
        AuthorizationCodeSignIn signIn(optionsFor(idp), &m_network);
        HeadlessAuthorizationOpener opener;
        connect(&signIn, &AuthorizationCodeSignIn::authorizationUrlReady, &opener,
                &HeadlessAuthorizationOpener::open);
        QSignalSpy urlReady(&signIn, &AuthorizationCodeSignIn::authorizationUrlReady);
        QSignalSpy succeeded(&signIn, &AuthorizationCodeSignIn::succeeded);
        QSignalSpy failed(&signIn, &AuthorizationCodeSignIn::failed);
        QSignalSpy finished(&signIn, &AuthorizationCodeSignIn::finished);
        QSignalSpy opened(&opener, &HeadlessAuthorizationOpener::finished);

        signIn.start();
        QVERIFY(signIn.isListening());
        const quint16 port = signIn.listenerPort();
        QVERIFY(port != 0);
        QCOMPARE(signIn.redirectUri().toString(), QStringLiteral("http://localhost:%1/").arg(port));

        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
        if (!failed.isEmpty())
            QFAIL(qPrintable(failed.first().first().value<SignInError>().message() +
                             QStringLiteral(" / idp: ") + idp.lastTokenError));
        QCOMPARE(succeeded.size(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 30000);
        QVERIFY2(opened.first().at(0).toBool(), qPrintable(opened.first().at(1).toString()));

        // What the authorization server was asked.
        const QUrlQuery &query = idp.lastAuthorizeQuery;
        QCOMPARE(query.queryItemValue(QStringLiteral("code_challenge_method")), QStringLiteral("S256"));
        QCOMPARE(query.queryItemValue(QStringLiteral("login_hint"), QUrl::FullyDecoded),
                 QStringLiteral("admin@contoso.example"));
        QCOMPARE(query.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded),
                 QStringLiteral("http://localhost:%1/").arg(port));
        QCOMPARE(query.queryItemValue(QStringLiteral("scope"), QUrl::FullyDecoded),
                 QStringLiteral("https://outlook.office365.com/.default offline_access openid profile"));
        QVERIFY(query.queryItemValue(QStringLiteral("state")).size() >= 22);
        QCOMPARE(idp.authorizationCodeRequests, 1);
        QVERIFY(!idp.lastTokenForm.queryItemValue(QStringLiteral("code_verifier")).isEmpty());

        const QUrl authorizeUrl = urlReady.first().first().toUrl();
        QCOMPARE(authorizeUrl.path(), QStringLiteral("/organizations/oauth2/v2.0/authorize"));

        const auto result = succeeded.first().first().value<SignInResult>();
        QVERIFY(result.accessToken.startsWith(QStringLiteral("at-")));
        QVERIFY(result.refreshToken.startsWith(QStringLiteral("rt-")));
        QVERIFY(result.accessTokenExpiresAt > QDateTime::currentDateTimeUtc().addSecs(3000));
        QVERIFY(result.account.has_value());
        QCOMPARE(result.account->tenantId, idp.tenantId());
        QCOMPARE(result.account->preferredUsername, QStringLiteral("admin@contoso.example"));
        QCOMPARE(result.account->role(), IdTokenClaims::Role::Administrator);

        // The listener is gone after the redirect.
        QVERIFY(!signIn.isListening());
        QCOMPARE(probe(QHostAddress(QHostAddress::LocalHost), port), Probe::Refused);
    }

    void everyAttemptUsesFreshStateAndVerifier()
    {
        TestIdentityProvider idp;
        QStringList states, challenges;
        for (int i = 0; i < 2; ++i) {
            AuthorizationCodeSignIn signIn(optionsFor(idp), &m_network);
            QSignalSpy urlReady(&signIn, &AuthorizationCodeSignIn::authorizationUrlReady);
            signIn.start();
            QTRY_COMPARE_WITH_TIMEOUT(urlReady.size(), 1, 30000);
            const QUrlQuery query(urlReady.first().first().toUrl());
            states << query.queryItemValue(QStringLiteral("state"));
            challenges << query.queryItemValue(QStringLiteral("code_challenge"));
            signIn.cancel();
        }
        QVERIFY(states.at(0) != states.at(1));
        QVERIFY(challenges.at(0) != challenges.at(1));
    }

    void redirectErrorsBecomeTypedErrors_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("access_denied")
            << int(TestIdentityProvider::AuthorizeMode::Deny) << int(SignInError::Kind::AccessDenied)
            << QStringLiteral("AADSTS65004: User declined to consent to access the app.");
        QTest::newRow("state mismatch")
            << int(TestIdentityProvider::AuthorizeMode::WrongState) << int(SignInError::Kind::StateMismatch)
            << QStringLiteral("did not belong to this sign-in attempt");
    }

    void redirectErrorsBecomeTypedErrors()
    {
        QFETCH(int, mode);
        QFETCH(int, kind);
        QFETCH(QString, messagePart);
        TestIdentityProvider idp;
        idp.authorizeMode = TestIdentityProvider::AuthorizeMode(mode);
        AuthorizationCodeSignIn signIn(optionsFor(idp), &m_network);
        HeadlessAuthorizationOpener opener;
        connect(&signIn, &AuthorizationCodeSignIn::authorizationUrlReady, &opener,
                &HeadlessAuthorizationOpener::open);
        QSignalSpy succeeded(&signIn, &AuthorizationCodeSignIn::succeeded);
        QSignalSpy failed(&signIn, &AuthorizationCodeSignIn::failed);
        signIn.start();
        const quint16 port = signIn.listenerPort();
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 30000);
        const auto error = failed.first().first().value<SignInError>();
        QCOMPARE(int(error.kind()), kind);
        QVERIFY2(error.message().contains(messagePart), qPrintable(error.message()));
        QVERIFY(!error.message().contains(QStringLiteral("Trace ID")));
        QVERIFY(succeeded.isEmpty());
        QCOMPARE(idp.authorizationCodeRequests, 0); // nothing was redeemed
        QCOMPARE(probe(QHostAddress(QHostAddress::LocalHost), port), Probe::Refused);
    }

    void timesOut()
    {
        TestIdentityProvider idp;
        auto options = optionsFor(idp);
        options.timeout = 200ms;
        AuthorizationCodeSignIn signIn(options, &m_network);
        QSignalSpy failed(&signIn, &AuthorizationCodeSignIn::failed);
        QSignalSpy finished(&signIn, &AuthorizationCodeSignIn::finished);
        signIn.start(); // nobody opens the URL
        const quint16 port = signIn.listenerPort();
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 30000);
        QCOMPARE(failed.first().first().value<SignInError>().kind(), SignInError::Kind::Timeout);
        QVERIFY(failed.first().first().value<SignInError>().message().contains(QStringLiteral("timed out")));
        QCOMPARE(finished.size(), 1);
        QVERIFY(!signIn.isRunning());
        QCOMPARE(probe(QHostAddress(QHostAddress::LocalHost), port), Probe::Refused);
    }

    void cancelClosesTheListener()
    {
        TestIdentityProvider idp;
        AuthorizationCodeSignIn signIn(optionsFor(idp), &m_network);
        QSignalSpy failed(&signIn, &AuthorizationCodeSignIn::failed);
        signIn.start();
        const quint16 port = signIn.listenerPort();
        QCOMPARE(probe(QHostAddress(QHostAddress::LocalHost), port), Probe::Connected);
        signIn.cancel();
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.first().first().value<SignInError>().kind(), SignInError::Kind::Cancelled);
        QVERIFY(!signIn.isListening());
        QCOMPARE(probe(QHostAddress(QHostAddress::LocalHost), port), Probe::Refused);
        signIn.cancel(); // a second cancel is harmless and silent
        QCOMPARE(failed.size(), 1);
    }

    void listenerIsBoundToLoopbackOnly()
    {
        QHostAddress external;
        const auto addresses = QNetworkInterface::allAddresses();
        for (const QHostAddress &address : addresses) {
            if (address.protocol() == QAbstractSocket::IPv4Protocol && !address.isLoopback()) {
                external = address;
                break;
            }
        }
        if (external.isNull())
            QSKIP("This machine has no non-loopback IPv4 address to probe.");

        TestIdentityProvider idp;
        AuthorizationCodeSignIn signIn(optionsFor(idp), &m_network);
        signIn.start();
        QCOMPARE(probe(QHostAddress(QHostAddress::LocalHost), signIn.listenerPort()), Probe::Connected);
        QVERIFY2(probe(external, signIn.listenerPort()) != Probe::Connected,
                 qPrintable(QStringLiteral("listener reachable on ") + external.toString()));
        signIn.cancel();
    }

    void authorizeRejectionOfTheClientIsTyped()
    {
        TestIdentityProvider idp;
        auto options = optionsFor(idp);
        options.clientId = QStringLiteral("someone-else"); // authorize rejects it: invalid_request
        AuthorizationCodeSignIn signIn(options, &m_network);
        HeadlessAuthorizationOpener opener;
        connect(&signIn, &AuthorizationCodeSignIn::authorizationUrlReady, &opener,
                &HeadlessAuthorizationOpener::open);
        QSignalSpy failed(&signIn, &AuthorizationCodeSignIn::failed);
        signIn.start();
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 30000);
        QCOMPARE(failed.first().first().value<SignInError>().kind(), SignInError::Kind::InvalidRequest);
    }

    void tokenEndpointRefusalIsTyped()
    {
        TestIdentityProvider idp;
        idp.authorizeMode = TestIdentityProvider::AuthorizeMode::ForgetChallenge;
        AuthorizationCodeSignIn signIn(optionsFor(idp), &m_network);
        HeadlessAuthorizationOpener opener;
        connect(&signIn, &AuthorizationCodeSignIn::authorizationUrlReady, &opener,
                &HeadlessAuthorizationOpener::open);
        QSignalSpy failed(&signIn, &AuthorizationCodeSignIn::failed);
        QSignalSpy succeeded(&signIn, &AuthorizationCodeSignIn::succeeded);
        signIn.start();
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 30000);
        const auto error = failed.first().first().value<SignInError>();
        QCOMPARE(error.kind(), SignInError::Kind::InvalidGrant);
        QCOMPARE(error.oauthError(), QStringLiteral("invalid_grant"));
        QVERIFY2(error.message().contains(QStringLiteral("AADSTS501481")), qPrintable(error.message()));
        QCOMPARE(idp.authorizationCodeRequests, 1);
        QVERIFY(succeeded.isEmpty());
    }

    void openerRefusesNonLoopbackRedirects_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("elsewhere") << int(TestIdentityProvider::AuthorizeMode::RedirectElsewhere)
                                   << QStringLiteral("only 127.0.0.1 and localhost");
        QTest::newRow("page") << int(TestIdentityProvider::AuthorizeMode::ShowPage)
                              << QStringLiteral("interactive page");
    }

    void openerRefusesNonLoopbackRedirects()
    {
        QFETCH(int, mode);
        QFETCH(QString, messagePart);
        TestIdentityProvider idp;
        idp.authorizeMode = TestIdentityProvider::AuthorizeMode(mode);
        AuthorizationCodeSignIn signIn(optionsFor(idp), &m_network);
        HeadlessAuthorizationOpener opener;
        connect(&signIn, &AuthorizationCodeSignIn::authorizationUrlReady, &opener,
                &HeadlessAuthorizationOpener::open);
        QSignalSpy opened(&opener, &HeadlessAuthorizationOpener::finished);
        signIn.start();
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, 30000);
        QVERIFY(!opened.first().at(0).toBool());
        QVERIFY2(opened.first().at(1).toString().contains(messagePart),
                 qPrintable(opened.first().at(1).toString()));
        signIn.cancel();
    }

    void loopbackRedirectCheck_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("localhost") << "http://localhost:1234/?code=x" << true;
        QTest::newRow("ip") << "http://127.0.0.1:1234/" << true;
        QTest::newRow("LOCALHOST") << "http://LOCALHOST:1/" << true;
        QTest::newRow("https") << "https://localhost:1234/" << false;
        QTest::newRow("other host") << "http://example.com/" << false;
        QTest::newRow("lookalike") << "http://localhost.example.com/" << false;
        QTest::newRow("userinfo") << "http://evil@127.0.0.1/" << false;
        QTest::newRow("other loopback") << "http://127.0.0.2/" << false;
        QTest::newRow("empty") << "" << false;
    }

    void loopbackRedirectCheck()
    {
        QFETCH(QString, url);
        QFETCH(bool, allowed);
        QCOMPARE(HeadlessAuthorizationOpener::isLoopbackRedirect(QUrl(url)), allowed);
    }
};

QTEST_GUILESS_MAIN(TestAuthorizationCodeSignIn)
#include "test_authorizationcodesignin.moc"
