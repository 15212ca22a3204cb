#pragma once
// The unread number the window title and tray show.
#include "shared/objects/roominfo.h"

#include <QList>

namespace palaver::client {

/// Sums of the per-room badge numbers.
class UnreadTotals
{
public:
    /// Sum of every room's unread count (rooms without membership data count 0).
    static qint64 unread(const QList<RoomInfo>& rooms);
    /// Sum of every room's mention count.
    static qint64 mentions(const QList<RoomInfo>& rooms);
};

} // namespace palaver::client
