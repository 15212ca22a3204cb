#include "server/cluster/roomdelivery.h"

#include "server/core/badgepublisher.h"
#include "server/core/fanout.h"
#include "server/core/roomroster.h"
#include "server/core/sessionregistry.h"
#include "server/core/typingtracker.h"
#include "server/core/wireid.h"
#include "server/metrics/servermetrics.h"
#include "server/storage/records.h"
#include "shared/framecodec.h"

namespace palaver::server {

RoomDelivery::RoomDelivery(RoomRoster& roster, const SessionRegistry& sessions,
    const Fanout& fanout, BadgePublisher& badges, TypingTracker& typing, ServerMetrics& metrics)
    : m_roster(roster)
    , m_sessions(sessions)
    , m_fanout(fanout)
    , m_badges(badges)
    , m_typing(typing)
    , m_metrics(metrics)
{ }

void RoomDelivery::deliverEvent(const CommittedEvent& e)
{
    switch (e.kind) {
    case EventKind::Message:
        m_typing.stop(e.roomId, e.senderId); // sending ends typing, before the message shows
        break;
    case EventKind::MemberJoin:
        if (!m_roster.isMember(e.roomId, e.userId)) {
            // Joined through another path than a change push (a fill from the database).
            m_roster.add(e.roomId, e.userId, e.seq - 1);
            if (m_viewWanted && !m_sessions.sessionsOf(e.userId).isEmpty())
                m_viewWanted(e.roomId, e.userId);
        }
        break;
    default:
        break;
    }
    ServerMetrics::add(m_metrics.deliveries, quint64(m_fanout.toRoom(e.roomId, e.push)));
    if (e.kind == EventKind::Message) {
        m_badges.messageCommitted(e.roomId, e.senderId, e.mentions);
    } else if (e.kind == EventKind::MemberLeave && m_roster.isMember(e.roomId, e.userId)) {
        // The member hears its own leave, then loses the room.
        m_typing.stop(e.roomId, e.userId);
        m_roster.remove(e.roomId, e.userId);
        m_fanout.toUser(e.userId, encodePush(RoomRemovedPush {toWireId(e.roomId)}));
    }
}

void RoomDelivery::deliverChange(const MembershipChange& change, const Session* requester)
{
    for (auto it = change.added.cbegin(); it != change.added.cend(); ++it) {
        if (m_roster.isMember(change.roomId, it.key()))
            continue;
        m_roster.add(change.roomId, it.key(), it->lastReadSeq);
        m_fanout.toUser(it.key(), it->push, requester);
    }
    for (const CommittedEvent& e : change.events)
        deliverEvent(e);
}

void RoomDelivery::deliverMarker(const MemberRecord& member)
{
    // Markers only move forward: one overtaken by a later move (from another node) is stale.
    const RoomRoster::Members& members = m_roster.membersOf(member.roomId);
    const auto current = members.constFind(member.userId);
    if (current == members.cend() || current->lastReadSeq >= member.lastReadSeq)
        return;
    m_fanout.toRoom(member.roomId,
        encodePush(
            ReceiptPush {toWireId(member.roomId), toWireId(member.userId), member.lastReadSeq}));
    m_badges.markerMoved(member);
}

} // namespace palaver::server
