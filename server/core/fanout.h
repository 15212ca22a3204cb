#pragma once
#include <QByteArray>

namespace palaver::server {
class RoomRoster;
class Session;
class SessionRegistry;

/// Delivers pushes to every device of a room's members or of one user. A push is framed for
/// the WebSocket once and the same (implicitly shared) bytes go to every socket.
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
    /// For callers that reach many users with one push: `wireFrame` is ws::encodeText(json).
    qsizetype toUserFramed(
        qint64 userId, const QByteArray& wireFrame, const Session* except = nullptr) const;

private:
    const RoomRoster& m_roster;
    const SessionRegistry& m_sessions;
};

} // namespace palaver::server
