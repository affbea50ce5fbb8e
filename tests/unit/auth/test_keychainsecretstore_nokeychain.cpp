// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "auth/keychainsecretstore.h"

#include <QTemporaryDir>
#include <QTest>
#include <optional>

using namespace smtpauth;

// A machine without a Secret Service (a server, a container, a session without D-Bus) must get a clear
// "no keychain" answer naming the cause, and nothing may be written anywhere else instead.
class TestKeychainSecretStoreWithoutKeychain : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Before the first keychain job: no session bus address, no default bus socket to fall back to,
        // no X display to autolaunch a bus on.
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        qunsetenv("DISPLAY");
        qputenv("XDG_RUNTIME_DIR", m_dir.path().toLocal8Bit());
    }

    void operationsFailWithNoKeychain_data()
    {
        QTest::addColumn<int>("operation");
        QTest::newRow("write") << 0;
        QTest::newRow("read") << 1;
    }

    void operationsFailWithNoKeychain()
    {
        QFETCH(int, operation);
        KeychainSecretStore store(QStringLiteral("nokeychain"),
                                  m_dir.filePath(QStringLiteral("settings.ini")));
        std::optional<SecretStore::Result> got;
        auto callback = [&got](const SecretStore::Result &result) { got = result; };
        if (operation == 0)
            store.writeSecret(QStringLiteral("refresh-token"), QStringLiteral("secret"), callback);
        else
            store.readSecret(QStringLiteral("refresh-token"), callback);
        QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 20000);
        QCOMPARE(got->error, SecretStore::ErrorKind::NoKeychain);
        QVERIFY2(got->errorMessage.contains(QStringLiteral("D-Bus")), qPrintable(got->errorMessage));
        QVERIFY(store.indexedKeys().isEmpty());
        // No plain-text fallback anywhere under the (private) data directory.
        const QStringList files = QDir(m_dir.path()).entryList(QDir::Files | QDir::NoDotAndDotDot);
        for (const QString &file : files) {
            QFile content(m_dir.filePath(file));
            QVERIFY(content.open(QIODevice::ReadOnly));
            QVERIFY(!content.readAll().contains("secret"));
        }
    }
};

QTEST_GUILESS_MAIN(TestKeychainSecretStoreWithoutKeychain)
#include "test_keychainsecretstore_nokeychain.moc"
