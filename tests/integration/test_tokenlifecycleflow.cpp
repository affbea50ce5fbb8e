// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// Access and refresh tokens against the real emulator process: an expired access token is refreshed once
// (single flight) and the refresh token rotates; a revoked refresh token ends the sign-in plainly.
#include "auth/cloudenvironment.h"
#include "auth/memorysecretstore.h"
#include "auth/tokenprovider.h"
#include "emulatorprocess.h"
#include "exchange/casmailboxrequests.h"
#include "exchange/invokecommandcall.h"
#include "exchange/invokecommandclient.h"
#include "signedinclient.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace smtpauth;
using namespace smtpauth::test;

class TestTokenLifecycleFlow : public QObject
{
    Q_OBJECT
private:
    static HttpAnswer redeemRefreshToken(SignedInClient &signedIn, EmulatorProcess &emulator,
                                         const QString &refreshToken)
    {
        const CloudEnvironment cloud = CloudEnvironment::custom(emulator.baseUrl(), emulator.baseUrl());
        QNetworkRequest request(cloud.tokenUrl(signedIn.tenantId()));
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/x-www-form-urlencoded"));
        const QByteArray body =
            "grant_type=refresh_token&client_id=" + QByteArray(SignedInClient::kClientId) +
            "&refresh_token=" + QUrl::toPercentEncoding(refreshToken) +
            "&scope=" + QUrl::toPercentEncoding(cloud.scope());
        return SyncHttp::post(signedIn.network(), request, body);
    }

    static InvokeCommandCall *readOrg(SignedInClient &signedIn)
    {
        return signedIn.client()->invoke(CasMailboxRequests::getTransportConfig());
    }

private Q_SLOTS:
    void expiredAccessTokenIsRefreshedOnceAndRotates()
    {
        EmulatorProcess emulator({QStringLiteral("--mailboxes"), QStringLiteral("10")});
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        SignedInClient admin(emulator, emulator.userPrincipalName(QStringLiteral("admin")));
        QVERIFY2(admin.signIn(), qPrintable(admin.errorString()));

        InvokeCommandCall *first = readOrg(admin);
        QTRY_VERIFY_WITH_TIMEOUT(first->isFinished(), 30000);
        QVERIFY2(first->result().ok(), qPrintable(first->error().userMessage()));
        QCOMPARE(admin.tokens()->tokenRequestCount(), 0); // the sign-in's access token was still good
        const QString refreshTokenBefore = admin.storedRefreshToken();
        QVERIFY(!refreshTokenBefore.isEmpty());

        QCOMPARE(emulator.control(QStringLiteral("expire-access-tokens")).status, 204);
        QCOMPARE(emulator.control(QStringLiteral("reset-stats")).status, 204);

        // Three requests leave with the dead token at once; all get 401; the provider refreshes ONCE.
        QList<InvokeCommandCall *> calls{readOrg(admin), readOrg(admin), readOrg(admin)};
        QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(calls.cbegin(), calls.cend(), [](auto *c) { return c->isFinished(); }), 30000);
        for (InvokeCommandCall *call : std::as_const(calls)) {
            QVERIFY2(call->result().ok(), qPrintable(call->error().userMessage()));
            QCOMPARE(call->objects().size(), 1);
        }
        QCOMPARE(admin.tokens()->tokenRequestCount(), 1);
        const QJsonObject stats = emulator.stats();
        QCOMPARE(stats.value(QStringLiteral("apiRequests")).toInt(), 6); // 3 × (401, then 200)

        // Rotation: a new refresh token is stored and the old one is dead at the token endpoint.
        const QString refreshTokenAfter = admin.storedRefreshToken();
        QVERIFY(!refreshTokenAfter.isEmpty());
        QVERIFY(refreshTokenAfter != refreshTokenBefore);
        const HttpAnswer replay = redeemRefreshToken(admin, emulator, refreshTokenBefore);
        QCOMPARE(replay.status, 400);
        QCOMPARE(replay.json().value(QStringLiteral("error")).toString(), QStringLiteral("invalid_grant"));
        QVERIFY(!replay.json().contains(QStringLiteral("access_token")));
        qDeleteAll(calls);
        delete first;
    }

    void revokedRefreshTokenSignsOut()
    {
        EmulatorProcess emulator({QStringLiteral("--mailboxes"), QStringLiteral("10")});
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        SignedInClient admin(emulator, emulator.userPrincipalName(QStringLiteral("admin")));
        QVERIFY2(admin.signIn(), qPrintable(admin.errorString()));
        QVERIFY(admin.secrets()->contains(SignedInClient::refreshTokenKey()));

        QCOMPARE(emulator.control(QStringLiteral("revoke-refresh-tokens")).status, 204);
        QCOMPARE(emulator.control(QStringLiteral("expire-access-tokens")).status, 204);
        QSignalSpy signedOut(admin.tokens(), &TokenProvider::signedOut);

        InvokeCommandCall *call = readOrg(admin);
        QTRY_VERIFY_WITH_TIMEOUT(call->isFinished(), 30000);
        QVERIFY(!call->result().ok());
        QCOMPARE(call->error().category(), ExchangeError::Category::Unauthorized);
        // A person must learn what to do: sign in again.
        QVERIFY2(call->error().userMessage().contains(QStringLiteral("sign in"), Qt::CaseInsensitive),
                 qPrintable(call->error().userMessage()));
        QCOMPARE(signedOut.size(), 1);
        QVERIFY(
            signedOut.first().first().toString().contains(QStringLiteral("sign in"), Qt::CaseInsensitive));
        QVERIFY(!admin.secrets()->contains(SignedInClient::refreshTokenKey()));
        QCOMPARE(admin.tokens()->tokenRequestCount(), 1); // one refresh attempt, no loop
        QVERIFY(!admin.tokens()->hasValidAccessToken());

        // Nothing retries behind the user's back: a second request fails at once, without the network.
        QCOMPARE(emulator.control(QStringLiteral("reset-stats")).status, 204);
        InvokeCommandCall *again = readOrg(admin);
        QTRY_VERIFY_WITH_TIMEOUT(again->isFinished(), 30000);
        QCOMPARE(again->error().category(), ExchangeError::Category::Unauthorized);
        QCOMPARE(emulator.stats().value(QStringLiteral("apiRequests")).toInt(), 0);
        delete call;
        delete again;
    }
};

QTEST_GUILESS_MAIN(TestTokenLifecycleFlow)
#include "test_tokenlifecycleflow.moc"
