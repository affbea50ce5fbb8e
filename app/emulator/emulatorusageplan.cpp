// SPDX-FileCopyrightText: 2026 The SMTP AUTH Console authors
// SPDX-License-Identifier: Apache-2.0

#include "emulator/emulatorusageplan.h"

#include "emulator/emulatorbasicauthgate.h"
#include "emulator/emulatorseededrandom.h"
#include "emulator/emulatortenant.h"

#include <QJsonArray>
#include <algorithm>
#include <numeric>

namespace smtpauth {

namespace {

// A stream of its own: seeding usage must never change the mailboxes or the directory a seed gives.
constexpr quint64 kUsageStream = 0xa7e1c0de5eed0005ULL;

quint64 mix(quint64 x)
{
    // splitmix64's finaliser: portable and good enough to spread indexes into independent draws.
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

quint64 gcd(quint64 a, quint64 b)
{
    while (b != 0) {
        const quint64 t = a % b;
        a = b;
        b = t;
    }
    return a;
}

enum Salt : quint64
{
    SaltSignIns = 1,
    SaltBusy,
    SaltFailures,
    SaltIpCount,
    SaltIp,
    SaltOutlook,
    SaltSmtpDays,
    SaltApps,
    SaltSecondProtocol,
    SaltMessages,
    SaltTls,
    SaltRecord,
};

} // namespace

QString EmulatorUsagePlan::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return QStringLiteral("none");
    case Kind::BasicAccepted:
        return QStringLiteral("basic-accepted");
    case Kind::BasicRefusedByCa:
        return QStringLiteral("basic-refused-by-ca");
    case Kind::BasicRefused:
        return QStringLiteral("basic-refused");
    case Kind::OAuth:
        return QStringLiteral("oauth");
    case Kind::OldBasic:
        return QStringLiteral("old-basic");
    case Kind::OldOAuth:
        return QStringLiteral("old-oauth");
    }
    return QString();
}

QString EmulatorUsagePlan::isoTicks(qint64 ticks)
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(ticks / 10000, Qt::UTC);
    return time.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.")) +
           QStringLiteral("%1Z").arg(ticks % kTicksPerSecond, 7, 10, QLatin1Char('0'));
}

void EmulatorUsagePlan::clear()
{
    m_seeded = false;
    m_seed = 0;
    m_kinds.clear();
    m_orphans.clear();
    m_signers.clear();
    m_recordCount = 0;
    m_naturalCount = 0;
    m_lastSuccess.clear();
    m_lastSuccessKnown = false;
}

