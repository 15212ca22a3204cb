#include "ingestscenario.h"

#include "shared/jsonkeys.h"

using namespace palaver;
using namespace Qt::StringLiterals;

IngestScenario::IngestScenario(const BenchOptions& options, QObject* parent)
    : BenchScenario(u"ingest"_s, options, parent)
    , m_connections(share(options.integer(u"connections", 20)))
    , m_inFlight(int(options.integer(u"in-flight", 16)))
    , m_messages(int(options.integer(u"messages", 500)))
    , m_listeners(!options.flag(u"no-listeners"))
    , m_accounts(m_endpoint, this)
{ }

QJsonObject IngestScenario::params() const
{
    return {{u"connections"_s, m_options.integer(u"connections", 20)}, {u"in_flight"_s, m_inFlight},
        {u"messages_per_connection"_s, m_messages}, {u"listeners"_s, m_listeners}};
}

void IngestScenario::start()
{
    m_lanes.resize(size_t(m_connections));
    m_ledger.resize(m_connections);
    // Users 0 … n-1 send, n … 2n-1 listen (lane = index - n).
    const int users = m_connections * (m_listeners ? 2 : 1);
    m_accounts.registerUsers(
        userPrefix(), users, int(m_options.integer(u"register-parallel", 16)),
        [this](int index, BenchClient* client, const BenchUser& user) {
            client->onClosed = [this](int code) {
                if (!m_ending)
                    fail(u"a connection closed with %1"_s.arg(code));
            };
            ++m_report.connections;
            if (index < m_connections) {
                m_lanes[size_t(index)].sender = client;
                return;
            }
            Lane& lane = m_lanes[size_t(index - m_connections)];
            lane.listener = client;
            lane.listenerId = user.id;
            client->onPush = [this, index](const QJsonObject& push) {
                onListenerPush(index - m_connections, push);
            };
        },
        [this](int failed, const QString& error) {
            if (failed)
                return fail(u"registration: "_s + error);
            createRooms();
        });
}

void IngestScenario::createRooms()
{
    QList<RoomPlan> plans;
    for (const Lane& lane : m_lanes)
        plans.append({lane.sender, m_listeners ? QStringList {lane.listenerId} : QStringList {},
            u"ingest"_s});
    m_accounts.createRooms(plans, 64, [this](const QStringList& rooms, const QString& error) {
        if (!error.isEmpty())
            return fail(error);
        for (size_t i = 0; i < m_lanes.size(); ++i)
            m_lanes[i].room = rooms.at(qsizetype(i));
        barrier(u"start"_s, [this] {
            m_report.markStart(BenchReport::nowNs());
            for (int lane = 0; lane < m_connections; ++lane) {
                for (int i = 0; i < m_inFlight; ++i)
                    sendNext(lane);
            }
            maybeFinish(); // nothing to send at all
        });
    });
}

void IngestScenario::sendNext(int index)
{
    Lane& lane = m_lanes[size_t(index)];
    if (lane.sent >= m_messages || m_reported)
        return;
    const QString mid = u"%1-%2"_s.arg(index).arg(lane.sent++);
    const qint64 sentAt = BenchReport::nowNs();
    if (m_listeners)
        m_sentAtNs.insert(mid, sentAt);
    ++m_report.sent;
    lane.sender->request({{keys::type, u"send"_s}, {keys::room, lane.room}, {keys::clientMid, mid},
                             {keys::text, u"ingest benchmark message"_s}},
        [this, index, sentAt](const QJsonObject& ack) {
            if (ack.value(keys::type).toString() != u"ack"_s)
                return fail(u"send failed: "_s + ack.value(keys::code).toString());
            const qint64 now = BenchReport::nowNs();
            m_report.latencies[u"ack_latency_ms"_s].add((now - sentAt) / 1000);
            m_report.markEnd(now);
            ++m_report.acked;
            if (m_listeners)
                ++m_report.deliveriesExpected;
            sendNext(index);
            maybeFinish();
        });
}

void IngestScenario::onListenerPush(int lane, const QJsonObject& push)
{
    if (push.value(keys::type).toString() != u"event"_s)
        return;
    const QJsonObject event = push.value(keys::event).toObject();
    if (event.value(keys::kind).toString() != u"message"_s)
        return;
    if (!m_ledger.record(
            lane, event.value(keys::room).toString(), qint64(event.value(keys::seq).toDouble())))
        return;
    const auto sentAt = m_sentAtNs.constFind(event.value(keys::clientMid).toString());
    if (sentAt != m_sentAtNs.cend())
        m_report.latencies[u"latency_ms"_s].add((BenchReport::nowNs() - *sentAt) / 1000);
    maybeFinish();
}

void IngestScenario::maybeFinish()
{
    m_report.deliveriesReceived = m_ledger.received();
    m_report.duplicates = m_ledger.duplicates();
    const qint64 total = qint64(m_connections) * m_messages;
    if (m_ending || m_report.acked < total ||
        m_report.deliveriesReceived < m_report.deliveriesExpected)
        return;
    m_ending = true;
    barrier(u"end"_s, [this] { report(); });
}
