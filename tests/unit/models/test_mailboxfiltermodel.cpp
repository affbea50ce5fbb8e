// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "models/mailboxfiltermodel.h"
#include "models/mailboxtablemodel.h"
#include "naturalreference.h"
#include "readinesstestdata.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>
#include <algorithm>

using namespace smtpauth;

namespace {
Mailbox mailbox(int n, const QString &name, const QString &address, Override value)
{
    Mailbox m;
    m.guid = QUuid::createUuidV5(QUuid(), QString::number(n));
    m.displayName = name;
    m.primarySmtpAddress = address;
    m.alias = address.section(QLatin1Char('@'), 0, 0);
    m.smtpAuthOverride = value;
    return m;
}

// What the proxy must show, computed the slow, obvious way: every source row through the row test,
// then a stable sort on the displayed value (natural and case-insensitive for names and addresses).
QList<int> expectedRows(const MailboxFilterModel &filter)
{
    const MailboxTableModel &source = *filter.mailboxModel();
    QList<int> rows;
    for (int row = 0; row < source.rowCount(); ++row) {
        if (filter.acceptsMailboxRow(row))
            rows << row;
    }
    const int column = filter.sortColumn();
    auto key = [&](int row) -> QString {
        switch (column) {
        case MailboxTableModel::DisplayNameColumn:
        case MailboxTableModel::AddressColumn:
            return source.index(row, column).data().toString().toCaseFolded();
        case MailboxTableModel::OverrideColumn:
            return QString::number(int(source.store().smtpAuthOverride(row)));
        case MailboxTableModel::EffectiveColumn:
            return QString::number(int(source.effectiveAt(row).state));
        case MailboxTableModel::SourceColumn:
            return QString::number(int(source.effectiveAt(row).source));
        case MailboxTableModel::BasicNowColumn: // in the enum's order: allowed, blocked, unknown
            return QString::number(int(source.basicNowAt(row).verdict()));
        case MailboxTableModel::DecidedByColumn: { // the shown layer (none first, then the table's order),
                                                   // then the verdict
            const PackedVerdict verdict = source.basicNowAt(row);
            const std::optional<ReadinessLayer> layer = verdict.shownLayer();
            return QString::number(layer ? int(*layer) + 1 : 0) + QString::number(int(verdict.verdict()));
        }
        default:
            return QString();
        }
    };
    const bool descending = filter.sortOrder() == Qt::DescendingOrder;
    const bool natural =
        column == MailboxTableModel::DisplayNameColumn || column == MailboxTableModel::AddressColumn;
    std::stable_sort(rows.begin(), rows.end(), [&](int a, int b) {
        const int order = natural ? naturalreference::compare(source.index(a, column).data().toString(),
                                                              source.index(b, column).data().toString())
                                  : key(a).compare(key(b));
        return descending ? order > 0 : order < 0;
    });
    return rows;
}

QList<int> shownRows(const MailboxFilterModel &filter)
{
    QList<int> rows;
    for (int row = 0; row < filter.rowCount(); ++row) {
        const QModelIndex proxy = filter.index(row, 1);
        const QModelIndex source = filter.mapToSource(proxy);
        if (filter.mapFromSource(source) != proxy)
            return {-1}; // the two mappings disagree
        rows << source.row();
    }
    return rows;
}

// Users for some of the mailboxes numbered 100.. (joined by Guid): own policies that block or allow,
// and a Conditional Access block on a group, with the group read or not.
std::shared_ptr<const TenantDirectory> randomDirectory(QRandomGenerator &random)
{
    auto directory = std::make_shared<TenantDirectory>(readinesstest::readDirectory());
    directory->clearUsers();
    QList<QUuid> members;
    for (int n = 100; n < 1000; ++n) {
        if (random.bounded(3) == 0)
            continue;
        const QUuid userId = QUuid::createUuidV5(QUuid(), QStringLiteral("user%1").arg(n));
        const int policy = random.bounded(4);
        directory->addUser(userId, QUuid::createUuidV5(QUuid(), QString::number(n)), {},
                           policy == 0   ? u"Block Basic Auth"
                           : policy == 1 ? u"Allow Basic"
                                         : u"");
        if (random.bounded(4) == 0)
            members.append(userId);
    }
    directory->finishUsers();
    directory->setUsersStatus(SourceStatus::read());
    readinesstest::setPolicies(
        *directory, {readinesstest::with(readinesstest::blockLegacyPolicy(),
                                         QStringLiteral("conditions.users.excludeGroups"),
                                         readinesstest::strings({readinesstest::kGroup.toString()}))});
    if (random.bounded(2))
        directory->setGroupMembers(readinesstest::kGroup, members, SourceStatus::read());
    if (random.bounded(3) == 0)
        directory->setSecurityDefaultsStatus({});
    return directory;
}

QString randomName(QRandomGenerator &random)
{
    static const QStringList first{QStringLiteral("Anna"), QStringLiteral("anne"), QStringLiteral("Ángel"),
                                   QStringLiteral("Bob"),  QStringLiteral("ZOË"),  QStringLiteral("zoe"),
                                   QStringLiteral("José"), QStringLiteral("王"),   QStringLiteral("Scanner")};
    static const QStringList last{QStringLiteral("Müller"),     QStringLiteral("Núñez"),
                                  QStringLiteral("Floor 3"),    QStringLiteral("smith"),
                                  QStringLiteral("Smith"),      QStringLiteral("小明"),
                                  QStringLiteral("Floor 3 10"), QStringLiteral("Floor 03 2")};
    return first.at(random.bounded(int(first.size()))) + QLatin1Char(' ') +
           last.at(random.bounded(int(last.size())));
}

QStringList shownAddresses(const QAbstractItemModel &model)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out << model.index(row, MailboxTableModel::AddressColumn).data().toString();
    return out;
}
} // namespace

