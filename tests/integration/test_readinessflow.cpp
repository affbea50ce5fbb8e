// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// The readiness layers read by the client (DirectoryLoader over the real InvokeCommand and Graph clients,
// one token per audience) from a real smtpauth-emulator process, and judged by ReadinessEvaluator: every
// source read, and each way a source can fail leaving its layer unknown with the server's reason while
// the rest keeps working (the list of bad input and failures).
#include "auth/tokenprovider.h"
#include "emulatordirectorytruth.h"
#include "emulatorprocess.h"
#include "engine/directoryloader.h"
#include "engine/graphconsent.h"
#include "exchange/invokecommandclient.h"
#include "graph/graphclient.h"
#include "models/readinessevaluator.h"
#include "models/tenantdirectory.h"
#include "signedinclient.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <memory>

using namespace smtpauth;
using namespace smtpauth::test;

namespace {

const QDate kBeforeCutoff(2026, 12, 7);

// One signed-in admin with both clients (Exchange and Graph) on the same sign-in.
struct Reader
{
    explicit Reader(EmulatorProcess &emulator, const QString &alias = QStringLiteral("admin"))
        : signedIn(emulator, emulator.userPrincipalName(alias))
    {
    }
    bool signIn()
    {
        if (!signedIn.signIn())
            return false;
        graph = std::make_unique<GraphClient>(signedIn.network(), signedIn.client()->endpoint().apiBase,
                                              signedIn.tokens()->graphTokens(),
                                              SignedInClient::fastClientOptions());
        return true;
    }
    // Reads every source; the loader stays for its flags.
    std::shared_ptr<TenantDirectory> read()
    {
        loader = std::make_unique<DirectoryLoader>(signedIn.client(), graph.get());
        QSignalSpy finished(loader.get(), &DirectoryLoader::finished);
        loader->start();
        if (!finished.wait(60000))
            qWarning("the directory read did not finish");
        return loader->directory();
    }

    SignedInClient signedIn;
    std::unique_ptr<GraphClient> graph;
    std::unique_ptr<DirectoryLoader> loader;
};

EmulatorDirectoryTruth directoryTruth(EmulatorProcess &emulator)
{
    QString problem;
    const auto truth = EmulatorDirectoryTruth::fromJson(emulator.directory(), &problem);
    if (!truth)
        qFatal("the emulator's directory truth is unreadable: %s", qPrintable(problem));
    return *truth;
}

EmulatorDirectoryTruth::Group groupNamed(const EmulatorDirectoryTruth &directory, const QString &name)
{
    for (const EmulatorDirectoryTruth::Group &group : directory.groups) {
        if (group.displayName == name)
            return group;
    }
    return {};
}

// The first mailbox whose user's own policy reference satisfies `matches`.
std::optional<EmulatorTruth::Mailbox>
mailboxWithPolicyRef(const EmulatorTruth &truth, const EmulatorDirectoryTruth &directory,
                     const std::function<bool(const QString &)> &matches)
{
    for (const EmulatorDirectoryTruth::User &user : directory.users) {
        if (user.hasMailbox && user.authenticationPolicy && matches(*user.authenticationPolicy))
            return truth.mailbox(user.guid);
    }
    return std::nullopt;
}

MailboxReadiness explain(const TenantDirectory &directory, const EmulatorTruth::Mailbox &mailbox,
                         Override value = Override::Enabled)
{
    const ReadinessEvaluator evaluator(directory, kBeforeCutoff);
    return evaluator.evaluate(value, OrgSetting::Disabled, mailbox.guid, mailbox.externalDirectoryObjectId,
                              mailbox.primarySmtpAddress);
}

} // namespace

