#pragma once
#include "shared/objects/event.h"
#include "shared/objects/wireenums.h"

#include <QJsonObject>
#include <QString>
#include <optional>

namespace palaver {
class JsonReader;

/// The requesting member's own view of a room: marker, badge numbers and role.
struct RoomMembership
{
    qint64 lastReadSeq = 0;
    qint64 unread = 0;
    qint64 mentions = 0;
    Role role = Role::Member;
    bool operator==(const RoomMembership&) const = default;
};

/// The room object of protocol v1. `self` is set in answers to a member of the room.
struct RoomInfo
{
    QString id;
    RoomKind kind = RoomKind::Public;
    QString name;
    QString topic;
    qint64 createdTs = 0;
    qint64 lastSeq = 0;
    qint64 memberCount = 0;
    std::optional<RoomMembership> self;
    /// The newest event (seq == last_seq), in `rooms` and `synced` answers: the room list's
    /// preview without a history request.
    std::optional<Event> lastEvent;

    static std::optional<RoomInfo> fromJson(JsonReader& reader);
    QJsonObject toJson() const;
    bool operator==(const RoomInfo&) const = default;
};

} // namespace palaver
