// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// Fuzzes the emulator's request handling below the socket layer: EmulatorCommandProcessor::invoke and
// ::batch (JSON bodies, $select, $skiptoken, Prefer) and EmulatorIdentityPlatform::token (form bodies).
// Input: "<invoke|batch|token>\n<Prefer or Content-Type>\n<$select>\n<$skiptoken>\n<body>".
#include "emulator/emulatorcommandprocessor.h"
#include "emulator/emulatoridentityplatform.h"
#include "emulator/emulatortenant.h"
#include "emulator/emulatoruser.h"
#include "fuzzinput.h"

#include <QStringList>

using namespace smtpauth;

namespace {

const QString TenantDomain = QStringLiteral("contoso.onmicrosoft.com");
const QString ClientId = QStringLiteral("9e5f94bc-e8a4-4e73-b8be-63364c29d753");

EmulatorUser administrator()
{
    EmulatorUser user;
    user.userPrincipalName = QStringLiteral("admin@") + TenantDomain;
    user.displayName = QStringLiteral("Admin");
    user.canSetCasMailbox = true;
    user.canSetTransportConfig = true;
    return user;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray body;
    const QList<QByteArray> head = fuzz::takeLines(QByteArrayView(data, qsizetype(size)), 4, &body);
    const QByteArray mode = head.at(0).trimmed();

    // A fresh small tenant per input: a Set that succeeded must not change what the next input sees,
    // or a crash found by the fuzzer would not reproduce from its file alone.
    EmulatorTenant tenant;
    tenant.seed(7, TenantDomain, 25, 0.3, OrgSetting::Disabled);

    if (mode == "token") {
        EmulatorIdentityPlatform identity;
        identity.reset(tenant, ClientId, 3600);
        const EmulatorHttpAnswer answer = identity.token(TenantDomain, head.at(1), body);
        fuzz::require(answer.status >= 200 && answer.status <= 599, "token answer with an impossible status");
        return 0;
    }

    EmulatorCommandProcessor processor(tenant);
    processor.setServerPageSize(10);
    const EmulatorUser user = administrator();
    EmulatorCommandProcessor::Request request;
    request.user = &user;
    request.tenantSegment = TenantDomain;
    request.baseUrl = QStringLiteral("http://127.0.0.1:8443");
    request.prefer = head.at(1);
    request.select = QString::fromUtf8(head.at(2));
    request.skipToken = QString::fromUtf8(head.at(3));
    request.contentType = "application/json; charset=utf-8";
    request.body = body;

    QStringList cmdlets;
    bool changed = false;
    const EmulatorHttpAnswer answer = mode == "batch" ? processor.batch(request, &cmdlets, &changed)
                                                      : processor.invoke(request, &cmdlets, &changed);
    fuzz::require(answer.status >= 200 && answer.status <= 599, "answer with an impossible status");
    if (changed)
        fuzz::require(answer.status >= 200 && answer.status <= 299, "tenant changed by a failed request");
    return 0;
}
