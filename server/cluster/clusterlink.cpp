#include "server/cluster/clusterlink.h"

#include "server/cluster/busmessage.h"
#include "server/cluster/bustransport.h"
#include "server/core/fanout.h"
#include "server/core/presencetracker.h"
#include "server/core/typingtracker.h"
#include "server/handlers/roomchanges.h"
#include "server/logging.h"
#include "server/metrics/servermetrics.h"
#include "server/net/session.h"
#include "server/storage/database.h"
#include "shared/framecodec.h"

#include <QDateTime>
#include <QRandomGenerator>

namespace palaver::server {
namespace {
constexpr int kHeartbeatMs = 1000;
// Five missed heartbeats: the node is gone (killed, or cut off from the bus).
constexpr qint64 kPeerTimeoutMs = 5000;
constexpr int kFillPage = 200;

QString newOrigin()
{
    return QString::number(QRandomGenerator::system()->generate64(), 16);
}
} // namespace

ClusterLink::ClusterLink(Database& db, RoomDelivery& delivery, const Fanout& fanout,
    PresenceTracker& presence, TypingTracker& typing, ServerMetrics& metrics, QString nodeId,
    QObject* parent)
    : QObject(parent)
    , m_db(db)
    , m_delivery(delivery)
    , m_fanout(fanout)
    , m_presence(presence)
    , m_typing(typing)
    , m_metrics(metrics)
    , m_nodeId(std::move(nodeId))
    , m_origin(newOrigin())
    , m_sequencer([this](qint64 roomId, qint64 after) { fill(roomId, after); })
{
    m_clock.start();
    m_heartbeat.setInterval(kHeartbeatMs);
    connect(&m_heartbeat, &QTimer::timeout, this, &ClusterLink::heartbeat);
    m_delivery.setViewWanted([this](qint64 roomId, qint64 userId) { pushView(roomId, userId); });
}

ClusterLink::~ClusterLink()
{
    m_presence.setAnnounce({});
    m_typing.setAnnounce({});
}

void ClusterLink::setBus(BusTransport* bus)
{
    m_bus = bus;
    if (!bus)
        return;
    connect(bus, &BusTransport::received, this, &ClusterLink::onReceived);
    connect(bus, &BusTransport::ready, this, &ClusterLink::onReady);
    connect(bus, &BusTransport::lost, this, [] {
        qCWarning(lcCluster) << "bus lost: serving this node's clients alone until it is back";
    });
    m_presence.setAnnounce([this](qint64 userId, PresenceStatus status, qint64 lastSeen) {
        publish(busmessage::presence(m_origin, {userId, status, lastSeen}));
    });
    m_typing.setAnnounce([this](qint64 roomId, qint64 userId, bool active) {
        publish(busmessage::typing(m_origin, {roomId, userId, active}));
    });
    m_heartbeat.start();
    if (bus->isReady())
        onReady();
}

bool ClusterLink::busReady() const
{
    return m_bus && m_bus->isReady();
}

void ClusterLink::publish(const QByteArray& message)
{
    if (!m_bus)
        return;
    if (m_bus->publish(message))
        ServerMetrics::add(m_metrics.busPublished);
    else
        ServerMetrics::add(m_metrics.busDropped);
}

void ClusterLink::eventCommitted(const Event& event)
{
    CommittedEvent committed = CommittedEvent::from(event);
    if (m_bus) // one node encodes nothing for a bus it does not have
        publish(busmessage::event(m_origin, committed));
    offerEvent(std::move(committed));
}

void ClusterLink::offerEvent(CommittedEvent event)
{
    const qint64 roomId = event.roomId;
    const qint64 seq = event.seq;
    m_sequencer.offer(
        roomId, seq, seq, [this, event = std::move(event)] { m_delivery.deliverEvent(event); });
}

void ClusterLink::offerMarker(const MemberRecord& member)
{
    m_sequencer.after(
        member.roomId, member.lastReadSeq, [this, member] { m_delivery.deliverMarker(member); });
}

void ClusterLink::roomChanged(const RoomChange& change, const Session* requester)
{
    MembershipChange delivered;
    delivered.roomId = change.roomId;
    for (const auto& [userId, view] : change.added)
        delivered.added.insert(userId,
            AddedMember {view.self ? view.self->lastReadSeq : 0, encodePush(RoomAddedPush {view})});
    for (const Event& e : change.events)
        delivered.events.append(CommittedEvent::from(e));
    if (m_bus)
        publish(busmessage::change(m_origin, delivered));
    offerChange(delivered, requester);
}

void ClusterLink::offerChange(const MembershipChange& change, const Session* requester)
{
    // The requester may be gone by the time a held change is delivered.
    QPointer<Session> guard(const_cast<Session*>(requester));
    const qint64 first = change.events.isEmpty() ? 1 : change.events.first().seq;
    const qint64 last = change.events.isEmpty() ? 0 : change.events.last().seq;
    m_sequencer.offer(change.roomId, first, last,
        [this, change, guard] { m_delivery.deliverChange(change, guard.data()); });
}

void ClusterLink::markerMoved(const MemberRecord& member)
{
    if (m_bus)
        publish(busmessage::marker(m_origin, member));
    offerMarker(member);
}

void ClusterLink::onReceived(const QByteArray& message)
{
    using namespace busmessage;
    const auto envelope = parse(message);
    if (!envelope) {
        qCWarning(lcCluster) << "ignoring an unreadable bus message of" << message.size()
                             << "bytes";
        return;
    }
    if (envelope->origin == m_origin)
        return; // the bus echoes our own
    ServerMetrics::add(m_metrics.busReceived);
    hearFrom(envelope->origin);
    switch (envelope->kind) {
    case Kind::Event:
        if (auto e = eventOf(*envelope))
            offerEvent(std::move(*e));
        break;
    case Kind::Change:
        if (const auto change = changeOf(*envelope))
            offerChange(*change, nullptr);
        break;
    case Kind::Marker:
        if (const auto member = markerOf(*envelope))
            offerMarker(*member);
        break;
    case Kind::Typing:
        if (const auto t = typingOf(*envelope))
            m_typing.remote(envelope->origin, t->roomId, t->userId, t->active);
        break;
    case Kind::Presence:
        if (const auto p = presenceOf(*envelope))
            m_presence.remoteChanged(envelope->origin, p->userId, p->status, p->lastSeen);
        break;
    case Kind::Snapshot:
        if (const auto s = snapshotOf(*envelope)) {
            m_presence.remoteSnapshot(envelope->origin, s->presence);
            // Only states this node has not heard of: a snapshot is not a new keystroke.
            for (const auto& [roomId, userId] : s->typing)
                if (!m_typing.isActive(roomId, userId))
                    m_typing.remote(envelope->origin, roomId, userId, true);
        }
        // A node sends a snapshot when it (re)links. What it committed while its link was
        // down never reached the bus, and nothing after it may reveal the gap (a room's last
        // messages): the database has it.
        scanHeads();
        break;
    case Kind::Heartbeat:
        break;
    }
}

void ClusterLink::hearFrom(const QString& origin)
{
    const bool known = m_peers.contains(origin);
    m_peers.insert(origin, m_clock.elapsed());
    if (!known) {
        qCInfo(lcCluster) << "node" << origin << "joined the bus";
        sendSnapshot(); // so the newcomer knows who is online here
    }
}

void ClusterLink::onReady()
{
    qCInfo(lcCluster) << "linked to the bus as node" << m_nodeId << "origin" << m_origin;
    // Peers were not heard while the link was down, which says nothing about them.
    for (auto it = m_peers.begin(); it != m_peers.end(); ++it)
        *it = m_clock.elapsed();
    publish(busmessage::heartbeat(m_origin, m_nodeId));
    sendSnapshot();
    scanHeads(); // whatever was committed while this node was not listening
}

void ClusterLink::heartbeat()
{
    if (!busReady())
        return;
    publish(busmessage::heartbeat(m_origin, m_nodeId));
    QStringList gone;
    for (auto it = m_peers.cbegin(); it != m_peers.cend(); ++it)
        if (m_clock.elapsed() - it.value() > kPeerTimeoutMs)
            gone.append(it.key());
    if (gone.isEmpty())
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const QString& origin : std::as_const(gone)) {
        qCWarning(lcCluster) << "node" << origin << "went silent: its devices count as gone";
        m_peers.remove(origin);
        m_presence.nodeGone(origin, now);
        m_typing.nodeGone(origin);
    }
    scanHeads(); // it may have committed events it never published
}

