#include "stormscenario.h"

#include "shared/jsonkeys.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

using namespace palaver;
using namespace Qt::StringLiterals;

StormScenario::StormScenario(const BenchOptions& options, QObject* parent)
    : BenchScenario(u"storm"_s, options, parent)
    , m_clients(share(options.integer(u"clients", 10000)))
    , m_devices(int(std::max<qint64>(1, options.integer(u"devices", 1))))
    , m_roomSize(int(std::max<qint64>(1, options.integer(u"room-size", 10))))
    , m_missed(int(options.integer(u"missed", 100)))
    , m_parallel(int(options.integer(u"reconnect-parallel", 0)))
    , m_accounts(m_endpoint, this)
{
    m_users = (m_clients + m_devices - 1) / m_devices;
}

QJsonObject StormScenario::params() const
{
    return {{u"clients"_s, m_options.integer(u"clients", 10000)},
        {u"devices_per_user"_s, m_devices}, {u"room_size"_s, m_roomSize},
        {u"missed_per_room"_s, m_missed}, {u"reconnect_parallel"_s, m_parallel}};
}

void StormScenario::setupClosed(int code)
{
    if (!m_dropped)
        fail(u"a connection closed with %1 before the drop"_s.arg(code));
}

void StormScenario::start()
{
    m_states.resize(size_t(m_clients));
    m_ledger.resize(m_clients);
    m_userIds.resize(m_users);
    m_tokens.resize(m_users);
    // Users 0 … U-1 are members (their registration connection is their first client); user U
    // is the writer.
    m_accounts.registerUsers(
        userPrefix(), m_users + 1, int(m_options.integer(u"register-parallel", 16)),
        [this](int index, BenchClient* client, const BenchUser& user) {
            client->onClosed = [this](int code) { setupClosed(code); };
            if (index == m_users) {
                m_writer = client;
                return;
            }
            m_userIds[index] = user.id;
            m_tokens[index] = user.token;
            m_states[size_t(index)] = {client, index};
        },
        [this](int failed, const QString& error) {
            if (failed)
                return fail(u"registration: "_s + error);
            createRooms();
        });
}

void StormScenario::createRooms()
{
    QList<RoomPlan> plans;
    for (int first = 0; first < m_users; first += m_roomSize)
        plans.append({m_writer, m_userIds.mid(first, m_roomSize), u"storm"_s});
    m_accounts.createRooms(plans, 64, [this](const QStringList& rooms, const QString& error) {
        if (!error.isEmpty())
            return fail(error);
        m_roomIds = rooms;
        // Further devices of each user: client i is device i / U of user i % U.
        QStringList tokens;
        for (int i = m_users; i < m_clients; ++i)
            tokens.append(m_tokens.at(i % m_users));
        m_accounts.resumeAll(
            tokens, 256,
            [this](int index, BenchClient* client, const BenchUser&) {
                client->onClosed = [this](int code) { setupClosed(code); };
                m_states[size_t(m_users + index)] = {client, (m_users + index) % m_users};
            },
            [this](int failed, const QString& error) {
                if (failed)
                    return fail(u"devices: "_s + error);
                syncAll();
            });
    });
}

void StormScenario::syncAll()
{
    for (size_t i = 0; i < m_states.size(); ++i) {
        Client& c = m_states[i];
        c.connection->request({{keys::type, u"sync"_s}}, [this, &c](const QJsonObject& answer) {
            const QString room = m_roomIds.at(c.user / m_roomSize);
            for (const QJsonValue& r : answer.value(keys::rooms).toArray()) {
                if (r.toObject().value(keys::id).toString() == room)
                    c.cursor = qint64(r.toObject().value(keys::lastSeq).toDouble());
            }
            if (++m_synced == m_clients) {
                m_report.connections = m_clients;
                barrier(u"synced"_s, [this] { drop(); });
            }
        });
    }
}

