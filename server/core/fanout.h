#pragma once
#include <QByteArray>

namespace palaver::server {
class RoomRoster;
class Session;
class SessionRegistry;

/// Delivers pushes to every device of a room's members or of one user. A frame is encoded
/// once and the same (implicitly shared) text goes to every socket.
class Fanout
{
public:
    Fanout(const RoomRoster& roster, const SessionRegistry& sessions)
        : m_roster(roster)
        , m_sessions(sessions)
    { }

    /// Returns the number of sessions reached.
    qsizetype toRoom(qint64 roomId, const QByteArray& frame, const Session* except = nullptr) const;
    qsizetype toUser(qint64 userId, const QByteArray& frame, const Session* except = nullptr) const;
    /// For callers that reach many users with one frame: convert once, send many times.
    qsizetype toUser(qint64 userId, const QString& text, const Session* except = nullptr) const;

private:
    const RoomRoster& m_roster;
    const SessionRegistry& m_sessions;
};

} // namespace palaver::server
