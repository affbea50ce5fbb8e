// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace smtpauth {

// Finds the top-level "@odata.nextLink" of an InvokeCommand page without building the document.
//
// Why: the next page can be requested while this one is still being parsed and mapped on a worker
// thread, so the download of page N+1 overlaps the processing of page N. One pass over the bytes with
// no allocation (about a tenth of a full parse). The full parse stays the authority: PagedEnumeration
// compares both and refuses the page if they disagree, so a malformed body can never steer the client.
class NextLinkScanner
{
public:
    // The link when the body is a JSON object whose top level has "@odata.nextLink" with a string
    // value (the last one if the key repeats); nullopt when there is none, it is not a string, or the
    // body is not a JSON object. Never throws, never reads past the end.
    static std::optional<QString> findTopLevel(const QByteArray &json);
};

} // namespace smtpauth
