// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/mailboxreadiness.h"

#include <QJsonArray>

namespace smtpauth {

namespace {

QJsonValue layerOrNull(const std::optional<ReadinessLayer> &layer)
{
    return layer ? QJsonValue(machineName(*layer)) : QJsonValue(QJsonValue::Null);
}

} // namespace

QJsonObject MailboxReadiness::toWhyJson(const QUuid &mailboxGuid, QStringView address,
                                        QStringView displayName) const
{
    QJsonObject mailbox;
    mailbox.insert(QStringLiteral("guid"), mailboxGuid.toString(QUuid::WithoutBraces));
    mailbox.insert(QStringLiteral("address"), address.toString());
    mailbox.insert(QStringLiteral("displayName"), displayName.toString());

    QJsonObject verdict;
    verdict.insert(QStringLiteral("oauth"), machineName(oauth.verdict));
    verdict.insert(QStringLiteral("basicNow"), machineName(basicNow.verdict));
    verdict.insert(QStringLiteral("basicAfterCutoff"), machineName(basicAfterCutoff.verdict));
    verdict.insert(QStringLiteral("decidedBy"), layerOrNull(decidedBy));

    QJsonArray layerArray;
    for (const LayerFinding &finding : layers) {
        QJsonObject object;
        object.insert(QStringLiteral("layer"), machineName(finding.layer));
        object.insert(QStringLiteral("effect"), machineName(finding.effect));
        object.insert(QStringLiteral("appliesTo"), machineName(layerScope(finding.layer)));
        object.insert(QStringLiteral("detail"), finding.detail);
        layerArray.append(object);
    }

    QJsonObject why;
    why.insert(QStringLiteral("mailbox"), mailbox);
    why.insert(QStringLiteral("verdict"), verdict);
    why.insert(QStringLiteral("layers"), layerArray);
    return why;
}

} // namespace smtpauth