class TestReadinessFlow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everySourceIsReadAndEachLayerDecides()
    {
        EmulatorProcess emulator({QStringLiteral("--mailboxes"), QStringLiteral("400")});
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        const auto truth = emulator.truth();
        QVERIFY(truth);
        const EmulatorDirectoryTruth seeded = directoryTruth(emulator);
        Reader reader(emulator);
        QVERIFY2(reader.signIn(), qPrintable(reader.signedIn.errorString()));
        const std::shared_ptr<TenantDirectory> directory = reader.read();
        QVERIFY2(reader.loader->problems().isEmpty(),
                 qPrintable(reader.loader->problems().join(QLatin1Char('\n'))));
        QVERIFY(!reader.loader->graphInteractionRequired());
        QVERIFY(directory->authenticationPoliciesStatus().isRead());
        QVERIFY(directory->usersStatus().isRead());
        QVERIFY(directory->securityDefaultsStatus().isRead());
        QVERIFY(directory->conditionalAccessStatus().isRead());
        QCOMPARE(directory->conditionalAccessPolicies().size(), seeded.conditionalAccessPolicies.size());
        const auto legacy =
            std::count_if(seeded.policies.cbegin(), seeded.policies.cend(),
                          [](const EmulatorDirectoryTruth::Policy &p) { return p.legacyExchangeTokens; });
        QCOMPARE(qsizetype(directory->authenticationPolicies().size()),
                 seeded.policies.size() - legacy); // skipped
        // Every user of the tenant: one per mailbox, plus the demo admins and the break-glass account.
        QCOMPARE(qsizetype(directory->userCount()), seeded.users.size());
        QVERIFY(directory->userCount() > truth->mailboxes.size());

        // The excluded group's members were read in full, and they are not blocked by Conditional Access.
        const EmulatorDirectoryTruth::Group exception =
            groupNamed(seeded, QStringLiteral("SMTP devices (legacy exception)"));
        QVERIFY(!exception.members.isEmpty());
        const TenantDirectory::Group *group = directory->group(exception.id);
        QVERIFY(group);
        QCOMPARE(qsizetype(group->members.size()), exception.members.size());

        int blockedByCa = 0, excluded = 0, blockedByPolicy = 0;
        for (const EmulatorTruth::Mailbox &mailbox : truth->mailboxes) {
            const MailboxReadiness readiness = explain(*directory, mailbox);
            QCOMPARE(readiness.oauth.verdict, Verdict::Allowed); // Enabled for this check
            const LayerFinding &ca = readiness.layer(ReadinessLayer::ConditionalAccess);
            const bool inException = exception.members.contains(mailbox.externalDirectoryObjectId);
            if (inException) {
                ++excluded;
                QVERIFY2(ca.effect != LayerEffect::Blocks, qPrintable(ca.detail));
            }
            if (ca.effect == LayerEffect::Blocks)
                ++blockedByCa;
            if (readiness.layer(ReadinessLayer::AuthenticationPolicy).effect == LayerEffect::Blocks) {
                ++blockedByPolicy;
                QCOMPARE(readiness.basicNow.decidedBy, std::optional(ReadinessLayer::AuthenticationPolicy));
            }
            QCOMPARE(readiness.basicAfterCutoff.verdict, Verdict::Blocked);
        }
        QVERIFY(excluded > 0);
        QVERIFY(blockedByCa >
                truth->mailboxes.size() / 2); // the enabled block-legacy policy covers All users
        QVERIFY(blockedByPolicy > 0);
    }

    void policiesNamedByDnByNameOrUnknown()
    {
        EmulatorProcess emulator({QStringLiteral("--mailboxes"), QStringLiteral("400")});
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        const auto truth = emulator.truth();
        const EmulatorDirectoryTruth seeded = directoryTruth(emulator);
        Reader reader(emulator);
        QVERIFY2(reader.signIn(), qPrintable(reader.signedIn.errorString()));
        const std::shared_ptr<TenantDirectory> directory = reader.read();

        const auto byDn = mailboxWithPolicyRef(
            *truth, seeded, [](const QString &ref) { return ref.startsWith(QLatin1String("CN=")); });
        QVERIFY2(byDn, "the demo tenant names some users' policies by DN");
        const LayerFinding dnFinding = explain(*directory, *byDn).layer(ReadinessLayer::AuthenticationPolicy);
        QVERIFY2(dnFinding.effect == LayerEffect::Allows || dnFinding.effect == LayerEffect::Blocks,
                 qPrintable(dnFinding.detail));
        QVERIFY(dnFinding.detail.contains(QLatin1String("assigned to this user")));

        const auto unknown = mailboxWithPolicyRef(*truth, seeded, [](const QString &ref) {
            return ref.contains(QLatin1String("Retired Basic Auth Policy"));
        });
        QVERIFY2(unknown, "the demo tenant has a user naming a policy that does not exist");
        const LayerFinding unknownFinding =
            explain(*directory, *unknown).layer(ReadinessLayer::AuthenticationPolicy);
        QCOMPARE(unknownFinding.effect, LayerEffect::Unknown);
        QVERIFY2(unknownFinding.detail.contains(QLatin1String("Retired Basic Auth Policy")),
                 qPrintable(unknownFinding.detail));
    }

    void aMailboxWithoutAUserIsUnknownNotGuessed()
    {
        EmulatorProcess emulator({QStringLiteral("--mailboxes"), QStringLiteral("50")});
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        const auto truth = emulator.truth();
        const EmulatorTruth::Mailbox target = truth->mailboxes.at(3);
        QCOMPARE(emulator
                     .control(QStringLiteral("set-user"),
                              {{QStringLiteral("identity"), target.guid.toString(QUuid::WithoutBraces)},
                               {QStringLiteral("remove"), true}})
                     .status,
                 204);
        Reader reader(emulator);
        QVERIFY2(reader.signIn(), qPrintable(reader.signedIn.errorString()));
        const std::shared_ptr<TenantDirectory> directory = reader.read();
        const LayerFinding finding = explain(*directory, target).layer(ReadinessLayer::AuthenticationPolicy);
        QCOMPARE(finding.effect, LayerEffect::Unknown);
        QVERIFY2(!finding.detail.isEmpty(), "an unknown layer says why");
    }

    void eachForbiddenSourceNamesWhatItNeeds_data()
    {
        QTest::addColumn<QJsonObject>("forbid");
        QTest::addColumn<int>("layer");
        QTest::addColumn<QString>("words");
        QTest::newRow("Get-AuthenticationPolicy")
            << QJsonObject{{QStringLiteral("cmdlet"), QStringLiteral("Get-AuthenticationPolicy")}}
            << int(ReadinessLayer::AuthenticationPolicy) << QStringLiteral("Get-AuthenticationPolicy");
        QTest::newRow("Get-User") << QJsonObject{{QStringLiteral("cmdlet"), QStringLiteral("Get-User")}}
                                  << int(ReadinessLayer::AuthenticationPolicy) << QStringLiteral("Get-User");
        QTest::newRow("Conditional Access")
            << QJsonObject{{QStringLiteral("graph"),
                            QStringLiteral("/v1.0/identity/conditionalAccess/policies")}}
            << int(ReadinessLayer::ConditionalAccess) << QStringLiteral("Security Reader");
        QTest::newRow("security defaults")
            << QJsonObject{{QStringLiteral("graph"),
                            QStringLiteral("/v1.0/policies/identitySecurityDefaultsEnforcementPolicy")}}
            << int(ReadinessLayer::SecurityDefaults) << QStringLiteral("Policy.Read.All");
    }

    void eachForbiddenSourceNamesWhatItNeeds()
    {
        QFETCH(QJsonObject, forbid);
        QFETCH(int, layer);
        QFETCH(QString, words);
        EmulatorProcess emulator({QStringLiteral("--mailboxes"), QStringLiteral("50")});
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        QCOMPARE(emulator.control(QStringLiteral("forbid"), forbid).status, 204);
        const auto truth = emulator.truth();
        Reader reader(emulator);
        QVERIFY2(reader.signIn(), qPrintable(reader.signedIn.errorString()));
        const std::shared_ptr<TenantDirectory> directory = reader.read();
        QCOMPARE(reader.loader->problems().size(), 1); // the rest was read
        QVERIFY2(reader.loader->problems().constFirst().contains(words),
                 qPrintable(reader.loader->problems().constFirst()));
        QVERIFY2(reader.loader->problems().constFirst().contains(QLatin1String("403")),
                 qPrintable(reader.loader->problems().constFirst()));
        const MailboxReadiness readiness = explain(*directory, truth->mailboxes.constFirst());
        const LayerFinding &finding = readiness.layer(ReadinessLayer(layer));
        QCOMPARE(finding.effect, LayerEffect::Unknown);
        QVERIFY2(finding.detail.contains(words), qPrintable(finding.detail));
        // Other layers still decide.
        for (const LayerFinding &other : readiness.layers) {
            if (other.layer != ReadinessLayer(layer) && other.layer != ReadinessLayer::AuthenticationPolicy)
                QVERIFY2(other.effect != LayerEffect::Unknown, qPrintable(other.detail));
        }
    }

    void groupsThatCannotBeReadLeaveTheirPoliciesUnknown()
    {
        EmulatorProcess emulator({QStringLiteral("--mailboxes"), QStringLiteral("200")});
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        QCOMPARE(emulator
                     .control(QStringLiteral("forbid"),
                              {{QStringLiteral("graph"), QStringLiteral("/v1.0/groups")}})
                     .status,
                 204);
        const auto truth = emulator.truth();
        const EmulatorDirectoryTruth seeded = directoryTruth(emulator);
        Reader reader(emulator);
        QVERIFY2(reader.signIn(), qPrintable(reader.signedIn.errorString()));
        const std::shared_ptr<TenantDirectory> directory = reader.read();
        QCOMPARE(reader.loader->problems().size(), 2); // the two groups, each named
        for (const QString &problem : reader.loader->problems())
            QVERIFY2(problem.contains(QLatin1String("GroupMember.Read.All")), qPrintable(problem));
        QVERIFY(directory->conditionalAccessStatus().isRead());
        // A mailbox the enabled block policy includes (All users) but whose exclusion by group is unknown:
        // never "blocks" and never "allows" by guesswork.
        const QUuid breakGlass = seeded.breakGlassObjectId;
        int unknown = 0;
        for (const EmulatorTruth::Mailbox &mailbox : truth->mailboxes) {
            if (mailbox.externalDirectoryObjectId == breakGlass)
                continue;
            const LayerFinding finding =
                explain(*directory, mailbox).layer(ReadinessLayer::ConditionalAccess);
            if (finding.effect == LayerEffect::Unknown) {
                ++unknown;
                QVERIFY2(finding.detail.contains(QLatin1String("GroupMember.Read.All")) ||
                             finding.detail.contains(QLatin1String("group")),
                         qPrintable(finding.detail));
            }
        }
        QVERIFY(unknown > 0);
    }

    void withoutEntraIdP1ConditionalAccessSaysSo()
    {
        EmulatorProcess emulator(
            {QStringLiteral("--mailboxes"), QStringLiteral("50"), QStringLiteral("--no-entra-p1")});
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        Reader reader(emulator);
        QVERIFY2(reader.signIn(), qPrintable(reader.signedIn.errorString()));
        const std::shared_ptr<TenantDirectory> directory = reader.read();
        QCOMPARE(directory->conditionalAccessStatus().state, SourceStatus::Unavailable);
        QVERIFY2(directory->conditionalAccessStatus().reason.contains(QLatin1String("Entra ID P1")),
                 qPrintable(directory->conditionalAccessStatus().reason));
        QVERIFY(directory->securityDefaultsStatus().isRead());
    }

    void aRecipientAdministratorCannotReadConditionalAccess()
    {
        // graph-protocol.md §1: the role that is missing is named, not only "access denied".
        EmulatorProcess emulator({QStringLiteral("--mailboxes"), QStringLiteral("50")});
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        Reader reader(emulator, QStringLiteral("recipients"));
        QVERIFY2(reader.signIn(), qPrintable(reader.signedIn.errorString()));
        const std::shared_ptr<TenantDirectory> directory = reader.read();
        QCOMPARE(directory->conditionalAccessStatus().state, SourceStatus::Unavailable);
        QVERIFY2(directory->conditionalAccessStatus().reason.contains(QLatin1String("Global Reader")),
                 qPrintable(directory->conditionalAccessStatus().reason));
        QVERIFY(directory->usersStatus().isRead());
    }

    void missingConsentIsAskedForOnceThenEverythingReads()
    {
        EmulatorProcess emulator(
            {QStringLiteral("--mailboxes"), QStringLiteral("50"), QStringLiteral("--no-graph-consent")});
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        Reader reader(emulator);
        QVERIFY2(reader.signIn(), qPrintable(reader.signedIn.errorString()));
        std::shared_ptr<TenantDirectory> directory = reader.read();
        QVERIFY(reader.loader->graphInteractionRequired());
        QCOMPARE(directory->conditionalAccessStatus().state, SourceStatus::Unavailable);
        QVERIFY2(directory->conditionalAccessStatus().reason.contains(QLatin1String("AADSTS65001")),
                 qPrintable(directory->conditionalAccessStatus().reason));
        QVERIFY(directory->conditionalAccessStatus().reason.contains(QLatin1String("signin --graph")));
        QVERIFY(directory->usersStatus().isRead()); // Exchange is not affected
        QVERIFY(directory->authenticationPoliciesStatus().isRead());
        const QString before = reader.signedIn.storedRefreshToken();
        QVERIFY(!before.isEmpty()); // the sign-in was kept
    }

    void aGraphTokenIsNeverOfferedToExchangeNorTheReverse()
    {
        EmulatorProcess emulator({QStringLiteral("--mailboxes"), QStringLiteral("20")});
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        Reader reader(emulator);
        QVERIFY2(reader.signIn(), qPrintable(reader.signedIn.errorString()));
        // A Graph client wrongly given the Exchange token source: the service refuses the audience.
        GraphClient wrong(reader.signedIn.network(), reader.signedIn.client()->endpoint().apiBase,
                          reader.signedIn.tokens(), SignedInClient::fastClientOptions());
        DirectoryLoader loader(reader.signedIn.client(), &wrong);
        QSignalSpy finished(&loader, &DirectoryLoader::finished);
        loader.start();
        QVERIFY(finished.wait(30000));
        QCOMPARE(loader.directory()->securityDefaultsStatus().state, SourceStatus::Unavailable);
        QVERIFY2(loader.directory()->securityDefaultsStatus().reason.contains(QLatin1String("401")),
                 qPrintable(loader.directory()->securityDefaultsStatus().reason));
        // And the reverse: an Exchange client given the Graph token source is refused by Exchange.
        InvokeCommandClient wrongExchange(reader.signedIn.network(), reader.signedIn.client()->endpoint(),
                                          reader.signedIn.tokens()->graphTokens(),
                                          SignedInClient::fastClientOptions());
        DirectoryLoader reverse(&wrongExchange, reader.graph.get());
        QSignalSpy reverseFinished(&reverse, &DirectoryLoader::finished);
        reverse.start();
        QVERIFY(reverseFinished.wait(30000));
        QCOMPARE(reverse.directory()->usersStatus().state, SourceStatus::Unavailable);
        QVERIFY2(reverse.directory()->usersStatus().reason.contains(QLatin1String("401")),
                 qPrintable(reverse.directory()->usersStatus().reason));
        QVERIFY(reverse.directory()->conditionalAccessStatus().isRead());
        // The right wiring reads everything: each client got its own audience.
        reader.read();
        QVERIFY2(reader.loader->problems().isEmpty(),
                 qPrintable(reader.loader->problems().join(QLatin1Char('\n'))));
    }

    void graphThrottlingIsWaitedOut()
    {
        EmulatorProcess emulator({QStringLiteral("--mailboxes"), QStringLiteral("50")});
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        Reader reader(emulator);
        QVERIFY2(reader.signIn(), qPrintable(reader.signedIn.errorString()));
        QVERIFY(emulator.scriptFaults(QJsonArray{
            QJsonObject{{QStringLiteral("target"), QStringLiteral("/v1.0/identity/conditionalAccess")},
                        {QStringLiteral("status"), 429},
                        {QStringLiteral("retryAfter"), 1}},
            QJsonObject{{QStringLiteral("target"), QStringLiteral("graph")},
                        {QStringLiteral("status"), 503}}}));
        QSignalSpy retries(reader.graph.get(), &RequestChannel::retryScheduled);
        const std::shared_ptr<TenantDirectory> directory = reader.read();
        QVERIFY2(reader.loader->problems().isEmpty(),
                 qPrintable(reader.loader->problems().join(QLatin1Char('\n'))));
        QCOMPARE(retries.size(), 2);
        QVERIFY(directory->conditionalAccessStatus().isRead());
    }

    void aConditionalAccessPolicyNotUnderstoodIsNeverAllows()
    {
        EmulatorProcess emulator({QStringLiteral("--mailboxes"), QStringLiteral("20")});
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        const QJsonObject policy{
            {QStringLiteral("id"), QStringLiteral("3f2a8a51-0000-4000-8000-00000000c0de")},
            {QStringLiteral("displayName"), QStringLiteral("Future client filter")},
            {QStringLiteral("state"), QStringLiteral("enabled")},
            {QStringLiteral("conditions"),
             QJsonObject{{QStringLiteral("clientAppTypes"), QJsonArray{QStringLiteral("holographicClients")}},
                         {QStringLiteral("applications"), QJsonObject{{QStringLiteral("includeApplications"),
                                                                       QJsonArray{QStringLiteral("All")}}}},
                         {QStringLiteral("users"),
                          QJsonObject{{QStringLiteral("includeUsers"), QJsonArray{QStringLiteral("All")}}}}}},
            {QStringLiteral("grantControls"),
             QJsonObject{{QStringLiteral("operator"), QStringLiteral("OR")},
                         {QStringLiteral("builtInControls"), QJsonArray{QStringLiteral("block")}}}}};
        QCOMPARE(emulator
                     .control(QStringLiteral("conditional-access"),
                              {{QStringLiteral("policies"), QJsonArray{policy}}})
                     .status,
                 204);
        const auto truth = emulator.truth();
        Reader reader(emulator);
        QVERIFY2(reader.signIn(), qPrintable(reader.signedIn.errorString()));
        const std::shared_ptr<TenantDirectory> directory = reader.read();
        const LayerFinding finding =
            explain(*directory, truth->mailboxes.constFirst()).layer(ReadinessLayer::ConditionalAccess);
        QCOMPARE(finding.effect, LayerEffect::Unknown);
        QVERIFY2(finding.detail.contains(QLatin1String("holographicClients")), qPrintable(finding.detail));
    }

    void aGroupOfTwentyThousandIsPagedToTheEnd()
    {
        EmulatorProcess emulator({QStringLiteral("--mailboxes"), QStringLiteral("21000"),
                                  QStringLiteral("--ca-group-size"), QStringLiteral("20000")});
        QVERIFY2(emulator.start(), qPrintable(emulator.errorString()));
        const EmulatorDirectoryTruth seeded = directoryTruth(emulator);
        Reader reader(emulator);
        QVERIFY2(reader.signIn(), qPrintable(reader.signedIn.errorString()));
        const std::shared_ptr<TenantDirectory> directory = reader.read();
        QVERIFY2(reader.loader->problems().isEmpty(),
                 qPrintable(reader.loader->problems().join(QLatin1Char('\n'))));
        for (const QString &name :
             {QStringLiteral("SMTP devices (legacy exception)"), QStringLiteral("Branch offices")}) {
            const TenantDirectory::Group *group = directory->group(groupNamed(seeded, name).id);
            QVERIFY2(group, qPrintable(name));
            QCOMPARE(group->members.size(), size_t(20000));
        }
    }
};

QTEST_GUILESS_MAIN(TestReadinessFlow)
#include "test_readinessflow.moc"
