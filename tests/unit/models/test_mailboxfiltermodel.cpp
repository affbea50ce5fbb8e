#include "mailboxfiltermodel.h"
#include "mailboxtablemodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

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
            mailbox(2, QStringLiteral("Scanner Floor 3"), QStringLiteral("scanner3@contoso.com"), Override::Enabled),
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
        QCOMPARE(shownAddresses(*m_filter), (QStringList{QStringLiteral("anna@contoso.com"),
                                                         QStringLiteral("printer@contoso.com"),
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
};

QTEST_GUILESS_MAIN(TestMailboxFilterModel)
#include "test_mailboxfiltermodel.moc"