void EmulatorUsagePlan::seed(quint64 seed, const EmulatorTenant &tenant)
{
    clear();
    m_seed = seed;
    m_seeded = true;
    const int n = tenant.mailboxCount();
    m_kinds = QByteArray(n, char(Kind::None));
    EmulatorSeededRandom random(seed ^ kUsageStream);

    // The shares, per what the tenant does with Basic for the mailbox. Explicit exceptions (override
    // Enabled) are mostly devices; the inheriting crowd under an org Disabled rarely tries at all.
    using Gate = EmulatorBasicAuthGate;
    QList<int> acceptedNone, enabledNone, refusedNone, disabledNone, anyNone;
    for (int i = 0; i < n; ++i) {
        const Override value = tenant.mailbox(i).smtpClientAuthentication;
        const Gate::Outcome outcome = Gate::evaluate(tenant, i);
        const bool enabled = Gate::smtpAuthEnabled(tenant, i);
        const bool explicitException = value == Override::Enabled;
        const bool shared = tenant.mailbox(i).shared;
        const Kind refused = outcome == Gate::Outcome::RefusedByConditionalAccess ? Kind::BasicRefusedByCa
                                                                                  : Kind::BasicRefused;
        const double roll = random.unit();
        Kind kind = Kind::None;
        if (Gate::accepted(outcome) && (explicitException || shared)) {
            kind = roll < 0.60   ? Kind::BasicAccepted
                   : roll < 0.70 ? Kind::OAuth
                   : roll < 0.75 ? Kind::OldBasic
                   : roll < 0.80 ? Kind::OldOAuth
                                 : Kind::None;
        } else if (enabled && (explicitException || shared)) {
            kind = roll < 0.20   ? refused
                   : roll < 0.55 ? Kind::OAuth
                   : roll < 0.58 ? Kind::OldBasic
                   : roll < 0.65 ? Kind::OldOAuth
                                 : Kind::None;
        } else if (value == Override::Disabled) {
            kind = roll < 0.15   ? refused
                   : roll < 0.20 ? Kind::OAuth
                   : roll < 0.25 ? Kind::OldBasic
                                 : Kind::None;
        } else if (Gate::accepted(outcome)) {
            // Inheriting an org Enabled with Basic let through: a few people's mail apps.
            kind = roll < 0.02    ? Kind::BasicAccepted
                   : roll < 0.05  ? Kind::OAuth
                   : roll < 0.055 ? Kind::OldBasic
                   : roll < 0.06  ? Kind::OldOAuth
                                  : Kind::None;
        } else if (enabled) {
            kind = roll < 0.015   ? refused
                   : roll < 0.045 ? Kind::OAuth
                   : roll < 0.05  ? Kind::OldOAuth
                                  : Kind::None;
        } else {
            kind = roll < 0.01    ? refused
                   : roll < 0.014 ? Kind::OAuth
                   : roll < 0.019 ? Kind::OldBasic
                   : roll < 0.022 ? Kind::OldOAuth
                                  : Kind::None;
        }
        m_kinds[i] = char(kind);
        if (kind != Kind::None)
            continue;
        anyNone.append(i);
        if (Gate::accepted(outcome))
            acceptedNone.append(i);
        if (enabled)
            enabledNone.append(i);
        else
            disabledNone.append(i);
        if (!Gate::accepted(outcome))
            refusedNone.append(i);
    }

    // Even a small test tenant shows every kind of evidence once where its settings allow it; an
    // explicit exception with no use at all (a stale one) is kept too.
    QList<int> counts(128, 0);
    for (const char c : std::as_const(m_kinds))
        ++counts[int(uchar(c))];
    const auto ensure = [&](Kind kind, QList<int> &candidates, bool wantException) {
        if (counts[int(uchar(char(kind)))] > 0)
            return;
        for (qsizetype k = 0; k < candidates.size(); ++k) {
            const int i = candidates.at(k);
            if (m_kinds.at(i) != char(Kind::None))
                continue;
            if (wantException && tenant.mailbox(i).smtpClientAuthentication != Override::Enabled)
                continue;
            m_kinds[i] = char(kind);
            ++counts[int(uchar(char(kind)))];
            return;
        }
    };
    ensure(Kind::BasicAccepted, acceptedNone, true);
    ensure(Kind::BasicAccepted, acceptedNone, false);
    QList<int> refusedDevices;
    for (const int i : std::as_const(refusedNone)) {
        if (EmulatorBasicAuthGate::smtpAuthEnabled(tenant, i) ||
            tenant.mailbox(i).smtpClientAuthentication == Override::Disabled)
            refusedDevices.append(i);
    }
    if (counts[int('C')] + counts[int('F')] == 0) {
        ensure(Kind::BasicRefused, refusedDevices, false);
        if (counts[int('F')] > 0) {
            for (int i = 0; i < n; ++i) {
                if (m_kinds.at(i) == char(Kind::BasicRefused) &&
                    EmulatorBasicAuthGate::evaluate(tenant, i) ==
                        EmulatorBasicAuthGate::Outcome::RefusedByConditionalAccess)
                    m_kinds[i] = char(Kind::BasicRefusedByCa);
            }
        }
    }
    ensure(Kind::OAuth, enabledNone, false);
    // An OAuth app on a mailbox where SMTP AUTH is off: already broken.
    bool oauthOnDisabled = false;
    for (int i = 0; i < n && !oauthOnDisabled; ++i)
        oauthOnDisabled =
            m_kinds.at(i) == char(Kind::OAuth) && !EmulatorBasicAuthGate::smtpAuthEnabled(tenant, i);
    if (!oauthOnDisabled) {
        counts[int('O')] = 0;
        ensure(Kind::OAuth, disabledNone, false);
    }
    ensure(Kind::OldBasic, anyNone, false);
    ensure(Kind::OldOAuth, anyNone, false);
    // Leave at least one explicit exception unused (ensure() may have taken the last one).
    bool stale = false;
    for (int i = 0; i < n && !stale; ++i)
        stale = m_kinds.at(i) == char(Kind::None) &&
                tenant.mailbox(i).smtpClientAuthentication == Override::Enabled;
    for (int i = n - 1; i >= 0 && !stale; --i) {
        if (tenant.mailbox(i).smtpClientAuthentication == Override::Enabled &&
            m_kinds.at(i) != char(Kind::BasicAccepted)) {
            m_kinds[i] = char(Kind::None);
            stale = true;
        }
    }
}

