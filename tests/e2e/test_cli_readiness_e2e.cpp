// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// `smtpauth-cli why` and the readiness columns of `list`, with the real binaries: the readiness.md §4
// JSON for a demo mailbox, a mailbox that does not exist, `--basic-now`, and the Graph consent that is
// missing (exit 3 naming `signin --graph`, the rest still printed), then given with `signin --graph`
// (the browser played by the test), after which every layer is read.
#include "e2ehelpers.h"
#include "emulatorprocess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace smtpauth;
using namespace smtpauth::test;

namespace {

const QStringList kLayerIds = {QStringLiteral("smtp-auth-setting"), QStringLiteral("authentication-policy"),
                               QStringLiteral("security-defaults"), QStringLiteral("conditional-access"),
                               QStringLiteral("basic-retirement")};

// The shape of readiness.md §4, checked key by key: a script relies on every name.
QString whyShapeProblem(const QJsonObject &why)
{
    const QStringList top = why.keys();
    if (top != QStringList{QStringLiteral("layers"), QStringLiteral("mailbox"), QStringLiteral("verdict")})
        return QStringLiteral("top-level keys are %1").arg(top.join(QLatin1Char(',')));
    const QJsonObject mailbox = why.value(QLatin1String("mailbox")).toObject();
    for (const char *key : {"guid", "address", "displayName"}) {
        if (!mailbox.value(QLatin1String(key)).isString())
            return QStringLiteral("mailbox.%1 is not a string").arg(QLatin1String(key));
    }
    const QJsonObject verdict = why.value(QLatin1String("verdict")).toObject();
    const QStringList verdicts = {QStringLiteral("allowed"), QStringLiteral("blocked"),
                                  QStringLiteral("unknown")};
    for (const char *key : {"oauth", "basicNow", "basicAfterCutoff"}) {
        if (!verdicts.contains(verdict.value(QLatin1String(key)).toString()))
            return QStringLiteral("verdict.%1 is '%2'")
                .arg(QLatin1String(key), verdict.value(QLatin1String(key)).toString());
    }
    const QJsonValue decidedBy = verdict.value(QLatin1String("decidedBy"));
    if (!decidedBy.isNull() && !kLayerIds.contains(decidedBy.toString()))
        return QStringLiteral("verdict.decidedBy is '%1'").arg(decidedBy.toString());
    if (verdict.keys().size() != 4)
        return QStringLiteral("verdict has keys %1").arg(verdict.keys().join(QLatin1Char(',')));
    const QJsonArray layers = why.value(QLatin1String("layers")).toArray();
    if (layers.size() != kLayerIds.size())
        return QStringLiteral("%1 layers").arg(layers.size());
    for (int i = 0; i < layers.size(); ++i) {
        const QJsonObject layer = layers.at(i).toObject();
        if (layer.value(QLatin1String("layer")).toString() != kLayerIds.at(i))
            return QStringLiteral("layer %1 is '%2'")
                .arg(i)
                .arg(layer.value(QLatin1String("layer")).toString());
        const QStringList effects = {QStringLiteral("allows"), QStringLiteral("blocks"),
                                     QStringLiteral("blocks-some"), QStringLiteral("unknown")};
        if (!effects.contains(layer.value(QLatin1String("effect")).toString()))
            return QStringLiteral("effect of %1 is '%2'")
                .arg(kLayerIds.at(i), layer.value(QLatin1String("effect")).toString());
        const QString appliesTo = layer.value(QLatin1String("appliesTo")).toString();
        if (appliesTo != (i == 0 ? QLatin1String("all") : QLatin1String("basic")))
            return QStringLiteral("appliesTo of %1 is '%2'").arg(kLayerIds.at(i), appliesTo);
        if (layer.value(QLatin1String("detail")).toString().isEmpty())
            return QStringLiteral("%1 has no detail").arg(kLayerIds.at(i));
    }
    return {};
}

QString layerEffect(const QJsonObject &why, const QString &id)
{
    for (const QJsonValue &layer : why.value(QLatin1String("layers")).toArray()) {
        if (layer.toObject().value(QLatin1String("layer")).toString() == id)
            return layer.toObject().value(QLatin1String("effect")).toString();
    }
    return {};
}

} // namespace

