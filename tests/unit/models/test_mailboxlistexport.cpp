// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/mailboxlistexport.h"
#include "models/mailboxtablemodel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace smtpauth;

namespace {
MailboxStore store()
{
    MailboxStore store;
    for (int i = 0; i < 3; ++i) {
        Mailbox m;
        m.guid = QUuid::createUuidV5(QUuid(), QString::number(i));
        m.displayName = QStringLiteral("User %1").arg(i);
        m.primarySmtpAddress = QStringLiteral("user%1@contoso.com").arg(i);
        m.alias = QStringLiteral("user%1").arg(i);
        m.smtpAuthOverride = i == 1 ? Override::Disabled : Override::Inherit;
        store.upsert(m);
    }
    return store;
}

const QList<PackedVerdict> kVerdicts{
    PackedVerdict(Verdict::Blocked, ReadinessLayer::BasicRetirement, ReadinessLayer::ConditionalAccess),
    PackedVerdict(Verdict::Blocked, ReadinessLayer::SmtpAuthSetting, std::nullopt),
    PackedVerdict(Verdict::Unknown, std::nullopt, ReadinessLayer::ConditionalAccess)};
} // namespace

class TestMailboxListExport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Scripts read these columns by position too: the existing ones keep their order, readiness comes last.
    void columns()
    {
        QCOMPARE(
            MailboxListExport::columnNames(),
            (QStringList{QStringLiteral("displayName"), QStringLiteral("primarySmtpAddress"),
                         QStringLiteral("override"), QStringLiteral("effective"), QStringLiteral("source"),
                         QStringLiteral("guid"), QStringLiteral("externalDirectoryObjectId")}));
        QCOMPARE(MailboxListExport::columnNamesWithReadiness(),
                 (MailboxListExport::columnNames() +
                  QStringList{QStringLiteral("basicNow"), QStringLiteral("decidedBy")}));
    }

    void withoutVerdictsNothingChanges()
    {
        const MailboxStore mailboxes = store();
        const MailboxListExport document(mailboxes, OrgSetting::Enabled, {0, 1, 2});
        QCOMPARE(document.columns(), MailboxListExport::columnNames());
        QVERIFY(document.toCsv().startsWith(
            "displayName,primarySmtpAddress,override,effective,source,guid,externalDirectoryObjectId\r\n"));
        QVERIFY(!document.toTable().contains(QStringLiteral("BASIC NOW")));
        // Verdicts that do not match the rows one for one are ignored.
        const MailboxListExport mismatched(mailboxes, OrgSetting::Enabled, {0, 1}, kVerdicts);
        QCOMPARE(mismatched.columns(), MailboxListExport::columnNames());
    }

    void csvJsonAndTableCarryTheVerdicts()
    {
        const MailboxStore mailboxes = store();
        const MailboxListExport document(mailboxes, OrgSetting::Enabled, {0, 1, 2}, kVerdicts);
        const QList<QByteArray> lines = document.toCsv().split('\n');
        QCOMPARE(lines.at(0), QByteArray("displayName,primarySmtpAddress,override,effective,source,guid,"
                                         "externalDirectoryObjectId,basicNow,decidedBy\r"));
        QVERIFY2(lines.at(1).endsWith(",blocked,basic-retirement\r"), lines.at(1).constData());
        QVERIFY2(lines.at(2).endsWith(",blocked,smtp-auth-setting\r"), lines.at(2).constData());
        QVERIFY2(lines.at(3).endsWith(",unknown,\r"), lines.at(3).constData());

        const QJsonArray json =
            QJsonDocument::fromJson(document.toJson()).object().value(QStringLiteral("mailboxes")).toArray();
        QCOMPARE(json.size(), 3);
        QCOMPARE(json.at(0).toObject().value(QStringLiteral("basicNow")).toString(),
                 QStringLiteral("blocked"));
        QCOMPARE(json.at(0).toObject().value(QStringLiteral("decidedBy")).toString(),
                 QStringLiteral("basic-retirement"));
        QCOMPARE(json.at(2).toObject().value(QStringLiteral("basicNow")).toString(),
                 QStringLiteral("unknown"));
        QVERIFY(
            json.at(2).toObject().value(QStringLiteral("decidedBy")).isNull()); // as in `why --format json`

        const QStringList table = document.toTable().split(QLatin1Char('\n'));
        QVERIFY(table.at(0).startsWith(QStringLiteral("DISPLAY NAME")));
        QVERIFY2(table.at(0).contains(QStringLiteral("BASIC NOW  DECIDED BY")), qPrintable(table.at(0)));
        QVERIFY2(table.at(2).contains(QStringLiteral("blocked    smtp-auth-setting")),
                 qPrintable(table.at(2)));
    }

    void fromTheTableModel()
    {
        MailboxTableModel model;
        model.replaceAll(store(), OrgSetting::Enabled);
        model.setReadinessContext(nullptr, QDate(2027, 1, 1));
        const QList<int> rows{2, 1};
        const MailboxListExport document(model.store(), model.orgSetting(), rows, model.basicNowOf(rows));
        const QJsonArray json =
            QJsonDocument::fromJson(document.toJson()).object().value(QStringLiteral("mailboxes")).toArray();
        QCOMPARE(json.at(0).toObject().value(QStringLiteral("decidedBy")).toString(),
                 QStringLiteral("basic-retirement"));
        QCOMPARE(json.at(1).toObject().value(QStringLiteral("decidedBy")).toString(),
                 QStringLiteral("smtp-auth-setting"));
    }
};

QTEST_GUILESS_MAIN(TestMailboxListExport)
#include "test_mailboxlistexport.moc"
