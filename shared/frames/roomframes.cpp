#include "shared/frames/roomframes.h"

#include "shared/frames/nestedjson.h"
#include "shared/jsonkeys.h"
#include "shared/jsonreader.h"
#include "shared/limits.h"

namespace palaver {
namespace {
// Only public and group rooms are created explicitly: a direct room exists once per pair and
// comes from open_direct, which makes it idempotent.
RoomKind readCreatableKind(JsonReader& r)
{
    const QString kind = r.string(keys::kind, 1, 16);
    const auto parsed = roomKindFromString(kind);
    if (r.ok() && parsed != RoomKind::Public && parsed != RoomKind::Group) {
        r.fail(ErrorCode::BadRequest,
            QStringLiteral("'kind' must be \"public\" or \"group\", not '%1'").arg(kind));
    }
    return parsed.value_or(RoomKind::Group);
}

// Search boxes behave like message text: surrounding whitespace does not count, lengths are in
// characters as users see them, and too long is too_large.
QString readQuery(JsonReader& r, bool required)
{
    // Presence and type of a required query; its length is checked after trimming below, and
    // no string in a frame within the size limit can exceed this bound.
    if (required)
        r.string(keys::query, 0, limits::maxFrameBytes);
    return r.text(keys::query, limits::maxQuery, /*allowEmpty=*/true);
}

int readLimit(JsonReader& r, int defaultLimit)
{
    return int(r.optionalInteger(keys::limit, 1, limits::listMax).value_or(defaultLimit));
}
} // namespace

std::optional<CreateRoomRequest> CreateRoomRequest::fromJson(JsonReader& r)
{
    CreateRoomRequest f;
    f.kind = readCreatableKind(r);
    f.name = r.text(keys::name, limits::maxRoomName);
    f.topic = r.text(keys::topic, limits::maxTopic, /*allowEmpty=*/true);
    f.members = r.idList(keys::members, limits::maxInitialMembers);
    return r.ok() ? std::optional(f) : std::nullopt;
}

QJsonObject CreateRoomRequest::toJson() const
{
    QJsonObject o {{keys::kind, toString(kind)}, {keys::name, name}};
    if (!topic.isEmpty())
        o.insert(keys::topic, topic);
    if (!members.isEmpty())
        o.insert(keys::members, toJsonArray(members));
    return o;
}

std::optional<OpenDirectRequest> OpenDirectRequest::fromJson(JsonReader& r)
{
    OpenDirectRequest f;
    f.user = r.id(keys::user);
    return r.ok() ? std::optional(f) : std::nullopt;
}

QJsonObject OpenDirectRequest::toJson() const
{
    return {{keys::user, user}};
}

std::optional<JoinRequest> JoinRequest::fromJson(JsonReader& r)
{
    JoinRequest f;
    f.room = r.id(keys::room);
    return r.ok() ? std::optional(f) : std::nullopt;
}

QJsonObject JoinRequest::toJson() const
{
    return {{keys::room, room}};
}

std::optional<LeaveRequest> LeaveRequest::fromJson(JsonReader& r)
{
    LeaveRequest f;
    f.room = r.id(keys::room);
    return r.ok() ? std::optional(f) : std::nullopt;
}

QJsonObject LeaveRequest::toJson() const
{
    return {{keys::room, room}};
}

std::optional<InviteRequest> InviteRequest::fromJson(JsonReader& r)
{
    InviteRequest f;
    f.room = r.id(keys::room);
    f.user = r.id(keys::user);
    return r.ok() ? std::optional(f) : std::nullopt;
}

QJsonObject InviteRequest::toJson() const
{
    return {{keys::room, room}, {keys::user, user}};
}

std::optional<KickRequest> KickRequest::fromJson(JsonReader& r)
{
    KickRequest f;
    f.room = r.id(keys::room);
    f.user = r.id(keys::user);
    return r.ok() ? std::optional(f) : std::nullopt;
}

QJsonObject KickRequest::toJson() const
{
    return {{keys::room, room}, {keys::user, user}};
}

std::optional<RoomsRequest> RoomsRequest::fromJson(JsonReader&)
{
    return RoomsRequest {};
}

std::optional<DirectoryRequest> DirectoryRequest::fromJson(JsonReader& r)
{
    DirectoryRequest f;
    f.query = readQuery(r, /*required=*/false);
    f.limit = readLimit(r, limits::directoryDefault);
    return r.ok() ? std::optional(f) : std::nullopt;
}

QJsonObject DirectoryRequest::toJson() const
{
    QJsonObject o {{keys::limit, limit}};
    if (!query.isEmpty())
        o.insert(keys::query, query);
    return o;
}

std::optional<MembersRequest> MembersRequest::fromJson(JsonReader& r)
{
    MembersRequest f;
    f.room = r.id(keys::room);
    return r.ok() ? std::optional(f) : std::nullopt;
}

QJsonObject MembersRequest::toJson() const
{
    return {{keys::room, room}};
}

std::optional<UsersRequest> UsersRequest::fromJson(JsonReader& r)
{
    UsersRequest f;
    f.query = readQuery(r, /*required=*/true);
    f.limit = readLimit(r, limits::usersDefault);
    return r.ok() ? std::optional(f) : std::nullopt;
}

QJsonObject UsersRequest::toJson() const
{
    return {{keys::query, query}, {keys::limit, limit}};
}

std::optional<RoomAnswer> RoomAnswer::fromJson(JsonReader& r)
{
    const auto room = detail::readNested<RoomInfo>(r, keys::room);
    return room ? std::optional(RoomAnswer {*room}) : std::nullopt;
}

QJsonObject RoomAnswer::toJson() const
{
    return {{keys::room, room.toJson()}};
}

std::optional<RoomsAnswer> RoomsAnswer::fromJson(JsonReader& r)
{
    RoomsAnswer f;
    f.rooms = detail::readNestedList<RoomInfo>(r, keys::rooms, detail::kAnswerListMax);
    return r.ok() ? std::optional(f) : std::nullopt;
}

QJsonObject RoomsAnswer::toJson() const
{
    return {{keys::rooms, detail::toJsonObjects(rooms)}};
}

std::optional<MembersAnswer> MembersAnswer::fromJson(JsonReader& r)
{
    MembersAnswer f;
    // `room` is our addition to the contract's answer, so a peer that omits it is still valid.
    f.room = r.optionalId(keys::room).value_or(QString());
    f.members = detail::readNestedList<MemberInfo>(r, keys::members, detail::kAnswerListMax);
    return r.ok() ? std::optional(f) : std::nullopt;
}

QJsonObject MembersAnswer::toJson() const
{
    QJsonObject o {{keys::members, detail::toJsonObjects(members)}};
    if (!room.isEmpty())
        o.insert(keys::room, room);
    return o;
}

std::optional<UsersAnswer> UsersAnswer::fromJson(JsonReader& r)
{
    UsersAnswer f;
    f.users = detail::readNestedList<UserInfo>(r, keys::users, detail::kAnswerListMax);
    return r.ok() ? std::optional(f) : std::nullopt;
}

QJsonObject UsersAnswer::toJson() const
{
    return {{keys::users, detail::toJsonObjects(users)}};
}

std::optional<RoomAddedPush> RoomAddedPush::fromJson(JsonReader& r)
{
    const auto room = detail::readNested<RoomInfo>(r, keys::room);
    return room ? std::optional(RoomAddedPush {*room}) : std::nullopt;
}

QJsonObject RoomAddedPush::toJson() const
{
    return {{keys::room, room.toJson()}};
}

std::optional<RoomRemovedPush> RoomRemovedPush::fromJson(JsonReader& r)
{
    RoomRemovedPush f;
    f.room = r.id(keys::room);
    return r.ok() ? std::optional(f) : std::nullopt;
}

QJsonObject RoomRemovedPush::toJson() const
{
    return {{keys::room, room}};
}

} // namespace palaver