class TestCliReadinessE2e : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dataDir;

    CliRun demo(const QStringList &command)
    {
        return CliProcess::run(
            QStringList{QStringLiteral("--demo"), QStringLiteral("--data-dir"), m_dataDir.path()} + command);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo(CliProcess::binaryPath()).isExecutable(),
                 "SMTPAUTH_CLI must name the smtpauth-cli binary");
        QVERIFY(m_dataDir.isValid());
    }

    void whyPrintsTheContractObjectForDemoMailboxes()
    {
        const CliRun list = demo({QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("csv")});
        QVERIFY2(list.exitCode == 0, qPrintable(list.describe()));
        const QList<QStringList> rows = E2eHelpers::parseCsv(list.standardOutput);
        QVERIFY(rows.size() > 100);
        const QStringList header = rows.first();
        QCOMPARE(header.mid(header.size() - 2),
                 (QStringList{QStringLiteral("basicNow"), QStringLiteral("decidedBy")}));
        const int addressColumn = int(header.indexOf(QStringLiteral("primarySmtpAddress")));
        const int basicNowColumn = int(header.indexOf(QStringLiteral("basicNow")));
        const int decidedByColumn = int(header.indexOf(QStringLiteral("decidedBy")));

        // One mailbox per deciding layer the demo shows (and one that Basic reaches), each explained by `why`
        // exactly as `list` summarised it.
        QHash<QString, QString> sample; // decidedBy (or "allowed") -> address
        for (const QStringList &row : rows.mid(1)) {
            const QString key = row.at(basicNowColumn) == QLatin1String("allowed") ? QStringLiteral("allowed")
                                                                                   : row.at(decidedByColumn);
            if (!sample.contains(key))
                sample.insert(key, row.at(addressColumn));
        }
        for (const QString &key :
             {QStringLiteral("allowed"), QStringLiteral("smtp-auth-setting"),
              QStringLiteral("authentication-policy"), QStringLiteral("conditional-access")})
            QVERIFY2(sample.contains(key), qPrintable(QStringLiteral("no demo mailbox decided by ") + key));

        for (auto it = sample.cbegin(); it != sample.cend(); ++it) {
            const CliRun why =
                demo({QStringLiteral("why"), it.value(), QStringLiteral("--format"), QStringLiteral("json")});
            QVERIFY2(why.exitCode == 0, qPrintable(why.describe()));
            QJsonParseError error;
            const QJsonDocument document = QJsonDocument::fromJson(why.standardOutput, &error);
            QVERIFY2(document.isObject(), qPrintable(error.errorString()));
            const QJsonObject object = document.object();
            const QString problem = whyShapeProblem(object);
            QVERIFY2(problem.isEmpty(), qPrintable(it.value() + QStringLiteral(": ") + problem));
            QCOMPARE(
                object.value(QLatin1String("mailbox")).toObject().value(QLatin1String("address")).toString(),
                it.value());
            const QJsonObject verdict = object.value(QLatin1String("verdict")).toObject();
            if (it.key() == QLatin1String("allowed") || it.key().isEmpty()) {
                // Nothing blocks: allowed, or unknown (a layer that could not be decided for it).
                QCOMPARE(verdict.value(QLatin1String("basicNow")).toString(),
                         it.key().isEmpty() ? QStringLiteral("unknown") : QStringLiteral("allowed"));
                QVERIFY(verdict.value(QLatin1String("decidedBy")).isNull());
            } else {
                QCOMPARE(verdict.value(QLatin1String("decidedBy")).toString(), it.key());
                QCOMPARE(verdict.value(QLatin1String("basicNow")).toString(), QStringLiteral("blocked"));
            }
            // Microsoft's retirement decides after the cutoff if nothing blocks earlier.
            QCOMPARE(verdict.value(QLatin1String("basicAfterCutoff")).toString(), QStringLiteral("blocked"));
        }
    }

    void whyOfAnUnknownMailboxNamesIt()
    {
        const CliRun why = demo({QStringLiteral("why"), QStringLiteral("nobody@nowhere.example")});
        QCOMPARE(why.exitCode, 2);
        QVERIFY2(why.standardError.contains("nobody@nowhere.example"), qPrintable(why.describe()));
        QVERIFY(why.standardOutput.isEmpty());
    }

    void whyNeedsOneMailbox()
    {
        QCOMPARE(demo({QStringLiteral("why")}).exitCode, 2);
        QCOMPARE(demo({QStringLiteral("why"), QStringLiteral("a@b"), QStringLiteral("c@d")}).exitCode, 2);
    }

    void listFiltersOnBasicNow()
    {
        const CliRun all = demo({QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(all.exitCode == 0, qPrintable(all.describe()));
        const QJsonArray everyone =
            QJsonDocument::fromJson(all.standardOutput).object().value(QLatin1String("mailboxes")).toArray();
        int allowed = 0;
        for (const QJsonValue &mailbox : everyone)
            allowed +=
                mailbox.toObject().value(QLatin1String("basicNow")).toString() == QLatin1String("allowed");
        QVERIFY(allowed > 0);
        const CliRun filtered =
            demo({QStringLiteral("list"), QStringLiteral("--basic-now"), QStringLiteral("allowed"),
                  QStringLiteral("--format"), QStringLiteral("json")});
        QVERIFY2(filtered.exitCode == 0, qPrintable(filtered.describe()));
        const QJsonArray shown = QJsonDocument::fromJson(filtered.standardOutput)
                                     .object()
                                     .value(QLatin1String("mailboxes"))
                                     .toArray();
        QCOMPARE(shown.size(), allowed);
        for (const QJsonValue &mailbox : shown) {
            QCOMPARE(mailbox.toObject().value(QLatin1String("basicNow")).toString(),
                     QStringLiteral("allowed"));
            QVERIFY(mailbox.toObject().value(QLatin1String("decidedBy")).isNull());
        }
        const CliRun bad =
            demo({QStringLiteral("list"), QStringLiteral("--basic-now"), QStringLiteral("maybe")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY(bad.standardError.contains("--basic-now"));
    }

    void missingConsentExitsThreeThenSigninGraphGivesIt()
    {
        if (!E2eHelpers::hasSessionBus())
            QFAIL(E2eHelpers::noSessionBusMessage());
        EmulatorProcess emulator(
            {QStringLiteral("--mailboxes"), QStringLiteral("200"), QStringLiteral("--no-graph-consent")});
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        const auto truth = emulator.truth();
        QVERIFY(truth);
        QTemporaryDir data;
        const QStringList profile = {QStringLiteral("--data-dir"), data.path(), QStringLiteral("--profile"),
                                     E2eHelpers::uniqueProfileName(QStringLiteral("e2e-readiness"))};
        QString browserProblem;
        const CliRun signIn = E2eHelpers::signInLikeABrowser(
            profile + E2eHelpers::signInArguments(emulator, QStringLiteral("admin")), &browserProblem);
        QVERIFY2(browserProblem.isEmpty() && signIn.exitCode == 0,
                 qPrintable(browserProblem + signIn.describe()));

        const QString address = truth->mailboxes.constFirst().primarySmtpAddress;
        const CliRun before =
            CliProcess::run(profile + QStringList{QStringLiteral("why"), address, QStringLiteral("--format"),
                                                  QStringLiteral("json")});
        QCOMPARE(before.exitCode, 3);
        QVERIFY2(before.standardError.contains("signin --graph"), qPrintable(before.describe()));
        const QJsonObject partial = QJsonDocument::fromJson(before.standardOutput).object();
        QVERIFY2(whyShapeProblem(partial).isEmpty(), qPrintable(whyShapeProblem(partial)));
        QCOMPARE(layerEffect(partial, QStringLiteral("conditional-access")), QStringLiteral("unknown"));
        QCOMPARE(layerEffect(partial, QStringLiteral("security-defaults")), QStringLiteral("unknown"));
        QVERIFY(layerEffect(partial, QStringLiteral("authentication-policy")) !=
                QLatin1String("unknown")); // Exchange read

        const CliRun consent = E2eHelpers::signInLikeABrowser(
            profile + QStringList{QStringLiteral("signin"), QStringLiteral("--graph"),
                                  QStringLiteral("--no-browser")},
            &browserProblem);
        QVERIFY2(browserProblem.isEmpty() && consent.exitCode == 0,
                 qPrintable(browserProblem + consent.describe()));
        QVERIFY2(consent.standardError.contains("Policy.Read.All"),
                 "the permissions are listed with what each is for");

        const CliRun after =
            CliProcess::run(profile + QStringList{QStringLiteral("why"), address, QStringLiteral("--format"),
                                                  QStringLiteral("json")});
        QVERIFY2(after.exitCode == 0, qPrintable(after.describe()));
        const QJsonObject full = QJsonDocument::fromJson(after.standardOutput).object();
        QVERIFY(layerEffect(full, QStringLiteral("conditional-access")) != QLatin1String("unknown"));
        QCOMPARE(layerEffect(full, QStringLiteral("security-defaults")), QStringLiteral("allows"));
    }
};

QTEST_GUILESS_MAIN(TestCliReadinessE2e)
#include "test_cli_readiness_e2e.moc"
