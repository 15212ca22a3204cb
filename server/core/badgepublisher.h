#pragma once
#include "shared/objects/roominfo.h"

#include <QHash>
#include <QList>
#include <QSet>
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
    /// The badges go out at flushPending(): a badge carries a member's current numbers, so
    /// the messages of one commit batch (eight in flight into a 1,000-member room) cost each
    /// member one badge, not eight.
    void messageCommitted(qint64 roomId, qint64 senderId, const QList<qint64>& mentioned);
    /// Pushes the badges of every message committed since the last call. The server calls it
    /// once per pass of the event loop, before that pass's frames are written, so a badge
    /// never leaves before the event that caused it.
    void flushPending();
    /// A marker moved (from any of the member's devices): all its devices get the new numbers.
    void markerMoved(const MemberRecord& member);

    /// The badge frame, built as text: one goes to every member for every message.
    static QByteArray encode(const QByteArray& room, const RoomMembership& badge);

private:
    /// The member's current numbers to every device it has connected.
    void push(qint64 roomId, const QByteArray& wireRoom, qint64 userId);

    RoomRoster& m_roster;
    const SessionRegistry& m_sessions;
    /// Rooms with messages not yet badged, and who sent them: a member whose numbers did not
    /// change is one who sent every one of them.
    QHash<qint64, QSet<qint64>> m_pendingSenders;
};

} // namespace palaver::server
