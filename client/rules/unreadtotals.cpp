#include "client/rules/unreadtotals.h"

namespace palaver::client {

qint64 UnreadTotals::unread(const QList<RoomInfo>& rooms)
{
    qint64 total = 0;
    for (const RoomInfo& room : rooms)
        total += room.self ? room.self->unread : 0;
    return total;
}

qint64 UnreadTotals::mentions(const QList<RoomInfo>& rooms)
{
    qint64 total = 0;
    for (const RoomInfo& room : rooms)
        total += room.self ? room.self->mentions : 0;
    return total;
}

} // namespace palaver::client
