// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/changeimport.h"

#include "models/csvreader.h"
#include "models/mailboxstore.h"

#include <QHash>
#include <QLoggingCategory>
#include <QSet>
#include <QUuid>
#include <algorithm>
#include <memory>

namespace smtpauth {

Q_LOGGING_CATEGORY(lcChangeImport, "smtpauth.import")

namespace {

const QLatin1String kMailbox("mailbox");
const QLatin1String kTo("to");
const QLatin1String kReason("reason");
const QLatin1String kTicket("ticket");

// Collects problems; past the limit it only counts them (see ChangeImportLimits::maxListedProblems).
class ProblemList
{
public:
    explicit ProblemList(int maxListed) : m_maxListed(maxListed) {}

    void add(int line, const QString &column, const QString &message)
    {
        if (m_problems.size() >= m_maxListed) {
            ++m_unlisted;
            return;
        }
        m_problems.append(ImportProblem{line, column, message});
    }
    bool isEmpty() const { return m_problems.isEmpty(); }
    qsizetype count() const { return m_problems.size() + m_unlisted; }

    QList<ImportProblem> take()
    {
        std::stable_sort(m_problems.begin(), m_problems.end(),
                         [](const ImportProblem &a, const ImportProblem &b) { return a.line < b.line; });
        if (m_unlisted > 0) {
            m_problems.append(ImportProblem{
                0, QString(),
                ChangeImport::tr(
                    "%1 more problems are not listed; fix the ones above and check the file again")
                    .arg(m_unlisted)});
        }
        return std::move(m_problems);
    }

private:
    QList<ImportProblem> m_problems;
    qsizetype m_unlisted = 0;
    int m_maxListed;
};

// A value as shown inside a message: one line, and short enough that a pasted novel stays readable.
QString shown(const QString &value)
{
    constexpr qsizetype kMaxShown = 80;
    QString text = value;
    for (QChar &c : text) {
        if (c == QLatin1Char('\r') || c == QLatin1Char('\n') || c == QLatin1Char('\t'))
            c = QLatin1Char(' ');
    }
    if (text.size() > kMaxShown)
        text = text.left(kMaxShown) + QChar(0x2026);
    return QLatin1Char('\'') + text + QLatin1Char('\'');
}

// Length of the valid UTF-8 sequence at `i`, 0 when invalid (overlong forms, surrogates, > U+10FFFF and
// truncated sequences included): those are what a Windows-1252 "CSV" export looks like.
int utf8SequenceLength(const QByteArray &bytes, qsizetype i)
{
    const auto at = [&](qsizetype k) -> uchar { return k < bytes.size() ? uchar(bytes[k]) : 0; };
    const auto continuation = [](uchar b, uchar low = 0x80, uchar high = 0xBF) {
        return b >= low && b <= high;
    };
    const uchar b0 = at(i);
    if (b0 < 0x80)
        return 1;
    if (b0 >= 0xC2 && b0 <= 0xDF)
        return continuation(at(i + 1)) ? 2 : 0;
    if (b0 >= 0xE0 && b0 <= 0xEF) {
        const uchar low = b0 == 0xE0 ? 0xA0 : 0x80;
        const uchar high = b0 == 0xED ? 0x9F : 0xBF;
        return continuation(at(i + 1), low, high) && continuation(at(i + 2)) ? 3 : 0;
    }
    if (b0 >= 0xF0 && b0 <= 0xF4) {
        const uchar low = b0 == 0xF0 ? 0x90 : 0x80;
        const uchar high = b0 == 0xF4 ? 0x8F : 0xBF;
        return continuation(at(i + 1), low, high) && continuation(at(i + 2)) && continuation(at(i + 3)) ? 4
                                                                                                        : 0;
    }
    return 0;
}

// Reports each physical line holding invalid UTF-8 or a NUL byte once. Line breaks are counted exactly
// as CsvReader counts them, so the numbers match the ones the row checks use.
// Reports every line that is not valid UTF-8 and returns their numbers. *sawNul: a NUL byte, which means
// UTF-16 or not a text file at all, where nothing else in the file can be read meaningfully.
QSet<int> checkEncoding(const QByteArray &bytes, ProblemList &problems, bool *sawNul)
{
    QSet<int> badLines;
    int line = 1;
    int lastReportedLine = 0;
    qsizetype lineStart = 0;
    for (qsizetype i = 0; i < bytes.size();) {
        const uchar b = uchar(bytes[i]);
        if (b == '\n' || b == '\r') {
            if (b == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n')
                ++i;
            ++i;
            ++line;
            lineStart = i;
            continue;
        }
        const int length = b == 0 ? 0 : utf8SequenceLength(bytes, i);
        if (length > 0) {
            i += length;
            continue;
        }
        *sawNul = *sawNul || b == 0;
        if (line != lastReportedLine) {
            lastReportedLine = line;
            badLines.insert(line);
            const QString position = QString::number(i - lineStart + 1);
            if (b == 0) {
                problems.add(
                    line, QString(),
                    ChangeImport::tr("this line contains a NUL byte (at byte %1): the file looks like "
                                     "UTF-16 or is not a text file; save it as \"CSV UTF-8\"")
                        .arg(position));
            } else {
                problems.add(
                    line, QString(),
                    ChangeImport::tr("this line is not valid UTF-8 (byte 0x%1 at byte %2); the file "
                                     "was probably saved in a legacy encoding; save it as \"CSV UTF-8\"")
                        .arg(QString::number(b, 16).toUpper(), position));
            }
        }
        ++i;
    }
    return badLines;
}

QString quoteProblemMessage(const CsvRecord &record, const QStringList &header)
{
    const int index = record.problemCell - 1;
    const QString column =
        index >= 0 && index < header.size() && !header.at(index).isEmpty()
            ? ChangeImport::tr("column %1 (%2)").arg(record.problemCell).arg(header.at(index))
            : ChangeImport::tr("column %1").arg(record.problemCell);
    switch (record.problem) {
    case CsvRecord::Problem::UnterminatedQuote:
        return ChangeImport::tr("the quoted cell in %1 starts on this line and is never closed; add the "
                                "closing double quote (\")")
            .arg(column);
    case CsvRecord::Problem::TextAfterClosingQuote:
        return ChangeImport::tr("there is text after the closing double quote in %1; put the whole cell in "
                                "double quotes and write every quote inside it twice (\"\")")
            .arg(column);
    case CsvRecord::Problem::QuoteInUnquotedCell:
        return ChangeImport::tr("%1 contains a double quote but is not quoted; put the whole cell in double "
                                "quotes and write the quote twice (\"\")")
            .arg(column);
    case CsvRecord::Problem::None:
        break;
    }
    return QString();
}

struct Header
{
    QStringList names; // trimmed, lower case, one per column of the file
    int mailbox = -1;
    int to = -1;
    int reason = -1;
    int ticket = -1;
    bool usable() const { return mailbox >= 0 && to >= 0 && reason >= 0; }
};

// A lone header cell like "mailbox;to;reason" is a spreadsheet in a locale that separates with ';'.
bool looksLikeOtherSeparator(const QStringList &cells, QChar *separator)
{
    if (cells.size() != 1)
        return false;
    const QString only = cells.front().trimmed();
    if (only.size() == 5 && only.startsWith(QLatin1String("sep="), Qt::CaseInsensitive)) {
        *separator = only.back(); // Excel's separator hint line, for a separator other than ','
        return true;
    }
    for (const QChar candidate : {QLatin1Char(';'), QLatin1Char('\t'), QLatin1Char('|')}) {
        const QStringList parts = cells.front().toLower().split(candidate);
        for (const QString &part : parts) {
            const QString name = part.trimmed();
            if (name == kMailbox || name == kTo || name == kReason) {
                *separator = candidate;
                return true;
            }
        }
    }
    return false;
}

Header readHeader(const CsvRecord &record, ProblemList &problems)
{
    Header header;
    const QString fix = ChangeImport::tr("the first line must name the columns, for example %1")
                            .arg(ChangeImport::headerExample());
    QChar separator;
    if (looksLikeOtherSeparator(record.cells, &separator)) {
        const QString shownSeparator =
            separator == QLatin1Char('\t') ? ChangeImport::tr("tabs") : QStringLiteral("'%1'").arg(separator);
        problems.add(record.line, QString(),
                     ChangeImport::tr("the columns are separated by %1, not by commas; save the file as "
                                      "\"CSV UTF-8 (comma delimited)\"")
                         .arg(shownSeparator));
        return header;
    }

    for (const QString &cell : record.cells)
        header.names.append(cell.trimmed().toLower());
    if (record.problem != CsvRecord::Problem::None) {
        problems.add(record.problemLine, QString(), quoteProblemMessage(record, header.names));
        return Header();
    }

    QHash<QString, int *> known{
        {kMailbox, &header.mailbox}, {kTo, &header.to}, {kReason, &header.reason}, {kTicket, &header.ticket}};
    QStringList unknown;
    for (int i = 0; i < header.names.size(); ++i) {
        const QString &name = header.names.at(i);
        if (name.isEmpty()) {
            problems.add(record.line, QString(),
                         ChangeImport::tr("column %1 of the header has no name; name it (%2) or remove the "
                                          "extra comma")
                             .arg(i + 1)
                             .arg(ChangeImport::headerExample()));
            continue;
        }
        int *slot = known.value(name, nullptr);
        if (!slot) {
            unknown.append(name);
            continue;
        }
        if (*slot >= 0) {
            problems.add(
                record.line, name,
                ChangeImport::tr("the header names the column %1 twice (columns %2 and %3); keep one")
                    .arg(shown(name))
                    .arg(*slot + 1)
                    .arg(i + 1));
            continue;
        }
        *slot = i;
    }

    if (header.mailbox < 0 && header.to < 0 && header.reason < 0 && header.ticket < 0) {
        problems.add(
            record.line, QString(),
            ChangeImport::tr("this line is not a header (no column is named mailbox, to or reason); %1")
                .arg(fix));
        return Header();
    }
    for (const QString &name : std::as_const(unknown)) {
        problems.add(
            record.line, name,
            ChangeImport::tr("the header has an unknown column %1; the columns are mailbox, to, reason "
                             "and optionally ticket; remove or rename it")
                .arg(shown(name)));
    }
    for (const QLatin1String required : {kMailbox, kTo, kReason}) {
        if (*known.value(required) >= 0)
            continue;
        problems.add(record.line, required,
                     ChangeImport::tr("the header has no '%1' column; %2").arg(required, fix));
    }
    return header;
}

// Remembers each target's first row so a second row for the same mailbox names both lines.
struct TargetSeen
{
    int line = 0;
    QString mailboxText;
};

// Resolved rows compare by Guid, so an address and a Guid naming one mailbox are caught too; rows that
// name no known mailbox compare by their case-folded text.
class TargetRegister
{
public:
    // Returns the first row seen for the same target, or nullptr after registering this one as the first.
    const TargetSeen *firstSeen(const QString &mailboxText, const std::optional<Mailbox> &resolved, int line)
    {
        if (resolved)
            return registerIn(m_byGuid, resolved->guid, mailboxText, line);
        return registerIn(m_byText, mailboxText.toCaseFolded(), mailboxText, line);
    }

private:
    template <typename Key>
    static const TargetSeen *registerIn(QHash<Key, TargetSeen> &seen, const Key &key, const QString &text,
                                        int line)
    {
        const auto existing = seen.constFind(key);
        if (existing != seen.constEnd())
            return &existing.value();
        seen.insert(key, TargetSeen{line, text});
        return nullptr;
    }

    QHash<QUuid, TargetSeen> m_byGuid;
    QHash<QString, TargetSeen> m_byText;
};

} // namespace

QString ImportProblem::describe() const
{
    if (line <= 0)
        return message;
    return ChangeImport::tr("line %1: %2").arg(line).arg(message);
}

QStringList ChangeImportResult::describeProblems() const
{
    QStringList lines;
    lines.reserve(problems.size());
    for (const ImportProblem &problem : problems)
        lines.append(problem.describe());
    return lines;
}

QString ChangeImport::headerExample()
{
    return QStringLiteral("mailbox,to,reason,ticket");
}

ChangeImportResult ChangeImport::parse(const QByteArray &fileBytes, const MailboxResolver &resolver,
                                       const ChangeImportLimits &limits)
{
    ChangeImportResult result;
    ProblemList problems(std::max(1, limits.maxListedProblems));
    const auto finish = [&]() {
        result.problems = problems.take();
        if (!result.problems.isEmpty())
            result.changes.clear();
        qCDebug(lcChangeImport) << "import file checked:" << result.changes.size() << "changes,"
                                << result.problems.size() << "problems";
        return result;
    };
    const QString emptyFile =
        tr("the file is empty; it needs a header line (%1) and one row per change").arg(headerExample());

    if (fileBytes.size() > limits.maxFileBytes) {
        problems.add(0, QString(),
                     tr("the file is %1 bytes; the limit is %2 bytes; split it into smaller files")
                         .arg(fileBytes.size())
                         .arg(limits.maxFileBytes));
        return finish();
    }
    if (fileBytes.startsWith("\xFF\xFE") || fileBytes.startsWith("\xFE\xFF")) {
        problems.add(0, QString(),
                     tr("the file is UTF-16; save it as UTF-8 (in Excel: \"CSV UTF-8 (comma delimited)\")"));
        return finish();
    }
    QByteArray body = fileBytes;
    if (body.startsWith("\xEF\xBB\xBF"))
        body.remove(0, 3);
    bool sawNul = false;
    // A badly encoded line is reported and skipped; the rest of the file is still checked, so one
    // wrong character does not hide every other problem.
    const QSet<int> badLines = checkEncoding(body, problems, &sawNul);
    if (sawNul)
        return finish();

    const QString text = QString::fromUtf8(body);
    CsvReader reader(text);
    CsvRecord headerRecord;
    bool haveHeader = false;
    while (!reader.atEnd()) {
        headerRecord = reader.next();
        // Excel writes and honours a "sep=," first line; it carries no column names.
        if (headerRecord.problem == CsvRecord::Problem::None && headerRecord.cells.size() == 2 &&
            headerRecord.cells.front().trimmed().compare(QLatin1String("sep="), Qt::CaseInsensitive) == 0 &&
            headerRecord.cells.back().trimmed().isEmpty())
            continue;
        if (headerRecord.problem != CsvRecord::Problem::None || !headerRecord.isBlank()) {
            haveHeader = true;
            break;
        }
    }
    if (!haveHeader) {
        problems.add(0, QString(), emptyFile);
        return finish();
    }

    const Header header = readHeader(headerRecord, problems);
    if (!header.usable())
        return finish();
    const int columnCount = int(header.names.size());

    TargetRegister targets;
    int rowCount = 0;
    while (!reader.atEnd()) {
        const CsvRecord record = reader.next();
        if (record.problem == CsvRecord::Problem::None && record.isBlank())
            continue;
        if (++rowCount > limits.maxRows) {
            problems.add(
                record.line, QString(),
                tr("the file has more than %1 rows; split it into smaller files").arg(limits.maxRows));
            break;
        }
        if (badLines.contains(record.line))
            continue; // already reported; its mangled text would only add "not found" noise
        // A row with broken quoting or a wrong cell count has its cells in the wrong columns: checking
        // them would only add misleading messages on top of the real one.
        if (record.problem != CsvRecord::Problem::None) {
            problems.add(record.problemLine, QString(), quoteProblemMessage(record, header.names));
            continue;
        }
        if (record.cells.size() != columnCount) {
            const QString expected = header.names.join(QLatin1Char(','));
            const QString message =
                record.cells.size() > columnCount
                    ? tr("this row has %1 cells but the header has %2 columns (%3); put a cell that contains "
                         "a "
                         "comma in double quotes")
                    : tr("this row has %1 cells but the header has %2 columns (%3); add the missing cells");
            problems.add(record.line, QString(),
                         message.arg(record.cells.size()).arg(columnCount).arg(expected));
            continue;
        }

        const auto cell = [&](int index) {
            return index >= 0 ? record.cells.at(index).trimmed() : QString();
        };
        ImportedChange change;
        change.line = record.line;
        change.mailboxText = cell(header.mailbox);
        change.reason = cell(header.reason);
        change.ticket = cell(header.ticket);
        const QString toText = cell(header.to);
        bool rowOk = true;
        const auto reject = [&](const QLatin1String column, const QString &message) {
            problems.add(record.line, column, message);
            rowOk = false;
        };

        if (change.mailboxText.isEmpty()) {
            reject(kMailbox, tr("the mailbox cell is empty; write the mailbox's address, UPN, Guid or "
                                "ExternalDirectoryObjectId"));
        } else {
            const std::optional<Mailbox> resolved = resolver ? resolver(change.mailboxText) : std::nullopt;
            if (resolved)
                change.mailbox = *resolved;
            else
                reject(kMailbox, tr("mailbox %1 was not found; check the spelling, or use its primary SMTP "
                                    "address or Guid")
                                     .arg(shown(change.mailboxText)));
            if (const TargetSeen *seen = targets.firstSeen(change.mailboxText, resolved, record.line)) {
                if (seen->mailboxText.compare(change.mailboxText, Qt::CaseInsensitive) == 0) {
                    reject(kMailbox, tr("mailbox %1 is already changed on line %2; keep one row per mailbox")
                                         .arg(shown(change.mailboxText))
                                         .arg(seen->line));
                } else {
                    reject(kMailbox,
                           tr("mailbox %1 is the same mailbox as %2 on line %3; keep one row per mailbox")
                               .arg(shown(change.mailboxText), shown(seen->mailboxText))
                               .arg(seen->line));
                }
            }
        }

        if (toText.isEmpty())
            reject(kTo, tr("the 'to' cell is empty; write enabled, disabled or inherit"));
        else if (!overrideFromName(toText, &change.to))
            reject(kTo, tr("'to' is %1; write enabled, disabled or inherit").arg(shown(toText)));

        if (change.reason.isEmpty()) {
            reject(kReason,
                   tr("the reason is empty; every change needs a reason (it is kept in the journal), "
                      "for example the ticket or the device that needs SMTP AUTH"));
        }

        if (rowOk)
            result.changes.append(change);
    }

    if (rowCount == 0)
        problems.add(0, QString(),
                     tr("the file has a header but no rows; add one row per change below the header"));
    return finish();
}

MailboxResolver ChangeImport::resolverOver(const MailboxStore &store)
{
    auto rowByText = std::make_shared<QHash<QString, int>>();
    auto rowByExternalId = std::make_shared<QHash<QUuid, int>>();
    rowByText->reserve(store.size() * 2);
    for (int row = 0; row < store.size(); ++row) {
        // First row wins, in row order, as in MailboxStore::findByIdentifier's scan.
        for (const QStringView text : {store.primarySmtpAddress(row), store.alias(row)}) {
            const QString key = text.toString().toCaseFolded();
            if (!key.isEmpty() && !rowByText->contains(key))
                rowByText->insert(key, row);
        }
        const QUuid externalId = store.externalDirectoryObjectId(row);
        if (!externalId.isNull() && !rowByExternalId->contains(externalId))
            rowByExternalId->insert(externalId, row);
    }
    return [&store, rowByText, rowByExternalId](const QString &identifier) -> std::optional<Mailbox> {
        const QString trimmed = identifier.trimmed();
        if (trimmed.isEmpty())
            return std::nullopt;
        int row = -1;
        const QUuid asUuid = QUuid::fromString(trimmed);
        if (!asUuid.isNull()) {
            row = store.rowOfGuid(asUuid);
            if (row < 0)
                row = rowByExternalId->value(asUuid, -1);
        } else {
            row = rowByText->value(trimmed.toCaseFolded(), -1);
        }
        if (row < 0)
            return std::nullopt;
        return store.at(row);
    };
}

} // namespace smtpauth
