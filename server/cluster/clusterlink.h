#pragma once
#include "server/cluster/bustransport.h"
#include "server/cluster/roomdelivery.h"
#include "server/cluster/roomsequencer.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace palaver::server {
class Database;
class Fanout;
class PresenceTracker;
class Session;
class TypingTracker;
struct MemberRecord;
struct RoomChange;
struct ServerMetrics;

/// Joins this node to the others. Everything this node commits goes into its own room streams
/// and onto the bus (once per room, not per recipient); what other nodes commit comes off the
/// bus into the same streams, so each node delivers every room's events once, in seq order.
/// Gaps (a push lost while the bus was down, a node killed between commit and publish) are
/// filled from the database. Presence and typing travel the same way; heartbeats tell which
/// nodes are alive. Without a bus (one node) only the local half runs.
class ClusterLink : public QObject
{
    Q_OBJECT
public:
    ClusterLink(Database& db, RoomDelivery& delivery, const Fanout& fanout,
        PresenceTracker& presence, TypingTracker& typing, ServerMetrics& metrics, QString nodeId,
        QObject* parent = nullptr);
    ~ClusterLink() override;

    /// The bus to use (not owned); nullptr for one node.
    void setBus(BusTransport* bus);
    /// The rooms' last seqs at start, read before listening.
    void load(const QHash<qint64, qint64>& lastSeqs) { m_sequencer.load(lastSeqs); }

    void eventCommitted(const Event& event);
    void roomChanged(const RoomChange& change, const Session* requester);
    void markerMoved(const MemberRecord& member);
    /// A room an admin deleted.
    void roomDeleted(qint64 roomId) { m_sequencer.forget(roomId); }

    const QString& nodeId() const { return m_nodeId; }
    /// This process on the bus: unique even when two nodes share a name.
    const QString& origin() const { return m_origin; }
    bool busConfigured() const { return m_bus != nullptr; }
    bool busReady() const;
    qsizetype peerNodes() const { return m_peers.size(); }
    qsizetype roomsBehind() const { return m_sequencer.roomsBehind(); }

private:
    void publish(const QByteArray& message);
    void onReceived(const QByteArray& message);
    void onReady();
    void heartbeat();
    void hearFrom(const QString& origin);
    void fill(qint64 roomId, qint64 after);
    void scanHeads();
    void pushView(qint64 roomId, qint64 userId);
    void offerEvent(CommittedEvent event);
    void offerChange(const MembershipChange& change, const Session* requester);
    void offerMarker(const MemberRecord& member);
    void sendSnapshot();

    Database& m_db;
    RoomDelivery& m_delivery;
    const Fanout& m_fanout;
    PresenceTracker& m_presence;
    TypingTracker& m_typing;
    ServerMetrics& m_metrics;
    QString m_nodeId;
    QString m_origin;
    RoomSequencer m_sequencer;
    QPointer<BusTransport> m_bus;
    QHash<QString, qint64> m_peers; ///< origin → when last heard (m_clock)
    QElapsedTimer m_clock;
    QTimer m_heartbeat;
};

} // namespace palaver::server
