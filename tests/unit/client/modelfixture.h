#pragma once
// The client's stores and sync engine on a temporary cache with no server: tests feed them
// real server frames (encoded and decoded by the shared codec) and watch the models.
#include "client/cache/localcache.h"
#include "client/cache/outboxstore.h"
#include "client/net/connection.h"
#include "client/outbox/outbox.h"
#include "client/rules/readmarkerpolicy.h"
#include "client/sync/historyfetcher.h"
#include "client/sync/memberstore.h"
#include "client/sync/roomstore.h"
#include "client/sync/syncengine.h"
#include "shared/framecodec.h"

#include <QTemporaryDir>

namespace clienttest {

/// Everything a model needs, offline.
struct ModelFixture
{
    QTemporaryDir dir;
    palaver::client::LocalCache cache {dir.path()};
    palaver::client::OutboxStore outboxStore {cache.database()};
    palaver::client::RoomStore rooms {cache};
    palaver::client::MemberStore members {cache};
    palaver::client::Connection connection;
    palaver::client::HistoryFetcher history {connection, rooms};
    palaver::client::SyncEngine sync {connection, rooms, members, history};
    palaver::client::Outbox outbox {connection, outboxStore, rooms};
    palaver::client::ReadMarkerPolicy readMarkers {nullptr, 10};

    ModelFixture() { rooms.setOwnUserId(QStringLiteral("1")); }

    /// Pushes a frame through the wire codec, as the connection would.
    template <class Push> void push(const Push& frame)
    {
        auto decoded = palaver::decodeServerFrame(palaver::encodePush(frame));
        sync.applyPush(std::get<palaver::ServerFrame>(decoded).message);
    }

    static palaver::RoomInfo room(const QString& id, palaver::RoomKind kind, const QString& name,
        qint64 lastSeq = 0, qint64 createdTs = 1000)
    {
        palaver::RoomInfo room;
        room.id = id;
        room.kind = kind;
        room.name = name;
        room.createdTs = createdTs;
        room.lastSeq = lastSeq;
        room.memberCount = 2;
        room.self = palaver::RoomMembership {};
        return room;
    }

    static palaver::Event message(
        const QString& room, qint64 seq, const QString& sender, const QString& text, qint64 ts = 0)
    {
        palaver::Event event;
        event.room = room;
        event.seq = seq;
        event.ts = ts > 0 ? ts : 1700000000000 + seq * 1000;
        event.sender = sender;
        event.kind = palaver::EventKind::Message;
        event.text = text;
        event.clientMid = QStringLiteral("mid-%1-%2").arg(room).arg(seq);
        return event;
    }

    static palaver::Event annotation(const QString& room, qint64 seq, const QString& sender,
        palaver::EventKind kind, qint64 target)
    {
        palaver::Event event;
        event.room = room;
        event.seq = seq;
        event.ts = 1700000000000 + seq * 1000;
        event.sender = sender;
        event.kind = kind;
        event.target = target;
        return event;
    }
};

} // namespace clienttest
