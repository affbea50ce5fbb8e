// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// `smtpauth-cli readiness` with the real binaries (readiness.md §4): the JSON object of the contract,
// key by key and value by value, for the demo tenant (every class but unknown and unclear-auth; the
// sources read, the SMTP AUTH report not given); --period D90 against 30 days of sign-ins (unclear-auth);
// the EAC "SMTP AUTH clients" CSV written by `smtpauth-emulator --write-smtp-report` from the demo's own
// state file, as UTF-8 and as the UTF-16LE ';'-separated file a European Excel saves; a report without a
// sender column and a missing file (exit 2, named); --class with --format csv; the usage errors of
// --period and --class; --output; and the table's headline.
#include "e2ehelpers.h"
#include "emulatorprocess.h"
#include "emulatorusagetruth.h"
#include "models/readinessreport.h"
#include "synchttp.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace smtpauth;
using namespace smtpauth::test;

namespace {

const QStringList kClasses = {QStringLiteral("breaks-at-cutoff"), QStringLiteral("blocked-now"),
                              QStringLiteral("oauth-only"),       QStringLiteral("unclear-auth"),
                              QStringLiteral("stale-exception"),  QStringLiteral("no-use"),
                              QStringLiteral("unknown")};
const QStringList kSources = {QStringLiteral("usage-report"), QStringLiteral("sign-in-logs"),
                              QStringLiteral("smtp-auth-report")};
const QStringList kLayerIds = {QStringLiteral("smtp-auth-setting"), QStringLiteral("authentication-policy"),
                               QStringLiteral("security-defaults"), QStringLiteral("conditional-access"),
                               QStringLiteral("basic-retirement")};
const QDate kCutoff(2026, 12, 31);

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

// readiness.md §4, checked key by key and value by value: scripts rely on every name. Empty = conforms.
QString readinessShapeProblem(const QJsonObject &root)
{
    const QStringList top =
        sorted({QStringLiteral("cutoff"), QStringLiteral("daysLeft"), QStringLiteral("sources"),
                QStringLiteral("counts"), QStringLiteral("mailboxes"), QStringLiteral("unmatched")});
    if (root.keys() != top)
        return QStringLiteral("top-level keys are %1").arg(root.keys().join(QLatin1Char(',')));
    if (root.value(QLatin1String("cutoff")).toString() != QLatin1String("2026-12-31"))
        return QStringLiteral("cutoff is '%1'").arg(root.value(QLatin1String("cutoff")).toString());
    if (!root.value(QLatin1String("daysLeft")).isDouble())
        return QStringLiteral("daysLeft is not a number");

    const QJsonArray sources = root.value(QLatin1String("sources")).toArray();
    QStringList seen;
    for (const QJsonValue &value : sources) {
        const QJsonObject source = value.toObject();
        if (source.keys() !=
            sorted({QStringLiteral("source"), QStringLiteral("state"), QStringLiteral("detail")}))
            return QStringLiteral("a source has keys %1").arg(source.keys().join(QLatin1Char(',')));
        const QString id = source.value(QLatin1String("source")).toString();
        if (!kSources.contains(id))
            return QStringLiteral("source '%1'").arg(id);
        const QString state = source.value(QLatin1String("state")).toString();
        if (state != QLatin1String("read") && state != QLatin1String("unavailable") &&
            state != QLatin1String("not-given"))
            return QStringLiteral("state of %1 is '%2'").arg(id, state);
        if (!source.value(QLatin1String("detail")).isString())
            return QStringLiteral("detail of %1 is not a string").arg(id);
        seen.append(id);
    }
    if (sorted(seen) != sorted(kSources))
        return QStringLiteral("sources are %1").arg(seen.join(QLatin1Char(',')));

    const QJsonObject counts = root.value(QLatin1String("counts")).toObject();
    if (counts.keys() != sorted(kClasses))
        return QStringLiteral("counts has keys %1").arg(counts.keys().join(QLatin1Char(',')));
    for (const QString &name : kClasses) {
        if (!counts.value(name).isDouble() || counts.value(name).toInt() < 0)
            return QStringLiteral("counts.%1 is not a count").arg(name);
    }

    const QStringList mailboxKeys = sorted(
        {QStringLiteral("guid"), QStringLiteral("address"), QStringLiteral("displayName"),
         QStringLiteral("class"), QStringLiteral("effective"), QStringLiteral("source"),
         QStringLiteral("override"), QStringLiteral("basicNow"), QStringLiteral("decidedBy"),
         QStringLiteral("lastBasicSignIn"), QStringLiteral("basicSignIns"), QStringLiteral("basicFailures"),
         QStringLiteral("smtpAppUsed"), QStringLiteral("reportProtocols")});
    const QJsonArray mailboxes = root.value(QLatin1String("mailboxes")).toArray();
    for (const QJsonValue &value : mailboxes) {
        const QJsonObject m = value.toObject();
        const QString who = m.value(QLatin1String("address")).toString();
        if (m.keys() != mailboxKeys)
            return QStringLiteral("%1 has keys %2").arg(who, m.keys().join(QLatin1Char(',')));
        for (const char *key : {"guid", "address", "displayName"}) {
            if (!m.value(QLatin1String(key)).isString())
                return QStringLiteral("%1: %2 is not a string").arg(who, QLatin1String(key));
        }
        if (QUuid(m.value(QLatin1String("guid")).toString()).isNull())
            return QStringLiteral("%1: guid '%2'").arg(who, m.value(QLatin1String("guid")).toString());
        const auto oneOf = [&m](const char *key, const QStringList &allowed) {
            return allowed.contains(m.value(QLatin1String(key)).toString());
        };
        if (!oneOf("class", kClasses))
            return QStringLiteral("%1: class '%2'").arg(who, m.value(QLatin1String("class")).toString());
        if (!oneOf("effective", {QStringLiteral("enabled"), QStringLiteral("disabled")}))
            return QStringLiteral("%1: effective '%2'")
                .arg(who, m.value(QLatin1String("effective")).toString());
        if (!oneOf("source", {QStringLiteral("org"), QStringLiteral("mailbox")}))
            return QStringLiteral("%1: source '%2'").arg(who, m.value(QLatin1String("source")).toString());
        if (!oneOf("override",
                   {QStringLiteral("inherit"), QStringLiteral("enabled"), QStringLiteral("disabled")}))
            return QStringLiteral("%1: override '%2'")
                .arg(who, m.value(QLatin1String("override")).toString());
        if (!oneOf("basicNow",
                   {QStringLiteral("allowed"), QStringLiteral("blocked"), QStringLiteral("unknown")}))
            return QStringLiteral("%1: basicNow '%2'")
                .arg(who, m.value(QLatin1String("basicNow")).toString());
        // The override decides the source: inherit -> org, explicit -> mailbox.
        if ((m.value(QLatin1String("override")).toString() == QLatin1String("inherit")) !=
            (m.value(QLatin1String("source")).toString() == QLatin1String("org")))
            return QStringLiteral("%1: override %2 with source %3")
                .arg(who, m.value(QLatin1String("override")).toString(),
                     m.value(QLatin1String("source")).toString());
        const QJsonValue decidedBy = m.value(QLatin1String("decidedBy"));
        if (!decidedBy.isNull() && !kLayerIds.contains(decidedBy.toString()))
            return QStringLiteral("%1: decidedBy '%2'").arg(who, decidedBy.toString());
        const QJsonValue last = m.value(QLatin1String("lastBasicSignIn"));
        if (!last.isNull() && !QDateTime::fromString(last.toString(), Qt::ISODate).isValid())
            return QStringLiteral("%1: lastBasicSignIn '%2'").arg(who, last.toString());
        for (const char *key : {"basicSignIns", "basicFailures"}) {
            const QJsonValue n = m.value(QLatin1String(key));
            if (!n.isDouble() || n.toDouble() < 0 || n.toDouble() != double(n.toInteger()))
                return QStringLiteral("%1: %2 is not a count").arg(who, QLatin1String(key));
        }
        const bool signedIn =
            m.value(QLatin1String("basicSignIns")).toInt() + m.value(QLatin1String("basicFailures")).toInt() >
            0;
        if (signedIn == last.isNull())
            return QStringLiteral("%1: sign-ins and lastBasicSignIn disagree").arg(who);
        if (!m.value(QLatin1String("smtpAppUsed")).isBool())
            return QStringLiteral("%1: smtpAppUsed is not a boolean").arg(who);
        if (!m.value(QLatin1String("reportProtocols")).isArray())
            return QStringLiteral("%1: reportProtocols is not an array").arg(who);
        for (const QJsonValue &protocol : m.value(QLatin1String("reportProtocols")).toArray()) {
            if (protocol.toString() != QLatin1String("Basic") &&
                protocol.toString() != QLatin1String("OAuth"))
                return QStringLiteral("%1: report protocol '%2'").arg(who, protocol.toString());
        }
    }

    const QJsonObject unmatched = root.value(QLatin1String("unmatched")).toObject();
    if (unmatched.keys() != sorted(kSources))
        return QStringLiteral("unmatched has keys %1").arg(unmatched.keys().join(QLatin1Char(',')));
    for (const QString &source : kSources) {
        if (!unmatched.value(source).isDouble() || unmatched.value(source).toInt() < 0)
            return QStringLiteral("unmatched.%1 is not a count").arg(source);
    }
    return {};
}

QString sourceState(const QJsonObject &root, const QString &source)
{
    for (const QJsonValue &value : root.value(QLatin1String("sources")).toArray()) {
        if (value.toObject().value(QLatin1String("source")).toString() == source)
            return value.toObject().value(QLatin1String("state")).toString();
    }
    return {};
}

QString sourceDetail(const QJsonObject &root, const QString &source)
{
    for (const QJsonValue &value : root.value(QLatin1String("sources")).toArray()) {
        if (value.toObject().value(QLatin1String("source")).toString() == source)
            return value.toObject().value(QLatin1String("detail")).toString();
    }
    return {};
}

QHash<QString, int> classesOfMailboxes(const QJsonObject &root)
{
    QHash<QString, int> classes;
    for (const QJsonValue &value : root.value(QLatin1String("mailboxes")).toArray())
        ++classes[value.toObject().value(QLatin1String("class")).toString()];
    return classes;
}

int countSum(const QJsonObject &root)
{
    int sum = 0;
    const QJsonObject counts = root.value(QLatin1String("counts")).toObject();
    for (const QString &name : kClasses)
        sum += counts.value(name).toInt();
    return sum;
}

// A CSV field for a ';'-separated file.
QString semicolonField(const QString &field)
{
    if (!field.contains(QLatin1Char(';')) && !field.contains(QLatin1Char('"')) &&
        !field.contains(QLatin1Char('\n')))
        return field;
    QString quoted = field;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

int daysLeftToday()
{
    return int(qMax<qint64>(0, QDateTime::currentDateTimeUtc().date().daysTo(kCutoff)));
}

} // namespace

class TestCliReadinessReportE2e : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dataDir;
    QTemporaryDir m_files;
    QJsonObject m_default;    // `readiness --format json` of the demo, read once
    QString m_smtpReportUtf8; // written by the emulator from the demo's state file