QJsonObject EmulatorUsagePlan::toJson() const
{
    return QJsonObject{
        {QStringLiteral("version"), 1},
        {QStringLiteral("seed"), QString::number(m_seed)},
        {QStringLiteral("kinds"), QString::fromLatin1(m_kinds)},
    };
}

bool EmulatorUsagePlan::fromJson(const QJsonObject &object, int mailboxCount, QString *errorMessage)
{
    const auto fail = [errorMessage](const QString &why) {
        if (errorMessage)
            *errorMessage = why;
        return false;
    };
    if (object.value(QStringLiteral("version")).toInt() != 1)
        return fail(QStringLiteral("unsupported usage plan version"));
    bool ok = false;
    const quint64 seed = object.value(QStringLiteral("seed")).toString().toULongLong(&ok);
    const QByteArray kinds = object.value(QStringLiteral("kinds")).toString().toLatin1();
    if (!ok || kinds.size() != mailboxCount)
        return fail(QStringLiteral("usage plan does not match the mailboxes"));
    for (const char c : kinds) {
        if (!QByteArrayView(".SCFObo").contains(c))
            return fail(QStringLiteral("invalid usage kind in tenant state file"));
    }
    clear();
    m_seed = seed;
    m_kinds = kinds;
    m_seeded = true;
    return true;
}

void EmulatorUsagePlan::prepare(const QUuid &tenantId, const QString &domain, const QDateTime &anchorUtc,
                                qint64 recordCount)
{
    m_orphans.clear();
    const auto orphan = [&](const char *alias, const char *displayName, Kind kind, bool deleted) {
        Orphan o;
        o.userPrincipalName = QLatin1String(alias) + QLatin1Char('@') + domain;
        o.displayName = QString::fromUtf8(displayName);
        o.objectId = QUuid::createUuidV5(tenantId, QStringLiteral("usage-orphan:") + QLatin1String(alias));
        o.kind = kind;
        o.deleted = deleted;
        m_orphans.append(o);
    };
    // Senders without a mailbox: rows and records that must be counted apart, never dropped.
    orphan("svc-erp-relay", "ERP relay, Plant 2", Kind::BasicAccepted, false);
    orphan("lob-invoicing", "LOB invoicing (unlicensed)", Kind::OAuth, false);
    orphan("printer-annex", "Printer Annex (deleted)", Kind::OldBasic, true);
    m_anchorTicks = ticksOf(QDateTime::fromSecsSinceEpoch(anchorUtc.toSecsSinceEpoch(), Qt::UTC));
    buildLog(recordCount);
}

EmulatorUsagePlan::Kind EmulatorUsagePlan::kind(int user) const
{
    if (user >= 0 && user < m_kinds.size())
        return Kind(m_kinds.at(user));
    const int orphan = user - int(m_kinds.size());
    return orphan >= 0 && orphan < m_orphans.size() ? m_orphans.at(orphan).kind : Kind::None;
}

