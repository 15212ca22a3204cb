#include "server/core/typingtracker.h"

#include "server/core/fanout.h"
#include "server/core/roomroster.h"
#include "server/core/wireid.h"
#include "shared/framecodec.h"

namespace palaver::server {
namespace {
// Another node's state outlives its own deadline a little: normally that node's stop arrives
// first, and this deadline only ends states whose node died.
constexpr qint64 kRemoteSlackMs = 1000;
} // namespace

TypingTracker::TypingTracker(const RoomRoster& roster, const Fanout& fanout, qint64 timeoutMs)
    : m_roster(roster)
    , m_fanout(fanout)
    , m_timeoutMs(timeoutMs)
    , m_active([this](const Key& key) { expired(key); })
{ }

void TypingTracker::refresh(qint64 roomId, qint64 userId, const Session* from)
{
    const Key key {roomId, userId};
    m_active.schedule(key, m_timeoutMs);
    m_origin.insert(key, QString());
    push(roomId, userId, true, from);
    if (m_announce)
        m_announce(roomId, userId, true);
}

void TypingTracker::stopFrom(qint64 roomId, qint64 userId, const Session* from)
{
    if (end({roomId, userId}, from) && m_announce)
        m_announce(roomId, userId, false);
}

void TypingTracker::stop(qint64 roomId, qint64 userId)
{
    end({roomId, userId}, nullptr);
}

void TypingTracker::userGone(qint64 userId)
{
    for (const qint64 roomId : m_roster.roomsOf(userId)) {
        const Key key {roomId, userId};
        const auto origin = m_origin.constFind(key);
        if (origin != m_origin.cend() && origin->isEmpty())
            stopFrom(roomId, userId, nullptr);
    }
}

void TypingTracker::remote(const QString& node, qint64 roomId, qint64 userId, bool active)
{
    const Key key {roomId, userId};
    if (!active) {
        end(key, nullptr);
        return;
    }
    m_active.schedule(key, m_timeoutMs + kRemoteSlackMs);
    m_origin.insert(key, node);
    push(roomId, userId, true, nullptr);
}

void TypingTracker::nodeGone(const QString& node)
{
    QList<Key> ended;
    for (auto it = m_origin.cbegin(); it != m_origin.cend(); ++it)
        if (it.value() == node)
            ended.append(it.key());
    for (const Key& key : std::as_const(ended))
        end(key, nullptr);
}

QList<QPair<qint64, qint64>> TypingTracker::localStates() const
{
    QList<QPair<qint64, qint64>> states;
    for (auto it = m_origin.cbegin(); it != m_origin.cend(); ++it)
        if (it.value().isEmpty())
            states.append(it.key());
    return states;
}

bool TypingTracker::end(const Key& key, const Session* except)
{
    m_active.cancel(key);
    if (!m_origin.remove(key))
        return false;
    push(key.first, key.second, false, except);
    return true;
}

void TypingTracker::expired(const Key& key)
{
    const bool local = m_origin.value(key).isEmpty();
    if (end(key, nullptr) && local && m_announce)
        m_announce(key.first, key.second, false);
}

void TypingTracker::push(qint64 roomId, qint64 userId, bool active, const Session* except)
{
    m_fanout.toRoom(
        roomId, encodePush(TypingPush {toWireId(roomId), toWireId(userId), active}), except);
}

} // namespace palaver::server
