// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringView>
#include <QUuid>
#include <optional>

// The value types of the change journal (product.md: Change, Batch, Journal). They carry machine words
// for before/after values (inherit | enabled | disabled, see smtpauthpolicy.h) so that the journal keeps
// exactly what the operator asked for, independent of how the wire encodes it.
namespace smtpauth {

enum class ChangeTargetKind : quint8
{
    Mailbox,
    Org
};

// intended -> sent -> applied | noop | failed | conflict | unknown.
// "unknown" means the request may or may not have reached the server (e.g. a timeout); it is an outcome
// of the attempt, and a later reconciliation records a further event rather than editing this one.
enum class ChangeState : quint8
{
    Intended,
    Sent,
    Applied,
    NoOp,
    Failed,
    Conflict,
    Unknown
};

enum class BatchKind : quint8
{
    Apply,
    Undo,
    Import,
    Org
};

// Whether the attempt is over. Intended and Sent are the states a crash can leave behind.
inline bool isFinal(ChangeState state)
{
    return state != ChangeState::Intended && state != ChangeState::Sent;
}

inline QString machineName(ChangeState state)
{
    switch (state) {
    case ChangeState::Intended:
        return QStringLiteral("intended");
    case ChangeState::Sent:
        return QStringLiteral("sent");
    case ChangeState::Applied:
        return QStringLiteral("applied");
    case ChangeState::NoOp:
        return QStringLiteral("noop");
    case ChangeState::Failed:
        return QStringLiteral("failed");
    case ChangeState::Conflict:
        return QStringLiteral("conflict");
    case ChangeState::Unknown:
        return QStringLiteral("unknown");
    }
    return QString();
}

inline QString machineName(ChangeTargetKind kind)
{
    return kind == ChangeTargetKind::Org ? QStringLiteral("org") : QStringLiteral("mailbox");
}

inline QString machineName(BatchKind kind)
{
    switch (kind) {
    case BatchKind::Apply:
        return QStringLiteral("apply");
    case BatchKind::Undo:
        return QStringLiteral("undo");
    case BatchKind::Import:
        return QStringLiteral("import");
    case BatchKind::Org:
        return QStringLiteral("org");
    }
    return QString();
}

// Case-insensitive parsers for the words above; false (and *out untouched) for anything else.
inline bool changeStateFromName(QStringView name, ChangeState *out)
{
    for (ChangeState s : {ChangeState::Intended, ChangeState::Sent, ChangeState::Applied, ChangeState::NoOp,
                          ChangeState::Failed, ChangeState::Conflict, ChangeState::Unknown}) {
        if (name.compare(machineName(s), Qt::CaseInsensitive) == 0) {
            *out = s;
            return true;
        }
    }
    return false;
}

inline bool changeTargetKindFromName(QStringView name, ChangeTargetKind *out)
{
    for (ChangeTargetKind k : {ChangeTargetKind::Mailbox, ChangeTargetKind::Org}) {
        if (name.compare(machineName(k), Qt::CaseInsensitive) == 0) {
            *out = k;
            return true;
        }
    }
    return false;
}

inline bool batchKindFromName(QStringView name, BatchKind *out)
{
    for (BatchKind k : {BatchKind::Apply, BatchKind::Undo, BatchKind::Import, BatchKind::Org}) {
        if (name.compare(machineName(k), Qt::CaseInsensitive) == 0) {
            *out = k;
            return true;
        }
    }
    return false;
}

struct BatchRecord
{
    qint64 id = 0;        // assigned by the journal
    QDateTime createdUtc; // stamped by the journal's clock
    QString operatorUpn;
    QString tenantId;
    QString reason;
    QString ticket;
    BatchKind kind = BatchKind::Apply;
    qint64 undoOfBatch = 0;  // 0 = not an undo of a batch
    qint64 undoOfChange = 0; // 0 = not an undo of a single change
    friend bool operator==(const BatchRecord &, const BatchRecord &) = default;
};

struct ChangeRecord
{
    qint64 id = 0; // assigned by the journal
    qint64 batchId = 0;
    ChangeTargetKind targetKind = ChangeTargetKind::Mailbox;
    QUuid targetGuid;                          // null for the org target
    QString targetAddress;                     // as it was at the time of the change
    QString targetDisplayName;                 // as it was at the time of the change
    QString before, after;                     /* machine words: inherit|enabled|disabled */
    ChangeState state = ChangeState::Intended; // of the latest event
    QString serverMessage, clientRequestId;    // of the latest event
    QDateTime createdUtc, updatedUtc;          // first event, latest event
    QString reason, ticket; // this change's own (a CSV import row has them); empty: the batch's apply
    friend bool operator==(const ChangeRecord &, const ChangeRecord &) = default;
};

// One outcome to append to a change's trail.
struct ChangeOutcome
{
    qint64 changeId = 0;
    ChangeState state = ChangeState::Sent;
    QString serverMessage;
    QString clientRequestId;
};

// One row of a change's trail.
struct ChangeEvent
{
    qint64 sequence = 0; // the journal-wide sequence number of the row
    qint64 changeId = 0;
    ChangeState state = ChangeState::Intended;
    QString serverMessage;
    QString clientRequestId;
    QDateTime timeUtc;
    friend bool operator==(const ChangeEvent &, const ChangeEvent &) = default;
};

struct HistoryEntry
{
    ChangeRecord change;
    BatchRecord batch;
    friend bool operator==(const HistoryEntry &, const HistoryEntry &) = default;
};

struct VerifyResult
{
    bool ok = false;
    qint64 rowsChecked = 0;
    QString firstProblem;        // empty when ok
    qint64 firstBadSequence = 0; // 0 when ok or when the problem is not tied to one row
};

// User-facing ids: batches "B<id>", changes "C<id>" (parsing accepts either case).
enum class JournalLabelKind : quint8
{
    Batch,
    Change
};

struct JournalLabel
{
    JournalLabelKind kind = JournalLabelKind::Change;
    qint64 id = 0;
    friend bool operator==(const JournalLabel &, const JournalLabel &) = default;
};

inline QString batchLabel(qint64 id)
{
    return QLatin1Char('B') + QString::number(id);
}

inline QString changeLabel(qint64 id)
{
    return QLatin1Char('C') + QString::number(id);
}

// "B12" | "C345" | "b12" -> {kind, id}; nullopt for anything else (including ids <= 0 and signs).
inline std::optional<JournalLabel> parseLabel(QStringView text)
{
    const QStringView trimmed = text.trimmed();
    if (trimmed.size() < 2)
        return std::nullopt;
    JournalLabel label;
    const QChar prefix = trimmed.front().toUpper();
    if (prefix == QLatin1Char('B'))
        label.kind = JournalLabelKind::Batch;
    else if (prefix == QLatin1Char('C'))
        label.kind = JournalLabelKind::Change;
    else
        return std::nullopt;
    const QStringView digits = trimmed.mid(1);
    for (QChar c : digits) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return std::nullopt;
    }
    bool ok = false;
    label.id = digits.toLongLong(&ok);
    if (!ok || label.id <= 0)
        return std::nullopt;
    return label;
}

} // namespace smtpauth

Q_DECLARE_METATYPE(smtpauth::ChangeState)
Q_DECLARE_METATYPE(smtpauth::ChangeTargetKind)
Q_DECLARE_METATYPE(smtpauth::BatchKind)
