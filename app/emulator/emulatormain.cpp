// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// smtpauth-emulator: the demo tenant as a standalone process, for e2e tests, benchmarks and demos.
#include "emulator/emulatorserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <cstdio>

using namespace smtpauth;

namespace {

bool parseFraction(const QString &text, double *out)
{
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || value < 0.0 || value > 1.0)
        return false;
    *out = value;
    return true;
}

bool parseCount(const QString &text, int minimum, int *out)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    if (!ok || value < minimum)
        return false;
    *out = value;
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("smtpauth-emulator"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SMTPAUTH_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Embedded demo tenant: an Exchange Online InvokeCommand API, Microsoft Graph (readiness "
        "data) and Microsoft identity platform emulator on 127.0.0.1 with a seeded synthetic tenant."));
    parser.addHelpOption();
    parser.addVersionOption();
    const auto option = [&parser](const char *name, const char *description, const char *valueName,
                                  const QString &defaultValue = QString()) {
        QCommandLineOption o(QString::fromLatin1(name), QString::fromUtf8(description),
                             QString::fromLatin1(valueName), defaultValue);
        parser.addOption(o);
        return o;
    };
    const EmulatorOptions defaults;
    const auto port = option("port", "TCP port on 127.0.0.1 (0 = any free port).", "N", QStringLiteral("0"));
    const auto mailboxes = option("mailboxes", "Number of seeded mailboxes.", "N", QStringLiteral("2000"));
    const auto seed = option("seed", "Seed of the synthetic tenant.", "N", QStringLiteral("1"));
    const auto domain = option("tenant-domain", "Initial domain of the tenant.", "D", defaults.tenantDomain);
    const auto org = option("org", "Organization SMTP AUTH value: enabled or disabled.", "enabled|disabled",
                            QStringLiteral("disabled"));
    const auto overrideShare =
        option("override-share", "Fraction (0..1) of mailboxes with an explicit override.", "F",
               QStringLiteral("0.1"));
    const auto pageSize =
        option("page-size", "Server maximum page size (1..1000).", "N", QStringLiteral("1000"));
    const auto latency =
        option("latency-ms", "Latency added to every API response.", "N", QStringLiteral("0"));
    const auto concurrency =
        option("concurrency-limit", "Requests in flight per tenant before 429 (0 = unlimited).", "N",
               QStringLiteral("0"));
    const auto rate429 =
        option("rate-429", "Fraction of API requests answered 429.", "F", QStringLiteral("0"));
    const auto retryAfterShare = option(
        "retry-after-share", "Fraction of 429 answers that carry Retry-After.", "F", QStringLiteral("0.5"));
    const auto rate503 =
        option("rate-503", "Fraction of API requests answered 503.", "F", QStringLiteral("0"));
    const auto dropRate =
        option("drop-rate", "Fraction of API connections closed without answer.", "F", QStringLiteral("0"));
    const auto tokenLifetime =
        option("token-lifetime", "Access token lifetime in seconds.", "S", QStringLiteral("3600"));
    const auto nextLinkExpiry =
        option("nextlink-expiry", "Lifetime of @odata.nextLink in seconds.", "S", QStringLiteral("1800"));
    const auto clientId = option("client-id", "Only accept this client id (default: any).", "ID");
    const auto stateFile = option(
        "state-file",
        "Load the tenant from this JSON file if it exists, else seed it; save after every change.", "PATH");
    const auto controlKey = option(
        "control-key",
        "Enable the /_emulator/ test-control endpoints with this key (header X-Emulator-Control). "
        "POST faults {\"script\":[step,...]}: a step (status, retryAfter, drop, truncateBody, delayMs, "
        "body, target) spoils the next matching API request; \"hold\":true parks its answer until "
        "POST release {\"id\":N} or {\"all\":true}; GET holds lists the parked requests.",
        "KEY");
    // The directory of a newly seeded tenant; a tenant loaded from --state-file keeps its own.
    const auto securityDefaults =
        option("security-defaults", "Entra security defaults of a new tenant: on or off.", "on|off",
               QStringLiteral("off"));
    const QCommandLineOption noGraphConsent(
        QStringLiteral("no-graph-consent"),
        QStringLiteral(
            "Nobody has consented to the app's Graph permissions yet (AADSTS65001 until /authorize)."));
    const QCommandLineOption noEntraP1(
        QStringLiteral("no-entra-p1"),
        QStringLiteral("No Entra ID P1: Conditional Access and sign-in logs answer 403."));
    const QCommandLineOption noAuthPolicies(
        QStringLiteral("no-auth-policies"),
        QStringLiteral(
            "The tenant never used authentication policies (Get-AuthenticationPolicy: not found)."));
    const QCommandLineOption orgDefaultAsDn(
        QStringLiteral("org-default-policy-as-dn"),
        QStringLiteral(
            "Get-OrganizationConfig answers DefaultAuthenticationPolicy as a DN instead of a name."));
    parser.addOptions({noGraphConsent, noEntraP1, noAuthPolicies, orgDefaultAsDn});
    const auto caGroupSize =
        option("ca-group-size",
               "Members of each Conditional Access group (default: 2 % and 20 % of the mailboxes).", "N");
    // Usage evidence (graph-protocol.md §4–§6).
    const auto linkLifetime = option(
        "report-link-lifetime", "Lifetime of the usage report's pre-authenticated download URL in seconds.",
        "S", QString::number(defaults.reportLinkLifetimeSeconds));
    const auto expiredLinks =
        option("expired-report-links",
               "The first N download URLs issued answer 403 as expired (a client fetches a new one).", "N",
               QStringLiteral("0"));
    const QCommandLineOption concealedNames(
        QStringLiteral("concealed-names"),
        QStringLiteral("Reports conceal user names: reportSettings says so and the usage report holds 32-hex "
                       "pseudonyms."));
    const QCommandLineOption columnsMoved(
        QStringLiteral("report-columns-moved"),
        QStringLiteral("The usage report's columns come in another order."));
    parser.addOptions({concealedNames, columnsMoved});
    const auto signInRecords =
        option("sign-in-records", "Sign-in log size over the 30 days (0 = the seeded plan's natural count).",
               "N", QStringLiteral("0"));
    const auto signInsFailAfter =
        option("sign-ins-fail-after-pages", "After N sign-in pages every further page fails (0 = never).",
               "N", QStringLiteral("0"));
    const auto signInsFailureStatus = option(
        "sign-ins-failure-status", "Status of those failures: 500, 503 or 504.", "N", QStringLiteral("503"));
    const auto writeSmtpReport = option(
        "write-smtp-report",
        "Write the EAC \"SMTP AUTH clients\" CSV of the seeded (or --state-file) tenant to FILE and exit.",
        "FILE");
    parser.process(app);

    EmulatorOptions options;
    QStringList errors;
    int number = 0;
    if (parseCount(parser.value(port), 0, &number) && number <= 65535)
        options.port = quint16(number);
    else
        errors << QStringLiteral("--port must be 0..65535");
    if (!parseCount(parser.value(mailboxes), 0, &options.mailboxCount))
        errors << QStringLiteral("--mailboxes must be a non-negative integer");
    bool seedOk = false;
    options.seed = parser.value(seed).toULongLong(&seedOk);
    if (!seedOk)
        errors << QStringLiteral("--seed must be a non-negative integer");
    options.tenantDomain = parser.value(domain).trimmed().toLower();
    if (options.tenantDomain.isEmpty() || !options.tenantDomain.contains(QLatin1Char('.')))
        errors << QStringLiteral("--tenant-domain must be a domain name");
    if (!orgSettingFromName(parser.value(org), &options.org))
        errors << QStringLiteral("--org must be enabled or disabled");
    if (!parseFraction(parser.value(overrideShare), &options.overrideShare))
        errors << QStringLiteral("--override-share must be between 0 and 1");
    if (!parseCount(parser.value(pageSize), 1, &options.pageSize) || options.pageSize > 1000)
        errors << QStringLiteral("--page-size must be 1..1000");
    if (!parseCount(parser.value(latency), 0, &options.latencyMs))
        errors << QStringLiteral("--latency-ms must be a non-negative integer");
    if (!parseCount(parser.value(concurrency), 0, &options.concurrencyLimit))
        errors << QStringLiteral("--concurrency-limit must be a non-negative integer");
    if (!parseFraction(parser.value(rate429), &options.rate429))
        errors << QStringLiteral("--rate-429 must be between 0 and 1");
    if (!parseFraction(parser.value(retryAfterShare), &options.retryAfterShare))
        errors << QStringLiteral("--retry-after-share must be between 0 and 1");
    if (!parseFraction(parser.value(rate503), &options.rate503))
        errors << QStringLiteral("--rate-503 must be between 0 and 1");
    if (!parseFraction(parser.value(dropRate), &options.dropRate))
        errors << QStringLiteral("--drop-rate must be between 0 and 1");
    if (options.rate429 + options.rate503 + options.dropRate > 1.0)
        errors << QStringLiteral("--rate-429 + --rate-503 + --drop-rate must not exceed 1");
    if (!parseCount(parser.value(tokenLifetime), 1, &options.tokenLifetimeSeconds))
        errors << QStringLiteral("--token-lifetime must be a positive integer");
    if (!parseCount(parser.value(nextLinkExpiry), 1, &options.nextLinkExpirySeconds))
        errors << QStringLiteral("--nextlink-expiry must be a positive integer");
    const QString defaultsValue = parser.value(securityDefaults).toLower();
    if (defaultsValue == QLatin1String("on"))
        options.securityDefaults = true;
    else if (defaultsValue != QLatin1String("off"))
        errors << QStringLiteral("--security-defaults must be on or off");
    options.graphConsentGranted = !parser.isSet(noGraphConsent);
    options.entraP1 = !parser.isSet(noEntraP1);
    options.authenticationPoliciesUsed = !parser.isSet(noAuthPolicies);
    options.orgDefaultPolicyAsDn = parser.isSet(orgDefaultAsDn);
    if (parser.isSet(caGroupSize) && !parseCount(parser.value(caGroupSize), 0, &options.caGroupSize))
        errors << QStringLiteral("--ca-group-size must be a non-negative integer");
    if (!parseCount(parser.value(linkLifetime), 1, &options.reportLinkLifetimeSeconds))
        errors << QStringLiteral("--report-link-lifetime must be a positive integer");
    if (!parseCount(parser.value(expiredLinks), 0, &options.expiredReportLinks))
        errors << QStringLiteral("--expired-report-links must be a non-negative integer");
    options.concealedReportNames = parser.isSet(concealedNames);
    options.reportColumnsMoved = parser.isSet(columnsMoved);
    bool recordsOk = false;
    options.signInRecordCount = parser.value(signInRecords).toLongLong(&recordsOk);
    if (!recordsOk || options.signInRecordCount < 0 || options.signInRecordCount > 100000000)
        errors << QStringLiteral("--sign-in-records must be 0..100000000");
    if (!parseCount(parser.value(signInsFailAfter), 0, &options.signInsFailAfterPages))
        errors << QStringLiteral("--sign-ins-fail-after-pages must be a non-negative integer");
    if (!parseCount(parser.value(signInsFailureStatus), 500, &options.signInsFailureStatus) ||
        (options.signInsFailureStatus != 500 && options.signInsFailureStatus != 503 &&
         options.signInsFailureStatus != 504))
        errors << QStringLiteral("--sign-ins-failure-status must be 500, 503 or 504");
    options.clientId = parser.value(clientId);
    options.stateFile = parser.value(stateFile);
    options.controlKey = parser.value(controlKey);
    if (!errors.isEmpty()) {
        for (const QString &error : std::as_const(errors))
            std::fprintf(stderr, "smtpauth-emulator: %s\n", qUtf8Printable(error));
        return 2;
    }

    EmulatorServer server(options);
    QString why;
    if (parser.isSet(writeSmtpReport)) {
        if (!server.writeSmtpAuthClientsReport(parser.value(writeSmtpReport), &why)) {
            std::fprintf(stderr, "smtpauth-emulator: cannot write %s: %s\n",
                         qUtf8Printable(parser.value(writeSmtpReport)), qUtf8Printable(why));
            return 1;
        }
        return 0;
    }
    if (!server.start(&why)) {
        std::fprintf(stderr, "smtpauth-emulator: %s\n", qUtf8Printable(why));
        return 1;
    }
    // Exactly one line on stdout: tests and scripts parse the port from it.
    std::fprintf(stdout, "smtpauth-emulator listening on http://127.0.0.1:%u\n", unsigned(server.port()));
    std::fflush(stdout);
    return app.exec();
}
