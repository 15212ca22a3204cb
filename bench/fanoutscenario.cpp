#include "fanoutscenario.h"

#include "shared/jsonkeys.h"

using namespace palaver;
using namespace Qt::StringLiterals;

FanoutScenario::FanoutScenario(const BenchOptions& options, QObject* parent)
    : BenchScenario(u"fanout"_s, options, parent)
    , m_members(int(options.integer(u"members", 1000)))
    , m_messages(int(options.integer(u"messages", 50)))
    , m_inFlight(int(options.integer(u"in-flight", 1)))
    , m_accounts(m_endpoint, this)
{
    m_memberIds.resize(m_members);
    m_ledger.resize(m_members);
    m_badgeUnread.resize(size_t(m_members));
    m_sends.resize(size_t(m_messages));
}

QJsonObject FanoutScenario::params() const
{
    return {{u"members"_s, m_members}, {u"messages"_s, m_messages}, {u"in_flight"_s, m_inFlight}};
}

void FanoutScenario::start()
{
    // User 0 sends; users 1 … N are the members (member = index - 1).
    m_accounts.registerUsers(
        userPrefix(), m_members + 1, int(m_options.integer(u"register-parallel", 16)),
        [this](int index, BenchClient* client, const BenchUser& user) {
            ++m_report.connections;
            client->onClosed = [this](int code) {
                if (!m_ending)
                    fail(u"a connection closed with %1"_s.arg(code));
            };
            if (index == 0) {
                m_sender = client;
                return;
            }
            m_memberIds[index - 1] = user.id;
            client->onRawPush = [this, index](const QByteArray& push) {
                return onMemberRawPush(index - 1, push);
            };
            client->onPush = [this, index](
                                 const QJsonObject& push) { onMemberPush(index - 1, push); };
        },
        [this](int failed, const QString& error) {
            if (failed)
                return fail(u"registration: "_s + error);
            createRoom();
        });
}

void FanoutScenario::createRoom()
{
    m_accounts.createRooms({{m_sender, m_memberIds, u"fanout"_s}}, 1,
        [this](const QStringList& rooms, const QString& error) {
            if (!error.isEmpty())
                return fail(error);
            m_room = rooms.first();
        });
}

void FanoutScenario::onMemberPush(int member, const QJsonObject& push)
{
    const QString type = push.value(keys::type).toString();
    const qint64 now = BenchReport::nowNs();
    if (type == u"room_added"_s) {
        // Sending starts once every member is in the room as the server sees it.
        if (++m_joined == m_members) {
            barrier(u"start"_s, [this] {
                m_report.markStart(BenchReport::nowNs());
                for (int i = 0; i < m_inFlight; ++i)
                    sendNext();
            });
        }
        return;
    }
    if (type == u"badge"_s) {
        onBadge(member, qint64(push.value(keys::unread).toDouble()), now);
        return;
    }
    if (type != u"event"_s)
        return;
    const QJsonObject event = push.value(keys::event).toObject();
    const int index = event.value(keys::clientMid).toString().section(u'-', 1).toInt();
    if (event.value(keys::kind).toString() != u"message"_s || index < 0 ||
        index >= int(m_sends.size()))
        return;
    onMessage(member, index, qint64(event.value(keys::seq).toDouble()), now);
}

// The two pushes that come by the thousand, read without a JSON parser: the generator must
// cost less than the server it measures. Anything else goes to onMemberPush.
bool FanoutScenario::onMemberRawPush(int member, const QByteArray& push)
{
    const qint64 now = BenchReport::nowNs();
    const QByteArrayView type = BenchClient::leadingType(push);
    if (type == "badge") {
        const qint64 unread = BenchClient::scanInteger(push, "\"unread\":");
        if (unread < 0)
            return false;
        onBadge(member, unread, now);
        return true;
    }
    if (type != "event" || !push.contains("\"kind\":\"message\""))
        return false;
    const qint64 seq = BenchClient::scanInteger(push, "\"seq\":");
    const qint64 index = BenchClient::scanInteger(push, "\"client_mid\":\"m-");
    if (seq < 0 || index < 0 || index >= qint64(m_sends.size()))
        return false;
    onMessage(member, int(index), seq, now);
    return true;
}

void FanoutScenario::onMessage(int member, int index, qint64 seq, qint64 now)
{
    if (m_ledger.record(member, m_room, seq)) {
        Message& m = m_sends[size_t(index)];
        ++m.events;
        m.lastEventNs = now;
        m_report.latencies[u"latency_ms"_s].add((now - m.sentNs) / 1000);
        m_report.markEnd(now);
    }
    maybeFinish();
}

// A badge carries the member's current unread count: unread = k covers messages 1 … k, so a
// badge sent once for a whole commit batch counts for every message in it.
void FanoutScenario::onBadge(int member, qint64 unread, qint64 now)
{
    ++m_badgeFrames;
    qint64& seen = m_badgeUnread[size_t(member)];
    for (qint64 i = seen; i < unread && i < qint64(m_sends.size()); ++i) {
        m_sends[size_t(i)].lastBadgeNs = now;
        ++m_sends[size_t(i)].badges;
        ++m_badges;
    }
    seen = std::max(seen, unread);
    maybeFinish();
}

void FanoutScenario::sendNext()
{
    if (m_report.sent >= m_messages || m_reported)
        return;
    const int index = int(m_report.sent++);
    m_sends[size_t(index)].sentNs = BenchReport::nowNs();
    m_sender->request(
        {{keys::type, u"send"_s}, {keys::room, m_room}, {keys::clientMid, u"m-%1"_s.arg(index)},
            {keys::text, u"fanout benchmark message"_s}},
        [this](const QJsonObject& ack) {
            if (ack.value(keys::type).toString() != u"ack"_s)
                return fail(u"send failed: "_s + ack.value(keys::code).toString());
            ++m_report.acked;
            m_report.deliveriesExpected += m_members;
            sendNext();
            maybeFinish();
        });
}

void FanoutScenario::maybeFinish()
{
    m_report.deliveriesReceived = m_ledger.received();
    m_report.duplicates = m_ledger.duplicates();
    const qint64 expected = qint64(m_members) * m_messages;
    if (m_ending || m_report.acked < m_messages || m_ledger.received() < expected ||
        m_badges < expected)
        return;
    m_ending = true;
    for (const Message& m : m_sends) {
        if (m.events == m_members)
            m_report.latencies[u"send_to_last_event_ms"_s].add((m.lastEventNs - m.sentNs) / 1000);
        if (m.badges == m_members)
            m_report.latencies[u"send_to_last_badge_ms"_s].add((m.lastBadgeNs - m.sentNs) / 1000);
    }
    barrier(u"end"_s, [this] { report(); });
}

bool FanoutScenario::addFigures(QJsonObject& json, const BenchReport&)
{
    // Badges are coalesced per commit batch: fewer frames than (members × messages).
    json.insert(u"badge_frames"_s, m_badgeFrames);
    return true;
}