    CliRun demo(const QStringList &command)
    {
        return CliProcess::run(
            QStringList{QStringLiteral("--demo"), QStringLiteral("--data-dir"), m_dataDir.path()} + command,
            std::chrono::seconds(120));
    }
    std::optional<QJsonObject> readinessJson(const QStringList &extra, QString *problem)
    {
        const CliRun run = demo(
            QStringList{QStringLiteral("readiness"), QStringLiteral("--format"), QStringLiteral("json")} +
            extra);
        if (run.exitCode != 0) {
            *problem = run.describe();
            return std::nullopt;
        }
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(run.standardOutput, &error);
        if (!document.isObject()) {
            *problem = error.errorString() + QStringLiteral(" in ") +
                       QString::fromUtf8(run.standardOutput.left(400));
            return std::nullopt;
        }
        return document.object();
    }
    QString file(const QString &name) const { return m_files.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo(CliProcess::binaryPath()).isExecutable(),
                 "SMTPAUTH_CLI must name the smtpauth-cli binary");
        QVERIFY2(QFileInfo(EmulatorProcess::binaryPath()).isExecutable(),
                 "SMTPAUTH_EMULATOR must name the emulator");
        QVERIFY(m_dataDir.isValid() && m_files.isValid());
        const int daysBefore = daysLeftToday();
        QString problem;
        const auto json = readinessJson({}, &problem);
        QVERIFY2(json, qPrintable(problem));
        m_default = *json;
        // The day may turn while the command runs: the value is one of the two.
        const int daysAfter = daysLeftToday();
        const int daysLeft = m_default.value(QLatin1String("daysLeft")).toInt();
        QVERIFY2(daysLeft == daysBefore || daysLeft == daysAfter,
                 qPrintable(QStringLiteral("daysLeft %1, today gives %2").arg(daysLeft).arg(daysAfter)));