quint64 EmulatorUsagePlan::hash(int user, quint64 salt) const
{
    return mix(m_seed ^ mix(quint64(user) * 0x100000001b3ULL + salt));
}

int EmulatorUsagePlan::naturalSignIns(int user) const
{
    const quint64 h = hash(user, SaltSignIns);
    switch (kind(user)) {
    case Kind::BasicAccepted:
        // A few busy devices (a scanner bank, a monitoring system) sign in hundreds of times a month.
        return hash(user, SaltBusy) % 100 < 12 ? 150 + int(h % 451) : 3 + int(h % 88);
    case Kind::BasicRefusedByCa:
    case Kind::BasicRefused:
        return 10 + int(h % 191); // devices retry, with back-off
    case Kind::None:
    case Kind::OAuth:
    case Kind::OldBasic:
    case Kind::OldOAuth:
        return 0;
    }
    return 0;
}

int EmulatorUsagePlan::naturalFailures(int user, int count) const
{
    if (kind(user) != Kind::BasicAccepted)
        return count;
    return int(qint64(count) * int(hash(user, SaltFailures) % 8) / 100); // a rotated password now and then
}

int EmulatorUsagePlan::clientIpCount(int user) const
{
    const int signIns = naturalSignIns(user);
    if (signIns == 0)
        return 0;
    if (signIns >= 150)
        return 2 + int(hash(user, SaltIpCount) % 3); // 2-4 addresses behind the busy devices
    return kind(user) == Kind::BasicAccepted ? 1 : 1 + int(hash(user, SaltIpCount) % 2);
}

QString EmulatorUsagePlan::clientIp(int user, int ipIndex) const
{
    const quint64 h = hash(user, SaltIp + quint64(ipIndex) * 0x10000ULL);
    // Documentation ranges only (RFC 5737, RFC 3849): the demo never names a real network.
    switch (h % 4) {
    case 0:
        return QStringLiteral("203.0.113.%1").arg(1 + (h >> 8) % 254);
    case 1:
        return QStringLiteral("198.51.100.%1").arg(1 + (h >> 8) % 254);
    case 2:
        return QStringLiteral("192.0.2.%1").arg(1 + (h >> 8) % 254);
    default:
        return QStringLiteral("2001:db8:%1::%2").arg((h >> 8) % 0xffff, 0, 16).arg((h >> 24) % 0xffff, 0, 16);
    }
}

void EmulatorUsagePlan::buildLog(qint64 recordCount)
{
    m_signers.clear();
    m_lastSuccess.clear();
    m_lastSuccessKnown = false;
    QList<int> weights;
    qint64 natural = 0;
    for (int u = 0; u < userCount(); ++u) {
        const int w = naturalSignIns(u);
        if (w == 0)
            continue;
        Signer s;
        s.user = u;
        s.count = w;
        m_signers.push_back(s);
        weights.append(w);
        natural += w;
    }
    m_naturalCount = natural;
    const qint64 total = recordCount > 0 ? recordCount : natural;
    if (natural == 0 || total == 0) {
        m_signers.clear();
        m_recordCount = 0;
        return;
    }
    if (total != natural) {
        // Largest remainder: the counts add up to exactly `total`, in the natural proportions.
        std::vector<std::pair<qint64, int>> remainders;
        remainders.reserve(m_signers.size());
        qint64 assigned = 0;
        for (size_t i = 0; i < m_signers.size(); ++i) {
            const qint64 scaled = qint64(weights.at(qsizetype(i))) * total;
            m_signers[i].count = int(scaled / natural);
            assigned += m_signers[i].count;
            remainders.emplace_back(scaled % natural, int(i));
        }
        std::sort(remainders.begin(), remainders.end(), [](const auto &a, const auto &b) {
            return a.first != b.first ? a.first > b.first : a.second < b.second;
        });
        for (size_t k = 0; assigned < total && k < remainders.size(); ++k, ++assigned)
            ++m_signers[size_t(remainders[k].second)].count;
    }
    qint64 begin = 0;
    for (Signer &s : m_signers) {
        s.failures = naturalFailures(s.user, s.count);
        s.begin = begin;
        begin += s.count;
    }
    m_recordCount = begin;
    // A stride coprime with the count makes slot = stride * k + offset a permutation of the log: each
    // user's records spread evenly over the month instead of coming in one block.
    const quint64 count = quint64(m_recordCount);
    m_stride = count <= 1 ? 1 : (quint64(double(count) * 0.6180339887) | 1) % count;
    while (count > 1 && (m_stride == 0 || gcd(m_stride, count) != 1))
        m_stride = (m_stride + 1) % count;
    m_offset = count == 0 ? 0 : mix(m_seed ^ SaltRecord) % count;
}