void ClusterLink::sendSnapshot()
{
    busmessage::Snapshot snapshot;
    snapshot.nodeId = m_nodeId;
    snapshot.presence = m_presence.localStatuses();
    for (const auto& [roomId, userId] : m_typing.localStates())
        snapshot.typing.append({roomId, userId});
    publish(busmessage::snapshot(m_origin, snapshot));
}

void ClusterLink::scanHeads()
{
    m_db.read<QHash<qint64, qint64>>(
        [](Store& store) -> Outcome<QHash<qint64, qint64>> { return store.rooms().lastSeqs(); },
        [this](Outcome<QHash<qint64, qint64>> heads) {
            if (!heads.ok()) {
                qCWarning(lcCluster)
                    << "cannot read the rooms' last seqs:" << heads.error().message;
                return;
            }
            for (auto it = heads.value().cbegin(); it != heads.value().cend(); ++it)
                m_sequencer.noteHead(it.key(), it.value());
        });
}

void ClusterLink::fill(qint64 roomId, qint64 after)
{
    m_db.read<QList<Event>>(
        [roomId, after](Store& store) -> Outcome<QList<Event>> {
            return store.events().history(roomId, std::nullopt, after, kFillPage);
        },
        [this, roomId](Outcome<QList<Event>> events) {
            if (events.ok()) {
                ServerMetrics::add(m_metrics.gapFills);
                for (const Event& e : events.value())
                    offerEvent(CommittedEvent::from(e));
            }
            m_sequencer.fillDone(roomId);
        });
}

void ClusterLink::pushView(qint64 roomId, qint64 userId)
{
    m_db.read<std::optional<RoomInfo>>(
        [roomId, userId](Store& store) -> Outcome<std::optional<RoomInfo>> {
            return store.rooms().roomFor(roomId, userId);
        },
        [this, userId](Outcome<std::optional<RoomInfo>> view) {
            if (view.ok() && view.value())
                m_fanout.toUser(userId, encodePush(RoomAddedPush {*view.value()}));
        });
}

} // namespace palaver::server
