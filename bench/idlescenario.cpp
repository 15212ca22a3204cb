#include "idlescenario.h"

#include "processprobe.h"
#include "shared/jsonkeys.h"

#include <QTimer>
#include <algorithm>
#include <numeric>
#include <random>

using namespace palaver;
using namespace Qt::StringLiterals;

IdleScenario::IdleScenario(const BenchOptions& options, QObject* parent)
    : BenchScenario(u"idle"_s, options, parent)
    , m_connections(share(options.integer(u"connections", 19000)))
    , m_devices(int(std::max<qint64>(1, options.integer(u"devices", 10))))
    , m_roomsPerUser(int(options.integer(u"rooms-per-user", 5)))
    , m_roomSize(int(std::max<qint64>(1, options.integer(u"room-size", 10))))
    , m_quietS(int(options.integer(u"quiet-s", 10)))
    , m_accounts(m_endpoint, this)
{
    m_users = (m_connections + m_devices - 1) / m_devices;
}

QJsonObject IdleScenario::params() const
{
    return {{u"connections"_s, m_options.integer(u"connections", 19000)},
        {u"devices_per_user"_s, m_devices}, {u"rooms_per_user"_s, m_roomsPerUser},
        {u"room_size"_s, m_roomSize}, {u"quiet_s"_s, m_quietS}};
}

void IdleScenario::start()
{
    m_setup.resize(size_t(m_users));
    m_userIds.resize(m_users);
    m_tokens.resize(m_users);
    m_accounts.registerUsers(
        userPrefix(), m_users, int(m_options.integer(u"register-parallel", 16)),
        [this](int index, BenchClient* client, const BenchUser& user) {
            m_setup[size_t(index)] = client;
            m_userIds[index] = user.id;
            m_tokens[index] = user.token;
        },
        [this](int failed, const QString& error) {
            if (failed)
                return fail(u"registration: "_s + error);
            createRooms();
        });
}

void IdleScenario::createRooms()
{
    // Each "layer" puts every user in exactly one room: a shuffled order of the users, cut into
    // groups of --room-size. --rooms-per-user layers with different shuffles give each user that
    // many rooms with mostly different people, as in real use. The first user of a group owns it.
    QList<RoomPlan> plans;
    std::vector<int> order(static_cast<size_t>(m_users));
    for (int layer = 0; layer < m_roomsPerUser; ++layer) {
        std::iota(order.begin(), order.end(), 0);
        std::shuffle(order.begin(), order.end(), std::mt19937(unsigned(layer + 1)));
        for (int first = 0; first < m_users; first += m_roomSize) {
            RoomPlan plan {m_setup[size_t(order[size_t(first)])], {}, u"idle"_s};
            for (int i = first + 1; i < std::min(m_users, first + m_roomSize); ++i)
                plan.members.append(m_userIds.at(order[size_t(i)]));
            plans.append(plan);
        }
    }
    m_accounts.createRooms(plans, 64, [this](const QStringList&, const QString& error) {
        if (!error.isEmpty())
            return fail(error);
        // Later: this runs inside one of these clients' answer callbacks.
        for (BenchClient* client : m_setup)
            client->deleteLater();
        m_setup.clear();
        // "Before" is measured once the server has dropped those sessions and their 2 s
        // presence grace period (docs/PROTOCOL.md §7) is over.
        QTimer::singleShot(
            3000, this, [this] { barrier(u"before-connect"_s, [this] { connectAll(); }); });
    });
}