qint64 EmulatorUsagePlan::createdTicks(qint64 sequence) const
{
    // Strictly ordered positions (k + a jitter below 0.9) mapped onto the span: newest first.
    const double jitter =
        double(mix(m_seed ^ (quint64(sequence) * 0x9e37ULL) ^ SaltRecord) & 0xffff) / 65536.0 * 0.9;
    const double position = (double(sequence) + jitter) / double(qMax<qint64>(1, m_recordCount));
    return m_anchorTicks - kTicksPerSecond - qint64(position * double(kSpanTicks));
}

EmulatorSignInRecord EmulatorUsagePlan::signInRecord(qint64 sequence) const
{
    EmulatorSignInRecord record;
    record.sequence = sequence;
    if (sequence < 0 || sequence >= m_recordCount)
        return record;
    const quint64 slot = (m_stride * quint64(sequence) + m_offset) % quint64(m_recordCount);
    const auto it = std::upper_bound(m_signers.cbegin(), m_signers.cend(), qint64(slot),
                                     [](qint64 value, const Signer &s) { return value < s.begin; });
    const Signer &signer = *(it - 1);
    record.user = signer.user;
    record.createdTicks = createdTicks(sequence);
    if (qint64(slot) - signer.begin < signer.failures)
        record.errorCode = kind(signer.user) == Kind::BasicRefusedByCa ? 53003 : 50126;
    const quint64 h = mix(m_seed ^ quint64(sequence) ^ 0x51ULL);
    record.legacySmtpName = h % 5 == 0;
    const int ips = clientIpCount(signer.user);
    record.ipIndex = ips <= 1 ? 0 : int((h >> 8) % quint64(ips));
    return record;
}

qint64 EmulatorUsagePlan::recordsNotOlderThan(qint64 ticks) const
{
    qint64 low = 0;
    qint64 high = m_recordCount; // first sequence older than ticks lies in [low, high]
    while (low < high) {
        const qint64 mid = low + (high - low) / 2;
        if (createdTicks(mid) >= ticks)
            low = mid + 1;
        else
            high = mid;
    }
    return low;
}

QHash<int, EmulatorUsagePlan::SignInTally> EmulatorUsagePlan::tally(qint64 sinceTicks) const
{
    QHash<int, SignInTally> tallies;
    const qint64 end = recordsNotOlderThan(sinceTicks);
    for (qint64 k = 0; k < end; ++k) {
        const EmulatorSignInRecord r = signInRecord(k);
        SignInTally &t = tallies[r.user];
        if (r.errorCode == 0) {
            ++t.successes;
            t.lastSuccessTicks = qMax(t.lastSuccessTicks, r.createdTicks);
        } else {
            ++t.failures;
            if (!t.errorCodes.contains(r.errorCode))
                t.errorCodes.append(r.errorCode);
        }
        t.lastTicks = qMax(t.lastTicks, r.createdTicks);
        if (!t.ipIndexes.contains(r.ipIndex))
            t.ipIndexes.append(r.ipIndex);
    }
    return tallies;
}

