#include "fanoutscenario.h"

#include "processprobe.h"
#include "shared/jsonkeys.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QTimer>
#include <algorithm>

using namespace palaver;
using namespace Qt::StringLiterals;

namespace {
QJsonObject registerFrame(const QString& username)
{
    return {{keys::type, u"register"_s}, {keys::protocol, 1}, {keys::username, username},
        {keys::password, u"bench-password"_s}};
}

QJsonObject percentiles(std::vector<double> values)
{
    if (values.empty())
        return {};
    std::sort(values.begin(), values.end());
    auto at = [&values](double q) {
        return values[std::min(values.size() - 1, size_t(q * double(values.size())))];
    };
    return {
        {u"p50"_s, at(0.5)}, {u"p90"_s, at(0.9)}, {u"p99"_s, at(0.99)}, {u"max"_s, values.back()}};
}
} // namespace

FanoutScenario::FanoutScenario(FanoutParams params, QObject* parent)
    : QObject(parent)
    , m_params(std::move(params))
{
    m_runId = QString::number(QRandomGenerator::global()->generate() % 1000000, 36);
    m_memberIds.resize(m_params.members);
    m_seen.resize(size_t(m_params.members));
    m_sends.resize(size_t(m_params.messages));
}

void FanoutScenario::start()
{
    m_clock.start();
    QTimer::singleShot(900'000, this, [this] { fail(u"timed out"_s); });
    m_sender = new BenchClient(this);
    m_sender->open(m_params.url, [this] {
        m_sender->request(registerFrame(u"f%1_sender"_s.arg(m_runId)),
            [this](const QJsonObject&) { memberReady(); });
    });
    for (int i = 0; i < m_params.members; ++i) {
        auto* member = new BenchClient(this);
        m_members.push_back(member);
        member->onPush = [this, i](const QJsonObject& push) { onMemberPush(i, push); };
        member->open(m_params.url, [this, member, i] {
            member->request(registerFrame(u"f%1_m%2"_s.arg(m_runId).arg(i)),
                [this, i](const QJsonObject& welcome) {
                    m_memberIds[i] =
                        welcome.value(keys::user).toObject().value(keys::id).toString();
                    if (m_memberIds[i].isEmpty())
                        return fail(u"member registration failed"_s);
                    memberReady();
                });
        });
    }
}

void FanoutScenario::memberReady()
{
    if (++m_registered < m_params.members + 1)
        return;
    QJsonArray ids;
    for (const QString& id : std::as_const(m_memberIds))
        ids.append(id);
    m_sender->request({{keys::type, u"create_room"_s}, {keys::kind, u"group"_s},
                          {keys::name, u"fanout"_s}, {keys::members, ids}},
        [this](const QJsonObject& answer) {
            m_room = answer.value(keys::room).toObject().value(keys::id).toString();
            if (m_room.isEmpty())
                fail(u"create_room failed: "_s + answer.value(keys::message).toString());
        });
}

void FanoutScenario::onMemberPush(int member, const QJsonObject& push)
{
    const QString type = push.value(keys::type).toString();
    const qint64 now = m_clock.nsecsElapsed();
    if (type == u"room_added"_s) {
        // Sending starts once every member is in the room as the server sees it.
        if (++m_joined == m_params.members) {
            m_cpuAtStart = ProcessProbe::cpuSeconds(m_params.serverPid);
            m_startNs = now;
            for (int i = 0; i < m_params.inFlight; ++i)
                sendNext();
        }
        return;
    }
    if (type == u"badge"_s) {
        const qint64 index = qint64(push.value(keys::unread).toDouble()) - 1;
        if (index >= 0 && index < qint64(m_sends.size())) {
            m_sends[size_t(index)].lastBadgeNs = now;
            ++m_sends[size_t(index)].badges;
        }
        maybeFinish();
        return;
    }
    if (type != u"event"_s)
        return;
    const QJsonObject event = push.value(keys::event).toObject();
    const QString mid = event.value(keys::clientMid).toString();
    const int index = mid.section(u'-', 1).toInt();
    if (event.value(keys::kind).toString() != u"message"_s || index < 0 ||
        index >= int(m_sends.size()))
        return;
    const qint64 seq = qint64(event.value(keys::seq).toDouble());
    if (m_seen[size_t(member)].contains(seq))
        ++m_duplicates;
    m_seen[size_t(member)].insert(seq, true);
    ++m_deliveries;
    Message& m = m_sends[size_t(index)];
    ++m.events;
    m.lastEventNs = now;
    m_deliveryLatency.add((now - m.sentNs) / 1000);
    m_endNs = now;
    maybeFinish();
}

void FanoutScenario::sendNext()
{
    if (m_sent >= m_params.messages)
        return;
    const int index = m_sent++;
    m_sends[size_t(index)].sentNs = m_clock.nsecsElapsed();
    m_sender->request(
        {{keys::type, u"send"_s}, {keys::room, m_room}, {keys::clientMid, u"m-%1"_s.arg(index)},
            {keys::text, u"fanout benchmark message"_s}},
        [this](const QJsonObject& ack) {
            if (ack.value(keys::type).toString() != u"ack"_s)
                return fail(u"send failed: "_s + ack.value(keys::code).toString());
            ++m_acked;
            sendNext();
        });
}

void FanoutScenario::maybeFinish()
{
    const qint64 expected = qint64(m_params.members) * m_params.messages;
    qint64 badges = 0;
    for (const Message& m : m_sends)
        badges += m.badges;
    if (m_acked == m_params.messages && m_deliveries >= expected && badges >= expected)
        finish();
}

void FanoutScenario::fail(const QString& why)
{
    m_result.insert(u"error"_s, why);
    finish();
}

void FanoutScenario::finish()
{
    if (m_done)
        return;
    m_done = true;
    const double seconds = double(m_endNs - m_startNs) / 1e9;
    const qint64 expected = qint64(m_params.members) * m_params.messages;
    std::vector<double> toLastEvent, toLastBadge;
    for (const Message& m : m_sends) {
        if (m.events == m_params.members)
            toLastEvent.push_back(double(m.lastEventNs - m.sentNs) / 1e6);
        if (m.badges == m_params.members)
            toLastBadge.push_back(double(m.lastBadgeNs - m.sentNs) / 1e6);
    }
    const double cpu = ProcessProbe::cpuSeconds(m_params.serverPid) - m_cpuAtStart;
    m_result.insert(u"scenario"_s, u"fanout"_s);
    m_result.insert(u"params"_s,
        QJsonObject {{u"members"_s, m_params.members}, {u"messages"_s, m_params.messages},
            {u"in_flight"_s, m_params.inFlight}});
    m_result.insert(u"messages_acked"_s, m_acked);
    m_result.insert(u"deliveries_expected"_s, expected);
    m_result.insert(u"deliveries_received"_s, m_deliveries);
    m_result.insert(u"missing_deliveries"_s, expected - (m_deliveries - m_duplicates));
    m_result.insert(u"duplicate_deliveries"_s, m_duplicates);
    m_result.insert(u"seconds"_s, seconds);
    m_result.insert(u"deliveries_per_s"_s, seconds > 0 ? double(m_deliveries) / seconds : 0.0);
    m_result.insert(u"delivery_latency_ms"_s, m_deliveryLatency.toJson());
    m_result.insert(u"send_to_last_event_ms"_s, percentiles(toLastEvent));
    m_result.insert(u"send_to_last_badge_ms"_s, percentiles(toLastBadge));
    if (m_params.serverPid > 0) {
        m_result.insert(u"server"_s,
            QJsonObject {{u"cpu_s"_s, cpu},
                {u"peak_rss_kb"_s, ProcessProbe::peakRssKb(m_params.serverPid)},
                {u"cpu_us_per_message"_s, m_acked ? cpu * 1e6 / m_acked : 0.0}});
    }
    const bool ok = !m_result.contains(u"error"_s) && m_deliveries == expected && m_duplicates == 0;
    Q_EMIT finished(ok);
}
