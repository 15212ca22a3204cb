#include "latencyscenario.h"

#include "shared/jsonkeys.h"

#include <cmath>

using namespace palaver;
using namespace Qt::StringLiterals;

LatencyScenario::LatencyScenario(const BenchOptions& options, QObject* parent)
    : BenchScenario(u"latency"_s, options, parent)
    , m_rooms(share(options.integer(u"rooms", 100)))
    , m_roomSize(int(options.integer(u"room-size", 10)))
    , m_rate(double(options.integer(u"rate", 5000)) * m_rooms /
          std::max<qint64>(1, options.integer(u"rooms", 100)))
    , m_durationS(double(options.integer(u"duration-s", 10)))
    , m_accounts(m_endpoint, this)
{
    m_total = qint64(std::llround(m_rate * m_durationS));
    m_pacer.setTimerType(Qt::PreciseTimer);
    m_pacer.setInterval(1);
    connect(&m_pacer, &QTimer::timeout, this, &LatencyScenario::pace);
}

QJsonObject LatencyScenario::params() const
{
    return {{u"rooms"_s, m_options.integer(u"rooms", 100)}, {u"room_size"_s, m_roomSize},
        {u"rate_per_s"_s, m_options.integer(u"rate", 5000)}, {u"duration_s"_s, m_durationS}};
}

void LatencyScenario::start()
{
    const int members = m_rooms * m_roomSize;
    m_members.resize(size_t(members));
    m_memberIds.resize(members);
    m_ledger.resize(members);
    m_sentNs.resize(size_t(m_total));
    if (m_roomSize < 2)
        return fail(u"--room-size must be at least 2: deliveries go to the other members"_s);
    m_accounts.registerUsers(
        userPrefix(), members, int(m_options.integer(u"register-parallel", 16)),
        [this](int index, BenchClient* client, const BenchUser& user) {
            ++m_report.connections;
            m_members[size_t(index)] = client;
            m_memberIds[index] = user.id;
            client->ignoreFramesContaining(QByteArrayLiteral("\"type\":\"badge\""));
            client->onRawPush = [this, index](
                                    const QByteArray& push) { return onRawPush(index, push); };
            client->onPush = [this, index](const QJsonObject& push) { onPush(index, push); };
            client->onClosed = [this](int code) {
                if (!m_ending)
                    fail(u"a member connection closed with %1"_s.arg(code));
            };
        },
        [this](int failed, const QString& error) {
            if (failed)
                return fail(u"registration: "_s + error);
            createRooms();
        });
}

void LatencyScenario::createRooms()
{
    // Slot 0 creates the room with the other members, who then get room_added.
    QList<RoomPlan> plans;
    for (int r = 0; r < m_rooms; ++r)
        plans.append({m_members[size_t(r * m_roomSize)],
            m_memberIds.mid(r * m_roomSize + 1, m_roomSize - 1), u"latency"_s});
    m_accounts.createRooms(plans, 64, [this](const QStringList& rooms, const QString& error) {
        if (!error.isEmpty())
            return fail(error);
        m_roomIds = rooms;
        m_roomsCreated = true;
        maybeStart();
    });
}

void LatencyScenario::maybeStart()
{
    // Every member must be in its room as the server sees it before the clock starts.
    if (!m_roomsCreated || m_roomAdded < m_rooms * (m_roomSize - 1))
        return;
    barrier(u"start"_s, [this] {
        m_startNs = BenchReport::nowNs();
        m_report.markStart(m_startNs);
        m_pacer.start();
        pace();
    });
}

void LatencyScenario::pace()
{
    // Open loop: the number of sends due follows the clock, so a late tick sends the backlog.
    const double elapsedS = double(BenchReport::nowNs() - m_startNs) / 1e9;
    const qint64 due = std::min(m_total, qint64(elapsedS * m_rate) + 1);
    while (m_report.sent < due && !m_reported)
        sendOne();
    if (m_report.sent >= m_total && m_pacer.isActive()) {
        m_pacer.stop();
        // Whatever has not arrived 30 s after the last send counts as missing.
        QTimer::singleShot(30'000, this, [this] {
            if (m_ending)
                return;
            m_ending = true;
            m_report.errors.append(u"answers or deliveries missing 30 s after the last send"_s);
            barrier(u"end"_s, [this] { report(); });
        });
        maybeFinish();
    }
}

