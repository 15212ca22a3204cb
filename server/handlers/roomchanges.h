#pragma once
// What a membership-changing request did, so its completion can update the roster and push
// in commit order.
#include "shared/objects/event.h"
#include "shared/objects/roominfo.h"

#include <QList>

namespace palaver::server {

struct RoomChange
{
    qint64 roomId = 0;
    RoomInfo callerView; ///< the room as the requester sees it (the `room` answer)
    QList<std::pair<qint64, RoomInfo>> added; ///< users who joined, with their own view
    QList<qint64> removed; ///< users who left or were kicked
    QList<Event> events; ///< member_join/member_leave events appended, in seq order
};

} // namespace palaver::server
