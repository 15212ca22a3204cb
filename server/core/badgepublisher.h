#pragma once
#include "shared/objects/roominfo.h"

#include <QList>
#include <QString>

namespace palaver::server {
class RoomRoster;
class SessionRegistry;
struct MemberRecord;

/// Keeps the roster's counters in step with committed messages and marker moves, and pushes
/// `badge` to every device of each member whose numbers changed.
class BadgePublisher
{
public:
    BadgePublisher(RoomRoster& roster, const SessionRegistry& sessions)
        : m_roster(roster)
        , m_sessions(sessions)
    { }

    /// A message committed: every other member's unread rose (and the mentioned members'
    /// mentions). The sender's numbers do not change: its own message never counts.
    void messageCommitted(qint64 roomId, qint64 senderId, const QList<qint64>& mentioned);
    /// A marker moved (from any of the member's devices): all its devices get the new numbers.
    void markerMoved(const MemberRecord& member);

    /// The badge frame, built as text: one goes to every member for every message.
    static QByteArray encode(const QByteArray& room, const RoomMembership& badge);

private:
    RoomRoster& m_roster;
    const SessionRegistry& m_sessions;
};

} // namespace palaver::server