int EmulatorUsagePlan::outlookDaysAgo(int user) const
{
    const quint64 h = hash(user, SaltOutlook);
    const int roll = int(h % 100);
    const int days = int((h >> 8) % 1000);
    if (user >= mailboxCount()) {
        const int orphan = user - mailboxCount();
        return m_orphans.at(orphan).deleted ? 60 + days % 20 : -1; // the service accounts only send
    }
    if (Kind(m_kinds.at(user)) != Kind::None && kind(user) != Kind::OAuth && kind(user) != Kind::OldOAuth &&
        roll < 70)
        return -1; // a device mailbox nobody opens
    if (roll < 85)
        return days % 4;
    if (roll < 93)
        return 4 + days % 24;
    if (roll < 97)
        return 30 + days % 59;
    return 95 + days % 76;
}

int EmulatorUsagePlan::smtpDaysAgo(int user) const
{
    const quint64 h = hash(user, SaltSmtpDays);
    switch (kind(user)) {
    case Kind::BasicAccepted: {
        if (!m_lastSuccessKnown) {
            const QHash<int, SignInTally> all = tally(0);
            for (auto it = all.cbegin(); it != all.cend(); ++it) {
                if (it->lastSuccessTicks > 0)
                    m_lastSuccess.insert(it.key(), it->lastSuccessTicks);
            }
            m_lastSuccessKnown = true;
        }
        const qint64 last = m_lastSuccess.value(user);
        if (last == 0)
            return -1;
        const QDate day = QDateTime::fromMSecsSinceEpoch(last / 10000, Qt::UTC).date();
        return int(day.daysTo(refreshDate()));
    }
    case Kind::OAuth:
        return h % 100 < 80 ? int(h % 12) : 12 + int((h >> 8) % 16);
    case Kind::OldBasic:
    case Kind::OldOAuth:
        return 31 + int((h >> 8) % 58);
    case Kind::None:
    case Kind::BasicRefusedByCa:
    case Kind::BasicRefused:
        return -1;
    }
    return -1;
}

bool EmulatorUsagePlan::usesApp(int user, int app) const
{
    if (outlookDaysAgo(user) < 0)
        return false;
    const quint64 h = hash(user, SaltApps + quint64(app) * 0x1000ULL);
    // Mail For Mac, Outlook For Mac, Outlook For Windows, Outlook For Mobile, Other For Mobile,
    // Outlook For Web, POP3 App, IMAP4 App: rough shares of a Windows-heavy company.
    static constexpr int kSharePercent[8] = {3, 8, 72, 45, 5, 55, 2, 4};
    return int(h % 100) < kSharePercent[qBound(0, app, 7)];
}

QList<EmulatorUsagePlan::Protocol> EmulatorUsagePlan::reportProtocols(int user) const
{
    switch (kind(user)) {
    case Kind::BasicAccepted:
        // One in ten devices is half-way through a move to OAuth: both rows in the EAC report.
        if (hash(user, SaltSecondProtocol) % 10 == 0)
            return {Protocol::Basic, Protocol::OAuth};
        return {Protocol::Basic};
    case Kind::OldBasic:
        return {Protocol::Basic};
    case Kind::OAuth:
    case Kind::OldOAuth:
        return {Protocol::OAuth};
    case Kind::None:
    case Kind::BasicRefusedByCa:
    case Kind::BasicRefused:
        return {};
    }
    return {};
}

int EmulatorUsagePlan::messagesSent(int user, Protocol protocol) const
{
    const quint64 h = hash(user, SaltMessages + (protocol == Protocol::OAuth ? 7 : 0));
    if (protocol == Protocol::Basic)
        return qMax(1, naturalSignIns(user)) * (2 + int(h % 5)) + int((h >> 8) % 40);
    return 20 + int((h >> 8) % 1980);
}

int EmulatorUsagePlan::tls10Percent(int user, Protocol protocol) const
{
    const quint64 h = hash(user, SaltTls);
    if (protocol == Protocol::OAuth || h % 100 >= 15)
        return 0;
    return 20 + int((h >> 8) % 81); // old firmware
}

} // namespace smtpauth
