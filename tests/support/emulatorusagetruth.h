// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

// What the demo tenant's usage history really holds (GET /_emulator/usage, or
// EmulatorServer::usageTruth in-process): the raw facts behind the usage report, the sign-in logs and
// the EAC "SMTP AUTH clients" export, per user. The yardstick for readiness tests; it says what the
// sources contain, never which readiness class follows (that is the client's rule to apply).
// Header-only, so any test target can use it with tests/support on its include path.

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUuid>
#include <optional>

namespace smtpauth::test {

struct EmulatorUsageTruth
{
    struct User
    {
        int index = -1; // the mailbox index, or beyond the mailboxes for a user without one
        QString kind; // basic-accepted, basic-refused-by-ca, basic-refused, oauth, old-basic, old-oauth, none
        bool hasMailbox = false;
        bool deleted = false; // Is Deleted in the usage report
        QUuid guid;           // the mailbox Guid (null without a mailbox)
        QUuid objectId;       // the sign-ins' userId
        QString userPrincipalName;
        QString primarySmtpAddress;
        QString displayName;
        int basicSignIns = 0; // successful sign-ins since the truth's `since`
        int basicFailures = 0;
        std::optional<QDateTime> lastBasicSignIn;
        QList<int> errorCodes;
        QStringList clientIps;
        std::optional<int> smtpDaysAgo;     // last SMTP AUTH submission, days before the refresh date
        QHash<QString, bool> smtpAppUsed;   // "D30" -> SMTP App not empty
        QHash<QString, bool> inUsageReport; // "D30" -> the user has a row
        QStringList reportProtocols;        // EAC rows: "Basic", "OAuth"
        QString reportSender;               // their Sender address (a mailbox's primary or secondary one)
    };

    QDateTime anchor;
    QString refreshDate;
    QDateTime since;
    qint64 signInRecords = 0;      // the whole generated log
    qint64 signInRecordsSince = 0; // of which created at or after `since`
    qint64 authenticatedSmtpRecords = 0;
    qint64 smtpRecords = 0;
    QHash<QString, int> kinds; // kind -> users
    QList<User> users;

    static std::optional<EmulatorUsageTruth> fromJson(const QJsonObject &document, QString *problem = nullptr)
    {
        EmulatorUsageTruth truth;
        truth.anchor =
            QDateTime::fromString(document.value(QStringLiteral("anchor")).toString(), Qt::ISODate);
        if (!truth.anchor.isValid()) {
            if (problem)
                *problem = QStringLiteral("usage document without anchor");
            return std::nullopt;
        }
        truth.refreshDate = document.value(QStringLiteral("refreshDate")).toString();
        truth.since =
            QDateTime::fromString(document.value(QStringLiteral("since")).toString(), Qt::ISODateWithMs);
        truth.signInRecords = qint64(document.value(QStringLiteral("signInRecords")).toDouble());
        truth.signInRecordsSince = qint64(document.value(QStringLiteral("signInRecordsSince")).toDouble());
        const QJsonObject totals = document.value(QStringLiteral("clientAppUsedTotals")).toObject();
        truth.authenticatedSmtpRecords =
            qint64(totals.value(QStringLiteral("Authenticated SMTP")).toDouble());
        truth.smtpRecords = qint64(totals.value(QStringLiteral("SMTP")).toDouble());
        const QJsonObject kinds = document.value(QStringLiteral("kinds")).toObject();
        for (auto it = kinds.constBegin(); it != kinds.constEnd(); ++it)
            truth.kinds.insert(it.key(), it.value().toInt());
        for (const QJsonValue &value : document.value(QStringLiteral("users")).toArray()) {
            const QJsonObject o = value.toObject();
            User u;
            u.index = o.value(QStringLiteral("index")).toInt(-1);
            u.kind = o.value(QStringLiteral("kind")).toString();
            u.hasMailbox = o.value(QStringLiteral("hasMailbox")).toBool();
            u.deleted = o.value(QStringLiteral("deleted")).toBool();
            u.guid = QUuid(o.value(QStringLiteral("guid")).toString());
            u.objectId = QUuid(o.value(QStringLiteral("objectId")).toString());
            u.userPrincipalName = o.value(QStringLiteral("userPrincipalName")).toString();
            u.primarySmtpAddress = o.value(QStringLiteral("primarySmtpAddress")).toString();
            u.displayName = o.value(QStringLiteral("displayName")).toString();
            u.basicSignIns = o.value(QStringLiteral("basicSignIns")).toInt();
            u.basicFailures = o.value(QStringLiteral("basicFailures")).toInt();
            if (o.value(QStringLiteral("lastBasicSignIn")).isString())
                u.lastBasicSignIn = QDateTime::fromString(
                    o.value(QStringLiteral("lastBasicSignIn")).toString(), Qt::ISODateWithMs);
            for (const QJsonValue &code : o.value(QStringLiteral("errorCodes")).toArray())
                u.errorCodes.append(code.toInt());
            for (const QJsonValue &ip : o.value(QStringLiteral("clientIps")).toArray())
                u.clientIps.append(ip.toString());
            if (o.value(QStringLiteral("smtpDaysAgo")).isDouble())
                u.smtpDaysAgo = o.value(QStringLiteral("smtpDaysAgo")).toInt();
            const auto flags = [](const QJsonValue &value) {
                QHash<QString, bool> out;
                const QJsonObject object = value.toObject();
                for (auto it = object.constBegin(); it != object.constEnd(); ++it)
                    out.insert(it.key(), it.value().toBool());
                return out;
            };
            u.smtpAppUsed = flags(o.value(QStringLiteral("smtpAppUsed")));
            u.inUsageReport = flags(o.value(QStringLiteral("inUsageReport")));
            for (const QJsonValue &protocol : o.value(QStringLiteral("reportProtocols")).toArray())
                u.reportProtocols.append(protocol.toString());
            u.reportSender = o.value(QStringLiteral("reportSender")).toString();
            truth.users.append(u);
        }
        return truth;
    }

    std::optional<User> byObjectId(const QUuid &objectId) const
    {
        for (const User &u : users) {
            if (u.objectId == objectId)
                return u;
        }
        return std::nullopt;
    }
};

} // namespace smtpauth::test
