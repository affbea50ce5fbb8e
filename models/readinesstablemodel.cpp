// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/readinesstablemodel.h"

#include "models/mailboxtablemodel.h"
#include "models/naturalorder.h"
#include "models/signinaggregate.h"
#include "models/smtpauthclientsreport.h"

#include <QDateTime>
#include <algorithm>
#include <numeric>

namespace smtpauth {

namespace {
// The class column sorts by urgency, not by name: what breaks first comes first.
int urgency(ReadinessClass readinessClass)
{
    switch (readinessClass) {
    case ReadinessClass::BreaksAtCutoff:
        return 0;
    case ReadinessClass::BlockedNow:
        return 1;
    case ReadinessClass::UnclearAuth:
        return 2;
    case ReadinessClass::StaleException:
        return 3;
    case ReadinessClass::Unknown:
        return 4;
    case ReadinessClass::OAuthOnly:
        return 5;
    case ReadinessClass::NoUse:
        return 6;
    }
    return 7;
}

template <typename T> int threeWay(const T &a, const T &b)
{
    return a < b ? -1 : (b < a ? 1 : 0);
}
} // namespace

ReadinessTableModel::ReadinessTableModel(MailboxTableModel *mailboxes, QObject *parent)
    : QAbstractTableModel(parent), m_mailboxes(mailboxes)
{
    connect(mailboxes, &QAbstractItemModel::modelAboutToBeReset, this, &ReadinessTableModel::dropReport);
}

void ReadinessTableModel::dropReport()
{
    if (!m_report)
        return;
    beginResetModel();
    m_report.reset();
    m_signIns = nullptr;
    m_order.clear();
    m_shown.clear();
    endResetModel();
}

void ReadinessTableModel::setReport(std::shared_ptr<const ReadinessReport> report,
                                    const SignInAggregate *signIns)
{
    beginResetModel();
    m_report = std::move(report);
    m_signIns = signIns;
    // A report built over another store size is not for this list (a load replaced it meanwhile).
    if (m_report && (!m_mailboxes || int(m_report->rows().size()) != m_mailboxes->store().size()))
        m_report.reset();
    rebuildOrder();
    refilter(false);
    endResetModel();
}

void ReadinessTableModel::setClassFilter(std::optional<ReadinessClass> readinessClass)
{
    if (m_classFilter == readinessClass)
        return;
    beginResetModel();
    m_classFilter = readinessClass;
    refilter(false);
    endResetModel();
}

void ReadinessTableModel::setSearchText(const QString &text)
{
    if (text == m_searchText)
        return;
    const QByteArray needle = MailboxStore::searchNeedle(text);
    // Another letter typed: only the rows that matched before can match now.
    const bool narrows = !m_needle.isEmpty() && needle.contains(m_needle);
    beginResetModel();
    m_searchText = text;
    m_needle = needle;
    refilter(narrows);
    endResetModel();
}

void ReadinessTableModel::sort(int column, Qt::SortOrder order)
{
    beginResetModel();
    m_sortColumn = column;
    m_sortOrder = order;
    rebuildOrder();
    refilter(false);
    endResetModel();
}

int ReadinessTableModel::compare(int left, int right) const
{
    const MailboxStore &store = m_mailboxes->store();
    const ReadinessReport::Row &a = m_report->rowForMailbox(left);
    const ReadinessReport::Row &b = m_report->rowForMailbox(right);
    switch (m_sortColumn) {
    case ClassColumn:
        return threeWay(urgency(a.readinessClass), urgency(b.readinessClass));
    case DisplayNameColumn:
        return NaturalOrder::compare(store.foldedDisplayName(left), store.foldedDisplayName(right));
    case AddressColumn:
        return NaturalOrder::compare(store.foldedAddress(left), store.foldedAddress(right));
    case EffectiveColumn: {
        const Effective ea = resolveEffective(store.smtpAuthOverride(left), m_report->orgSetting());
        const Effective eb = resolveEffective(store.smtpAuthOverride(right), m_report->orgSetting());
        return threeWay(std::pair(int(ea.state), int(ea.source)), std::pair(int(eb.state), int(eb.source)));
    }
    case BasicNowColumn:
        return threeWay(int(a.basicNow.verdict()), int(b.basicNow.verdict()));
    case DecidedByColumn: {
        const auto la = ReadinessReport::decidedBy(a);
        const auto lb = ReadinessReport::decidedBy(b);
        return threeWay(la ? int(*la) : -1, lb ? int(*lb) : -1);
    }
    case BasicSignInsColumn:
        return threeWay(a.basicSignIns, b.basicSignIns);
    case BasicFailuresColumn:
        return threeWay(a.basicFailures, b.basicFailures);
    case LastBasicSignInColumn:
        return threeWay(a.lastBasicSignInMs, b.lastBasicSignInMs);
    case SmtpAppUsedColumn:
        return threeWay(int(a.smtpAppUsed), int(b.smtpAppUsed));
    case ReportProtocolsColumn:
        return threeWay(a.reportProtocols, b.reportProtocols);
    default:
        return 0;
    }
}

void ReadinessTableModel::rebuildOrder()
{
    m_order.clear();
    if (!m_report)
        return;
    m_order.resize(m_report->rows().size());
    std::iota(m_order.begin(), m_order.end(), 0);
    if (m_sortColumn < 0 || m_sortColumn == ClientAddressesColumn || m_sortColumn == AdviceColumn)
        return;
    const bool descending = m_sortOrder == Qt::DescendingOrder;
    // Stable: ties keep the list's order, so a second sort refines the first.
    std::stable_sort(m_order.begin(), m_order.end(), [this, descending](int left, int right) {
        const int result = compare(left, right);
        return descending ? result > 0 : result < 0;
    });
}

bool ReadinessTableModel::accepts(int mailboxRow) const
{
    if (m_classFilter && m_report->rowForMailbox(mailboxRow).readinessClass != *m_classFilter)
        return false;
    return m_needle.isEmpty() || m_mailboxes->store().matchesNeedle(mailboxRow, m_needle);
}

void ReadinessTableModel::refilter(bool onlyShown)
{
    if (!m_report) {
        m_shown.clear();
        return;
    }
    std::vector<int> shown;
    const std::vector<int> &candidates = onlyShown ? m_shown : m_order;
    shown.reserve(candidates.size());
    for (int mailboxRow : candidates) {
        if (accepts(mailboxRow))
            shown.push_back(mailboxRow);
    }
    m_shown = std::move(shown);
}

QList<int> ReadinessTableModel::shownMailboxRowList() const
{
    return QList<int>(m_shown.begin(), m_shown.end());
}

int ReadinessTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_shown.size());
}

int ReadinessTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReadinessTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !m_report || index.row() >= int(m_shown.size()))
        return {};
    const int mailboxRow = m_shown[size_t(index.row())];
    const MailboxStore &store = m_mailboxes->store();
    if (mailboxRow >= store.size())
        return {};
    const ReadinessReport::Row &entry = m_report->rowForMailbox(mailboxRow);
    if (role == GuidRole)
        return store.guid(mailboxRow);
    if (role == ClassRole)
        return QVariant::fromValue(entry.readinessClass);
    if (role == MailboxRowRole)
        return mailboxRow;
    if (role == Qt::TextAlignmentRole) {
        const int column = index.column();
        if (column == BasicSignInsColumn || column == BasicFailuresColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    if (role == Qt::ToolTipRole && index.column() == ClassColumn)
        return adviceText(entry.readinessClass);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case ClassColumn:
        return displayText(entry.readinessClass);
    case DisplayNameColumn:
        return store.displayName(mailboxRow).toString();
    case AddressColumn:
        return store.primarySmtpAddress(mailboxRow).toString();
    case EffectiveColumn: {
        const Effective effective =
            resolveEffective(store.smtpAuthOverride(mailboxRow), m_report->orgSetting());
        return tr("%1 (%2)").arg(displayText(effective.state), displayText(effective.source));
    }
    case BasicNowColumn:
        return displayText(entry.basicNow.verdict());
    case DecidedByColumn: {
        const std::optional<ReadinessLayer> layer = ReadinessReport::decidedBy(entry);
        return layer ? displayText(*layer) : QString();
    }
    case BasicSignInsColumn:
        return entry.basicSignIns;
    case BasicFailuresColumn:
        return entry.basicFailures;
    case LastBasicSignInColumn:
        return entry.lastBasicSignInMs == 0 ? QString()
                                            : QDateTime::fromMSecsSinceEpoch(entry.lastBasicSignInMs, Qt::UTC)
                                                  .toLocalTime()
                                                  .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    case ClientAddressesColumn:
        return ReadinessReport::topAddressesText(entry, m_signIns);
    case SmtpAppUsedColumn:
        return entry.smtpAppUsed ? tr("Yes") : QString();
    case ReportProtocolsColumn:
        return SmtpAuthClientsReport::protocolNames(entry.reportProtocols).join(QStringLiteral(", "));
    case AdviceColumn:
        return adviceText(entry.readinessClass);
    }
    return {};
}

QVariant ReadinessTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ClassColumn:
        return tr("Readiness");
    case DisplayNameColumn:
        return tr("Display name");
    case AddressColumn:
        return tr("Address");
    case EffectiveColumn:
        return tr("Effective (source)");
    case BasicNowColumn:
        return tr("Basic now");
    case DecidedByColumn:
        return tr("Decided by");
    case BasicSignInsColumn:
        return tr("Basic sign-ins");
    case BasicFailuresColumn:
        return tr("Failed");
    case LastBasicSignInColumn:
        return tr("Last Basic sign-in");
    case ClientAddressesColumn:
        return tr("Top client IPs");
    case SmtpAppUsedColumn:
        return tr("SMTP AUTH used");
    case ReportProtocolsColumn:
        return tr("Report protocols");
    case AdviceColumn:
        return tr("What to do");
    }
    return {};
}

} // namespace smtpauth
