#include "shared/frametype.h"

#include <QHash>
#include <array>
#include <utility>

namespace palaver {
namespace {
constexpr std::array kNames {
    std::pair {FrameType::Register, "register"},
    std::pair {FrameType::Login, "login"},
    std::pair {FrameType::Resume, "resume"},
    std::pair {FrameType::Logout, "logout"},
    std::pair {FrameType::Ping, "ping"},
    std::pair {FrameType::Pong, "pong"},
    std::pair {FrameType::Welcome, "welcome"},
    std::pair {FrameType::Ok, "ok"},
    std::pair {FrameType::Error, "error"},
    std::pair {FrameType::CreateRoom, "create_room"},
    std::pair {FrameType::OpenDirect, "open_direct"},
    std::pair {FrameType::Join, "join"},
    std::pair {FrameType::Leave, "leave"},
    std::pair {FrameType::Invite, "invite"},
    std::pair {FrameType::Kick, "kick"},
    std::pair {FrameType::Rooms, "rooms"},
    std::pair {FrameType::Directory, "directory"},
    std::pair {FrameType::Members, "members"},
    std::pair {FrameType::Users, "users"},
    std::pair {FrameType::Room, "room"},
    std::pair {FrameType::RoomAdded, "room_added"},
    std::pair {FrameType::RoomRemoved, "room_removed"},
    std::pair {FrameType::Send, "send"},
    std::pair {FrameType::Edit, "edit"},
    std::pair {FrameType::Delete, "delete"},
    std::pair {FrameType::React, "react"},
    std::pair {FrameType::History, "history"},
    std::pair {FrameType::Sync, "sync"},
    std::pair {FrameType::Synced, "synced"},
    std::pair {FrameType::Ack, "ack"},
    std::pair {FrameType::Event, "event"},
    std::pair {FrameType::Read, "read"},
    std::pair {FrameType::Receipt, "receipt"},
    std::pair {FrameType::Badge, "badge"},
    std::pair {FrameType::Typing, "typing"},
    std::pair {FrameType::Presence, "presence"},
    std::pair {FrameType::Search, "search"},
    std::pair {FrameType::SearchResults, "search_results"},
};

const QHash<QString, FrameType>& byName()
{
    static const QHash<QString, FrameType> table = [] {
        QHash<QString, FrameType> t;
        for (const auto& [value, name] : kNames)
            t.insert(QLatin1String(name), value);
        return t;
    }();
    return table;
}
} // namespace

QString toString(FrameType type)
{
    for (const auto& [value, name] : kNames) {
        if (value == type)
            return QLatin1String(name);
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<FrameType> frameTypeFromString(QStringView name)
{
    const auto it = byName().constFind(name.toString());
    if (it == byName().cend())
        return std::nullopt;
    return *it;
}

} // namespace palaver
