#pragma once
// Every `type` value of protocol v1. Some names travel both ways (`typing`, `presence`,
// `rooms`, `history`): the direction decides which frame they are, not this enum.
#include <QString>
#include <optional>

namespace palaver {

enum class FrameType {
    // Authentication and session
    Register,
    Login,
    Resume,
    Logout,
    Ping,
    Pong,
    Welcome,
    Ok,
    Error,
    // Rooms
    CreateRoom,
    OpenDirect,
    Join,
    Leave,
    Invite,
    Kick,
    Rooms,
    Directory,
    Members,
    Users,
    Room,
    RoomAdded,
    RoomRemoved,
    // Events
    Send,
    Edit,
    Delete,
    React,
    History,
    Sync,
    Synced,
    Ack,
    Event,
    // Realtime state
    Read,
    Receipt,
    Badge,
    Typing,
    Presence,
    // Rich messaging
    Search,
    SearchResults,
};

/// Wire name, e.g. "create_room".
QString toString(FrameType type);
/// Parses a wire name; nullopt for unknown types (answered `unknown_type`).
std::optional<FrameType> frameTypeFromString(QStringView name);

} // namespace palaver