class TestMailboxFilterModel : public QObject
{
    Q_OBJECT
private:
    MailboxTableModel *m_source = nullptr;
    MailboxFilterModel *m_filter = nullptr;

private Q_SLOTS:
    void init()
    {
        m_source = new MailboxTableModel(this);
        m_filter = new MailboxFilterModel(this);
        m_filter->setMailboxModel(m_source);
        m_source->appendMailboxes({
            mailbox(1, QStringLiteral("Anna Müller"), QStringLiteral("anna@contoso.com"), Override::Inherit),
            mailbox(2, QStringLiteral("Scanner Floor 3"), QStringLiteral("scanner3@contoso.com"),
                    Override::Enabled),
            mailbox(3, QStringLiteral("José Núñez"), QStringLiteral("jose@contoso.com"), Override::Disabled),
            mailbox(4, QStringLiteral("Printer"), QStringLiteral("printer@contoso.com"), Override::Enabled),
        });
        m_source->setOrgSetting(OrgSetting::Disabled);
    }
    void cleanup()
    {
        delete m_filter;
        delete m_source;
    }

    void passesModelTester()
    {
        QAbstractItemModelTester tester(m_filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_filter->setSearchText(QStringLiteral("a"));
        m_filter->setEffectiveFilter(EffectiveState::Enabled);
        m_filter->sort(MailboxTableModel::DisplayNameColumn);
        m_source->setOverride(m_source->store().guid(0), Override::Enabled);
        m_filter->setEffectiveFilter(std::nullopt);
    }

    void searchAnswersEachKeystroke()
    {
        m_filter->setSearchText(QStringLiteral("MÜL"));
        QCOMPARE(shownAddresses(*m_filter), QStringList{QStringLiteral("anna@contoso.com")});
        m_filter->setSearchText(QStringLiteral("núñ"));
        QCOMPARE(shownAddresses(*m_filter), QStringList{QStringLiteral("jose@contoso.com")});
        m_filter->setSearchText(QStringLiteral("  "));
        QCOMPARE(m_filter->rowCount(), 4);
    }

    void effectiveFilterCountsInheritingMailboxes()
    {
        // The classic script bug is filtering on the raw `false`, which misses inheriting mailboxes.
        m_source->setOrgSetting(OrgSetting::Enabled);
        m_filter->setEffectiveFilter(EffectiveState::Enabled);
        m_filter->sort(MailboxTableModel::AddressColumn);
        QCOMPARE(shownAddresses(*m_filter),
                 (QStringList{QStringLiteral("anna@contoso.com"), QStringLiteral("printer@contoso.com"),
                              QStringLiteral("scanner3@contoso.com")}));
        m_filter->setSourceFilter(StateSource::Org);
        QCOMPARE(shownAddresses(*m_filter), QStringList{QStringLiteral("anna@contoso.com")});
    }

    void overrideAndSourceFilters()
    {
        m_filter->setOverrideFilter(Override::Enabled);
        m_filter->sort(MailboxTableModel::AddressColumn);
        QCOMPARE(shownAddresses(*m_filter), (QStringList{QStringLiteral("printer@contoso.com"),
                                                         QStringLiteral("scanner3@contoso.com")}));
        m_filter->setOverrideFilter(std::nullopt);
        m_filter->setSourceFilter(StateSource::Mailbox);
        QCOMPARE(m_filter->rowCount(), 3);
        m_filter->setSearchText(QStringLiteral("print"));
        QCOMPARE(shownAddresses(*m_filter), QStringList{QStringLiteral("printer@contoso.com")});
    }

    void sortsByNameCaseInsensitive()
    {
        m_filter->sort(MailboxTableModel::DisplayNameColumn, Qt::DescendingOrder);
        QCOMPARE(m_filter->index(0, 0).data().toString(), QStringLiteral("Scanner Floor 3"));
        QCOMPARE(m_filter->index(3, 0).data().toString(), QStringLiteral("Anna Müller"));
    }

    void sortsNumbersInNamesByTheirValue()
    {
        m_source->appendMailboxes({mailbox(50, QStringLiteral("Scanner Floor 3 10"),
                                           QStringLiteral("scan10@contoso.com"), Override::Inherit),
                                   mailbox(51, QStringLiteral("Scanner Floor 3 2"),
                                           QStringLiteral("scan2@contoso.com"), Override::Inherit),
                                   mailbox(52, QStringLiteral("scanner floor 3 02b"),
                                           QStringLiteral("scan9@contoso.com"), Override::Inherit)});
        m_filter->setSearchText(QStringLiteral("scanner floor 3 "));
        m_filter->sort(MailboxTableModel::DisplayNameColumn, Qt::AscendingOrder);
        // The search is trimmed, so the fixture's "Scanner Floor 3" is listed too, before its longer names.
        QCOMPARE(m_filter->rowCount(), 4);
        QCOMPARE(m_filter->index(0, 0).data().toString(), QStringLiteral("Scanner Floor 3"));
        QCOMPARE(m_filter->index(1, 0).data().toString(), QStringLiteral("Scanner Floor 3 2"));
        QCOMPARE(m_filter->index(2, 0).data().toString(), QStringLiteral("scanner floor 3 02b"));
        QCOMPARE(m_filter->index(3, 0).data().toString(), QStringLiteral("Scanner Floor 3 10"));
        m_filter->sort(MailboxTableModel::AddressColumn, Qt::DescendingOrder);
        QCOMPARE(m_filter->index(0, 1).data().toString(), QStringLiteral("scanner3@contoso.com"));
        QCOMPARE(m_filter->index(1, 1).data().toString(), QStringLiteral("scan10@contoso.com"));
        QCOMPARE(m_filter->index(2, 1).data().toString(), QStringLiteral("scan9@contoso.com"));
        QCOMPARE(m_filter->index(3, 1).data().toString(), QStringLiteral("scan2@contoso.com"));
    }

    void matchesTheObviousAnswerThroughEveryChange()
    {
        // Random filters, sorts, appends, renames, overrides, staging and org flips, checked after every
        // step against a brute-force filter and sort, with the model tester watching the signals.
        QAbstractItemModelTester tester(m_filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QRandomGenerator random(42);
        int next = 100;
        auto newMailbox = [&] {
            const int n = next++;
            const QString name = randomName(random);
            return mailbox(n, name, QStringLiteral("u%1.%2@contoso.com").arg(random.bounded(50)).arg(n),
                           Override(random.bounded(3)));
        };
        QList<Mailbox> initial;
        for (int i = 0; i < 300; ++i)
            initial << newMailbox();
        m_source->appendMailboxes(initial);
        const QStringList searches{QString(),
                                   QStringLiteral("a"),
                                   QStringLiteral("an"),
                                   QStringLiteral("ann"),
                                   QStringLiteral("ANNE"),
                                   QStringLiteral("mü"),
                                   QStringLiteral("u1"),
                                   QStringLiteral("小"),
                                   QStringLiteral("zz"),
                                   QStringLiteral("e")};
        for (int step = 0; step < 400; ++step) {
            const int rows = m_source->rowCount();
            switch (random.bounded(12)) {
            case 0:
                m_filter->setSearchText(searches.at(random.bounded(int(searches.size()))));
                break;
            case 1: {
                const int choice = random.bounded(3);
                m_filter->setEffectiveFilter(choice == 2 ? std::nullopt
                                                         : std::optional(EffectiveState(choice)));
                break;
            }
            case 2: {
                const int choice = random.bounded(3);
                m_filter->setSourceFilter(choice == 2 ? std::nullopt : std::optional(StateSource(choice)));
                break;
            }
            case 3: {
                const int choice = random.bounded(4);
                m_filter->setOverrideFilter(choice == 3 ? std::nullopt : std::optional(Override(choice)));
                break;
            }
            case 4:
                m_filter->sort(random.bounded(-1, int(MailboxTableModel::ColumnCount)),
                               random.bounded(2) ? Qt::AscendingOrder : Qt::DescendingOrder);
                break;
            case 5: {
                QList<Mailbox> page;
                for (int i = random.bounded(1, 40); i > 0; --i)
                    page << newMailbox();
                if (random.bounded(2)) { // a page that also brings known mailboxes back, renamed
                    Mailbox known = m_source->store().at(random.bounded(rows));
                    known.displayName = randomName(random);
                    page << known;
                }
                m_source->appendMailboxes(page);
                break;
            }
            case 6:
                m_source->setOverride(m_source->store().guid(random.bounded(rows)),
                                      Override(random.bounded(3)));
                break;
            case 7:
                m_source->stage({m_source->store().guid(random.bounded(rows))}, Override(random.bounded(3)));
                break;
            case 8:
                m_source->setOrgSetting(random.bounded(2) ? OrgSetting::Enabled : OrgSetting::Disabled);
                break;
            case 9: {
                const int choice = random.bounded(4);
                m_filter->setBasicNowFilter(choice == 3 ? std::nullopt : std::optional(Verdict(choice)));
                break;
            }
            case 10: {
                const int choice = random.bounded(kReadinessLayerCount + 1);
                m_filter->setDecidedByFilter(
                    choice == kReadinessLayerCount ? std::nullopt : std::optional(ReadinessLayer(choice)));
                break;
            }
            case 11: {
                const QList<QDate> dates{readinesstest::kBefore, readinesstest::kCutoff};
                m_source->setReadinessContext(random.bounded(4) == 0 ? nullptr : randomDirectory(random),
                                              dates.at(random.bounded(2)));
                break;
            }
            }
            QCOMPARE(shownRows(*m_filter), expectedRows(*m_filter));
        }
        // A completed load replaces everything at once.
        MailboxStore fresh;
        for (int i = 0; i < 50; ++i)
            fresh.upsert(newMailbox());
        m_source->replaceAll(std::move(fresh), OrgSetting::Enabled);
        QCOMPARE(shownRows(*m_filter), expectedRows(*m_filter));
        m_source->clear();
        QCOMPARE(m_filter->rowCount(), 0);
    }

    void selectionFollowsItsMailboxThroughFilterAndSort()
    {
        QItemSelectionModel selection(m_filter);
        m_filter->sort(MailboxTableModel::DisplayNameColumn);
        const QModelIndex jose = m_filter->mapFromSource(m_source->index(2, 0));
        QCOMPARE(jose.data().toString(), QStringLiteral("José Núñez"));
        selection.select(jose, QItemSelectionModel::Select | QItemSelectionModel::Rows);
        selection.setCurrentIndex(jose, QItemSelectionModel::NoUpdate);

        m_filter->setSearchText(QStringLiteral("o")); // José, Scanner Floor, Printer... stays shown
        m_filter->sort(MailboxTableModel::AddressColumn, Qt::DescendingOrder);
        QCOMPARE(selection.selectedRows().size(), 1);
        QCOMPARE(m_filter->mapToSource(selection.selectedRows().constFirst()).row(), 2);
        QCOMPARE(m_filter->mapToSource(selection.currentIndex()).row(), 2);

        m_filter->setSearchText(QStringLiteral("anna")); // José is filtered out: nothing stays selected
        QVERIFY(selection.selectedRows().isEmpty());
        // The current row moves to a neighbour, as with any removed row; it is never the hidden one.
        QVERIFY(!selection.currentIndex().isValid() ||
                m_filter->mapToSource(selection.currentIndex()).row() != 2);
    }

    void aGrowingSearchOnlyNarrows()
    {
        m_filter->sort(MailboxTableModel::DisplayNameColumn);
        QSignalSpy layouts(m_filter, &QAbstractItemModel::layoutChanged);
        QSignalSpy removals(m_filter, &QAbstractItemModel::rowsRemoved);
        QSignalSpy insertions(m_filter, &QAbstractItemModel::rowsInserted);
        m_filter->setSearchText(QStringLiteral("n")); // Anna, José Núñez, Printer, Scanner
        QCOMPARE(m_filter->rowCount(), 4);
        m_filter->setSearchText(QStringLiteral("nn")); // Anna, Scanner
        QCOMPARE(shownAddresses(*m_filter),
                 (QStringList{QStringLiteral("anna@contoso.com"), QStringLiteral("scanner3@contoso.com")}));
        // Narrowing: the leaving rows are moved to the end (one layout change) and cut off (one removal).
        QCOMPARE(removals.size(), 1); // "n" matched all four
        QCOMPARE(removals.last().at(1).toInt(), 2);
        QCOMPARE(removals.last().at(2).toInt(), 3);
        QCOMPARE(layouts.size(), 1);
        QCOMPARE(insertions.size(), 0);
        removals.clear();
        layouts.clear();
        m_filter->setSearchText(QStringLiteral("nnx"));
        QCOMPARE(m_filter->rowCount(), 0);
        QCOMPARE(removals.size(), 1); // emptied as one removal
        QCOMPARE(layouts.size(), 0);
        m_filter->setSearchText(QStringLiteral("nne")); // not a continuation: everything is looked at again
        QCOMPARE(shownAddresses(*m_filter), QStringList{QStringLiteral("scanner3@contoso.com")});
        QCOMPARE(insertions.size(), 1); // refilled from empty as one insertion
    }

    void headersStayWhenNothingMatches()
    {
        m_filter->setSearchText(QStringLiteral("no such mailbox"));
        QCOMPARE(m_filter->rowCount(), 0);
        QCOMPARE(m_filter->headerData(MailboxTableModel::AddressColumn, Qt::Horizontal).toString(),
                 m_source->headerData(MailboxTableModel::AddressColumn, Qt::Horizontal).toString());
        QVERIFY(!m_filter->hasChildren());
    }

    void basicNowAndDecidedByFilters()
    {
        QAbstractItemModelTester tester(m_filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto directory = std::make_shared<TenantDirectory>(readinesstest::readDirectory());
        directory->clearUsers();
        directory->addUser({}, m_source->store().guid(0), {},
                           u"Block Basic Auth");                   // Anna: her own policy blocks
        directory->addUser({}, m_source->store().guid(3), {}, {}); // Printer: nothing blocks
        directory->finishUsers();
        directory->setUsersStatus(SourceStatus::read()); // Scanner, José: no user: unknown
        m_source->setOrgSetting(OrgSetting::Enabled);
        m_source->setReadinessContext(directory, readinesstest::kBefore);
        m_filter->sort(MailboxTableModel::AddressColumn);

        m_filter->setBasicNowFilter(Verdict::Blocked); // Anna (policy), José (his Disabled override)
        QCOMPARE(shownAddresses(*m_filter),
                 (QStringList{QStringLiteral("anna@contoso.com"), QStringLiteral("jose@contoso.com")}));
        m_filter->setDecidedByFilter(ReadinessLayer::AuthenticationPolicy);
        QCOMPARE(shownAddresses(*m_filter), QStringList{QStringLiteral("anna@contoso.com")});
        m_filter->setBasicNowFilter(std::nullopt); // decided by: blocking layer, or the first unknown one
        QCOMPARE(shownAddresses(*m_filter),
                 (QStringList{QStringLiteral("anna@contoso.com"), QStringLiteral("scanner3@contoso.com")}));
        m_filter->setDecidedByFilter(std::nullopt);
        m_filter->setBasicNowFilter(Verdict::Allowed);
        QCOMPARE(shownAddresses(*m_filter), QStringList{QStringLiteral("printer@contoso.com")});
        // The org switch turns every inheriting row to blocked at once.
        m_filter->setBasicNowFilter(Verdict::Blocked);
        m_source->setOrgSetting(OrgSetting::Disabled);
        QCOMPARE(shownAddresses(*m_filter),
                 (QStringList{QStringLiteral("anna@contoso.com"), QStringLiteral("jose@contoso.com")}));
        // An override applied to the printer (Enabled -> Disabled) brings it in as one row.
        QSignalSpy inserted(m_filter, &QAbstractItemModel::rowsInserted);
        m_source->setOverride(m_source->store().guid(3), Override::Disabled);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(m_filter->rowCount(), 3);
        // A new directory re-decides every row.
        m_source->setReadinessContext(nullptr, readinesstest::kAfter);
        QCOMPARE(m_filter->rowCount(), 4);
        m_filter->sort(MailboxTableModel::DecidedByColumn);
        QCOMPARE(shownRows(*m_filter), expectedRows(*m_filter));
    }

    void anAppliedOverrideLeavesAFilteredViewAsOneRow()
    {
        m_filter->setOverrideFilter(Override::Enabled);
        m_filter->sort(MailboxTableModel::DisplayNameColumn);
        QSignalSpy removed(m_filter, &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(m_filter, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(m_filter, &QAbstractItemModel::modelReset);
        m_source->setOverride(m_source->store().guid(3), Override::Inherit); // Printer
        QCOMPARE(removed.size(), 1);
        QCOMPARE(removed.constFirst().at(1).toInt(), 0);
        m_source->setOverride(m_source->store().guid(0), Override::Enabled); // Anna
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(shownAddresses(*m_filter),
                 (QStringList{QStringLiteral("anna@contoso.com"), QStringLiteral("scanner3@contoso.com")}));
        QCOMPARE(reset.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestMailboxFilterModel)
#include "test_mailboxfiltermodel.moc"
