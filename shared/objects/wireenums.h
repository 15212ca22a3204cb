#pragma once
// The small string enumerations of protocol v1 (room kinds, roles, presence, event kinds).
#include <QString>
#include <optional>

namespace palaver {

enum class RoomKind { Public, Group, Direct };
enum class Role { Member, Admin, Owner }; ///< ordered: a higher role may do what a lower may
enum class PresenceStatus { Offline, Online, Away };
enum class EventKind { Message, Edit, Delete, Reaction, MemberJoin, MemberLeave, RoomUpdate };

QString toString(RoomKind kind);
QString toString(Role role);
QString toString(PresenceStatus status);
QString toString(EventKind kind);

std::optional<RoomKind> roomKindFromString(const QString& s);
std::optional<Role> roleFromString(const QString& s);
std::optional<PresenceStatus> presenceFromString(const QString& s);
std::optional<EventKind> eventKindFromString(const QString& s);

} // namespace palaver
