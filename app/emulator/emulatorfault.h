#pragma once

namespace smtpauth {

// One scripted fault, applied to the next API request (InvokeCommand or $batch) in arrival order.
// status 200 without truncateBody lets the request through untouched, so a script can skip requests.
struct EmulatorFault
{
    int status = 200;
    int retryAfterSeconds = -1; // < 0: no Retry-After header
    bool drop = false;          // close the connection without any answer
    bool truncateBody = false;  // answer normally but cut the body in half and close
};

} // namespace smtpauth
