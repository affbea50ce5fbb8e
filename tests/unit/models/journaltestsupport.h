// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "models/changejournal.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QTest>
#include <memory>

namespace journaltest {

// A clock that starts at a fixed instant and moves one minute per reading, so every timestamp the journal
// writes is predictable and distinct.
inline smtpauth::ChangeJournal::Clock steppingClock(QDateTime start = QDateTime(QDate(2026, 3, 2),
                                                                                QTime(9, 0), Qt::UTC))
{
    auto next = std::make_shared<QDateTime>(start);
    return [next] {
        const QDateTime now = *next;
        *next = next->addSecs(60);
        return now;
    };
}

// The documented canonical serialisation (changejournal.h), written again here on purpose: a test that
// used the product's own function could not notice that the format drifted from its documentation.
struct Field
{
    QString name;
    QString value;
};

inline QByteArray canonical(const QString &table, qint64 sequence, const QList<Field> &fields)
{
    QByteArray out;
    auto add = [&out](const QString &name, const QString &value) {
        if (value.isEmpty())
            return;
        const QByteArray utf8 = value.toUtf8();
        out += name.toUtf8() + "=" + QByteArray::number(utf8.size()) + ":" + utf8 + "\n";
    };
    add(QStringLiteral("table"), table);
    add(QStringLiteral("seq"), QString::number(sequence));
    for (const Field &field : fields)
        add(field.name, field.value);
    return out;
}

// hash = SHA-256(previous raw hash || canonical row), hex; the first row chains from 32 zero bytes.
inline QString chainedHashHex(const QString &previousHex, const QByteArray &canonicalRow)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(previousHex.isEmpty() ? QByteArray(32, '\0') : QByteArray::fromHex(previousHex.toLatin1()));
    hash.addData(canonicalRow);
    return QString::fromLatin1(hash.result().toHex());
}

// Runs SQL against the journal file through a connection of its own, as someone with sqlite3 would.
class RawConnection
{
public:
    explicit RawConnection(const QString &path)
        : m_name(QStringLiteral("raw-") + QString::number(quintptr(this)))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        m_open = db.open();
    }
    ~RawConnection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    RawConnection(const RawConnection &) = delete;
    RawConnection &operator=(const RawConnection &) = delete;

    bool isOpen() const { return m_open; }

    // Returns an empty string on success, the error otherwise.
    QString exec(const QString &sql)
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        if (!query.exec(sql))
            return query.lastError().text().isEmpty() ? QStringLiteral("failed") : query.lastError().text();
        return QString();
    }

    QVariant scalar(const QString &sql)
    {
        QSqlQuery query(QSqlDatabase::database(m_name, false));
        if (!query.exec(sql) || !query.next())
            return QVariant();
        return query.value(0);
    }

    // What an attacker does first: the append-only triggers are only a guard against our own bugs.
    void dropAppendOnlyTriggers()
    {
        for (const char *table : {"batches", "changes", "change_events"}) {
            for (const char *operation : {"update", "delete"}) {
                exec(QStringLiteral("DROP TRIGGER IF EXISTS %1_%2_forbidden")
                         .arg(QLatin1String(table), QLatin1String(operation)));
            }
        }
    }

private:
    QString m_name;
    bool m_open = false;
};

} // namespace journaltest
