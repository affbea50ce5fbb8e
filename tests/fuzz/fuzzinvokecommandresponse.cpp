// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// Fuzzes InvokeCommandResponse::parse. Input: "<status>\n<x-ms-diagnostics>\n<body>".
#include "exchange/invokecommandresponse.h"
#include "fuzzinput.h"

#include <QJsonDocument>

using namespace smtpauth;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray body;
    const QList<QByteArray> head = fuzz::takeLines(QByteArrayView(data, qsizetype(size)), 2, &body);
    bool statusOk = false;
    int status = head.at(0).trimmed().toInt(&statusOk);
    if (!statusOk)
        status = 200;
    const CmdletResult result = InvokeCommandResponse::parse(status, body, head.at(1));

    // Callers rely on these: an error result carries no objects and no nextLink (so nothing half-read
    // is shown as a page), and a non-2xx answer is never reported as success.
    if (status < 200 || status > 299)
        fuzz::require(!result.ok(), "non-2xx status parsed as success");
    if (!result.ok()) {
        fuzz::require(result.objects.isEmpty(), "error result carries objects");
        fuzz::require(result.nextLink.isEmpty(), "error result carries a nextLink");
        fuzz::require(!result.error.userMessage().isEmpty(), "error without a user message");
    }
    for (const QJsonObject &object : result.objects) {
        for (auto it = object.constBegin(); it != object.constEnd(); ++it)
            fuzz::require(!it.key().contains(QLatin1Char('@')), "annotation key survived");
    }

    // The $batch path must agree with the plain one on anything that is valid JSON.
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error == QJsonParseError::NoError && document.isObject()) {
        const CmdletResult viaValue =
            InvokeCommandResponse::parseValue(status, document.object(), head.at(1));
        fuzz::require(viaValue.ok() == result.ok(), "parse and parseValue disagree on success");
    }
    return 0;
}
