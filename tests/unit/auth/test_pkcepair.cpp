// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "auth/pkcepair.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>

using smtpauth::PkcePair;

class TestPkcePair : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void challengeMatchesRfc7636Vector()
    {
        // RFC 7636 Appendix B. (The value "E9Melhoa2OwvFxXcHRVSiJcyc5bHhBHjRSjv8-Urvk4" that circulates in
        // some notes is wrong; SHA-256 of this verifier gives the RFC's value below.)
        const PkcePair pair =
            PkcePair::fromVerifier(QByteArrayLiteral("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
        QCOMPARE(pair.challenge(), QByteArrayLiteral("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
        QCOMPARE(PkcePair::method(), QStringLiteral("S256"));
    }

    void generatedVerifierIsBase64UrlOf32Bytes()
    {
        static const QRegularExpression unreserved(QStringLiteral("^[A-Za-z0-9_-]{43}$"));
        for (int i = 0; i < 50; ++i) {
            const PkcePair pair = PkcePair::generate();
            QCOMPARE(pair.verifier().size(), 43);
            QVERIFY2(unreserved.match(QString::fromLatin1(pair.verifier())).hasMatch(),
                     pair.verifier().constData());
            QCOMPARE(pair.challenge().size(), 43);
            QVERIFY(!pair.challenge().contains('='));
            QCOMPARE(pair.challenge(), PkcePair::challengeFor(pair.verifier()));
        }
    }

    void everyAttemptGetsAFreshVerifier()
    {
        QSet<QByteArray> seen;
        for (int i = 0; i < 200; ++i)
            seen.insert(PkcePair::generate().verifier());
        QCOMPARE(seen.size(), 200);
    }
};

QTEST_GUILESS_MAIN(TestPkcePair)
#include "test_pkcepair.moc"
