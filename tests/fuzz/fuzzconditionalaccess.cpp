// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// Fuzzes the Conditional Access path: ConditionalAccessPolicy::fromGraphJson over whatever Graph might
// send, then ReadinessEvaluator for users inside and outside the policy's groups. Input: one line with a
// group id the users belong to, then a JSON array of policy objects.
//
// Invariants: the fast path the table uses and the full explanation agree on every user; an unknown
// Conditional Access effect is never reported as a Basic "allowed"; a policy that was not understood
// never makes the layer "allows" by itself.
#include "fuzzinput.h"
#include "models/conditionalaccesspolicy.h"
#include "models/readinessevaluator.h"
#include "models/tenantdirectory.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace smtpauth;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray body;
    const QList<QByteArray> header =
        fuzz::takeLines(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)), 1, &body);
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isArray())
        return 0;
    QList<ConditionalAccessPolicy> policies;
    for (const QJsonValue &value : document.array())
        policies.append(ConditionalAccessPolicy::fromGraphJson(value.toObject()));

    const QUuid member = QUuid::fromString(QLatin1String("11111111-1111-1111-1111-111111111111"));
    const QUuid outsider = QUuid::fromString(QLatin1String("22222222-2222-2222-2222-222222222222"));
    TenantDirectory directory;
    const QDateTime now = QDateTime::fromSecsSinceEpoch(1796000000, Qt::UTC);
    directory.setAuthenticationPolicies({}, SourceStatus::read(now));
    directory.setDefaultAuthenticationPolicy({}, SourceStatus::read(now));
    directory.addUser(member, member, u"member@contoso.example", u"");
    directory.addUser(outsider, outsider, u"outsider@contoso.example", u"");
    directory.finishUsers();
    directory.setUsersStatus(SourceStatus::read(now));
    directory.setSecurityDefaults(false, SourceStatus::read(now));
    const QUuid group = QUuid::fromString(QString::fromLatin1(header.value(0).trimmed()));
    if (!group.isNull())
        directory.setGroupMembers(group, {member}, SourceStatus::read(now));
    directory.setConditionalAccessPolicies(policies, SourceStatus::read(now));

    const ReadinessEvaluator evaluator(directory, QDate(2026, 12, 7));
    for (const QUuid &user : {member, outsider}) {
        for (Override value : {Override::Inherit, Override::Enabled}) {
            const MailboxReadiness full =
                evaluator.evaluate(value, OrgSetting::Enabled, user, user, u"x@contoso.example");
            const PackedVerdict fast =
                evaluator.packedBasicNow(value, OrgSetting::Enabled, user, user, u"x@contoso.example");
            fuzz::require(fast.verdict() == full.basicNow.verdict, "fast and full Basic-now verdicts differ");
            fuzz::require(fast.decidedBy() == full.basicNow.decidedBy,
                          "fast and full deciding layers differ");
            const LayerEffect ca = full.layer(ReadinessLayer::ConditionalAccess).effect;
            if (ca == LayerEffect::Unknown)
                fuzz::require(full.basicNow.verdict != Verdict::Allowed,
                              "an unknown layer gave Basic 'allowed'");
            fuzz::require(!full.layer(ReadinessLayer::ConditionalAccess).detail.isEmpty(),
                          "a layer without words");
        }
    }
    return 0;
}
