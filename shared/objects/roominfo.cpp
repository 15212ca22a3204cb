#include "shared/objects/roominfo.h"

#include "shared/jsonkeys.h"
#include "shared/jsonreader.h"
#include "shared/limits.h"

namespace palaver {

std::optional<RoomInfo> RoomInfo::fromJson(JsonReader& r)
{
    RoomInfo room;
    room.id = r.id(keys::id);
    const QString kind = r.string(keys::kind, 1, 16);
    // Lengths in characters, as create_room counts them, so the server's answer always parses.
    room.name = r.text(keys::name, limits::maxRoomName, true);
    room.topic = r.text(keys::topic, limits::maxTopic, true);
    room.createdTs = r.integer(keys::createdTs, 0, limits::maxSafeInteger);
    room.lastSeq = r.integer(keys::lastSeq, 0, limits::maxSafeInteger);
    room.memberCount = r.integer(keys::members, 0, limits::maxSafeInteger);
    if (r.has(keys::role)) {
        RoomMembership self;
        const QString role = r.string(keys::role, 1, 16);
        self.lastReadSeq = r.integer(keys::lastReadSeq, 0, limits::maxSafeInteger);
        self.unread = r.integer(keys::unread, 0, limits::maxSafeInteger);
        self.mentions = r.integer(keys::mentions, 0, limits::maxSafeInteger);
        const auto parsedRole = roleFromString(role);
        if (r.ok() && !parsedRole)
            r.fail(ErrorCode::BadRequest, QStringLiteral("unknown role '%1'").arg(role));
        self.role = parsedRole.value_or(Role::Member);
        room.self = self;
    }
    if (const auto lastEvent = r.optionalObject(keys::lastEvent)) {
        JsonReader eventReader(*lastEvent);
        room.lastEvent = Event::fromJson(eventReader);
        if (!eventReader.ok())
            r.fail(eventReader.error().code, eventReader.error().message);
    }
    const auto parsedKind = roomKindFromString(kind);
    if (r.ok() && !parsedKind)
        r.fail(ErrorCode::BadRequest, QStringLiteral("unknown room kind '%1'").arg(kind));
    room.kind = parsedKind.value_or(RoomKind::Public);
    return r.ok() ? std::optional(room) : std::nullopt;
}

QJsonObject RoomInfo::toJson() const
{
    QJsonObject o {{keys::id, id}, {keys::kind, toString(kind)}, {keys::name, name},
        {keys::topic, topic}, {keys::createdTs, createdTs}, {keys::lastSeq, lastSeq},
        {keys::members, memberCount}};
    if (self) {
        o.insert(keys::lastReadSeq, self->lastReadSeq);
        o.insert(keys::unread, self->unread);
        o.insert(keys::mentions, self->mentions);
        o.insert(keys::role, toString(self->role));
    }
    if (lastEvent)
        o.insert(keys::lastEvent, lastEvent->toJson());
    return o;
}

} // namespace palaver
