// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// Fuzzes ExchangeError::fromHttpResponse, and ExchangeError::fromUnreadableAnswer with the second line as
// the Content-Type. Input: "<status>\n<x-ms-diagnostics or Content-Type>\n<body>".
#include "exchange/exchangeerror.h"
#include "fuzzinput.h"

using namespace smtpauth;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray body;
    const QList<QByteArray> head = fuzz::takeLines(QByteArrayView(data, qsizetype(size)), 2, &body);
    bool statusOk = false;
    int status = head.at(0).trimmed().toInt(&statusOk);
    if (!statusOk)
        status = 400;
    const ExchangeError error = ExchangeError::fromHttpResponse(status, body, head.at(1));

    if (status >= 200 && status <= 299) {
        fuzz::require(!error.isError(), "2xx classified as an error");
    } else {
        fuzz::require(error.isError(), "non-2xx classified as no error");
        // The user must always be told something that names the cause.
        fuzz::require(!error.userMessage().trimmed().isEmpty(), "empty user message");
        fuzz::require(!ExchangeError::categoryName(error.category()).isEmpty(), "unnamed category");
    }
    (void)error.isRetryable();

    // A success body that is not a JSON object must come out as a named, non-retryable Protocol error.
    const ExchangeError unreadable = ExchangeError::fromUnreadableAnswer(status, body, head.at(1));
    if (unreadable.isError()) {
        fuzz::require(unreadable.category() == ExchangeError::Category::Protocol,
                      "unreadable answer not Protocol");
        fuzz::require(unreadable.cause() == ExchangeError::Cause::HtmlPage ||
                          unreadable.cause() == ExchangeError::Cause::MalformedJson,
                      "unreadable answer without a cause");
        fuzz::require(!unreadable.isRetryable(), "unreadable answer retryable");
        fuzz::require(!unreadable.userMessage().trimmed().isEmpty(), "empty user message");
    }
    (void)ExchangeError::reasonFromDiagnostics(head.at(1));
    return 0;
}
