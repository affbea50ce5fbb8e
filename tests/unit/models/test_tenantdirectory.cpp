// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/readinessevaluator.h"
#include "models/tenantdirectory.h"
#include "readinesstestdata.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QTest>

using namespace smtpauth;
using namespace readinesstest;

using UserPolicy = TenantDirectory::UserPolicy;
using UserJoin = TenantDirectory::UserJoin;

namespace {
QUuid numbered(int kind, int n)
{
    return QUuid(uint(kind), 0, 0, 0, 0, 0, 0, uchar(n >> 24), uchar(n >> 16), uchar(n >> 8), uchar(n));
}

// A directory as big as P2's target: 100k users (one in ten with a policy of its own), two groups
// of 20k members, three policies, Conditional Access naming both groups.
TenantDirectory bigDirectory()
{
    TenantDirectory directory;
    directory.setAuthenticationPolicies(
        AuthenticationPolicySet::fromExchangeObjects({authPolicy("Allow Basic", true),
                                                      authPolicy("Block Basic Auth", false),
                                                      authPolicy("Scanners", true)}),
        SourceStatus::read());
    directory.setDefaultAuthenticationPolicy(QStringLiteral("Block Basic Auth"), SourceStatus::read());
    directory.reserveUsers(100000);
    for (int i = 0; i < 100000; ++i) {
        directory.addUser(numbered(1, i), numbered(2, i), QStringLiteral("user%1@contoso.com").arg(i),
                          i % 10 == 0 ? (i % 20 == 0 ? u"Allow Basic" : u"Scanners") : u"");
    }
    directory.finishUsers();
    directory.setUsersStatus(SourceStatus::read());
    QList<QUuid> first;
    QList<QUuid> second;
    for (int i = 0; i < 20000; ++i) {
        first.append(numbered(1, i * 5));
        second.append(numbered(1, i * 5 + 1));
    }
    directory.setGroupMembers(kGroup, first, SourceStatus::read());
    directory.setGroupMembers(kOtherGroup, second, SourceStatus::read());
    directory.setSecurityDefaults(false, SourceStatus::read());
    setPolicies(directory,
                {with(with(blockLegacyPolicy(), QStringLiteral("conditions.users.includeGroups"),
                           strings({kGroup.toString()})),
                      QStringLiteral("conditions.users.excludeGroups"), strings({kOtherGroup.toString()}))});
    return directory;
}
} // namespace

