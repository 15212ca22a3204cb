#pragma once
#include "server/cluster/committedevent.h"

#include <QHash>
#include <functional>

namespace palaver::server {
class BadgePublisher;
class Fanout;
class RoomRoster;
class Session;
class SessionRegistry;
class TypingTracker;
struct MemberRecord;
struct ServerMetrics;

/// A member a change added, with its own view of the room (the room_added push).
struct AddedMember
{
    qint64 lastReadSeq = 0;
    QByteArray push; ///< {"type":"room_added",…}
};

/// A membership change as delivered: who was added (their pushes built by the node that
/// committed it) and the member events it appended, in seq order.
struct MembershipChange
{
    qint64 roomId = 0;
    QHash<qint64, AddedMember> added;
    QList<CommittedEvent> events;
};

/// What this node does with a room's committed events, in seq order, whichever node
/// committed them: the roster, badges and typing follow, and this node's sessions get the
/// pushes. Every node runs the same steps on the same stream, so their rosters agree.
class RoomDelivery
{
public:
    /// Called for a member that joined while this node has its devices but no view of the
    /// room to push (the join came from a database fill, not from a push).
    using ViewWanted = std::function<void(qint64 roomId, qint64 userId)>;

    RoomDelivery(RoomRoster& roster, const SessionRegistry& sessions, const Fanout& fanout,
        BadgePublisher& badges, TypingTracker& typing, ServerMetrics& metrics);
    void setViewWanted(ViewWanted wanted) { m_viewWanted = std::move(wanted); }

    void deliverEvent(const CommittedEvent& event);
    /// The added members first (`requester`, who got the answer, hears no room_added), then
    /// the events.
    void deliverChange(const MembershipChange& change, const Session* requester = nullptr);
    /// A committed read marker, with the counters as stored after it.
    void deliverMarker(const MemberRecord& member);

private:
    RoomRoster& m_roster;
    const SessionRegistry& m_sessions;
    const Fanout& m_fanout;
    BadgePublisher& m_badges;
    TypingTracker& m_typing;
    ServerMetrics& m_metrics;
    ViewWanted m_viewWanted;
};

} // namespace palaver::server