        // The demo tenant keeps its state in <data dir>/demo/demo-tenant.json; the emulator writes the
        // EAC report of that very tenant.
        const QString state = QDir(m_dataDir.path()).filePath(QStringLiteral("demo/demo-tenant.json"));
        QVERIFY2(QFileInfo::exists(state), qPrintable(state));
        m_smtpReportUtf8 = file(QStringLiteral("smtp-auth-clients.csv"));
        QProcess emulator;
        emulator.start(
            EmulatorProcess::binaryPath(),
            {QStringLiteral("--state-file"), state, QStringLiteral("--write-smtp-report"), m_smtpReportUtf8});
        QVERIFY(emulator.waitForFinished(120000));
        QVERIFY2(emulator.exitStatus() == QProcess::NormalExit && emulator.exitCode() == 0,
                 emulator.readAllStandardError().constData());
        QVERIFY(QFileInfo(m_smtpReportUtf8).size() > 0);
    }

    void jsonIsTheContractObject()
    {
        const QString problem = readinessShapeProblem(m_default);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const QJsonArray mailboxes = m_default.value(QLatin1String("mailboxes")).toArray();
        QVERIFY(mailboxes.size() > 1000);
        QCOMPARE(countSum(m_default), mailboxes.size());
        const QJsonObject counts = m_default.value(QLatin1String("counts")).toObject();
        const QHash<QString, int> classes = classesOfMailboxes(m_default);
        for (const QString &name : kClasses) {
            QCOMPARE(classes.value(name), counts.value(name).toInt());
            const bool expected = name != QLatin1String("unknown") && name != QLatin1String("unclear-auth");
            QVERIFY2((counts.value(name).toInt() > 0) == expected,
                     qPrintable(QStringLiteral("%1: %2").arg(name).arg(counts.value(name).toInt())));
        }
        QCOMPARE(sourceState(m_default, QStringLiteral("usage-report")), QStringLiteral("read"));
        QCOMPARE(sourceState(m_default, QStringLiteral("sign-in-logs")), QStringLiteral("read"));
        QCOMPARE(sourceState(m_default, QStringLiteral("smtp-auth-report")), QStringLiteral("not-given"));
        // Without the EAC report no mailbox has report protocols; sign-ins reach some mailboxes.
        int withSignIns = 0;
        for (const QJsonValue &value : mailboxes) {
            const QJsonObject m = value.toObject();
            QVERIFY(m.value(QLatin1String("reportProtocols")).toArray().isEmpty());
            if (m.value(QLatin1String("basicSignIns")).toInt() > 0) {
                ++withSignIns;
                // A successful Basic sign-in is Basic use: breaks at the cutoff, or already blocked.
                const QString readinessClass = m.value(QLatin1String("class")).toString();
                QVERIFY2(readinessClass == QLatin1String("breaks-at-cutoff") ||
                             readinessClass == QLatin1String("blocked-now"),
                         qPrintable(m.value(QLatin1String("address")).toString() + QLatin1Char(' ') +
                                    readinessClass));
            }
        }
        QVERIFY(withSignIns > 0);
        // The demo's accounts without a mailbox are counted apart, never dropped.
        const QJsonObject unmatched = m_default.value(QLatin1String("unmatched")).toObject();
        QVERIFY(unmatched.value(QLatin1String("usage-report")).toInt() +
                    unmatched.value(QLatin1String("sign-in-logs")).toInt() >
                0);
        QCOMPARE(unmatched.value(QLatin1String("smtp-auth-report")).toInt(), 0);
    }

    void aLongerPeriodThanTheSignInsIsUnclear()
    {
        QString problem;
        const auto json = readinessJson({QStringLiteral("--period"), QStringLiteral("D90")}, &problem);
        QVERIFY2(json, qPrintable(problem));
        QVERIFY2(readinessShapeProblem(*json).isEmpty(), qPrintable(readinessShapeProblem(*json)));
        const QJsonObject counts = json->value(QLatin1String("counts")).toObject();
        QVERIFY2(counts.value(QLatin1String("unclear-auth")).toInt() > 0,
                 "30 days of sign-ins cannot tell a 90-day period apart");
        QCOMPARE(counts.value(QLatin1String("oauth-only")).toInt(), 0); // nothing is told apart
        QCOMPARE(countSum(*json), json->value(QLatin1String("mailboxes")).toArray().size());
    }

    void signInDaysBeyondTheRetentionAreCappedAndSaidSo()
    {
        QString problem;
        const auto json = readinessJson({QStringLiteral("--sign-in-days"), QStringLiteral("45")}, &problem);
        QVERIFY2(json, qPrintable(problem));
        QCOMPARE(sourceState(*json, QStringLiteral("sign-in-logs")), QStringLiteral("read"));
        const QString detail = sourceDetail(*json, QStringLiteral("sign-in-logs"));
        QVERIFY2(detail.contains(QLatin1String("45")) && detail.contains(QLatin1String("capped")),
                 qPrintable(detail));
        QCOMPARE(json->value(QLatin1String("counts")).toObject(),
                 m_default.value(QLatin1String("counts")).toObject());
    }

    void theEacReportIsImported()
    {
        QString problem;
        const auto json = readinessJson({QStringLiteral("--smtp-report"), m_smtpReportUtf8}, &problem);
        QVERIFY2(json, qPrintable(problem));
        QVERIFY2(readinessShapeProblem(*json).isEmpty(), qPrintable(readinessShapeProblem(*json)));
        QCOMPARE(sourceState(*json, QStringLiteral("smtp-auth-report")), QStringLiteral("read"));
        QCOMPARE(sourceState(*json, QStringLiteral("usage-report")), QStringLiteral("read"));
        int withProtocols = 0;
        for (const QJsonValue &value : json->value(QLatin1String("mailboxes")).toArray())
            withProtocols +=
                value.toObject().value(QLatin1String("reportProtocols")).toArray().isEmpty() ? 0 : 1;
        QVERIFY(withProtocols > 0);
        QCOMPARE(countSum(*json), json->value(QLatin1String("mailboxes")).toArray().size());

        // The same report as a European Excel saves it: UTF-16LE with a BOM, ';' between fields.
        QFile utf8(m_smtpReportUtf8);
        QVERIFY(utf8.open(QIODevice::ReadOnly));
        const QList<QStringList> rows = E2eHelpers::parseCsv(utf8.readAll());
        QVERIFY(rows.size() > 2);
        QString text;
        for (const QStringList &row : rows) {
            QStringList fields;
            for (const QString &field : row)
                fields.append(semicolonField(field));
            text += fields.join(QLatin1Char(';')) + QStringLiteral("\r\n");
        }
        QByteArray utf16("\xFF\xFE", 2);
        for (const QChar c : text) {
            utf16.append(char(c.unicode() & 0xff));
            utf16.append(char(c.unicode() >> 8));
        }
        const QString european = file(QStringLiteral("smtp-auth-clients-utf16.csv"));
        QVERIFY(writeFile(european, utf16));
        const auto fromUtf16 = readinessJson({QStringLiteral("--smtp-report"), european}, &problem);
        QVERIFY2(fromUtf16, qPrintable(problem));
        QCOMPARE(sourceState(*fromUtf16, QStringLiteral("smtp-auth-report")), QStringLiteral("read"));
        // It was read as what it is (else the same counts would prove nothing).
        const QString detail = sourceDetail(*fromUtf16, QStringLiteral("smtp-auth-report"));
        QVERIFY2(detail.contains(QLatin1String("UTF-16")) && detail.contains(QLatin1String("';'")),
                 qPrintable(detail));
        QCOMPARE(fromUtf16->value(QLatin1String("counts")).toObject(),
                 json->value(QLatin1String("counts")).toObject());
        QCOMPARE(fromUtf16->value(QLatin1String("unmatched")).toObject(),
                 json->value(QLatin1String("unmatched")).toObject());
        QCOMPARE(fromUtf16->value(QLatin1String("mailboxes")).toArray().size(),
                 json->value(QLatin1String("mailboxes")).toArray().size());
    }

    void aReportWithoutSenderColumnIsRefusedNamingTheHeaders()
    {
        const QString path = file(QStringLiteral("no-sender.csv"));
        QVERIFY(writeFile(path, "Domain,Messages sent,TLS 1.2\r\ncontoso.com,12,100\r\n"));
        const CliRun run = demo({QStringLiteral("readiness"), QStringLiteral("--smtp-report"), path});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.standardError.contains("Domain") && run.standardError.contains("Messages sent"),
                 qPrintable(run.describe()));
        QVERIFY(run.standardOutput.isEmpty());
    }

    void aMissingReportFileIsNamed()
    {
        const QString path = file(QStringLiteral("does-not-exist.csv"));
        const CliRun run = demo({QStringLiteral("readiness"), QStringLiteral("--smtp-report"), path});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.standardError.contains(path.toUtf8()), qPrintable(run.describe()));
        QVERIFY(run.standardOutput.isEmpty());
    }

    void classFilterWithCsv()
    {
        const CliRun run =
            demo({QStringLiteral("readiness"), QStringLiteral("--class"), QStringLiteral("stale-exception"),
                  QStringLiteral("--format"), QStringLiteral("csv")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        const QList<QStringList> rows = E2eHelpers::parseCsv(run.standardOutput);
        QVERIFY(!rows.isEmpty());
        QCOMPARE(rows.first(), ReadinessReport::csvColumns());
        const int classColumn = int(rows.first().indexOf(QStringLiteral("class")));
        const int overrideColumn = int(rows.first().indexOf(QStringLiteral("override")));
        QCOMPARE(rows.size() - 1, m_default.value(QLatin1String("counts"))
                                      .toObject()
                                      .value(QLatin1String("stale-exception"))
                                      .toInt());
        for (const QStringList &row : rows.mid(1)) {
            QCOMPARE(row.size(), rows.first().size());
            QCOMPARE(row.at(classColumn), QStringLiteral("stale-exception"));
            QCOMPARE(row.at(overrideColumn),
                     QStringLiteral("enabled")); // readiness.md §3: an explicit Enabled
        }
    }

    void classesRepeatedOrCommaSeparated()
    {
        const QJsonObject counts = m_default.value(QLatin1String("counts")).toObject();
        const int expected = counts.value(QLatin1String("stale-exception")).toInt() +
                             counts.value(QLatin1String("blocked-now")).toInt() +
                             counts.value(QLatin1String("oauth-only")).toInt();
        const CliRun run =
            demo({QStringLiteral("readiness"), QStringLiteral("--class"),
                  QStringLiteral("stale-exception,blocked-now"), QStringLiteral("--class"),
                  QStringLiteral("oauth-only"), QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        const QJsonObject json = QJsonDocument::fromJson(run.standardOutput).object();
        QVERIFY2(readinessShapeProblem(json).isEmpty(), qPrintable(readinessShapeProblem(json)));
        const QHash<QString, int> classes = classesOfMailboxes(json);
        QCOMPARE(json.value(QLatin1String("mailboxes")).toArray().size(), expected);
        QCOMPARE(classes.size(), 3);
        QCOMPARE(json.value(QLatin1String("counts")).toObject(), counts); // the counts stay tenant-wide
    }

    void badPeriodAndClassAreUsageErrors()
    {
        const CliRun period =
            demo({QStringLiteral("readiness"), QStringLiteral("--period"), QStringLiteral("D45")});
        QCOMPARE(period.exitCode, 2);
        QVERIFY2(period.standardError.contains("--period") && period.standardError.contains("D45"),
                 qPrintable(period.describe()));
        QVERIFY(period.standardOutput.isEmpty());
        const CliRun readinessClass =
            demo({QStringLiteral("readiness"), QStringLiteral("--class"), QStringLiteral("nope")});
        QCOMPARE(readinessClass.exitCode, 2);
        QVERIFY2(readinessClass.standardError.contains("nope") &&
                     readinessClass.standardError.contains("stale-exception"),
                 qPrintable(readinessClass.describe()));
        QVERIFY(readinessClass.standardOutput.isEmpty());
    }

    void outputWritesTheFileAndNothingToStdout()
    {
        const QString path = file(QStringLiteral("readiness.json"));
        const CliRun run = demo({QStringLiteral("readiness"), QStringLiteral("--format"),
                                 QStringLiteral("json"), QStringLiteral("--output"), path});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QVERIFY2(run.standardOutput.isEmpty(), run.standardOutput.left(200).constData());
        QFile written(path);
        QVERIFY(written.open(QIODevice::ReadOnly));
        const QJsonObject json = QJsonDocument::fromJson(written.readAll()).object();
        QVERIFY2(readinessShapeProblem(json).isEmpty(), qPrintable(readinessShapeProblem(json)));
        QCOMPARE(json.value(QLatin1String("counts")).toObject(),
                 m_default.value(QLatin1String("counts")).toObject());
    }

    void tableShowsTheHeadline()
    {
        const CliRun run =
            demo({QStringLiteral("readiness"), QStringLiteral("--format"), QStringLiteral("table")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        const QString text = QString::fromUtf8(run.standardOutput);
        const QString firstLine = text.section(QLatin1Char('\n'), 0, 0);
        QVERIFY2(firstLine.contains(QLatin1String("days left")), qPrintable(firstLine));
        const int breaking = m_default.value(QLatin1String("counts"))
                                 .toObject()
                                 .value(QLatin1String("breaks-at-cutoff"))
                                 .toInt();
        QVERIFY2(firstLine.startsWith(QString::number(breaking) + QLatin1Char(' ')), qPrintable(firstLine));
        QVERIFY2(firstLine.contains(QLatin1String("31 December")), qPrintable(firstLine));
        for (const QString &name : kClasses)
            QVERIFY2(text.contains(name), qPrintable(name));
    }

    void everyUsageSourceUnavailableIsExitZeroWithEveryMailboxUnknown()
    {
        // A signed-in profile against an emulator process whose usage report is concealed and whose tenant
        // has no Entra ID P1: readiness.md §4, an unavailable source is not an error.
        if (!E2eHelpers::hasSessionBus())
            QFAIL(E2eHelpers::noSessionBusMessage());
        QTemporaryDir data;
        const QString state = data.filePath(QStringLiteral("tenant.json"));
        EmulatorProcess emulator({QStringLiteral("--mailboxes"), QStringLiteral("300"),
                                  QStringLiteral("--concealed-names"), QStringLiteral("--no-entra-p1"),
                                  QStringLiteral("--state-file"), state});
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        const auto truth = emulator.truth();
        QVERIFY(truth);
        const QStringList profile = {QStringLiteral("--data-dir"), data.path(), QStringLiteral("--profile"),
                                     E2eHelpers::uniqueProfileName(QStringLiteral("e2e-readiness-report"))};
        QString browserProblem;
        const CliRun signIn = E2eHelpers::signInLikeABrowser(
            profile + E2eHelpers::signInArguments(emulator, QStringLiteral("admin")), &browserProblem);
        QVERIFY2(browserProblem.isEmpty() && signIn.exitCode == 0,
                 qPrintable(browserProblem + signIn.describe()));

        const CliRun run =
            CliProcess::run(profile + QStringList{QStringLiteral("readiness"), QStringLiteral("--format"),
                                                  QStringLiteral("json")},
                            std::chrono::seconds(120));
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        const QJsonObject json = QJsonDocument::fromJson(run.standardOutput).object();
        QVERIFY2(readinessShapeProblem(json).isEmpty(), qPrintable(readinessShapeProblem(json)));
        QCOMPARE(sourceState(json, QStringLiteral("usage-report")), QStringLiteral("unavailable"));
        QVERIFY2(sourceDetail(json, QStringLiteral("usage-report")).contains(QLatin1String("concealed")),
                 qPrintable(sourceDetail(json, QStringLiteral("usage-report"))));
        QCOMPARE(sourceState(json, QStringLiteral("sign-in-logs")), QStringLiteral("unavailable"));
        QVERIFY2(sourceDetail(json, QStringLiteral("sign-in-logs")).contains(QLatin1String("Entra ID P1")),
                 qPrintable(sourceDetail(json, QStringLiteral("sign-in-logs"))));
        QCOMPARE(sourceState(json, QStringLiteral("smtp-auth-report")), QStringLiteral("not-given"));
        const QJsonObject counts = json.value(QLatin1String("counts")).toObject();
        QCOMPARE(counts.value(QLatin1String("unknown")).toInt(), int(truth->mailboxes.size()));
        QCOMPARE(countSum(json), int(truth->mailboxes.size()));
        QVERIFY2(run.standardError.contains("usage-report unavailable") &&
                     run.standardError.contains("sign-in-logs unavailable"),
                 qPrintable(run.describe()));

        // The EAC report of this very tenant is enough on its own: no mailbox is unknown any more.
        const QString report = data.filePath(QStringLiteral("smtp-auth-clients.csv"));
        QProcess writer;
        writer.start(EmulatorProcess::binaryPath(),
                     {QStringLiteral("--state-file"), state, QStringLiteral("--write-smtp-report"), report});
        QVERIFY(writer.waitForFinished(120000));
        QVERIFY2(writer.exitStatus() == QProcess::NormalExit && writer.exitCode() == 0,
                 writer.readAllStandardError().constData());
        const CliRun withReport = CliProcess::run(
            profile + QStringList{QStringLiteral("readiness"), QStringLiteral("--format"),
                                  QStringLiteral("json"), QStringLiteral("--smtp-report"), report},
            std::chrono::seconds(120));
        QVERIFY2(withReport.exitCode == 0, qPrintable(withReport.describe()));
        const QJsonObject imported = QJsonDocument::fromJson(withReport.standardOutput).object();
        QCOMPARE(sourceState(imported, QStringLiteral("smtp-auth-report")), QStringLiteral("read"));
        QCOMPARE(imported.value(QLatin1String("counts")).toObject().value(QLatin1String("unknown")).toInt(),
                 0);
        // Senders without a mailbox (the emulator's relay and LOB accounts) are counted apart, never dropped.
        QNetworkAccessManager network;
        QUrl usageUrl = emulator.baseUrl();
        usageUrl.setPath(QStringLiteral("/_emulator/usage"));
        usageUrl.setQuery(QStringLiteral("all=true"));
        QNetworkRequest usageRequest(usageUrl);
        usageRequest.setRawHeader("X-Emulator-Control", emulator.controlKey().toUtf8());
        const auto usage = EmulatorUsageTruth::fromJson(SyncHttp::get(&network, usageRequest).json());
        QVERIFY(usage);
        int orphanSenders = 0;
        for (const EmulatorUsageTruth::User &user : usage->users)
            orphanSenders += !user.hasMailbox && !user.reportProtocols.isEmpty() ? 1 : 0;
        QVERIFY(orphanSenders > 0);
        QCOMPARE(imported.value(QLatin1String("unmatched"))
                     .toObject()
                     .value(QLatin1String("smtp-auth-report"))
                     .toInt(),
                 orphanSenders);
        // Senders named by a secondary smtp: address (readiness.md §2) were joined through the mailboxes'
        // EmailAddresses: their mailbox carries exactly the report's protocols, and the source says how many.
        QHash<QString, QStringList> protocolsByGuid;
        for (const QJsonValue &value : imported.value(QLatin1String("mailboxes")).toArray()) {
            QStringList names;
            for (const QJsonValue &name : value.toObject().value(QLatin1String("reportProtocols")).toArray())
                names.append(name.toString());
            protocolsByGuid.insert(value.toObject().value(QLatin1String("guid")).toString(), names);
        }
        int bySecondary = 0;
        for (const EmulatorUsageTruth::User &user : usage->users) {
            if (!user.hasMailbox || user.reportProtocols.isEmpty() ||
                user.reportSender.compare(user.primarySmtpAddress, Qt::CaseInsensitive) == 0)
                continue;
            ++bySecondary;
            QStringList expected = user.reportProtocols;
            QStringList got = protocolsByGuid.value(user.guid.toString(QUuid::WithoutBraces));
            expected.sort();
            got.sort();
            QCOMPARE(got, expected);
        }
        QVERIFY(bySecondary > 0);
        const QString detail = sourceDetail(imported, QStringLiteral("smtp-auth-report"));
        QVERIFY2(
            detail.contains(
                QStringLiteral("%1 senders matched by another SMTP address of the mailbox").arg(bySecondary)),
            qPrintable(detail));
        QCOMPARE(countSum(imported), int(truth->mailboxes.size()));
    }
};

QTEST_GUILESS_MAIN(TestCliReadinessReportE2e)
#include "test_cli_readiness_report_e2e.moc"