void StormScenario::drop()
{
    m_dropped = true;
    for (Client& c : m_states) {
        c.connection->abort();
        c.connection->deleteLater();
        c.connection = nullptr;
    }
    // The writer shares a room with every user, so it hears each one go offline (after the
    // server's 2 s presence grace): then the server has dropped every session.
    m_writer->onPush = [this](const QJsonObject& push) {
        if (push.value(keys::type).toString() == u"presence"_s &&
            push.value(keys::status).toString() == u"offline"_s && ++m_offline == m_users)
            sendMissed();
    };
    QTimer::singleShot(30'000, this, [this] { sendMissed(); });
}

void StormScenario::sendMissed()
{
    if (m_sending)
        return;
    m_sending = true;
    m_writer->onPush = nullptr;
    for (int i = 0; i < 64; ++i)
        sendNext();
}

void StormScenario::sendNext()
{
    const qint64 total = qint64(m_roomIds.size()) * m_missed;
    if (m_queued >= total || m_reported)
        return;
    const QString room = m_roomIds.at(int(m_queued % m_roomIds.size()));
    ++m_queued;
    ++m_report.sent;
    m_writer->request(
        {{keys::type, u"send"_s}, {keys::room, room}, {keys::clientMid, QString::number(m_queued)},
            {keys::text, u"storm benchmark message"_s}},
        [this, room, total](const QJsonObject& ack) {
            if (ack.value(keys::type).toString() != u"ack"_s)
                return fail(u"send failed: "_s + ack.value(keys::code).toString());
            qint64& last = m_lastSeq[room];
            last = std::max(last, qint64(ack.value(keys::seq).toDouble()));
            if (++m_report.acked == total)
                return barrier(u"start"_s, [this] { reconnect(); });
            sendNext();
        });
}

void StormScenario::reconnect()
{
    for (const Client& c : m_states)
        m_report.deliveriesExpected +=
            m_lastSeq.value(m_roomIds.at(c.user / m_roomSize)) - c.cursor;
    m_reconnectNs = BenchReport::nowNs();
    m_report.markStart(m_reconnectNs);
    const int first = m_parallel > 0 ? std::min(m_parallel, m_clients) : m_clients;
    for (int i = 0; i < first; ++i)
        openNext();
    if (m_clients == 0)
        settle(-1, false);
}

void StormScenario::openNext()
{
    if (m_nextToOpen >= m_clients)
        return;
    const int index = m_nextToOpen++;
    Client& c = m_states[size_t(index)];
    const QString room = m_roomIds.at(c.user / m_roomSize);
    c.connection = m_endpoint.connect(this, [this, index, room](BenchClient* client) {
        const Client& state = m_states[size_t(index)];
        client->request({{keys::type, u"resume"_s}, {keys::protocol, 1},
                            {keys::token, m_tokens.at(state.user)}},
            [this, index](const QJsonObject& answer) {
                if (answer.value(keys::type).toString() != u"welcome"_s)
                    settle(index, false);
            });
        // Pipelined behind resume, as docs/PROTOCOL.md §6 recommends.
        client->requestRaw(
            {{keys::type, u"sync"_s}, {keys::cursors, QJsonObject {{room, state.cursor}}}},
            [this, index](const QByteArray& answer) { onRawCatchUpPage(index, answer); });
    });
    c.connection->onClosed = [this, index](int) { settle(index, false); };
}

void StormScenario::onCatchUpPage(int index, const QJsonObject& answer)
{
    Client& c = m_states[size_t(index)];
    const QString type = answer.value(keys::type).toString();
    if (c.settled)
        return;
    if (type != u"synced"_s && type != u"history"_s)
        return settle(index, false);
    const QString room = m_roomIds.at(c.user / m_roomSize);
    QList<qint64> seqs;
    for (const QJsonValue& v : answer.value(keys::events).toArray()) {
        const QJsonObject event = v.toObject();
        if (event.value(keys::room).toString() == room)
            seqs.append(qint64(event.value(keys::seq).toDouble()));
    }
    const QJsonValue more = answer.value(keys::hasMore);
    onPageEvents(
        index, seqs, more.isObject() ? more.toObject().value(room).toBool() : more.toBool());
}

// The same, read without a JSON parser: 10,000 clients catching up on 100 events each are a
// million events the generator would otherwise parse on the cores the server needs. Every
// event has one "seq" key, and "events" comes before "has_more"; each storm user is in one
// room, so every event of the answer is of that room. Anything unexpected goes to the parser.
void StormScenario::onRawCatchUpPage(int index, const QByteArray& answer)
{
    const qsizetype events = answer.indexOf("\"events\":[");
    const qsizetype hasMoreAt = answer.indexOf("\"has_more\":", std::max<qsizetype>(events, 0));
    const bool known =
        answer.contains("\"type\":\"synced\"") || answer.contains("\"type\":\"history\"");
    if (!known || events < 0 || hasMoreAt < 0) {
        QJsonParseError error {};
        return onCatchUpPage(index, QJsonDocument::fromJson(answer, &error).object());
    }
    QList<qint64> seqs;
    static const QByteArray seqKey = "\"seq\":";
    for (qsizetype at = answer.indexOf(seqKey, events); at >= 0 && at < hasMoreAt;
         at = answer.indexOf(seqKey, at + seqKey.size())) {
        qint64 seq = 0;
        for (qsizetype i = at + seqKey.size();
             i < answer.size() && answer[i] >= '0' && answer[i] <= '9'; ++i)
            seq = seq * 10 + (answer[i] - '0');
        seqs.append(seq);
    }
    // has_more is `true`/`false` (history) or `{"<room>":true}` (synced).
    const qsizetype value = hasMoreAt + 11;
    const qsizetype valueEnd = answer.at(value) == '{' ? answer.indexOf('}', value) : value + 5;
    const bool hasMore = answer.mid(value, valueEnd - value).contains("true");
    onPageEvents(index, seqs, hasMore);
}

void StormScenario::onPageEvents(int index, const QList<qint64>& seqs, bool hasMore)
{
    Client& c = m_states[size_t(index)];
    if (c.settled)
        return;
    const QString room = m_roomIds.at(c.user / m_roomSize);
    qint64 highest = c.cursor;
    for (const qint64 seq : seqs) {
        if (seq <= c.cursor)
            continue;
        highest = std::max(highest, seq);
        if (m_ledger.record(index, room, seq))
            ++c.got;
    }
    if (hasMore) {
        c.connection->requestRaw({{keys::type, u"history"_s}, {keys::room, room},
                                     {keys::after, highest}, {keys::limit, 200}},
            [this, index](const QByteArray& page) { onRawCatchUpPage(index, page); });
        return;
    }
    settle(index, c.got == m_lastSeq.value(room) - c.cursor);
}

void StormScenario::settle(int index, bool caughtUp)
{
    if (index >= 0) {
        Client& c = m_states[size_t(index)];
        if (c.settled)
            return;
        c.settled = true;
        const qint64 now = BenchReport::nowNs();
        if (caughtUp) {
            m_report.latencies[u"client_catch_up_ms"_s].add((now - m_reconnectNs) / 1000);
            m_report.markEnd(now);
        } else {
            ++m_report.refused;
        }
        ++m_settled;
        openNext();
    }
    if (m_settled < m_clients)
        return;
    m_report.deliveriesReceived = m_ledger.received();
    m_report.duplicates = m_ledger.duplicates();
    barrier(u"end"_s, [this] { report(); });
}

bool StormScenario::addFigures(QJsonObject& json, const BenchReport& merged)
{
    // Time from the reconnect of the first client to the last one caught up, over processes.
    json.insert(u"catch_up_s"_s, merged.seconds());
    // The window is the reconnect, in which nothing is sent: per-message figures would divide
    // by sends made before it. The server's CPU is per missed event delivered instead.
    json.insert(u"throughput_per_s"_s, QJsonValue::Null);
    const QJsonValue cpu = json.value(u"server"_s).toObject().value(u"cpu_s"_s);
    json.insert(u"cpu_us_per_msg"_s, QJsonValue::Null);
    json.insert(u"cpu_us_per_event_caught_up"_s,
        cpu.isDouble() && merged.deliveriesReceived > 0
            ? QJsonValue(cpu.toDouble() * 1e6 / double(merged.deliveriesReceived))
            : QJsonValue::Null);
    json.insert(u"target"_s, QJsonObject {{u"catch_up_s"_s, 10}});
    return true;
}