class TestTenantDirectory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void lookupKinds()
    {
        TenantDirectory directory;
        QCOMPARE(directory.lookupUser(kUserId, kMailboxGuid, kAddress).kind, UserPolicy::UsersNotRead);
        directory.setAuthenticationPolicies(
            AuthenticationPolicySet::fromExchangeObjects({authPolicy("Block Basic Auth", false)}),
            SourceStatus::read());
        directory.addUser(kUserId, kMailboxGuid, kAddress, u"CN=Block Basic Auth,CN=Auth Policies");
        directory.addUser(kOtherUser, {}, u"other@contoso.com", {});
        directory.addUser(id("77777777-7777-7777-7777-777777777777"), {}, u"gone@contoso.com",
                          u"  Old Policy ");
        directory.finishUsers();
        QCOMPARE(directory.lookupUser(kUserId, kMailboxGuid, kAddress).kind,
                 UserPolicy::UsersNotRead); // status not set
        directory.setUsersStatus(SourceStatus::read());

        const UserPolicy own = directory.lookupUser(kUserId, {}, {});
        QCOMPARE(own.kind, UserPolicy::OwnPolicy);
        QCOMPARE(own.policyIndex, 0);
        QCOMPARE(own.userId, kUserId);
        QCOMPARE(own.reference, u"CN=Block Basic Auth,CN=Auth Policies");
        QCOMPARE(directory.lookupUser(kOtherUser, {}, {}).kind, UserPolicy::NoOwnPolicy);
        const UserPolicy unknown = directory.lookupUser(id("77777777-7777-7777-7777-777777777777"), {}, {});
        QCOMPARE(unknown.kind, UserPolicy::OwnPolicyUnknown);
        QCOMPARE(unknown.reference, u"Old Policy");
        QCOMPARE(directory.lookupUser(QUuid::createUuid(), QUuid::createUuid(), u"nobody@contoso.com").kind,
                 UserPolicy::NoUser);
        // A policy read later resolves the reference kept as text.
        directory.setAuthenticationPolicies(
            AuthenticationPolicySet::fromExchangeObjects(
                {authPolicy("Block Basic Auth", false), authPolicy("Old Policy", true)}),
            SourceStatus::read());
        QCOMPARE(directory.lookupUser(id("77777777-7777-7777-7777-777777777777"), {}, {}).policyIndex, 1);
    }

    void joinOrder()
    {
        TenantDirectory directory;
        directory.addUser(kUserId, kMailboxGuid, u"Scanner@Contoso.com", {});
        directory.addUser({}, id("99999999-9999-9999-9999-999999999999"), u"guidonly@contoso.com", {});
        directory.addUser({}, {}, u"Ünïcode.Üser@contoso.com", {});
        directory.finishUsers();
        directory.setUsersStatus(SourceStatus::read());
        UserPolicy user = directory.lookupUser(kUserId, QUuid::createUuid(), u"else@contoso.com");
        QCOMPARE(user.joinedBy, UserJoin::ExternalDirectoryObjectId);
        user = directory.lookupUser(QUuid::createUuid(), kMailboxGuid, u"else@contoso.com");
        QCOMPARE(user.joinedBy, UserJoin::Guid);
        QCOMPARE(user.userId, kUserId); // the user's Graph id, even when the mailbox has another
        user = directory.lookupUser({}, {}, u"SCANNER@contoso.COM");
        QCOMPARE(user.joinedBy, UserJoin::UserPrincipalName);
        QCOMPARE(user.kind, UserPolicy::NoOwnPolicy);
        QCOMPARE(directory.lookupUser({}, id("99999999-9999-9999-9999-999999999999"), {}).joinedBy,
                 UserJoin::Guid);
        QVERIFY(directory.lookupUser({}, id("99999999-9999-9999-9999-999999999999"), {}).userId.isNull());
        QCOMPARE(directory.lookupUser({}, {}, u"ünïcode.üser@CONTOSO.com").joinedBy,
                 UserJoin::UserPrincipalName);
        // Null ids never match null ids.
        QCOMPARE(directory.lookupUser({}, {}, {}).kind, UserPolicy::NoUser);
    }

    void laterEntryForTheSameUserWins()
    {
        TenantDirectory directory;
        directory.setAuthenticationPolicies(
            AuthenticationPolicySet::fromExchangeObjects({authPolicy("A", false)}), SourceStatus::read());
        directory.addUser(kUserId, kMailboxGuid, kAddress, u"A");
        directory.finishUsers();
        directory.addUser(kUserId, kMailboxGuid, kAddress, {});
        directory.finishUsers();
        directory.setUsersStatus(SourceStatus::read());
        QCOMPARE(directory.userCount(), 1);
        QCOMPARE(directory.lookupUser(kUserId, {}, {}).kind, UserPolicy::NoOwnPolicy);
    }

    void fromExchangeObjects()
    {
        TenantDirectory directory;
        QVERIFY(directory.addUserFromExchange(
            json(R"({"Guid@odata.type": "#Guid", "Guid": "11111111-1111-1111-1111-111111111111",
            "ExternalDirectoryObjectId": "22222222-2222-2222-2222-222222222222", "UserPrincipalName": "scanner@contoso.com",
            "AuthenticationPolicy": null})")));
        QVERIFY(!directory.addUserFromExchange(json(R"({"Name": "no ids"})")));
        directory.finishUsers();
        directory.setUsersStatus(SourceStatus::read());
        QCOMPARE(directory.userCount(), 1);
        QCOMPARE(directory.lookupUser(kUserId, {}, {}).kind, UserPolicy::NoOwnPolicy);

        directory.setOrganizationConfigFromExchange(json(R"({"DefaultAuthenticationPolicy": null})"), {});
        QVERIFY(directory.defaultAuthenticationPolicyStatus().isRead());
        QVERIFY(directory.defaultAuthenticationPolicy().isEmpty());
        directory.setOrganizationConfigFromExchange(
            json(R"({"DefaultAuthenticationPolicy": "Block Basic Auth"})"), {});
        QCOMPARE(directory.defaultAuthenticationPolicy(), QStringLiteral("Block Basic Auth"));
        directory.setOrganizationConfigFromExchange(json(R"({"DefaultAuthenticationPolicy": {"Name": "x"}})"),
                                                    {});
        QCOMPARE(directory.defaultAuthenticationPolicyStatus().state, SourceStatus::Unavailable);
        QVERIFY(directory.defaultAuthenticationPolicyStatus().reason.contains(QStringLiteral("not a name")));

        directory.setSecurityDefaultsFromGraph(
            json(R"({"@odata.context": "x", "id": "00000000-0000-0000-0000-000000000005",
                                                        "displayName": "Security Defaults", "isEnabled": true})"),
            QDateTime(QDate(2026, 12, 1), QTime(), Qt::UTC));
        QCOMPARE(directory.securityDefaultsEnabled(), std::optional(true));
        QCOMPARE(directory.securityDefaultsStatus().readUtc, QDateTime(QDate(2026, 12, 1), QTime(), Qt::UTC));
    }

    void groupsAndRoles()
    {
        TenantDirectory directory;
        QVERIFY(!directory.group(kGroup));
        directory.setGroupMembers(kGroup, {kOtherUser, kUserId, kOtherUser}, SourceStatus::read());
        QCOMPARE(directory.group(kGroup)->members.size(), size_t(2));
        QVERIFY(std::is_sorted(directory.group(kGroup)->members.begin(),
                               directory.group(kGroup)->members.end(), &TenantDirectory::uuidLess));
        directory.setGroupMembers(kOtherGroup, {}, SourceStatus::unavailable(QStringLiteral("403")));
        QCOMPARE(directory.group(kOtherGroup)->status.reason, QStringLiteral("403"));
        QVERIFY(!directory.userRoles(kUserId));
        directory.setUserRoles(kUserId, {kRole.toString(QUuid::WithoutBraces), QStringLiteral("not a guid")},
                               SourceStatus::read());
        QCOMPARE(directory.userRoles(kUserId)->roleTemplateIds, std::vector<QUuid>{kRole});
    }

    void serialisationRoundTrip()
    {
        TenantDirectory directory = readDirectory();
        setUserPolicy(directory, u"Block Basic Auth");
        directory.addUser(kOtherUser, {}, u"other@contoso.com", u"Gone");
        directory.finishUsers(TenantDirectory::UserListing::OnlyUsersWithOwnPolicy);
        directory.setDefaultAuthenticationPolicy(
            QStringLiteral("CN=Allow Basic,CN=Auth Policies"),
            SourceStatus::read(QDateTime(QDate(2026, 12, 2), QTime(1, 2), Qt::UTC)));
        directory.setSecurityDefaultsStatus(
            SourceStatus::unavailable(QStringLiteral("403 needs Security Reader"),
                                      QDateTime(QDate(2026, 12, 2), QTime(1, 3), Qt::UTC)));
        setPolicies(directory, {blockLegacyPolicy(),
                                with(blockLegacyPolicy("Odd"), QStringLiteral("conditions.clientAppTypes"),
                                     strings({QStringLiteral("foo")}))});
        directory.setGroupMembers(kGroup, {kUserId, kOtherUser}, SourceStatus::read());
        directory.setGroupMembers(kOtherGroup, {}, SourceStatus::unavailable(QStringLiteral("404")));
        directory.setUserRoles(kUserId, {kRole.toString()}, SourceStatus::read());

        const QByteArray bytes = directory.serialize();
        QString error;
        const std::optional<TenantDirectory> back = TenantDirectory::deserialize(bytes, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->authenticationPolicies(), directory.authenticationPolicies());
        QCOMPARE(back->authenticationPoliciesStatus(), directory.authenticationPoliciesStatus());
        QCOMPARE(back->defaultAuthenticationPolicy(), directory.defaultAuthenticationPolicy());
        QCOMPARE(back->defaultAuthenticationPolicyStatus(), directory.defaultAuthenticationPolicyStatus());
        QCOMPARE(back->defaultAuthenticationPolicyIndex(), directory.defaultAuthenticationPolicyIndex());
        QCOMPARE(back->usersStatus(), directory.usersStatus());
        QCOMPARE(back->userListing(), TenantDirectory::UserListing::OnlyUsersWithOwnPolicy);
        QCOMPARE(back->userCount(), directory.userCount());
        QCOMPARE(back->securityDefaultsEnabled(), directory.securityDefaultsEnabled());
        QCOMPARE(back->securityDefaultsStatus(), directory.securityDefaultsStatus());
        QCOMPARE(back->conditionalAccessPolicies(), directory.conditionalAccessPolicies());
        QCOMPARE(back->conditionalAccessStatus(), directory.conditionalAccessStatus());
        QCOMPARE(back->group(kGroup)->members, directory.group(kGroup)->members);
        QCOMPARE(back->group(kOtherGroup)->status, directory.group(kOtherGroup)->status);
        QCOMPARE(back->userRoles(kUserId)->roleTemplateIds, directory.userRoles(kUserId)->roleTemplateIds);
        for (const QUuid &user : {kUserId, kOtherUser}) {
            const UserPolicy a = directory.lookupUser(user, {}, {});
            const UserPolicy b = back->lookupUser(user, {}, {});
            QCOMPARE(b.kind, a.kind);
            QCOMPARE(b.policyIndex, a.policyIndex);
            QCOMPARE(b.reference, a.reference);
        }
        // The same answers, and the same bytes again.
        const ReadinessEvaluator before(directory, kBefore);
        const ReadinessEvaluator after(*back, kBefore);
        QCOMPARE(after.evaluate(Override::Inherit, OrgSetting::Enabled, kMailboxGuid, kUserId, kAddress),
                 before.evaluate(Override::Inherit, OrgSetting::Enabled, kMailboxGuid, kUserId, kAddress));
        QCOMPARE(back->serialize().size(), bytes.size());
    }

    void damagedCacheIsRefused_data()
    {
        QTest::addColumn<int>("damage");
        QTest::addColumn<QString>("reason");
        QTest::newRow("empty") << 0 << QStringLiteral("too short");
        QTest::newRow("truncated") << 1 << QStringLiteral("checksum");
        QTest::newRow("a flipped byte") << 2 << QStringLiteral("checksum");
        QTest::newRow("another file") << 3 << QStringLiteral("not a directory cache");
        QTest::newRow("a newer format") << 4 << QStringLiteral("format 99");
    }
    void damagedCacheIsRefused()
    {
        QFETCH(int, damage);
        QFETCH(QString, reason);
        QByteArray bytes = readDirectory().serialize();
        const auto reseal = [](const QByteArray &payload) -> QByteArray {
            return payload + QCryptographicHash::hash(payload, QCryptographicHash::Sha256);
        };
        switch (damage) {
        case 0:
            bytes.clear();
            break;
        case 1:
            bytes.chop(40);
            break;
        case 2:
            bytes[bytes.size() / 2] = char(bytes[bytes.size() / 2] ^ 0x20);
            break;
        case 3:
            bytes = reseal(QByteArray("PK\x03\x04 this is a zip file, not a cache at all"));
            break;
        case 4: {
            QByteArray payload = bytes.left(bytes.size() - 32);
            payload[7] = char(99); // the version, big-endian after the magic
            bytes = reseal(payload);
            break;
        }
        }
        QString error;
        QVERIFY(!TenantDirectory::deserialize(bytes, &error));
        QVERIFY2(error.contains(reason), qPrintable(error));
    }

    // Benchmark P7: at 100k mailboxes with two groups of 20k members the directory adds at most 80 bytes a
    // mailbox.
    void memoryPerMailbox()
    {
        const TenantDirectory directory = bigDirectory();
        const double perMailbox = double(directory.memoryUsage()) / 100000.0;
        qInfo("TenantDirectory: %lld bytes for 100k users + 2 groups of 20k members = %.1f bytes per mailbox",
              qlonglong(directory.memoryUsage()), perMailbox);
        QVERIFY2(perMailbox <= 80.0, qPrintable(QString::number(perMailbox)));

        // The table's fast path over all of them: one byte each, no allocation per row.
        const ReadinessEvaluator evaluator(directory, kBefore);
        QElapsedTimer timer;
        timer.start();
        int blocked = 0;
        for (int i = 0; i < 100000; ++i) {
            const PackedVerdict verdict = evaluator.packedBasicLayers(numbered(2, i), numbered(1, i), {});
            blocked += verdict.verdict() == Verdict::Blocked;
        }
        qInfo("packedBasicLayers for 100k mailboxes: %lld ms", qlonglong(timer.elapsed()));
        // Members of the first group and not of the second are blocked by CA; everyone else without an
        // own policy by the default 'Block Basic Auth'; those with 'Allow Basic'/'Scanners' are not blocked
        // by it.
        QVERIFY(blocked > 0);
        const QByteArray bytes = directory.serialize();
        timer.restart();
        QVERIFY(TenantDirectory::deserialize(bytes));
        qInfo("cache: %lld bytes, read back in %lld ms", qlonglong(bytes.size()), qlonglong(timer.elapsed()));
    }
};

QTEST_GUILESS_MAIN(TestTenantDirectory)
#include "test_tenantdirectory.moc"
