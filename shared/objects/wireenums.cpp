#include "shared/objects/wireenums.h"

#include <array>
#include <utility>

namespace palaver {
namespace {
constexpr std::array kRoomKinds {std::pair {RoomKind::Public, "public"},
    std::pair {RoomKind::Group, "group"}, std::pair {RoomKind::Direct, "direct"}};
constexpr std::array kRoles {std::pair {Role::Member, "member"}, std::pair {Role::Admin, "admin"},
    std::pair {Role::Owner, "owner"}};
constexpr std::array kPresence {std::pair {PresenceStatus::Offline, "offline"},
    std::pair {PresenceStatus::Online, "online"}, std::pair {PresenceStatus::Away, "away"}};
constexpr std::array kEventKinds {std::pair {EventKind::Message, "message"},
    std::pair {EventKind::Edit, "edit"}, std::pair {EventKind::Delete, "delete"},
    std::pair {EventKind::Reaction, "reaction"}, std::pair {EventKind::MemberJoin, "member_join"},
    std::pair {EventKind::MemberLeave, "member_leave"},
    std::pair {EventKind::RoomUpdate, "room_update"}};

template <class Table, class E> QString nameOf(const Table& table, E value)
{
    for (const auto& [v, name] : table) {
        if (v == value)
            return QLatin1String(name);
    }
    return {};
}

template <class E, class Table> std::optional<E> valueOf(const Table& table, const QString& s)
{
    for (const auto& [v, name] : table) {
        if (s == QLatin1String(name))
            return v;
    }
    return std::nullopt;
}
} // namespace

QString toString(RoomKind kind)
{
    return nameOf(kRoomKinds, kind);
}
QString toString(Role role)
{
    return nameOf(kRoles, role);
}
QString toString(PresenceStatus status)
{
    return nameOf(kPresence, status);
}
QString toString(EventKind kind)
{
    return nameOf(kEventKinds, kind);
}

std::optional<RoomKind> roomKindFromString(const QString& s)
{
    return valueOf<RoomKind>(kRoomKinds, s);
}
std::optional<Role> roleFromString(const QString& s)
{
    return valueOf<Role>(kRoles, s);
}
std::optional<PresenceStatus> presenceFromString(const QString& s)
{
    return valueOf<PresenceStatus>(kPresence, s);
}
std::optional<EventKind> eventKindFromString(const QString& s)
{
    return valueOf<EventKind>(kEventKinds, s);
}

} // namespace palaver
