#pragma once
// Frames of the Rooms section.
#include "shared/frametype.h"
#include "shared/objects/memberinfo.h"
#include "shared/objects/roominfo.h"
#include "shared/objects/userinfo.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>
#include <optional>

namespace palaver {
class JsonReader;

struct CreateRoomRequest
{
    static constexpr FrameType kType = FrameType::CreateRoom;
    RoomKind kind = RoomKind::Group; ///< public or group; direct rooms come from open_direct
    QString name; ///< trimmed, 1..100
    QString topic;
    QStringList members;
    static std::optional<CreateRoomRequest> fromJson(JsonReader& r);
    QJsonObject toJson() const;
};

struct OpenDirectRequest
{
    static constexpr FrameType kType = FrameType::OpenDirect;
    QString user;
    static std::optional<OpenDirectRequest> fromJson(JsonReader& r);
    QJsonObject toJson() const;
};

struct JoinRequest
{
    static constexpr FrameType kType = FrameType::Join;
    QString room;
    static std::optional<JoinRequest> fromJson(JsonReader& r);
    QJsonObject toJson() const;
};

struct LeaveRequest
{
    static constexpr FrameType kType = FrameType::Leave;
    QString room;
    static std::optional<LeaveRequest> fromJson(JsonReader& r);
    QJsonObject toJson() const;
};

struct InviteRequest
{
    static constexpr FrameType kType = FrameType::Invite;
    QString room;
    QString user;
    static std::optional<InviteRequest> fromJson(JsonReader& r);
    QJsonObject toJson() const;
};

struct KickRequest
{
    static constexpr FrameType kType = FrameType::Kick;
    QString room;
    QString user;
    static std::optional<KickRequest> fromJson(JsonReader& r);
    QJsonObject toJson() const;
};

struct RoomsRequest
{
    static constexpr FrameType kType = FrameType::Rooms;
    static std::optional<RoomsRequest> fromJson(JsonReader& r);
    QJsonObject toJson() const { return {}; }
};

struct DirectoryRequest
{
    static constexpr FrameType kType = FrameType::Directory;
    QString query; ///< empty lists every public room
    int limit = 50; ///< 1..200
    static std::optional<DirectoryRequest> fromJson(JsonReader& r);
    QJsonObject toJson() const;
};

struct MembersRequest
{
    static constexpr FrameType kType = FrameType::Members;
    QString room;
    static std::optional<MembersRequest> fromJson(JsonReader& r);
    QJsonObject toJson() const;
};

struct UsersRequest
{
    static constexpr FrameType kType = FrameType::Users;
    QString query; ///< matched against username and display name prefix/substring
    int limit = 20; ///< 1..200
    static std::optional<UsersRequest> fromJson(JsonReader& r);
    QJsonObject toJson() const;
};

struct RoomAnswer
{
    static constexpr FrameType kType = FrameType::Room;
    RoomInfo room;
    static std::optional<RoomAnswer> fromJson(JsonReader& r);
    QJsonObject toJson() const;
};

/// Answer to `rooms` and to `directory`.
struct RoomsAnswer
{
    static constexpr FrameType kType = FrameType::Rooms;
    QList<RoomInfo> rooms;
    static std::optional<RoomsAnswer> fromJson(JsonReader& r);
    QJsonObject toJson() const;
};

struct MembersAnswer
{
    static constexpr FrameType kType = FrameType::Members;
    QString room; ///< echoed so a client can route the answer without bookkeeping
    QList<MemberInfo> members;
    static std::optional<MembersAnswer> fromJson(JsonReader& r);
    QJsonObject toJson() const;
};

struct UsersAnswer
{
    static constexpr FrameType kType = FrameType::Users;
    QList<UserInfo> users;
    static std::optional<UsersAnswer> fromJson(JsonReader& r);
    QJsonObject toJson() const;
};

struct RoomAddedPush
{
    static constexpr FrameType kType = FrameType::RoomAdded;
    RoomInfo room;
    static std::optional<RoomAddedPush> fromJson(JsonReader& r);
    QJsonObject toJson() const;
};

struct RoomRemovedPush
{
    static constexpr FrameType kType = FrameType::RoomRemoved;
    QString room;
    static std::optional<RoomRemovedPush> fromJson(JsonReader& r);
    QJsonObject toJson() const;
};

} // namespace palaver