void LatencyScenario::sendOne()
{
    const qint64 k = m_report.sent++;
    const int room = int(k % m_rooms);
    const int slot = int((k / m_rooms) % m_roomSize);
    const qint64 now = BenchReport::nowNs();
    m_sentNs[size_t(k)] = now;
    const qint64 scheduled = m_startNs + qint64(double(k) * 1e9 / m_rate);
    m_report.latencies[u"pacing_lag_ms"_s].add(std::max<qint64>(0, now - scheduled) / 1000);
    m_members[size_t(room * m_roomSize + slot)]->request(
        {{keys::type, u"send"_s}, {keys::room, m_roomIds.at(room)},
            {keys::clientMid, QString::number(k)}, {keys::text, u"latency benchmark message"_s}},
        [this, now](const QJsonObject& ack) {
            if (ack.value(keys::type).toString() != u"ack"_s)
                return fail(u"send failed: "_s + ack.value(keys::code).toString());
            const qint64 at = BenchReport::nowNs();
            m_report.latencies[u"ack_latency_ms"_s].add((at - now) / 1000);
            m_report.markEnd(at);
            ++m_report.acked;
            m_report.deliveriesExpected += m_roomSize - 1;
            maybeFinish();
        });
}

void LatencyScenario::onPush(int member, const QJsonObject& push)
{
    const QString type = push.value(keys::type).toString();
    if (type == u"room_added"_s) {
        ++m_roomAdded;
        return maybeStart();
    }
    if (type != u"event"_s)
        return; // badges, receipts and presence are not what this scenario measures
    const QJsonObject event = push.value(keys::event).toObject();
    if (event.value(keys::kind).toString() != u"message"_s)
        return;
    bool numeric = false;
    const qint64 k = event.value(keys::clientMid).toString().toLongLong(&numeric);
    if (numeric)
        onDelivery(member, k, qint64(event.value(keys::seq).toDouble()));
}

// Message events, read without a JSON parser (the generator shares the cores with the
// server). A member is in one room, so the room is known from the connection.
bool LatencyScenario::onRawPush(int member, const QByteArray& push)
{
    if (BenchClient::leadingType(push) != "event" || !push.contains("\"kind\":\"message\""))
        return false;
    const qint64 seq = BenchClient::scanInteger(push, "\"seq\":");
    const qint64 k = BenchClient::scanInteger(push, "\"client_mid\":\"");
    if (seq < 0 || k < 0)
        return false;
    onDelivery(member, k, seq);
    return true;
}

void LatencyScenario::onDelivery(int member, qint64 k, qint64 seq)
{
    if (k < 0 || k >= m_report.sent)
        return;
    if (int((k / m_rooms) % m_roomSize) == member % m_roomSize)
        return; // the sender's own copy: not a delivery to another member
    if (!m_ledger.record(member, m_roomIds.at(member / m_roomSize), seq))
        return maybeFinish();
    const qint64 now = BenchReport::nowNs();
    m_report.latencies[u"latency_ms"_s].add((now - m_sentNs[size_t(k)]) / 1000);
    m_report.markEnd(now);
    maybeFinish();
}

void LatencyScenario::maybeFinish()
{
    m_report.deliveriesReceived = m_ledger.received();
    m_report.duplicates = m_ledger.duplicates();
    if (m_ending || m_report.sent < m_total || m_report.acked < m_total ||
        m_report.deliveriesReceived < m_report.deliveriesExpected)
        return;
    m_ending = true;
    barrier(u"end"_s, [this] { report(); });
}

bool LatencyScenario::addFigures(QJsonObject& json, const BenchReport&)
{
    json.insert(u"target"_s, QJsonObject {{u"latency_p99_ms"_s, 5}});
    return true;
}
