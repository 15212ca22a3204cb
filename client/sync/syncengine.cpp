#include "client/sync/syncengine.h"

#include "client/cache/localcache.h"
#include "client/logging.h"
#include "client/net/connection.h"
#include "client/sync/historyfetcher.h"
#include "client/sync/memberstore.h"
#include "client/sync/roomstore.h"
#include "shared/limits.h"

#include <QTimer>

namespace palaver::client {
namespace {
constexpr int kSyncRetryMs = 2000;
} // namespace

SyncEngine::SyncEngine(Connection& connection, RoomStore& rooms, MemberStore& members,
    HistoryFetcher& history, QObject* parent)
    : QObject(parent)
    , m_connection(connection)
    , m_rooms(rooms)
    , m_members(members)
    , m_history(history)
{ }

bool SyncEngine::isCaughtUp() const
{
    if (m_syncing || !m_fetching.isEmpty())
        return false;
    const LocalCache& cache = m_rooms.cache();
    for (const RoomInfo& room : m_rooms.rooms()) {
        if (cache.cursor(room.id) < room.lastSeq)
            return false;
    }
    return true;
}

void SyncEngine::startSync()
{
    SyncRequest request;
    request.cursors = m_rooms.cache().cursors();
    // Cursors of rooms we no longer hold would only be ignored by the server.
    for (auto it = request.cursors.begin(); it != request.cursors.end();) {
        if (m_rooms.contains(it.key()))
            ++it;
        else
            it = request.cursors.erase(it);
    }
    const QSet<QString> requested(request.cursors.keyBegin(), request.cursors.keyEnd());
    m_fetching.clear();
    m_syncing = m_connection.request(request, this, [this, requested](const ServerMessage& answer) {
        m_syncing = false;
        if (const auto* synced = std::get_if<SyncedAnswer>(&answer)) {
            applySynced(*synced, requested);
            return;
        }
        const auto* error = std::get_if<ErrorAnswer>(&answer);
        // Busy or briefly failing storage: the same request will do once it has passed.
        if (error &&
            (error->code == ErrorCode::RateLimited || error->code == ErrorCode::Internal)) {
            const int delay = int(error->retryAfterMs.value_or(kSyncRetryMs));
            QTimer::singleShot(std::max(delay, 50), this, [this] {
                if (m_connection.state() == Connection::State::Online && !m_syncing)
                    startSync();
            });
            return;
        }
        Q_EMIT syncFailed(error ? error->message : QString());
    });
}

void SyncEngine::applySynced(const SyncedAnswer& answer, const QSet<QString>& requestedRooms)
{
    QSet<QString> present;
    for (const RoomInfo& room : answer.rooms) {
        present.insert(room.id);
        m_rooms.upsertRoom(room);
    }
    // room_removed pushes missed while offline are not replayed: a room missing here is one
    // we are no longer in.
    for (const RoomInfo& room : m_rooms.rooms()) {
        if (!present.contains(room.id)) {
            m_rooms.removeRoom(room.id);
            m_members.removeRoom(room.id);
        }
    }
    m_rooms.addEvents(answer.events, EventOrigin::Sync);
    for (const RoomInfo& room : answer.rooms) {
        // A room without a cursor got its latest page, which ends at last_seq: everything
        // from there on is contiguous, older pages come when the user scrolls.
        if (!requestedRooms.contains(room.id) || m_rooms.cache().cursor(room.id) < 0)
            m_rooms.cache().setCursor(room.id, room.lastSeq);
        m_rooms.cache().advanceCursor(room.id);
    }
    qCInfo(lcClientSync) << "synced" << answer.rooms.size() << "rooms," << answer.events.size()
                         << "events";
    Q_EMIT synced();
    for (const RoomInfo& room : answer.rooms)
        ensureCaughtUp(room.id);
    if (isCaughtUp())
        Q_EMIT caughtUp();
}

void SyncEngine::ensureCaughtUp(const QString& roomId)
{
    if (m_syncing || m_fetching.contains(roomId) || !m_rooms.contains(roomId))
        return;
    LocalCache& cache = m_rooms.cache();
    const qint64 cursor = cache.advanceCursor(roomId);
    if (cursor < 0 || cursor >= m_rooms.room(roomId).lastSeq)
        return;
    m_fetching.insert(roomId);
    m_history.fetchAfter(roomId, cursor, limits::historyPage,
        [this, roomId, cursor](bool ok, bool, const QList<Event>&) {
            m_fetching.remove(roomId);
            // No progress means the server cannot fill this gap now; the next sync retries
            // instead of looping here.
            if (ok && m_rooms.cache().advanceCursor(roomId) > cursor)
                ensureCaughtUp(roomId);
            if (isCaughtUp())
                Q_EMIT caughtUp();
        });
}

void SyncEngine::startCursorIfMissing(const QString& roomId)
{
    LocalCache& cache = m_rooms.cache();
    if (cache.cursor(roomId) < 0)
        cache.setCursor(roomId, m_rooms.room(roomId).lastSeq);
}

void SyncEngine::applyRoom(const RoomInfo& room)
{
    m_rooms.upsertRoom(room);
    // Events up to the answer's last_seq are history (paged back on demand); the pushes
    // that follow the answer continue from there.
    startCursorIfMissing(room.id);
}

void SyncEngine::applyPush(const ServerMessage& push)
{
    if (const auto* event = std::get_if<EventPush>(&push)) {
        m_rooms.addEvents({event->event}, EventOrigin::Live);
        ensureCaughtUp(event->event.room);
    } else if (const auto* badge = std::get_if<BadgePush>(&push)) {
        m_rooms.setBadge(badge->room, badge->unread, badge->mentions);
    } else if (const auto* receipt = std::get_if<ReceiptPush>(&push)) {
        m_members.raiseMarker(receipt->room, receipt->user, receipt->seq);
        if (receipt->user == m_rooms.ownUserId())
            m_rooms.raiseOwnMarker(receipt->room, receipt->seq);
    } else if (const auto* typing = std::get_if<TypingPush>(&push)) {
        Q_EMIT typingReceived(*typing);
    } else if (const auto* presence = std::get_if<PresencePush>(&push)) {
        m_members.setPresence(presence->user, presence->status, presence->lastSeen);
    } else if (const auto* added = std::get_if<RoomAddedPush>(&push)) {
        applyRoom(added->room);
    } else if (const auto* removed = std::get_if<RoomRemovedPush>(&push)) {
        m_rooms.removeRoom(removed->room);
        m_members.removeRoom(removed->room);
    }
}

} // namespace palaver::client
