// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "auth/keychainsecretstore.h"

#include <QTemporaryDir>
#include <QTest>
#include <QUuid>
#include <optional>

using namespace smtpauth;

namespace {

SecretStore::Result waitFor(const std::function<void(SecretStore::Callback)> &call)
{
    std::optional<SecretStore::Result> got;
    call([&got](const SecretStore::Result &result) { got = result; });
    if (got)
        qFatal("SecretStore called back inside the call");
    if (!QTest::qWaitFor([&got]() { return got.has_value(); }, 20000))
        return {SecretStore::ErrorKind::Other, QString(),
                QStringLiteral("timed out waiting for the keychain")};
    return *got;
}

} // namespace

// Runs against the real Secret Service (gnome-keyring in a private D-Bus session, see docs/testing.md /
// dev.sh): the point is to prove the QtKeychain wiring, which a fake cannot.
class TestKeychainSecretStore : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    // A fresh profile per run, so leftovers from an aborted run can never make a test pass.
    const QString m_profile = QStringLiteral("tst-") + QUuid::createUuid().toString(QUuid::WithoutBraces);

private Q_SLOTS:
    void initTestCase()
    {
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QSKIP("No D-Bus session: run it through ./dev.sh test, which starts a private D-Bus session with "
                  "an unlocked gnome-keyring (docs/testing.md, Running the suite).");
        QVERIFY(m_dir.isValid());
    }

    void roundTrip()
    {
        KeychainSecretStore store(m_profile, m_dir.filePath(QStringLiteral("settings.ini")));
        const QString secret = QStringLiteral("refresh \u00e9+/=%1").arg(QUuid::createUuid().toString());

        auto written =
            waitFor([&](auto cb) { store.writeSecret(QStringLiteral("refresh-token"), secret, cb); });
        QVERIFY2(written.ok(), qPrintable(written.errorMessage));
        QCOMPARE(store.indexedKeys(), QStringList{QStringLiteral("refresh-token")});

        // A second store object (another run of the app) reads it back.
        KeychainSecretStore other(m_profile, m_dir.filePath(QStringLiteral("settings.ini")));
        auto read = waitFor([&](auto cb) { other.readSecret(QStringLiteral("refresh-token"), cb); });
        QVERIFY2(read.ok(), qPrintable(read.errorMessage));
        QCOMPARE(read.value, secret);

        // Profiles do not see each other's secrets.
        KeychainSecretStore stranger(m_profile + QStringLiteral("-other"), QString());
        auto foreign = waitFor([&](auto cb) { stranger.readSecret(QStringLiteral("refresh-token"), cb); });
        QCOMPARE(foreign.error, SecretStore::ErrorKind::NotFound);

        // Overwrite (rotation) replaces the value.
        written = waitFor(
            [&](auto cb) { store.writeSecret(QStringLiteral("refresh-token"), QStringLiteral("v2"), cb); });
        QVERIFY(written.ok());
        read = waitFor([&](auto cb) { store.readSecret(QStringLiteral("refresh-token"), cb); });
        QCOMPARE(read.value, QStringLiteral("v2"));

        auto deleted = waitFor([&](auto cb) { store.deleteSecret(QStringLiteral("refresh-token"), cb); });
        QVERIFY2(deleted.ok(), qPrintable(deleted.errorMessage));
        QVERIFY(store.indexedKeys().isEmpty());
        read = waitFor([&](auto cb) { store.readSecret(QStringLiteral("refresh-token"), cb); });
        QCOMPARE(read.error, SecretStore::ErrorKind::NotFound);
    }

    void missingKeyIsNotFoundAndDeletingItSucceeds()
    {
        KeychainSecretStore store(m_profile, QString());
        const auto read = waitFor([&](auto cb) { store.readSecret(QStringLiteral("never-written"), cb); });
        QCOMPARE(read.error, SecretStore::ErrorKind::NotFound);
        QVERIFY(read.value.isEmpty());
        const auto deleted =
            waitFor([&](auto cb) { store.deleteSecret(QStringLiteral("never-written"), cb); });
        QVERIFY2(deleted.ok(), qPrintable(deleted.errorMessage));
    }

    void deleteAllWipesEveryIndexedKey()
    {
        const QString index = m_dir.filePath(QStringLiteral("wipe.ini"));
        KeychainSecretStore store(m_profile, index);
        for (const QString &key : {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")})
            QVERIFY(waitFor([&](auto cb) { store.writeSecret(key, QStringLiteral("x"), cb); }).ok());
        QCOMPARE(store.indexedKeys().size(), 3);
        const auto wiped = waitFor([&](auto cb) { store.deleteAll(cb); });
        QVERIFY2(wiped.ok(), qPrintable(wiped.errorMessage));
        QVERIFY(store.indexedKeys().isEmpty());
        for (const QString &key : {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")})
            QCOMPARE(waitFor([&](auto cb) { store.readSecret(key, cb); }).error,
                     SecretStore::ErrorKind::NotFound);
    }

    void deleteAllAlsoTakesAKeyStillBeingWritten()
    {
        // A sign-out while a rotated refresh token is being written for the first time: the key is not in
        // the index yet when deleteAll() is asked, and must not survive it.
        const QString index = m_dir.filePath(QStringLiteral("inflight.ini"));
        KeychainSecretStore store(m_profile, index);
        bool written = false;
        store.writeSecret(QStringLiteral("rotated"), QStringLiteral("token"),
                          [&](const SecretStore::Result &) { written = true; });
        QVERIFY(!written);
        QVERIFY(store.indexedKeys().isEmpty());
        const auto wiped = waitFor([&](auto cb) { store.deleteAll(cb); });
        QVERIFY2(wiped.ok(), qPrintable(wiped.errorMessage));
        QVERIFY(written); // the delete ran after the write it was queued behind
        QVERIFY(store.indexedKeys().isEmpty());
        QCOMPARE(waitFor([&](auto cb) { store.readSecret(QStringLiteral("rotated"), cb); }).error,
                 SecretStore::ErrorKind::NotFound);
    }
};

QTEST_GUILESS_MAIN(TestKeychainSecretStore)
#include "test_keychainsecretstore.moc"
