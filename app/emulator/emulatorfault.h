// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QtGlobal>

namespace smtpauth {

struct EmulatorHttpAnswer;

// One scripted fault, applied to the next API request (InvokeCommand or $batch) in arrival order.
// status 200 with a Normal body and no delay lets the request through untouched, so a script can skip
// requests.
//
// A step without a target applies to /adminapi/ requests only, so Graph traffic never uses up a step
// written for Exchange. A step with a target applies to the first request it matches: a request takes
// the first pending step whose target matches it.
//
// Whether the server ran the command matters to the client (a write may or may not have happened):
// * status 200 (any body kind except Html): the command runs, only its answer is spoiled;
// * Html with status 200: a front end (proxy, gateway, sign-in page) answered; the command never ran;
// * any other status: the command never ran.
struct EmulatorFault
{
    // What the answer's body becomes (exchange-protocol.md §3/§5 and what the real service is seen to send).
    enum class Body : quint8
    {
        Normal,        // the real answer (or the error envelope of `status`)
        MalformedJson, // complete, correct Content-Length, but not JSON: the OData stream broke off and an
                       // error object was appended (application/json; odata.streaming=true)
        Html,          // an HTML error page (Content-Type text/html)
        Empty,         // no body at all (the real 403 does this)
        NulBytes,      // `bodyBytes` NUL bytes (the real 403 does this too)
        Huge,          // the real answer, padded with a valid JSON annotation to `bodyBytes` in total
    };

    static constexpr qint64 kDefaultHugeBytes = 40 * 1024 * 1024; // above any sane client's cap
    static constexpr qint64 kDefaultNulBytes = 64;

    int status = 200;
    int retryAfterSeconds = -1; // < 0: no Retry-After header
    bool drop = false;          // close the connection without any answer
    bool truncateBody = false;  // answer normally but cut the body in half and close
    Body body = Body::Normal;
    qint64 bodyBytes = 0; // NulBytes / Huge size; 0 = the default above
    int delayMs = 0;      // extra delay of this answer (after the command ran), on top of the latency
    // Park the answer (the command has run) until a test releases it (POST /_emulator/release); GET
    // /_emulator/holds lists what is parked. A test can then assert what the client does meanwhile, in
    // order, instead of racing a delay. The latency and delayMs start counting at the release.
    bool hold = false;
    // "" = the next /adminapi/ request; "graph" = any Microsoft Graph request; "/..." = a path prefix
    // (case-insensitive, any API); "Verb-Noun" = an InvokeCommand (or $batch) request running that cmdlet.
    QString target;

    // Whether this step applies to a request. cmdlets: the cmdlets the request runs (adminapi only).
    bool matches(bool graph, QStringView path, const QStringList &cmdlets) const;
    bool targetsCmdlet() const
    {
        return !target.isEmpty() && !target.startsWith(QLatin1Char('/')) && !targetsGraph();
    }
    bool targetsGraph() const { return target.compare(QLatin1String("graph"), Qt::CaseInsensitive) == 0; }

    // One step of POST /_emulator/faults {"script":[...]}:
    // {"status":403, "retryAfter":1, "drop":true, "truncateBody":true,
    //  "body":"malformed-json"|"html"|"empty"|"nul"|"huge", "bodyBytes":N, "delayMs":N, "hold":true,
    //  "target":"graph"|"/v1.0/identity/conditionalAccess"|"Get-User"}.
    // Unknown keys are ignored; false with a reason in *error for a value that makes no sense.
    static bool fromJson(const QJsonObject &step, EmulatorFault *fault, QString *error = nullptr);

    // "malformed-json", "html", "empty", "nul", "huge", "normal" (the script's wire names).
    static bool bodyFromName(const QString &name, Body *body);
    static QString bodyName(Body body);

    // Rewrites an answer's body (and Content-Type) as `body` says. Status and other headers stay.
    void spoil(EmulatorHttpAnswer *answer) const;
};

} // namespace smtpauth
