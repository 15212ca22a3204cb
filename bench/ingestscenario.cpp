#include "ingestscenario.h"

#include "processprobe.h"
#include "shared/jsonkeys.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QTimer>

using namespace palaver;
using namespace Qt::StringLiterals;

namespace {
QJsonObject registerFrame(const QString& username)
{
    return {{keys::type, u"register"_s}, {keys::protocol, 1}, {keys::username, username},
        {keys::password, u"bench-password"_s}};
}
} // namespace

IngestScenario::IngestScenario(IngestParams params, QObject* parent)
    : QObject(parent)
    , m_params(std::move(params))
{
    m_runId = QString::number(QRandomGenerator::global()->generate() % 1000000, 36);
}

void IngestScenario::start()
{
    m_clock.start();
    for (int i = 0; i < m_params.connections; ++i)
        setUpLane(i);
    // A run that cannot finish reports what it has instead of hanging.
    QTimer::singleShot(600'000, this, [this] { fail(u"timed out"_s); });
}

void IngestScenario::setUpLane(int index)
{
    auto lane = std::make_unique<Lane>();
    Lane* l = lane.get();
    m_lanes.push_back(std::move(lane));
    l->sender = new BenchClient(this);
    l->sender->onClosed = [this](int code) {
        if (!m_done)
            fail(u"sender closed with %1"_s.arg(code));
    };
    auto createRoom = [this, l](const QString& listenerId) {
        QJsonObject create {
            {keys::type, u"create_room"_s}, {keys::kind, u"group"_s}, {keys::name, u"ingest"_s}};
        if (!listenerId.isEmpty())
            create.insert(keys::members, QJsonArray {listenerId});
        l->sender->request(create, [this, l](const QJsonObject& answer) {
            l->room = answer.value(keys::room).toObject().value(keys::id).toString();
            if (l->room.isEmpty())
                return fail(u"create_room failed"_s);
            laneReady();
        });
    };
    const QString base = u"b%1_%2"_s.arg(m_runId).arg(index);
    l->sender->open(m_params.url, [this, l, base, createRoom] {
        l->sender->request(
            registerFrame(base + u"s"_s), [this, l, base, createRoom](const QJsonObject& welcome) {
                if (welcome.value(keys::type).toString() != u"welcome"_s)
                    return fail(u"register failed: "_s + welcome.value(keys::message).toString());
                if (!m_params.listeners)
                    return createRoom(QString());
                l->listener = new BenchClient(this);
                l->listener->onPush = [this, l](const QJsonObject& push) {
                    if (push.value(keys::type).toString() != u"event"_s)
                        return;
                    const QJsonObject event = push.value(keys::event).toObject();
                    if (event.value(keys::kind).toString() != u"message"_s)
                        return;
                    const qint64 seq = qint64(event.value(keys::seq).toDouble());
                    if (l->delivered.contains(seq))
                        ++l->duplicates;
                    l->delivered.insert(seq);
                    ++m_deliveries;
                    const auto sentAt =
                        m_sentAtNs.constFind(event.value(keys::clientMid).toString());
                    if (sentAt != m_sentAtNs.cend())
                        m_deliveryLatency.add((m_clock.nsecsElapsed() - *sentAt) / 1000);
                    maybeFinish();
                };
                l->listener->open(m_params.url, [this, l, base, createRoom] {
                    l->listener->request(
                        registerFrame(base + u"l"_s), [createRoom](const QJsonObject& w) {
                            createRoom(w.value(keys::user).toObject().value(keys::id).toString());
                        });
                });
            });
    });
}

void IngestScenario::laneReady()
{
    if (++m_ready < m_params.connections)
        return;
    m_expectedDeliveries =
        m_params.listeners ? qint64(m_params.connections) * m_params.messagesPerConnection : 0;
    m_cpuAtStart = ProcessProbe::cpuSeconds(m_params.serverPid);
    m_startNs = m_clock.nsecsElapsed();
    for (auto& lane : m_lanes) {
        for (int i = 0; i < m_params.inFlight; ++i)
            sendNext(*lane);
    }
}

void IngestScenario::sendNext(Lane& lane)
{
    if (lane.sent >= m_params.messagesPerConnection)
        return;
    const QString mid = u"%1-%2"_s.arg(lane.room).arg(lane.sent++);
    const qint64 sentAt = m_clock.nsecsElapsed();
    if (m_params.listeners)
        m_sentAtNs.insert(mid, sentAt);
    lane.sender->request({{keys::type, u"send"_s}, {keys::room, lane.room}, {keys::clientMid, mid},
                             {keys::text, u"ingest benchmark message"_s}},
        [this, &lane, sentAt](const QJsonObject& ack) {
            if (ack.value(keys::type).toString() != u"ack"_s)
                return fail(u"send failed: "_s + ack.value(keys::code).toString());
            const qint64 now = m_clock.nsecsElapsed();
            m_ackLatency.add((now - sentAt) / 1000);
            m_lastAckNs = now;
            ++lane.acked;
            ++m_acked;
            sendNext(lane);
            maybeFinish();
        });
}

void IngestScenario::maybeFinish()
{
    const qint64 total = qint64(m_params.connections) * m_params.messagesPerConnection;
    if (m_acked == total && m_deliveries >= m_expectedDeliveries)
        finish();
}

void IngestScenario::fail(const QString& why)
{
    if (m_done)
        return;
    m_result.insert(u"error"_s, why);
    finish();
}

void IngestScenario::finish()
{
    if (m_done)
        return;
    m_done = true;
    const double seconds = double(m_lastAckNs - m_startNs) / 1e9;
    const qint64 total = qint64(m_params.connections) * m_params.messagesPerConnection;
    qint64 missing = 0;
    qint64 duplicates = 0;
    for (const auto& lane : m_lanes) {
        duplicates += lane->duplicates;
        if (m_params.listeners)
            missing += lane->acked - lane->delivered.size();
    }
    const double cpu = ProcessProbe::cpuSeconds(m_params.serverPid) - m_cpuAtStart;
    m_result.insert(u"scenario"_s, u"ingest"_s);
    m_result.insert(u"params"_s,
        QJsonObject {{u"connections"_s, m_params.connections}, {u"in_flight"_s, m_params.inFlight},
            {u"messages_per_connection"_s, m_params.messagesPerConnection},
            {u"listeners"_s, m_params.listeners}});
    m_result.insert(u"messages_sent"_s, total);
    m_result.insert(u"messages_acked"_s, m_acked);
    m_result.insert(u"deliveries_expected"_s, m_expectedDeliveries);
    m_result.insert(u"deliveries_received"_s, m_deliveries);
    m_result.insert(u"missing_deliveries"_s, missing);
    m_result.insert(u"duplicate_deliveries"_s, duplicates);
    m_result.insert(u"seconds"_s, seconds);
    m_result.insert(u"acks_per_s"_s, seconds > 0 ? double(m_acked) / seconds : 0.0);
    m_result.insert(u"ack_latency_ms"_s, m_ackLatency.toJson());
    if (m_params.listeners)
        m_result.insert(u"delivery_latency_ms"_s, m_deliveryLatency.toJson());
    if (m_params.serverPid > 0) {
        m_result.insert(u"server"_s,
            QJsonObject {{u"cpu_s"_s, cpu},
                {u"peak_rss_kb"_s, ProcessProbe::peakRssKb(m_params.serverPid)},
                {u"cpu_us_per_message"_s, m_acked ? cpu * 1e6 / double(m_acked) : 0.0}});
    }
    const bool ok =
        !m_result.contains(u"error"_s) && m_acked == total && missing == 0 && duplicates == 0;
    Q_EMIT finished(ok);
}
