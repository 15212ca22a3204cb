#include "server/core/typingtracker.h"

#include "server/core/fanout.h"
#include "server/core/roomroster.h"
#include "server/core/wireid.h"
#include "shared/framecodec.h"

namespace palaver::server {

TypingTracker::TypingTracker(const RoomRoster& roster, const Fanout& fanout, qint64 timeoutMs)
    : m_roster(roster)
    , m_fanout(fanout)
    , m_timeoutMs(timeoutMs)
    , m_active([this](const Key& key) { push(key.first, key.second, false, nullptr); })
{ }

void TypingTracker::refresh(qint64 roomId, qint64 userId, const Session* from)
{
    m_active.schedule({roomId, userId}, m_timeoutMs);
    push(roomId, userId, true, from);
}

void TypingTracker::stop(qint64 roomId, qint64 userId, const Session* from)
{
    if (m_active.cancel({roomId, userId}))
        push(roomId, userId, false, from);
}

void TypingTracker::userGone(qint64 userId)
{
    for (const qint64 roomId : m_roster.roomsOf(userId))
        stop(roomId, userId);
}

void TypingTracker::push(qint64 roomId, qint64 userId, bool active, const Session* except)
{
    m_fanout.toRoom(
        roomId, encodePush(TypingPush {toWireId(roomId), toWireId(userId), active}), except);
}

} // namespace palaver::server
