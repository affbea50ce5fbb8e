// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// P9: the Readiness tab's search and class filter at tenant scale, on the real ReadinessTableModel over a
// real ReadinessReport. The report is built by ReadinessReport::build from the same synthetic tenant as
// P3 (the emulator's generator) and synthetic usage evidence: a usage report (SMTP App used) and Basic
// sign-ins (successes and failures) for shares of the mailboxes, and Basic-now verdicts of which some
// block, so that every class a single report can hold appears (readiness.md §3: `unknown` needs no
// source read at all and `unclear-auth` sources that cannot tell Basic from OAuth, both tenant-wide).
// Types realistic names letter by letter into setSearchText (then clears the box), and switches the
// class filter to each class and back, timing each step with what a view does right after (the row
// count and the data of the first screenful), as P3 does.
//
//   bench_readinesstable --mailboxes 100000 [--names 6] [--verbose]
#include "benchsupport.h"
#include "models/cutoffcalendar.h"
#include "models/emailappusagereport.h"
#include "models/mailboxtablemodel.h"
#include "models/readinessreport.h"
#include "models/readinesstablemodel.h"
#include "models/signinaggregate.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>
#include <cstdio>

using namespace smtpauth;
using namespace smtpauth::bench;

namespace {

bool g_verbose = false;

double timed(const ReadinessTableModel &table, const std::function<void()> &step,
             const QString &what = QString())
{
    return timedViewStep(table, step, what, g_verbose);
}

quint64 mix(quint64 x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

QByteArray csvField(const QString &value)
{
    QByteArray text = value.toUtf8();
    text.replace('"', "\"\"");
    return '"' + text + '"';
}

// A usage report in Graph's columns (graph-protocol.md §4) with the rows whose SMTP App was used.
QByteArray usageCsv(const MailboxStore &store, const QList<int> &smtpRows)
{
    static const QStringList kColumns{QStringLiteral("Report Refresh Date"),
                                      QStringLiteral("User Principal Name"),
                                      QStringLiteral("Display Name"),
                                      QStringLiteral("Is Deleted"),
                                      QStringLiteral("Deleted Date"),
                                      QStringLiteral("Last Activity Date"),
                                      QStringLiteral("Mail For Mac"),
                                      QStringLiteral("Outlook For Mac"),
                                      QStringLiteral("Outlook For Windows"),
                                      QStringLiteral("Outlook For Mobile"),
                                      QStringLiteral("Other For Mobile"),
                                      QStringLiteral("Outlook For Web"),
                                      QStringLiteral("POP3 App"),
                                      QStringLiteral("IMAP4 App"),
                                      QStringLiteral("SMTP App"),
                                      QStringLiteral("Report Period")};
    QByteArray out = "\xEF\xBB\xBF";
    QByteArrayList header;
    for (const QString &column : kColumns)
        header.append(csvField(column));
    out += header.join(',') + "\r\n";
    for (int row : smtpRows) {
        QByteArrayList fields{"2026-12-06",
                              csvField(store.primarySmtpAddress(row).toString()),
                              csvField(store.displayName(row).toString()),
                              "False",
                              "",
                              "2026-12-05"};
        for (int app = 0; app < 8; ++app)
            fields.append("");
        fields.append("Yes");
        fields.append("30");
        out += fields.join(',') + "\r\n";
    }
    return out;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = app.arguments();
    const int mailboxes = intArgument(arguments, QStringLiteral("--mailboxes"), 100000);
    const int names = qMax(1, intArgument(arguments, QStringLiteral("--names"), 6));
    g_verbose = arguments.contains(QStringLiteral("--verbose"));

    QElapsedTimer setup;
    setup.start();
    MailboxTableModel model;
    model.replaceAll(syntheticTenant(mailboxes), OrgSetting::Disabled);
    const MailboxStore &store = model.store();

    // The evidence: 8 % Basic sign-ins (a quarter of them failing only), 12 % SMTP App without them.
    SignInAggregate signIns;
    QList<int> smtpRows;
    QList<PackedVerdict> basicNow;
    basicNow.reserve(mailboxes);
    const qint64 nowMs = QDateTime(QDate(2026, 12, 6), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch();
    QJsonArray page;
    for (int row = 0; row < mailboxes; ++row) {
        const quint64 h = mix(quint64(row));
        // One mailbox in six is blocked now by a Basic layer; the switch decides the rest.
        basicNow.append((h >> 8) % 6 == 0 ? PackedVerdict(Verdict::Blocked,
                                                          ReadinessLayer::AuthenticationPolicy, std::nullopt)
                                          : PackedVerdict(Verdict::Allowed, std::nullopt, std::nullopt));
        const int share = int(h % 100);
        if (share < 8) {
            const bool failingOnly = share < 2;
            const int records = 1 + int((h >> 20) % 5);
            for (int r = 0; r < records; ++r) {
                const QString when = QDateTime::fromMSecsSinceEpoch(
                                         nowMs - qint64((h >> (24 + r)) % 86400000) * (r + 1), Qt::UTC)
                                         .toString(Qt::ISODateWithMs);
                page.append(QJsonObject{
                    {QStringLiteral("userId"),
                     store.externalDirectoryObjectId(row).toString(QUuid::WithoutBraces)},
                    {QStringLiteral("userPrincipalName"), store.primarySmtpAddress(row).toString()},
                    {QStringLiteral("createdDateTime"), when},
                    {QStringLiteral("ipAddress"),
                     QStringLiteral("198.51.100.%1").arg((h >> (32 + r)) % 4 + 1)},
                    {QStringLiteral("status"),
                     QJsonObject{
                         {QStringLiteral("errorCode"), failingOnly ? 50126 : 0},
                         {QStringLiteral("failureReason"),
                          failingOnly
                              ? QStringLiteral(
                                    "Error validating credentials due to invalid username or password.")
                              : QStringLiteral("Other.")}}},
                });
            }
            if (page.size() >= 1000) {
                signIns.addPage(page);
                page = QJsonArray();
            }
        } else if (share < 20) {
            smtpRows.append(row);
        }
    }
    if (!page.isEmpty())
        signIns.addPage(page);
    const EmailAppUsageReport usage = EmailAppUsageReport::parse(usageCsv(store, smtpRows));
    if (!usage.ok()) {
        printResult(QJsonObject{
            {QStringLiteral("scenario"), QStringLiteral("P9")},
            {QStringLiteral("error"), QString(QStringLiteral("synthetic usage report: ") + usage.error())}});
        return 1;
    }
    UsageEvidence evidence;
    evidence.usageReport = &usage;
    evidence.usageReportStatus = SourceStatus::read();
    evidence.signIns = &signIns;
    evidence.signInStatus = SourceStatus::read();
    const CutoffCalendar calendar(QDate(2026, 12, 31),
                                  [] { return QDateTime(QDate(2026, 12, 7), QTime(12, 0), Qt::UTC); });
    auto report = std::make_shared<const ReadinessReport>(
        ReadinessReport::build(store, model.orgSetting(), basicNow, nullptr, evidence, calendar));
    const double buildDoneMs = double(setup.nsecsElapsed()) / 1e6;

    ReadinessTableModel table(&model);
    table.setReport(report, &signIns);
    // As the tab shows it: by urgency.
    table.sort(ReadinessTableModel::ClassColumn, Qt::AscendingOrder);
    touchLikeAView(table);
    const double setupMs = double(setup.nsecsElapsed()) / 1e6;

    QJsonObject counts;
    int classesPresent = 0;
    for (ReadinessClass readinessClass : kReadinessClasses) {
        counts.insert(machineName(readinessClass), report->count(readinessClass));
        classesPresent += report->count(readinessClass) > 0 ? 1 : 0;
    }

    const QStringList words =
        wordsSpreadOver(mailboxes, names, [&](int row) { return store.displayName(row).toString(); });
    TypingTimes typing;
    auto typeWords = [&] {
        typeAndClear(
            table, words, [&](const QString &text) { table.setSearchText(text); }, g_verbose, &typing);
    };
    typeWords();

    QList<double> toggles;
    for (int round = 0; round < 3; ++round) {
        for (ReadinessClass readinessClass : kReadinessClasses) {
            toggles.append(timed(
                table, [&] { table.setClassFilter(readinessClass); }, machineName(readinessClass)));
            toggles.append(timed(
                table, [&] { table.setClassFilter(std::nullopt); }, QStringLiteral("(all classes)")));
        }
    }
    // A search inside a class filter, as when one looks for a printer among the breaking ones.
    table.setClassFilter(ReadinessClass::BreaksAtCutoff);
    typeWords();
    table.setClassFilter(std::nullopt);

    const QList<double> &keystrokes = typing.keystrokes;
    const QList<double> &clears = typing.clears;
    const QList<double> all = keystrokes + clears + toggles;
    printResult(QJsonObject{
        {QStringLiteral("scenario"), QStringLiteral("P9")},
        {QStringLiteral("mailboxes"), mailboxes},
        {QStringLiteral("reportBuildMs"), buildDoneMs},
        {QStringLiteral("setupMs"), setupMs},
        {QStringLiteral("rows"), int(report->rows().size())},
        {QStringLiteral("classCounts"), counts},
        {QStringLiteral("classesPresent"), classesPresent},
        {QStringLiteral("words"), QJsonArray::fromStringList(words)},
        {QStringLiteral("keystrokeMs"), summary(keystrokes)},
        {QStringLiteral("clearMs"), summary(clears)},
        {QStringLiteral("toggleMs"), summary(toggles)},
        {QStringLiteral("allMs"), summary(all)},
    });
    return 0;
}