void IdleScenario::connectAll()
{
    QStringList tokens;
    for (int i = 0; i < m_connections; ++i)
        tokens.append(m_tokens.at(i % m_users)); // device i / users of user i % users
    m_report.earliestNs[u"connect"_s] = BenchReport::nowNs();
    // 32 handshakes at a time over all processes: the server's listen backlog is Qt's default
    // of 50, and a burst beyond it costs SYN retransmits of a second or more, which is not what
    // this scenario measures (storm does).
    m_accounts.resumeAll(
        tokens, std::max(1, 32 / m_workers),
        [this](int, BenchClient* client, const BenchUser&) {
            m_clients.push_back(client);
            ++m_syncing;
            client->onClosed = [this, client](int) {
                ++m_closed;
                if (client->pending() > 0) { // its sync will never be answered
                    --m_syncing;
                    onSynced();
                }
            };
            client->request({{keys::type, u"sync"_s}}, [this](const QJsonObject& answer) {
                if (answer.value(keys::type).toString() != u"synced"_s)
                    ++m_connectFailed;
                --m_syncing;
                onSynced();
            });
        },
        [this](int failed, const QString& error) {
            m_connectFailed += failed;
            if (failed)
                m_report.errors.append(
                    u"%1 connections failed, first: %2"_s.arg(failed).arg(error));
            m_resumed = true;
            onSynced();
        });
}

void IdleScenario::onSynced()
{
    // Done when every connection is open and answered its sync, or is counted as failed.
    if (!m_resumed || m_syncing > 0 || m_connected)
        return;
    m_connected = true;
    m_report.latestNs[u"connect"_s] = BenchReport::nowNs();
    barrier(u"start"_s, [this] {
        // Quiet: every process waits the same time and says nothing (it still answers the
        // server's pings); the coordinator reads the server's CPU time at start and end.
        m_report.markStart(BenchReport::nowNs());
        QTimer::singleShot(m_quietS * 1000, Qt::PreciseTimer, this, [this] {
            m_report.markEnd(BenchReport::nowNs());
            barrier(u"end"_s, [this] {
                m_report.connections = qint64(m_clients.size()) - m_closed;
                m_report.refused = m_connectFailed + m_closed;
                report();
            });
        });
    });
}

void IdleScenario::onBarrier(const QString& phase, std::function<void()> release)
{
    if (phase == u"before-connect"_s)
        m_rssBeforeKb = ProcessProbe::rssKb(m_serverPid);
    if (phase == u"start"_s) {
        m_rssAfterKb = ProcessProbe::rssKb(m_serverPid);
        m_quietStartNs = BenchReport::nowNs();
    }
    if (phase == u"end"_s)
        m_quietEndNs = BenchReport::nowNs();
    BenchScenario::onBarrier(phase, std::move(release)); // server CPU at start and end
}

bool IdleScenario::addFigures(QJsonObject& json, const BenchReport& merged)
{
    const double quietS = double(m_quietEndNs - m_quietStartNs) / 1e9;
    const qint64 grown = m_rssAfterKb - m_rssBeforeKb;
    const bool measured = m_serverPid > 0 && m_rssBeforeKb >= 0 && m_rssAfterKb >= 0;
    json.insert(u"rss_before_kb"_s, m_rssBeforeKb);
    json.insert(u"rss_after_kb"_s, m_rssAfterKb);
    json.insert(u"rss_per_connection_kb"_s,
        measured && merged.connections > 0 ? double(grown) / double(merged.connections) : -1.0);
    // The quiet window is the server's CPU window (barriers "start" to "end").
    const double cpu = json.value(u"server"_s).toObject().value(u"cpu_s"_s).toDouble(-1);
    json.insert(u"quiet_s"_s, quietS);
    json.insert(
        u"idle_cpu_pct"_s, measured && quietS > 0 && cpu >= 0 ? cpu / quietS * 100.0 : -1.0);
    const double connectS =
        double(merged.latestNs.value(u"connect"_s) - merged.earliestNs.value(u"connect"_s)) / 1e9;
    json.insert(u"connect_s"_s, connectS);
    json.insert(
        u"target"_s, QJsonObject {{u"rss_per_connection_kb"_s, 24}, {u"idle_cpu_pct"_s, 2}});
    return merged.connections > 0;
}
