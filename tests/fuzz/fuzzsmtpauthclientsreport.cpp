// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

// Fuzzes SmtpAuthClientsReport::parse (the EAC "SMTP AUTH clients" CSV import: `--smtp-report FILE`, the
// File menu, drag and drop), with CsvTextDecoder's encoding and separator guesses under it. Input: the
// file bytes.
//
// Invariants: a refused file carries a message and no senders; an accepted one has no error, one sender
// per case-folded address (non-empty, trimmed, in the order of first appearance), no more senders plus
// joined duplicates than data rows, protocol bits only when there is a protocol column, unknown columns
// that are headers of the file, and a capped warning list. Parsing is deterministic.
#include "fuzzinput.h"
#include "models/smtpauthclientsreport.h"

#include <QSet>

using namespace smtpauth;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray file(reinterpret_cast<const char *>(data), qsizetype(size));
    const SmtpAuthClientsReport report = SmtpAuthClientsReport::parse(file);

    fuzz::require(report.ok() == report.error().isEmpty(), "ok() disagrees with error()");
    fuzz::require(report.warnings().size() <= SmtpAuthClientsReport::kMaxListedWarnings + 1,
                  "warning list not capped");
    fuzz::require(report.separator() == QLatin1Char(',') || report.separator() == QLatin1Char(';'),
                  "separator neither ',' nor ';'");
    for (const QString &warning : report.warnings())
        fuzz::require(!warning.isEmpty(), "empty warning");

    if (!report.ok()) {
        fuzz::require(report.senders().empty(), "senders returned alongside an error");
        return 0;
    }

    fuzz::require(!report.headers().isEmpty(), "accepted without headers");
    fuzz::require(!report.summary().isEmpty(), "no summary");
    const QStringList headers = report.headers();
    fuzz::require(report.extraHeaders().size() < headers.size(), "every column is extra: no sender column");
    for (const QString &extra : report.extraHeaders())
        fuzz::require(headers.contains(extra), "extra header that is not a header of the file");

    fuzz::require(report.duplicateRows() >= 0, "negative duplicate count");
    fuzz::require(qsizetype(report.senders().size()) + report.duplicateRows() <= report.dataRows(),
                  "more senders and duplicates than data rows");

    QSet<QString> seen;
    int previousLine = 0;
    constexpr quint8 kAllBits =
        SmtpAuthClientsReport::Basic | SmtpAuthClientsReport::OAuth | SmtpAuthClientsReport::OtherProtocol;
    for (const SmtpAuthClientsReport::Sender &sender : report.senders()) {
        fuzz::require(!sender.address.isEmpty(), "sender without an address");
        fuzz::require(sender.address == sender.address.trimmed(), "sender address not trimmed");
        const QString folded = sender.address.toCaseFolded();
        fuzz::require(!seen.contains(folded), "the same sender twice (duplicates must be joined)");
        seen.insert(folded);
        fuzz::require(sender.line > previousLine, "sender lines not increasing");
        previousLine = sender.line;
        fuzz::require((sender.protocols & ~kAllBits) == 0, "unknown protocol bits");
        if (!report.hasProtocolColumn())
            fuzz::require(sender.protocols == SmtpAuthClientsReport::NoProtocol,
                          "protocols without a protocol column");
        for (const QString &name : SmtpAuthClientsReport::protocolNames(sender.protocols))
            fuzz::require(!name.isEmpty(), "empty protocol name");
    }

    // The same bytes give the same report.
    const SmtpAuthClientsReport again = SmtpAuthClientsReport::parse(file);
    fuzz::require(again.senders().size() == report.senders().size(), "parse is not deterministic (senders)");
    fuzz::require(again.warnings() == report.warnings(), "parse is not deterministic (warnings)");
    fuzz::require(again.headers() == report.headers(), "parse is not deterministic (headers)");
    return 0;
}
